"""The record type, the error and the closed vocabularies of :mod:`govreport_nlp.numerals`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

__all__ = ["Number", "Numeral", "NumeralError", "FORMS", "QUALIFIERS", "ROLES"]

Number = Union[int, float]

FORMS = ("cardinal", "percent", "ordinal", "fraction", "range")
QUALIFIERS = ("exact", "approx", "min", "max")
#: Roles of numbers that are not quantities.
ROLES = (
    "date",  # 2022年, 12月31日, 一季度, 14:30
    "period",  # 三年来, 近三年, “十四五”, 80年代, 100周年
    "name",  # 二十大, 第十五人民医院, 二十二街坊, 4A级, 5G, 一期工程, 十五条硬措施
    "slogan",  # “三个一批”, 一企一策, 三化三制, “1+9”, “五育”
    "list_marker",  # 一是, （一）, 一、, 第一条
    "ratio",  # 9.7:47.3:43
    "threshold",  # 亿元以上项目, 过亿元企业, 世界500强, 60岁以上老人
    "article",  # 一条通道, 一批项目: 一 + classifier read as "a"
    "unitless",  # a number with no unit, percent sign or rank marker
    "bare",  # find_numerals(bare=True) only: a lone Chinese digit
)


class NumeralError(ValueError):
    """A string is not a numeral; the message names the input."""


@dataclass(frozen=True)
class Numeral:
    """One numeral expression found in a text.

    ``start``/``end`` are character offsets into the text given to
    :func:`find_numerals` (end exclusive) and ``text == text[start:end]``.
    ``num_start``/``num_end`` delimit the number alone (no 第, unit, 百分之,
    glued qualifier words); ``core_start``/``core_end`` the expression without
    the glued qualifier words (近一吨 -> 一吨; 60%以上 -> 60%).
    """

    start: int
    end: int
    text: str
    value: Optional[Number]
    high: Optional[Number]
    unit: Optional[str]
    form: str
    qualifier: str
    quantity: bool
    role: Optional[str]
    num_start: Optional[int] = None
    num_end: Optional[int] = None
    core_start: Optional[int] = None
    core_end: Optional[int] = None
