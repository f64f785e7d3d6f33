"""The ``suffix`` rule: a name stretch ended by a suffix from ``orgs/data/org_suffixes.txt``.

有限公司, 研究院, 人民医院, 支队, 局 … end a name; the stretch runs left to the nearest
boundary (:mod:`.boundaries`). A generic stretch (区级医院, 各类公司) is rejected; ``gov``
suffixes (局, 委员会) take a level character alone (市局) and ``standalone`` ones may stand
without a stretch. A stretch may run past 和/与/及 once, and a university or academy may
head the institute after it (中国科学院苏州纳米技术与纳米仿生研究所).
"""

from __future__ import annotations

import re

from ..lexicon import CJK, Lexicon, trie_regex
from ..widths import fold_widths
from .boundaries import Boundaries
from .candidates import Candidate

__all__ = ["SuffixTable", "SuffixRule"]


class SuffixTable:
    """Suffix -> flags (``gov``, ``standalone``), from ``SUFFIX[<TAB>FLAGS]`` lines."""

    def __init__(self, lines: list[str]) -> None:
        self.flags: dict[str, set[str]] = {}
        for line in lines:
            parts = line.split("\t")
            suf = fold_widths(parts[0].strip())
            flags = {f.strip() for f in parts[1].split(",")} if len(parts) > 1 else set()
            if suf:
                self.flags[suf] = flags
        self.regex = re.compile("(?:" + trie_regex(self.flags) + ")")

    def __contains__(self, word: str) -> bool:
        return word in self.flags


class SuffixRule:
    """Find suffix-ended names in folded text."""

    _PAREN_PLACE_RE = re.compile(f"\\(([{CJK}]{{2,6}})\\)")

    def __init__(self, rules: dict, table: SuffixTable, lex: Lexicon, bounds: Boundaries) -> None:
        self.table = table
        self.lex = lex
        self.bounds = bounds
        self.levels = rules["gov_levels"]
        # left: characters that make the suffix part of another word (格局); right: words that do (大学生)
        self._left_black = {k: set(v) for k, v in rules["suffix_left_blacklist"].items()}
        self._right_black = {k: tuple(v) for k, v in rules["suffix_right_blacklist"].items()}
        # a parent body (大学, 科学院) may head one of its institutes (研究所, 医院 …)
        self.subunit_parents = tuple(rules["subunit_parents"])
        self.subunit_heads = tuple(rules["subunit_heads"])
        # 经省人民政府批准, 代表县人民政府: a preposition or verb before a level character is no stem
        self._lead_re = re.compile("(?:" + trie_regex(rules.get("gov_lead_words", [])) + f")(?=[{self.levels}]$)")

    def name_ok(self, name: str, flags: set[str]) -> bool:
        """May ``name`` stand before a suffix with ``flags``?"""
        lex = self.lex
        if not name:
            return "standalone" in flags
        if len(name) > 18:
            return False
        gov = "gov" in flags
        if len(name) == 1:
            return gov and name in self.levels
        if lex.starts_with_determiner(name) or lex.starts_with_non_name(name):
            return False
        if gov:
            # 公司党支部, 学校党总支: a bare category word before the suffix is no name
            return not lex.only_determiners(name) and name not in self.table.flags
        if name[0] in self.levels and not lex.only_determiners(name):
            return True  # 区城市发展投资集团: the district's own company
        return not lex.is_generic(name)

    def _generic_after_inner_suffix(self, name: str, suffix: str = "") -> bool:
        """区人民医院三级医院: an organisation, then only generic words, then the suffix again.

        A university's institute is a name of its own (中国科学技术大学先进技术研究院).
        """
        last = None
        for m in self.table.regex.finditer(name):
            last = m
        if last is None or last.end() == len(name):
            return False
        if last.group() in self.subunit_parents and suffix in self.subunit_heads:
            return False
        return self.lex.is_generic(name[last.end() :])

    def _inner_suffix_ok(self, name: str, suffix: str) -> bool:
        """Past 和/与/及, the stretch may hold another suffix only as a parent body
        (中国科学院苏州纳米技术与纳米仿生研究所), never as a second organisation (甲公司与乙公司)."""
        inner = [m.group() for m in self.table.regex.finditer(name)]
        if not inner:
            return True
        return suffix in self.subunit_heads and all(x in self.subunit_parents for x in inner)

    def _paren_place_end(self, f: str, e: int) -> int:
        """香港中文大学(深圳): a place in brackets right after the name belongs to it."""
        if not f.startswith("(", e):
            return e  # (the common case, without a regex call)
        pm = self._PAREN_PLACE_RE.match(f, e)
        if pm and (self.lex.is_place(pm.group(1)) or pm.group(1) in self.lex.known_places):
            return pm.end()
        return e

    def find(self, f: str) -> list[Candidate]:
        out = []
        suffix_re = self.table.regex
        for m in suffix_re.finditer(f):
            s, e = m.span()
            suf = m.group()
            flags = self.table.flags.get(suf, set())
            rb = self._right_black.get(suf)
            if rb and f.startswith(rb, e):
                continue
            lb = self._left_black.get(suf)
            if lb and s > 0 and f[s - 1] in lb:
                continue
            retried = False
            bounds = self.bounds.scan(f, s)
            for b, soft in bounds:
                name = f[b:s]
                if self.name_ok(name, flags) and (not retried or self._inner_suffix_ok(name, suf)):
                    if soft and not retried and suf in self.subunit_heads:
                        # 中国科学院苏州纳米技术与纳米仿生研究所: a parent body before 与 takes the whole
                        for b2, _soft2 in bounds:
                            longer = f[b2:s]
                            head_end = len(longer) - len(name) - 1  # where 与/和/及 stands
                            inner = list(suffix_re.finditer(longer, 0, head_end))
                            if (
                                inner
                                and all(x.group() in self.subunit_parents for x in inner)
                                and inner[-1].end() < head_end  # 四川大学与华西医院: two bodies
                                and self.name_ok(longer, flags)
                            ):
                                b = b2
                            break
                    if "gov" in flags and s - b >= 2:
                        lm = self._lead_re.search(f, max(b, s - 3), s)
                        if lm and (lm.start() == b or not self.lex.is_division(f[b:s])):
                            b = s - 1  # 经省人民政府 → 省人民政府
                    if not self._generic_after_inner_suffix(f[b:s], suf):
                        out.append((b, self._paren_place_end(f, e), "suffix"))
                    break
                if not soft or not name or retried:
                    break
                retried = True  # 三和消防科技有限公司: look once past 和/与/及
        return out
