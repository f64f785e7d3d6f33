"""Numeral parsing and scanning for Chinese government work reports.

Pure Python over cn2an: no spaCy import. Two entry points:

* :func:`parse_numeral` gives the value of one numeral string
  (``"3.44亿"`` -> 344000000, ``"三千五百万"`` -> 35000000, ``"负1.1"`` -> -1.1);
* :func:`find_numerals` finds every numeral expression of a text, left to right,
  non-overlapping, as :class:`Numeral` records: offsets, value, unit, form,
  qualifier, and whether it is a quantity (a METRIC candidate) or a number with
  another role (date, name, slogan, list marker, ratio, threshold ...).

Conventions (those of the annotation guide, /work/shared/spec/annotation-guide.md):

* ``value`` is in the stated unit with magnitude words multiplied out
  (9634万元 -> 96340000 元; 12千米 -> 12 千米). Conversions between units are
  :mod:`govreport_nlp.metrics.units`' business.
* Percents stay percent numbers: 29% -> 29, 百分之六十五 -> 65, 三成 -> 30,
  八五折 -> 85, all with unit ``%``. X分之Y with a bare magnitude as denominator
  is a percent too: 千分之三 -> 0.3 (unit ``%``), 万分之五 -> 0.05; a per-mille
  *sign* keeps its unit (3‰ -> 3, unit ``‰``). Other X分之Y are fractions
  (三分之一 -> 0.333..., form ``fraction``, no unit).
* Ranges give the low end in ``value`` and the high end in ``high``
  (3至5个, 三四个, 五六百, 10%-15%). Adjacent-digit ranges (三四个) are ``approx``.
  A magnitude word written once, after the high end, applies to both ends
  (10至15亿元 -> 1000000000 / 1500000000; 1.2~1.5万元 -> 12000 / 15000; not 三百至五百).
* Ranks 第N take unit 名 (第一名 keeps 名 inside the span; 第3位 keeps 位).
* The unit is the measure word as written, without magnitude words and without
  a leading 个 when another unit follows (个百分点 -> 百分点, 个工作日 -> 工作日,
  个月 -> 月); a bare 个 stays 个.
* Approximation and bound words glued to the number are inside the span
  (余 多 近 约 超 逾 左右 上下 以上 以内 以下 内); verbs before it
  (突破, 超过, 不超过, 控制在, 约为 ...) stay outside but set the qualifier.

* Rates keep both units: 35微克/立方米 -> unit 微克/立方米; 3000元/吨 -> 元/吨.
* Numbers that are not quantities come back with ``quantity=False`` and a
  ``role`` (:data:`ROLES`): 2022年 (date), 三年来 (period), 二十大 (name),
  “三个一批” (slogan), 办好十件民生实事 and 三番五次 (slogan: fixed phrases, by their
  shape), 一是 (list_marker), 9.7:47.3:43 (ratio), 亿元以上项目
  (threshold). A number with a magnitude word is a quantity even without a
  unit (4.8万农村贫困人口). Numeral characters inside words (统一, 十分, 一流,
  千万 as an adverb) and lone Chinese digits without a unit are not returned.

Values: Arabic numbers are read with Decimal; plain Chinese numerals with
cn2an (cached), and our own grammar covers what cn2an refuses or misreads
(负 before Arabic digits, 两 as a weight, 第/成/%/百分之/分之, 万万, 兆, 几, 余,
abbreviations such as 两千四百五万).

Text is read through :func:`govreport_nlp.widths.fold_widths` plus a one-for-one
map of traditional numeral characters (萬 億 兩 點 負 個 ...), so full-width and
traditional input work and offsets are those of the original text. (Texts with
no full-width digit, letter or sign are scanned as they are, which is faster; the
scanner reads ，（）：；！？ in both widths.)

Word lists are data: ``numerals/data/qualifiers.json`` (qualifier words and verbs),
``numerals/data/numeral_words.json`` (words that are not numbers, date words, ...),
``metrics/data/units.json`` (units). The modules:

========== ==================================================================
base       :class:`Numeral`, :class:`NumeralError`, :data:`FORMS`, :data:`QUALIFIERS`, :data:`ROLES`
chars      numeral characters, the regex of a run of them, character tests
lexicon    loading and validating the data files
folding    :func:`normalise`: widths and traditional characters
values     the value of a run of numeral characters (our grammar over cn2an)
unitmatch  the unit after a number
words      lexical words (统一, 十分) and date words
state      the records passed between the parts of the scanner
reader     a number without its unit (signs, exponents, fractions, X分之Y)
attach     prefixes, units, ranges, suffixes and qualifiers around a number
roles      why a number is not a quantity
scanner    the scanning loop over a text
========== ==================================================================
"""

