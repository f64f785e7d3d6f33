"""Word-list checks by set and length lookups: ends with, starts with, is made of words of a list.

:class:`WordSet` gives the answers of the anchored trie regexes of
:func:`govreport_nlp.lexicon.text.trie_regex` (``re.search(trie + "$")``,
``re.match(trie)``, ``re.match("(?:" + trie + ")+$")``, and the word found by the first two) without compiling one:
a set of the words and, per first and per last character, the distinct lengths
of the words with that character there (a check tries only those lengths, and
none for a character no word starts or ends with). ``$`` of those regexes also
matches before a final newline; the checks here do the same, so the results are
identical.
"""

from __future__ import annotations

from typing import Iterable, Optional

__all__ = ["WordSet"]


class WordSet:
    """A set of words (empty ones are ignored) with the checks the rules need. Picklable."""

    __slots__ = ("words", "_lengths", "_by_first", "_by_last")

    def __init__(self, words: Iterable[str]) -> None:
        self.words: frozenset[str] = frozenset(w for w in words if w)
        #: distinct word lengths, longest first
        self._lengths: tuple[int, ...] = tuple(sorted({len(w) for w in self.words}, reverse=True))
        self._index()

    def _index(self) -> None:
        """The distinct lengths, longest first, of the words by their first and by their last character."""
        self._by_first = _lengths_by(self.words, 0)
        self._by_last = _lengths_by(self.words, -1)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def __getstate__(self) -> tuple[frozenset[str], tuple[int, ...]]:
        return self.words, self._lengths

    def __setstate__(self, state: tuple[frozenset[str], tuple[int, ...]]) -> None:
        self.words, self._lengths = state
        self._index()

    def _longest_ending(self, s: str, end: int) -> int:
        """The length of the longest word ``s[:end]`` ends with; 0 where it ends with none."""
        if end > 0:
            words = self.words
            for k in self._by_last.get(s[end - 1], ()):
                if k <= end and s[end - k : end] in words:
                    return k
        return 0

    def _ends(self, s: str) -> bool:
        return self._longest_ending(s, len(s)) > 0

    def suffix(self, s: str) -> Optional[str]:
        """The longest word ``s`` ends with, or None (``re.search(trie + "$", s).group()``: the
        match that starts leftmost, where ``$`` also matches before a final newline)."""
        n = len(s)
        k = self._longest_ending(s, n)
        start = n - k if k else n + 1
        if s.endswith("\n"):
            k_before = self._longest_ending(s, n - 1)
            if k_before and n - 1 - k_before < start:
                return s[n - 1 - k_before : n - 1]
        return s[start:] if k else None

    def ends(self, s: str) -> bool:
        """``s`` ends with one of the words (``re.search(trie + "$", s)``)."""
        return self._ends(s) or (s.endswith("\n") and self._ends(s[:-1]))

    def prefix(self, s: str) -> Optional[str]:
        """The longest word ``s`` starts with, or None (``re.match(trie, s)``)."""
        n = len(s)
        if not n:
            return None
        for k in self._by_first.get(s[0], ()):
            if k <= n and s[:k] in self.words:
                return s[:k]
        return None

    def starts(self, s: str) -> bool:
        """``s`` starts with one of the words."""
        return self.prefix(s) is not None

    def _made_of(self, s: str) -> bool:
        n = len(s)
        if not n or not self._lengths:
            return False
        by_first = self._by_first
        if s[0] not in by_first or s[-1] not in self._by_last:
            return False  # no word opens (closes) the string
        reach = [False] * (n + 1)  # reach[i]: s[:i] is a sequence of words
        reach[0] = True
        for i in range(n):
            if reach[i]:
                for k in by_first.get(s[i], ()):
                    if i + k <= n and not reach[i + k] and s[i : i + k] in self.words:
                        reach[i + k] = True
        return reach[n]

    def made_of(self, s: str) -> bool:
        """``s`` is one or more of the words, one after another (``re.match("(?:" + trie + ")+$", s)``)."""
        return self._made_of(s) or (s.endswith("\n") and self._made_of(s[:-1]))


def _lengths_by(words: frozenset[str], at: int) -> dict[str, tuple[int, ...]]:
    """Character at index ``at`` of the words -> the distinct lengths of those words, longest first."""
    lengths: dict[str, set[int]] = {}
    for w in words:
        lengths.setdefault(w[at], set()).add(len(w))
    return {c: tuple(sorted(ks, reverse=True)) for c, ks in lengths.items()}
