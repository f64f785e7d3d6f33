"""The ``facility`` rule: a short name opening a clause before a facility, product or plant.

Two passes:

* before a facility or product word (X智能…, X科技城, X版…; ``facility_markers``), the name
  counts when it recurs in the text, is known, or precedes 版 (a brand's edition);
* before a plant, line or project (``plant_markers``), a company short name mentioned once counts
  when it ends with an industry word (鲁清石化年产…, 旗滨玻璃两条…生产线) or when a plant noun
  and a milestone follow (小米智能工厂二期开工).
"""

from __future__ import annotations

import re

from ..lexicon import (
    CJK,
    CJK_RE,
    Lexicon,
    alternation,
    trie_alternatives,
    trie_regex,
)
from .boundaries import Boundaries
from .candidates import Candidate
from .cues import AwardCues
from .gazetteer import Gazetteer
from .suffix import SuffixTable

__all__ = ["FacilityRule"]


class FacilityRule:
    """Find company and brand short names before facilities and plants in folded text."""

    _LATIN_TAIL_RE = re.compile(f"(?<=[{CJK}])[A-Za-z0-9]+$")

    def __init__(
        self,
        rules: dict,
        lex: Lexicon,
        bounds: Boundaries,
        suffixes: SuffixTable,
        gazetteer: Gazetteer,
        cues: AwardCues,
    ) -> None:
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes
        self.gazetteer = gazetteer
        self.cues = cues
        # facility / product markers after a short name
        self._facility_re = re.compile("(?:" + trie_regex(rules["facility_markers"]) + ")")
        # a company short name opening a clause before a plant, a line or a project (鲁清石化年产…, 小米智能工厂…)
        self._company_head_re = re.compile("(?:" + trie_regex(rules.get("company_heads", [])) + ")$")
        self._company_head_in_re = re.compile("(?:" + trie_regex(rules.get("company_heads", [])) + ")")
        plant_words = list(rules.get("plant_markers", [])) + list(rules["facility_markers"])
        # a marker or a Latin model code before a plant word (MEB工厂); one flat alternation whose
        # every branch opens with a literal character, so that the regex engine skips to the
        # positions where one may start (it tries every position otherwise)
        latin = [f"{c}[A-Z0-9]{{1,5}}(?=[工生项基产])" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        #: literal-led regex branches, one of which both passes need (a plant marker; the facility
        #: markers are among them): see :class:`.finder.OrgFinder`
        self.anchors = trie_alternatives(plant_words) + latin
        self._plant_re = re.compile("(?:" + "|".join(self.anchors) + ")")
        self._plant_noun_re = re.compile(alternation(rules["plant_nouns"]))
        # either shape of plants() needs an industry word or a plant noun somewhere in the text:
        # one search for both (an alternation of literal-led branches, see trie_alternatives)
        self._plant_shape_re = re.compile(
            "(?:" + "|".join(trie_alternatives(list(rules.get("company_heads", [])) + list(rules["plant_nouns"]))) + ")"
        )
        self._milestone_re = re.compile("(?:" + trie_regex(rules.get("plant_milestones", [])) + ")")
        self._count_re = re.compile(r"第?(?:[0-9]+|[一二两三四五六七八九十百千万几]+)[万千百]?[条个座家台套项辆]")

    def find(self, f: str, known: set[str]) -> list[Candidate]:
        """Names before facility or product words; ``known`` holds the names the other rules found."""
        lex, bounds = self.lex, self.bounds
        gaz = self.gazetteer.names
        out: list[Candidate] = []
        seen_clauses: set[int] = set()
        for m in self._facility_re.finditer(f):
            s = m.start()
            cs = bounds.clause_start(f, s, window=12)
            if cs is None or cs in seen_clauses or cs >= s:
                continue
            seen_clauses.add(cs)
            x = f[cs:s]
            stripped = bounds.strip_leading_verbs(x)
            st = cs + len(x) - len(stripped)
            x = lex.strip_not_name_start(stripped)
            st += len(stripped) - len(x)
            # recurring in the document (卧龙电驱…产业园 … 卧龙电驱新增产值), known, or a brand before 版
            # (checked first: cheaper than the name check)
            if not (x in known or x in gaz or (m.group() == "版" and len(x) >= 3) or _recurs(f, x)):
                continue
            if lex.is_name_like(x, max_len=6):
                out.append((st, st + len(x), "facility"))
        return out

    def plants(self, f: str) -> list[Candidate]:
        """A company short name that opens a clause before its plant, line or project, mentioned once.

        Two shapes: the name ends with an industry word (鲁清石化年产…, 长鑫存储二期项目…, 旗滨玻璃两条…生产线),
        or a short name is followed by a plant noun and the clause reports a milestone (小米智能工厂二期开工).
        """
        lex, bounds = self.lex, self.bounds
        suffix_flags, suffix_re = self.suffixes.flags, self.suffixes.regex
        level_start_re = self.cues.level_start_re
        out: list[Candidate] = []
        # a marker first (most sentences have none), then an industry word or a plant noun
        # (neither shape can occur without one): no need to visit the markers otherwise
        first = self._plant_re.search(f)
        if first is None or self._plant_shape_re.search(f) is None:
            return out
        seen: set[int] = set()
        for m in self._plant_re.finditer(f, first.start()):  # (no marker before the first one)
            s = m.start()
            cs = bounds.clause_start(f, s, window=20)
            if cs is None or cs >= s or cs in seen:
                continue
            seen.add(cs)
            x = f[cs:s]
            if not self._company_head_in_re.search(x):
                # cheap pre-check for the second shape: a plant noun and a milestone must follow
                ce = bounds.clause_end(f, s, window=30)
                pn = self._plant_noun_re.search(f, s, ce)
                if not pn or not self._milestone_re.search(f, pn.end(), ce):
                    continue
            cm = self._count_re.search(x)
            if cm:
                x = x[: cm.start()]  # 旗滨玻璃两条…生产线
            stripped = bounds.strip_leading_verbs(x)
            st = cs + len(x) - len(stripped)
            x = lex.strip_not_name_start(stripped)
            st += len(stripped) - len(x)
            if st > cs and f[st - 1] in "其之的这那此该各每我":
                continue  # cut inside a phrase (库布其沙漠…), not a name start
            if len(x) > 4:
                hm = self._company_head_in_re.search(x, 2)
                if hm and hm.end() >= 4:
                    x = x[: hm.end()]  # 中科炼化一体化项目 → 中科炼化
            lm = self._LATIN_TAIL_RE.search(x)
            if lm:
                x = x[: lm.start()]  # 大众安徽MEB工厂
            if not (2 <= len(x) <= 6) or not lex.is_name_like(x, max_len=6):
                continue
            if x in suffix_flags or suffix_re.search(x) or lex.starts_with_domain(x):
                continue
            if level_start_re.match(x):
                continue  # 国家环保技术示范项目: a title or a place, not a company
            hm = self._company_head_re.search(x)
            if hm and hm.start() >= 2:
                stem = x[: hm.start()]
                if not (lex.is_generic(stem) or lex.is_admin_place(stem) or lex.starts_with_determiner(stem)):
                    out.append((st, st + len(x), "facility"))
                    continue
            if len(x) > 4 or not CJK_RE.match(x[-1]):
                continue
            ce = bounds.clause_end(f, st + len(x), window=40 - len(x))
            rest = f[st + len(x) : ce]
            pn = self._plant_noun_re.search(rest)
            if pn and pn.start() <= 12 and self._milestone_re.search(rest, pn.end()):
                out.append((st, st + len(x), "facility"))
        return out


def _recurs(f: str, x: str) -> bool:
    """Does ``x`` start at two places or more in ``f`` (overlapping occurrences count)?"""
    return bool(x) and f.find(x, f.find(x) + 1) >= 0
