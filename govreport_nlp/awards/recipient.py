"""The ``recipient`` of an award: who received it, in the same sentence.

The organisation or name right before the trigger (a zone such as 经开区, a unit such as
区政务服务中心, a 、-list of them), else the place, organisation or named park that opens an
earlier clause, across ； when the trigger opens its clause; ``None`` when the sentence does not
say. The agent of a passive (被国务院评为…, 经省政府批准…) is never the recipient, and a
recipient that overlaps an ORG span snaps to it.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from ..lexicon import CJK, Lexicon, alternation, trie_regex
from .grammar import LIST_TAIL_RE, clause_end, clause_start, sentence_start, table
from .triggers import TriggerTable

__all__ = ["OrgIndex", "RecipientRules"]

# a count of units right before the trigger (15所学校, 2个村, 3家企业)
_COUNT_SUBJECT_RE = re.compile(f"(?:[0-9]+|[一二两三四五六七八九十百]+)[个家所名位项座户批][{CJK}]{{1,4}}$")
# what a product is called (盾构机, 新能源客车, 疫苗)
_PRODUCT_END_RE = re.compile("(?:机|机组|客车|货车|汽车|重卡|船|器|仪|剂|疫苗|芯片|产品|系列|品牌)$")
# a named unit, facility or model, possibly with a quoted name inside (湄潭县“茶旅一体化”发展模式)
_UNIT_NAME_RE = re.compile(
    f'(?:[“"][{CJK}A-Za-z0-9+]+[”"])?[{CJK}A-Za-z]+(?:[“"][{CJK}A-Za-z0-9+]+[”"][{CJK}A-Za-z]+)?'
)


class OrgIndex:
    """ORG spans indexed by start and end, for constant-time look-ups per trigger.

    ``spans`` is read (once) at the first look-up: many a title's recipient is settled without one
    (荣获… opening a sentence has none), and reading the ORG spans of a doc's span group makes a
    ``Span`` object for every span in it.
    """

    __slots__ = ("_source", "_spans", "_starts", "_by_start", "_by_end")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._source: Iterable[tuple[int, int]] | None = spans
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._by_start: dict[int, int] = {}
        self._by_end: dict[int, int] = {}

    def _read(self) -> None:
        """Index the spans (the first look-up does)."""
        source, self._source = self._source, None
        if source is not None:
            self._spans = sorted((int(s), int(e)) for s, e in source)
            self._starts = [s for s, _ in self._spans]
            self._by_start = dict(self._spans)
            self._by_end = {e: s for s, e in self._spans}

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The spans, sorted."""
        if self._source is not None:
            self._read()
        return self._spans

    @property
    def by_start(self) -> dict[int, int]:
        """start -> end (the last span starting there)."""
        if self._source is not None:
            self._read()
        return self._by_start

    @property
    def by_end(self) -> dict[int, int]:
        """end -> start (the last span ending there)."""
        if self._source is not None:
            self._read()
        return self._by_end

    def overlapping(self, s: int, e: int) -> tuple[int, int] | None:
        """The nearest span before ``e`` that ends after ``s`` (looking back at most 64 characters)."""
        if self._source is not None:
            self._read()
        i = bisect.bisect_left(self._starts, e) - 1
        while i >= 0:
            os_, oe = self._spans[i]
            if oe > s:
                return os_, oe
            if s - os_ > 64:
                break
            i -= 1
        return None


