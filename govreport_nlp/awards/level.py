"""The ``level`` of an award title, read from its prefix.

全国/国家级 → national, 全省/省级/河南省 → provincial, 全市/市级/郑州市 → municipal,
全区/区级/县 → district (``level_prefixes``; provinces and cities from ``org_places.json``, every
prefecture from ``admin_divisions.json``),
skipping a year and batch markers (首批, 第二批). A generic place word (长沙县, 某某区) gives the
level of its suffix; 国家级, 全省 … anywhere in the title are the fallback (``level_anywhere``).
In the report of a city of an autonomous region, 全区 is the region (see :func:`region_city_report`).
"""

from __future__ import annotations

import re

from ..lexicon import CJK, Lexicon, fold, trie_regex
from .grammar import YEAR_FIRST, YEAR_SRC, end_chars, first_chars

__all__ = ["LevelReader", "region_city_report"]

_SUFFIX_LEVELS = {"省": "provincial", "市": "municipal", "区": "district", "县": "district"}


class LevelReader:
    """Level prefixes compiled from the AWARD grammar and the place lists. Picklable."""

    def __init__(self, data: dict, lex: Lexicon) -> None:
        self.lex = lex
        lp = data["level_prefixes"]
        self.words: dict[str, str] = {}
        for level, words in lp.items():
            for w in words:
                self.words[w] = level
        for form, full in lex.provinces.items():
            # the four municipalities (北京市, 天津市 …) are cities by name: 天津市…先进单位 reads like 全市…
            self.words.setdefault(form, "municipal" if full.endswith("市") else "provincial")
        for city in lex.cities:
            self.words.setdefault(city + "市", "municipal")
            self.words.setdefault(city, "municipal")
        for pref in lex.prefectures:  # every prefecture of admin_divisions.json (黔东南州, 锡林郭勒盟)
            self.words.setdefault(pref, "municipal")
        #: a level prefix (全国, 省级, 河南省, 郑州 …) at the match position
        self.prefix_re = re.compile("(?:" + trie_regex(self.words) + ")")
        # the same, one pattern per first character (:meth:`prefix_at`), compiled on first use
        self._words_by_first: dict[str, list[str]] = {}
        for w in self.words:
            self._words_by_first.setdefault(w[0], []).append(w)
        self._prefix_by_first: dict[str, re.Pattern[str]] = {}
        #: words that look like a prefix but are not one (市场, 区域, 省会 …)
        not_prefixes = data.get("level_not_prefixes", [])
        self.not_prefix_re = re.compile("(?:" + trie_regex(not_prefixes) + ")")
        self._not_prefix_first = first_chars(not_prefixes)
        self._generic_place_re = re.compile(rf"[{CJK}]{{2,4}}?(?P<s>省|市|区|县)(?=[{CJK}“\"])")
        aw: dict[str, str] = {}
        for level, words in data.get("level_anywhere", {}).items():
            for w in words:
                aw[w] = level
        self._anywhere_words = aw
        self._anywhere_re = re.compile("(?:" + trie_regex(aw) + ")") if aw else None
        #: 平安天津建设先进区, 美丽广西乡村: a campaign word before the place that confers the title
        campaigns = data.get("campaign_prefixes", [])
        self._campaign_re = re.compile("(?:" + trie_regex(campaigns) + ")") if campaigns else None
        self._campaign_first = first_chars(campaigns)
        batch_words = data.get("batch_markers", [])
        batch = "(?:" + trie_regex(batch_words) + ")"
        #: what comes before the level: opening quotes, a year (2023年度), up to two batch markers (首批)
        self._lead_re = re.compile(f'[“"]*(?:{YEAR_SRC})?{batch}?{batch}?')
        #: the characters such a lead starts with (a title starting otherwise has none: no match to try)
        self._lead_first = frozenset('“"') | YEAR_FIRST | first_chars(batch_words)
        #: a bare level word (国家级, 省级): it shares the next item's head (国家级、省级老年友好社区)
        pure = [
            w
            for w in lp.get("national", [])
            + lp.get("provincial", [])
            + lp.get("municipal", [])
            + lp.get("district", [])
            if w.endswith("级")
        ]
        self.pure_level_re = re.compile("(?:" + trie_regex(pure) + ")$")
        self._pure_ends = end_chars(pure)

    def prefix_at(self, s: str, pos: int = 0) -> re.Match | None:
        """``prefix_re.match(s, pos)``, trying only the prefixes that start with the character at ``pos``
        (a match of the whole alternation tries each of its hundreds of first characters in turn)."""
        first = s[pos : pos + 1]
        r = self._prefix_by_first.get(first)
        if r is None:
            words = self._words_by_first.get(first)
            if words is None:
                return None
            r = self._prefix_by_first[first] = re.compile("(?:" + trie_regex(words) + ")")
        return r.match(s, pos)

    def starts_with_level(self, s: str, pos: int = 0) -> bool:
        """A level prefix at ``pos`` that is not a false one (市场, 县域 …)."""
        return bool(self.prefix_at(s, pos)) and not self._not_prefix_at(s, pos)

    def _not_prefix_at(self, s: str, pos: int = 0) -> bool:
        """``not_prefix_re.match(s, pos)``, tried only where the character at ``pos`` may start one."""
        return s[pos : pos + 1] in self._not_prefix_first and self.not_prefix_re.match(s, pos) is not None

    def is_pure_level(self, s: str) -> bool:
        """``s`` is a bare level word (国家级, 省级): ``pure_level_re.match(s)``, tried only when ``s`` ends
        the way one must."""
        return s[-1:] in self._pure_ends and self.pure_level_re.match(s) is not None

    def __call__(self, title: str) -> str | None:
        """The level of a title from its prefix (skipping a year and batch markers)."""
        return self.read(fold(title))

    def read(self, title: str) -> str | None:
        """:meth:`__call__` for a title that is already width-folded (a slice of the folded text)."""
        lex = self.lex
        # each part is optional and greedy, so one match skips what stripping them in turn would
        lead = self._lead_re.match(title) if title[:1] in self._lead_first else None
        t = title[lead.end() :] if lead and lead.end() else title
        if not self._not_prefix_at(t):
            m = self.prefix_at(t)
            if m:
                level = self.words[m.group()]
                nxt = t[m.end() : m.end() + 1]
                if m.group() in lex.cities and nxt in ("县", "区"):
                    return "district"  # 长沙县, 长沙区: a county or district named after its city
                return level
        if self._campaign_re is not None:
            cm = self._campaign_re.match(t) if t[:1] in self._campaign_first else None
            if cm:
                pm = self.prefix_at(t, cm.end())
                if pm and len(pm.group()) >= 2 and not self._not_prefix_at(t, cm.end()):
                    return self.words[pm.group()]
        gm = self._generic_place_re.match(t)
        if gm:
            word = t[: gm.end()]
            stem = word[:-1]
            if not (
                lex.starts_with_determiner(word)
                or stem.endswith("地")
                or stem in lex.regions
                or lex.is_generic(stem)
                or lex.starts_with_verb(stem)
            ):
                return _SUFFIX_LEVELS[gm.group("s")]
        if self._anywhere_re:
            am = self._anywhere_re.search(t)
            if am:
                return self._anywhere_words[am.group()]
        return None


def region_city_report(f: str) -> bool:
    """A report of a city, county or banner in an autonomous region: it names 自治区 and calls itself
    我市/我县/我旗 (never 我区), or speaks of 全市/全县/全旗 more than of 全区."""
    if "自治区" not in f:
        return False
    if "我区" not in f and any(w in f for w in ("我市", "我县", "我旗")):
        return True
    return max(f.count("全市"), f.count("全县"), f.count("全旗")) > f.count("全区")
