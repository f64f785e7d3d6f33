"""The ``gazetteer`` rule: known names, level-prefixed party and government bodies, compositions.

Known names come from ``orgs/data/org_patterns.jsonl`` (or :meth:`Gazetteer.add_patterns`); the
party and government bodies (市委, 区政府, 县政协, 自治区党委 …) are generated from
``gov_levels`` × ``gov_bodies`` in ``org_rules.json``. A name may need a context
(``gazetteer_context``): ``left`` a boundary before it, ``standalone`` nothing name-like after it
(中央 but not 中央公园), ``govleft`` a boundary or a place stem before it (郑州市委, 新区党工委).
A company short name takes an industry word after it (中铝 + 物流). Compositions: joint ventures
and sub-brands (上汽大众, 广汽埃安, 一汽-大众) and a brand with its market (大众安徽, 博世中国).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..lexicon import CJK_RE, NAME_CHAR_RE, Lexicon, char_class, trie_alternatives, trie_regex
from ..schemas import validate_patterns
from ..widths import fold_widths
from .boundaries import Boundaries
from .candidates import Candidate
from .suffix import SuffixTable

__all__ = ["Gazetteer", "GazetteerRule"]


class Gazetteer:
    """Known ORG names: pattern -> (kind, context). ``kind`` is ``"company"``, ``"gov"`` or None."""

    def __init__(self, rules: dict) -> None:
        self.names: dict[str, tuple[str | None, str | None]] = {}  # from patterns
        self.gov: dict[str, tuple[str | None, str | None]] = {}  # generated bodies
        self.contexts = {n: ctx for ctx, names in rules.get("gazetteer_context", {}).items() for n in names}
        for lvl in rules["gov_levels"]:
            for body in rules["gov_bodies"]:
                self.gov[lvl + body] = ("gov", "govleft")
        for lvl in rules.get("gov_level_words", []):  # 自治区党委 (经开区党工委 comes from the place stem rule)
            for body in rules.get("gov_level_word_bodies", []):
                self.gov[lvl + body] = ("gov", "govleft")
        for body in rules.get("gov_short_bodies", []):  # bodies of a prefecture or league (地委, 行署)
            self.gov[body] = ("gov", "govleft")
        for body in rules["gov_bodies"]:
            if len(body) >= 3:
                self.gov.setdefault(body, ("gov", "govleft"))
        self._all: dict[str, tuple[str | None, str | None]] = {}
        self._built = False
        self._index: _NameIndex | None = None

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns with label ORG; other labels and token patterns are ignored."""
        for rec in validate_patterns(list(patterns), source="add_patterns()"):
            if rec["label"] != "ORG" or not isinstance(rec["pattern"], str):
                continue
            name = fold_widths(rec["pattern"])
            # ids of the package gazetteer read "org-<kind>-NNNN"; company short names may take an
            # industry word (中铝 + 物流); the context a name needs comes from org_rules.json
            kind = "company" if str(rec.get("id") or "").startswith("org-company") else None
            self.names[name] = (kind, self.contexts.get(name))
        self._built = False  # rebuilt lazily

    def _build(self) -> None:
        """Merge the generated bodies and the known names, and index them (on first use)."""
        if not self._built:
            merged = dict(self.gov)
            merged.update(self.names)
            self._all = merged
            self._index = _NameIndex(merged)
            self._built = True

    def spans(self, f: str) -> list[tuple[int, int]]:
        """The (start, end) of the known names and generated bodies in ``f``: leftmost, then longest,
        never overlapping (as ``finditer`` of a trie regex over them), found by set lookups (see
        :class:`_NameIndex`)."""
        self._build()
        assert self._index is not None
        return self._index.spans(f)

    def all_names(self) -> dict[str, tuple[str | None, str | None]]:
        """Known names and generated bodies together."""
        self._build()
        return self._all


