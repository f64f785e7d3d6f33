"""The records the scanner passes around: a number read (:class:`_Read`) and the numeral being
built (:class:`_State`)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, Optional, Union

from ..metrics.units import Unit
from .base import Numeral
from .lexicon import _UNITS
from .values import _Run

_PERCENT_UNITS = frozenset(("%", "‰", "‱", "百分点"))
_PERCENT = _UNITS.get("%")

_new_object = object.__new__
_set_attr = object.__setattr__
#: ``_new_tuple(_Read, (...))`` builds a NamedTuple without its Python-level ``__new__`` (a hot path)
_new_tuple = tuple.__new__


def _numeral(**fields) -> Numeral:
    """Build a Numeral without the frozen-dataclass __init__ (a hot path): every field is given."""
    x = _new_object(Numeral)
    _set_attr(x, "__dict__", fields)  # the keyword dict becomes the instance dict
    return x


class _Read(NamedTuple):
    """A number read at some position, before its unit."""

    value: Union[Decimal, Fraction]
    high: Optional[Decimal]
    start: int  # first character (sign, whole part of a fraction)
    end: int  # end of the number (fraction, exponent and k/M included)
    run: _Run
    run_start: int
    fraction: bool  # 三分之一, 3/4, 一又二分之一
    percent: bool  # 百分之六十五, 千分之三: value is a percent number
    num_start: int  # start of the number part (the numerator of a percent)


class _State:
    """The numeral being built by :meth:`_Scanner.classify`."""

    __slots__ = (
        "a",
        "run",
        "run_end",
        "start",
        "end",
        "num_start",
        "num_end",
        "core_start",
        "core_end",
        "value",
        "high",
        "unit",
        "unit_obj",
        "form",
        "approx",
        "prefix_q",
        "suffix_q",
        "suffix_word",
        "verb_q",
        "date_word",
        "ordinal",
        "mag_only",
        "role",
        "fraction",
        "percent",
        "chinese_only",
        "qualifier",
    )

    def __init__(self, r: _Read) -> None:
        value, high, start, end, run, run_start, fraction, percent, num_start = r
        self.a = run_start
        self.run = run
        self.run_end = run_start + run.end
        self.start = self.core_start = start
        self.end = self.num_end = self.core_end = end
        self.num_start = num_start
        self.value = value
        self.high = high
        self.unit: Optional[str] = None
        self.unit_obj: Optional[Unit] = None
        self.approx = run.approx
        self.prefix_q: Optional[str] = None
        self.suffix_q: Optional[str] = None
        self.suffix_word: Optional[str] = None
        self.verb_q = False
        self.date_word: Optional[str] = None
        self.ordinal = False
        self.chinese_only = run.chinese and not run.arabic
        self.role: Optional[str] = None
        self.qualifier = "exact"
        if not (percent or fraction):  # most numbers
            self.form = "cardinal"
            self.fraction = self.percent = False
            self.mag_only = run.mag_only
        else:
            self.form = "percent" if percent else "fraction"
            self.fraction = not percent
            self.percent = percent
            self.mag_only = False
            if percent:
                self.set_unit(_PERCENT)

    def set_unit(self, unit: Unit) -> None:
        self.unit_obj = unit
        self.unit = unit.unit
        if unit.unit in _PERCENT_UNITS:
            self.form = "percent"
