""":class:`OrgFinder`: run the ORG rules in order, then keep the best non-overlapping candidates."""

from __future__ import annotations

import re

from ..lexicon import (
    award_triggers_data,
    default_lexicon,
    fold,
    load_org_patterns,
    load_org_suffixes,
    org_rules,
)
from .abbreviations import AbbreviationRules
from .actors import ActorRule
from .boundaries import Boundaries
from .candidates import Candidate, OrgMatch, resolve
from .cues import AwardCues
from .facility import FacilityRule
from .filters import TitleFilter, drop_place_stems, drop_product_subjects, drop_sessions, strip_self_reference
from .gazetteer import Gazetteer, GazetteerRule
from .lists import ListRule
from .partners import PartnerRule
from .subject import SubjectRule
from .suffix import SuffixRule, SuffixTable

__all__ = ["OrgMatch", "OrgFinder"]


class OrgFinder:
    """Find ORG spans in a report text.

    >>> finder = OrgFinder()
    >>> [m.text for m in finder("在市委、市政府的领导下，华瑞光电等5家企业完成改造")]
    ['市委', '市政府', '华瑞光电']

    Parameters
    ----------
    patterns:
        Span-ruler records (``{"label": "ORG", "pattern": "国务院"}``); default: the package's
        ``org_patterns.jsonl``. Only phrase patterns (strings) with label ORG are used here.
    suffixes:
        Suffix lines (``"局\\tgov"``); default: the package's ``org_suffixes.txt``.

    Calling the finder returns non-overlapping :class:`OrgMatch` objects, left to right.
    """

    def __init__(self, patterns: list[dict] | None = None, suffixes: list[str] | None = None) -> None:
        self.lex = lex = default_lexicon()
        rules = org_rules()
        bounds = Boundaries(rules)
        self.gazetteer = Gazetteer(rules)
        self.add_patterns(load_org_patterns() if patterns is None else patterns)
        self.suffixes = SuffixTable(load_org_suffixes() if suffixes is None else suffixes)
        self._cues = cues = AwardCues(award_triggers_data(), lex)
        self._gazetteer = GazetteerRule(rules, self.gazetteer, lex, bounds, self.suffixes)
        self._suffix = SuffixRule(rules, self.suffixes, lex, bounds)
        self._list = ListRule(rules, lex, bounds, self.suffixes)
        self._subject = SubjectRule(cues, lex, bounds, self.suffixes)
        self._partners = PartnerRule(rules, lex, bounds, self.suffixes)
        self._actors = ActorRule(rules, lex, bounds, self.suffixes, cues)
        self._facility = FacilityRule(rules, lex, bounds, self.suffixes, self.gazetteer, cues)
        self._abbreviations = AbbreviationRules(rules, lex, bounds, self.gazetteer)
        self._drop_titles = TitleFilter(rules, cues, self.gazetteer)
        # What the brand compositions, the partner rule, both facility passes and the ordinal short
        # names each need to find anything, in one search: most sentences hold none of it, and
        # their five scans of the text are then spared. (Every branch opens with a literal
        # character, so the search skips to where one may start.)
        anchors = (
            self._gazetteer.brand_anchors
            + self._partners.anchors
            + self._facility.anchors
            + self._abbreviations.ordinal_anchors
        )
        self._anchors_re = re.compile("(?:" + "|".join(anchors) + ")" if anchors else "(?!)")

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns with label ORG; other labels and token patterns are ignored."""
        self.gazetteer.add_patterns(patterns)

    def find_spans(self, text: str) -> list[Candidate]:
        """(start, end, source) triples, non-overlapping, left to right."""
        f = fold(text)
        triggers = self._cues.triggers(f)  # (read by the subject rule and the title filter)
        anchored = self._anchors_re.search(f) is not None  # (else brands, partners, facilities, ordinals: none)
        cands = self._gazetteer.find(f)
        if anchored:
            cands += self._gazetteer.brands(f)
        cands += self._suffix.find(f) + self._list.find(f) + self._subject.find(f, triggers) + self._actors.find(f)
        if cands:  # (the filters and the rules that start from the names found have nothing to do otherwise)
            cands = drop_product_subjects(f, self._drop_titles(f, cands, triggers))
        abbr = self._abbreviations
        if anchored:
            cands += self._partners.find(f, cands)
            cands += self._facility.find(f, {f[s:e] for s, e, _ in cands})
            cands += self._facility.plants(f)
        if cands:
            cands += abbr.numbered(f, cands)
            cands += abbr.derived(f, cands)
        if anchored:
            cands += abbr.ordinals(f)
        if not cands:
            return []
        cands = drop_place_stems(f, cands)
        cands = strip_self_reference(f, drop_sessions(f, cands))
        cands += abbr.aliases(f, cands)
        cands += abbr.short_names(f, cands)
        return resolve(cands, len(f))

    def __call__(self, text: str) -> list[OrgMatch]:
        return [OrgMatch(s, e, text[s:e], src) for s, e, src in self.find_spans(text)]
