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
  :mod:`govreport_nlp.units`' business.
* Percents stay percent numbers: 29% -> 29, 百分之六十五 -> 65, 三成 -> 30,
  八五折 -> 85, all with unit ``%``. X分之Y with a bare magnitude as denominator
  is a percent too: 千分之三 -> 0.3 (unit ``%``), 万分之五 -> 0.05; a per-mille
  *sign* keeps its unit (3‰ -> 3, unit ``‰``). Other X分之Y are fractions
  (三分之一 -> 0.333..., form ``fraction``, no unit).
* Ranges give the low end in ``value`` and the high end in ``high``
  (3至5个, 三四个, 五六百, 10%-15%). Adjacent-digit ranges (三四个) are ``approx``.
* Ranks 第N take unit 名 (第一名 keeps 名 inside the span; 第3位 keeps 位).
* The unit is the measure word as written, without magnitude words and without
  a leading 个 when another unit follows (个百分点 -> 百分点, 个工作日 -> 工作日,
  个月 -> 月); a bare 个 stays 个.
* Approximation and bound words glued to the number are inside the span
  (余 多 近 约 超 逾 左右 上下 以上 以内 以下 内); verbs before it
  (突破, 超过, 不超过, 控制在, 约为 ...) stay outside but set the qualifier.
  Word lists: ``patterns/qualifiers.json``; units: ``patterns/units.json``.

* Rates keep both units: 35微克/立方米 -> unit 微克/立方米; 3000元/吨 -> 元/吨.
* Numbers that are not quantities come back with ``quantity=False`` and a
  ``role`` (:data:`ROLES`): 2022年 (date), 三年来 (period), 二十大 (name),
  “三个一批” (slogan), 一是 (list_marker), 9.7:47.3:43 (ratio), 亿元以上项目
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
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

import cn2an
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .units import Unit, default_table
from .widths import fold_widths

__all__ = ["Numeral", "NumeralError", "parse_numeral", "find_numerals", "normalise", "FORMS", "QUALIFIERS", "ROLES"]

Number = Union[int, float]

FORMS = ("cardinal", "percent", "ordinal", "fraction", "range")
QUALIFIERS = ("exact", "approx", "min", "max")
#: Roles of numbers that are not quantities.
ROLES = (
    "date",         # 2022年, 12月31日, 一季度, 14:30
    "period",       # 三年来, 近三年, “十四五”, 80年代, 100周年
    "name",         # 二十大, 第十五人民医院, 二十二街坊, 4A级, 5G, 一期工程, 十五条硬措施
    "slogan",       # “三个一批”, 一企一策, 三化三制, “1+9”, “五育”
    "list_marker",  # 一是, （一）, 一、, 第一条
    "ratio",        # 9.7:47.3:43
    "threshold",    # 亿元以上项目, 过亿元企业, 世界500强, 60岁以上老人
    "article",      # 一条通道, 一批项目: 一 + classifier read as "a"
    "unitless",     # a number with no unit, percent sign or rank marker
    "bare",         # find_numerals(bare=True) only: a lone Chinese digit
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


# --------------------------------------------------------------------------- data files
_PATTERNS = Path(__file__).parent / "patterns"
_QUALIFIER_VALUES = ("approx", "min", "max", "exact")


class _QualifierModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc: str = Field("", alias="_doc")
    glued_prefix: Dict[str, str]
    prefix_blocked_after: Dict[str, List[str]]
    magnitude_prefix: Dict[str, str]
    glued_suffix: Dict[str, str]
    suffix_blocked_before: Dict[str, List[str]]
    verbs_before: Dict[str, str]
    fillers: List[str]
    threshold_suffix: List[str]
    threshold_exempt: List[str]


def _load_qualifiers(path: Path) -> _QualifierModel:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise NumeralError(f"{path}: cannot load the qualifier table ({e}).") from None
    try:
        q = _QualifierModel.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        allowed = ", ".join(["_doc"] + [k for k in _QualifierModel.model_fields if k != "doc"])
        raise NumeralError(f"{path}: {loc}: {err['msg']}. Allowed keys: {allowed}.") from None
    for key in ("glued_prefix", "magnitude_prefix", "glued_suffix", "verbs_before"):
        for word, qual in getattr(q, key).items():
            if qual not in _QUALIFIER_VALUES:
                raise NumeralError(f"{path}: {key}[{word!r}] = {qual!r}; a qualifier is one of "
                                   f"{', '.join(_QUALIFIER_VALUES)}.")
    return q


_Q = _load_qualifiers(_PATTERNS / "qualifiers.json")
_UNITS = default_table()

# --------------------------------------------------------------------------- normalisation
_TRAD = str.maketrans({
    "萬": "万", "億": "亿", "兩": "两", "倆": "两", "俩": "两", "點": "点", "負": "负", "個": "个", "幾": "几",
    "貳": "贰", "參": "叁", "陸": "陆", "對": "对", "雙": "双", "餘": "余", "○": "〇", "∶": ":", "塊": "块",
    "歲": "岁", "週": "周", "噸": "吨", "釐": "厘", "項": "项", "戶": "户", "場": "场", "輛": "辆", "臺": "台",
    "條": "条", "張": "张", "間": "间", "種": "种", "圓": "圆", "號": "号", "屆": "届", "強": "强", "級": "级",
    "內": "内", "約": "约", "過": "过", "幣": "币", "鎊": "镑", "盧": "卢", "韓": "韩", "鐘": "钟", "時": "时",
    "萊": "莱", "與": "与", "為": "为", "達": "达", "―": "—", "－": "-", "﹣": "-", "～": "~",
})


def normalise(text: str) -> str:
    """Fold widths and traditional numeral characters, one character for one.

    >>> normalise("３．４４億元")
    '3.44亿元'
    """
    return fold_widths(text).translate(_TRAD)


#: full-width punctuation the scanner reads in both widths, so that most texts need no folding
_FW_PUNCT = "，（）：；！？"
_FW_PUNCT_HALF = ",():;!?"
#: a character the scanner only reads folded: full-width digits, letters and signs, the ideographic
#: space, traditional numeral characters
_NEEDS_FOLD = re.compile("[\u3000\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e"
                         + "".join(sorted(chr(c) for c in _TRAD if chr(c) not in _FW_PUNCT)) + "]")


def _scan_text(text: str) -> str:
    """The text the scanner reads: ``normalise(text)``, or ``text`` itself when folding changes
    nothing the scanner looks at (it reads ，（）：；！？ in both widths)."""
    return normalise(text) if _NEEDS_FOLD.search(text) else text


def _both(chars: str) -> frozenset:
    """``chars`` plus the full-width forms of the punctuation among them."""
    out = set(chars)
    for half, full in zip(_FW_PUNCT_HALF, _FW_PUNCT):
        if half in out or full in out:
            out.update((half, full))
    return frozenset(out)


# --------------------------------------------------------------------------- characters
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
           "廿": 20, "卅": 30}
_MAGS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10 ** 4, "亿": 10 ** 8,
         "兆": 10 ** 12}
