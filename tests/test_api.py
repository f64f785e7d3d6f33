"""load() and extract(): the spans, their extensions and the record format."""

import pytest

import govreport_nlp
from govreport_nlp import DocumentRecord, SpanRecord


def test_load_gives_the_full_pipeline(nlp):
    assert nlp.pipe_names == ["govreport_numerals", "govreport_metrics", "govreport_orgs", "govreport_awards"]
    assert nlp.meta["name"] and nlp.meta["sources"]


def test_spans_live_in_the_group_with_guide_attributes(nlp):
    doc = nlp("全区规上工业企业亩均税收达到13.9万元，增长29%。")
    metrics = [s for s in doc.spans["govreport"] if s.label_ == "METRIC"]
    assert [(s.text, s._.value, s._.unit, s._.kind) for s in metrics] == [
        ("13.9万元", 139000, "元", "amount"),
        ("29%", 29, "%", "change"),
    ]
    assert metrics[0]._.indicator == metrics[1]._.indicator
    assert metrics[0]._.indicator.endswith("亩均税收")
    assert doc._.metrics == metrics


def test_extract_single_and_many():
    one = govreport_nlp.extract("新建4个应急避难场所。")
    assert isinstance(one, DocumentRecord) and one.id == "0"
    (metric,) = one.metrics
    assert isinstance(metric, SpanRecord)
    assert metric.to_dict() == {
        "start": 2,
        "end": 4,
        "label": "METRIC",
        "text": "4个",
        "value": 4,
        "high": None,
        "unit": "个",
        "kind": "amount",
        "qualifier": "exact",
        "indicator": "应急避难场所",
        "target": False,
    }
    many = govreport_nlp.extract(["治理窨井盖2609座。", "没有数字。"], ids=["a", "b"])
    assert [r.id for r in many] == ["a", "b"]
    assert [len(r.spans) for r in many] == [1, 0]
    assert many[1].to_dict() == {"id": "b", "text": "没有数字。", "spans": []}


def test_extract_rejects_non_text():
    with pytest.raises(TypeError, match="string"):
        govreport_nlp.extract(42)
    with pytest.raises(TypeError, match="int"):
        govreport_nlp.extract(["文本", 3])


def test_load_from_a_missing_path_names_it(tmp_path):
    with pytest.raises(OSError, match="No pipeline found"):
        govreport_nlp.load(tmp_path / "nowhere")


def test_value_in_converts_within_a_family(nlp):
    doc = nlp("减税降费3.44亿元，盘活闲置厂房8.36万平方米。")
    money, area = doc._.metrics
    assert money._.value_in("亿元") == pytest.approx(3.44)
    assert area._.value_in("万平方米") == pytest.approx(8.36)


# ----------------------------------------------------------------------------- issue 11: never lose a record
import json  # noqa: E402
import shutil  # noqa: E402
from decimal import Decimal  # noqa: E402

from govreport_nlp.chunking import split_text  # noqa: E402
from govreport_nlp.errors import GovReportModelError, GovReportProcessingError  # noqa: E402
from govreport_nlp.pipeline import default_model_path  # noqa: E402


def test_extract_refuses_ids_of_another_length():
    with pytest.raises(ValueError, match=r"got 1 id\(s\) for 2 text\(s\)"):
        govreport_nlp.extract(["治理窨井盖2609座。", "新建公园1个。"], ids=["a"])
    with pytest.raises(ValueError, match=r"got 3 id\(s\) for 2 text\(s\)"):
        govreport_nlp.extract(["治理窨井盖2609座。", "新建公园1个。"], ids=["a", "b", "c"])


def test_a_lone_surrogate_keeps_offsets_and_text():
    text = "甲\ud800乙新增市场主体6613户。"
    record = govreport_nlp.extract(text)
    assert record.text == text
    (metric,) = record.metrics
    assert (metric.text, metric.value) == ("6613户", 6613)
    assert text[metric.start : metric.end] == metric.text
    line = record.to_json()
    line.encode("utf-8")  # strict UTF-8: the surrogate is escaped
    assert json.loads(line)["text"] == text


