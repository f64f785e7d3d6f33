"""Character offsets to spans: tokens are split, never spans widened, and spans
already in span groups keep their text and attributes across the split."""

import spacy
from spacy.tokens import Doc, Span

import govreport_nlp  # noqa: F401  (registers the extensions)
from govreport_nlp.components._groups import read_group, write_group_spans
from govreport_nlp.components._spans import char_spans, split_tokens


def make_doc(words):
    return Doc(spacy.blank("zh").vocab, words=words, spaces=[False] * len(words))


def test_token_crossing_a_boundary_is_split():
    doc = make_doc(["飞行作业3850", "小时", "，"])
    doc, (span,) = char_spans(doc, [(4, 10)], "METRIC")
    assert span.text == "3850小时"
    assert [t.text for t in doc] == ["飞行作业", "3850", "小时", "，"]


def test_spans_in_groups_survive_a_later_split():
    doc = make_doc(["累计", "飞行作业3850小时", "，", "奥克斯科技城"])
    first = Span(doc, 3, 4, label="ORG")
    doc.spans["govreport"] = [first]
    later = Span(doc, 1, 2, label="METRIC")
    later._.value = 3850
    doc.spans["govreport"] = [first, later]
    doc = split_tokens(doc, [6, 16])
    texts = [(s.label_, s.text, s.start_char) for s in doc.spans["govreport"]]
    assert texts == [("ORG", "奥克斯科技城", 13), ("METRIC", "飞行作业3850小时", 2)]
    assert doc.spans["govreport"][1]._.value == 3850
    assert "奥克斯" in [t.text for t in doc]


def test_offsets_inside_whitespace_give_none():
    doc = Doc(spacy.blank("zh").vocab, words=["甲", "乙"], spaces=[True, False])
    assert char_spans(doc, [(1, 3)], "ORG")[1] == [None]


def test_set_span_attrs_is_what_span_underscore_reads():
    from govreport_nlp.extensions import set_span_attrs

    doc = make_doc(["增长", "29%"])
    span = Span(doc, 1, 2, label="METRIC")
    set_span_attrs(span, value=29, unit="%", indicator=None)
    assert (span._.value, span._.unit, span._.indicator) == (29, "%", None)
    again = doc.char_span(2, 5, label="METRIC")
    assert again._.value == 29


def test_span_attrs_written_directly_survive_a_doc_round_trip():
    from spacy.tokens import DocBin

    from govreport_nlp.extensions import get_span_attr, get_span_attrs, set_span_attrs, values_in_user_data

    assert values_in_user_data()  # spaCy 3 keeps span values in doc.user_data, keyed by offsets
    doc = make_doc(["减税", "3.44亿元"])
    span = Span(doc, 1, 2, label="METRIC")
    set_span_attrs(span, value=344000000, unit="元", target=True)
    assert get_span_attr(span, "value") == span._.value == 344000000
    assert get_span_attr(span, "high") is None
    assert get_span_attrs(span, ("unit", "high", "value")) == ("元", None, 344000000)
    (back,) = DocBin(store_user_data=True, docs=[doc]).get_docs(doc.vocab)
    assert (back.char_span(2, 8)._.unit, back.char_span(2, 8)._.target) == ("元", True)


def test_span_attrs_go_through_an_extension_a_user_gave_a_setter():
    from govreport_nlp.extensions import get_span_attr, get_span_attrs, register_extensions, set_span_attrs

    seen = []
    Span.set_extension("recipient", getter=lambda span: "via getter", setter=lambda span, v: seen.append(v), force=True)
    try:
        doc = make_doc(["获评", "荣誉"])
        span = Span(doc, 1, 2, label="AWARD")
        set_span_attrs(span, level="national", recipient="企业")
        assert seen == ["企业"]
        assert get_span_attr(span, "recipient") == "via getter"
        assert get_span_attr(span, "level") == "national"
        assert get_span_attrs(span, ("level", "recipient")) == ("national", "via getter")
    finally:
        Span.set_extension("recipient", default=None, force=True)
        register_extensions()


