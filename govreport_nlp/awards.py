"""Find conferred honours and designations (AWARD) in Chinese government work reports.

Pure rules over characters: no spaCy here. The grammar (see ``annotation-guide.md``):

* a trigger verb (荣获, 获评, 被评为, 被认定为, 获批, 入选, 成为, 创建 …, from
  ``patterns/award_triggers.json``) opens an object that runs to the end of the clause;
* the object is a list split on 、 (and on 和/及/与 when a level prefix follows), never
  inside quotes or brackets; trailing 等荣誉/称号/殊荣 and outer quotes are dropped;
* an item counts when it reads like a title: it ends with an honour head (先进单位,
  示范区, 银杯, 试点 …) or, after a strong trigger, starts with a level prefix; ranks
  (第一名), statuses (首家…, 唯一…) and funds or projects (…资金, …项目) never count;
* ``…等荣誉/称号`` frames without a verb count too, as do known honour names added
  with :meth:`AwardFinder.add_patterns`;
* a year before the title (入选2023年度…) and a streak after it (“三连冠”, 四连创) stay outside;
  a title followed by a streak needs no trigger (实现全国双拥模范城“七连冠”); after a strong
  trigger, a clause after a comma made only of titles continues the list (获评A，B); a title in
  quotes after an honour verb needs neither level nor head (捧得“一星平安金鼎”); a grade
  (三级甲等, 5A级) stands in for the level that 创建 needs.

``level`` is read from the title's prefix (全国/国家级 → national, 全省/省级/河南省 →
provincial, 全市/市级/郑州市 → municipal, 全区/区级/县 → district), skipping batch
markers (首批, 第二批); in the report of a city of an autonomous region 全区 is the region
(provincial). ``recipient`` is who received it in the same sentence: the organisation or name
right before the trigger (a zone such as 经开区, a unit such as 区政务服务中心), else the place,
organisation or named park that opens an earlier clause, across ； when the trigger opens its
clause; ``None`` when the sentence does not say.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .orgs import (
    CJK,
    Lexicon,
    OrgPatternError,
    award_triggers_data,
    default_lexicon,
    PATTERNS_DIR,
    fold,
    load_org_patterns,
    trie_regex,
)
from .schemas import validate_patterns
from .widths import fold_widths

__all__ = ["AwardMatch", "AwardFinder", "award_level", "load_award_patterns"]

AWARD_PATTERNS_PATH = PATTERNS_DIR / "award_patterns.jsonl"

_REQUIRED_TRIGGER_KEYS = ("triggers", "heads", "level_prefixes", "trailing")
_HARD_CLAUSE = ",;:。!?\n\r\t |"
_SENTENCE_END = ";。!?\n\r|"
# atoms that are never split and never end a clause: quotes, brackets, book titles
_ATOM = r"“[^”,;。]{0,40}”|\"[^\",;。]{0,40}\"|\([^(),;。]{0,30}\)|《[^》,;。]{0,40}》|‘[^’,;。]{0,30}’"
_OBJECT_RE = re.compile(rf"(?:{_ATOM}|[^,;:。!?\s|“\"(《‘”)’》])+")
_PROTECTED_RE = re.compile(_ATOM)
_QUANTITY_TAIL_RE = re.compile(r"(?<!第)(?:各|共|等|达)?(?:[0-9]+|[一二两三四五六七八九十百]+)[个家所项处座名批次项]$")
_MONEY_RE = re.compile(r"[0-9][0-9.]*(?:万|亿)?(?:元|美元|平方米|亩|人次|人|户|%)")
_LIST_TAIL_RE = re.compile(rf"等(?:[0-9]+|[一二两三四五六七八九十几多]+)?[家个所名位]?[{CJK}]{{0,8}}$")
_YEAR_RE = re.compile(r"^(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:度)?")
# “三连冠”, 七连冠: how many times in a row, not part of the title
_STREAK_RE = re.compile(r"[“\"]?(?:[0-9]+|[一二两三四五六七八九十]+)连(?:冠|创)[”\"]?$")
_STREAK_FIND_RE = re.compile(r"[“\"]?(?:[0-9]+|[一二两三四五六七八九十]+)连(?:冠|创)")


class _OrgIndex:
    """ORG spans indexed by start and end, for constant-time look-ups per trigger."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted((int(s), int(e)) for s, e in spans)
        self.starts = [s for s, _ in self.spans]
        self.by_start = {s: e for s, e in self.spans}
        self.by_end = {e: s for s, e in self.spans}

    def overlapping(self, s: int, e: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, e) - 1
        while i >= 0:
            os_, oe = self.spans[i]
            if oe > s:
                return os_, oe
            if s - os_ > 64:
                break
            i -= 1
        return None


