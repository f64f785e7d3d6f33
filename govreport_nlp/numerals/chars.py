"""Numeral characters, the regex of a run of them, and character tests.

These tables are the grammar of Chinese numerals (digits, 大写 digits and
magnitude words), not word lists, so they stay in code.
"""

from __future__ import annotations

import re

#: digit characters and their values (小写, 大写, 廿 and 卅)
_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
    "廿": 20,
    "卅": 30,
}
#: magnitude words and their values
_MAGS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "亿": 10**8, "兆": 10**12}
_D = "".join(_DIGITS)
_DNZ = _D.replace("〇", "").replace("零", "")
_M = "".join(_MAGS)
_CN = _D + _M
_CN_SET = frozenset(_CN)
_MAG_SET = frozenset(_M)
_BIG_SET = frozenset("万亿兆")
#: ``c in _ASCII_LETTERS`` is :func:`_is_alpha` for one character (or none), without a call
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

# --------------------------------------------------------------------------- a run of numeral characters
_SP = "[ \t]"
_ARAB = r"(?<![0-9.])\.[0-9]+|[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_CN_NO_ZHAO = _CN.replace("兆", "")
_ATOM = rf"(?:{_ARAB}|[{_CN_NO_ZHAO}]|兆(?=[0-9{_CN_NO_ZHAO}])|(?<=十)几|半(?=[百成折]))"
_GLUE = (
    rf"(?:(?<=[{_CN}]){_SP}*点{_SP}*(?=[{_D.replace('两', '')}])|{_SP}*[余多几]{_SP}*(?=[{_M}])"
    rf"|{_SP}+(?=[{_CN}])|(?<=[{_CN}]){_SP}+(?=[0-9]))"
)
#: the characters a glue or an atom can start with: the lookahead before each repetition ends a run
#: at the first other character without trying every alternative
_NEXT = rf"[ \t点余多几0-9.{_CN}半]"
#: the characters a run can start with
_RUN_FIRST_CLASS = rf"[0-9.{_CN}几半]"
#: a run of numeral characters; the lookahead at its start makes match() fail fast
_RUN = re.compile(rf"(?={_RUN_FIRST_CLASS}){_ATOM}(?:(?={_NEXT}){_GLUE}?{_ATOM})*")
#: finds where a run can start: ``_RUN.search`` tries its whole pattern at every position (a pattern
#: that opens with a lookahead gives the regex engine no first character to skip to), while a
#: pattern of one character class is searched by the engine's fast scan for that class
_RUN_FIRST = re.compile(_RUN_FIRST_CLASS)
_ARAB_TOK = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")


# --------------------------------------------------------------------------- character tests
def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _is_ascii_alnum(ch: str) -> bool:
    return ("0" <= ch <= "9") or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_alpha(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")