def test_split_keeps_the_doc_object_and_group_settings():
    doc = make_doc(["累计", "飞行作业3850小时", "，", "奥克斯科技城"])
    doc.spans["govreport"] = [Span(doc, 3, 4, label="ORG")]
    doc.spans["govreport"].attrs["note"] = "kept"
    doc.ents = [Span(doc, 3, 4, label="ORG")]
    same = split_tokens(doc, [6, 10, 13, 16])
    assert same is doc
    assert [t.text for t in doc] == ["累计", "飞行作业", "3850", "小时", "，", "奥克斯", "科技城"]
    assert [(s.text, s.start, s.end) for s in doc.spans["govreport"]] == [("奥克斯科技城", 5, 7)]
    assert doc.spans["govreport"].attrs["note"] == "kept"
    assert [(e.text, e.label_) for e in doc.ents] == [("奥克斯科技城", "ORG")]


def test_pipe_as_tuples_keeps_the_context(nlp):
    texts = ["美邦通航入选国家航空医疗救护联合试点，累计飞行作业3850小时。", "新增市场主体6613户。"]
    out = list(nlp.pipe([(t, {"id": n}) for n, t in enumerate(texts)], as_tuples=True))
    assert [ctx for _, ctx in out] == [{"id": 0}, {"id": 1}]
    assert [doc.text for doc, _ in out] == texts
    assert "3850小时" in [s.text for s in out[0][0].spans["govreport"]]


def _spans_of(spans):
    return [(s.start, s.end, s.start_char, s.end_char, s.label_) for s in spans]


def test_read_group_gives_what_was_written_and_sees_every_later_change():
    doc = make_doc(["累计", "飞行作业3850小时", "，", "奥克斯科技城", "获评", "示范"])
    assert read_group(doc, "g") is None
    written = write_group_spans(doc, "g", [Span(doc, 1, 2, label="METRIC"), Span(doc, 3, 4, label="ORG")])
    assert read_group(doc, "g") is written  # the Span objects as written, not made again
    # appended to: read from the doc
    doc.spans["g"].append(Span(doc, 5, 6, label="AWARD"))
    assert _spans_of(read_group(doc, "g")) == [(1, 2, 2, 12, "METRIC"), (3, 4, 13, 19, "ORG"), (5, 6, 21, 23, "AWARD")]
    # replaced by other code: read from the doc
    write_group_spans(doc, "g", [Span(doc, 3, 4, label="ORG")])
    doc.spans["g"] = [Span(doc, 0, 1, label="METRIC")]
    assert _spans_of(read_group(doc, "g")) == [(0, 1, 0, 2, "METRIC")]
    # after a token split (here one that does not go through split_tokens) the group is read from the doc
    written = write_group_spans(doc, "g", [Span(doc, 3, 4, label="ORG")])
    with doc.retokenize() as retokenizer:
        retokenizer.split(doc[1], ["飞行作业", "3850小时"], heads=[(doc[1], 0), (doc[1], 0)])
    assert read_group(doc, "g") is not written
    assert _spans_of(read_group(doc, "g")) == _spans_of(doc.spans["g"])
    del doc.spans["g"]
    assert read_group(doc, "g") is None


def test_split_tokens_leaves_groups_that_read_back_as_the_doc_holds_them():
    doc = make_doc(["累计", "飞行作业3850小时", "，", "奥克斯科技城"])
    write_group_spans(doc, "g", [Span(doc, 1, 2, label="METRIC"), Span(doc, 3, 4, label="ORG")])
    doc = split_tokens(doc, [6, 16])
    assert _spans_of(read_group(doc, "g")) == _spans_of(doc.spans["g"])
    assert [s.text for s in read_group(doc, "g")] == ["飞行作业3850小时", "奥克斯科技城"]


def test_remembered_groups_keep_only_a_few_recent_docs_alive(nlp):
    import gc
    import weakref

    from govreport_nlp.components._groups import RECENT_DOCS

    first = weakref.ref(nlp("全年新增市场主体6613户，增长29%，中关村e谷获评国家级科技企业孵化器。"))
    alive = []
    for i in range(3 * RECENT_DOCS):
        alive.append(weakref.ref(nlp(f"第{i}季度完成投资{i + 10}亿元，增长{i % 9 + 1}%。")))
    gc.collect()
    assert first() is None  # not kept alive by the spans remembered for it
    assert sum(ref() is not None for ref in alive) <= RECENT_DOCS
