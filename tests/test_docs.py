"""The Python examples of the README run as written."""

import re

from .conftest import ROOT


def python_blocks(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_readme_python_examples_run(capsys):
    blocks = python_blocks(ROOT / "README.md")
    assert blocks, "the README shows Python examples"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "13.9万元 139000 元 amount" in out
    assert "AWARD 国家级科技企业孵化器 national 中关村e谷" in out
