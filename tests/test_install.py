"""A wheel carries the shipped pipeline: load it from any working directory."""
import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

PROBE = """
import json, sys, govreport_nlp
from govreport_nlp.pipeline import default_model_path
nlp = govreport_nlp.load()
doc = nlp("发放各类奖补资金９６３４万元。")
print(json.dumps({"module": govreport_nlp.__file__, "model": str(default_model_path()),
                  "spans": [(s.text, s._.value) for s in doc.spans["govreport"]]}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (whl,) = out.glob("govreport_nlp-*.whl")
    return whl


def test_wheel_contains_the_pipeline_and_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("govreport_nlp/models/govreport_zh/config.cfg",
                   "govreport_nlp/models/govreport_zh/meta.json",
                   "govreport_nlp/patterns/units.json",
                   "govreport_nlp/segmenter/user_dict.txt"):
        assert needed in names
    assert any(n.startswith("govreport_nlp/models/govreport_zh/tokenizer/pkuseg_model/") for n in names)


def test_installed_wheel_loads_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json

    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["module"].startswith(str(target))
    assert result["model"].startswith(str(target))
    assert result["spans"] == [["９６３４万元", 96340000]]