_D = "".join(_DIGITS)
_DNZ = _D.replace("〇", "").replace("零", "")
_M = "".join(_MAGS)
_CN = _D + _M
_CN_SET = frozenset(_CN)
_MAG_SET = frozenset(_M)
_BIG_SET = frozenset("万亿兆")
#: single financial digits that are also common word characters (队伍, 大陆, 收拾, 放肆)
_AMBIGUOUS_FINANCIAL = frozenset("伍陆拾肆佰仟")
_SP = "[ \t]"
_ARAB = r"(?<![0-9.])\.[0-9]+|[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_CN_NO_ZHAO = _CN.replace("兆", "")
_ATOM = rf"(?:{_ARAB}|[{_CN_NO_ZHAO}]|兆(?=[0-9{_CN_NO_ZHAO}])|(?<=十)几|半(?=[百成折]))"
_GLUE = (rf"(?:(?<=[{_CN}]){_SP}*点{_SP}*(?=[{_D.replace('两', '')}])|{_SP}*[余多几]{_SP}*(?=[{_M}])"
         rf"|{_SP}+(?=[{_CN}])|(?<=[{_CN}]){_SP}+(?=[0-9]))")
_RUN = re.compile(rf"(?=[0-9.{_CN}几半]){_ATOM}(?:{_GLUE}?{_ATOM})*")  # the lookahead makes search() skip fast
_ARAB_TOK = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _is_ascii_alnum(ch: str) -> bool:
    return ("0" <= ch <= "9") or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_alpha(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


# --------------------------------------------------------------------------- run evaluation
class _Tok(NamedTuple):
    kind: str      # A arabic, D digit, Z zero, M magnitude, P 点, X 余/多, J 几, H 半
    val: Decimal
    start: int
    end: int
    ch: str = ""


class _Run(NamedTuple):
    """A number read from a run of numeral characters (offsets relative to the run)."""

    value: Decimal
    high: Optional[Decimal]
    end: int                 # chars of the run consumed
    approx: bool
    digits: bool             # a digit string (二〇二二, 一二三)
    pair: bool               # adjacent-digit range (三四, 五六百)
    mag_only: bool           # only magnitude words (百万, 亿)
    arabic: bool
    chinese: bool
    weak: bool               # one Chinese character (一, 三, 十) or a digit string without 〇/零
    trail_mag: int           # offset of a trailing 千/百 after Arabic digits (12千米), else -1
    before_mag: Optional[Decimal]
    plain_chinese: bool      # a standard Chinese numeral cn2an can read
    num: Optional[Number] = None   # ``value`` as an int or float


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
        if c in _DIGITS:
            v = _DIGITS[c]
            toks.append(_Tok("Z" if v == 0 else "D", Decimal(v), i, i + 1, c))
        elif c in _MAGS:
            toks.append(_Tok("M", Decimal(_MAGS[c]), i, i + 1, c))
        elif c == "点":
            toks.append(_Tok("P", Decimal(0), i, i + 1, c))
        elif c in "余多":
            toks.append(_Tok("X", Decimal(0), i, i + 1, c))
        elif c == "几":
            toks.append(_Tok("J", Decimal(0), i, i + 1, c))
        elif c == "半":
            toks.append(_Tok("H", Decimal("0.5"), i, i + 1, c))
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
                        cur = cur * toks[i - 2].val / 10      # 两千四百五万 = 2450万
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
    return (i >= 1 and toks[i].kind in "AD" and toks[i - 1].kind == "M" and toks[i - 1].val >= 100
            and not zero_gap and cur < 10 and cur == cur.to_integral_value())


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
    """cn2an's reading of a plain Chinese numeral, or None where it refuses one."""
    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(v))


@lru_cache(maxsize=8192)
def _read_run(s: str) -> Optional[_Run]:
    """Read the number at the start of a run string ``s`` (cached: runs repeat)."""
    r = _read_run_raw(s)
    return None if r is None else r._replace(num=_to_number(r.value))


def _read_run_raw(s: str) -> Optional[_Run]:
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
    if (len(toks) >= 2 and toks[-1].ch == "两" and toks[-2].kind in "DMA" and toks[-2].end == toks[-1].start
            and toks[-2].ch != "两"
            and not (len(toks) == 2 and toks[0].kind == "D" and toks[0].val == 1)):
        inner = _read_run(s[:toks[-1].start])
        if inner is not None and inner.end == toks[-1].start and inner.high is None:
            return inner
    # magnitude words only: 百万, 亿, 千亿 (a valid number only in some contexts)
    if kinds.strip("M") == "" and not (toks[0].val == 10):
        mags = [t.val for t in toks]
        k = 1
        while k < len(mags) and mags[k] >= _BIG:   # 百万, 千亿, 万亿; 百万千瓦 stops before 千
            k += 1
        mags = mags[:k]
        v = Decimal(1)
        for m in mags:
            v *= m
        return _Run(v, None, toks[len(mags) - 1].end, False, False, False, True, False, True, False, -1, None, False)
    # adjacent-digit ranges
    p = _pair_at(toks)
    if p >= 0:
        low_toks = list(toks[:p + 1]) + list(toks[p + 2:])
        high_toks = list(toks[:p]) + list(toks[p + 1:])
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
        return _Run(value, None, toks[j - 1].end, False, True, False, False, False, True, not has_zero,
                    -1, None, False)
    r = _eval_std(toks)
    if r is None:
        return None
    value, used, approx, trail, abbrev = r
    used_toks = toks[:used]
    end = used_toks[-1].end
    chinese = any(t.kind != "A" for t in used_toks)
    arabic = any(t.kind == "A" for t in used_toks)
    nchars = sum(1 for t in used_toks if t.kind != "A")
    weak = not arabic and nchars == 1
    plain = (not arabic and not approx and not abbrev and " " not in s[:end] and "\t" not in s[:end]
             and all(t.kind in "DZMP" for t in used_toks) and "兆" not in s[:end])
    if plain and nchars > 1:   # cn2an reads plain Chinese numerals; our grammar covers what it refuses
        cv = _cn2an_value(s[:end])
        if cv is not None:
            value = cv
    return _Run(value, None, end, approx, False, False, False, arabic, chinese, weak,
                trail[0] if trail else -1, trail[1] if trail else None, plain)


# --------------------------------------------------------------------------- unit matching
def _unit_pattern(forms: Sequence[str]) -> str:
    parts = []
    for f in sorted(forms, key=len, reverse=True):
        if re.fullmatch(r"[A-Za-z0-9²³·]+", f):
            body = re.escape(f)
            if len(f) >= 2 and f.isalpha():
                body = f"(?i:{body})"
            parts.append(f"{body}(?![A-Za-z])")
        else:
            parts.append(f"{_SP}*".join(re.escape(c) for c in f))
    return "|".join(parts)


_UNIT_FORMS = [f for f, u in _UNITS.forms.items() if not u.compound_only]


def _by_first_char(forms: Sequence[str]) -> Dict[str, "re.Pattern[str]"]:
    """One small unit regex per first character (lower-cased): alternations stay short."""
    groups: Dict[str, List[str]] = {}
    for f in forms:
        groups.setdefault(f[0].lower(), []).append(f)
    return {c: re.compile(rf"(?P<u>{_unit_pattern(fs)})") for c, fs in groups.items()}


_UNIT_BY_FIRST = _by_first_char(_UNIT_FORMS)
_GE_FORMS = [f for f, u in _UNITS.forms.items() if u.after_ge]
_GE_RE = re.compile(rf"{_SP}{{0,4}}个{_SP}*(?P<q>[多余半])?{_SP}*(?P<u>{_unit_pattern(_GE_FORMS)})")
_UNIT_START = frozenset(c for f in _UNIT_FORMS for c in (f[0], f[0].upper(), f[0].lower())) | frozenset("个")
_SINGLE_CHAR_UNITS = frozenset(f for f in _UNIT_FORMS if len(f) == 1)


