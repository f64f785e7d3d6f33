"""The engine-neutral scale-out core: exact span rows, a picklable annotator, the local pool."""

from __future__ import annotations

import json
import pickle
import re
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import pytest
from spacy.language import Language

from govreport_nlp.distributed.core import (
    SPAN_FIELDS,
    Annotator,
    annotate_records,
    number_from_text,
    number_text,
    span_from_row,
    span_to_row,
)
from govreport_nlp.extensions import LABEL_ATTRS

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_34a8036ec3219a01.txt"


def corpus(n: int = 300) -> List[Dict[str, object]]:
    """``n`` short records cut from the seed report: windows of 1-3 sentences, with an
    extra key to pass through, and full-width digits in every fifth record."""
    text = SEED.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[。；！？])", text) if s.strip()]
    to_full = str.maketrans("0123456789", "０１２３４５６７８９")
    records = []
    for i in range(n):
        start = (i * 7) % len(sentences)
        body = "".join(sentences[start : start + 1 + i % 3]).strip()
        if i % 5 == 4:
            body = body.translate(to_full)
        records.append({"id": f"doc-{i:04d}", "text": body, "batch": i % 4})
    return records


@pytest.mark.parametrize("value", [0, 7, 96340000, 2**60 + 1, -3, 0.29, 0.075, 1e-05, 1.2e20, 13.9, -0.5])
def test_number_text_is_exact_and_keeps_int_or_float(value):
    text = number_text(value)
    back = number_from_text(text)
    assert back == value and type(back) is type(value)
    assert "e" not in text.lower()


@pytest.mark.parametrize("text", ["0.5", "12345678901234567890123456789.123", "1.5E+400", "7", "-0.000001"])
def test_a_decimal_value_comes_back_as_the_same_decimal(text):
    value = Decimal(text)
    row = span_to_row({"start": 0, "end": 1, "label": "METRIC", "text": "x", "value": value})
    back = span_from_row(row)["value"]
    assert isinstance(back, Decimal) and str(back) == str(value)
    assert row["value"] is None or abs(row["value"] - float(value)) <= abs(float(value)) * 1e-15


def test_a_decimal_among_other_attributes_survives_the_json_column():
    span = {"start": 0, "end": 1, "label": "METRIC", "text": "x", "share": Decimal("0.3333333333333333333333333333")}
    assert span_from_row(span_to_row(span))["share"] == span["share"]


def test_span_rows_round_trip_every_span_of_the_seed(nlp, seed_text):
    from govreport_nlp.records import DocumentRecord

    spans = [s.to_dict() for s in DocumentRecord.from_doc(nlp(seed_text), "seed").spans]
    assert {s["label"] for s in spans} == {"METRIC", "ORG", "AWARD"}
    for span in spans:
        row = span_to_row(span)
        assert list(row) == [name for name, _ in SPAN_FIELDS]
        assert row["attrs"] is None
        back = span_from_row(row)
        assert back == span and list(back) == list(span)
        assert json.dumps(back, ensure_ascii=False) == json.dumps(span, ensure_ascii=False)


def test_values_that_do_not_fit_a_column_travel_as_json():
    span = {
        "start": 0,
        "end": 4,
        "label": "METRIC",
        "text": "三成以上",
        "value": "0.3+",
        "unit": None,
        "kind": "amount",
        "qualifier": "min",
        "indicator": None,
        "extra_key": [1, 2],
    }
    row = span_to_row(span)
    assert row["value"] is None and row["value_text"] is None
    assert json.loads(row["attrs"]) == {"value": "0.3+", "extra_key": [1, 2]}
    back = span_from_row(row)
    assert back["value"] == "0.3+" and back["extra_key"] == [1, 2]
    for name in LABEL_ATTRS["METRIC"]:
        assert name in back


def test_annotator_pickles_as_its_settings_not_the_pipeline(tmp_path):
    annotator = Annotator(tmp_path / "model", text_column="body")
    data = pickle.dumps(annotator)
    assert len(data) < 500
    clone = pickle.loads(data)
    assert clone.model == str(tmp_path / "model") and clone.text_column == "body"


def test_a_live_pipeline_is_refused(nlp):
    with pytest.raises(TypeError, match="model path or package name"):
        Annotator(nlp)


def test_a_missing_model_fails_at_setup_naming_the_path(tmp_path):
    with pytest.raises(RuntimeError, match=re.escape(str(tmp_path / "nowhere"))):
        Annotator(tmp_path / "nowhere").setup()


@Language.component("test_distributed_fails_on_marker")
def _fails_on_marker(doc):
    if "故障" in doc.text:
        raise ValueError("marker found")
    return doc


