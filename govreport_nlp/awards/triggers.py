"""Trigger verbs and the words around them (``awards/data/award_triggers.json``).

*strong* triggers (荣获, 获评, 被认定为 …) confer a title by themselves; *weak* ones (成为, 创建 …)
need a level prefix or an honour head; a *bare* one (获) counts only before a known place or a
quote, and not after 收/捕/查 …. Also here: ``…等荣誉/称号`` frames, honour verbs (捧得, 摘得 …),
aspirations (力争成为…: a goal, not an honour) and the verbs before a streak (实现…“三连冠”).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import Lexicon, OrgPatternError, trie_regex
from .grammar import first_chars, table

__all__ = ["REQUIRED_TRIGGER_KEYS", "TriggerTable"]

REQUIRED_TRIGGER_KEYS = ("triggers", "heads", "level_prefixes", "trailing")


class TriggerTable:
    """Compiled trigger grammar. Raises :class:`OrgPatternError` when a required key is missing."""

    def __init__(self, data: dict, lex: Lexicon) -> None:
        for key in REQUIRED_TRIGGER_KEYS:
            if key not in data:
                raise OrgPatternError(
                    f"award triggers: missing key {key!r}; required: {', '.join(REQUIRED_TRIGGER_KEYS)}"
                )
        trig = data["triggers"]
        strong = list(trig.get("strong", []))
        weak = list(trig.get("weak", []))
        bare = list(trig.get("bare", []))
        self.weak = set(weak)
        self.weak_need_level = set(data.get("weak_need_level", []))
        look = trie_regex(list(data.get("bare_lookahead", ["“"])) + [p for p in lex.known_places if len(p) >= 2])
        not_after = "".join(table(data, "bare_not_after"))
        bare_src = f"(?<![{not_after}])(?:{trie_regex(bare)})(?=(?:{look}))" if bare else ""
        #: a strong or weak trigger (group ``t``) or a bare one before a place or a quote (group ``b``)
        self.trigger_re = re.compile(
            "(?P<t>" + trie_regex(strong + weak) + ")" + (f"|(?P<b>{bare_src})" if bare else "")
        )
        #: a strong or weak trigger; its first character is a literal, so a search skips ahead quickly
        self.start_re = re.compile("(?:" + trie_regex(strong + weak) + ")")
        self._start_first = first_chars(strong + weak)
        #: a bare trigger (获) in its context, tried only where :attr:`_bare_word_re` finds the word
        self._bare_re = re.compile(bare_src) if bare else None
        self._bare_word_re = re.compile("(?:" + trie_regex(bare) + ")") if bare else None
        frames = data.get("list_frames", [])
        self.frame_re = re.compile("(?:" + trie_regex(frames) + ")") if frames else None
        self.honour = set(data.get("honour_triggers", []))
        self.streak_verb_re = re.compile("(?:" + trie_regex(data.get("streak_verbs", [])) + ")")
        asp = data.get("aspiration_markers", [])
        self.aspiration_re = re.compile("(?:" + trie_regex(asp) + ")") if asp else None
        #: 通过 + title + a review noun (通过国家卫生城市复审); group ``obj`` is the title
        reviews = table(data, "review_nouns")
        self.review_re = re.compile(
            "通过(?P<obj>[^,;:。!?\\s|]{3,40}?)(?:的)?(?:" + trie_regex(reviews) + ")(?![\u4e00-\u9fff]{0,1}[中期])"
        )
        #: every match of :meth:`finditer`, :attr:`frame_re` and :attr:`review_re` starts with one of these
        self.anchor_words: tuple[str, ...] = (*strong, *weak, *bare, *frames, "通过")
        #: adverbs between a subject and its trigger (已, 先后, 再次 …)
        adverbs = data.get("subject_adverbs", [])
        self.adverb_tail_re = re.compile("(?:" + trie_regex(adverbs) + ")+$")
        #: a text ending with none of these (nor with a newline, before which ``$`` matches) has no adverb tail
        self.adverb_ends: tuple[str, ...] = (*adverbs, "\n")

    def _bare_search(self, f: str, pos: int, end: int) -> re.Match | None:
        """The first bare trigger in context in ``f[pos:end]`` (what group ``b`` of :attr:`trigger_re` finds)."""
        if self._bare_word_re is None or self._bare_re is None:
            return None
        find, match = self._bare_word_re.search, self._bare_re.match
        w = find(f, pos, end)
        while w is not None:
            m = match(f, w.start(), end)
            if m is not None:
                return m
            w = find(f, w.start() + 1, end)
        return None

    def starts_with_trigger(self, s: str) -> bool:
        """Whether :attr:`start_re` matches at the start of ``s`` (tried only when its first character may start one)."""
        return s[:1] in self._start_first and self.start_re.match(s) is not None

    def has_trigger(self, s: str) -> bool:
        """Whether :attr:`trigger_re` finds a trigger in ``s`` (each branch tried with its own fast search)."""
        return self.start_re.search(s) is not None or self._bare_search(s, 0, len(s)) is not None

    def finditer(self, f: str) -> Iterator[tuple[re.Match, bool]]:
        """The matches of :attr:`trigger_re` in ``f``, in order, each with whether it is a bare trigger.

        The same matches as ``trigger_re.finditer(f)`` (a strong or weak trigger wins over a bare one
        at the same position), found by searching each branch on its own: a strong or weak trigger
        starts with one of a few literal characters, which a search skips to directly.
        """
        n = len(f)
        strong, bare = self.start_re.search, self._bare_search
        mt, mb = strong(f), bare(f, 0, n)
        while True:
            if mt is not None and (mb is None or mt.start() <= mb.start()):
                m, is_bare = mt, False
            elif mb is not None:
                m, is_bare = mb, True
            else:
                return
            yield m, is_bare
            pos = m.end()
            if mt is not None and mt.start() < pos:
                mt = strong(f, pos)
            if mb is not None and mb.start() < pos:
                mb = bare(f, pos, n)