_FORM_LOWER = {f.lower(): u for f, u in _UNITS.forms.items() if not u.compound_only}
_BLOCKED = {u.unit: (frozenset(b for b in u.blocked if len(b) == 1), tuple(b for b in u.blocked if len(b) > 1))
            for u in _UNITS.units.values()}


def _blocked(norm: str, e: int, u: Unit) -> bool:
    one, longer = _BLOCKED[u.unit]
    return (e < len(norm) and norm[e] in one) or (bool(longer) and norm.startswith(longer, e))


def _unit_at(norm: str, pos: int) -> Optional[Tuple[int, Unit, str, str]]:
    """(end, unit, written form, 个-modifier) of the unit at ``pos``, else None.

    个 before an ``after_ge`` unit is dropped (个百分点 -> 百分点; 个多月 -> 月, approx);
    a unit followed by one of its ``blocked`` continuations is not a unit (3个项目: 个).
    """
    k = pos
    n = len(norm)
    if k < n and (norm[k] == " " or norm[k] == "\t"):
        while k < n and norm[k] in " \t":
            k += 1
    if k < n and norm[k] == "个":
        m = _GE_RE.match(norm, pos)
        if m:
            u = _FORM_LOWER.get(m.group("u").replace(" ", "").replace("\t", "").lower())
            if u is not None and not _blocked(norm, m.end(), u):
                return m.end(), u, m.group("u"), m.group("q") or ""
    rx = _UNIT_BY_FIRST.get(norm[k].lower()) if k < n else None
    m = rx.match(norm, k) if rx is not None else None
    if m:
        written = m.group("u")
        u = _FORM_LOWER.get(written.replace(" ", "").replace("\t", "").lower())
        if u is not None and not _blocked(norm, m.end(), u):
            return m.end(), u, written, ""
    return None


# --------------------------------------------------------------------------- lexical words
#: words in which numeral characters are not numbers (checked when the number is
#: exactly the numeral part of the word)
_LEXICAL_WORDS = """
一些 一切 一起 一般 一直 一定 一样 一致 一旦 一度 一时 一向 一律 一再 一同 一道 一线 一流 一体 一揽子 一把手
一站式 一方面 一系列 一大批 一手 一看 一心 一举 一边 一面 一刀切 一盘棋 一张图 一张网 一张蓝图 一条龙
一号 一把 一轮 一代 一生 一半 一点 一下 一阵 一环 一贯 一级 一次性 一网通办 一门 一口气 一眼
一部分 一览 一经 一窝蜂 一味 一如既往 一鼓作气 一以贯之 一目了然 一丝不苟 一马当先 一脉相承 一员
统一 唯一 同一 之一 进一步 一步 逐一 万一 专一 单一 合一 划一 归一 如一 不一 一一 第一时间 其一 星期一 周一
两岸 两会 两新 两高 两化 两手 两翼 两委 两癌 两违 两类 两不愁 两端 两者 两侧 两极 两旁 两难 两用
三农 三公 三资 三废 三甲 三角 三峡 三亚 三明 三门峡 三沙 三星 三联 三大 三线 三级 三秦 三晋 三产 三思
四川 四周 四处 四季 四方 四面 四通八达 四平 四海 四化
五湖四海 五金 五官 五四 五一 五星 五彩 五谷 五洲 五角 五环
六合 六盘水 七夕 七一 八一 八达岭 八方 九州 九江 九寨沟 九龙 九九
十分 十足 十全十美 十字 十堰 十大
千方百计 千家万户 千秋 千岛湖 秋千 千万 万物 万众 万象 万家 万里 万千 万达 万科 万般
零售 零星 零件 零部件 零碎 零钱 零距离 清零 归零 零容忍 零增长 零的 零排放 零事故 零风险 零跑腿 零投诉
大陆 陆地 登陆 着陆 陆续 陆军 海陆 水陆 陆路 内陆 队伍 入伍 退伍 伍仁 落伍 收拾 拾取 拾起 拾到 拾遗 放肆 肆意
肆无忌惮 肆虐 百姓 百货 百般 百度 百科 百合 百花 百城 百年 百分百 半导体 半年 半岛 半径 二手 两两 三三两两 三次产业
""".split()


def _build_lexicon(words: Sequence[str]) -> Dict[Tuple[str, str, str], List[Tuple[int, str]]]:
    """(numeral part, "<" or ">", neighbour) -> [(offset of the part in the word, word)].

    A word whose numeral part starts it is keyed by the character after the part
    (十分 -> ("十", ">", "分")), any other by the character before (统一 -> ("一", "<", "统")).
    """
    out: Dict[Tuple[str, str, str], List[Tuple[int, str]]] = {}
    for w in words:
        for m in re.finditer(rf"[{_CN}]+", w):
            if m.start() == 0:
                if m.end() < len(w):
                    out.setdefault((m.group(), ">", w[m.end()]), []).append((0, w))
            else:
                out.setdefault((m.group(), "<", w[m.start() - 1]), []).append((m.start(), w))
    return out


_LEXICON = _build_lexicon(_LEXICAL_WORDS)


_PLAIN_DIGITS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_PLAIN_SET = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")


def _lexical(norm: str, a: int, b: int) -> bool:
    """True when norm[a:b] is the numeral part of a lexical word such as 统一 or 十分."""
    base = max(0, a - 4)
    window = norm[base:b + 4]
    if not _PLAIN_SET.isdisjoint(window):
        window = window.translate(_PLAIN_DIGITS)
    i, j = a - base, b - base
    part = window[i:j]
    words = []
    if j < len(window):
        words = _LEXICON.get((part, ">", window[j]), [])
    if i > 0:
        words = words + _LEXICON.get((part, "<", window[i - 1]), [])
    for off, w in words:
        s = i - off
        if s >= 0 and window.startswith(w, s):
            return True
    return False


# --------------------------------------------------------------------------- context words
_DATE_AFTER = re.compile(r"(?P<w>年代|年度|周年|世纪|季度|月份|年|月|日|号)")
_NOT_DATE = ("日报", "日常", "日益", "日程", "日均", "日夜", "日照", "日用", "日子", "月薪", "年薪",
             "年轻", "年龄", "年限", "年鉴", "年会", "年检", "年报", "年票", "年货", "年画", "年级", "号召", "号称")
