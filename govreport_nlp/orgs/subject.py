"""The ``subject`` rule: a short name opening a clause right before an award trigger.

X获评…, X入选…, and X成为 + a level or a place (a weak trigger); the object must read like an
honour. The names of a 、-list before the subject count too (甲、乙入选…). The agent of a
passive (被国务院评为…, 经/由…) is not a subject.
"""

from __future__ import annotations

import re

from ..lexicon import CJK, CLAUSE_PUNCT, Lexicon
from .boundaries import Boundaries
from .candidates import Candidate
from .cues import AwardCues
from .suffix import SuffixTable

__all__ = ["SubjectRule"]

# 上街区… / 长沙县… : a place-like word opening a phrase
_GENERIC_PLACE_RE = re.compile(f"[{CJK}]{{2,4}}?(?:省|市|区|县)(?=[{CJK}])")


class SubjectRule:
    """Find award subjects in folded text."""

    def __init__(self, cues: AwardCues, lex: Lexicon, bounds: Boundaries, suffixes: SuffixTable) -> None:
        self.cues = cues
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes

    def find(self, f: str, triggers: list[re.Match[str]] | None = None) -> list[Candidate]:
        """Award subjects; ``triggers``: those of :meth:`AwardCues.triggers`, if searched already."""
        out = []
        lex, cues = self.lex, self.cues
        suffix_flags, suffix_re = self.suffixes.flags, self.suffixes.regex
        for m in cues.trigger_re.finditer(f) if triggers is None else triggers:
            t = m.start()
            cs = self.bounds.clause_start(f, t, window=16)
            if cs is None or cs >= t:
                continue
            x = f[cs:t]
            if "被" in x or x.startswith(("经", "由")):
                continue  # 被国务院评为…: the agent, not the subject
            am = cues.adverb_tail_re.search(x)
            if am:
                x = x[: am.start()]
            stripped = lex.strip_not_name_start(x)
            s = cs + len(x) - len(stripped)
            x = stripped
            if m.group() in cues.weak_triggers:
                if not (cues.level_start_re.match(f, m.end()) or _GENERIC_PLACE_RE.match(f, m.end())):
                    continue
            else:
                # the object must read like an honour: a level prefix or an honour head in the clause
                obj = f[m.end() : self.bounds.clause_end(f, m.end(), window=40)]
                if not (cues.level_start_re.match(obj) or cues.has_award_head(obj)):
                    continue
                if cues.negative_re.search(obj) and not cues.level_start_re.match(obj):
                    continue
            if x in suffix_flags or suffix_re.fullmatch(x):
                continue
            if lex.is_name_like(x, max_len=10) and not lex.is_produce_brand(x):
                out.append((s, s + len(x), "subject"))
                # 甲、乙入选…: the other names of a 、-list before the subject
                ls = s
                while ls > 1 and f[ls - 1] == "、":
                    ps = ls - 1
                    while ps > 0 and f[ps - 1] not in CLAUSE_PUNCT and ls - ps < 12:
                        ps -= 1
                    part = lex.strip_not_name_start(f[ps : ls - 1])
                    ps = ls - 1 - len(part)
                    if not lex.is_name_like(part, max_len=10) or part in suffix_flags:
                        break
                    out.append((ps, ls - 1, "subject"))
                    ls = ps
        return out
