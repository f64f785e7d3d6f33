"""A wheel carries the shipped pipeline: load it from any working directory.
``spacy package`` turns the shipped pipeline into an installable package.

Everything is built from copies in temporary directories: nothing is written
into the checkout (no build/, no egg-info).
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from govreport_nlp.tables import TABLES

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


def source_copy(dest):
    """The files a build needs, copied out of the checkout."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("govreport_nlp", "models"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    return dest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    src = source_copy(tmp_path_factory.mktemp("src"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        cwd=src,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    (whl,) = out.glob("govreport_nlp-*.whl")
    return whl


def test_wheel_contains_the_pipeline_and_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "govreport_nlp/models/govreport_zh/config.cfg",
        "govreport_nlp/models/govreport_zh/meta.json",
        "govreport_nlp/orgs/data/org_patterns.jsonl",
        "govreport_nlp/segmenter/user_dict.txt",
        *(f"govreport_nlp/{spec.location}" for spec in TABLES.values()),
    ):
        assert needed in names
    assert any(n.startswith("govreport_nlp/models/govreport_zh/tokenizer/pkuseg_model/") for n in names)


def test_installed_wheel_loads_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
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


PACKAGE_PROBE = """
import json, spacy
nlp = spacy.load("zh_govreport")
doc = nlp("发放各类奖补资金９６３４万元。")  # keep the doc: its span groups need it
print(json.dumps({"module": nlp.path and str(nlp.path), "name": nlp.meta["name"],
                  "spans": [(s.text, s._.value) for s in doc.spans["govreport"]]}, ensure_ascii=False))
"""


def test_spacy_package_installs_and_loads_offline(tmp_path):
    """``python -m spacy package models/govreport_zh OUT --build wheel`` builds zh_govreport, which
    loads after pip install with no network (``PIP_NO_INDEX``) and no checkout on the path."""
    model = tmp_path / "govreport_zh"
    shutil.copytree(ROOT / "models" / "govreport_zh", model)
    out = tmp_path / "pkg"
    out.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(model), str(out), "--force", "--build", "wheel"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (built,) = out.glob("zh_govreport-*/dist/zh_govreport-*.whl")
    target = tmp_path / "site"
    env = dict(os.environ, PIP_NO_INDEX="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(built)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    env = dict(os.environ, PYTHONPATH=str(target))
    proc = subprocess.run([sys.executable, "-c", PACKAGE_PROBE], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json

    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["module"].startswith(str(target))
    assert result["name"] == "govreport"
    assert result["spans"] == [["９６３４万元", 96340000]]