class RecipientRules:
    """Find the recipient of a trigger in folded text. Picklable."""

    def __init__(self, data: dict, lex: Lexicon, triggers: TriggerTable) -> None:
        self.lex = lex
        self.triggers = triggers
        self._zone_subjects = set(data.get("zone_subjects", []))
        self._self_references = set(table(data, "self_references"))  # 我区, 本市 …
        named_place_heads = set(table(data, "named_place_heads"))
        self._head_re = re.compile("(?:" + trie_regex(data.get("recipient_heads", [])) + ")$")
        self._head_any_re = re.compile(
            "(?:" + trie_regex([h for h in data.get("recipient_heads", []) if h in named_place_heads]) + ")"
        )
        # a place (or 我区/本市) opening a clause
        self._place_at_start = re.compile(
            "(?:"
            + "|".join(map(re.escape, table(data, "self_references")))
            + f"|[{CJK}]{{1,6}}?"
            + alternation(table(data, "clause_place_endings"))
            + ")"
        )

    def find(self, f: str, t: int, orgs: OrgIndex) -> tuple[int, int] | None:
        """The recipient span of the trigger at ``t``, or None."""
        lex = self.lex
        # sentence start: no 。;!? between
        ss = sentence_start(f, t, max(0, t - 200))
        # clause start for the immediate subject (、 kept inside: 长沙县、长沙经开区)
        cs = clause_start(f, t, ss)
        x_end = t
        x = f[cs:t]
        # 被国务院评为…, 经省政府批准…: the agent is not the recipient
        bi = x.find("被")
        if bi >= 0:
            x_end, x = cs + bi, x[:bi]
        elif x.startswith(("经", "由")) and x not in self._zone_subjects:
            x_end, x = cs, ""  # (经开区获评… is a subject)
        t_lim = x_end
        trg = self.triggers
        am = trg.adverb_tail_re.search(x) if x.endswith(trg.adverb_ends) else None
        if am:
            x_end = cs + am.start()
            x = x[: am.start()]
        if len(x) >= 3 and x[0] == "“" and x[-1] == "”" and "“" not in x[1:-1]:
            return cs + 1, x_end - 1  # “长沙绿茶”获批… (a product or brand: never snapped to an ORG inside it)
        cm = _COUNT_SUBJECT_RE.search(x)
        if cm and "、" not in x:
            return cs + cm.start(), x_end  # 全县15所学校获评…, 我区2个村入选…: the count phrase as written
        if x:
            xs = x if x in self._zone_subjects else lex.strip_not_name_start(x)
            xs_start = x_end - len(xs)
            lm = LIST_TAIL_RE.search(xs)
            if lm and "、" in xs[: lm.start()]:
                xs = xs[: lm.start()]  # 甲、乙等5家企业入选… → 甲、乙
                x_end = xs_start + len(xs)
            if "、" in xs:
                parts, p0, ok = xs.split("、"), xs_start, True
                for part in parts:
                    is_org = orgs.by_start.get(p0) == p0 + len(part)
                    ok = ok and (is_org or self.subject_ok(part))
                    p0 += len(part) + 1
                if ok:
                    return xs_start, x_end
            # an ORG ending right before the trigger (after adverbs)
            for e in range(x_end, t_lim + 1):
                s = orgs.by_end.get(e)
                if s is not None and s >= cs:
                    return s, e
            di = xs.rfind("的")
            if 0 < di < len(xs) - 2 and "、" not in xs and self.subject_ok(xs[di + 1 :]):
                return xs_start + di + 1, x_end  # 省农科院牵头的“皖麦”育种项目荣获…: the head after 的
            if xs and "、" not in xs and self.subject_ok(xs):
                return xs_start, x_end
        # the nearest earlier clause of the sentence that opens with a subject (上街区成为…，荣获…)
        if x:
            subj = self.clause_subject(f, cs, x_end, orgs)
            if subj is not None:
                return subj
        pos = cs
        while pos > ss:
            prev = pos - 1  # the punctuation before the clause at ``pos``
            st = clause_start(f, prev, ss)
            subj = self.clause_subject(f, st, prev, orgs)
            if subj is not None:
                return subj
            pos = st
        # …；荣获…: a trigger that opens its clause after ； takes the subject of the whole sentence
        if not x and ss > 0 and f[ss - 1] == ";":
            lo = max(0, ss - 300)
            s2 = max(f.rfind(c, lo, ss - 1) for c in "。!?\n\r|") + 1
            s2 = max(s2, lo)
            e2 = clause_end(f, s2, ss - 1)
            if e2 > s2:
                return self.clause_subject(f, s2, e2, orgs)
        return None

    def is_self_reference(self, s: str) -> bool:
        """我市, 全区, 本县: the reporting place speaking of itself (recipient ``None``)."""
        return s in self._self_references

    def subject_ok(self, s: str) -> bool:
        """Can ``s`` receive an award (a place, a zone, a named unit or facility, a short name)?"""
        lex = self.lex
        if not s:
            return False
        if s in self._self_references or s in lex.known_places:
            return True
        if s in self._zone_subjects:
            return True  # 新区荣获…, 经开区获评…
        hm = self._head_re.search(s) if 2 <= len(s) <= 20 else None
        if (
            hm
            and _UNIT_NAME_RE.fullmatch(s)
            and not (
                lex.starts_with_determiner(s)
                or lex.starts_with_verb(s)
                or lex.starts_with_non_name(s)
                or self._generic_unit(s, hm.start())
            )
        ):
            return True  # 中原科技城, 白沙村, 红星农场, 区政务服务中心: named facilities, places and units
        if lex.is_place(s) and not lex.starts_with_determiner(s) and len(s) <= 12:
            return not lex.is_generic(s)
        return lex.is_name_like(s, max_len=12, allow_person=True)

    def _generic_unit(self, s: str, head_start: int) -> bool:
        """党群服务中心 is generic; 区政务服务中心 (a level's own unit) and 中原科技城 are not."""
        lex = self.lex
        stem = s[:head_start]
        if stem and stem[0] in "省市区县镇乡" and len(stem) > 1 and not lex.only_determiners(stem):
            return False
        return lex.is_generic(s[:-1]) or (bool(stem) and lex.is_generic(stem))

    def clause_subject(self, f: str, cs: int, ce: int, orgs: OrgIndex) -> tuple[int, int] | None:
        """An ORG or a place (or a 、-list of them) that opens the clause ``f[cs:ce]``."""
        lex = self.lex
        e = orgs.by_start.get(cs)
        if e is not None and e < ce:
            return cs, e
        pos = cs
        end = None
        while True:
            m = self._place_at_start.match(f, pos, ce)
            if not m:
                break
            word = m.group()
            if (
                word.startswith("获")
                or self.triggers.start_re.match(word)
                or (lex.starts_with_non_name(word) and word not in self._zone_subjects)
            ):
                break  # (经开区 is a zone, not 经 + …)
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
            for hm in self._head_any_re.finditer(f, cs + 2, min(ce, cs + 12)):
                cand = f[cs : hm.end()]
                if self.triggers.start_re.match(cand) or lex.starts_with_verb(cand):
                    break  # 获评国家生态工业示范园区: a clause with a trigger has no subject here
                if cand and self.subject_ok(cand) and not lex.is_generic(cand):
                    return cs, hm.end()
            return None
        return cs, end

    @staticmethod
    def snap(f: str, rec: tuple[int, int], orgs: OrgIndex) -> tuple[int, int]:
        """Replace a recipient by the ORG span it overlaps (lists stay whole)."""
        s, e = rec
        if "、" in f[s:e] or (s > 0 and f[s - 1] == "“" and f[e : e + 1] == "”"):
            return rec
        hit = orgs.overlapping(s, e)
        if hit is not None and hit[0] == s and hit[1] < e and _PRODUCT_END_RE.search(f, hit[1], e):
            return rec  # 中铁装备盾构机荣获…: the product the company makes is the recipient
        return hit if hit is not None else rec
