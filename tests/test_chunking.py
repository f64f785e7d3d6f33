"""split_text(): pieces under a limit, cut at paragraphs, then sentences, then a hard cut."""

import pytest

from govreport_nlp.chunking import split_text


def _pieces(text, limit):
    return [text[s:e] for s, e in split_text(text, limit)]


def test_a_short_text_is_one_piece():
    assert split_text("新建公园1个。", 100) == [(0, 7)]
    assert split_text("", 5) == [(0, 0)]


def test_paragraphs_first():
    text = "第一段新增市场主体6613户。\n第二段治理窨井盖2609座。\n第三段。"
    pieces = _pieces(text, 20)
    assert "".join(pieces) == text
    assert pieces[0] == "第一段新增市场主体6613户。\n"
    assert all(len(p) <= 20 for p in pieces)


def test_sentences_when_a_paragraph_is_too_long():
    text = "新增市场主体6613户。治理窨井盖2609座！发放贷款1630万元？完成。"
    pieces = _pieces(text, 16)
    assert "".join(pieces) == text
    assert pieces[0] == "新增市场主体6613户。"
    assert all(p.endswith(("。", "！", "？")) for p in pieces)


def test_a_closing_quote_stays_with_its_sentence():
    text = "获评“全国文明城市。”再获评“国家卫生城市。”"
    assert _pieces(text, 14)[0] == "获评“全国文明城市。”"


def test_a_hard_cut_keeps_a_number_whole_where_it_can():
    text = "甲" * 10 + "123456" + "乙" * 10
    pieces = _pieces(text, 13)
    assert "".join(pieces) == text
    assert all(len(p) <= 13 for p in pieces)
    assert any("123456" in p for p in pieces)


def test_a_hard_cut_inside_one_long_number():
    text = "9" * 25
    pieces = _pieces(text, 10)
    assert pieces == ["9" * 10, "9" * 10, "9" * 5]


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        split_text("甲", 0)
