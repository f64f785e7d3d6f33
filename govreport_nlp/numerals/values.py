"""The value of a run of numeral characters: our grammar over cn2an, and cn2an's fixes.

A *run* is what :data:`~govreport_nlp.numerals.chars._RUN` matches: Arabic digits,
Chinese digits and magnitude words, 点, 余/多/几, 半. :func:`_read_run` reads the
number at its start (cached: runs repeat). Plain Chinese numerals are read with
cn2an (:func:`_cn2an_value`, cached); our own grammar (:func:`_eval_std`) reads
what cn2an refuses or misreads: 两 closing a run is a weight (二两 = 2 两, cn2an
says 22), 万万, 兆, 几, 余, adjacent-digit ranges (三四, 五六百), digit strings
(二〇二二) and abbreviations such as 两千四百五万 (cn2an refuses it). Signs
(负1.1, which cn2an reads as 1.1), 第, 成, %, 百分之 and X分之Y are read around the
run, in :mod:`.reader` and :mod:`.attach`.
"""

from __future__ import annotations

import re
from decimal import Decimal, getcontext, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from .base import Number
from .chars import _ARAB_TOK, _DIGITS, _MAGS


class _Tok(NamedTuple):
    kind: str  # A arabic, D digit, Z zero, M magnitude, P 点, X 余/多, J 几, H 半
    val: Decimal
    start: int
    end: int
    ch: str = ""


class _Run(NamedTuple):
    """A number read from a run of numeral characters (offsets relative to the run)."""

    value: Decimal
    high: Optional[Decimal]
    end: int  # chars of the run consumed
    approx: bool
    digits: bool  # a digit string (二〇二二, 一二三)
    pair: bool  # adjacent-digit range (三四, 五六百)
    mag_only: bool  # only magnitude words (百万, 亿)
    arabic: bool
    chinese: bool
    weak: bool  # one Chinese character (一, 三, 十) or a digit string without 〇/零
    trail_mag: int  # offset of a trailing 千/百 after Arabic digits (12千米), else -1
    before_mag: Optional[Decimal]
    plain_chinese: bool  # a standard Chinese numeral cn2an can read
    num: Optional[Number] = None  # ``value`` as an int or float


#: kind and value of every one-character token (the Decimals are made once: a run is read per number)
_CHAR_TOKENS: Dict[str, Tuple[str, Decimal]] = {
    **{c: ("Z" if v == 0 else "D", Decimal(v)) for c, v in _DIGITS.items()},
    **{c: ("M", Decimal(v)) for c, v in _MAGS.items()},
    "点": ("P", Decimal(0)),
    "余": ("X", Decimal(0)),
    "多": ("X", Decimal(0)),
    "几": ("J", Decimal(0)),
    "半": ("H", Decimal("0.5")),
}


def _tokenize(s: str) -> List[_Tok]:
    toks: List[_Tok] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == " " or c == "\t":
            i += 1
            continue
        if "0" <= c <= "9" or c == ".":
            m = _ARAB_TOK.match(s, i)
            toks.append(_Tok("A", Decimal(m.group().replace(",", "")), i, m.end(), "0"))
            i = m.end()
            continue
        token = _CHAR_TOKENS.get(c)
        if token is not None:
            toks.append(_Tok(token[0], token[1], i, i + 1, c))
        i += 1
    return toks


_BIG = Decimal(10000)


