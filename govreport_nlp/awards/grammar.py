"""Fixed pieces of the AWARD grammar: clause punctuation, atoms, years, counts, streaks.

These are regular shapes, not word lists; the word lists are in ``awards/data/award_triggers.json``.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..lexicon import CJK, award_triggers_data, last_of

__all__ = [
    "HARD_CLAUSE",
    "SENTENCE_END",
    "OBJECT_RE",
    "PROTECTED_RE",
    "QUANTITY_TAIL_RE",
    "QUANTITY_TAIL_LAST",
    "LIST_TAIL_RE",
    "YEAR_RE",
    "YEAR_SRC",
    "YEAR_FIRST",
    "STREAK_RE",
    "STREAK_LAST",
    "STREAK_FIND_RE",
    "table",
    "first_chars",
    "end_chars",
    "clause_start",
    "sentence_start",
    "clause_end",
]

HARD_CLAUSE = ",;:。!?\n\r\t |"
SENTENCE_END = ";。!?\n\r|"
# atoms that are never split and never end a clause: quotes, brackets, book titles
_ATOM = r"“[^”,;。]{0,40}”|\"[^\",;。]{0,40}\"|\([^(),;。]{0,30}\)|《[^》,;。]{0,40}》|‘[^’,;。]{0,30}’"
# an object: runs of plain characters and atoms (an atom starts with a character a run never holds,
# so taking whole runs at a time finds the same end as taking one character at a time)
OBJECT_RE = re.compile(rf"(?:[^,;:。!?\s|“\"(《‘”)’》]++|{_ATOM})+")
PROTECTED_RE = re.compile(_ATOM)
#: the counters a quantity ends with; QUANTITY_TAIL_RE can only match a text ending with one
QUANTITY_TAIL_LAST = "个家所项处座名批次"
QUANTITY_TAIL_RE = re.compile(rf"(?<!第)(?:各|共|等|达)?(?:[0-9]+|[一二两三四五六七八九十百]+)[{QUANTITY_TAIL_LAST}]$")
LIST_TAIL_RE = re.compile(rf"等(?:[0-9]+|[一二两三四五六七八九十几多]+)?[家个所名位]?[{CJK}]{{0,8}}$")
YEAR_SRC = r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:度)?"
YEAR_RE = re.compile("^" + YEAR_SRC)
#: the characters a match of YEAR_SRC starts with
YEAR_FIRST = frozenset("0123456789〇零一二三四五六七八九")
# “三连冠”, 七连冠: how many times in a row, not part of the title
#: the last characters a streak can end with (冠/创, or a closing quote); STREAK_RE needs one at the end
STREAK_LAST = '冠创”"'
STREAK_RE = re.compile(r"[“\"]?(?:[0-9]+|[一二两三四五六七八九十]+)连(?:冠|创)[”\"]?$")
STREAK_FIND_RE = re.compile(r"[“\"]?(?:[0-9]+|[一二两三四五六七八九十]+)连(?:冠|创)")


_LAST_HARD = last_of(HARD_CLAUSE)
_LAST_END = last_of(SENTENCE_END)
_CLAUSE_RUN = re.compile(f"[^{re.escape(HARD_CLAUSE)}]*+")


def clause_start(f: str, end: int, lo: int = 0) -> int:
    """Where the clause ending at ``end`` starts: after the last HARD_CLAUSE character of ``f[lo:end]``, else ``lo``.

    (The step-back loop ``while i > lo and f[i - 1] not in HARD_CLAUSE: i -= 1``, as one search.)
    """
    if end <= lo:
        return lo  # (an empty range: a trigger opening the text, say; no search to make)
    m = _LAST_HARD.search(f, lo, end)
    return m.start() + 1 if m else lo


def sentence_start(f: str, end: int, lo: int = 0) -> int:
    """Where the sentence ending at ``end`` starts: after the last SENTENCE_END character of ``f[lo:end]``, else ``lo``."""
    if end <= lo:
        return lo
    m = _LAST_END.search(f, lo, end)
    return m.start() + 1 if m else lo


def clause_end(f: str, start: int, hi: int) -> int:
    """The first HARD_CLAUSE character of ``f[start:hi]``, else ``hi`` (``start`` when ``start >= hi``)."""
    if start >= hi:
        return start
    m = _CLAUSE_RUN.match(f, start, hi)
    return m.end() if m else start


def first_chars(words: Iterable[str]) -> frozenset[str]:
    """The first characters of ``words``: a text starting with none of them starts with none of the words,
    so a ``match`` of their pattern need not be tried (a regex call costs far more than a set look-up)."""
    return frozenset(w[0] for w in words if w)


def end_chars(words: Iterable[str]) -> frozenset[str]:
    """The last characters of ``words``, and a newline: a text ending with none of them ends with none of
    the words, even for a ``…$`` pattern (``$`` also matches before a final newline)."""
    return frozenset([*(w[-1] for w in words if w), "\n"])


def table(data: dict, key: str):
    """``data[key]``, or the package's ``award_triggers.json`` value when a custom grammar leaves it out."""
    return data[key] if key in data else award_triggers_data()[key]
