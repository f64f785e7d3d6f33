"""The clause around a stated quantity: boundaries, trimming, coordinations, from-to frames.

Pure functions over (folded) text and character offsets. The model a maintainer reads:

* a **sentence** ends at 。；！？ or a line break; a **clause** also ends at ，：;
* a clause may open with a **topic** (地区生产总值达到950亿元，增长7%: the second clause names nothing
  and inherits 地区生产总值);
* a **coordination** A、B和C is split at top-level 、和及与 (:func:`coordination_items`);
* a **from-to frame** 由X(增长)到Y names its indicator before 由 (:func:`from_anchor`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional, Tuple

from ..lexicon.text import char_class, last_of
from .grammar import MetricGrammar

CLAUSE_END = "，,；;。：:！!？?\n\r"
SENTENCE_END = "。；;！!？?\n\r"
TRIM_CHARS = " \t\u3000、，,；;：:"
OPENERS = "“‘「『《(（"
CLOSERS = "”’」』》)）"
LIST_SEPARATORS = "、和及与"
QUOTES = "“”\"'‘’「」『』《》"
NUMERAL = "0-9０-９一二三四五六七八九十两"
#: what may stand between 由/从 and the first number of a from-to frame (2020年的, 上年的, 全国)
_FROM_GAP = re.compile(
    rf"^(?:[{NUMERAL}]{{2,4}}年(?:底|末|初)?|上年|去年|年初|上年末|基期)?(?:的)?"
    r"(?:全国|全省|全市|全州|全区|全县)?$"
)


#: the last clause boundary in a range
_LAST_CLAUSE_END = last_of(CLAUSE_END)


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset just after the last clause boundary before ``pos`` (never before ``floor``)."""
    if pos <= floor:
        return pos
    # A clause is short: look in the last 64 characters first (a search from ``floor`` would make
    # every call as slow as the text is long).
    lo = max(floor, pos - 64)
    m = _LAST_CLAUSE_END.search(text, lo, pos)
    if m:
        return m.start() + 1
    i = lo
    while i > floor and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


#: one clause boundary
_CLAUSE_END_CHAR = re.compile(char_class(CLAUSE_END))


class ClauseStarts:
    """Where the clauses of one text start, found with one search of the text: :meth:`before` gives
    ``clause_start(text, pos)`` by bisection, where a search per number would scan back up to 64
    characters each time."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        #: the offset after every clause boundary, in text order
        self._starts = [m.end() for m in _CLAUSE_END_CHAR.finditer(text)]

    def before(self, pos: int) -> int:
        """``clause_start(text, pos)``: the offset after the last clause boundary before ``pos``, or 0."""
        if pos <= 0:
            return pos
        k = bisect_right(self._starts, pos) - 1
        return self._starts[k] if k >= 0 else 0


def clause_start_from(clause: int, pos: int, floor: int) -> int:
    """``clause_start(text, pos, floor)`` where ``clause`` is ``clause_start(text, pos)``: the same
    offset, without a second search."""
    return pos if pos <= floor else max(floor, clause)


def same_sentence(text: str, a: int, b: int) -> bool:
    """True when no sentence boundary lies between offsets ``a`` and ``b``."""
    return not any(c in SENTENCE_END for c in text[a:b])


#: characters :func:`strip_span` may trim
_EDGE_CHARS = frozenset(TRIM_CHARS + OPENERS + CLOSERS)


def strip_span(span: Tuple[int, int], text: str) -> Tuple[int, int]:
    """Trim separators, and brackets or quotes left unbalanced, off both ends."""
    s, e = span
    if s < e and text[s] not in _EDGE_CHARS and text[e - 1] not in _EDGE_CHARS:
        return s, e  # nothing to trim: the common case
    while True:
        s0, e0 = s, e
        while s < e and text[s] in TRIM_CHARS:
            s += 1
        while e > s and text[e - 1] in TRIM_CHARS:
            e -= 1
        if s < e and text[e - 1] in CLOSERS and OPENERS[CLOSERS.index(text[e - 1])] not in text[s : e - 1]:
            e -= 1
        if s < e and text[s] in OPENERS and CLOSERS[OPENERS.index(text[s])] not in text[s + 1 : e]:
            s += 1
        if s < e and text[s] in CLOSERS:
            s += 1
        if s < e and text[e - 1] in OPENERS:
            e -= 1
        if (s, e) == (s0, e0):
            return s, e


def coordination_items(text: str, s: int, e: int) -> List[Tuple[int, int]]:
    """The items of a coordination ``text[s:e]`` split at top-level 、和及与 (one item where none)."""
    items: List[Tuple[int, int]] = []
    depth, i0 = 0, s
    for i in range(s, e):
        c = text[i]
        if c in OPENERS:
            depth += 1
        elif c in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and c in LIST_SEPARATORS and i > i0:
            items.append((i0, i))
            i0 = i + 1
    items.append((i0, e))
    return [strip_span(it, text) for it in items if it[1] > it[0]]


def from_anchor(text: str, floor: int, start: int, grammar: MetricGrammar) -> Optional[int]:
    """Offset of the 由/从 that opens a from-to frame ending right before the number at ``start``.

    由2018年的420家 (the from number) and 由420家增长到 (the to number, with the from number given as
    ``start`` of the frame) both qualify; 由于, 自由 and 由…负责 do not.
    """
    seg = text[floor:start]
    for marker in grammar.from_markers:
        k = seg.rfind(marker)
        while k >= 0:
            gap = seg[k + len(marker) :]
            nxt = seg[k + len(marker) : k + len(marker) + 1]
            if _FROM_GAP.match(gap) and not (nxt and nxt in "于此"):
                return floor + k
            k = seg.rfind(marker, 0, k)
    return None


_TO_DATE = re.compile(
    rf"(?:[{NUMERAL}]{{2,4}}年(?:底|末)?|年底|年末|目前|现在)?(?:的)?(?:全国|全省|全市|全州|全区|全县)?$"
)


def is_to_number(text: str, prev_end: int, start: int, grammar: MetricGrammar) -> bool:
    """True when only a to-verb (增长到, 下降到, 增至, 上升至 ...), maybe with the date of the end point
    (增加到2023年的), stands between two numbers."""
    between = text[prev_end:start]
    date = _TO_DATE.search(between)
    verb = between[: date.start()] if date else between
    if not verb or len(verb) > 6:
        return False
    m = grammar.to_tail.search(verb)
    return m is not None and m.start() == 0
