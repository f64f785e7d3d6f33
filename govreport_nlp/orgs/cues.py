"""What the ORG rules read from the AWARD grammar (``awards/data/award_triggers.json``).

Trigger verbs (获评, 入选, 成为 …) mark the subject of a clause (the ``subject`` rule) and the
start of an award object, whose title words are not organisations (the title filter); a level
prefix or a known place opens a title (国家…, 江苏省…), not a company's plant (the ``facility`` rule).
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, trie_regex

__all__ = ["AwardCues"]


class AwardCues:
    """Award triggers, honour heads and level starts, compiled for the ORG rules. Picklable."""

    def __init__(self, trig: dict, lex: Lexicon) -> None:
        strong = list(trig["triggers"]["strong"])
        weak = list(trig["triggers"]["weak"])
        self.weak_triggers = set(weak)
        self.trigger_re = re.compile("(?:" + trie_regex(strong + weak) + ")")
        # (X(?:X)*$ rather than (?:X)+$: a pattern that opens with a repeat gives the regex engine no
        # first characters to skip to, and the search tries every position)
        adverbs = "(?:" + trie_regex(trig["subject_adverbs"]) + ")"
        self.adverb_tail_re = re.compile(adverbs + adverbs + "*$")
        levels = []
        for v in trig["level_prefixes"].values():
            levels.extend(v)
        self._head_re = re.compile("(?:" + trie_regex(trig["heads"]) + ")")
        self.negative_re = re.compile("(?:" + trie_regex(trig.get("negative_heads", [])) + ")")
        self.level_start_re = re.compile("(?:" + trie_regex(levels) + "|" + trie_regex(lex.known_places) + ")")
        self._object_lead_re = re.compile(
            '(?:为|了|“|"|[0-9]{4}年度?|' + trie_regex(trig.get("batch_markers", [])) + ")*"
        )

    def has_award_head(self, obj: str) -> bool:
        """An honour head in the object; a one-character head (市, 区, 县) only at its end (新药获批上市6个: no)."""
        for hm in self._head_re.finditer(obj):
            if len(hm.group()) >= 2 or hm.end() == len(obj):
                return True
        return False

    def triggers(self, f: str) -> list[re.Match[str]]:
        """The award triggers of ``f``, left to right (the subject rule and the title filter both
        read them: the finder searches once per text)."""
        return list(self.trigger_re.finditer(f))

    def object_starts(self, f: str, triggers: list[re.Match[str]] | None = None) -> set[int]:
        """Where the object of an award trigger begins (after 为/了/quotes, a year and batch words);
        ``triggers``: those of :meth:`triggers`, if searched already."""
        starts = set()
        for m in self.trigger_re.finditer(f) if triggers is None else triggers:
            lm = self._object_lead_re.match(f, m.end())
            starts.add(lm.end() if lm else m.end())
        return starts
