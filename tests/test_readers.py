"""Reading .txt, .jsonl and stdin inputs, and every bad-input case."""

import io
import json
import re

import pytest

from govreport_nlp.readers import InputProblem, InputRecord, read_inputs


def _plain(message: str) -> str:
    """``message`` without the error codes ([E123]) of the catalogue."""
    return re.sub(r"\[[EW]\d{3}\] ", "", message)


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_txt_file_is_one_document_named_by_stem(tmp_path):
    p = tmp_path / "report_2023.txt"
    p.write_text("全年新增市场主体6613户。\n第二段。", encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert len(items) == 1 and isinstance(items[0], InputRecord)
    assert items[0].id == "report_2023"
    assert items[0].text == "全年新增市场主体6613户。\n第二段。"


def test_jsonl_passes_other_keys_and_drops_spans(tmp_path):
    p = _write(
        tmp_path / "in.jsonl",
        [
            json.dumps({"id": "a", "text": "甲", "year": 2022, "spans": [{"start": 0}]}, ensure_ascii=False),
            json.dumps({"text": "乙"}, ensure_ascii=False),
            json.dumps({"id": 7, "text": "丙"}, ensure_ascii=False),
        ],
    )
    a, b, c = read_inputs([p])
    assert (a.id, a.text, a.extra) == ("a", "甲", {"year": 2022})
    assert b.id == "in-2" and b.extra == {}
    assert c.id == "7"


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('{"id": "x", "text": "甲"', "line 2: not valid JSON"),
        ('{"id": "x"}', "line 2 (record id 'x'): the record has no 'text' field"),
        ('{"id": "x", "text": 12}', "line 2 (record id 'x'): 'text' must be a string, not int"),
        ('["text"]', "line 2: a record must be a JSON object, not list"),
        ('{"id": [1], "text": "甲"}', "line 2 (record id [1]): 'id' must be a string or an integer"),
    ],
)
def test_bad_jsonl_line_is_reported_and_the_rest_is_read(tmp_path, line, fragment):
    p = _write(tmp_path / "batch.jsonl", ['{"id": "a", "text": "一"}', line, '{"id": "c", "text": "三"}'])
    items = list(read_inputs([p]))
    assert [type(i).__name__ for i in items] == ["InputRecord", "InputProblem", "InputRecord"]
    problem = items[1]
    assert problem.line == 2 and "batch.jsonl" in problem.message and fragment in problem.message
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["a", "c"]


def test_invalid_utf8_line_does_not_lose_the_others(tmp_path):
    p = tmp_path / "bytes.jsonl"
    p.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "\xff\xfe"}\n{"id": "c", "text": "y"}\n')
    items = list(read_inputs([str(p)]))
    assert isinstance(items[1], InputProblem) and "line 2" in _plain(items[1].message)
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["a", "c"]


def test_unreadable_and_unsupported_files_are_problems(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("文本", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "x.csv"), str(good)]))
    assert isinstance(items[0], InputProblem) and "missing.txt" in items[0].message
    assert isinstance(items[1], InputProblem) and "unsupported input type" in _plain(items[1].message)
    assert isinstance(items[2], InputRecord) and items[2].id == "ok"


def test_stdin_as_text_and_as_jsonl():
    (doc,) = read_inputs(["-"], stdin=io.StringIO("新建公园1个。"))
    assert doc.id == "stdin" and doc.text == "新建公园1个。"
    items = list(read_inputs(["-"], stdin=io.StringIO('{"id": "s1", "text": "甲"}\nnot json\n')))
    assert items[0].id == "s1" and isinstance(items[1], InputProblem) and "<stdin>, line 2" in _plain(items[1].message)


# ----------------------------------------------------------------------------- issue 11
from decimal import Decimal  # noqa: E402


def _around(tmp_path, bad_line, name="batch.jsonl"):
    p = tmp_path / name
    p.write_bytes(b'{"id": "a", "text": "\xe4\xb8\x80"}\n' + bad_line + b'\n{"id": "c", "text": "\xe4\xb8\x89"}\n')
    items = list(read_inputs([str(p)]))
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["a", "c"]
    (problem,) = [i for i in items if isinstance(i, InputProblem)]
    assert problem.line == 2 and _plain(problem.message).startswith(f"{p}, line 2")
    assert "\n" not in problem.message
    return problem.message


@pytest.mark.parametrize(
    "bad, fragment",
    [
        (
            b'{"id": "b", "text": "x\\ud800y"}',
            "(record id 'b'): the text holds a lone surrogate (U+D800) at character 1",
        ),
        (b'{"id": "b\\udfff", "text": "xy"}', "the id holds a lone surrogate (U+DFFF) at character 1"),
        (b'{"id": "b", "text": "xy", "meta": {"title": "\\ud83d"}}', "the meta.title holds a lone surrogate"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"id": "b", "text": "xy", "score": NaN}', "not valid JSON (NaN is not a JSON number)"),
        (b'{"id": "b", "text": "xy", "score": -Infinity}', "-Infinity is not a JSON number"),
        (b'{"id": 1.5, "text": "xy"}', "'id' must be a string or an integer, not float"),
    ],
)
def test_every_bad_record_is_one_line_and_the_rest_is_read(tmp_path, bad, fragment):
    assert fragment in _plain(_around(tmp_path, bad))


def test_a_bom_at_the_start_is_not_part_of_the_first_record(tmp_path):
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "\xe7\x94\xb2"}\n{"id": "b", "text": "\xe4\xb9\x99"}\n')
    assert [(i.id, i.text) for i in read_inputs([str(p)])] == [("a", "甲"), ("b", "乙")]
    t = tmp_path / "bom.txt"
    t.write_bytes(b"\xef\xbb\xbf\xe7\x94\xb2")
    (doc,) = read_inputs([str(t)])
    assert doc.text == "甲"


def test_numbers_of_other_keys_pass_through_exactly(tmp_path):
    p = tmp_path / "n.jsonl"
    p.write_text(
        '{"id": "a", "text": "甲", "big": ' + "9" * 5000 + ', "x": 0.10000000000000000001}\n', encoding="utf-8"
    )
    (item,) = read_inputs([str(p)])
    assert str(item.extra["big"]) == "9" * 5000
    assert item.extra["x"] == Decimal("0.10000000000000000001")


def _stdin(data: bytes):
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def test_stdin_bytes_that_are_not_utf8():
    (problem,) = read_inputs(["-"], stdin=_stdin(b"abc\xff\xfe\xe5\xa2\x9e29%\n"))
    assert isinstance(problem, InputProblem) and _plain(problem.message).startswith(
        "<stdin>: the text is not valid UTF-8"
    )
    items = list(
        read_inputs(
            ["-"], stdin=_stdin(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "y"}\n')
        )
    )
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["a", "c"]
    assert "<stdin>, line 2: the line is not valid UTF-8" in _plain(items[1].message)


def test_stdin_is_read_as_a_stream():
    """A JSONL stdin is read line by line: the first record comes before the stream ends."""

    def lines():
        yield b'{"id": "a", "text": "x"}\n'
        raise AssertionError("read past the first record")

    class Stream:
        buffer = lines()

    first = next(read_inputs(["-"], stdin=Stream()))
    assert first.id == "a"
