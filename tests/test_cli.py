"""The command line: round trip on the seed, output formats, every bad-input case."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from govreport_nlp.cli import app

from .conftest import SEED


def _plain(message: str) -> str:
    """``message`` without the error codes ([E123]) of the catalogue."""
    return re.sub(r"\[[EW]\d{3}\] ", "", message)


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
        assert record["text"][span["start"] : span["end"]] == span["text"]
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
    lines = [
        json.dumps(
            {
                "id": "r1",
                "text": "新建公园1个、游园3个。",
                "year": 2023,
                "spans": [{"start": 0, "end": 1, "label": "ORG", "text": "新"}],
            },
            ensure_ascii=False,
        )
    ]
    result = run("extract", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "r1" and record["year"] == 2023
    assert [s["text"] for s in record["spans"]] == ["1个", "3个"]


@pytest.mark.parametrize(
    "bad, fragment",
    [
        ("{not json", "bad.jsonl, line 2: not valid JSON"),
        ('{"id": "x2"}', "bad.jsonl, line 2 (record id 'x2'): the record has no 'text' field"),
        ('{"id": "x2", "text": ["列表"]}', "bad.jsonl, line 2 (record id 'x2'): 'text' must be a string, not list"),
    ],
)
def test_bad_record_is_named_skipped_and_the_rest_written(tmp_path, bad, fragment):
    src = tmp_path / "bad.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "新增市场主体6613户。"}, ensure_ascii=False),
                bad,
                json.dumps({"id": "c", "text": "治理窨井盖2609座。"}, ensure_ascii=False),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
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
    assert [(r["text"], r["unit"], r["indicator"]) for r in rows] == [
        ("1630万元", "元", "创业担保贷款"),
        ("2835人", "人", "城镇就业"),
    ]
    table = run("extract", str(text), "--format", "table")
    assert "1630万元" in table.stdout and "创业担保贷款" in table.stdout and "METRIC" in table.stdout
    wrong = run("extract", str(text), "--format", "xml")
    assert wrong.exit_code == 2 and "Unknown output format 'xml'" in wrong.stderr


def test_console_script_runs_as_a_module(tmp_path):
    out = tmp_path / "m.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "govreport_nlp.cli", "extract", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == SEED.stem


# ----------------------------------------------------------------------------- issue 11: never lose a record
import os  # noqa: E402
import shutil  # noqa: E402
from decimal import Decimal  # noqa: E402

import govreport_nlp.pipeline  # noqa: E402

GOOD = [
    json.dumps({"id": "a", "text": "新增市场主体6613户。"}, ensure_ascii=False),
    json.dumps({"id": "c", "text": "治理窨井盖2609座。"}, ensure_ascii=False),
]


@pytest.fixture(autouse=True)
def shared_pipeline(nlp, monkeypatch):
    """The CLI loads the shipped pipeline once for this module (a --model path still loads)."""
    real = govreport_nlp.pipeline.load
    monkeypatch.setattr(govreport_nlp.pipeline, "load", lambda path=None, **kw: nlp if path is None else real(path))
    return nlp


@pytest.fixture
def no_model_load(monkeypatch):
    """Fails the test if the model is loaded (options must be checked before)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded before the options were checked")

    monkeypatch.setattr(govreport_nlp.pipeline, "load", refuse)


def _batch(tmp_path, bad: bytes, name="in.jsonl"):
    src = tmp_path / name
    src.write_bytes(GOOD[0].encode() + b"\n" + bad + b"\n" + GOOD[1].encode() + b"\n")
    return src


