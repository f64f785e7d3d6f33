"""Word-list checks by set and length lookups: ends with, starts with, is made of words of a list.

:class:`WordSet` gives the answers of the anchored trie regexes of
:func:`govreport_nlp.lexicon.text.trie_regex` (``re.search(trie + "$")``,
``re.match(trie)``, ``re.match("(?:" + trie + ")+$")``) without compiling one:
a set of the words and their distinct lengths. ``$`` of those regexes also
matches before a final newline; the checks here do the same, so the results are
identical.
"""

from __future__ import annotations

from typing import Iterable, Optional

__all__ = ["WordSet"]


class WordSet:
    """A set of words (empty ones are ignored) with the checks the rules need. Picklable."""

    __slots__ = ("words", "_lengths")

    def __init__(self, words: Iterable[str]) -> None:
        self.words: frozenset[str] = frozenset(w for w in words if w)
        #: distinct word lengths, longest first
        self._lengths: tuple[int, ...] = tuple(sorted({len(w) for w in self.words}, reverse=True))

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def __getstate__(self) -> tuple[frozenset[str], tuple[int, ...]]:
        return self.words, self._lengths

    def __setstate__(self, state: tuple[frozenset[str], tuple[int, ...]]) -> None:
        self.words, self._lengths = state

    def _ends(self, s: str) -> bool:
        n = len(s)
        return any(k <= n and s[n - k :] in self.words for k in self._lengths)

    def ends(self, s: str) -> bool:
        """``s`` ends with one of the words (``re.search(trie + "$", s)``)."""
        return self._ends(s) or (s.endswith("\n") and self._ends(s[:-1]))

    def prefix(self, s: str) -> Optional[str]:
        """The longest word ``s`` starts with, or None (``re.match(trie, s)``)."""
        n = len(s)
        for k in self._lengths:
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
        reach = [False] * (n + 1)  # reach[i]: s[:i] is a sequence of words
        reach[0] = True
        for i in range(n):
            if reach[i]:
                for k in self._lengths:
                    if i + k <= n and not reach[i + k] and s[i : i + k] in self.words:
                        reach[i + k] = True
        return reach[n]

    def made_of(self, s: str) -> bool:
        """``s`` is one or more of the words, one after another (``re.match("(?:" + trie + ")+$", s)``)."""
        return self._made_of(s) or (s.endswith("\n") and self._made_of(s[:-1]))