def _eval_std(toks: Sequence[_Tok]) -> Optional[Tuple[Decimal, int, bool, Optional[Tuple[int, Decimal]]]]:
    """Standard reading of a token list: (value, tokens used, approx, trailing-magnitude info).

    Reads the longest valid prefix: sections of 十百千 under 万/亿/兆, consecutive big
    magnitudes multiplying (万亿, 万万), 零 gaps, 点 decimals, 余/多/几 approximations
    and the colloquial abbreviation 一万三 = 13000, 两千四百五 = 2450.
    """
    total = section = Decimal(0)
    cur: Optional[Decimal] = None
    last_small: Optional[Decimal] = None
    last_big: Optional[Decimal] = None
    prev = ""
    zero_gap = False
    approx = False
    abbrev = False
    best = None
    trail = None
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        k = t.kind
        if k in "AD":
            if prev in ("A", "D", "H", "J"):
                break
            if k == "A" and prev == "" and i + 1 < n and toks[i + 1].kind == "A":
                break
            cur = t.val
        elif k == "Z":
            if prev in ("A", "D", "H"):
                break
            zero_gap = True
        elif k == "H":
            if prev != "" or i + 1 >= n or toks[i + 1].kind != "M":
                break
            cur = t.val
        elif k == "M":
            v = t.val
            if v < _BIG:
                if cur is None:
                    if prev not in ("", "Z"):
                        break
                    coef = Decimal(1)
                else:
                    coef = cur
                if last_small is not None and v >= last_small:
                    break
                section += coef * v
                cur = None
                last_small = v
            else:
                if prev == "M" and toks[i - 1].val >= _BIG:
                    total *= v
                    last_big = (last_big or Decimal(1)) * v
                else:
                    if cur is None and section == 0:
                        if prev != "J":
                            break
                    if cur is not None and _abbreviated(toks, i - 1, zero_gap, cur) and toks[i - 2].val < _BIG:
                        cur = cur * toks[i - 2].val / 10  # 两千四百五万 = 2450万
                        abbrev = True
                    group = section + (cur or 0)
                    if last_big is None or v > last_big:
                        total = (total + group) * v
                        last_big = v
                    else:
                        total += group * v
                section = Decimal(0)
                cur = None
                last_small = None
            zero_gap = False
        elif k == "P":
            if prev not in ("D", "M", "Z") or (prev == "M" and cur is not None):
                break
            j = i + 1
            digits = ""
            while j < n and toks[j].kind in "DZ" and toks[j].val < 10 and toks[j].ch != "两":
                digits += str(int(toks[j].val))
                j += 1
            if not digits:
                break
            value = total + section + (cur or 0) + Decimal("0." + digits)
            best = (value, j, approx, None, abbrev)
            # big magnitudes may follow a decimal: 十二点五万
            while j < n and toks[j].kind == "M" and toks[j].val >= _BIG:
                value *= toks[j].val
                j += 1
                best = (value, j, approx, None, abbrev)
            return best
        elif k == "X":
            if prev not in ("A", "D", "M") or i + 1 >= n or toks[i + 1].kind != "M":
                break
            approx = True
            i += 1
            continue
        elif k == "J":
            if not (prev == "M" and toks[i - 1].val == 10) and prev != "Z":
                break
            approx = True
        prev = k
        i += 1
        if k == "Z":
            continue
        # snapshot of a complete reading ending here
        value = total + section
        if cur is not None:
            before = toks[i - 2] if i >= 2 else None
            if i == n and _abbreviated(toks, i - 1, zero_gap, cur):
                value += cur * before.val / 10
                abbrev = True
            else:
                value += cur
        trail = None
        if k == "M" and t.val in (100, 1000) and i >= 2 and toks[i - 2].kind == "A" and i - 2 == 0:
            trail = (t.start, toks[0].val)
        best = (value, i, approx, trail, abbrev)
    return best


def _abbreviated(toks: Sequence[_Tok], i: int, zero_gap: bool, cur: Decimal) -> bool:
    """True when the digit toks[i] abbreviates the next lower place: 一万三 (13000), 四百五 (450).

    It must follow 百/千/万/亿 directly (no 零) and be a single digit."""
    return (
        i >= 1
        and toks[i].kind in "AD"
        and toks[i - 1].kind == "M"
        and toks[i - 1].val >= 100
        and not zero_gap
        and cur < 10
        and cur == cur.to_integral_value()
    )


def _pair_at(toks: Sequence[_Tok]) -> int:
    """Index of an adjacent-digit range (三四, 五六百, 一百五六十), else -1."""
    n = len(toks)
    for i in range(n - 1):
        a, b = toks[i], toks[i + 1]
        if a.kind == "D" and b.kind == "D" and a.val < 10 and b.val == a.val + 1:
            if (i == 0 or toks[i - 1].kind == "M") and (i + 2 == n or toks[i + 2].kind == "M"):
                return i
    return -1


