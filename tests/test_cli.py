"""The command line: round trip on the seed, output formats, every bad-input case."""
import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from govreport_nlp.cli import app

from .conftest import SEED

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_round_trip_on_the_seed(tmp_path):
    out = tmp_path / "seed.jsonl"
    result = run("extract", str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == SEED.stem
    assert record["text"] == SEED.read_text(encoding="utf-8")
    assert record["spans"], "the seed report has quantities, organisations and honours"
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]
        assert span["label"] in {"METRIC", "ORG", "AWARD"}
        if span["label"] == "METRIC":
            assert {"value", "unit", "kind", "qualifier", "indicator"} <= span.keys()
        if span["label"] == "AWARD":
            assert {"level", "recipient"} <= span.keys()
    labels = {s["label"] for s in record["spans"]}
    assert labels == {"METRIC", "ORG", "AWARD"}


def test_output_matches_the_python_api(tmp_path):
    import govreport_nlp

    out = tmp_path / "o.jsonl"
    assert run("extract", str(SEED), "-o", str(out)).exit_code == 0
    cli_record = json.loads(out.read_text(encoding="utf-8"))
    api_record = govreport_nlp.extract(SEED.read_text(encoding="utf-8"), ids=[SEED.stem]).to_dict()
    assert cli_record == api_record


def test_jsonl_passthrough_and_stdin():
    lines = [json.dumps({"id": "r1", "text": "新建公园1个、游园3个。", "year": 2023,
                         "spans": [{"start": 0, "end": 1, "label": "ORG", "text": "新"}]}, ensure_ascii=False)]
    result = run("extract", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "r1" and record["year"] == 2023
    assert [s["text"] for s in record["spans"]] == ["1个", "3个"]


@pytest.mark.parametrize("bad, fragment", [
    ("{not json", "bad.jsonl, line 2: not valid JSON"),
    ('{"id": "x2"}', "bad.jsonl, line 2 (record id 'x2'): the record has no 'text' field"),
    ('{"id": "x2", "text": ["列表"]}', "bad.jsonl, line 2 (record id 'x2'): 'text' must be a string, not list"),
])
def test_bad_record_is_named_skipped_and_the_rest_written(tmp_path, bad, fragment):
    src = tmp_path / "bad.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "新增市场主体6613户。"}, ensure_ascii=False),
        bad,
        json.dumps({"id": "c", "text": "治理窨井盖2609座。"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 1
    assert fragment in result.stderr
    ids = [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a", "c"]


def test_unreadable_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("铺设水气暖管网8公里。", encoding="utf-8")
    result = run("extract", str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "good" and record["spans"][0]["text"] == "8公里"


def test_formats_json_csv_table(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("发放创业担保贷款1630万元，新增城镇就业2835人。", encoding="utf-8")
    as_json = run("extract", str(text), "--format", "json")
    assert as_json.exit_code == 0
    (record,) = json.loads(as_json.stdout)
    assert [s["value"] for s in record["spans"]] == [16300000, 2835]
    as_csv = run("extract", str(text), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["text"], r["unit"], r["indicator"]) for r in rows] == [("1630万元", "元", "创业担保贷款"),
                                                                    ("2835人", "人", "城镇就业")]
    table = run("extract", str(text), "--format", "table")
    assert "1630万元" in table.stdout and "创业担保贷款" in table.stdout and "METRIC" in table.stdout
    wrong = run("extract", str(text), "--format", "xml")
    assert wrong.exit_code == 2 and "Unknown output format 'xml'" in wrong.stderr


def test_console_script_runs_as_a_module(tmp_path):
    out = tmp_path / "m.jsonl"
    proc = subprocess.run([sys.executable, "-m", "govreport_nlp.cli", "extract", str(SEED), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == SEED.stem
