import pytest

from govreport_nlp.widths import fold_widths


def test_fold_keeps_length_and_maps_fullwidth_forms():
    text = "增长１２．４４％，总投资３．４４亿元（ＡＢｃ）　完成"
    folded = fold_widths(text)
    assert len(folded) == len(text)
    assert folded == "增长12.44%,总投资3.44亿元(ABc) 完成"


def test_fold_leaves_chinese_and_chinese_punctuation():
    text = "荣获“全国文明城市”称号、。——"
    assert fold_widths(text) == text


def _tables():
    from govreport_nlp.metrics.grammar import default_grammar
    from govreport_nlp.numerals.folding import _TRAD
    from govreport_nlp.widths import _TABLE

    return [_TABLE, _TRAD, default_grammar().traditional, str.maketrans({"a": "bc", "d": None})]


def test_translate_is_str_translate_on_report_text(seed_text):
    from govreport_nlp.widths import translate

    text = seed_text + "３．４４億元，增長１２％\u3000（萬）"
    for table in _tables():
        assert translate(text, table) == text.translate(table)
    assert translate(text, {}) == text


def test_translate_is_str_translate_on_any_text():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from govreport_nlp.widths import translate

    tables = _tables()
    alphabet = "".join(chr(k) for t in tables for k in list(t)[:40]) + "增长亿元,，。 \n"

    @hypothesis.given(st.text(alphabet=alphabet, max_size=80))
    def check(text):
        for table in tables:
            assert translate(text, table) == text.translate(table)

    check()


def test_translate_memory_stays_within_its_bounds_and_results_stay_right():
    from govreport_nlp import widths

    table = str.maketrans({"１": "1"})
    # texts of every size up to past the character bound, each translated twice (a remembered
    # result must be the right one, and the memory must forget in order)
    texts = [("１中" * (n * 997 % 40_000)) + str(n) for n in range(400)]
    texts.append("１" * (widths._RECENT_CHARS + 1))  # longer than the bound: not remembered
    for text in texts + texts[::-1]:
        assert widths.translate(text, table) == text.translate(table)
        assert len(widths._RECENT) <= widths._RECENT_SIZE
        assert widths._recent_chars == sum(len(entry[0]) for entry in widths._RECENT.values())
        assert widths._recent_chars <= widths._RECENT_CHARS