_LIST_PREV = _both("。;!?:\n\r\t ,、(“\"【[")
_CLAUSE_PREV = _both("。;!?:\n\r\t ")
_PUNCT_FOLLOW = _both("。;!?:,、)】]”\"'》」』.…—\n\r\t ")
_COLON = _both(":")
_OPEN = _both("(")
_CLOSE = _both(")")
_ORDINAL_LIST = ("条", "章", "节", "款", "部分", "篇", "编", "是")
#: before 一 + classifier these make it "the previous/next/each one", not a count
_ARTICLE_BEFORE = frozenset("上下每这那哪某同另任逐其")
_SESSION_WORDS = ("会议", "全会", "全体会议", "代表大会", "党代会", "常委会")
_POLICY_WORDS = ("措施", "意见", "举措", "政策", "规定", "办法", "条例", "细则", "硬措施", "实招", "新政")
_PLAN = re.compile(r"(?:十[一二三四五六七八九]|[六七八九])五$")
_QUOTE_RE = re.compile(r"“[^“”\n]{1,12}”|「[^「」\n]{1,12}」|\"[^\"\n]{1,12}\"")
_BOOK_RE = re.compile(r"《[^《》\n]{1,80}》")
_URL_RE = re.compile(r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+")
_ISO_DATE_RE = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])")
_RANGE_SEP = re.compile(rf"{_SP}*(?:-|~|—{{1,2}}|至|到){_SP}*")
_FRACTION = re.compile(rf"{_SP}*分{_SP}*之{_SP}*")
_YOU = re.compile(rf"{_SP}*又{_SP}*")
_EXP = re.compile(r"[eE][-+]?[0-9]+(?![A-Za-z0-9])|\^[-+]*[0-9]+(?:\.[0-9]+)?")
_KM_SUFFIX = re.compile(r"(?P<sp> ?)(?P<k>[kK]|M)(?![A-Za-z])")
_SLASH = re.compile(r"/([0-9]+)(?![0-9/])")
_DOZEN_BLOCK = frozenset("造击通好赢响开破牢下出扫包卡印算针捞工车球架折压假分电进入拼")
_CHENG_BLOCK = frozenset("为员品本果效绩立功熟长都交型就套片批年人")
_ZHE_BLOCK = frozenset("合算旧扣射线叠腾返价现")
_ARABIC_NEXT = frozenset("eE^kKM/ .")
_CURRENCY_SYMBOLS = {"$": "美元", "¥": "元", "￥": "元"}
_PERCENT_UNITS = frozenset(("%", "‰", "‱", "百分点"))
_PERCENT = _UNITS.get("%")
_DATE_FIRST = frozenset("年月日号周世季")
_RANGE_FIRST = frozenset("-~—至到 \t")
_MIXED = re.compile(r" ([0-9]+)/([0-9]+)(?![0-9/])")
_CLOCK_AFTER = re.compile(r"[:：][0-9]{2}(?![0-9.:：])")
_CLOCK_BEFORE = re.compile(r"(?:^|[^0-9.:：])[0-9]{1,2}[:：]$")
_MAG_LINK = ("达到", "达", "到", "至", "为", "是")
_NOT_STRONG = ("强化", "强调", "强度", "强制", "强劲", "强势", "强力", "强基")
_PREFIX_BLOCK = {k: frozenset(v) for k, v in _Q.prefix_blocked_after.items()}
_THRESHOLD_SUFFIX = frozenset(_Q.threshold_suffix)


#: characters after a lone Chinese digit that may make it a numeral (units, dates, 是, 、 ...)
_INTERESTING = (frozenset(f[0] for f in _UNITS.forms) | _both("个分成折打年月日号季周世是、),.;:。!?\n\r"
                                                               "余多来几至到-~—+半强级之 \t%‰‱”\"'」")
                | _CN_SET | frozenset("0123456789"))
_INTERESTING_BEFORE = _both("第负-(“\"「+近约超逾过上破/:\n\r 。;")


_new_object = object.__new__


def _numeral(**fields) -> Numeral:
    """Build a Numeral without the frozen-dataclass __init__ (a hot path): every field is given."""
    x = _new_object(Numeral)
    x.__dict__.update(fields)
    return x


class _Found(NamedTuple):
    numeral: Numeral
    verb_qualifier: bool     # the qualifier came from a verb before the span


class _Read(NamedTuple):
    """A number read at some position, before its unit."""

    value: Union[Decimal, Fraction]
    high: Optional[Decimal]
    start: int               # first character (sign, whole part of a fraction)
    end: int                 # end of the number (fraction, exponent and k/M included)
    run: _Run
    run_start: int
    fraction: bool           # 三分之一, 3/4, 一又二分之一
    percent: bool            # 百分之六十五, 千分之三: value is a percent number
    num_start: int           # start of the number part (the numerator of a percent)


class _State:
    """The numeral being built by :meth:`_Scanner.classify`."""

    __slots__ = ("a", "run", "run_end", "start", "end", "num_start", "num_end", "core_start", "core_end", "value",
                 "high", "unit", "unit_obj", "form", "approx", "prefix_q", "suffix_q", "suffix_word", "verb_q",
                 "date_word", "ordinal", "mag_only", "role", "fraction", "percent", "chinese_only", "qualifier")

    def __init__(self, r: _Read) -> None:
        run = r.run
        self.a = r.run_start
        self.run = run
        self.run_end = r.run_start + run.end
        self.start = self.core_start = r.start
        self.end = self.num_end = r.end
        self.num_start = r.num_start
        self.core_end = r.end
        self.value = r.value
        self.high = r.high
        self.unit: Optional[str] = None
        self.unit_obj: Optional[Unit] = None
        self.form = "percent" if r.percent else "fraction" if r.fraction else "cardinal"
        self.approx = run.approx
        self.prefix_q: Optional[str] = None
        self.suffix_q: Optional[str] = None
        self.suffix_word: Optional[str] = None
        self.verb_q = False
        self.date_word: Optional[str] = None
        self.ordinal = False
        self.fraction = r.fraction and not r.percent
        self.percent = r.percent
        self.mag_only = run.mag_only and not r.percent and not r.fraction
        self.chinese_only = run.chinese and not run.arabic
        self.role: Optional[str] = None
        self.qualifier = "exact"
        if r.percent:
            self.set_unit(_PERCENT)

    def set_unit(self, unit: Unit) -> None:
        self.unit_obj = unit
        self.unit = unit.unit
        if unit.unit in _PERCENT_UNITS:
            self.form = "percent"


