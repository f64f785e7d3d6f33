"""METRIC spans on sentences of our own: boundaries, value, unit, kind,
qualifier and indicator, through the whole pipeline."""

import pytest


def metrics(nlp, text):
    doc = nlp(text)
    return [s for s in doc.spans["govreport"] if s.label_ == "METRIC"]


def describe(span):
    return (span.text, span._.value, span._.unit, span._.kind, span._.qualifier)


CASES = [
    # text, expected (span text, value, unit, kind, qualifier) in order
    (
        "全市地区生产总值达到3256.8亿元，同比增长6.5%。",
        [("3256.8亿元", 325680000000, "元", "amount", "exact"), ("6.5%", 6.5, "%", "change", "exact")],
    ),
    ("城镇登记失业率控制在3.5%以内。", [("3.5%以内", 3.5, "%", "amount", "max")]),
    (
        "累计培训农民工2.3万人次，新增市场主体近5000户。",
        [("2.3万人次", 23000, "人次", "amount", "exact"), ("近5000户", 5000, "户", "amount", "approx")],
    ),
    ("粮食产量稳定在50万吨以上。", [("50万吨以上", 500000, "吨", "amount", "min")]),
    ("全年完成植树造林1.2万亩。", [("1.2万亩", 12000, "亩", "amount", "exact")]),
    ("营商环境评价位居全省第3。", [("第3", 3, "名", "rank", "exact")]),
    (
        "一般公共预算收入增长8.2%，高于全省平均水平2.1个百分点。",
        [("8.2%", 8.2, "%", "change", "exact"), ("2.1个百分点", 2.1, "百分点", "change", "exact")],
    ),
    ("建成区绿化覆盖率达到百分之四十二。", [("百分之四十二", 42, "%", "amount", "exact")]),
    (
        "企业开办时间压减至1个工作日，不动产登记3个工作日内办结。",
        [("1个工作日", 1, "工作日", "amount", "exact"), ("3个工作日内", 3, "工作日", "amount", "max")],
    ),
    ("外贸进出口总额突破120亿美元。", [("120亿美元", 12000000000, "美元", "amount", "min")]),
    ("争取上级资金一千二百万元。", [("一千二百万元", 12000000, "元", "amount", "exact")]),
    ("新建污水管网30余公里。", [("30余公里", 30, "公里", "amount", "approx")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_metric_spans_and_attributes(nlp, text, expected):
    found = metrics(nlp, text)
    assert [describe(s) for s in found] == expected
    for span in found:
        assert text[span.start_char : span.end_char] == span.text


@pytest.mark.parametrize(
    "text, indicators",
    [
        ("全市地区生产总值达到3256.8亿元，同比增长6.5%。", ["地区生产总值", "地区生产总值"]),
        ("发放稳岗返还资金860万元，惠及企业1200家。", ["稳岗返还资金", "企业"]),
        ("新建5所幼儿园、3个社区食堂。", ["幼儿园", "社区食堂"]),
        ("城镇居民人均可支配收入达到4.2万元。", ["城镇居民人均可支配收入"]),
        ("森林覆盖率提高到38%。", ["森林覆盖率"]),
        ("在全省县域经济考核中排名第4，比上年提升3个位次。", ["全省县域经济考核", "全省县域经济考核"]),
        ("改造农村公路12公里，完成旧村改造300户。", ["农村公路", "旧村改造"]),
        # each item names a measurable thing by itself (annotation guide, 分别): each number its own item
        ("投诉解决率、满意率分别达到93.5%和94.2%。", ["投诉解决率", "满意率"]),
        ("市农商银行投放涉农贷款48亿元。", ["涉农贷款"]),
    ],
)
def test_indicator_names_what_is_measured(nlp, text, indicators):
    assert [s._.indicator for s in metrics(nlp, text)] == indicators


@pytest.mark.parametrize(
    "text, indicators",
    [
        # a verbal noun that names the measure keeps its verb; a short modifier stays, a longer subject goes
        ("城镇新增就业1.1万人，完成投资86亿元。", ["城镇新增就业", "完成投资"]),
        # an action verb inside a longer verb (新开工) or a compound (改造提升) is cut whole
        ("全年新开工亿元以上项目42个，改造提升背街小巷36条。", ["亿元以上项目", "背街小巷"]),
        ("新增公共停车泊位1200个，涉及群众2.1万户。", ["公共停车泊位", "群众"]),
        # a verb that heads a noun is no action (投入强度, 种植面积, 保障性, 支出占…的比重)
        ("研发经费投入强度提高到2.1%，茶叶种植面积稳定在12万亩。", ["研发经费投入强度", "茶叶种植面积"]),
        ("新建保障性租赁住房860套。", ["保障性租赁住房"]),
        ("教育支出占财政支出的比重达到18%。", ["教育支出占财政支出的比重"]),
        # dates and periods around the indicator are no part of it
        ("2023年粮食总产量连续三年稳定在40万吨以上。", ["粮食总产量"]),
        # a clause that ends on a verb after an earlier action: the thing is what follows the earlier one
        ("完成植树造林2.6万亩。", ["植树造林"]),
        # 由…上升至: both ranks name the thing ranked
        ("医疗服务能力由全省第9位上升至第4位。", ["医疗服务能力", "医疗服务能力"]),
    ],
)
def test_indicator_rules_of_report_grammar(nlp, text, indicators):
    assert [s._.indicator for s in metrics(nlp, text)] == indicators


def test_respectively_after_quantities_of_different_things(nlp):
    found = metrics(nlp, "接待游客320万人次，实现旅游收入28亿元，分别增长15.2%和12.6%。")
    assert [(s.text, s._.kind, s._.indicator) for s in found] == [
        ("320万人次", "amount", "游客"),
        ("28亿元", "amount", "旅游收入"),
        ("15.2%", "change", "游客"),
        ("12.6%", "change", "旅游收入"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "在全市综合考核中排名第6，比上年前移2个位次。",
            [("第6", "rank", "全市综合考核"), ("2个位次", "change", "全市综合考核")],
        ),
        (
            "农民收入增长7.5%，快于城镇居民1.2个百分点。",
            [("7.5%", "change", "农民收入"), ("1.2个百分点", "change", "农民收入")],
        ),
        ("城镇调查失业率低于5%。", [("5%", "amount", "城镇调查失业率")]),
    ],
)
def test_kind_of_deltas_against_a_reference(nlp, text, expected):
    assert [(s.text, s._.kind, s._.indicator) for s in metrics(nlp, text)] == expected


def test_a_quantity_listed_right_after_another_shares_its_kind(nlp):
    found = metrics(nlp, "城乡居民人均可支配收入分别增长7.5%和10.2%。")
    assert [(s.text, s._.kind, s._.indicator) for s in found] == [
        ("7.5%", "change", "城乡居民人均可支配收入"),
        ("10.2%", "change", "城乡居民人均可支配收入"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2023年是全面贯彻党的二十大精神的开局之年。",
        "扎实推进“十四五”规划，开展“三个一批”活动，实施一企一策。",
        "一是稳增长，二是调结构。",
        "三次产业结构调整为9.7:47.3:43。",
        "新签约亿元以上项目，引进世界500强企业。",
    ],
)
def test_numbers_that_are_not_quantities_are_not_metrics(nlp, text):
    doc = nlp(text)
    assert [s.text for s in doc.spans["govreport"] if s.label_ == "METRIC"] == []


def test_non_quantities_are_still_normalised(nlp):
    doc = nlp("2022年召开党的二十大。")
    numerals = {s.text: s for s in doc.spans["numerals"]}
    assert any(s._.is_quantity is False and s._.numeral_role == "date" for s in numerals.values())
    assert all(s._.value is not None for s in numerals.values())


def test_full_width_text_gives_the_same_metrics(nlp):
    half = metrics(nlp, "规上工业增加值增长12.5%，完成投资3.44亿元。")
    full = metrics(nlp, "规上工业增加值增长１２．５％，完成投资３．４４亿元。")
    assert [(s._.value, s._.unit, s._.kind) for s in half] == [(s._.value, s._.unit, s._.kind) for s in full]
    assert [s.text for s in full] == ["１２．５％", "３．４４亿元"]


def test_metric_tagger_needs_numerals():
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("govreport_metrics")
    with pytest.raises(ValueError, match="govreport_numerals"):
        nlp("增长5%")


@pytest.mark.parametrize("shared", [True, False])
def test_metric_spans_carry_their_numerals_values_however_spacy_keys_them(nlp, monkeypatch, shared):
    """Where span values are not shared by offsets, the METRIC span gets a copy of every value."""
    from govreport_nlp.components import metric_tagger

    monkeypatch.setattr(metric_tagger, "values_follow_offsets", lambda: shared)
    found = metrics(nlp, "全年粮食產量稳定在５０萬噸以上，新增市场主体近5000户。")
    assert [describe(s) for s in found] == [
        ("５０萬噸以上", 500000, "噸", "amount", "min"),
        ("近5000户", 5000, "户", "amount", "approx"),
    ]
    assert [s._.numeral_form for s in found] == ["cardinal", "cardinal"]


def test_spacy_keys_span_values_by_offsets():
    """The fast path of govreport_metrics holds on this spaCy (see extensions.values_follow_offsets)."""
    from govreport_nlp.extensions import values_follow_offsets

    assert values_follow_offsets() is True


def test_end_search_skips_to_where_a_match_can_start():
    """A tail pattern the regex engine would try at every position (a branch opens on a lookbehind)
    is tried from the first character a match can start with: the same matches as a plain search."""
    import random
    import re

    from govreport_nlp.metrics.grammar import EndSearch, first_chars, start_class

    frames = re.compile(r"(?:增长|(?<![占对])比[^，]{0,4}提高|超出[^，]{0,3})(?:了)?$")
    assert first_chars(frames) == frozenset("增比超")
    assert start_class(frames) is not None
    assert start_class(re.compile("(?:增长|提高)$")) is None  # the engine skips to 增 and 提 itself
    assert first_chars(re.compile("(?:了)?增?")) is None  # may match nothing
    search = EndSearch(frames)
    rnd = random.Random(3)
    for _ in range(3000):
        text = "".join(
            rnd.choice(["增长", "比", "占", "对", "提高", "超出", "了", "，", "年", "\n", "x"]) for _ in range(6)
        )
        expected = frames.search(text)
        found = search.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_any_of_skips_a_pattern_whose_literal_the_text_lacks():
    """AnyOf does not search a text for a pattern the engine would try at every position when the
    literal run every match of it holds is not in the text: the same answer as searching."""
    import random
    import re

    from govreport_nlp.metrics.grammar import AnyOf, required_literal

    patterns = [re.compile("(?P<year>[0-9]{2})年前"), re.compile("力争|确保"), re.compile("到(?P<year>[0-9]{2})年")]
    assert required_literal(patterns[0]) == "年前"
    assert required_literal(patterns[1]) is None
    any_of = AnyOf(patterns)
    rnd = random.Random(4)
    for _ in range(3000):
        text = "".join(rnd.choice(["20", "1", "年", "前", "力争", "确保", "到", "，"]) for _ in range(5))
        expected = next((m for m in (p.search(text) for p in patterns) if m), None)
        found = any_of.search(text)
        assert (found and (found.re, found.span())) == (expected and (expected.re, expected.span())), text


def test_clause_starts_of_a_text_agree_with_clause_start():
    """ClauseStarts (one search per text, then bisection) gives clause_start at every offset."""
    import random

    from govreport_nlp.metrics.clause import CLAUSE_END, ClauseStarts, clause_start

    rnd = random.Random(6)
    for _ in range(300):
        text = "".join(rnd.choice(CLAUSE_END + "增长亿元12和") for _ in range(rnd.randint(0, 90)))
        starts = ClauseStarts(text)
        assert [starts.before(p) for p in range(len(text) + 1)] == [clause_start(text, p) for p in range(len(text) + 1)]


def test_search_memo_searches_a_segment_once():
    """SearchMemo gives what the search gives, and searches a segment text once per document."""
    import re

    from govreport_nlp.metrics.grammar import EndSearch, SearchMemo

    calls = []

    class Counted(EndSearch):
        def search(self, text):
            calls.append(text)
            return super().search(text)

    end = Counted(re.compile("(?:增长|提高)$"))
    memo = SearchMemo()
    for seg in ["收入增长", "收入增长", "收入", "收" + "入增长"]:
        found, expected = memo.search(end, seg), end.pattern.search(seg)
        assert (found and found.span()) == (expected and expected.span())
    assert calls == ["收入增长", "收入"]
