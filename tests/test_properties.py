"""Property-based tests (hypothesis): no input crashes the normaliser, the record writer, the API
or the CLI; offsets stay inside the text; span text == record text[start:end]; output is strict JSON.

Texts mix CJK, numerals of every form (Chinese, 大写, Arabic, full-width, exponents), control
characters, lone surrogates and huge numbers. Profiles (tests/conftest.py): the default is
sized for CI; ``HYPOTHESIS_PROFILE=long`` runs 100,000 texts through the API and 5,000 batches
through the CLI.
"""

import io
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import govreport_nlp  # noqa: E402
import govreport_nlp.pipeline  # noqa: E402
from govreport_nlp.numerals import find_numerals, normalise  # noqa: E402
from govreport_nlp.output import FORMATS, RecordWriter  # noqa: E402
from govreport_nlp.records import DocumentRecord, SpanRecord  # noqa: E402

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
API_EXAMPLES = 100_000 if LONG else 400
CLI_EXAMPLES = 5_000 if LONG else 60
UNIT_EXAMPLES = 20_000 if LONG else 400

# ----------------------------------------------------------------------------- strategies
_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万亿兆两点半余多几第负壹贰叁肆伍陆柒捌玖拾佰仟"
_UNITS = [
    "元",
    "万元",
    "亿元",
    "%",
    "％",
    "个百分点",
    "平方米",
    "亩",
    "公里",
    "人次",
    "家",
    "户",
    "个",
    "倍",
    "名",
    "以上",
    "以内",
    "左右",
    "余",
    "多",
    "年",
    "月",
    "日",
    "号",
]
_WORDS = [
    "增长",
    "下降",
    "新增",
    "达到",
    "突破",
    "控制在",
    "荣获",
    "获评",
    "市委",
    "市政府",
    "有限公司",
    "分别",
    "、",
    "，",
    "。",
    "；",
    "“",
    "”",
    "\n",
    " ",
    "\u3000",
    "第",
    "至",
    "-",
    "~",
    "/",
    "分之",
    "e",
    "E",
    ".",
]

cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
fullwidth = st.sampled_from("０１２３４５６７８９．％，")
controls = st.sampled_from([chr(c) for c in range(0, 32)] + ["\x7f", "\u2028", "\u2029", "\ufeff", "\u200b"])
surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
arabic = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
huge = st.integers(min_value=20, max_value=6000).map(lambda n: "9" * n)
numeral = st.text(alphabet=_NUMERAL_CHARS, min_size=1, max_size=8)

piece = st.one_of(
    cjk,
    fullwidth,
    controls,
    surrogate,
    arabic,
    numeral,
    st.sampled_from(_UNITS),
    st.sampled_from(_WORDS),
    st.characters(),
)
texts = st.one_of(
    st.lists(piece, max_size=30).map("".join),
    st.lists(st.one_of(piece, huge), max_size=6).map("".join),
    st.text(max_size=40),
)


def _strict(name):
    raise AssertionError(f"{name} in the output: not strict JSON")


def _int(digits):
    return int(digits) if len(digits) < 4000 else Decimal(digits)