@pytest.fixture(scope="module")
def failing_model(tmp_path_factory, nlp):
    import govreport_nlp

    path = tmp_path_factory.mktemp("failing") / "model"
    broken = govreport_nlp.load()
    broken.add_pipe("test_distributed_fails_on_marker", after="govreport_numerals")
    broken.to_disk(path)
    return path


def test_a_bad_document_gives_an_error_value_and_the_others_go_on(failing_model):
    records = [
        {"id": "a", "text": "新增市场主体6613户。"},
        {"id": "b", "text": "设备故障导致停产3天。"},
        {"id": "c", "text": 17},
        {"id": "d", "text": "天马新材料荣获省级智能车间。"},
    ]
    out = list(annotate_records(records, model=failing_model))
    assert [r["id"] for r in out] == ["a", "b", "c", "d"]
    assert "error" not in out[0] and out[0]["spans"][0]["value"] == 6613
    assert "test_distributed_fails_on_marker" in out[1]["error"] and out[1]["spans"] == []
    assert "int" in out[2]["error"]
    assert {s["text"] for s in out[3]["spans"]} >= {"天马新材料", "省级智能车间"}


def test_records_keep_their_keys_in_the_record_format():
    out = list(
        annotate_records([{"text": "发放各类奖补资金9634万元。", "source": "x"}, {"id": 12, "text": "增长29%。"}])
    )
    assert list(out[0]) == ["id", "text", "source", "spans"]
    assert out[0]["id"] == "0" and out[1]["id"] == "12"
    assert out[0]["spans"][0]["value"] == 96340000


@pytest.mark.slow
def test_two_processes_give_exactly_the_records_of_one():
    records = corpus(300)
    one = list(annotate_records(records, n_process=1))
    two = list(annotate_records(iter(records), n_process=2, chunk_chars=3000))
    assert [r["id"] for r in two] == [r["id"] for r in records]
    assert sum(len(r["spans"]) for r in one) > 500
    assert json.dumps(two, ensure_ascii=False) == json.dumps(one, ensure_ascii=False)
    assert not any("error" in r for r in one)


def write_corpus(path: Path, records: List[Dict[str, object]]) -> Path:
    """``records`` as JSONL, with one malformed line after the tenth."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(10, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str):
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    return CliRunner().invoke(app, ["extract", *args])


@pytest.mark.slow
def test_cli_n_process_2_writes_the_same_records_and_reports_the_same_failures(tmp_path, failing_model):
    records = corpus(120)
    records[30]["text"] = "因设备故障，" + str(records[30]["text"])
    source = write_corpus(tmp_path / "in.jsonl", records)
    outputs = {}
    for name, extra in (("one", []), ("two", ["--n-process", "2"])):
        out = tmp_path / f"{name}.jsonl"
        result = run_cli(str(source), "-o", str(out), "--model", str(failing_model), *extra)
        assert result.exit_code == 1, result.output
        assert "line 11" in result.output and "doc-0030" in result.output
        assert "2 input record(s) could not be processed" in result.output
        outputs[name] = out.read_text(encoding="utf-8")
    lines = outputs["one"].splitlines()
    assert len(lines) == 119 and "doc-0030" not in outputs["one"]
    assert [json.loads(line)["id"] for line in lines][:3] == ["doc-0000", "doc-0001", "doc-0002"]
    assert outputs["two"] == outputs["one"]


def test_cli_refuses_an_unknown_backend(tmp_path):
    source = write_corpus(tmp_path / "in.jsonl", corpus(12))
    result = run_cli(str(source), "--backend", "dask")
    assert result.exit_code == 2 and "local, ray, spark" in result.output


@pytest.mark.parametrize("backend", ["local", "ray", "spark"])
def test_cli_a_broken_model_fails_before_any_worker_starts(tmp_path, backend):
    model = tmp_path / "broken"
    model.mkdir()
    (model / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    source = write_corpus(tmp_path / "in.jsonl", corpus(12))
    result = run_cli(str(source), "--model", str(model), "--backend", backend, "--workers", "2")
    assert result.exit_code == 2
    assert "pipeline" in result.output and str(model) in result.output
    assert "Traceback" not in result.output


def assert_engine_rows_are_the_local_records(got: list, records: list) -> None:
    """Rows from Ray or Spark, turned back into records, are exactly the one-process records
    of ``records`` (the corpus of :func:`corpus`), the bad record included with its error."""
    got = sorted(got, key=lambda r: r["id"])
    want = sorted(annotate_records(records), key=lambda r: r["id"])
    assert len(got) == len(records)
    assert sum(len(r["spans"]) for r in want) > 400
    assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
    bad = [r for r in got if r["id"] == "bad-0001"][0]
    assert "not a string" in bad["error"] and bad["spans"] == []