class _NameIndex:
    """Leftmost-longest lookup of a set of names, by their first two characters.

    The trie regex over all the names tries every branch of its root (~300 first characters) at
    each position that may start a name, and a quarter of the characters of report prose do. The
    first two characters are far more selective (under 3% of the positions): one scan finds the
    positions whose character may open a name and whose next character may follow it, and only
    there are the names with that opening pair looked up, longest first. The matches are those of
    ``re.finditer`` with the trie regex: at each step the leftmost position where a name starts,
    the longest name there, the search going on after it.
    """

    def __init__(self, names: Iterable[str]) -> None:
        words = {n for n in names if n}
        #: the one-character names (none in the shipped tables, but patterns may add some)
        self.singles = frozenset(n for n in words if len(n) == 1)
        self.words = frozenset(words)
        lengths: dict[str, set[int]] = {}
        for n in words:
            if len(n) >= 2:
                lengths.setdefault(n[:2], set()).add(len(n))
        #: first two characters -> the lengths of the names that open with them, longest first
        self.by_pair = {pair: tuple(sorted(ks, reverse=True)) for pair, ks in lengths.items()}
        firsts = {n[0] for n in words}
        seconds = {n[1] for n in words if len(n) >= 2}
        if self.singles:  # any opening character may then be a name on its own
            self._candidates = re.compile(char_class(firsts))
        else:  # (consumes only the first character: the next position is searched too)
            self._candidates = re.compile(char_class(firsts) + "(?=" + char_class(seconds) + ")")

    def spans(self, f: str) -> list[tuple[int, int]]:
        """(start, end) of the names in ``f``: leftmost, then longest, never overlapping."""
        out: list[tuple[int, int]] = []
        pos, n = 0, len(f)
        words, singles, by_pair = self.words, self.singles, self.by_pair
        for i in map(_MATCH_START, self._candidates.finditer(f)):
            if i < pos:
                continue  # inside the name found last
            # (the opening pair is cut once: three quarters of the candidates open no name)
            lengths = by_pair.get(f[i : i + 2])
            if lengths is not None:
                for k in lengths:
                    if i + k <= n and f[i : i + k] in words:  # (a slice past the end is shorter)
                        pos = i + k
                        break
                if pos > i:
                    out.append((i, pos))
                    continue
            if singles and f[i] in singles:
                pos = i + 1
                out.append((i, pos))
        return out


_MATCH_START = re.Match.start


