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
        ("13.9万元", 139000, "元", "amount"), ("29%", 29, "%", "change")]
    assert metrics[0]._.indicator == metrics[1]._.indicator
    assert metrics[0]._.indicator.endswith("亩均税收")
    assert doc._.metrics == metrics


def test_extract_single_and_many():
    one = govreport_nlp.extract("新建4个应急避难场所。")
    assert isinstance(one, DocumentRecord) and one.id == "0"
    (metric,) = one.metrics
    assert isinstance(metric, SpanRecord)
    assert metric.to_dict() == {"start": 2, "end": 4, "label": "METRIC", "text": "4个", "value": 4, "high": None,
                                "unit": "个", "kind": "amount", "qualifier": "exact", "indicator": "应急避难场所",
                                "target": False}
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
