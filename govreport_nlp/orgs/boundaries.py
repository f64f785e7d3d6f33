"""Where a name may start: boundaries scanned leftwards from a suffix, a marker or a trigger.

A boundary is punctuation, a function word or a verb of report prose (``boundary_chars`` and
``boundary_words`` in ``org_rules.json``), a count (12家, 三个) or any character that cannot be
part of a name. 和/与/及 are *soft*: a name may run past them once (三和消防). Text in brackets
and the ``protected`` words (和平, 及时 …) never end a name.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import CLAUSE_PUNCT, NAME_CHAR_RE, NAME_CHARS, char_class, last_of, trie_regex

__all__ = ["Boundaries"]

# classifiers after a count (12家, 三个): the count is a boundary, the name starts after it
_COUNT_CLASSIFIERS = "[个家所座项条名户批只位]"


_LAST_PUNCT_RE = last_of(CLAUSE_PUNCT)
_LAST_HARD_PUNCT_RE = last_of(CLAUSE_PUNCT.replace("、", ""))


def first_of(rx: re.Pattern, f: str, pos: int, window: int) -> int:
    """Where the first match of ``rx`` in ``f[pos : pos + window]`` starts, else where that stretch ends
    (``pos`` itself when the stretch is empty)."""
    m = rx.search(f, pos, pos + window)
    return m.start() if m is not None else max(pos, min(len(f), pos + window))


_PUNCT_RE = re.compile(char_class(CLAUSE_PUNCT))


class Boundaries:
    """Boundary scans over folded text, compiled from ``org_rules.json``. Picklable."""

    def __init__(self, rules: dict) -> None:
        chars = rules["boundary_chars"]
        words = set(rules["boundary_words"]) | set(chars)
        self.soft = set(rules["soft_boundaries"])
        rev_words = [w[::-1] for w in words]
        rev_protect = [w[::-1] for w in rules["protected"]]
        numeral_cls = _COUNT_CLASSIFIERS
        # The characters a match can open with (on the reversed window): most characters of a
        # name open none, and checking that first spares trying every word of the alternation
        # at each position (the scan's main cost).
        openers = {")", ".", *"0123456789", *_COUNT_CLASSIFIERS[1:-1]}
        openers |= {w[0] for w in rev_words if w} | {w[0] for w in rev_protect if w}
        opener_cls = "".join(re.escape(c) for c in sorted(openers))
        # scanned right-to-left on a reversed window
        self._rev = re.compile(
            f"(?=[^{NAME_CHARS}]|[{opener_cls}])"
            r"(?:(?P<p>\)[^()]{1,10}\(|"
            + trie_regex(rev_protect)
            + ")"
            + r"|(?P<s>"
            + numeral_cls
            + r"?[0-9.]+|"
            + numeral_cls
            + "[一二两三四五六七八九十百千万几多数]+|"
            + trie_regex(rev_words)
            + f"|[^{NAME_CHARS}]))"
        )

    def scan(self, f: str, pos: int, window: int = 24) -> Iterator[tuple[int, bool]]:
        """Yield (start_of_name, soft) for boundaries left of ``pos``, nearest first.

        ``start_of_name`` is the index right after the boundary. The text start counts as a
        hard boundary; running out of window yields nothing more.
        """
        lo = max(0, pos - window)
        rev = f[lo:pos][::-1]
        for m in self._rev.finditer(rev):
            if m.lastgroup == "p":
                continue
            yield pos - m.start(), m.group() in self.soft
        if lo == 0:
            yield 0, False

    def nearest(self, f: str, pos: int, window: int) -> int | None:
        """The start of the name closest to ``pos`` (the first boundary of :meth:`scan`), if any."""
        for b, _soft in self.scan(f, pos, window=window):
            return b
        return None

    @staticmethod
    def clause_start(f: str, pos: int, window: int = 40) -> int | None:
        """Start of the clause holding ``pos`` (after clause punctuation, 、 included)."""
        lo = max(0, pos - window)
        m = _LAST_PUNCT_RE.search(f, lo, pos)
        if m is not None:
            return m.start() + 1
        return 0 if lo == 0 else None

    @staticmethod
    def clause_end(f: str, pos: int, window: int) -> int:
        """End of the clause holding ``pos`` (the first clause punctuation from ``pos`` on, 、 included),
        looking at most ``window`` characters ahead."""
        return first_of(_PUNCT_RE, f, pos, window)

    @staticmethod
    def clause_start_hard(f: str, pos: int, window: int = 60) -> int | None:
        """Clause start ignoring 、 (list items stay together)."""
        lo = max(0, pos - window)
        m = _LAST_HARD_PUNCT_RE.search(f, lo, pos)
        if m is not None:
            return m.start() + 1
        return 0 if lo == 0 else None

    def left_is_boundary(self, f: str, s: int) -> bool:
        """Can a name start at ``s`` (text start, or a non-name character or a boundary word before it)?"""
        if s == 0:
            return True
        c = f[s - 1]
        if not NAME_CHAR_RE.match(c):
            return True
        m = self._rev.match(f[max(0, s - 8) : s][::-1])
        return bool(m and m.lastgroup == "s")

    def strip_leading_verbs(self, s: str) -> str:
        """Cut a stretch after its last hard boundary word (新引进上海远怀 → 上海远怀; 三和消防 stays)."""
        if not s:
            return s
        for b, soft in self.scan(s, len(s), window=len(s)):
            if soft:
                continue
            return s[b:]
        return s
