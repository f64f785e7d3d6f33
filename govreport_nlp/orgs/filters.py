"""Filters over the ORG candidates.

* A name that opens the object of an award trigger and holds a title word is part of the title
  (获评江苏省示范乡镇卫生院, 福建省政府质量奖); ``title_quality_words`` in ``org_rules.json``.
* A bare short name that the text also writes as a place (寿光 … 寿光市) is that place.
"""
from __future__ import annotations

import re

from ..lexicon import CJK, trie_regex
from .candidates import Candidate
from .cues import AwardCues
from .gazetteer import Gazetteer

__all__ = ["TitleFilter", "drop_place_stems"]

_PLACE_TAIL = "市县区镇乡旗"
_SHORT_NAME_SOURCES = ("list", "subject", "facility")
_PRIZE_AFTER_RE = re.compile(f"[{CJK}]{{0,6}}?奖")


class TitleFilter:
    """Drop institution words that open an award title."""

    def __init__(self, rules: dict, cues: AwardCues, gazetteer: Gazetteer) -> None:
        self.cues = cues
        self.gazetteer = gazetteer
        self._quality_re = re.compile("(?:" + trie_regex(rules.get("title_quality_words", [])) + ")")

    def __call__(self, f: str, cands: list[Candidate]) -> list[Candidate]:
        """An institution word that opens an award title is part of the title (获评江苏省示范乡镇卫生院)."""
        starts = self.cues.object_starts(f)
        if not starts:
            return cands
        known = self.gazetteer.names
        out = []
        for s, e, src in cands:
            if s in starts and src in ("suffix", "gazetteer") and f[s:e] not in known:
                if self._quality_re.search(f, s, e):
                    continue
                if _PRIZE_AFTER_RE.match(f[e:e + 7]):
                    continue  # 福建省政府质量奖
            out.append((s, e, src))
        return out


def drop_place_stems(f: str, cands: list[Candidate]) -> list[Candidate]:
    """A bare short name that the text itself writes as a place (寿光 … 寿光市) is that place."""
    names = {f[s:e] for s, e, src in cands if src in _SHORT_NAME_SOURCES and 2 <= e - s <= 4}
    if not names:
        return cands
    rx = re.compile("(?:" + trie_regex(names) + ")(?=[" + _PLACE_TAIL + "])")
    places = {m.group() for m in rx.finditer(f)}
    if not places:
        return cands
    return [(s, e, src) for s, e, src in cands
            if not (src in _SHORT_NAME_SOURCES and f[s:e] in places)]
