"""The ``list`` rule: short names listed before ``等 (+N家/N个) + 企业/项目/公司 …``.

华瑞光电、金石新材等项目 and 甲、乙、丙三大主机企业 (a count instead of 等, when the clause
holds a 、-list); the category heads are ``list_category_heads`` in ``org_rules.json``.
"""

from __future__ import annotations

import re

from ..lexicon import CJK, Lexicon, trie_regex
from .boundaries import Boundaries
from .candidates import Candidate
from .suffix import SuffixTable

__all__ = ["ListRule"]

_COUNT_NUMERALS = "两二三四五六七八九十"
# every count frame holds a count right before 大 or 家; searching for that pair is cheap, the frame
# regex (no first character to skip to) is not
_COUNT_PAIR_RE = re.compile(f"[{_COUNT_NUMERALS}0-9][大家]")


class ListRule:
    """Find the names of a 、-list before a category frame in folded text."""

    def __init__(self, rules: dict, lex: Lexicon, bounds: Boundaries, suffixes: SuffixTable) -> None:
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes
        # list frame: X、Y等(N家)…企业
        heads = trie_regex(rules["list_category_heads"])
        self._list_re = re.compile(
            r"等(?:[0-9]+|[一二两三四五六七八九十百千几多数]+)?[家个批户所项座]?"
            rf"(?P<cat>[{CJK}]{{0,8}}?)(?:{heads})"
        )
        self._forbidden = re.compile(trie_regex(rules["list_category_forbidden"]))
        # X、Y、Z三大主机企业 / X、Y两家企业: a count instead of 等 (the clause must hold a 、-list)
        # (the count's first character as a class that opens the pattern, the rest after a look
        # back at it: [N]大|[0-9]+家|[N]家 as such, or behind a look-ahead, gives the regex engine no
        # first characters, and it tries every position of the text)
        self._count_re = re.compile(
            rf"[{_COUNT_NUMERALS}0-9](?:(?<=[{_COUNT_NUMERALS}])[大家]|(?<=[0-9])[0-9]*家)"
            rf"(?P<cat>[{CJK}]{{0,8}}?)(?:{heads})"
        )

    def find(self, f: str) -> list[Candidate]:
        out = []
        lex = self.lex
        # (a frame opens with 等; a count frame needs a 、-list in its clause: most sentences have neither)
        frames = [(m, False) for m in self._list_re.finditer(f)] if "等" in f else []
        if "、" in f and _COUNT_PAIR_RE.search(f):
            frames += [(m, True) for m in self._count_re.finditer(f)]
        for m, counted in frames:
            if self._forbidden.search(m.group("cat")):
                continue
            p = m.start()
            cs = self.bounds.clause_start_hard(f, p)
            if cs is None:
                continue
            if counted and ("、" not in f[cs:p] or f[p - 1] == "等"):
                continue  # (…等12家企业 is the 等 frame's)
            pos = cs
            items = f[cs:p].split("、")
            for k, item in enumerate(items):
                start = pos
                pos += len(item) + 1
                if k == 0:
                    stripped = self.bounds.strip_leading_verbs(item)
                    start += len(item) - len(stripped)
                    item = stripped
                stripped = lex.strip_not_name_start(item)
                if k == 0 or len(item) - len(stripped) >= 2:
                    start += len(item) - len(stripped)  # (以岭药业 after 、 keeps its 以)
                    item = stripped
                if item in self.suffixes:
                    continue  # 银行、保险等金融机构: a category
                if lex.is_name_like(item, max_len=8, allow_person=True, allow_place_stem=True):
                    out.append((start, start + len(item), "list"))
                    continue
                if (
                    k > 0
                    and len(item) >= 3
                    and len(item) - len(stripped) == 1
                    and lex.is_name_like(stripped, max_len=8, allow_person=True, allow_place_stem=True)
                ):
                    out.append((start, start + len(item), "list"))  # 以岭药业: a name that opens with 以
                    continue
                # X与Y等企业: coordinated names inside one item
                sub = start
                for part in re.split(r"(和|与|及)", item):
                    if part not in ("和", "与", "及") and lex.is_name_like(part, max_len=8, allow_person=True):
                        out.append((sub, sub + len(part), "list"))
                    sub += len(part)
        return out