@dataclass(frozen=True)
class AwardMatch:
    """One honour: ``text == original_text[start:end]``; recipient offsets index the same text."""

    start: int
    end: int
    text: str
    level: str | None
    recipient: str | None
    recipient_start: int | None
    recipient_end: int | None


class AwardFinder:
    """Find AWARD spans with their level and recipient.

    >>> finder = AwardFinder()
    >>> [(m.text, m.level) for m in finder("荣获全省文明单位、全国五一劳动奖状等荣誉。")]
    [('全省文明单位', 'provincial'), ('全国五一劳动奖状', 'national')]

    Parameters
    ----------
    patterns:
        Phrase patterns with label AWARD (known honour names), span-ruler records.
    triggers:
        The trigger grammar, shaped like ``patterns/award_triggers.json`` (default: that file).

    Call with the text and, optionally, the ORG spans already found (``[(start, end), ...]``)
    so that a recipient snaps to an organisation.
    """

    def __init__(self, patterns: list[dict] | None = None, triggers: dict | None = None) -> None:
        data = award_triggers_data() if triggers is None else triggers
        for key in _REQUIRED_TRIGGER_KEYS:
            if key not in data:
                raise OrgPatternError(f"award triggers: missing key {key!r}; required: {', '.join(_REQUIRED_TRIGGER_KEYS)}")
        self.lex: Lexicon = default_lexicon()
        trig = data["triggers"]
        strong = list(trig.get("strong", []))
        weak = list(trig.get("weak", []))
        bare = list(trig.get("bare", []))
        self._weak = set(weak)
        self._weak_need_level = set(data.get("weak_need_level", []))
        look = trie_regex(list(data.get("bare_lookahead", ["“"])) + [p for p in self.lex.known_places if len(p) >= 2])
        self._trigger_re = re.compile(
            "(?P<t>" + trie_regex(strong + weak) + ")"
            + (f"|(?P<b>(?<![收捕查缴俘擒斩猎荣])(?:{trie_regex(bare)})(?=(?:{look})))" if bare else "")
        )
        self._trigger_start_re = re.compile("(?:" + trie_regex(strong + weak) + ")")
        trailing = sorted(set(data["trailing"]), key=len, reverse=True)
        self._trailing_re = re.compile("(?:" + trie_regex(trailing) + ")$")
        frames = data.get("list_frames", [])
        self._frame_re = re.compile("(?:" + trie_regex(frames) + ")") if frames else None

        # level prefixes
        lp = data["level_prefixes"]
        self._level_words: dict[str, str] = {}
        for level, words in lp.items():
            for w in words:
                self._level_words[w] = level
        for form in self.lex.provinces:
            self._level_words.setdefault(form, "provincial")
        for city in self.lex.cities:
            self._level_words.setdefault(city + "市", "municipal")
            self._level_words.setdefault(city, "municipal")
        self._level_prefix_re = re.compile("(?:" + trie_regex(self._level_words) + ")")
        self._level_not_re = re.compile("(?:" + trie_regex(data.get("level_not_prefixes", [])) + ")")
        self._generic_place_re = re.compile(rf"[{CJK}]{{2,4}}?(?P<s>省|市|区|县)(?=[{CJK}“\"])")
        anywhere = data.get("level_anywhere", {})
        aw: dict[str, str] = {}
        for level, words in anywhere.items():
            for w in words:
                aw[w] = level
        self._anywhere_words = aw
        self._anywhere_re = re.compile("(?:" + trie_regex(aw) + ")") if aw else None
        self._batch_re = re.compile("(?:" + trie_regex(data.get("batch_markers", [])) + ")")
        self._pure_level_re = re.compile(
            "(?:" + trie_regex([w for w in lp.get("national", []) + lp.get("provincial", [])
                                + lp.get("municipal", []) + lp.get("district", []) if w.endswith("级")]) + ")$"
        )

        # title checks
        heads = set(data["heads"])
        ent_words = data.get("enterprise_title_words", [])
        self._head_re = re.compile("(?:" + trie_regex(heads) + ")$")
        self._ent_re = re.compile("(?:" + trie_regex(ent_words) + ")企业$") if ent_words else None
        self._weak_heads = set(data.get("weak_heads_need_title", []))
        self._status_re = re.compile("(?:" + trie_regex(data.get("status_markers", [])) + ")")
        self._rank_re = re.compile(
            "(?:" + trie_regex(data.get("rank_markers", [])) + r")|第[0-9一二三四五六七八九十]+(?:名|位)"
        )
        self._neg_re = re.compile("(?:" + trie_regex(data.get("negative_heads", [])) + ")$")
        self._adverb_tail_re = re.compile("(?:" + trie_regex(data.get("subject_adverbs", [])) + ")+$")

        self._title_verb_re = re.compile("(?:" + trie_regex(data.get("title_leading_verbs", [])) + ")")
        self._title_lead_re = re.compile("(?:" + trie_regex(data.get("title_leading_words", [])) + ")")
        self._honour = set(data.get("honour_triggers", []))
        self._grade_re = re.compile("(?:" + trie_regex(data.get("grade_prefixes", [])) + ")")
        self._streak_verb_re = re.compile("(?:" + trie_regex(data.get("streak_verbs", [])) + ")")
        self._zone_subjects = set(data.get("zone_subjects", []))
        self._recipient_head_re = re.compile("(?:" + trie_regex(data.get("recipient_heads", [])) + ")$")
        self._recipient_head_any_re = re.compile(
            "(?:" + trie_regex([h for h in data.get("recipient_heads", []) if h in self._NAMED_PLACE_HEADS]) + ")"
        )
        asp = data.get("aspiration_markers", [])
        self._aspiration_re = re.compile("(?:" + trie_regex(asp) + ")") if asp else None

        self._known: dict[str, str | None] = {}
        self._known_re: re.Pattern | None = None
        if patterns:
            self.add_patterns(patterns)

    # ---------------------------------------------------------------- configuration

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add known honour names (phrase patterns with label AWARD); other records are ignored."""
        for rec in validate_patterns(list(patterns), source="add_patterns()"):
            if rec["label"] != "AWARD" or not isinstance(rec["pattern"], str):
                continue
            self._known[fold_widths(rec["pattern"])] = rec.get("id")
        self._known_re = re.compile("(?:" + trie_regex(self._known) + ")") if self._known else None

    # ---------------------------------------------------------------- level

    def level(self, title: str) -> str | None:
        """The level of a title from its prefix (skipping a year and batch markers)."""
        t = fold(title)
        t = t.lstrip("“\"")
        ym = _YEAR_RE.match(t)
        if ym:
            t = t[ym.end():]
        for _ in range(2):
            bm = self._batch_re.match(t)
            if bm:
                t = t[bm.end():]
        if not self._level_not_re.match(t):
            m = self._level_prefix_re.match(t)
            if m:
                level = self._level_words[m.group()]
                nxt = t[m.end():m.end() + 1]
                if m.group() in self.lex.cities and nxt in ("县", "区"):
                    return "district"  # 长沙县, 长沙区: a county or district named after its city
                return level
        gm = self._generic_place_re.match(t)
        if gm:
            word = t[: gm.end()]
            stem = word[:-1]
            if not (self.lex.starts_with_determiner(word) or stem.endswith("地") or stem in self.lex.regions
                    or self.lex.is_generic(stem) or self.lex.starts_with_verb(stem)):
                return {"省": "provincial", "市": "municipal", "区": "district", "县": "district"}[gm.group("s")]
        if self._anywhere_re:
            am = self._anywhere_re.search(t)
            if am:
                return self._anywhere_words[am.group()]
        return None

    # ---------------------------------------------------------------- items

    def _split_items(self, obj: str, base: int) -> list[tuple[int, str]]:
        """Split an object on top-level 、 (and 和/及/与 before a level prefix)."""
        protected = bytearray(len(obj))
        for m in _PROTECTED_RE.finditer(obj):
            protected[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        cuts: list[tuple[int, int]] = []  # (sep_start, sep_end)
        for m in re.finditer(r"(?<=”)(?=“)", obj):  # “A”“B”: adjacent quoted titles
            cuts.append((m.start(), m.start()))
        for m in re.finditer(r"、|以及|和|及|与", obj):
            if protected[m.start()]:
                continue
            if m.group() != "、":
                rest = obj[m.end():]
                if not self._level_prefix_re.match(rest) or self._level_not_re.match(rest):
                    continue
            cuts.append(m.span())
        cuts.sort()
        items = []
        pos = 0
        for s, e in cuts:
            items.append((base + pos, obj[pos:s]))
            pos = e
        items.append((base + pos, obj[pos:]))
        # a bare level word shares the next item's head: 国家级、省级老年友好社区
        merged: list[tuple[int, str]] = []
        carry: tuple[int, str] | None = None
        for off, it in items:
            if carry is not None:
                off, it = carry[0], obj[carry[0] - base: off - base + len(it)]
                carry = None
            if self._pure_level_re.match(it) and self._level_prefix_re.fullmatch(it):
                carry = (off, it)
                continue
            merged.append((off, it))
        if carry is not None:
            merged.append(carry)
        return merged

    def _clean_item(self, off: int, item: str) -> tuple[int, str]:
        """Strip leading 了/为/建设…, trailing counts, 等荣誉/称号 … and outer quotes."""
        while item and item[0] in "了为":
            off, item = off + 1, item[1:]
        ym = _YEAR_RE.match(item)
        if ym and ym.end() < len(item):
            off, item = off + ym.end(), item[ym.end():]  # 入选2021年度全国百强县 → 全国百强县
        tl = self._title_lead_re.match(item)
        if tl and len(item) - tl.end() >= 4:
            off, item = off + tl.end(), item[tl.end():]  # 获批新增博士学位授予单位
        lv = self._title_verb_re.match(item)
        if lv and self._level_prefix_re.match(item, lv.end()):
            off, item = off + lv.end(), item[lv.end():]  # 获批建设国家…试点 → 国家…试点
        changed = True
        while changed and item:
            changed = False
            qm = _QUANTITY_TAIL_RE.search(item)
            if qm and qm.start() > 0:
                item, changed = item[: qm.start()], True
            tm = self._trailing_re.search(item)
            if tm and tm.start() > 0:
                item, changed = item[: tm.start()], True
            sm = _STREAK_RE.search(item)
            if sm and sm.start() > 0:
                item, changed = item[: sm.start()], True
        if len(item) >= 2 and item[0] in "“\"" and item[-1] in "”\"":
            inner = item[1:-1]
            if "“" not in inner and "”" not in inner and '"' not in inner:
                off, item = off + 1, inner
        return off, item

    def _title_like(self, item: str, weak: bool, need_level: bool, quoted_honour: bool = False) -> str | None:
        """The title part of ``item`` or None when it does not read as a title.

        ``quoted_honour``: the item was written in quotes right after an honour verb (捧得“一星平安金鼎”),
        which makes it a title without a level or an honour head.
        """
        if quoted_honour and 2 <= len(item) <= 20 and not (
                self._status_re.search(item) or self._rank_re.search(item) or self._neg_re.search(item)
                or _MONEY_RE.search(item) or "的" in item):
            return item
        if not (3 <= len(item) <= 48):
            return None
        if self._status_re.search(item) or self._rank_re.search(item):
            return None
        if self._neg_re.search(item) or _MONEY_RE.search(item):
            return None
        if weak and len(item) < 6:
            return None
        has_level = self.level(item) is not None
        title = None
        if self._head_ok(item):
            title = item
        elif item.endswith("之一") and self._head_ok(item[:-2]):
            title = item
        else:
            # a title followed by a short tail verb phrase: 国家级示范区并授牌
            protected = {i for pm in _PROTECTED_RE.finditer(item) for i in range(pm.start(), pm.end())}
            for m in re.finditer(r"并|且|后|以来", item):
                pre = item[: m.start()]
                if m.start() not in protected and pre and self._head_ok(pre):
                    title = pre
                    break
        if title is None:
            if not weak and has_level and not self._neg_re.search(item):
                title = item
            else:
                return None
        if weak:
            if "的" in _PROTECTED_RE.sub("", title):
                return None
            if need_level and not has_level and not self._grade_re.match(title):
                return None  # 成功创建三级乙等综合医院: a grade counts as a level
        return title

    def _head_ok(self, s: str) -> bool:
        s = s.rstrip("”\"")
        m = self._head_re.search(s)
        if not m:
            if s.endswith("企业") and self._ent_re and self._ent_re.search(s):
                return True
            return False
        return m.group() not in self._weak_heads

    # ---------------------------------------------------------------- recipient

    def _recipient(self, f: str, t: int, orgs: "_OrgIndex") -> tuple[int, int] | None:
        lex = self.lex
        # sentence start: no 。;!? between
        ss = t
        while ss > 0 and f[ss - 1] not in _SENTENCE_END and t - ss < 200:
            ss -= 1
        # clause start for the immediate subject (、 kept inside: 长沙县、长沙经开区)
        cs = t
        while cs > ss and f[cs - 1] not in _HARD_CLAUSE:
            cs -= 1
        x_end = t
        x = f[cs:t]
        # 被国务院评为…, 经省政府批准…: the agent is not the recipient
        bi = x.find("被")
        if bi >= 0:
            x_end, x = cs + bi, x[:bi]
        elif x.startswith(("经", "由")) and x not in self._zone_subjects:
            x_end, x = cs, ""  # (经开区获评… is a subject)
        t_lim = x_end
        am = self._adverb_tail_re.search(x)
        if am:
            x_end = cs + am.start()
            x = x[: am.start()]
        if len(x) >= 3 and x[0] == "“" and x[-1] == "”" and "“" not in x[1:-1]:
            return cs + 1, x_end - 1  # “长沙绿茶”获批… (a product or brand: never snapped to an ORG inside it)
        if x:
            xs = x if x in self._zone_subjects else lex.strip_not_name_start(x)
            xs_start = x_end - len(xs)
            lm = _LIST_TAIL_RE.search(xs)
            if lm and "、" in xs[: lm.start()]:
                xs = xs[: lm.start()]  # 甲、乙等5家企业入选… → 甲、乙
                x_end = xs_start + len(xs)
            if "、" in xs:
                parts, p0, ok = xs.split("、"), xs_start, True
                for part in parts:
                    is_org = orgs.by_start.get(p0) == p0 + len(part)
                    ok = ok and (is_org or self._subject_ok(part))
                    p0 += len(part) + 1
                if ok:
                    return xs_start, x_end
            # an ORG ending right before the trigger (after adverbs)
            for e in range(x_end, t_lim + 1):
                s = orgs.by_end.get(e)
                if s is not None and s >= cs:
                    return s, e
            if xs and "、" not in xs and self._subject_ok(xs):
                return xs_start, x_end
        # the nearest earlier clause of the sentence that opens with a subject (上街区成为…，荣获…)
        if x:
            subj = self._clause_subject(f, cs, x_end, orgs)
            if subj is not None:
                return subj
        pos = cs
        while pos > ss:
            prev = pos - 1  # the punctuation before the clause at ``pos``
            st = prev
            while st > ss and f[st - 1] not in _HARD_CLAUSE:
                st -= 1
            subj = self._clause_subject(f, st, prev, orgs)
            if subj is not None:
                return subj
            pos = st
        # …；荣获…: a trigger that opens its clause after ； takes the subject of the whole sentence
        if not x and ss > 0 and f[ss - 1] == ";":
            lo = max(0, ss - 300)
            s2 = max(f.rfind(c, lo, ss - 1) for c in "。!?\n\r|") + 1
            s2 = max(s2, lo)
            e2 = s2
            while e2 < ss - 1 and f[e2] not in _HARD_CLAUSE:
                e2 += 1
            if e2 > s2:
                return self._clause_subject(f, s2, e2, orgs)
        return None

    def _subject_ok(self, s: str) -> bool:
        lex = self.lex
        if not s:
            return False
        if s in ("我区", "我市", "我县", "我省", "我镇", "我乡", "本区", "本市", "本县") or s in lex.known_places:
            return True
        if s in self._zone_subjects:
            return True  # 新区荣获…, 经开区获评…
        hm = self._recipient_head_re.search(s) if 2 <= len(s) <= 12 else None
        if (hm and re.fullmatch(f"[{CJK}A-Za-z]+", s)
                and not (lex.starts_with_determiner(s) or lex.starts_with_verb(s) or lex._not_start_re.match(s)
                         or self._generic_unit(s, hm.start()))):
            return True  # 中原科技城, 白沙村, 红星农场, 区政务服务中心: named facilities, places and units
        if lex.is_place(s) and not lex.starts_with_determiner(s) and len(s) <= 12:
            return not lex.is_generic(s)
        return lex.is_name_like(s, max_len=12, allow_person=True)

    _NAMED_PLACE_HEADS = {"城", "科技城", "园", "园区", "产业园", "基地", "谷", "硅谷", "光谷", "港", "小镇", "街区", "景区"}

    def _generic_unit(self, s: str, head_start: int) -> bool:
        """党群服务中心 is generic; 区政务服务中心 (a level's own unit) and 中原科技城 are not."""
        lex = self.lex
        stem = s[:head_start]
        if stem and stem[0] in "省市区县镇乡" and len(stem) > 1 and not lex.only_determiners(stem):
            return False
        return lex.is_generic(s[:-1]) or (bool(stem) and lex.is_generic(stem))

    _PLACE_AT_START = re.compile(
        rf"(?:我区|我市|我县|我省|我镇|本区|本市|本县|[{CJK}]{{1,6}}?(?:自治区|自治县|新区|经开区|高新区|开发区|街道|省|市|区|县|镇|乡|村))"
    )

    def _clause_subject(self, f: str, cs: int, ce: int, orgs: "_OrgIndex") -> tuple[int, int] | None:
        """An ORG or a place (or a 、-list of them) that opens the clause ``f[cs:ce]``."""
        lex = self.lex
        e = orgs.by_start.get(cs)
        if e is not None and e < ce:
            return cs, e
        pos = cs
        end = None
        while True:
            m = self._PLACE_AT_START.match(f, pos, ce)
            if not m:
                break
            word = m.group()
            if word.startswith("获") or self._trigger_start_re.match(word) or lex._not_start_re.match(word):
                break
            if not word.startswith(("我", "本")) and word not in lex.known_places:
                if lex.starts_with_determiner(word) or lex.is_generic(word) or lex.starts_with_verb(word):
                    break
            end = m.end()
            if end < ce and f[end] == "、":
                pos = end + 1
                continue
            break
        if end is None:
            # a named park or facility opening the clause (仙桃国际大数据谷入驻企业…)
            for hm in self._recipient_head_any_re.finditer(f, cs + 2, min(ce, cs + 12)):
                cand = f[cs:hm.end()]
                if cand and self._subject_ok(cand) and not lex.is_generic(cand):
                    return cs, hm.end()
            return None
        return cs, end

    # ---------------------------------------------------------------- entry point

    def __call__(self, text: str, orgs: Iterable[tuple[int, int]] = ()) -> list[AwardMatch]:
        f = fold(text)
        org_spans = _OrgIndex(orgs)
        found: list[tuple[int, int, int]] = []  # (start, end, trigger_pos)
        inner_recipient: dict[int, tuple[int, int]] = {}  # trigger_pos -> recipient between verb and title
        active_grant: set[int] = set()  # trigger_pos of active 授予 (subject = grantor)
        covered = bytearray(len(f) + 1)

        def emit(items: list[tuple[int, str]], weak: bool, need_level: bool, tpos: int, honour: bool = False) -> int:
            n = 0
            for off, raw in items:
                if self._trigger_start_re.match(raw):
                    break  # the next trigger takes it from here
                if self._status_re.search(raw) or self._rank_re.search(raw):
                    continue
                off2, item = self._clean_item(off, raw)
                quoted = (honour and off2 > 0 and f[off2 - 1] in "“\"" and off2 + len(item) < len(f)
                          and f[off2 + len(item)] in "”\"")
                title = self._title_like(item, weak, need_level, quoted)
                if title is None:
                    continue
                s, e = off2, off2 + len(title)
                if any(covered[s:e]):
                    continue
                covered[s:e] = b"\x01" * (e - s)
                found.append((s, e, tpos))
                n += 1
            return n

        def continuation(end: int, tpos: int) -> None:
            """获评A，B: a clause after a comma made only of titles (level prefix and honour head) continues the list."""
            while end < len(f) and f[end] == ",":
                nm = _OBJECT_RE.match(f, end + 1, min(len(f), end + 121))
                if not nm or not self._level_prefix_re.match(f, end + 1) or self._trigger_re.search(nm.group()):
                    return
                items = self._split_items(nm.group()[:80], end + 1)
                cleaned = [self._clean_item(o, it)[1] for o, it in items]
                if not all(self._head_ok(c) and self.level(c) is not None and self._title_like(c, False, False) == c
                           for c in cleaned):
                    return
                emit(items, False, False, tpos)
                end = nm.end()

        for m in self._trigger_re.finditer(f):
            t0, t1 = m.span()
            if covered[t0]:
                continue
            if self._aspiration_re is not None:
                cs = t0
                while cs > 0 and f[cs - 1] not in _HARD_CLAUSE and t0 - cs < 30:
                    cs -= 1
                if self._aspiration_re.search(f, cs, t0):
                    continue  # 力争成为…, 全力创建…: a goal, not a conferred honour
            om = _OBJECT_RE.match(f, t1, min(len(f), t1 + 120))
            if not om:
                continue
            obj = om.group()[:80]
            trig = m.group()
            weak = trig in self._weak
            need_level = trig in self._weak_need_level or m.lastgroup == "b"
            base = t1
            # 授予上街区“全国…”称号: the recipient sits between verb and title
            if trig in ("授予", "授牌为"):
                active_grant.add(t0)
            if trig.endswith("授予"):
                qm = re.match(r"([^“\"]{2,12})(?=[“\"])", obj)
                if qm and self._subject_ok(qm.group(1)):
                    inner_recipient[t0] = (base, base + qm.end())
                    base += qm.end()
                    obj = obj[qm.end():]
            if emit(self._split_items(obj, base), weak, need_level, t0, trig in self._honour) and not weak:
                continuation(om.end(), t0)

        # 实现全国双拥模范城“七连冠”: a title won again and again, with no trigger verb
        k = f.find("连")
        while k >= 0:
            m = _STREAK_FIND_RE.search(f, max(0, k - 6), k + 2) if f.startswith(("连冠", "连创"), k) else None
            k = f.find("连", k + 2)
            if m is None:
                continue
            p = m.start()
            if p == 0 or covered[p - 1]:
                continue
            cs = p
            while cs > 0 and f[cs - 1] not in _HARD_CLAUSE and p - cs < 60:
                cs -= 1
            obj = f[cs:p]
            if self._trigger_re.search(obj) or (self._aspiration_re is not None and self._aspiration_re.search(obj)):
                continue  # (力争实现…“三连冠”: a goal)
            vm = None
            for vm in self._streak_verb_re.finditer(obj):
                pass
            if vm is not None:
                start, tpos = cs + vm.end(), cs + vm.start()
            elif self._level_prefix_re.match(obj):
                start, tpos = cs, cs
            else:
                continue
            emit([(start, f[start:p])], False, False, tpos)

        # …等荣誉/称号 frames with no trigger in the clause
        if self._frame_re is not None:
            for m in self._frame_re.finditer(f):
                p = m.start()
                if covered[max(0, p - 1)]:
                    continue
                cs = p
                while cs > 0 and f[cs - 1] not in _HARD_CLAUSE and p - cs < 80:
                    cs -= 1
                obj = f[cs:p]
                if self._trigger_re.search(obj):
                    continue
                emit(self._split_items(obj, cs), False, False, cs)

        # known honour names
        if self._known_re is not None:
            for m in self._known_re.finditer(f):
                s, e = m.span()
                if any(covered[s:e]):
                    continue
                covered[s:e] = b"\x01" * (e - s)
                found.append((s, e, s))

        out = []
        region_doc = None
        for s, e, tpos in sorted(found):
            level = self.level(f[s:e])
            if level == "district" and "全区" in f[s:e][:8]:
                if region_doc is None:
                    region_doc = self._region_city_report(f)
                if region_doc and f[s:e].lstrip("“\"").startswith("全区"):
                    level = "provincial"  # 全区 in a city report of an autonomous region is the region
            if tpos in inner_recipient:
                rec = inner_recipient[tpos]
            elif tpos in active_grant:
                rec = None  # 省政府授予…: the subject is the one who grants
            else:
                rec = self._recipient(f, tpos, org_spans)
            if rec is not None:
                rec = self._snap(f, rec, org_spans)
            out.append(
                AwardMatch(
                    s, e, text[s:e], level,
                    text[rec[0]:rec[1]] if rec else None,
                    rec[0] if rec else None,
                    rec[1] if rec else None,
                )
            )
        return out

    @staticmethod
    def _region_city_report(f: str) -> bool:
        """A report of a city in an autonomous region: it names 自治区 and calls itself 我市 (never 我区),
        or speaks of 全市 more than of 全区."""
        if "自治区" not in f:
            return False
        return ("我市" in f and "我区" not in f) or f.count("全市") > f.count("全区")

    def describe(self, text: str, start: int, end: int, orgs: Iterable[tuple[int, int]] = ()) -> AwardMatch:
        """An :class:`AwardMatch` for ``text[start:end]`` found some other way (a token pattern)."""
        f = fold(text)
        index = _OrgIndex(orgs)
        t = start
        lo = max(0, start - 8)
        for m in self._trigger_start_re.finditer(f, lo, start):
            if m.end() == start or f[m.end():start] in ("了", "为", "“"):
                t = m.start()  # 滨江区荣获|鲁班奖: look for the recipient before the verb
                break
        rec = self._recipient(f, t, index)
        if rec is not None:
            rec = self._snap(f, rec, index)
        return AwardMatch(
            start, end, text[start:end], self.level(f[start:end]),
            text[rec[0]:rec[1]] if rec else None, rec[0] if rec else None, rec[1] if rec else None,
        )

    @staticmethod
    def _snap(f: str, rec: tuple[int, int], orgs: "_OrgIndex") -> tuple[int, int]:
        """Replace a recipient by the ORG span it overlaps (lists stay whole)."""
        s, e = rec
        if "、" in f[s:e] or (s > 0 and f[s - 1] == "“" and f[e:e + 1] == "”"):
            return rec
        hit = orgs.overlapping(s, e)
        return hit if hit is not None else rec


def load_award_patterns(path: str | Path | None = None) -> list[dict]:
    """Known honour names (span-ruler JSONL); default ``patterns/award_patterns.jsonl``, ``[]`` if absent.

    Validation is that of :func:`govreport_nlp.orgs.load_org_patterns` (file, line, bad key).
    """
    path = Path(path) if path is not None else AWARD_PATTERNS_PATH
    if not path.exists():
        return []
    return load_org_patterns(path)


def award_level(title: str) -> str | None:
    """Level of an award title using the package grammar (national/provincial/municipal/district/None)."""
    return _default_finder().level(title)


_DEFAULT: list[AwardFinder] = []


def _default_finder() -> AwardFinder:
    if not _DEFAULT:
        _DEFAULT.append(AwardFinder())
    return _DEFAULT[0]