def _ids(path):
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_output_onto_an_input_is_refused_before_anything_is_opened(tmp_path, no_model_load, spelling):
    src = _batch(tmp_path, b"")
    before = src.read_bytes()
    if spelling == "same":
        target = str(src)
    elif spelling == "dotted":
        (tmp_path / "sub").mkdir()
        target = str(tmp_path / "sub" / ".." / "." / src.name)
    elif spelling == "symlink":
        target = str(tmp_path / "link.jsonl")
        os.symlink(src, target)
    else:
        target = str(tmp_path / "hard.jsonl")
        os.link(src, target)
    result = run("extract", str(src), "-o", target)
    assert result.exit_code == 2
    assert _plain(result.stderr).startswith(f"✘ Refusing to write '{target}': it is the input '{src}'.")
    assert src.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    "bad, fragment",
    [
        (b'{"id": "b", "text": "x\\ud800y"}', "in.jsonl, line 2 (record id 'b'): the text holds a lone surrogate"),
        (
            b'{"id": "\\udc80", "text": "xy"}',
            "in.jsonl, line 2 (record id '\\udc80'): the id holds a lone surrogate (U+DC80)",
        ),
        (b"[" * 1000, "in.jsonl, line 2: the JSON is nested too deeply to read"),
        (
            b'{"id": "b", "text": "xy", "w": Infinity}',
            "in.jsonl, line 2: not valid JSON (Infinity is not a JSON number)",
        ),
        (b'{"id": "b", "text": "\xff\xfe"}', "in.jsonl, line 2: the line is not valid UTF-8"),
    ],
)
def test_each_bad_record_is_one_line_and_every_other_record_is_written(tmp_path, bad, fragment):
    src = _batch(tmp_path, bad)
    out = tmp_path / "out.jsonl"
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 1, result.output
    problems = [line for line in result.stderr.splitlines() if line.startswith("✘")]
    assert len(problems) == 1 and fragment in problems[0]
    assert _ids(out) == ["a", "c"]
    assert "Traceback" not in result.stderr


def test_a_5000_digit_number_is_written_exactly(tmp_path):
    digits = "4" * 5000
    src = _batch(tmp_path, json.dumps({"id": "b", "text": f"发放{digits}元。"}).encode())
    out = tmp_path / "out.jsonl"
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1], parse_int=Decimal)
    assert str(record["spans"][0]["value"]) == digits
    assert [json.loads(line, parse_int=Decimal)["id"] for line in lines] == ["a", "b", "c"]


def test_a_record_longer_than_max_length_is_split_not_refused(tmp_path, shared_pipeline):
    from govreport_nlp.chunking import split_text

    paragraphs = ["全年新增市场主体6613户，增长29%。", "治理窨井盖2609座，发放创业担保贷款1630万元。"] * 10
    text = "\n".join(paragraphs)
    src = _batch(tmp_path, json.dumps({"id": "long", "text": text}, ensure_ascii=False).encode())
    out = tmp_path / "out.jsonl"
    saved = shared_pipeline.max_length
    shared_pipeline.max_length = 60
    try:
        result = run("extract", str(src), "-o", str(out))
    finally:
        shared_pipeline.max_length = saved
    assert result.exit_code == 0, result.output
    record = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()][1]
    assert record["text"] == text
    expected = []
    for start, end in split_text(text, 60):
        for span in govreport_nlp.extract(text[start:end], nlp=shared_pipeline).spans:
            expected.append([span.start + start, span.end + start, span.text])
    assert [[s["start"], s["end"], s["text"]] for s in record["spans"]] == expected
    assert len(expected) == 40


@pytest.mark.parametrize(
    "make_target, fragment",
    [
        (lambda d: d / "missing" / "out.jsonl", "does not exist"),
        (lambda d: d / "afile.txt" / "out.jsonl", "is not a directory"),
        (lambda d: d, "it is a directory"),
    ],
)
def test_an_unusable_output_path_is_refused_before_the_model_loads(tmp_path, no_model_load, make_target, fragment):
    src = _batch(tmp_path, b"")
    (tmp_path / "afile.txt").write_text("x", encoding="utf-8")
    result = run("extract", str(src), "-o", str(make_target(tmp_path)))
    assert result.exit_code == 2
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write into any directory")
def test_an_unwritable_directory_is_refused_before_the_model_loads(tmp_path, no_model_load):
    src = _batch(tmp_path, b"")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = run("extract", str(src), "-o", str(locked / "out.jsonl"))
    assert result.exit_code == 2 and "not writable" in result.stderr


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--n-process", "0"], "Invalid value for --n-process: 0."),
        (["--batch-size", "0"], "Invalid value for --batch-size: 0."),
        (["--progress-every", "-1"], "Invalid value for --progress-every"),
        (["--resume"], "--resume needs --output FILE"),
        (["--resume", "-o", "x.csv", "--format", "csv"], "--resume needs --output FILE and the jsonl format"),
    ],
)
def test_bad_options_are_usage_errors_before_the_model_loads(tmp_path, no_model_load, args, fragment):
    src = _batch(tmp_path, b"")
    result = run("extract", str(src), *args)
    assert result.exit_code == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_a_bom_does_not_cost_the_first_record(tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + GOOD[0].encode() + b"\n" + GOOD[1].encode() + b"\n")
    result = run("extract", str(src))
    assert result.exit_code == 0, result.output
    assert [json.loads(l)["id"] for l in result.stdout.splitlines()] == ["a", "c"]