@lru_cache(maxsize=4096)
def _cn2an_value(s: str) -> Optional[Decimal]:
    """cn2an's reading of a plain Chinese numeral, or None where it refuses one.

    cn2an is imported here, on the first plain multi-character Chinese numeral:
    its package import builds its converters and compiles a large regex of place
    names (about half a second), which a pipeline that never meets such a numeral
    need not pay at load.
    """
    import cn2an

    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(v))


#: a plain Arabic run (:data:`_PLAIN_ARABIC`) this long at most, times 万 or 亿, has at most
#: 26 digits: its reading is exact at the default precision of 28 digits
_SHORT_PLAIN = 19


@lru_cache(maxsize=8192)
def _read_run(s: str) -> Optional[_Run]:
    """Read the number at the start of a run string ``s`` (cached: runs repeat)."""
    if len(s) <= _SHORT_PLAIN and getcontext().prec >= 28:
        # most new runs: exact in the current context, so no wider one is made (that costs
        # more than the reading)
        plain = _read_plain_arabic(s)
        if plain is not None:
            return _with_num(plain)
    with localcontext() as ctx:
        # Exact arithmetic: the default 28 digits would round long numbers (each
        # character adds at most 13 digits: 兆 = 10**12).
        ctx.prec = max(ctx.prec, 28 + 14 * len(s))
        r = _read_run_raw(s)
        return None if r is None else _with_num(r)


def _with_num(r: _Run) -> _Run:
    """``r`` with its last field, num, filled in (NamedTuple._replace is slow, and this runs per new run)."""
    return _Run._make(r[:-1] + (_to_number(r.value),))


#: a run that is one Arabic number, alone or before one 万 or 亿 (214, 52.08, 9634万, 3.44亿)
_PLAIN_ARABIC = re.compile(r"([0-9]+(?:\.[0-9]+)?)([万亿]?)")


def _read_plain_arabic(s: str) -> Optional[_Run]:
    """The reading of a run that :data:`_PLAIN_ARABIC` matches whole, else None.

    These are most runs met for the first time (the cache of :func:`_read_run` has the
    rest), and their reading by the token grammar is the number times the magnitude:
    the same value (the same Decimal digits and exponent) without tokenising.
    """
    m = _PLAIN_ARABIC.fullmatch(s)
    if m is None:
        return None
    number, magnitude = m.groups()
    value = Decimal(number)
    if magnitude:
        if not value:  # 0.0万: the grammar reads a zero coefficient as the integer 0 (Decimal('0'))
            return None
        value *= _CHAR_TOKENS[magnitude][1]
    return _Run(value, None, len(s), False, False, False, False, True, bool(magnitude), False, -1, None, False)


