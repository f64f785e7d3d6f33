"""The ``partner`` rule: the other party of an agreement with an organisation already found.

甲与乙签约…, 甲与乙共建…, 甲和乙签署…: when one side is an ORG found by the other rules and a
cooperation verb (``partner_verbs``) follows the pair, a short name on the other side counts
(华越新材与中国建材集团签约 → 华越新材; 区政府与华越新材签约 → 华越新材). The work is local to
each candidate, so the rule stays linear in the text.
"""

from __future__ import annotations

import re

from ..lexicon import CLAUSE_PUNCT, Lexicon, trie_alternatives, trie_regex
from .boundaries import Boundaries
from .candidates import Candidate
from .suffix import SuffixTable

__all__ = ["PartnerRule"]

_CONJ = "与和同"
# 与我县签约, 同本市合作: a self-reference as the other party of an agreement
_SELF_PARTNER_RE = re.compile("(?<=[与和同])(?P<self>[我本](?:省|市|区|县|州|旗|镇|乡|街道))")


class PartnerRule:
    """Find the partner of an ORG before a cooperation verb, in folded text."""

    def __init__(self, rules: dict, lex: Lexicon, bounds: Boundaries, suffixes: SuffixTable) -> None:
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes
        verbs = rules.get("partner_verbs", [])
        #: literal-led regex branches, one of which the rule needs (a cooperation verb)
        self.anchors = trie_alternatives(verbs)
        self._verb_re = re.compile("(?:" + trie_regex(verbs) + ")") if verbs else None

    def _name_ok(self, x: str) -> bool:
        lex = self.lex
        pp = lex.place_prefix(x) if len(x) > 6 else None
        if pp and len(pp) >= 2 and len(x) - len(pp) >= 2:
            return self._name_ok(x[len(pp) :])  # 甘肃陇神戎发药业: a province before the name
        if not (2 <= len(x) <= 6) or not lex.is_name_like(x, max_len=6):
            return False
        if x in self.suffixes.flags or self.suffixes.regex.search(x):
            return False  # a suffix-ended stretch the suffix rule did not take
        return not (lex.starts_with_domain(x) or lex.is_produce_brand(x))

    def find(self, f: str, cands: list[Candidate]) -> list[Candidate]:
        if self._verb_re is None or self._verb_re.search(f) is None:
            return []  # both shapes need a cooperation verb
        out: list[Candidate] = []
        lex, bounds = self.lex, self.bounds
        # 甲与我县签约: the reporting place itself as the other party
        selves = [(m.start("self"), m.end("self"), "self") for m in _SELF_PARTNER_RE.finditer(f)]
        for s, e, _src in list(cands) + selves:
            # 甲与[ORG]签约: the partner opens the clause before the conjunction
            if s >= 3 and f[s - 1] in _CONJ and self._verb_re.match(f, e):
                cs = bounds.clause_start(f, s - 1, window=12)
                if cs is not None and cs < s - 1:
                    x = f[cs : s - 1]
                    stripped = bounds.strip_leading_verbs(x)
                    x2 = lex.strip_not_name_start(stripped)
                    if self._name_ok(x2):
                        out.append((s - 1 - len(x2), s - 1, "partner"))
            # [ORG]与乙签约: the partner sits between the conjunction and the verb
            if e < len(f) - 3 and f[e] in _CONJ:
                vm = self._verb_re.search(f, e + 3, min(len(f), e + 9))
                if vm is not None:
                    x = f[e + 1 : vm.start()]
                    if not any(c in CLAUSE_PUNCT for c in x) and self._name_ok(x):
                        out.append((e + 1, vm.start(), "partner"))
        return out