def test_stdin_with_bytes_that_are_not_utf8():
    result = runner.invoke(app, ["extract", "-"], input=b"abc\xff\xfe\xe5\xa2\x9e29%")
    assert result.exit_code == 1
    assert _plain(result.stderr).startswith("✘ <stdin>: the text is not valid UTF-8 (invalid start byte at byte 3).")
    lines = GOOD[0].encode() + b"\n" + b'{"id": "b", "text": "\xff"}\n' + GOOD[1].encode() + b"\n"
    result = runner.invoke(app, ["extract", "-"], input=lines)
    assert result.exit_code == 1 and "<stdin>, line 2: the line is not valid UTF-8" in result.stderr
    assert [json.loads(l)["id"] for l in result.stdout.splitlines()] == ["a", "c"]


def test_evaluate_with_a_lone_surrogate_in_the_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    good = {
        "id": "g1",
        "text": "治理窨井盖2609座。",
        "spans": [{"start": 5, "end": 10, "label": "METRIC", "text": "2609座"}],
    }
    gold.write_text(
        json.dumps(good, ensure_ascii=False) + "\n\n" + '{"id": "g2", "text": "x\\ud800", "spans": []}\n',
        encoding="utf-8",
    )
    result = run("evaluate", str(gold), "--json")
    assert result.exit_code == 1
    assert "gold.jsonl, line 3 (record id 'g2'): the text holds a lone surrogate (U+D800)" in result.stderr
    assert json.loads(result.stdout)["METRIC"]["exact"]["r"] == 1.0


def test_a_tampered_model_is_one_line_naming_the_file(tmp_path):
    from govreport_nlp.pipeline import default_model_path

    model = tmp_path / "model"
    shutil.copytree(default_model_path(), model)
    cfg = model / "config.cfg"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("annotate_ents = true", 'annotate_ents = "yes"', 1), encoding="utf-8"
    )
    src = _batch(tmp_path, b"")
    for command in (["extract", str(src)], ["evaluate", str(src)]):
        result = run(*command, "--model", str(model))
        assert result.exit_code == 2
        (line,) = result.stderr.strip().splitlines()
        assert f"{cfg} is invalid" in line and "annotate_ents" in line