class _Scanner:
    """One pass over one text. ``norm`` is the folded text; offsets are shared with ``text``."""

    def __init__(self, text: str, bare: bool) -> None:
        self.text = text
        self.norm = _scan_text(text)
        self.n = len(text)
        self.bare = bare
        self._quotes: Optional[bytearray] = None
        self._books: Optional[bytearray] = None
        self._urls: Optional[List[Tuple[int, int]]] = None
        self._iso: Optional[Dict[int, int]] = None
        self._has_quotes = "“" in self.norm or "\"" in self.norm or "「" in self.norm
        self._has_books = "《" in self.norm

    # ---- regions computed on demand
    def _mask(self, rx: "re.Pattern[str]") -> bytearray:
        """Per character: the number (1..255, cycling) of the quoted region it is inside, else 0."""
        mask = bytearray(self.n)
        for i, m in enumerate(rx.finditer(self.norm)):
            s, e = m.start() + 1, m.end() - 1
            mask[s:e] = bytes((i % 255 + 1,)) * (e - s)
        return mask

    def in_quotes(self, a: int, b: int) -> bool:
        """True when norm[a:b] lies inside one short quotation (“三个一批”)."""
        if not self._has_quotes:
            return False
        if self._quotes is None:
            self._quotes = self._mask(_QUOTE_RE)
        q = self._quotes[a]
        return q != 0 and q == self._quotes[b - 1]

    def in_book(self, a: int, b: int) -> bool:
        """True when norm[a:b] lies inside one title 《…》."""
        if not self._has_books:
            return False
        if self._books is None:
            self._books = self._mask(_BOOK_RE)
        q = self._books[a]
        return q != 0 and q == self._books[b - 1]

    def url_end(self, a: int) -> int:
        if self._urls is None:
            t = self.norm
            self._urls = ([(m.start(), m.end()) for m in _URL_RE.finditer(t)]
                          if ("://" in t or "www." in t or "@" in t) else [])
        for s, e in self._urls:
            if s <= a < e:
                return e
        return -1

    def iso_date(self, a: int) -> int:
        """End of an ISO-like date (2022-12-31, 2022/12/31, 2022.12.31) starting at ``a``, else -1."""
        if self._iso is None:
            self._iso = {m.start(): m.end() for m in _ISO_DATE_RE.finditer(self.norm)}
        return self._iso.get(a, -1)

    # ---- the main loop
    def scan(self) -> List[Numeral]:
        norm = self.norm
        found: List[_Found] = []
        pos = 0
        search = _RUN.search
        while True:
            m = search(norm, pos)
            if m is None:
                break
            a = m.start()
            if m.end() - a == 1 and not self.bare and norm[a] in _CN_SET and self._quick_drop(a):
                pos = a + 1
                continue
            got = self.analyse(a)
            if got is None:
                pos = max(m.end(), a + 1)
                continue
            found.extend(got[0])
            pos = max(got[1], a + 1)
        return self._inherit(found)

    def _quick_drop(self, a: int) -> bool:
        """A lone Chinese digit that nothing around can turn into a numeral (most 一 of running text)."""
        norm, n = self.norm, self.n
        nxt = norm[a + 1] if a + 1 < n else ""
        if nxt == "" or nxt in _INTERESTING or (a + 2 < n and norm[a + 2] in _DNZ):
            return False
        if a > 0 and (norm[a - 1] in _INTERESTING_BEFORE or (a > 1 and norm[a - 2] in _DNZ)):
            return False
        return not self.in_quotes(a, a + 1)

    def _inherit(self, found: List[_Found]) -> List[Numeral]:
        """A verb's bound carries over a list: 分别突破200家、100家 -> both min."""
        out: List[Numeral] = []
        prev: Optional[_Found] = None
        for f in found:
            x = f.numeral
            if (prev is not None and prev.verb_qualifier and x.qualifier == "exact" and x.quantity
                    and prev.numeral.quantity and self.norm[prev.numeral.end:x.start] == "、"):
                x = dataclasses.replace(x, qualifier=prev.numeral.qualifier)
                f = _Found(x, True)
            out.append(x)
            prev = f
        return out

    def analyse(self, a: int) -> Optional[Tuple[List[_Found], int]]:
        """The numeral(s) starting with the run at ``a`` and where scanning resumes."""
        norm = self.norm
        ue = self.url_end(a)
        if ue >= 0:
            return [], ue
        if "0" <= norm[a] <= "9":
            de = self.iso_date(a)
            if de >= 0:
                return self._iso_numerals(a, de), de
        r = None
        if a > 0 and (norm[a - 1] == "负" or (norm[a - 1] == "-" and (a < 2 or not (
                _is_ascii_alnum(norm[a - 2]) or norm[a - 2] in "-.")))):
            r = self.read_number(a - 1)
        if r is None:
            r = self.read_number(a, allow_sign=False)
        if r is None:
            return None
        return self.classify(r)

    def _iso_numerals(self, a: int, e: int) -> List[_Found]:
        out = []
        for m in re.finditer(r"[0-9]+", self.norm[a:e]):
            s0, e0 = a + m.start(), a + m.end()
            out.append(_Found(Numeral(start=s0, end=e0, text=self.text[s0:e0], value=int(m.group()), high=None,
                                      unit=None, form="cardinal", qualifier="exact", quantity=False, role="date",
                                      num_start=s0, num_end=e0, core_start=s0, core_end=e0), False))
        return out

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

    def read_number(self, pos: int, allow_sign: bool = True) -> Optional[_Read]:
        """Read sign + run + Arabic suffixes (e5, ^2, k, /4) + X分之Y + 又 at ``pos``."""
        norm, n = self.norm, self.n
        start = pos
        neg = False
        if allow_sign and pos < n and norm[pos] in "负-+":
            if norm[pos] == "-" and pos > 0 and (_is_ascii_alnum(norm[pos - 1]) or norm[pos - 1] == "-"):
                return None
            neg = norm[pos] != "+"
            pos += 1
        m = _RUN.match(norm, pos)
        if not m:
            return None
        b = self._fix_commas(pos, m.end()) if "," in m.group() else m.end()
        run = _read_run(norm[pos:b])
        if run is None:
            return None
        end = pos + run.end
        value: Union[Decimal, Fraction] = run.value
        fraction = False
        nxt = norm[end] if end < n else ""
        if run.arabic and not run.chinese and (nxt in _ARABIC_NEXT or (pos > 0 and norm[pos - 1] in "./ ")):
            value, end, run, start, fraction = self._arabic_suffixes(start, pos, end, run, value)
            nxt = norm[end] if end < n else ""
        if nxt and nxt in "分 \t" and run.high is None and not fraction:
            m = _FRACTION.match(norm, end)
            if m:
                num = self.read_number(m.end())
                if num is not None and num.high is None and not num.fraction and not num.percent:
                    if run.mag_only:   # 百分之六十五, 千分之三: percents
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
        return _Read(value, high, start, end, run, pos, fraction, False, start)

    def _arabic_suffixes(self, start: int, pos: int, end: int, run: _Run, value):
        """Dotted chains (2022.12.31), exponents (2e5, 2^5), k/M, slash fractions (3/4, 1 4/3)."""
        norm, n = self.norm, self.n
        fraction = False
        txt = norm[pos:end]
        if "." in txt and ((end + 1 < n and norm[end] == "." and norm[end + 1].isdigit())
                           or (pos >= 2 and norm[pos - 1] == "." and norm[pos - 2].isdigit())):
            intpart = txt.split(".")[0]
            if intpart:
                end = pos + len(intpart)
                return Decimal(intpart.replace(",", "")), end, run._replace(end=len(intpart), trail_mag=-1), start, False
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
            except (InvalidOperation, OverflowError, ValueError, ZeroDivisionError):
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
                if k == 0 or not (norm[k - 1].isdigit() or norm[k - 1] in ".,"):
                    value = Fraction(norm[k:pos - 1]) + value
                    start = k
            return value, m.end(), run, start, True
        m = _MIXED.match(norm, end)
        if m and int(m.group(2)) != 0 and value == int(value):
            return Fraction(value) + Fraction(int(m.group(1)), int(m.group(2))), m.end(), run, start, True
        return value, end, run, start, fraction

    # ---- one numeral
    def classify(self, r: _Read) -> Optional[Tuple[List[_Found], int]]:
        norm, n = self.norm, self.n
        st = _State(r)
        a, run = st.a, st.run
        # numeral characters inside words: 统一, 十分, 第一时间, 一流
        if st.chinese_only and st.run_end - a <= 3 and st.form == "cardinal" and _lexical(norm, a, st.run_end):
            return [], max(st.run_end, a + 1)
        if run.arabic and a > 0 and _is_alpha(norm[a - 1]) and st.form == "cardinal":
            # part of an identifier: PM2.5, B12, CO2, A2021
            x = _numeral(start=a, end=st.num_end, text=self.text[a:st.num_end], value=run.num if st.value is run.value
                         else _to_number(st.value), high=None, unit=None, form="cardinal", qualifier="exact",
                         quantity=False, role="name", num_start=a, num_end=st.num_end, core_start=a,
                         core_end=st.num_end)
            return [_Found(x, False)], st.num_end
        self._left(st)
        if st.form == "cardinal":
            self._right(st)
            if st.unit is None and st.date_word is None and st.form == "cardinal" and not st.mag_only \
                    and st.end < n and norm[st.end] in "和、与及或" and not st.ordinal:
                self._shared_unit(st)
        if st.high is None and st.date_word is None and st.form in ("cardinal", "percent") and not st.mag_only \
                and not st.percent:
            self._range(st)
        elif st.high is not None and not st.ordinal:
            st.form = "range"
            if run.pair:
                st.approx = True
        st.core_end = st.end
        if not st.ordinal and st.date_word is None and st.end < n and norm[st.end] in _SUFFIX_FIRST:
            self._suffix(st)
        self._qualify(st)
        if st.ordinal:
            self._ordinal(st)
        if st.role is None:
            st.role = self._role(st)
        if st.role == "drop":
            return [], max(st.run_end, a + 1)
        if st.date_word and st.role in (None, "date", "period"):
            st.role = st.role or "date"
            st.unit = st.date_word
        value = run.num if st.value is run.value else _to_number(st.value)
        high = _to_number(st.high) if st.high is not None else None
        x = _numeral(start=st.start, end=st.end, text=self.text[st.start:st.end], value=value, high=high,
                     unit=st.unit, form=st.form, qualifier=st.qualifier, quantity=st.role is None, role=st.role,
                     num_start=st.num_start, num_end=min(st.num_end, st.end), core_start=st.core_start,
                     core_end=st.core_end)
        return [_Found(x, st.verb_q)], st.end

    def _left(self, st: _State) -> None:
        """第, glued prefixes (近 约 超 逾; 过 上 破 before a bare magnitude), currency symbols."""
        norm = self.norm
        s = st.start
        if s == 0:
            return
        c = norm[s - 1]
        if c == "第" and st.form == "cardinal":
            st.ordinal = True
            st.form = "ordinal"
            st.start = st.core_start = s - 1
            return
        # 过亿元, 上百亿元, 数十家: a number that starts with a magnitude word takes more prefixes
        table = _Q.magnitude_prefix if (st.mag_only or norm[st.a] in _MAG_SET) else _Q.glued_prefix
        if c in table and not (s > 1 and norm[s - 2] in _PREFIX_BLOCK.get(c, ())):
            st.prefix_q = table[c]
            st.start = s - 1
        elif c in _CURRENCY_SYMBOLS and st.form == "cardinal":
            st.set_unit(_UNITS.get(_CURRENCY_SYMBOLS[c]))
            st.start = st.core_start = s - 1

    def _right(self, st: _State) -> None:
        """Approximation words, the unit (or 成/折/打), dates, compound money, 半 after the unit."""
        norm, n = self.norm, self.n
        run = st.run
        pos = st.end
        k = pos
        while k < n and norm[k] in " \t":
            k += 1
        c = norm[k] if k < n else ""
        # 1000余人, 100多家, 二十来个, 四百多
        if c and c in "余多来" and not st.mag_only:
            u = _unit_at(norm, k + 1)
            nxt = norm[k + 1] if k + 1 < n else ""
            if u is not None or (c != "来" and (nxt == "" or not _is_cjk(nxt))):
                st.approx = True
                pos = k + 1
                k = pos
                c = norm[k] if k < n else ""
        u = None
        if run.trail_mag >= 0:  # 12千米, 2.3千克: the magnitude belongs to the unit
            u = _unit_at(norm, st.a + run.trail_mag)
            if u is not None and u[2][0] in "千百" and len(u[2]) > 1:
                st.value = run.before_mag if st.value >= 0 else -run.before_mag
                st.num_end = st.a + run.trail_mag
            else:
                u = None
        if u is None and st.unit is None and c and (c in _UNIT_START or c in " \t"):
            u = _unit_at(norm, pos)
        if st.unit is None and c in _DATE_FIRST:
            dm = _DATE_AFTER.match(norm, pos)
            if dm and (u is None or (u[0] - pos <= len(dm.group("w")) and not u[3])) \
                    and not norm.startswith(_NOT_DATE, pos):
                st.date_word = dm.group("w")
                st.end = pos + len(st.date_word)
                return
        if u is not None and st.unit is None:
            uend, unit, _written, mod = u
            st.set_unit(unit)
            pos = uend
            if mod in ("多", "余"):
                st.approx = True
            elif mod == "半":
                st.value = Decimal(st.value) + Decimal("0.5")
        elif st.unit is None and not st.mag_only and c and c in "成折打":
            pos = self._percent_word(st, k, c, pos)
        if st.unit_obj is not None:
            if st.unit_obj.compounds and st.high is None and pos < n and (norm[pos] in _CN_SET or norm[pos] in "又0123456789"):
                pos, st.value = self._compound(pos, st.unit_obj, st.value)
            # 一吨半, 两米半
            if st.form != "percent" and pos < n and norm[pos] == "半" \
                    and (pos + 1 >= n or not _is_cjk(norm[pos + 1]) or norm[pos + 1] == "的") \
                    and not isinstance(st.value, Fraction) and st.value == st.value.to_integral_value():
                st.value = Decimal(st.value) + Decimal("0.5")
                pos += 1
            # rates: 35微克/立方米, 1.5万元每人 -> unit 微克/立方米, 元/人
            if pos < n and norm[pos] in "/每" and st.form != "percent":
                u2 = _unit_at(norm, pos + 1)
                if u2 is not None and not u2[3]:
                    st.unit = f"{st.unit}/{u2[1].unit}"
                    pos = u2[0]
        st.end = pos

    def _shared_unit(self, st: _State) -> None:
        """3.2和2.1个百分点, 分别为100、200家, 2022和2023年: the unit after the next number is shared."""
        norm, n = self.norm, self.n
        r = self.read_number(st.end + 1, allow_sign=False)
        if r is None or r.high is not None or r.fraction or r.percent or r.run.mag_only or r.start != st.end + 1:
            return
        if r.run.chinese != st.run.chinese:   # 3和五个: not one list
            return
        k = r.end
        if k < n and norm[k] in _DATE_FIRST:
            dm = _DATE_AFTER.match(norm, k)
            if dm and not _GE_RE.match(norm, k) and not norm.startswith(_NOT_DATE, k):
                st.date_word = dm.group("w")
                return
        u = _unit_at(norm, k)
        if u is not None and not u[3]:
            st.set_unit(u[1])

    def _percent_word(self, st: _State, k: int, c: str, pos: int) -> int:
        """三成 -> 30 %, 七成六 -> 76 %, 八五折 -> 85 %, 九折 -> 90 %; 十打 -> 120."""
        norm, n = self.norm, self.n
        run = st.run
        nxt = norm[k + 1] if k + 1 < n else ""
        if isinstance(st.value, Fraction) or st.high is not None or st.value <= 0:
            return pos
        v = Decimal(st.value)
        if c == "打":
            if nxt not in _DOZEN_BLOCK and not run.arabic:
                st.value = v * 12
                st.num_end = k + 1
                return k + 1
            return pos
        if nxt in (_CHENG_BLOCK if c == "成" else _ZHE_BLOCK):
            return pos
        txt = norm[st.a:st.run_end].replace(" ", "").replace("\t", "")
        pct = None
        if c == "成":
            if v <= 10:
                pct = v * 10
        elif txt == "半":
            pct = Decimal(50)
        elif v < 10:
            pct = v * 10
        elif v < 100 and "十" not in txt and (run.digits or (run.arabic and "." not in txt)):
            pct = v
        if pct is None:
            return pos
        pos = k + 1
        if c == "成":  # 七成六, 三成半
            j = pos
            while j < n and norm[j] in " \t":
                j += 1
            if j < n and norm[j] == "半":
                pct += 5
                pos = j + 1
            elif j < n and norm[j] in _DNZ and _DIGITS[norm[j]] < 10 and (j + 1 >= n or norm[j + 1] not in _CN_SET):
                pct += _DIGITS[norm[j]]
                pos = j + 1
        st.value = pct
        st.set_unit(_UNITS.get("%"))
        return pos

    def _compound(self, pos: int, unit: Unit, value):
        """5元3角6分, 两美元又三美分 -> the value in the main unit."""
        norm, n = self.norm, self.n
        total = Fraction(value)
        p = pos
        used = False
        while p < n:
            q = p + 1 if norm[p] in "又零" else p
            m = _RUN.match(norm, q)
            if not m:
                break
            r = _read_run(norm[q:m.end()])
            if r is None or r.high is not None:
                break
            e = q + r.end
            hit = next((c for c in unit.compounds if norm.startswith(c, e)), None)
            if hit is None:
                break
            total += Fraction(r.value) * _UNITS.get(hit).factor / unit.factor
            p = e + len(hit)
            used = True
        return (p, total) if used else (pos, value)

    def _range(self, st: _State) -> None:
        """3-5个, 3至5%, 三到五个, 10%-15%, 2021-2025年."""
        norm, n = self.norm, self.n
        end = st.end
        if end >= n or norm[end] not in _RANGE_FIRST:
            return
        m = _RANGE_SEP.match(norm, end)
        if not m or m.end() >= n:
            return
        sep = m.group().strip(" \t")
        j = m.end()
        if sep in ("至", "到") and norm[end - 1] in "增降提减升压缩":
            return
        if sep == "-" and norm[j] == "-":
            return
        r = self.read_number(j, allow_sign=False)
        if r is None or r.high is not None or r.fraction or r.percent or r.run.mag_only:
            return
        hend = r.end
        if sep == "-" and hend < n and norm[hend] == "-":
            return
        dm = _DATE_AFTER.match(norm, hend) if hend < n and norm[hend] in _DATE_FIRST else None
        if dm and not _GE_RE.match(norm, hend):
            if st.unit is not None:
                return
            st.date_word = dm.group("w")
            hend += len(st.date_word)
        else:
            u = _unit_at(norm, hend)
            if u is not None:
                if st.unit is not None and u[1].unit != st.unit:
                    return
                if st.unit is None:
                    st.set_unit(u[1])
                hend = u[0]
            elif st.unit is not None:
                return
        st.high = r.value
        st.end = hend
        st.form = "range"

    def _suffix(self, st: _State) -> None:
        """Glued bound words: 以上 以内 以下 内 左右 上下, and 余/多 after a unit before punctuation."""
        norm, n = self.norm, self.n
        end = st.end
        for w in _SUFFIXES:
            if not norm.startswith(w, end):
                continue
            after = end + len(w)
            if w in ("余", "多") and (st.unit is None or (after < n and _is_cjk(norm[after]))):
                continue
            if w == "内" and st.unit is None and st.form != "percent":
                continue
            if any(norm.startswith(b, after) for b in _Q.suffix_blocked_before.get(w, ())):
                continue
            st.suffix_q = _Q.glued_suffix[w]
            st.suffix_word = w
            st.end = after
            return

    def _qualify(self, st: _State) -> None:
        q = "approx" if st.approx else "exact"
        if st.prefix_q and q == "exact":
            q = st.prefix_q
        if st.suffix_q:
            q = st.suffix_q
        if q == "exact" and not st.ordinal:
            vq = self._verb_before(st.start)
            if vq:
                q = vq
                st.verb_q = True
        st.qualifier = q

    def _verb_before(self, start: int) -> Optional[str]:
        norm = self.norm
        if start == 0 or (norm[start - 1] not in _VERB_LAST and not (start > 1 and norm[start - 1] in _FILLER_CHARS
                                                                     and norm[start - 2] in _VERB_LAST)):
            return None
        window = norm[max(0, start - 6):start]
        for f in _Q.fillers:
            if window.endswith(f):
                window = window[:-len(f)]
                break
        verbs = _Q.verbs_before
        for k in _VERB_LENGTHS:
            q = verbs.get(window[-k:])
            if q is not None:
                return q
        return None

    def _ordinal(self, st: _State) -> None:
        """第N: a rank (unit 名) unless a noun follows (第十五人民医院, 第一条, 第三季度)."""
        norm, n = self.norm, self.n
        st.set_unit(_UNITS.get("名"))
        st.form = "ordinal"
        k = st.end
        c = norm[k] if k < n else ""
        if c and c in "名位" and not norm.startswith(("名单", "名额", "名称", "位于", "位置", "位列", "位居"), k):
            st.end = st.core_end = k + 1
        elif c and c not in _PUNCT_FOLLOW and c not in "和与及":
            if norm.startswith(_ORDINAL_LIST, k):
                st.role = "list_marker"
                return
            dm = _DATE_AFTER.match(norm, k) if c in _DATE_FIRST else None
            if dm and dm.group("w") in ("季度", "年度", "年", "月", "日", "世纪"):
                st.date_word = dm.group("w")
                st.role = "date"
                st.end = st.core_end = k + len(st.date_word)
                return
            st.role = "name"
            st.unit = st.unit_obj = None
        elif c and c in "，,、" and (st.start == 0 or norm[st.start - 1] in _CLAUSE_PREV):
            st.role = "list_marker"

    def _role(self, st: _State) -> Optional[str]:
        """Why the numeral is not a quantity; None for quantities, "drop" for what is not returned."""
        norm, n = self.norm, self.n
        run = st.run
        a, start, end = st.a, st.start, st.end
        unit, form = st.unit, st.form
        text_num = norm[a:st.run_end]
        before = norm[start - 1] if start > 0 else ""
        follow = norm[end] if end < n else ""
        if run.weak and text_num in _AMBIGUOUS_FINANCIAL:
            return "drop"
        # identifiers: B12, 4A级, 5G, A2021...
        if run.arabic and ((a > 0 and _is_alpha(norm[a - 1])) or (unit is None and _is_alpha(follow))):
            return "name"
        if self.in_book(start, end):
            return "name"
        if st.date_word:
            return self._date_role(st, text_num, before)
        if st.prefix_q and norm[start] == "近" and norm.startswith("年", end):
            return "period"
        if unit is None and len(text_num) >= 2 and _PLAN.search(text_num):
            st.value, st.high, st.form, st.qualifier = _read_run(text_num[:-1]).value, None, "cardinal", "exact"
            return "period"  # 十四五: the 14th five-year plan
        # slogans: “三个一批”, 一企一策, “1+9”
        if st.chinese_only and self.in_quotes(start, end):
            return "slogan"
        if (follow == "+" and end + 1 < n and _is_ascii_alnum(norm[end + 1])) or \
                (before == "+" and start > 1 and _is_ascii_alnum(norm[start - 2])):
            return "slogan"
        if st.chinese_only and st.run_end - a == 1 and unit is None and form == "cardinal" and self._parallel(a, st.run_end):
            return "slogan"
        if unit is None and form == "cardinal":
            lm = self._list_marker(st)
            if lm:
                return lm
            if run.arabic and (follow in _COLON or before in _COLON):
                r = self._ratio(st)
                if r:
                    return r
        t = self._threshold(st, before, follow)
        if t:
            return t
        if form in ("percent", "fraction", "ordinal"):
            return None
        if unit is None:
            if run.weak or run.digits or (run.pair and st.chinese_only and _MAG_SET.isdisjoint(text_num)):
                return "bare" if self.bare and not run.digits else "drop"
            if not _BIG_SET.isdisjoint(text_num):
                return None     # 4.8万农村贫困人口, 突破370万: a magnitude makes it a quantity
            if (_is_cjk(follow) or _is_alpha(follow)) and follow not in "和与及或等":
                return "name"
            return "unitless"
        if unit == "番" and before != "翻":
            return "drop"   # 翻两番 doubles twice; 一番努力 is "a round of effort"
        if unit == "条" and any(norm.startswith(w, end + k) for k in range(3) for w in _POLICY_WORDS):
            return "name"   # 二十条措施
        if unit == "次" and norm.startswith(_SESSION_WORDS, end):
            return "name"   # 人大三次会议
        if unit in ("期", "届") and ((_is_cjk(follow) and follow not in "和与及或")
                                    or (follow == "、" and st.chinese_only)):
            return "name"   # 二期工程, 一期、二期, 十九届五中全会
        if st.chinese_only and text_num == "一" and st.unit_obj.family == "count" and form == "cardinal" \
                and (_is_cjk(follow) or before in _ARTICLE_BEFORE):
            return "article"  # 一批项目, 一条通道, 上一篇
        return None

    def _date_role(self, st: _State, text_num: str, before: str) -> str:
        w = st.date_word
        if w == "年":
            if st.form == "range":
                return "period"
            if st.run.digits or (st.run.arabic and not st.run.chinese and len(text_num) == 4
                                 and 1000 <= st.value < 3000):
                return "date"
            return "period"
        if w in ("年代", "周年", "世纪"):
            return "period"
        if w == "号" and before != "月":
            return "name"
        return "date"

    def _ratio(self, st: _State) -> Optional[str]:
        """9.7:47.3:43 -> ratio; 14:30 -> date (a clock time)."""
        norm, n = self.norm, self.n
        start, end = st.start, st.end
        if end + 1 < n and norm[end] in _COLON and norm[end + 1].isdigit():
            if _CLOCK_AFTER.match(norm, end) and 0 <= st.value <= 24 and not (start > 0 and norm[start - 1] in _COLON):
                return "date"
            return "ratio"
        if start > 1 and norm[start - 1] in _COLON and norm[start - 2].isdigit():
            if _CLOCK_BEFORE.search(norm[max(0, start - 4):start]) and re.fullmatch(r"[0-9]{2}", norm[start:end]) \
                    and not (end < n and norm[end] in _COLON):
                return "date"
            return "ratio"
        return None

    def _threshold(self, st: _State, before: str, follow: str) -> Optional[str]:
        """亿元以上项目, 过亿元企业, 世界500强, 前10名, 百亿级; bare magnitudes elsewhere are dropped."""
        norm = self.norm
        end, unit = st.end, st.unit
        if st.suffix_word in _THRESHOLD_SUFFIX and _is_cjk(follow) \
                and not any(norm.startswith(w, end) for w in _Q.threshold_exempt):
            return "threshold"
        if follow == "级" and not norm.startswith("级别", end) and (unit is None or st.unit_obj.kind != "count"):
            if st.mag_only or unit is not None:
                return "threshold"
            return "name" if not st.run.weak else "drop"
        if follow == "强" and unit is None and not norm.startswith(_NOT_STRONG, end):
            return "threshold"
        if unit in ("名", "位") and before == "前" and not (st.start > 1 and norm[st.start - 2] == "提"):
            return "threshold"
        if st.mag_only:
            if st.prefix_q and unit is not None:
                # 过亿元企业 is a category; 逾千家企业 counts the companies
                return "threshold" if (_is_cjk(follow) and st.unit_obj.kind != "count") else None
            if unit is not None and st.suffix_word in _THRESHOLD_SUFFIX:
                return "threshold"
            if unit is not None and (st.verb_q or norm[max(0, st.start - 2):st.start].endswith(_MAG_LINK)):
                return None     # 突破百亿元, 达到千万元: a bare magnitude stated after a verb
            return "drop"
        return None

    def _parallel(self, a: int, b: int) -> bool:
        """一企一策, 三化三制: digit X digit Y, X a character that is not a unit."""
        norm, n = self.norm, self.n
        if b + 2 < n and _is_cjk(norm[b]) and norm[b] not in _CN_SET and norm[b + 1] in _DNZ \
                and _is_cjk(norm[b + 2]) and norm[b + 2] not in _CN_SET \
                and (norm[b] not in _SINGLE_CHAR_UNITS or norm[a] == norm[b + 1] == "一"):
            return True
        return (a >= 2 and _is_cjk(norm[a - 1]) and norm[a - 1] not in _CN_SET and norm[a - 2] in _DNZ
                and (a < 3 or norm[a - 3] not in _CN_SET) and b < n and _is_cjk(norm[b]) and norm[b] not in _CN_SET
                and (norm[a - 1] not in _SINGLE_CHAR_UNITS or norm[a] == norm[a - 2] == "一"))

    def _list_marker(self, st: _State) -> Optional[str]:
        """一是, （一）, 一、 and 1. at the start of a clause."""
        norm, n = self.norm, self.n
        start, end = st.start, st.end
        prev = norm[start - 1] if start > 0 else "\n"
        nxt = norm[end] if end < n else ""
        if st.chinese_only and nxt == "是" and prev in _LIST_PREV:
            return "list_marker"
        if prev in _OPEN and nxt in _CLOSE and (start < 2 or norm[start - 2] in _LIST_PREV):
            return "list_marker"
        if nxt == "、" and prev in _CLAUSE_PREV:
            return "list_marker"
        if st.run.arabic and nxt == "." and prev in _CLAUSE_PREV and end + 1 < n and not norm[end + 1].isdigit():
            return "list_marker"
        return None


