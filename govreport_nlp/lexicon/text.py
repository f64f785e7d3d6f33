"""Character classes and regex builders shared by the ORG and AWARD rules.

Pure string helpers: no file access, no spaCy.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..widths import fold_widths

__all__ = [
    "CJK",
    "CJK_RE",
    "NAME_CHARS",
    "NAME_CHAR_RE",
    "CLAUSE_PUNCT",
    "fold",
    "last_of",
    "trie_regex",
    "trie_alternatives",
    "alternation",
    "flat_words",
    "find_words",
    "count_words",
]

#: Han characters (extension A, the basic block, compatibility ideographs), for ``[...]`` classes.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
#: Characters a name is made of (Han and Latin letters).
NAME_CHARS = f"{CJK}A-Za-z"
#: One name character (compiled once; ``NAME_CHAR_RE.match(c)``).
NAME_CHAR_RE = re.compile(f"[{NAME_CHARS}]")
#: Clause punctuation on folded text (，；：。！？ fold to ASCII; 、 and 。 do not fold).
CLAUSE_PUNCT = ",;:。!?、\n\r\t |"


#: ``text`` width-folded: :func:`govreport_nlp.widths.fold_widths` (the name the rule modules use).
fold = fold_widths


def char_class(chars: Iterable[str]) -> str:
    """A regex source matching one of ``chars`` (a class, in code-point order), or nothing at all
    when there are none."""
    chars = sorted(set(chars))
    return "[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)"


def last_of(chars: str) -> "re.Pattern[str]":
    """A pattern for the last of ``chars`` in a range: ``last_of(chars).search(f, lo, pos)`` matches
    at the last of them in ``f[lo:pos]`` (``match.start()``), or gives None where there is none.

    One search instead of a loop stepping back from ``pos`` (``\\Z``: ``$`` would also stop before
    a final line break).
    """
    cls = "".join(re.escape(c) for c in chars)
    return re.compile(f"[{cls}][^{cls}]*+\\Z")


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, longest first, built as a character trie."""
    alts = trie_alternatives(words)
    if not alts:
        return "(?!)"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def trie_alternatives(words: Iterable[str]) -> list[str]:
    """The branches of :func:`trie_regex` ``(words)``, one per first character (in its order).

    Each opens with a literal character, so an alternation of them (and of other branches that
    open with a literal) lets the regex engine skip ahead to the positions where one may start,
    which it does not do for a group nested in an alternation.
    """
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + inner + ")?"
        return inner

    return [re.escape(ch) + build(sub) for ch, sub in sorted(trie.items()) if ch]


def alternation(words: Iterable[str]) -> str:
    """``(?:w1|w2|…)`` in the order given (for lists whose order is part of the grammar)."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def flat_words(values: Iterable[str]) -> list[str]:
    """Distinct non-empty words, longest first."""
    return sorted({v for v in values if v}, key=len, reverse=True)


def find_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Occurrences of ``words`` in ``text``, left to right, longest first, never overlapping.

    The matches of ``re.finditer(trie_regex(words), text)`` without compiling a regex for words
    that change with every document (the names found in it).
    """
    hits = []
    for w in set(words):
        if not w:
            continue
        i = text.find(w)
        while i >= 0:
            hits.append((i, i + len(w)))
            i = text.find(w, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out, last = [], 0
    for s, e in hits:
        if s >= last:
            out.append((s, e))
            last = e
    return out


def count_words(text: str, words: Iterable[str]) -> dict[str, int]:
    """How often each of ``words`` starts in ``text`` (overlapping occurrences count)."""
    counts = {}
    for w in set(words):
        n, i = 0, text.find(w) if w else -1
        while i >= 0:
            n += 1
            i = text.find(w, i + 1)
        counts[w] = n
    return counts
