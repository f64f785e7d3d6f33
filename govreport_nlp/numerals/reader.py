"""Reading a number without its unit: sign, run, Arabic suffixes (2e5, 2^5, 40k, 3/4, 1 4/3,
2022.12.31), X分之Y (fractions and percents) and 一又二分之一."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Optional, Union

from .chars import _RUN, _SP, _is_ascii_alnum
from .state import _new_tuple, _Read
from .values import _read_run, _Run

_FRACTION = re.compile(rf"{_SP}*分{_SP}*之{_SP}*")
_YOU = re.compile(rf"{_SP}*又{_SP}*")
_EXP = re.compile(r"[eE][-+]?[0-9]+(?![A-Za-z0-9])|\^[-+]*[0-9]+(?:\.[0-9]+)?")
_KM_SUFFIX = re.compile(r"(?P<sp> ?)(?P<k>[kK]|M)(?![A-Za-z])")
_SLASH = re.compile(r"/([0-9]{1,30})(?![0-9/])")  # bounded: int() refuses 4,300+ digits
_MIXED = re.compile(r" ([0-9]{1,30})/([0-9]{1,30})(?![0-9/])")
_ARABIC_NEXT = frozenset("eE^kKM/ .")
#: the characters after a run that let a suffix, X分之Y or 又 continue the number (_ARABIC_NEXT
#: and the first characters of _FRACTION and _YOU)
_NUMBER_GOES_ON = _ARABIC_NEXT | frozenset("分又 \t")


class _NumberReader:
    """Part of :class:`~govreport_nlp.numerals.scanner._Scanner`: numbers without units."""

    text: str
    norm: str
    n: int

    # ---- numbers (no units)
    def _fix_commas(self, a: int, b: int) -> int:
        """Cut a run at a thousands separator whose width differs from its digits' (1，234 is two numbers)."""
        norm, text = self.norm, self.text
        i = norm.find(",", a, b)
        while i != -1:
            full = text[i] == "，"
            if full != ("０" <= text[i - 1] <= "９") or full != ("０" <= text[i + 1] <= "９"):
                return i
            i = norm.find(",", i + 1, b)
        return b

    def read_number(self, pos: int, allow_sign: bool = True, run_end: int = -1) -> Optional[_Read]:
        """Read sign + run + Arabic suffixes (e5, ^2, k, /4) + X分之Y + 又 at ``pos``.

        ``run_end`` is where the run of numeral characters after the sign ends, when the
        caller has matched it already (the scanner's search has); -1 matches it here.
        """
        norm, n = self.norm, self.n
        start = pos
        neg = False
        if allow_sign and pos < n and norm[pos] in "负-+":
            if norm[pos] == "-" and pos > 0 and (_is_ascii_alnum(norm[pos - 1]) or norm[pos - 1] == "-"):
                return None
            neg = norm[pos] != "+"
            pos += 1
        if run_end < 0:
            m = _RUN.match(norm, pos)
            if not m:
                return None
            run_end = m.end()
        written = norm[pos:run_end]
        if "," in written:
            written = norm[pos : self._fix_commas(pos, run_end)]
        run = _read_run(written)
        if run is None:
            return None
        end = pos + run.end
        value: Union[Decimal, Fraction] = run.value
        fraction = False
        nxt = norm[end] if end < n else ""
        # what follows the run rarely goes on with the number: one test for the three rules below
        if nxt in _NUMBER_GOES_ON or (pos > 0 and norm[pos - 1] in "./ "):
            if run.arabic and not run.chinese and (nxt in _ARABIC_NEXT or (pos > 0 and norm[pos - 1] in "./ ")):
                value, end, run, start, fraction = self._arabic_suffixes(start, pos, end, run, value)
                nxt = norm[end] if end < n else ""
            if nxt and nxt in "分 \t" and run.high is None and not fraction:
                m = _FRACTION.match(norm, end)
                if m:
                    num = self.read_number(m.end())
                    if num is not None and num.high is None and not num.fraction and not num.percent:
                        if run.mag_only:  # 百分之六十五, 千分之三: percents
                            value = Fraction(num.value) * 100 / Fraction(run.value)
                            if neg:
                                value = -value
                            return _Read(value, None, start, num.end, run, pos, False, True, num.start)
                        if run.value != 0:
                            value = Fraction(num.value) / Fraction(run.value)
                            if neg:
                                value = -value
                            return _Read(value, None, start, num.end, run, pos, True, False, start)
            if nxt and nxt in "又 \t" and run.high is None and not fraction:
                m = _YOU.match(norm, end)
                if m:
                    frac = self.read_number(m.end(), allow_sign=False)
                    if frac is not None and frac.fraction and frac.high is None:
                        value = Fraction(value) + Fraction(frac.value)
                        fraction = True
                        end = frac.end
        high = run.high
        if neg:
            value = -value
            if high is not None:
                high = -high
        return _new_tuple(_Read, (value, high, start, end, run, pos, fraction, False, start))

    def _arabic_suffixes(self, start: int, pos: int, end: int, run: _Run, value):
        """Dotted chains (2022.12.31), exponents (2e5, 2^5), k/M, slash fractions (3/4, 1 4/3)."""
        norm, n = self.norm, self.n
        fraction = False
        txt = norm[pos:end]
        if "." in txt and (
            (end + 1 < n and norm[end] == "." and norm[end + 1].isdigit())
            or (pos >= 2 and norm[pos - 1] == "." and norm[pos - 2].isdigit())
        ):
            intpart = txt.split(".")[0]
            if intpart:
                end = pos + len(intpart)
                return (
                    Decimal(intpart.replace(",", "")),
                    end,
                    run._replace(end=len(intpart), trail_mag=-1),
                    start,
                    False,
                )
        m = _EXP.match(norm, end)
        if m:
            e = m.group()
            try:
                if e[0] in "eE":
                    value = Decimal(value) * (Decimal(10) ** int(e[1:]))
                else:
                    sign = -1 if e[1:].count("-") % 2 else 1
                    value = Decimal(repr(float(value) ** (float(e.lstrip("^").lstrip("+-")) * sign)))
                return value, m.end(), run, start, False
            except (ArithmeticError, ValueError):  # decimal.Overflow too: 1e+1001000
                return value, end, run, start, False
        m = _KM_SUFFIX.match(norm, end)
        if m:
            return Decimal(value) * (1000 if m.group("k") in "kK" else 1000000), m.end(), run, start, False
        m = _SLASH.match(norm, end)
        if m and not (pos > 0 and norm[pos - 1] == "/") and int(m.group(1)) != 0:
            value = Fraction(value) / int(m.group(1))
            # a whole part before: 1 4/3
            if pos >= 2 and norm[pos - 1] == " " and norm[pos - 2].isdigit():
                k = pos - 2
                while k > 0 and norm[k - 1].isdigit():
                    k -= 1
                if (k == 0 or not (norm[k - 1].isdigit() or norm[k - 1] in ".,")) and pos - k < 30:
                    value = Fraction(norm[k : pos - 1]) + value
                    start = k
            return value, m.end(), run, start, True
        m = _MIXED.match(norm, end)
        if m and int(m.group(2)) != 0 and value == int(value):
            return Fraction(value) + Fraction(int(m.group(1)), int(m.group(2))), m.end(), run, start, True
        return value, end, run, start, fraction
