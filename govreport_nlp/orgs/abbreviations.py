"""The ``abbreviation`` and ``alias`` rules: later and shorter mentions of names.

* numbered hospitals and schools: 第十五人民医院 → 十五院 after the full name (``abbreviation_heads``);
* university forms derived from the full names found: 合肥工业大学 → 合工大, 中国科学技术大学 → 中科大,
  西华师范大学 → 西华师大, 哈尔滨医科大学附属第一医院 → 哈医大一院;
* ordinal short names: a short stem, an ordinal and a head (市一院, 浙大一院, 栾川一高, 晋江一中,
  ``ordinal_abbreviation_heads``);
* aliases: later mentions of short names already found by the list, subject and facility rules.
"""

from __future__ import annotations

import re

from ..lexicon import CJK, NAME_CHAR_RE, Lexicon, find_words, trie_regex
from .boundaries import Boundaries
from .candidates import Candidate
from .gazetteer import Gazetteer

__all__ = ["AbbreviationRules"]

# kind of university -> head of its short forms (the forms built from each are in derived())
_UNIVERSITY_HEADS = {"医科大学": "医大", "师范大学": "师大", "大学": "大"}
_UNIVERSITY_RE = re.compile(f"([{CJK}]{{2,8}}?)(" + "|".join(_UNIVERSITY_HEADS) + ")")
_HOSPITAL_TAIL_RE = re.compile(r"(?:附属)?第([一二三四五六七八九十]{1,2})(附属医院|医院)")
_HAN_RE = re.compile(f"[{CJK}]+")
_ORDINAL_RE = re.compile(r"第([一二三四五六七八九十百零〇]{2,4})")