class GazetteerRule:
    """Find gazetteer names and brand compositions in folded text."""

    def __init__(
        self, rules: dict, gazetteer: Gazetteer, lex: Lexicon, bounds: Boundaries, suffixes: SuffixTable
    ) -> None:
        self.gazetteer = gazetteer
        self.lex = lex
        self.bounds = bounds
        self.suffixes = suffixes
        self.zone_words = set(rules.get("zone_words", []))
        lead = rules.get("gov_lead_words", [])
        self._lead_end_re = re.compile("(?:" + trie_regex(lead) + ")$") if lead else None
        # 地委, 行署 are two characters: 各地委托, 当地委员 are other words
        self._short_bodies = set(rules.get("gov_short_bodies", []))
        self._short_right_black = rules.get("gov_short_bodies_right_black", "")
        self._brand_ext_re = re.compile("(?:" + trie_regex(rules["brand_extensions"]) + ")")
        self._domain_re = re.compile("(?:" + trie_regex(lex.domains) + ")")
        # joint ventures and sub-brands (上汽大众, 广汽埃安, 一汽-大众), a brand and its market (大众安徽, 西门子中国)
        self._jv_re = re.compile(
            "(?:"
            + trie_regex(rules.get("jv_parents", []))
            + ")-?(?:"
            + trie_regex(rules.get("jv_partner_brands", []))
            + ")"
        )
        self._brand_market_re = re.compile(
            "(?:"
            + trie_regex(rules.get("foreign_brands", []))
            + ")(?:"
            + trie_regex(rules.get("brand_markets", []))
            + ")"
        )
        # every composition opens with a parent or a brand: one search for either spares the two
        # scans of the text when it holds neither (most sentences)
        #: literal-led regex branches, one of which :meth:`brands` needs (a parent or a brand)
        self.brand_anchors = trie_alternatives(
            list(rules.get("jv_parents", [])) + list(rules.get("foreign_brands", []))
        )
        self._brand_start_re = re.compile("(?:" + "|".join(self.brand_anchors) + ")" if self.brand_anchors else "(?!)")

    def find(self, f: str) -> list[Candidate]:
        """Known names (with their context checks, place stems and industry extensions)."""
        out = []
        known = self.gazetteer.all_names()
        bounds, lex = self.bounds, self.lex
        for start, e in self.gazetteer.spans(f):
            s, name = start, f[start:e]
            kind, ctx = known.get(name, (None, None))
            if name in self._short_bodies and f[e : e + 1] and f[e] in self._short_right_black:
                continue
            if f.startswith("委员", e) and (s == 0 or f[s] not in lex.gov_levels) and name in ("政协", "人大"):
                continue  # 各位政协委员: a bare 政协 before 委员 names the members, not the body
            if ctx == "standalone":
                nxt = f[e] if e < len(f) else ""
                if nxt and NAME_CHAR_RE.match(nxt) and nxt not in "和与及的":
                    continue
            if ctx == "left" and not bounds.left_is_boundary(f, s):
                continue
            if ctx == "govleft" and not bounds.left_is_boundary(f, s) and not self._after_body(f, s, known):
                # 上街区委 / 郑州市委: include a place stem written right before the level char
                stem_start = bounds.nearest(f, s, window=6)
                if stem_start is None:
                    stem_start = self._admin_stem(f, s)
                    if stem_start is None:
                        stem_start = self._place_chain_start(f, s)
                        if stem_start == s:
                            continue
                if f.startswith("中共", stem_start) and s - stem_start > 3:
                    stem_start += 2  # 中共黔东南州委: the place after the party name
                stem = f[stem_start:s]
                if stem + f[s] in self.zone_words:
                    s = stem_start  # 新区党工委 (区 + 党工委 matched), 经开区管委会
                elif not stem or (
                    self._lead_end_re
                    and self._lead_end_re.search(f, max(0, s - 4), s)
                    and not lex.is_division(stem + f[s])
                ):
                    pass  # 经省政府批准, 各位市政协委员: the body alone
                elif (
                    stem in lex.known_places
                    or stem in self.zone_words
                    or (len(stem) >= 2 and lex.is_division(stem + f[s]))
                    or (2 <= len(stem) <= 3 and not lex.is_generic(stem) and not lex.starts_with_verb(stem))
                ):
                    s = stem_start
                elif self._place_chain_start(f, s) < s:
                    s = self._place_chain_start(f, s)  # 重庆市渝北区委: a chain of divisions
                else:
                    continue
            if name in self.gazetteer.gov and "中共" in f[max(0, s - 12) : s]:
                chain = min(s, self._place_chain_start(f, start))
                if f.startswith("中共", chain - 2):
                    s = chain - 2  # 中共淄博市委, 中共广州市天河区委: the full party name
            if kind == "company" and len(name) <= 4:
                ext = self._brand_ext_re.match(f, e)
                if ext and not self.suffixes.regex.match(f, ext.end()):
                    dm = self._domain_re.match(f, e)
                    if not (dm and dm.end() > ext.end()):
                        e = ext.end()
            out.append((s, e, "gazetteer"))
        return out

    def _after_body(self, f: str, s: int, known: dict) -> bool:
        """省委省政府, 县委县政府: a body written right after another is a second ORG, not its stem."""
        for k in range(max(0, s - 6), s - 1):
            if f[k:s] in self.gazetteer.gov:
                return True
        return False

    def _place_chain_start(self, f: str, s: int) -> int:
        """Start of the divisions written before the level character at ``s`` (重庆市渝北 + 区委 → 重庆市渝北)."""
        lex, pos = self.lex, s
        end = s + 1  # a division ends with the body's level character (渝北区), then whole ones before it
        while True:
            for k in range(max(0, pos - 8), pos - 1):
                if lex.is_division(f[k:end]) and (end == s + 1 or f[end - 1] in lex.gov_levels):
                    pos, end = k, k
                    break
            else:
                if pos == s:  # a county the table lacks, after a known division (重庆市 + 渝北 + 区委)
                    for k in (s - 2, s - 3):
                        if (
                            k > 1
                            and all(CJK_RE.match(c) for c in f[k:s])
                            and f[k] not in "委府"
                            and not lex.is_generic(f[k:s])
                            and f[k - 1] in lex.gov_levels
                        ):
                            if self._place_chain_start(f, k - 1) < k - 1 or lex.is_division(f[max(0, k - 4) : k]):
                                pos, end = k, k
                                break
                    else:
                        return pos
                    continue
                return pos

    def _admin_stem(self, f: str, s: int) -> int | None:
        """Start of an administrative division ending right before the body (黔东南州委, 阿坝州政府)."""
        for k in range(max(0, s - 8), s - 1):
            if self.lex.is_division(f[k : s + 1]):
                return k
        return None

    def brands(self, f: str) -> list[Candidate]:
        """Joint ventures and sub-brands (上汽大众, 广汽埃安), a brand and its market (大众安徽)."""
        out: list[Candidate] = []
        if self._brand_start_re.search(f) is None:
            return out
        for rx in (self._jv_re, self._brand_market_re):
            for m in rx.finditer(f):
                s, e = m.span()
                if not self.bounds.left_is_boundary(f, s):
                    continue
                if e < len(f) and f[e] in "省市区县":
                    continue
                out.append((s, e, "gazetteer"))
        return out
