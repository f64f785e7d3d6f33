"""Find organisation names (ORG) in Chinese government work reports.

Pure rules over characters: no spaCy here. The spaCy component calls
:class:`OrgFinder` on the whole document text and maps the character offsets
back to tokens.

Rules, in the order they run (see ``annotation-guide.md`` for the contract):

``gazetteer``
    Known names from ``patterns/org_patterns.jsonl`` (ministries, party and
    government bodies, banks, exchanges, large companies, national research
    bodies) plus level-prefixed party and government bodies generated from
    ``org_rules.json`` (市委, 区政府, 县政协 …). A company short name followed by
    an industry word is extended (中铝 + 物流 → 中铝物流).
``suffix``
    A name stretch ended by a suffix from ``patterns/org_suffixes.txt``
    (有限公司, 研究院, 人民医院, 支队, 局 …). The stretch runs left to the
    nearest boundary: punctuation, function words and the verbs of report
    prose (完成, 引进, 列装 …); a generic stretch (区级医院, 各类公司) is
    rejected.
``list``
    Short names listed before ``等 (+N家/N个) + 企业/项目/公司 …``.
``subject``
    A short name at the start of a clause right before an award trigger
    (X获评…, X入选…, X成为+level…), when it looks like a name.
``facility``
    A short name at the start of a clause before a facility or product word
    (X智能…, X科技城, X版…), when it recurs, is known, or precedes 版; and,
    mentioned once, a company short name before its plant, line or project
    (鲁清石化年产…, 旗滨玻璃两条…生产线, 小米智能工厂二期开工).
``gazetteer`` (compositions)
    Joint ventures and sub-brands (上汽大众, 广汽埃安) and a brand with its
    market (大众安徽, 博世中国); a place in brackets after a name
    (香港中文大学(深圳)); bodies of zones and regions (新区党工委, 自治区党委).
``alias`` / ``abbreviation``
    Later mentions of short names already found, abbreviations of full
    names (第十五人民医院 → 十五院, 合肥工业大学 → 合工大, 哈尔滨医科大学附属第一医院
    → 哈医大一院) and ordinal short names of hospitals and schools (市一院,
    浙大一院, 栾川一高).

Filters: a name that opens the object of an award trigger and holds a title
word is part of the title (获评江苏省示范乡镇卫生院, 福建省政府质量奖); a bare
short name that the text also writes as a place (寿光 … 寿光市) is that place.

All matching runs on a width-folded copy of the text (``widths.fold_widths``),
so full-width input gives the same spans at the same offsets.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .schemas import PatternError, read_pattern_file, validate_patterns
from .widths import fold_widths

__all__ = [
    "OrgMatch",
    "OrgFinder",
    "OrgPatternError",
    "load_org_patterns",
    "load_org_suffixes",
    "PATTERNS_DIR",
]

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
ORG_PATTERNS_PATH = PATTERNS_DIR / "org_patterns.jsonl"
ORG_SUFFIXES_PATH = PATTERNS_DIR / "org_suffixes.txt"
ORG_RULES_PATH = PATTERNS_DIR / "org_rules.json"
ORG_PLACES_PATH = PATTERNS_DIR / "org_places.json"
AWARD_TRIGGERS_PATH = PATTERNS_DIR / "award_triggers.json"

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
_NAME_CHARS = f"{CJK}A-Za-z"
# Clause punctuation on folded text (，；：。！？ fold to ASCII; 、 and 。 do not fold).
_CLAUSE_PUNCT = ",;:。!?、\n\r\t |"
# 上街区… / 长沙县… : a place-like word opening a phrase
_GENERIC_PLACE_RE = re.compile(f"[{CJK}]{{2,4}}?(?:省|市|区|县)(?=[{CJK}])")

# Source priority when two candidates cover the same characters (higher wins on ties).
_SOURCE_RANK = {"gazetteer": 6, "suffix": 5, "abbreviation": 4, "list": 3, "subject": 3, "facility": 2, "alias": 1}


_NEEDS_FOLD_RE = re.compile("[\uff01-\uff5e\u3000]")


def fold(text: str) -> str:
    """``fold_widths`` that skips texts with nothing to fold (the common case, and faster)."""
    return fold_widths(text) if _NEEDS_FOLD_RE.search(text) else text


#: Raised for a malformed pattern file or record (file, line and key named).
OrgPatternError = PatternError


@dataclass(frozen=True)
class OrgMatch:
    """One organisation mention: ``text == original_text[start:end]``."""

    start: int
    end: int
    text: str
    source: str


# --------------------------------------------------------------------------- data loading


def load_org_patterns(path: str | Path | None = None) -> list[dict]:
    """Read and validate a span-ruler JSONL file (default: the package's ``org_patterns.jsonl``).

    Each line is ``{"label": ..., "pattern": str | [token dicts], "id": ...}`` (spaCy's span-ruler
    shape). Raises :class:`OrgPatternError` naming the file, the line and the bad key; a repeated
    (label, pattern) pair is an error too.
    """
    return read_pattern_file(Path(path) if path is not None else ORG_PATTERNS_PATH)


def load_org_suffixes(path: str | Path | None = None) -> list[str]:
    """Read ``org_suffixes.txt``: one ``SUFFIX[<TAB>FLAGS]`` a line, ``#`` comments.

    Returns the raw lines (``"局\\tgov"``); :class:`OrgFinder` parses the flags.
    """
    path = Path(path) if path is not None else ORG_SUFFIXES_PATH
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(line.strip())
    return out


@lru_cache(maxsize=None)
def _load_json(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def org_rules() -> dict:
    return _load_json(str(ORG_RULES_PATH))


def places_data() -> dict:
    return _load_json(str(ORG_PLACES_PATH))


def award_triggers_data() -> dict:
    return _load_json(str(AWARD_TRIGGERS_PATH))


# --------------------------------------------------------------------------- regex helpers


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, longest first, built as a character trie."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        inner = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + inner + ")?"
        return inner

    return build(trie)


def _flat_words(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v}, key=len, reverse=True)


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
        self.place_suffixes = _flat_words(places["place_suffixes"])
        self._place_end_re = re.compile("(?:" + trie_regex(self.place_suffixes) + ")$")
        self.determiners = set(rules["determiners"])
        self.domains = set(rules["domains"])
        self._generic_re = re.compile(
            "(?:" + trie_regex(self.determiners | self.domains | set(rules["gov_levels"])) + ")+$"
        )
        self._determiner_start_re = re.compile("(?:" + trie_regex(self.determiners) + ")")
        self._only_determiners_re = re.compile(
            "(?:" + trie_regex(self.determiners | set(rules["gov_levels"])) + ")+$"
        )
        self.not_name_starts = _flat_words(rules["not_name_starts"])
        self._not_start_re = re.compile(trie_regex(self.not_name_starts))
        self._bad_end_re = re.compile("(?:" + trie_regex(rules["bad_endings"]) + ")$")
        self._ok_end_re = re.compile("(?:" + trie_regex(rules.get("bad_ending_exceptions", [])) + ")$")
        self._domain_start_re = re.compile("(?:" + trie_regex(self.domains) + ")")
        self.surnames = set(rules["surnames"])
        self._person_end_re = re.compile("(?:" + trie_regex(rules["person_endings"]) + ")$")
        self.gov_levels = rules["gov_levels"]
        self._known_place_re = re.compile("(?:" + trie_regex(self.known_places) + ")")
        self._verb_start_re = re.compile("(?:" + trie_regex(rules["boundary_words"]) + ")")

    def starts_with_domain(self, s: str) -> bool:
        """Opens with an industry or category word (智能, 生物, 新能源 …)."""
        return bool(self._domain_start_re.match(s))

    def starts_with_verb(self, s: str) -> bool:
        """Opens with a verb or adverb of report prose (完成, 推进, 提升 …)."""
        return bool(self._verb_start_re.match(s))

    # ---- places
    def is_place(self, s: str) -> bool:
        """A known place, or a word ending in a place suffix (上街区, 长沙县, 郑州)."""
        if not s:
            return False
        if s in self.known_places:
            return True
        return bool(self._place_end_re.search(s)) and len(s) >= 2

    def place_prefix(self, s: str) -> str | None:
        """The known place that ``s`` starts with (longest), if any."""
        m = self._known_place_re.match(s)
        return m.group() if m else None

    # ---- generic words
    def is_generic(self, s: str) -> bool:
        """Made only of category, scope and domain words (科技型企业 minus the head, 区级, 各类)."""
        return bool(self._generic_re.match(s))

    def only_determiners(self, s: str) -> bool:
        return bool(self._only_determiners_re.match(s))

    def starts_with_determiner(self, s: str) -> bool:
        m = self._determiner_start_re.match(s)
        if not m:
            return False
        # a determiner that is the whole string or a multi-char one; single chars like 大/小/中/新/总
        # only count when they are followed by a generic word (大型 is listed; 大同 is a place)
        if len(m.group()) >= 2 or m.group() in "各全该本这那此我其每某":
            return True
        return self.is_generic(s)

    def strip_not_name_start(self, s: str) -> str:
        """Drop leading time words, connectives and pronoun-like openers (同时, 其中, 一是 …)."""
        while s:
            m = self._not_start_re.match(s)
            if not m or m.end() == len(s):
                break
            s = s[m.end():]
        return s

    def is_name_like(self, s: str, *, min_len: int = 2, max_len: int = 10, allow_person: bool = False) -> bool:
        """Could ``s`` be the short name of an organisation (美邦通航, 中关村e谷, 天马新材料)?"""
        if not (min_len <= len(s) <= max_len):
            return False
        if not re.fullmatch(f"[{_NAME_CHARS}0-9]+", s):
            return False
        if re.search(r"[0-9]", s) and not re.search(r"[A-Za-z]", s):
            return False
        if not _CJK_RE.search(s[0]) and not s[0].isalpha():
            return False
        m = self._not_start_re.match(s)
        if m or self.starts_with_verb(s):
            return False
        if self.starts_with_determiner(s):
            return False
        if self.is_place(s) or self.is_generic(s):
            return False
        if self._bad_end_re.search(s) and not self._ok_end_re.search(s):
            return False
        # strip a known place prefix: what remains must not be generic (郑州科技 → generic)
        pp = self.place_prefix(s)
        if pp and (len(pp) == len(s) or self.is_generic(s[len(pp):])):
            return False
        if not allow_person:
            if len(s) <= 3 and s[0] in self.surnames and _CJK_RE.match(s):
                return False
            if self._person_end_re.search(s):
                return False
        return True


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon()


# --------------------------------------------------------------------------- the finder


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
        self.lex = default_lexicon()
        rules = org_rules()
        self._rules_levels = rules["gov_levels"]
        # gazetteer: pattern -> (kind, context)
        self._gaz: dict[str, tuple[str | None, str | None]] = {}
        self._gaz_gov: dict[str, tuple[str | None, str | None]] = {}
        # pattern -> context it needs: "left" (a word boundary before it), "standalone" (nothing
        # name-like after it: 中央 but not 中央公园), "govleft" (a boundary or a place stem before it)
        self._contexts = {n: ctx for ctx, names in rules.get("gazetteer_context", {}).items() for n in names}
        for lvl in rules["gov_levels"]:
            for body in rules["gov_bodies"]:
                self._gaz_gov[lvl + body] = ("gov", "govleft")
        for lvl in rules.get("gov_level_words", []):  # 自治区党委 (经开区党工委 comes from the place stem rule)
            for body in rules.get("gov_level_word_bodies", []):
                self._gaz_gov[lvl + body] = ("gov", "govleft")
        for body in rules["gov_bodies"]:
            if len(body) >= 3:
                self._gaz_gov.setdefault(body, ("gov", "govleft"))
        self.add_patterns(load_org_patterns() if patterns is None else patterns)
        self._set_suffixes(load_org_suffixes() if suffixes is None else suffixes)

        # boundaries scanned right-to-left on a reversed window
        chars = rules["boundary_chars"]
        words = set(rules["boundary_words"]) | set(chars)
        self._soft = set(rules["soft_boundaries"])
        rev_words = [w[::-1] for w in words]
        rev_protect = [w[::-1] for w in rules["protected"]]
        numeral_cls = "[个家所座项条名户批只位]"
        self._boundary_rev = re.compile(
            r"(?P<p>\)[^()]{1,10}\(|" + trie_regex(rev_protect) + ")"
            + r"|(?P<s>" + numeral_cls + r"?[0-9.]+|" + numeral_cls + "[一二两三四五六七八九十百千万几多数]+|"
            + trie_regex(rev_words) + f"|[^{_NAME_CHARS}])"
        )
        # left: characters that make the suffix part of another word (格局); right: words that do (大学生)
        self._left_black = {k: set(v) for k, v in rules["suffix_left_blacklist"].items()}
        self._right_black = {k: tuple(v) for k, v in rules["suffix_right_blacklist"].items()}
        self._abbr_heads = rules["abbreviation_heads"]

        # list frame: X、Y等(N家)…企业
        heads = trie_regex(rules["list_category_heads"])
        self._list_re = re.compile(
            r"等(?:[0-9]+|[一二两三四五六七八九十百千几多数]+)?[家个批户所项座]?"
            rf"(?P<cat>[{CJK}]{{0,8}}?)(?:{heads})"
        )
        self._list_forbidden = re.compile(trie_regex(rules["list_category_forbidden"]))
        # X、Y、Z三大主机企业 / X、Y两家企业: a count instead of 等 (the clause must hold a 、-list)
        self._list_count_re = re.compile(
            r"(?=[两二三四五六七八九十0-9])(?:[两二三四五六七八九十]大|[0-9]+家|[两二三四五六七八九十]家)"
            rf"(?P<cat>[{CJK}]{{0,8}}?)(?:{heads})"
        )
        self._zone_words = set(rules.get("zone_words", []))

        # award-trigger subjects
        trig = award_triggers_data()
        strong = list(trig["triggers"]["strong"])
        weak = list(trig["triggers"]["weak"])
        self._weak_triggers = set(weak)
        self._trigger_re = re.compile("(?:" + trie_regex(strong + weak) + ")")
        self._adverb_tail_re = re.compile("(?:" + trie_regex(trig["subject_adverbs"]) + ")+$")
        levels = []
        for v in trig["level_prefixes"].values():
            levels.extend(v)
        self._award_head_re = re.compile("(?:" + trie_regex(trig["heads"]) + ")")
        self._award_neg_re = re.compile("(?:" + trie_regex(trig.get("negative_heads", [])) + ")")
        self._level_start_re = re.compile(
            "(?:" + trie_regex(levels) + "|" + trie_regex(self.lex.known_places) + ")"
        )

        # facility / product markers after a short name
        self._facility_re = re.compile("(?:" + trie_regex(rules["facility_markers"]) + ")")
        self._brand_ext_re = re.compile("(?:" + trie_regex(rules["brand_extensions"]) + ")")
        self._domain_re = re.compile("(?:" + trie_regex(self.lex.domains) + ")")
        # joint ventures and sub-brands (上汽大众, 广汽埃安, 一汽-大众), a brand and its market (大众安徽, 西门子中国)
        self._jv_re = re.compile(
            "(?:" + trie_regex(rules.get("jv_parents", [])) + ")-?(?:" + trie_regex(rules.get("jv_partner_brands", [])) + ")"
        )
        self._brand_market_re = re.compile(
            "(?:" + trie_regex(rules.get("foreign_brands", [])) + ")(?:" + trie_regex(rules.get("brand_markets", [])) + ")"
        )
        # a company short name opening a clause before a plant, a line or a project (鲁清石化年产…, 小米智能工厂…)
        self._company_head_re = re.compile("(?:" + trie_regex(rules.get("company_heads", [])) + ")$")
        self._company_head_in_re = re.compile("(?:" + trie_regex(rules.get("company_heads", [])) + ")")
        plant_words = list(rules.get("plant_markers", [])) + list(rules["facility_markers"])
        first = re.escape("".join(sorted({w[0] for w in plant_words})))
        self._plant_re = re.compile(  # the look-ahead on first characters makes the scan ~2x faster
            f"(?=[{first}A-Z])(?:" + trie_regex(plant_words) + "|[A-Z][A-Z0-9]{1,5}(?=[工生项基产]))"
        )
        self._plant_noun_re = re.compile("(?:工厂|生产线|产业园|生产基地|产业基地|研发中心|研发基地|总部基地|制造基地|基地)")
        self._milestone_re = re.compile("(?:" + trie_regex(rules.get("plant_milestones", [])) + ")")
        self._count_re = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十百千万几]+)[条个座家台套项]")
        # titles that open an award object are not organisations (获评江苏省示范乡镇卫生院, 福建省政府质量奖)
        self._quality_re = re.compile("(?:" + trie_regex(rules.get("title_quality_words", [])) + ")")
        self._object_lead_re = re.compile(
            "(?:为|了|“|\"|[0-9]{4}年度?|" + trie_regex(trig.get("batch_markers", [])) + ")*"
        )
        # ordinal abbreviations of hospitals and schools (市一院, 浙大一院, 栾川一高, 晋江一中, 安医大二附院)
        self._ordinal_abbr_re = re.compile(
            "[一二三四五六七八九十]{1,2}(?:" + trie_regex(rules.get("ordinal_abbreviation_heads", [])) + ")"
        )
        self._ordinal_black_re = re.compile("(?:" + trie_regex(rules.get("ordinal_abbreviation_right_black", [])) + ")")
        self._abbr_ord_heads = rules.get("ordinal_abbreviation_heads", [])

    # ---------------------------------------------------------------- configuration

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns with label ORG; other labels and token patterns are ignored."""
        for rec in validate_patterns(list(patterns), source="add_patterns()"):
            if rec["label"] != "ORG" or not isinstance(rec["pattern"], str):
                continue
            name = fold_widths(rec["pattern"])
            # ids of the package gazetteer read "org-<kind>-NNNN"; company short names may take an
            # industry word (中铝 + 物流); the context a name needs comes from org_rules.json
            kind = "company" if str(rec.get("id") or "").startswith("org-company") else None
            self._gaz[name] = (kind, self._contexts.get(name))
        self._gaz_re = None  # rebuilt lazily

    def _set_suffixes(self, lines: list[str]) -> None:
        self._suffix_flags: dict[str, set[str]] = {}
        for line in lines:
            parts = line.split("\t")
            suf = fold_widths(parts[0].strip())
            flags = {f.strip() for f in parts[1].split(",")} if len(parts) > 1 else set()
            if suf:
                self._suffix_flags[suf] = flags
        self._suffix_re = re.compile("(?:" + trie_regex(self._suffix_flags) + ")")

    def _gazetteer_regex(self) -> re.Pattern:
        if self._gaz_re is None:
            merged = dict(self._gaz_gov)
            merged.update(self._gaz)
            self._gaz_all = merged
            self._gaz_re = re.compile("(?:" + trie_regex(merged) + ")")
        return self._gaz_re

    # ---------------------------------------------------------------- boundaries

    def _boundaries(self, f: str, pos: int, window: int = 24) -> Iterator[tuple[int, bool]]:
        """Yield (start_of_name, soft) for boundaries left of ``pos``, nearest first.

        ``start_of_name`` is the index right after the boundary. The text start counts as a
        hard boundary; running out of window yields nothing more.
        """
        lo = max(0, pos - window)
        rev = f[lo:pos][::-1]
        for m in self._boundary_rev.finditer(rev):
            if m.lastgroup == "p":
                continue
            yield pos - m.start(), m.group() in self._soft
        if lo == 0:
            yield 0, False

    def _clause_start(self, f: str, pos: int, window: int = 40) -> int | None:
        lo = max(0, pos - window)
        for i in range(pos - 1, lo - 1, -1):
            if f[i] in _CLAUSE_PUNCT:
                return i + 1
        return 0 if lo == 0 else None

    def _left_is_boundary(self, f: str, s: int) -> bool:
        if s == 0:
            return True
        c = f[s - 1]
        if not re.match(f"[{_NAME_CHARS}]", c):
            return True
        m = self._boundary_rev.match(f[max(0, s - 8):s][::-1])
        return bool(m and m.lastgroup == "s")

    def _strip_leading_verbs(self, s: str) -> str:
        """Cut a stretch after its last hard boundary word (新引进上海远怀 → 上海远怀; 三和消防 stays)."""
        if not s:
            return s
        for b, soft in self._boundaries(s, len(s), window=len(s)):
            if soft:
                continue
            return s[b:]
        return s

    # ---------------------------------------------------------------- rules

    def _gazetteer(self, f: str) -> list[tuple[int, int, str]]:
        out = []
        rx = self._gazetteer_regex()
        for m in rx.finditer(f):
            s, e = m.span()
            kind, ctx = self._gaz_all.get(m.group(), (None, None))
            if ctx == "standalone":
                nxt = f[e] if e < len(f) else ""
                if nxt and re.match(f"[{_NAME_CHARS}]", nxt) and nxt not in "和与及的":
                    continue
            if ctx == "left" and not self._left_is_boundary(f, s):
                continue
            if ctx == "govleft" and not self._left_is_boundary(f, s):
                # 上街区委 / 郑州市委: include a place stem written right before the level char
                stem_start = None
                for b, _soft in self._boundaries(f, s, window=6):
                    stem_start = b
                    break
                if stem_start is None:
                    continue
                stem = f[stem_start:s]
                if stem + f[s] in self._zone_words:
                    s = stem_start  # 新区党工委 (区 + 党工委 matched), 经开区管委会
                elif stem in self.lex.known_places or stem in self._zone_words or (
                    2 <= len(stem) <= 3 and not self.lex.is_generic(stem) and not self.lex.starts_with_verb(stem)
                ):
                    s = stem_start
                else:
                    continue
            if kind == "company" and len(m.group()) <= 4:
                ext = self._brand_ext_re.match(f, e)
                if ext and not self._suffix_re.match(f, ext.end()):
                    dm = self._domain_re.match(f, e)
                    if not (dm and dm.end() > ext.end()):
                        e = ext.end()
            out.append((s, e, "gazetteer"))
        return out

    def _brands(self, f: str) -> list[tuple[int, int, str]]:
        """Joint ventures and sub-brands (上汽大众, 广汽埃安), a brand and its market (大众安徽)."""
        out = []
        for rx in (self._jv_re, self._brand_market_re):
            for m in rx.finditer(f):
                s, e = m.span()
                if not self._left_is_boundary(f, s):
                    continue
                if e < len(f) and f[e] in "省市区县":
                    continue
                out.append((s, e, "gazetteer"))
        return out

    def _suffix_name_ok(self, name: str, flags: set[str]) -> bool:
        lex = self.lex
        if not name:
            return "standalone" in flags
        if len(name) > 18:
            return False
        gov = "gov" in flags
        if len(name) == 1:
            return gov and name in self._rules_levels
        if lex.starts_with_determiner(name) or lex._not_start_re.match(name):
            return False
        if gov:
            return not lex.only_determiners(name)
        if name[0] in self._rules_levels and not lex.only_determiners(name):
            return True  # 区城市发展投资集团: the district's own company
        return not lex.is_generic(name)

    _SUBUNIT_INNER = ("大学", "学院", "科学院")
    _SUBUNIT_OUTER = ("研究院", "研究所", "学院", "医院", "实验室", "设计院")

    def _generic_after_inner_suffix(self, name: str, suffix: str = "") -> bool:
        """区人民医院三级医院: an organisation, then only generic words, then the suffix again.

        A university's institute is a name of its own (中国科学技术大学先进技术研究院).
        """
        last = None
        for m in self._suffix_re.finditer(name):
            last = m
        if last is None or last.end() == len(name):
            return False
        if last.group() in self._SUBUNIT_INNER and suffix in self._SUBUNIT_OUTER:
            return False
        return self.lex.is_generic(name[last.end():])

    def _inner_suffix_ok(self, name: str, suffix: str) -> bool:
        """Past 和/与/及, the stretch may hold another suffix only as a parent body
        (中国科学院苏州纳米技术与纳米仿生研究所), never as a second organisation (甲公司与乙公司)."""
        inner = [m.group() for m in self._suffix_re.finditer(name)]
        if not inner:
            return True
        return suffix in self._SUBUNIT_OUTER and all(x in self._SUBUNIT_INNER for x in inner)

    _PAREN_PLACE_RE = re.compile(f"\\(([{CJK}]{{2,6}})\\)")

    def _paren_place_end(self, f: str, e: int) -> int:
        """香港中文大学(深圳): a place in brackets right after the name belongs to it."""
        pm = self._PAREN_PLACE_RE.match(f, e)
        if pm and (self.lex.is_place(pm.group(1)) or pm.group(1) in self.lex.known_places):
            return pm.end()
        return e

    def _suffix(self, f: str) -> list[tuple[int, int, str]]:
        out = []
        for m in self._suffix_re.finditer(f):
            s, e = m.span()
            suf = m.group()
            flags = self._suffix_flags.get(suf, set())
            rb = self._right_black.get(suf)
            if rb and f.startswith(rb, e):
                continue
            lb = self._left_black.get(suf)
            if lb and s > 0 and f[s - 1] in lb:
                continue
            retried = False
            bounds = self._boundaries(f, s)
            for b, soft in bounds:
                name = f[b:s]
                if self._suffix_name_ok(name, flags) and (not retried or self._inner_suffix_ok(name, suf)):
                    if soft and not retried and suf in self._SUBUNIT_OUTER:
                        # 中国科学院苏州纳米技术与纳米仿生研究所: a parent body before 与 takes the whole
                        for b2, _soft2 in bounds:
                            longer = f[b2:s]
                            head_end = len(longer) - len(name) - 1  # where 与/和/及 stands
                            inner = list(self._suffix_re.finditer(longer, 0, head_end))
                            if (inner and all(x.group() in self._SUBUNIT_INNER for x in inner)
                                    and inner[-1].end() < head_end  # 四川大学与华西医院: two bodies
                                    and self._suffix_name_ok(longer, flags)):
                                b = b2
                            break
                    if not self._generic_after_inner_suffix(f[b:s], suf):
                        out.append((b, self._paren_place_end(f, e), "suffix"))
                    break
                if not soft or not name or retried:
                    break
                retried = True  # 三和消防科技有限公司: look once past 和/与/及
        return out

    def _list(self, f: str) -> list[tuple[int, int, str]]:
        out = []
        lex = self.lex
        frames = [(m, False) for m in self._list_re.finditer(f)] + [(m, True) for m in self._list_count_re.finditer(f)]
        for m, counted in frames:
            if self._list_forbidden.search(m.group("cat")):
                continue
            p = m.start()
            cs = self._clause_start_hard(f, p)
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
                    stripped = self._strip_leading_verbs(item)
                    start += len(item) - len(stripped)
                    item = stripped
                stripped = lex.strip_not_name_start(item)
                start += len(item) - len(stripped)
                item = stripped
                if item in self._suffix_flags:
                    continue  # 银行、保险等金融机构: a category
                if lex.is_name_like(item, max_len=8, allow_person=True):
                    out.append((start, start + len(item), "list"))
                    continue
                # X与Y等企业: coordinated names inside one item
                sub = start
                for part in re.split(r"(和|与|及)", item):
                    if part not in ("和", "与", "及") and lex.is_name_like(part, max_len=8, allow_person=True):
                        out.append((sub, sub + len(part), "list"))
                    sub += len(part)
        return out

    def _clause_start_hard(self, f: str, pos: int, window: int = 60) -> int | None:
        """Clause start ignoring 、 (list items stay together)."""
        lo = max(0, pos - window)
        for i in range(pos - 1, lo - 1, -1):
            if f[i] in _CLAUSE_PUNCT and f[i] != "、":
                return i + 1
        return 0 if lo == 0 else None

    def _subject(self, f: str) -> list[tuple[int, int, str]]:
        out = []
        lex = self.lex
        for m in self._trigger_re.finditer(f):
            t = m.start()
            cs = self._clause_start(f, t, window=16)
            if cs is None or cs >= t:
                continue
            x = f[cs:t]
            if "被" in x or x.startswith(("经", "由")):
                continue  # 被国务院评为…: the agent, not the subject
            am = self._adverb_tail_re.search(x)
            if am:
                x = x[: am.start()]
            stripped = lex.strip_not_name_start(x)
            s = cs + len(x) - len(stripped)
            x = stripped
            if m.group() in self._weak_triggers:
                if not (self._level_start_re.match(f, m.end()) or _GENERIC_PLACE_RE.match(f, m.end())):
                    continue
            else:
                # the object must read like an honour: a level prefix or an honour head in the clause
                ce = m.end()
                while ce < len(f) and ce - m.end() < 40 and f[ce] not in _CLAUSE_PUNCT:
                    ce += 1
                obj = f[m.end():ce]
                if not (self._level_start_re.match(obj) or self._has_award_head(obj)):
                    continue
                if self._award_neg_re.search(obj) and not self._level_start_re.match(obj):
                    continue
            if x in self._suffix_flags or self._suffix_re.fullmatch(x):
                continue
            if lex.is_name_like(x, max_len=10):
                out.append((s, s + len(x), "subject"))
                # 甲、乙入选…: the other names of a 、-list before the subject
                ls = s
                while ls > 1 and f[ls - 1] == "、":
                    ps = ls - 1
                    while ps > 0 and f[ps - 1] not in _CLAUSE_PUNCT and ls - ps < 12:
                        ps -= 1
                    part = lex.strip_not_name_start(f[ps:ls - 1])
                    ps = ls - 1 - len(part)
                    if not lex.is_name_like(part, max_len=10) or part in self._suffix_flags:
                        break
                    out.append((ps, ls - 1, "subject"))
                    ls = ps
        return out

    def _has_award_head(self, obj: str) -> bool:
        """An honour head in the object; a one-character head (市, 区, 县) only at its end (新药获批上市6个: no)."""
        for hm in self._award_head_re.finditer(obj):
            if len(hm.group()) >= 2 or hm.end() == len(obj):
                return True
        return False

    def _facility(self, f: str, known: set[str]) -> list[tuple[int, int, str]]:
        lex = self.lex
        cands: list[tuple[int, int, str, str]] = []
        seen_clauses: set[int] = set()
        for m in self._facility_re.finditer(f):
            s = m.start()
            cs = self._clause_start(f, s, window=12)
            if cs is None or cs in seen_clauses or cs >= s:
                continue
            seen_clauses.add(cs)
            x = f[cs:s]
            stripped = self._strip_leading_verbs(x)
            st = cs + len(x) - len(stripped)
            x = lex.strip_not_name_start(stripped)
            st += len(stripped) - len(x)
            if lex.is_name_like(x, max_len=6):
                cands.append((st, st + len(x), x, m.group()))
        out = []
        for s, e, x, mk in cands:
            # recurring in the document (卧龙电驱…产业园 … 卧龙电驱新增产值), known, or a brand before 版
            if x in known or x in self._gaz or (mk == "版" and len(x) >= 3) or f.count(x) >= 2:
                out.append((s, e, "facility"))
        return out

    _LATIN_TAIL_RE = re.compile(f"(?<=[{CJK}])[A-Za-z0-9]+$")

    def _plant(self, f: str) -> list[tuple[int, int, str]]:
        """A company short name that opens a clause before its plant, line or project, mentioned once.

        Two shapes: the name ends with an industry word (鲁清石化年产…, 长鑫存储二期项目…, 旗滨玻璃两条…生产线),
        or a short name is followed by a plant noun and the clause reports a milestone (小米智能工厂二期开工).
        """
        lex = self.lex
        out = []
        seen: set[int] = set()
        for m in self._plant_re.finditer(f):
            s = m.start()
            cs = self._clause_start(f, s, window=20)
            if cs is None or cs >= s or cs in seen:
                continue
            seen.add(cs)
            x = f[cs:s]
            if not self._company_head_in_re.search(x):
                # cheap pre-check for the second shape: a plant noun and a milestone must follow
                ce = s
                while ce < len(f) and ce - s < 30 and f[ce] not in _CLAUSE_PUNCT:
                    ce += 1
                pn = self._plant_noun_re.search(f, s, ce)
                if not pn or not self._milestone_re.search(f, pn.end(), ce):
                    continue
            cm = self._count_re.search(x)
            if cm:
                x = x[: cm.start()]  # 旗滨玻璃两条…生产线
            stripped = self._strip_leading_verbs(x)
            st = cs + len(x) - len(stripped)
            x = lex.strip_not_name_start(stripped)
            st += len(stripped) - len(x)
            if st > cs and f[st - 1] in "其之的这那此该各每我":
                continue  # cut inside a phrase (库布其沙漠…), not a name start
            if len(x) > 4:
                hm = self._company_head_in_re.search(x, 2)
                if hm and hm.end() >= 4:
                    x = x[: hm.end()]  # 中科炼化一体化项目 → 中科炼化
            lm = self._LATIN_TAIL_RE.search(x)
            if lm:
                x = x[: lm.start()]  # 大众安徽MEB工厂
            if not (2 <= len(x) <= 6) or not lex.is_name_like(x, max_len=6):
                continue
            if x in self._suffix_flags or self._suffix_re.search(x) or lex.starts_with_domain(x):
                continue
            if self._level_start_re.match(x):
                continue  # 国家环保技术示范项目: a title or a place, not a company
            hm = self._company_head_re.search(x)
            if hm and hm.start() >= 2:
                stem = x[: hm.start()]
                if not (lex.is_generic(stem) or lex.is_place(stem) or lex.starts_with_determiner(stem)):
                    out.append((st, st + len(x), "facility"))
                    continue
            if len(x) > 4 or not _CJK_RE.match(x[-1]):
                continue
            ce = st + len(x)
            while ce < len(f) and ce - st < 40 and f[ce] not in _CLAUSE_PUNCT:
                ce += 1
            rest = f[st + len(x): ce]
            pn = self._plant_noun_re.search(rest)
            if pn and pn.start() <= 12 and self._milestone_re.search(rest, pn.end()):
                out.append((st, st + len(x), "facility"))
        return out

    def _ordinal_abbreviations(self, f: str) -> list[tuple[int, int, str]]:
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
            stem_start = None
            for b, _soft in self._boundaries(f, p, window=5):
                stem_start = b
                break
            if stem_start is None:
                continue
            stem = f[stem_start:p]
            if not stem:
                continue
            if len(stem) == 1:
                if stem not in self._rules_levels:
                    continue
            elif stem in self._zone_words:
                pass  # 新区一院
            elif not (2 <= len(stem) <= 4) or not re.fullmatch(f"[{CJK}]+", stem):
                continue
            elif (lex.starts_with_verb(stem) or lex._not_start_re.match(stem) or lex.starts_with_determiner(stem)
                  or lex.is_generic(stem) or lex.starts_with_domain(stem) or stem[-1] in "第每这那各"):
                continue
            out.append((stem_start, e, "abbreviation"))
        return out

    def _derived_abbreviations(self, f: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """合工大, 中科大, 西华师大, 哈医大一院 for the full names found in the text."""
        lex = self.lex
        variants: set[str] = set()
        for s, e, src in found:
            if src not in ("suffix", "gazetteer"):
                continue
            name = f[s:e]
            um = re.match(f"([{CJK}]{{2,8}}?)(医科大学|师范大学|大学)", name)
            if not um:
                continue
            x, kind = um.group(1), um.group(2)
            head = {"医科大学": "医大", "师范大学": "师大", "大学": "大"}[kind]
            pp = lex.place_prefix(x) or ("中国" if x.startswith("中国") else None)
            if pp is None and len(x) == 2 and kind != "大学":
                pp = x  # 湘南医科大学, 徐州师范大学: a two-character stem is a place name
            rest = x[len(pp):] if pp else x
            chunks = [rest[i:i + 2] for i in range(0, len(rest), 2)]
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
            tail = name[um.end():]
            om = re.fullmatch(r"(?:附属)?第([一二三四五六七八九十]{1,2})(附属医院|医院)", tail)
            if om:
                for v in forms | {x}:
                    variants.add(v + om.group(1) + ("附院" if om.group(2) == "附属医院" else "院"))
            elif tail == "附属医院":
                for v in forms:
                    variants.add(v + "附院")  # 遵医附院
        out = []
        if not variants:
            return out
        rx = re.compile("(?:" + trie_regex(variants) + ")")
        for m in rx.finditer(f):
            s, e = m.span()
            if not self._left_is_boundary(f, s) or (e < len(f) and f[e] in "学"):
                continue
            out.append((s, e, "abbreviation"))
        return out

    def _object_starts(self, f: str) -> set[int]:
        """Where the object of an award trigger begins (after 为/了/quotes, a year and batch words)."""
        starts = set()
        for m in self._trigger_re.finditer(f):
            lm = self._object_lead_re.match(f, m.end())
            starts.add(lm.end() if lm else m.end())
        return starts

    def _abbreviations(self, f: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """十五院 for 第十五人民医院; searched after the full name's first mention."""
        out = []
        ordinal = re.compile(r"第([一二三四五六七八九十百零〇]{2,4})")
        for s, e, src in found:
            if src != "suffix":
                continue
            name = f[s:e]
            for head_suf, head in self._abbr_heads.items():
                if name.endswith(head_suf):
                    om = ordinal.search(name[: -len(head_suf)])
                    if om:
                        abbr = om.group(1) + head
                        for am in re.finditer(re.escape(abbr), f[e:]):
                            out.append((e + am.start(), e + am.end(), "abbreviation"))
                    break
        return out

    def _aliases(self, f: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        names = {f[s:e] for s, e, src in found if src in ("list", "subject", "facility") and e - s >= 3}
        names |= {f[s:e] for s, e, src in found if src == "gazetteer" and e - s >= 3 and f[s:e] not in self._gaz_all}
        if not names:
            return []
        rx = re.compile("(?:" + trie_regex(names) + ")")
        return [(m.start(), m.end(), "alias") for m in rx.finditer(f)]

    # ---------------------------------------------------------------- filters

    def _drop_titles(self, f: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """An institution word that opens an award title is part of the title (获评江苏省示范乡镇卫生院)."""
        starts = self._object_starts(f)
        if not starts:
            return cands
        out = []
        for s, e, src in cands:
            if s in starts and src in ("suffix", "gazetteer") and f[s:e] not in self._gaz:
                if self._quality_re.search(f, s, e):
                    continue
                if re.match(f"[{CJK}]{{0,6}}?奖", f[e:e + 7]):
                    continue  # 福建省政府质量奖
            out.append((s, e, src))
        return out

    _PLACE_TAIL = "市县区镇乡旗"

    def _drop_place_stems(self, f: str, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A bare short name that the text itself writes as a place (寿光 … 寿光市) is that place."""
        names = {f[s:e] for s, e, src in cands if src in ("list", "subject", "facility") and 2 <= e - s <= 4}
        if not names:
            return cands
        rx = re.compile("(?:" + trie_regex(names) + ")(?=[" + self._PLACE_TAIL + "])")
        places = {m.group() for m in rx.finditer(f)}
        if not places:
            return cands
        return [(s, e, src) for s, e, src in cands
                if not (src in ("list", "subject", "facility") and f[s:e] in places)]

    # ---------------------------------------------------------------- entry point

    def find_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, source) triples, non-overlapping, left to right."""
        f = fold(text)
        cands = self._gazetteer(f) + self._brands(f) + self._suffix(f) + self._list(f) + self._subject(f)
        cands = self._drop_titles(f, cands)
        known = {f[s:e] for s, e, _ in cands}
        cands += self._facility(f, known)
        cands += self._plant(f)
        cands += self._abbreviations(f, cands)
        cands += self._derived_abbreviations(f, cands)
        cands += self._ordinal_abbreviations(f)
        cands = self._drop_place_stems(f, cands)
        cands += self._aliases(f, cands)
        cands = [(s, e, src) for s, e, src in cands if e > s]
        # longest first, then source rank, then leftmost
        cands.sort(key=lambda c: (-(c[1] - c[0]), -_SOURCE_RANK.get(c[2], 0), c[0]))
        taken = bytearray(len(f) + 1)
        chosen = []
        for s, e, src in cands:
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, src))
        chosen.sort()
        return chosen

    def __call__(self, text: str) -> list[OrgMatch]:
        return [OrgMatch(s, e, text[s:e], src) for s, e, src in self.find_spans(text)]