class AbbreviationRules:
    """Abbreviations, ordinal short names and aliases in folded text."""

    def __init__(self, rules: dict, lex: Lexicon, bounds: Boundaries, gazetteer: Gazetteer) -> None:
        self.lex = lex
        self.bounds = bounds
        self.gazetteer = gazetteer
        self.levels = rules["gov_levels"]
        self.zone_words = set(rules.get("zone_words", []))
        self._abbr_heads = rules["abbreviation_heads"]
        # ordinal abbreviations of hospitals and schools (市一院, 浙大一院, 栾川一高, 晋江一中, 安医大二附院)
        # (one or two ordinal characters, written [x][x]? rather than [x]{1,2}: a pattern that opens with
        # a character class lets the regex engine skip to the next ordinal)
        heads = trie_regex(rules.get("ordinal_abbreviation_heads", []))
        self._ordinal_abbr_re = re.compile("[一二三四五六七八九十][一二三四五六七八九十]?(?:" + heads + ")")
        #: literal-led regex branches, one of which :meth:`ordinals` needs (its pattern, one branch
        #: per first ordinal character)
        self.ordinal_anchors = [f"{c}[一二三四五六七八九十]?(?:{heads})" for c in "一二三四五六七八九十"]
        self._ordinal_black_re = re.compile("(?:" + trie_regex(rules.get("ordinal_abbreviation_right_black", [])) + ")")
        # a company's full name, then its short name alone (恒远集团 … 恒远将投资…)
        self._company_tail_re = re.compile("(?:" + trie_regex(rules.get("company_suffixes", [])) + ")$")
        tails = set(lex.domains) | set(rules.get("company_heads", []))
        self._domain_tail_re = re.compile("(?:" + trie_regex(tails) + ")+$")

    def ordinals(self, f: str) -> list[Candidate]:
        """市一院, 浙大一院, 北医三院, 栾川一高, 晋江一中, 安医大二附院: a short stem, an ordinal, a head."""
        lex = self.lex
        out = []
        for m in self._ordinal_abbr_re.finditer(f):
            p, e = m.span()
            if f.startswith(("新校区", "新院区"), e):
                pass  # 栾川一高新校区
            elif self._ordinal_black_re.match(f, e - 1) or (e < len(f) and f[e] in "学心级等型期国部"):
                continue
            if p > 0 and f[p - 1] == "第":
                continue
            stem_start = self.bounds.nearest(f, p, window=5)
            if stem_start is None:
                continue
            stem = f[stem_start:p]
            if not stem:
                continue
            if len(stem) == 1:
                if stem not in self.levels:
                    continue
            elif stem in self.zone_words:
                pass  # 新区一院
            elif not (2 <= len(stem) <= 4) or not _HAN_RE.fullmatch(stem):
                continue
            elif (
                lex.starts_with_verb(stem)
                or lex.starts_with_non_name(stem)
                or lex.starts_with_determiner(stem)
                or lex.is_generic(stem)
                or lex.starts_with_domain(stem)
                or stem[-1] in "第每这那各"
            ):
                continue
            out.append((stem_start, e, "abbreviation"))
        return out

    def derived(self, f: str, found: list[Candidate]) -> list[Candidate]:
        """合工大, 中科大, 西华师大, 哈医大一院 for the full names found in the text."""
        lex = self.lex
        variants: set[str] = set()
        for s, e, src in found:
            if src not in ("suffix", "gazetteer"):
                continue
            name = f[s:e]
            um = _UNIVERSITY_RE.match(name)
            if not um:
                continue
            x, kind = um.group(1), um.group(2)
            head = _UNIVERSITY_HEADS[kind]
            pp = lex.place_prefix(x) or ("中国" if x.startswith("中国") else None)
            if pp is None and len(x) == 2 and kind != "大学":
                pp = x  # 湘南医科大学, 徐州师范大学: a two-character stem is a place name
            rest = x[len(pp) :] if pp else x
            chunks = [rest[i : i + 2] for i in range(0, len(rest), 2)]
            forms = set()
            if pp:
                forms.add(pp[0] + "".join(c[0] for c in chunks[:1]) + head)  # 合工大, 中科大, 哈医大, 北师大
                forms.add(pp[0] + "".join(c[0] for c in chunks) + head)
                if chunks:
                    forms.add(pp + chunks[0][0] + head)  # 西南交大, 合肥工大, 安徽医大
                if rest.endswith("理工") and kind == "大学":
                    forms.add(pp[0] + "理工")  # 北理工, 武理工
            if not pp or rest or len(x) == 2:
                forms.add(x + head)  # 西华师大, 遵义医大
            if not pp and len(x) == 2:
                forms.add(x[0] + head)  # 暨南大学 → 暨大 (浙大, 郑大 come from the place branch)
            if pp and kind == "医科大学":
                forms.add(pp[0] + "医")  # 遵医(附院), 哈医(大)
            forms = {v for v in forms if len(v) >= 2 and v != name}
            variants |= {v for v in forms if len(v) >= 3 or v.endswith("大")}
            # hospitals of the university: 哈尔滨医科大学附属第一医院 → 哈医大一院, …第二附属医院 → 二附院
            tail = name[um.end() :]
            om = _HOSPITAL_TAIL_RE.fullmatch(tail)
            if om:
                for v in forms | {x}:
                    variants.add(v + om.group(1) + ("附院" if om.group(2) == "附属医院" else "院"))
            elif tail == "附属医院":
                for v in forms:
                    variants.add(v + "附院")  # 遵医附院
        out = []
        if not variants:
            return out
        for s, e in find_words(f, variants):
            if not self.bounds.left_is_boundary(f, s) or (e < len(f) and f[e] in "学"):
                continue
            out.append((s, e, "abbreviation"))
        return out

    def numbered(self, f: str, found: list[Candidate]) -> list[Candidate]:
        """十五院 for 第十五人民医院; searched after the full name's first mention."""
        out = []
        for s, e, src in found:
            if src != "suffix":
                continue
            name = f[s:e]
            for head_suf, head in self._abbr_heads.items():
                if name.endswith(head_suf):
                    om = _ORDINAL_RE.search(name[: -len(head_suf)])
                    if om:
                        abbr = om.group(1) + head
                        i = f.find(abbr, e)
                        while i >= 0:  # (no slice of the text per candidate)
                            out.append((i, i + len(abbr), "abbreviation"))
                            i = f.find(abbr, i + len(abbr))
                    break
        return out

    def aliases(self, f: str, found: list[Candidate]) -> list[Candidate]:
        """Later mentions of the short names found (three characters or more, not in the gazetteer)."""
        known = self.gazetteer.all_names()
        names = {f[s:e] for s, e, src in found if src in ("list", "subject", "facility") and e - s >= 3}
        names |= {f[s:e] for s, e, src in found if src == "gazetteer" and e - s >= 3 and f[s:e] not in known}
        if not names:
            return []
        return [(s, e, "alias") for s, e in find_words(f, names)]

    def short_names(self, f: str, found: list[Candidate]) -> list[Candidate]:
        """恒远集团 … 恒远将投资…: the core of a company's full name, mentioned alone later.

        The core is the full name without its company suffix (集团, 有限公司 …), a leading place
        and trailing industry words (四川攀宇重工机械有限公司 → 攀宇重工, 攀宇); a later mention
        counts at a name boundary when no name character follows it.
        """
        lex = self.lex
        cores: dict[str, int] = {}
        for s, e, src in found:
            if src not in ("suffix", "gazetteer"):
                continue
            name = f[s:e]
            tm = self._company_tail_re.search(name)
            if tm is None or tm.start() < 2:
                continue
            core = name[: tm.start()]
            pp = lex.place_prefix(core)
            if pp and len(core) - len(pp) >= 2:
                core = core[len(pp) :]
            forms = {core}
            dm = self._domain_tail_re.search(core)
            if dm and dm.start() >= 2:
                forms.add(core[: dm.start()])
            for c in forms:
                if 2 <= len(c) <= 8 and lex.is_name_like(c, max_len=8) and not lex.is_division(c):
                    cores[c] = min(cores.get(c, e), e)
        if not cores:
            return []
        out = []
        for s, e in find_words(f, cores):
            if s < cores[f[s:e]] or not self.bounds.left_is_boundary(f, s):
                continue
            if e < len(f) and NAME_CHAR_RE.match(f[e]) and not self.bounds.left_is_boundary(f, e + 1):
                # followed by more name characters: only a verb or a function word may follow
                if not (f[e] in "将已在与和等及也还又的" or lex.starts_with_verb(f[e : e + 4])):
                    continue
            out.append((s, e, "alias"))
        return out