from __future__ import annotations

from fractions import Fraction
from typing import List

from ..errors import Errors
from .base import FORMS, QUALIFIERS, ROLES, Number, Numeral, NumeralError

# internals that tests reach through the package (the functions and objects themselves, so
# cache_clear() and cache_info() work; to monkeypatch cn2an, patch ``numerals.values._cn2an_value``)
from .folding import (
    _NEEDS_FOLD,  # noqa: F401,E402
    normalise,
)
from .lexicon import _load_qualifiers, _load_words  # noqa: F401,E402
from .scanner import _Scanner
from .values import _cn2an_value, _read_run, _to_number  # noqa: F401,E402

__all__ = ["Numeral", "NumeralError", "parse_numeral", "find_numerals", "normalise", "FORMS", "QUALIFIERS", "ROLES"]


def find_numerals(text: str, *, bare: bool = False) -> List[Numeral]:
    """Every numeral expression of ``text``, left to right, non-overlapping.

    Quantities (``quantity=True``) carry a unit, a percent sign, a rank marker
    or a fraction; other numbers come back with ``quantity=False`` and a
    ``role`` (see :data:`ROLES`). Lone Chinese digits without a unit (一, 三)
    and numeral characters inside words (统一, 十分, 一流) are not returned;
    ``bare=True`` returns lone digits too (role ``bare``), for benchmarks that
    count every number.

    >>> [(x.text, x.value, x.unit, x.qualifier) for x in find_numerals("减税降费３．４４亿元，增长60%以上")]
    [('３．４４亿元', 344000000, '元', 'exact'), ('60%以上', 60, '%', 'min')]
    """
    if not isinstance(text, str):
        raise TypeError(Errors.E129.format(function="find_numerals", type=type(text).__name__, shown=""))
    if not text:
        return []
    return _Scanner(text, bare).scan()


def parse_numeral(s: str) -> Number:
    """The value of a numeral string without unit.

    >>> parse_numeral("3.44亿"), parse_numeral("三千五百万"), parse_numeral("负1.1")
    (344000000, 35000000, -1.1)

    Accepts Arabic (with thousands separators and exponents), full-width,
    Chinese (小写 and 大写), mixed (1.2万亿, 5万4千), 点 decimals, signs (负, -),
    digit strings (二〇二二) and fractions (三分之一, 3/4, 一又二分之一).
    Raises :class:`NumeralError` (a ValueError) naming the input otherwise.
    """
    if not isinstance(s, str):
        raise NumeralError(Errors.E129.format(function="parse_numeral", type=type(s).__name__, shown=f" ({s!r})"))
    norm = normalise(s)
    body = norm.strip()
    if not body:
        raise NumeralError(Errors.E130.format(given=s, why=": the string is empty."))
    r = _Scanner(body, False).read_number(0)
    if r is None or r.end != len(body):
        where = "" if r is None else f" (it reads {body[: r.end]!r} and stops at {body[r.end :]!r})"
        raise NumeralError(
            Errors.E130.format(
                given=s,
                why=f"{where}. parse_numeral() reads a number without a unit; "
                f"use find_numerals() for numbers with units in running text.",
            )
        )
    if r.high is not None:
        raise NumeralError(Errors.E131.format(given=s, low=_to_number(r.value), high=_to_number(r.high)))
    if r.run.mag_only and not r.fraction and not r.percent:
        raise NumeralError(Errors.E130.format(given=s, why=f": a magnitude word needs a digit (一{body}, 1{body})."))
    value = Fraction(r.value) / 100 if r.percent else r.value  # 百分之二 is the fraction 2/100 here
    return _to_number(value)
