"""``govreport-nlp render`` and ``govreport_nlp.render``: a displaCy page of the spans."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from govreport_nlp.cli import app
from govreport_nlp.render import LABEL_COLORS, parse_doc, render_page

from .conftest import SEED

runner = CliRunner()
TEXT = "中关村e谷获评国家级科技企业孵化器。\n减税降费3.44亿元，增长29%。"


def test_page_shows_every_span_whole_with_the_label_colours(nlp):
    doc = nlp(TEXT)
    page = render_page([("r<1>", doc)])
    assert page.lstrip().startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert {s.label_ for s in doc.spans["govreport"]} == {"METRIC", "ORG", "AWARD"}
    for span in doc.spans["govreport"]:
        assert span.text in page, span.text
    for color in LABEL_COLORS.values():
        assert color in page
    assert "r&lt;1&gt;: 2 METRIC, 1 ORG, 1 AWARD" in page, "the title is escaped"
    assert page.count('class="spans"') == 2, "one block per paragraph"


def test_pieces_are_cut_only_at_span_edges(nlp):
    doc = nlp("减税降费3.44亿元。")
    (parsed,) = parse_doc(doc)
    assert parsed["tokens"] == ["减税降费", "3.44亿元", "。"]
    assert parsed["spans"] == [{"start_token": 1, "end_token": 2, "label": "METRIC"}]


def test_render_command_writes_the_page(tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["render", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    for text in ("9634万元", "天马新材料", "全市扩大有效投资专项优胜单位"):
        assert text in page
    for color in LABEL_COLORS.values():
        assert color in page
    assert SEED.stem in page


def test_render_reports_bad_records_like_extract(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "在市委领导下，新建公园1个。"}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "c", "text": ["list"]}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "in.jsonl, line 2: not valid JSON" in result.stderr
    assert "in.jsonl, line 3 (record id 'c'): 'text' must be a string, not list" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "市委" in page and "1个" in page


def test_render_reads_stdin_and_writes_stdout():
    result = runner.invoke(app, ["render", "-"], input="中关村e谷获评国家级众创空间。")
    assert result.exit_code == 0, result.stderr
    assert "国家级众创空间" in result.stdout and LABEL_COLORS["AWARD"] in result.stdout
