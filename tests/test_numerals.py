"""Tests of govreport_nlp.numerals: the case table, parse_numeral, the cn2an fixes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import cn2an
import pytest

from govreport_nlp import numerals
from govreport_nlp.numerals import Numeral, NumeralError, find_numerals, normalise, parse_numeral

CASES_PATH = Path(__file__).parent / "data" / "numerals.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
CHECKED_KEYS = ("text", "value", "high", "unit", "form", "qualifier", "quantity", "role")


def _same(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and want is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    return got == want


def _show(found):
    return [{k: getattr(x, k) for k in CHECKED_KEYS} for x in found]


def test_case_table_is_big_enough():
    assert len(CASES) >= 150
    for case in CASES:
        assert set(case) <= {"text", "expect", "note"}, case
        for e in case["expect"]:
            assert set(e) <= set(CHECKED_KEYS), e


@pytest.mark.parametrize("case", CASES, ids=[f"case{i:03d}" for i in range(len(CASES))])
def test_case(case):
    text = case["text"]
    found = find_numerals(text)
    for x in found:
        assert x.text == text[x.start : x.end]
    assert len(found) == len(case["expect"]), f"{text!r}: {_show(found)}"
    for x, want in zip(found, case["expect"]):
        for key, value in want.items():
            assert _same(getattr(x, key), value), (
                f"{text!r} {key}: got {getattr(x, key)!r}, want {value!r}; {_show(found)}"
            )


@pytest.mark.parametrize("case", CASES, ids=[f"case{i:03d}" for i in range(len(CASES))])
def test_folded_and_unfolded_paths_agree(case):
    """Texts without full-width digits are scanned unfolded; forcing the fold changes nothing."""
    text = case["text"]
    forced = text + "\u3000"  # an ideographic space makes the scanner fold the text
    assert numerals._NEEDS_FOLD.search(forced)
    assert find_numerals(forced) == find_numerals(text)


# --------------------------------------------------------------------------- API shape
def test_numeral_is_frozen_with_offsets():
    text = "减税降费3.44亿元"
    (x,) = find_numerals(text)
    assert isinstance(x, Numeral)
    assert (x.start, x.end, x.text) == (4, 10, "3.44亿元")
    assert (x.num_start, x.num_end) == (4, 9)  # 3.44亿: the number without its unit
    assert x.value == 344000000 and isinstance(x.value, int)
    with pytest.raises((AttributeError, ValueError)):
        x.value = 1  # frozen


def test_left_to_right_and_non_overlapping():
    text = "2022年新增企业120家,投资3.5亿元,增长12%,排名第3,一是加强领导"
    found = find_numerals(text)
    assert [x.start for x in found] == sorted(x.start for x in found)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_offsets_survive_width_folding():
    text = "投资１２．５亿元，增长１２％"
    found = find_numerals(text)
    assert [x.text for x in found] == ["１２．５亿元", "１２％"]
    assert normalise(text) == "投资12.5亿元,增长12%"
    assert len(normalise(text)) == len(text)


def test_values_are_numbers_never_strings():
    for x in find_numerals("投资3.44亿元，增长百分之六十五，三分之一，第5"):
        assert isinstance(x.value, (int, float)) and not isinstance(x.value, bool)


def test_bare_mode_returns_lone_digits_but_not_words():
    assert find_numerals("这是五那是四") == []
    got = find_numerals("这是五那是四", bare=True)
    assert [(x.text, x.value, x.role) for x in got] == [("五", 5, "bare"), ("四", 4, "bare")]
    assert find_numerals("统一一切四川", bare=True) == []


def test_find_numerals_rejects_non_strings():
    with pytest.raises(TypeError):
        find_numerals(None)  # type: ignore[arg-type]
    assert find_numerals("") == []


def test_no_spacy_import():
    assert "spacy" not in numerals.__dict__
    src = "".join(p.read_text(encoding="utf-8") for p in Path(numerals.__file__).parent.glob("*.py"))
    assert "import spacy" not in src and "from spacy" not in src


# --------------------------------------------------------------------------- parse_numeral
@pytest.mark.parametrize(
    "text,value",
    [
        ("3.44亿", 344000000),
        ("三千五百万", 35000000),
        ("十二点五", 12.5),
        ("负1.1", -1.1),
        ("-1.1", -1.1),
        ("１２３．５", 123.5),
        ("1,234.5", 1234.5),
        ("廿", 20),
        ("卅", 30),
        ("壹贰叁", 123),
        ("二〇二二", 2022),
        ("两千四百五", 2450),
        ("一万三", 13000),
        ("百三", 130),
        ("1.2万亿", 1200000000000),
        ("4.78万亿", 4780000000000),
        ("四万万", 400000000),
        ("10万万", 1000000000),
        ("五兆六十二亿四万五千二", 5006200045200),
        ("零点五", 0.5),
        ("一百零一万一千", 1011000),
        ("四千万零六千", 40006000),
        ("5万4千6百", 54600),
        ("3万4000", 34000),
        ("1千零20", 1020),
        ("一百零十万", 1100000),
        ("拾万零五十六", 100056),
        ("肆拾肆", 44),
        ("负三十二", -32),
        ("四百亿点零五零", 40000000000.05),
        ("两千万点五五四四", 20000000.5544),
        ("三分之一", 1 / 3),
        ("百分之二", 0.02),
        ("3/4", 0.75),
        ("一又二分之一", 1.5),
        ("2e3", 2000),
        ("40k", 40000),
        ("半百", 50),
        ("十", 10),
        ("零", 0),
        ("萬", None),
    ],
)
def test_parse_numeral(text, value):
    if value is None:
        with pytest.raises(NumeralError):
            parse_numeral(text)
        return
    got = parse_numeral(text)
    assert math.isclose(got, value, rel_tol=1e-12), (text, got)
    if float(value).is_integer() and "分之" not in text and "/" not in text:
        assert isinstance(got, int), (text, got)


@pytest.mark.parametrize(
    "bad", ["", "   ", "abc", "万", "亿元", "三个", "3.44亿元", "65%", "一到三", "3-5", "十二点", "第一", "1.2.3"]
)
def test_parse_numeral_errors_name_the_input(bad):
    with pytest.raises(NumeralError) as e:
        parse_numeral(bad)
    assert repr(bad) in str(e.value)
    assert isinstance(e.value, ValueError)


def test_parse_numeral_type_error():
    with pytest.raises(NumeralError):
        parse_numeral(12)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the cn2an fixes
def test_cn2an_loses_the_sign_we_keep_it():
    assert cn2an.cn2an("负1.1", "smart") == 1.1  # the bug we work around
    assert parse_numeral("负1.1") == -1.1
    (x,) = find_numerals("利润负1.1亿元")
    assert x.value == -110000000 and x.text == "负1.1亿元"


def test_cn2an_reads_two_liang_as_22_we_read_a_weight():
    assert cn2an.cn2an("二两", "normal") == 22
    (x,) = find_numerals("白银二两")
    assert (x.text, x.value, x.unit) == ("二两", 2, "两")


def test_abbreviation_before_wan_that_cn2an_refuses():
    """两千四百五万 abbreviates 两千四百五十万; cn2an refuses it."""
    with pytest.raises(ValueError):
        cn2an.cn2an("两千四百五万", "normal")
    assert parse_numeral("两千四百五万") == 24500000
    assert parse_numeral("五亿一万") == 500010000  # after a big magnitude a digit is not an abbreviation


@pytest.mark.parametrize(
    "text,span,value,unit,form",
    [
        ("排名第一", "第一", 1, "名", "ordinal"),
        ("增长三成", "三成", 30, "%", "percent"),
        ("增长65%", "65%", 65, "%", "percent"),
        ("百分之六十五", "百分之六十五", 65, "%", "percent"),
        ("三分之一", "三分之一", 1 / 3, None, "fraction"),
    ],
)
def test_forms_cn2an_refuses(text, span, value, unit, form):
    for s in (text[-len(span) :], span):
        with pytest.raises(ValueError):
            cn2an.cn2an(s, "smart")
    (x,) = find_numerals(text)
    assert (x.text, x.unit, x.form) == (span, unit, form)
    assert math.isclose(x.value, value)


@pytest.mark.parametrize(
    "text",
    [
        "一百五十二",
        "两千四百五",
        "一万零二百五十",
        "九百万零四百",
        "四亿五千六百四十二万零一十五",
        "十万柒仟捌佰伍拾肆",
        "七十八万五佰零六",
        "一千零五十",
        "二十一万亿",
        "一万五千亿",
        "十二点五",
        "零点零五",
        "一万三",
        "九十二万四",
        "两千万点五五四四",
    ],
)
def test_our_grammar_agrees_with_cn2an(text, monkeypatch):
    """Where cn2an accepts a plain Chinese numeral, our own grammar gives the same value."""
    expected = cn2an.cn2an(text, "normal")
    monkeypatch.setattr(numerals.values, "_cn2an_value", lambda s: None)
    numerals._read_run.cache_clear()
    try:
        assert math.isclose(parse_numeral(text), expected)
    finally:
        numerals._read_run.cache_clear()


def test_cn2an_reads_plain_chinese_and_is_cached():
    numerals._read_run.cache_clear()
    numerals._cn2an_value.cache_clear()
    find_numerals("投资三千五百万元")
    assert numerals._cn2an_value.cache_info().currsize == 1  # cn2an read 三千五百万
    find_numerals("再投资三千五百万元")
    assert numerals._read_run.cache_info().hits >= 1  # the run was not read again


def test_qualifier_table_validation(tmp_path, monkeypatch):
    bad = tmp_path / "qualifiers.json"
    raw = json.loads(numerals.lexicon.QUALIFIERS_PATH.read_text(encoding="utf-8"))
    raw["glued_prefix"]["近"] = "about"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NumeralError, match="qualifiers.json.*glued_prefix.*about"):
        numerals._load_qualifiers(bad)
    raw["glued_prefix"]["近"] = "approx"
    raw["surprise"] = {}
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NumeralError, match="surprise"):
        numerals._load_qualifiers(bad)


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda r: r.update(surprise=[]), "surprise"),
        (lambda r: r.pop("date_words"), "date_words"),
        (lambda r: r["lexical_words"].append("统一"), "统一"),
        (lambda r: r["lexical_words"].append("千万"), "千万"),
    ],
)
def test_numeral_words_file_is_validated(tmp_path, mutate, fragment):
    import json

    from govreport_nlp.numerals.lexicon import WORDS_PATH, _load_words

    data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    mutate(data)
    bad = tmp_path / "numeral_words.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NumeralError) as info:
        _load_words(bad)
    assert str(bad) in str(info.value) and fragment in str(info.value)