_VERB_LENGTHS = sorted({len(w) for w in _Q.verbs_before}, reverse=True)
_VERB_LAST = frozenset(w[-1] for w in _Q.verbs_before)
_FILLER_CHARS = frozenset(f[-1] for f in _Q.fillers)
_SUFFIXES = sorted(_Q.glued_suffix, key=len, reverse=True)
_SUFFIX_FIRST = frozenset(w[0] for w in _SUFFIXES)


def _to_number(v: Union[Decimal, Fraction, float, int]) -> Number:
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return int(v.numerator)
        return float(v)
    if v == v.to_integral_value():
        return int(v)
    return float(v)


# --------------------------------------------------------------------------- public API
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
        raise TypeError(f"find_numerals() takes a str, not {type(text).__name__}.")
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
        raise NumeralError(f"parse_numeral() takes a str, not {type(s).__name__} ({s!r}).")
    norm = normalise(s)
    lead = len(norm) - len(norm.lstrip())
    body = norm.strip()
    if not body:
        raise NumeralError(f"{s!r} is not a numeral: the string is empty.")
    r = _Scanner(body, False).read_number(0)
    if r is None or r.end != len(body):
        where = "" if r is None else f" (it reads {body[:r.end]!r} and stops at {body[r.end:]!r})"
        raise NumeralError(f"{s!r} is not a numeral{where}. parse_numeral() reads a number without a unit; "
                           f"use find_numerals() for numbers with units in running text.")
    if r.high is not None:
        raise NumeralError(f"{s!r} is a range ({_to_number(r.value)} to {_to_number(r.high)}), not one numeral.")
    if r.run.mag_only and not r.fraction and not r.percent:
        raise NumeralError(f"{s!r} is not a numeral: a magnitude word needs a digit (一{body}, 1{body}).")
    value = Fraction(r.value) / 100 if r.percent else r.value  # 百分之二 is the fraction 2/100 here
    return _to_number(value)