def _read_run_raw(s: str) -> Optional[_Run]:
    plain = _read_plain_arabic(s)
    if plain is not None:
        return plain
    toks = _tokenize(s)
    if not toks:
        return None
    kinds = "".join(t.kind for t in toks)
    has_a = "A" in kinds
    if kinds == "Z":  # 零 alone
        return _Run(Decimal(0), None, toks[0].end, False, False, False, False, False, True, True, -1, None, False)
    if kinds == "H":  # 半 before 成/折
        return _Run(Decimal("0.5"), None, toks[0].end, False, False, False, False, False, True, True, -1, None, False)
    # 两 closing a run after a digit or magnitude is the weight unit: 二两, 三十两, 三千两百两
    if (
        len(toks) >= 2
        and toks[-1].ch == "两"
        and toks[-2].kind in "DMA"
        and toks[-2].end == toks[-1].start
        and toks[-2].ch != "两"
        and not (len(toks) == 2 and toks[0].kind == "D" and toks[0].val == 1)
    ):
        inner = _read_run(s[: toks[-1].start])
        if inner is not None and inner.end == toks[-1].start and inner.high is None:
            return inner
    # magnitude words only: 百万, 亿, 千亿 (a valid number only in some contexts)
    if kinds.strip("M") == "" and not (toks[0].val == 10):
        mags = [t.val for t in toks]
        k = 1
        while k < len(mags) and mags[k] >= _BIG:  # 百万, 千亿, 万亿; 百万千瓦 stops before 千
            k += 1
        mags = mags[:k]
        v = Decimal(1)
        for m in mags:
            v *= m
        return _Run(v, None, toks[len(mags) - 1].end, False, False, False, True, False, True, False, -1, None, False)
    # adjacent-digit ranges
    p = _pair_at(toks)
    if p >= 0:
        low_toks = list(toks[: p + 1]) + list(toks[p + 2 :])
        high_toks = list(toks[:p]) + list(toks[p + 1 :])
        lo, hi = _eval_std(low_toks), _eval_std(high_toks)
        if lo and hi and lo[1] == len(low_toks) and hi[1] == len(high_toks):
            return _Run(lo[0], hi[0], toks[-1].end, True, False, True, False, has_a, True, False, -1, None, False)
    # digit strings: 二〇二二, 一二三, 九九
    if len(toks) >= 2 and toks[0].kind in "DZ" and toks[1].kind in "DZ" and toks[0].val < 10 and toks[1].val < 10:
        j = 0
        while j < len(toks) and toks[j].kind in "DZ" and toks[j].val < 10:
            j += 1
        digits = "".join(str(int(t.val)) for t in toks[:j])
        has_zero = any(t.kind == "Z" for t in toks[:j])
        value = Decimal(digits)
        while j < len(toks) and toks[j].kind == "M" and toks[j].val >= _BIG:  # 二〇二三万
            value *= toks[j].val
            j += 1
        return _Run(value, None, toks[j - 1].end, False, True, False, False, False, True, not has_zero, -1, None, False)
    r = _eval_std(toks)
    if r is None:
        return None
    value, used, approx, trail, abbrev = r
    end = toks[used - 1].end
    used_kinds = kinds[:used]
    arabic = "A" in used_kinds
    nchars = used - used_kinds.count("A")  # Chinese tokens (one character each)
    chinese = nchars > 0
    weak = not arabic and nchars == 1
    written = s[:end]
    plain = (
        not arabic
        and not approx
        and not abbrev
        and " " not in written
        and "\t" not in written
        and not used_kinds.strip("DZMP")  # digits, zeros, magnitudes and 点 only
        and "兆" not in written
    )
    if plain and nchars > 1:  # cn2an reads plain Chinese numerals; our grammar covers what it refuses
        cv = _cn2an_value(written)
        if cv is not None:
            value = cv
    return _Run(
        value,
        None,
        end,
        approx,
        False,
        False,
        False,
        arabic,
        chinese,
        weak,
        trail[0] if trail else -1,
        trail[1] if trail else None,
        plain,
    )


# --------------------------------------------------------------------------- numbers out
def _to_number(v: Union[Decimal, Fraction, float, int]) -> Number:
    """``v`` as an int or a float, or as an exact ``Decimal`` where those would lose digits.

    Integers beyond 64 bits and decimals a float cannot round-trip (more than
    about 15 significant digits) stay exact as ``Decimal``.
    """
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, Fraction):
        if v.denominator == 1:
            v = Decimal(v.numerator)
        else:
            exact = _fraction_decimal(v)
            if exact is None:  # 1/3: no finite decimal, a float is as good as any
                try:
                    return float(v)
                except OverflowError:  # beyond a float: 40 significant digits
                    with localcontext() as ctx:
                        ctx.prec = 40
                        return Decimal(v.numerator) / Decimal(v.denominator)
            v = exact
    if not v.is_finite():
        return float(v)
    if v == v.to_integral_value():
        n = int(v)
        if -(2**63) <= n < 2**63:
            return n
        if v.adjusted() >= 4000:  # 1e9999: keep the exponent rather than thousands of zeros
            return v
        with localcontext() as ctx:
            ctx.prec = v.adjusted() + 2
            return v.quantize(Decimal(1))
    f = float(v)
    if Decimal(repr(f)) == v:
        return f
    with localcontext() as ctx:
        ctx.prec = max(28, len(v.as_tuple().digits))
        return v.normalize()  # 12.30000 -> 12.3, exactly


def _fraction_decimal(f: Fraction) -> Optional[Decimal]:
    """The exact decimal of ``f`` when it has one (denominator of 2s and 5s only), else None."""
    d = f.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    k = max(twos, fives)
    with localcontext() as ctx:
        ctx.prec = max(28, f.numerator.bit_length() // 3 + k + 10)
        return Decimal(f.numerator * (10**k // f.denominator)).scaleb(-k)