def _json_text(text):
    """``text`` as JSON reads it back: two lone surrogates that make a pair (\\ud800\\udc00) are one
    character to JSON; any other lone surrogate stays."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _loads(line):
    """Strict JSON with exact numbers: floats as Decimal, ints of any length; NaN/Infinity fail."""
    return json.loads(line, parse_constant=_strict, parse_float=Decimal, parse_int=_int)


def _check_record(record: DocumentRecord, text: str) -> None:
    assert record.text == text
    for span in record.spans:
        assert 0 <= span.start < span.end <= len(text), (span, len(text))
        assert span.text == text[span.start : span.end]
    line = record.to_json()
    line.encode("utf-8")
    back = _loads(line)
    assert back["text"] == _json_text(text)
    for span, out in zip(record.spans, back["spans"]):
        if isinstance(span.value, (int, Decimal)):
            assert out["value"] == span.value  # exact, at any length


# ----------------------------------------------------------------------------- the normaliser
@settings(max_examples=UNIT_EXAMPLES)
@given(texts)
def test_normaliser_and_numeral_finder_never_crash(text):
    norm = normalise(text)
    assert len(norm) == len(text)
    for x in find_numerals(text):
        assert 0 <= x.start < x.end <= len(text)
        assert x.text == text[x.start : x.end]


# ----------------------------------------------------------------------------- the record writer
values = st.one_of(
    st.none(),
    st.integers(),
    st.integers(min_value=10**3000, max_value=10**3000 + 10**6),
    st.floats(),
    st.decimals(),
    st.decimals(allow_nan=False, allow_infinity=False, places=40),
)


@st.composite
def records(draw):
    text = draw(texts)
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(["METRIC", "ORG", "AWARD"]))
        spans.append(
            SpanRecord(
                start,
                end,
                label,
                text[start:end],
                value=draw(values),
                unit=draw(st.one_of(st.none(), texts)),
                indicator=draw(st.one_of(st.none(), texts)),
                recipient=draw(st.one_of(st.none(), texts)),
            )
        )
    extra = draw(st.dictionaries(st.text(max_size=5), st.one_of(values, texts), max_size=3))
    return DocumentRecord(id=draw(texts), text=text, spans=spans, extra=extra)


@settings(max_examples=UNIT_EXAMPLES)
@given(records(), st.sampled_from(FORMATS))
def test_the_record_writer_always_writes_strict_utf8(record, fmt):
    stream = io.StringIO()
    writer = RecordWriter(stream, fmt)
    writer.write(record)
    writer.close()
    out = stream.getvalue()
    out.encode("utf-8")
    if fmt == "jsonl":
        back = _loads(out)
        assert back["text"] == _json_text(record.text) and back["id"] == _json_text(record.id)
        for span, written in zip(record.spans, back["spans"]):
            assert written["text"] == _json_text(record.text[written["start"] : written["end"]])
            if isinstance(span.value, (int, Decimal)) and span.label == "METRIC":
                if isinstance(span.value, int) or span.value.is_finite():
                    assert written["value"] == Decimal(span.value)
    elif fmt == "json":
        json.loads(out, parse_constant=_strict)
    elif fmt == "csv":
        import csv

        for row in csv.DictReader(io.StringIO(out)):
            for column in ("id", "text", "unit", "indicator", "recipient"):
                assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"))


# ----------------------------------------------------------------------------- the API
@pytest.fixture(scope="module")
def shared_nlp():
    return govreport_nlp.load()


@settings(max_examples=API_EXAMPLES)
@given(text=texts)
def test_the_api_takes_any_text(shared_nlp, text):
    record = govreport_nlp.extract(text, nlp=shared_nlp)
    _check_record(record, text)


@settings(max_examples=max(10, API_EXAMPLES // 50))
@given(text=st.lists(st.one_of(piece, st.just("\n"), st.just("。")), min_size=20, max_size=200).map("".join))
def test_splitting_never_loses_or_shifts_a_span(shared_nlp, text):
    saved = shared_nlp.max_length
    shared_nlp.max_length = 37
    try:
        record = govreport_nlp.extract(text, nlp=shared_nlp)
    finally:
        shared_nlp.max_length = saved
    _check_record(record, text)


# ----------------------------------------------------------------------------- the CLI
_BAD_LINES = [
    "{not json",
    "[" * 1200,
    '{"id": "n", "text": "x", "v": NaN}',
    '{"id": [1], "text": "x"}',
    '{"text": 5}',
    '{"id": "s", "text": "\\ud800"}',
    "\ufeff",
]


@pytest.fixture(scope="module")
def cli(shared_nlp):
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    with pytest.MonkeyPatch.context() as mp:
        real = govreport_nlp.pipeline.load
        mp.setattr(govreport_nlp.pipeline, "load", lambda path=None, **kw: shared_nlp if path is None else real(path))
        yield lambda args, **kw: CliRunner().invoke(app, args, **kw)


@settings(max_examples=CLI_EXAMPLES)
@given(
    batch=st.lists(
        st.one_of(texts.map(lambda t: ("ok", t)), st.sampled_from(_BAD_LINES).map(lambda b: ("bad", b))),
        min_size=1,
        max_size=6,
    ),
    fmt=st.sampled_from(["jsonl", "jsonl", "csv", "json"]),
)
def test_the_cli_reports_or_writes_every_record(cli, batch, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        lines = []
        for n, (kind, value) in enumerate(batch):
            lines.append(json.dumps({"id": f"r{n}", "text": value}) if kind == "ok" else value)
        src.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
        out = Path(tmp) / f"out.{fmt}"
        result = cli(["extract", str(src), "-o", str(out), "--format", fmt])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.stderr
        reported = [line for line in result.stderr.splitlines() if line.startswith("✘")]
        lone_bom = 1 if batch[0] == ("bad", "\ufeff") else 0  # a BOM alone on line 1 is not a record
        records_in = len(batch) - lone_bom
        bad_in = sum(1 for kind, _ in batch if kind == "bad") - lone_bom
        assert result.exit_code == (1 if reported else 0)
        assert len(reported) >= bad_in
        data = out.read_bytes().decode("utf-8")
        if fmt == "jsonl":
            written = [_loads(line) for line in data.splitlines()]  # one line each: NEL, LS, PS escaped
            assert len(written) + len(reported) == records_in
            for record in written:
                for span in record["spans"]:
                    assert span["text"] == record["text"][span["start"] : span["end"]]
        elif fmt == "json":
            json.loads(data, parse_constant=_strict)