def _long_report(paragraphs):
    parts = [
        "全年新增市场主体6613户，增长29%。",
        "治理窨井盖2609座，发放创业担保贷款1630万元。",
        "中关村e谷获评国家级科技企业孵化器。",
        "减税降费3.44亿元，盘活闲置厂房8.36万平方米。",
    ]
    return "\n".join(parts[i % len(parts)] for i in range(paragraphs))


def test_a_document_longer_than_max_length_gives_the_spans_of_its_pieces(nlp):
    text = _long_report(40)
    limit = 150
    assert len(text) > limit
    saved = nlp.max_length
    nlp.max_length = limit
    try:
        whole = govreport_nlp.extract(text, nlp=nlp)
    finally:
        nlp.max_length = saved
    expected = []
    for start, end in split_text(text, limit):
        for span in govreport_nlp.extract(text[start:end], nlp=nlp).spans:
            expected.append((span.start + start, span.end + start, span.label, span.text, span.value))
    got = [(s.start, s.end, s.label, s.text, s.value) for s in whole.spans]
    assert got == expected
    assert len(got) >= 40  # every paragraph has at least one span
    assert all(text[s.start : s.end] == s.text for s in whole.spans)
    assert whole.text == text


@pytest.mark.parametrize(
    "text, value",
    [
        ("发放12345678901234567890123456789万元。", Decimal("123456789012345678901234567890000")),
        ("发放1234567890123456789012.34567万元。", Decimal("12345678901234567890123456.7")),
        ("储备0.1234567890123456789亿元。", Decimal("12345678.90123456789")),
        ("发放" + "7" * 60 + "元。", Decimal("7" * 60)),
    ],
)
def test_values_beyond_28_digits_are_exact(text, value):
    (metric,) = govreport_nlp.extract(text).metrics
    assert metric.value == value
    line = json.loads(govreport_nlp.extract(text).to_json(), parse_float=Decimal, parse_int=Decimal)
    assert line["spans"][0]["value"] == value


def test_a_5000_digit_number_is_read_exactly():
    digits = "3" * 5000
    record = govreport_nlp.extract(f"发放{digits}元。")
    (metric,) = record.metrics
    assert str(metric.value) == digits
    back = json.loads(record.to_json(), parse_int=Decimal)
    assert str(back["spans"][0]["value"]) == digits


def test_ordinary_values_stay_int_and_float():
    record = govreport_nlp.extract("减税降费3.44亿元，增长5.5%，新增2835人。")
    assert [type(m.value) for m in record.metrics] == [int, float, int]


def test_exact_values_survive_doc_serialisation(nlp):
    from spacy.tokens import Doc

    doc = nlp("发放12345678901234567890123456789万元。")
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.value for s in back.spans["govreport"]] == [Decimal("123456789012345678901234567890000")]


def test_a_tampered_config_value_is_named(tmp_path):
    model = tmp_path / "model"
    shutil.copytree(default_model_path(), model)
    cfg = model / "config.cfg"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace('spans_key = "numerals"', "spans_key = 12", 1), encoding="utf-8"
    )
    with pytest.raises(GovReportModelError) as info:
        govreport_nlp.load(model)
    message = str(info.value)
    assert "config.cfg" in message and "spans_key" in message and "\n" not in message


def test_a_tampered_component_setting_fails_at_load(tmp_path):
    model = tmp_path / "model"
    shutil.copytree(default_model_path(), model)
    (model / "govreport_metrics" / "cfg.json").write_text('{"spans_key": 5}', encoding="utf-8")
    with pytest.raises(GovReportModelError, match="Cannot load the pipeline"):
        govreport_nlp.load(model)


def test_a_component_failure_names_the_text(nlp, monkeypatch):
    component = nlp.get_pipe("govreport_orgs")
    original = type(component).__call__

    def fail_on_marker(self, doc):
        if "炸" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(component), "__call__", fail_on_marker)
    with pytest.raises(GovReportProcessingError, match=r"text 1 \(id 'b'\).*boom"):
        govreport_nlp.extract(["新建公园1个。", "炸", "新建公园2个。"], nlp=nlp, ids=["a", "b", "c"])