def test_csv_cells_that_would_be_formulas_are_neutralised(tmp_path):
    src = tmp_path / "f.jsonl"
    src.write_text(
        json.dumps({"id": "=cmd|' /C calc'!A0", "text": "@SUM(1+1)新建公园1个。"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    result = run("extract", str(src), "--format", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["id"] == "'=cmd|' /C calc'!A0"
    assert row["text"] == "1个" and row["value"] == "1"
    from govreport_nlp.output import csv_safe

    assert [csv_safe(x) for x in ["+1", "-x", "\tA", "\rB", "ok", -5]] == ["'+1", "'-x", "'\tA", "'\rB", "ok", -5]


def test_a_component_error_is_caught_per_record_with_its_id(tmp_path, shared_pipeline, monkeypatch):
    component = shared_pipeline.get_pipe("govreport_awards")
    original = type(component).__call__

    def fail_on_marker(self, doc):
        if "炸" in doc.text:
            raise ZeroDivisionError("planted")
        return original(self, doc)

    monkeypatch.setattr(type(component), "__call__", fail_on_marker)
    src = _batch(tmp_path, json.dumps({"id": "b", "text": "炸"}, ensure_ascii=False).encode())
    out = tmp_path / "out.jsonl"
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 1
    assert (
        "✘ " + str(src) + ", line 2 (record id 'b'): component 'govreport_awards' failed on this record "
        "(ZeroDivisionError: planted)"
    ) in _plain(result.stderr)
    assert "Traceback" not in result.stderr
    assert _ids(out) == ["a", "c"]
    debug = run("extract", str(src), "-o", str(out), "--debug")
    assert "Traceback" in debug.stderr and "ZeroDivisionError: planted" in debug.stderr


def test_an_interrupted_run_keeps_the_old_file_and_resume_finishes_it(tmp_path, monkeypatch):
    from govreport_nlp import output as output_module

    lines = [json.dumps({"id": f"r{i}", "text": f"新建公园{i + 1}个。"}, ensure_ascii=False) for i in range(6)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    real_write = output_module.RecordWriter.write
    calls = {"n": 0}

    def interrupt_after_three(self, record):
        if calls["n"] == 3:
            raise KeyboardInterrupt
        calls["n"] += 1
        real_write(self, record)

    monkeypatch.setattr(output_module.RecordWriter, "write", interrupt_after_three)
    result = run("extract", str(src), "-o", str(out))
    assert result.exit_code == 130
    assert "Interrupted: 3 record(s) written" in result.stderr and "--resume" in result.stderr
    assert out.read_text(encoding="utf-8") == "old\n"  # the old file, untouched
    part = tmp_path / "out.jsonl.part"
    assert _ids(part) == ["r0", "r1", "r2"]
    with part.open("a", encoding="utf-8") as stream:  # a line cut by a hard kill
        stream.write('{"id": "r3", "te')
    monkeypatch.setattr(output_module.RecordWriter, "write", real_write)
    result = run("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.output
    assert "an incomplete record left by an interrupted run" in result.stderr
    assert "--resume: 3 record(s) already in" in result.stderr
    assert _ids(out) == [f"r{i}" for i in range(6)]
    assert not part.exists()
    again = run("extract", str(src), "-o", str(out), "--resume")  # nothing left to do
    assert again.exit_code == 0 and _ids(out) == [f"r{i}" for i in range(6)]


def test_progress_lines_in_a_log_have_no_carriage_return(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": "新建公园1个。"}, ensure_ascii=False) for i in range(5)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(
        "extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--progress-every", "0.000001", "--batch-size", "1"
    )
    assert result.exit_code == 0, result.output
    progress = [l for l in result.stderr.splitlines() if l.startswith("progress: ")]
    assert progress and "records/s" in progress[-1] and "ETA" in progress[-1]
    assert "\r" not in result.stderr


def test_the_output_is_strict_json_on_every_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "发放" + "9" * 40 + ".5元。", "w": 1e308}) + "\n", encoding="utf-8")
    result = run("extract", str(src))
    assert result.exit_code == 0, result.output

    def refuse(name):
        raise AssertionError(f"{name} in the output")

    (record,) = [json.loads(l, parse_constant=refuse, parse_float=Decimal) for l in result.stdout.splitlines()]
    assert record["spans"][0]["value"] == Decimal("9" * 40 + ".5")
    assert record["w"] == Decimal("1E+308")


class _Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self._tty = tty

    def isatty(self):
        return self._tty


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_in_a_log():
    from govreport_nlp.progress import Progress

    terminal = _Stream(True)
    bar = Progress(total_bytes=1_000_000, stream=terminal, every=30)
    bar.update(10, 5000, 400_000)
    bar.close()
    assert "\r" in terminal.getvalue() and "10 records" in terminal.getvalue()
    log = _Stream(False)
    plain = Progress(total_bytes=1_000_000, stream=log, every=1e-9)
    plain.update(10, 5000, 500_000)
    (line,) = log.getvalue().splitlines()
    assert line.startswith("progress: 10 records, 5.0k chars in ") and "50% of the input, ETA" in line
    assert "\r" not in log.getvalue()
    quiet = _Stream(False)
    Progress(total_bytes=None, stream=quiet, every=0).update(5, 10, 10)
    assert quiet.getvalue() == ""
