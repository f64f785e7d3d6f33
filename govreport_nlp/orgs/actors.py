"""The ``actor`` rule: a company short name with no suffix, as the subject of an action verb.

北方重工建成…, 海川新材投产…, 云帆锂能完成…: a clause opens with a short name that ends with an
industry head (``company_heads`` in ``org_rules.json``: 重工, 新材, 锂能, 药业 …) on a stem that is
neither generic nor a place, and an action verb of report prose follows (``actor_verbs``: 建成,
投产, 开工, 完成, 签约 …), possibly after adverbs (先后, 成功 …). A place may stand in front
(绵阳攀宇重工). Before a verb only a company takes (``company_verbs``: 成功上市, 完成融资, 中标 …)
any short name counts (云帆优选完成融资). Other names need another context (a list, a partner, a trigger).
"""

from __future__ import annotations

import re

from ..lexicon import CLAUSE_PUNCT, Lexicon, trie_regex
from .boundaries import Boundaries
from .candidates import Candidate
from .cues import AwardCues
from .suffix import SuffixTable

__all__ = ["ActorRule"]

_CLAUSE_PUNCT_CHARS = frozenset(CLAUSE_PUNCT)
# a title or a scope, not a company (国家…, 全省…)
_LEVEL_WORDS = ("国家", "全国", "全省", "全市", "全区", "全县", "省级", "市级", "区级", "县级")


class ActorRule:
    """Find company short names before action verbs in folded text. Picklable."""

    def __init__(self, rules: dict, lex: Lexicon, bounds: Boundaries, suffixes: SuffixTable, cues: AwardCues) -> None:
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes
        self.cues = cues
        verbs = list(rules.get("actor_verbs", [])) + list(rules.get("company_verbs", [])) + ["通过"]
        self._verb_re = re.compile("(?:" + trie_regex(verbs) + ")")
        self._head_re = re.compile("(?:" + trie_regex(rules.get("company_heads", [])) + ")$")
        # verbs only a company takes (成功上市, 完成融资, 中标): any short name may be their subject
        company_verbs = rules.get("company_verbs", [])
        self._company_verb_re = re.compile(
            "(?:"
            + trie_regex(company_verbs)
            + "|完成[A-Za-z0-9+一二三四五六七八九十天使种子]{1,4}轮融资|(?:完成|通过)[A-Z][A-Z0-9]{1,9}认证)"
        )

    def name_ok(self, x: str) -> bool:
        """A short name ending with an industry head on a stem that is not generic nor a place."""
        lex = self.lex
        if not (3 <= len(x) <= 8):
            return False
        hm = self._head_re.search(x)  # the cheapest and most selective check first
        if hm is None or hm.start() < 2 or not lex.is_name_like(x, max_len=8):
            return False
        if x in self.suffixes.flags or self.suffixes.regex.search(x):
            return False  # the suffix rule's business
        stem = x[: hm.start()]
        pp = lex.place_prefix(stem)
        if pp and len(pp) < len(stem):
            stem = stem[len(pp) :]  # 绵阳攀宇重工: the name after the place
        if len(stem) < 2:
            return False
        return not (
            lex.is_generic(stem)
            or lex.is_admin_place(stem)
            or lex.starts_with_determiner(stem)
            or lex.starts_with_domain(stem)
            or self.cues.level_start_re.match(stem)
        )

    def headless_ok(self, x: str) -> bool:
        """A short name with no industry head, before a verb only a company takes (云帆优选完成融资)."""
        lex = self.lex
        return (
            2 <= len(x) <= 6
            and lex.is_name_like(x, max_len=6, allow_place_stem=True)
            and x not in self.suffixes.flags
            and not self.suffixes.regex.search(x)
            and not lex.starts_with_domain(x)
            and not lex.is_division(x)
            and not x.startswith(_LEVEL_WORDS)
        )

    def find(self, f: str) -> list[Candidate]:
        out: list[Candidate] = []
        lex, seen = self.lex, set()
        for m in self._verb_re.finditer(f):
            t = m.start()
            cs = self.bounds.clause_start(f, t, window=14)
            if cs is None or cs >= t or cs in seen:
                continue
            seen.add(cs)  # the first action verb of a clause follows its subject
            x = f[cs:t]
            am = self.cues.adverb_tail_re.search(x)
            if am:
                x = x[: am.start()]
            if not (self._head_re.search(x) or self._company_verb_re.match(f, t)):
                continue  # neither shape: no industry head ends the stretch, no company-only verb follows
            stripped = lex.strip_not_name_start(x)
            s = cs + len(x) - len(stripped)
            if not _CLAUSE_PUNCT_CHARS.isdisjoint(stripped):
                continue
            if self.name_ok(stripped) or (self._company_verb_re.match(f, t) and self.headless_ok(stripped)):
                out.append((s, s + len(stripped), "actor"))
        return out
