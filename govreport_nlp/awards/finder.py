""":class:`AwardFinder`: scan triggers, streaks, frames and known names; attach level and recipient."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..lexicon import Lexicon, award_triggers_data, default_lexicon, fold, trie_regex
from ..schemas import validate_patterns
from ..widths import fold_widths
from .grammar import OBJECT_RE, STREAK_FIND_RE, clause_start
from .level import LevelReader, region_city_report
from .recipient import OrgIndex, RecipientRules
from .titles import TitleRules
from .triggers import TriggerTable

__all__ = ["AwardMatch", "AwardFinder", "award_level"]

# triggers whose subject grants the title (省政府授予…); the recipient may follow the verb
_GRANT_TRIGGERS = ("授予", "授牌为")
# 授予上街区“全国…”称号: the recipient before the quoted title
_GRANTEE_RE = re.compile(r"([^“\"]{2,12})(?=[“\"])")


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


# what :meth:`AwardFinder._scan_streaks` looks for (七连冠, 四连创)
_STREAK_ANCHORS = ("连冠", "连创")


class _Scan:
    """The titles found so far in one folded text."""

    def __init__(self, f: str) -> None:
        self.f = f
        self.found: list[tuple[int, int, int]] = []  # (start, end, trigger_pos)
        self.inner_recipient: dict[int, tuple[int, int]] = {}  # trigger_pos -> recipient between verb and title
        self.active_grant: set[int] = set()  # trigger_pos of active 授予 (subject = grantor)
        self.covered = bytearray(len(f) + 1)

    def add(self, s: int, e: int, tpos: int) -> bool:
        """Record ``f[s:e]`` unless a title already covers part of it."""
        if any(self.covered[s:e]):
            return False
        self.covered[s:e] = b"\x01" * (e - s)
        self.found.append((s, e, tpos))
        return True


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
        The trigger grammar, shaped like ``awards/data/award_triggers.json`` (default: that file).

    Call with the text and, optionally, the ORG spans already found (``[(start, end), ...]``)
    so that a recipient snaps to an organisation.
    """

    def __init__(self, patterns: list[dict] | None = None, triggers: dict | None = None) -> None:
        data = award_triggers_data() if triggers is None else triggers
        self.lex: Lexicon = default_lexicon()
        self.triggers = TriggerTable(data, self.lex)
        self.levels = LevelReader(data, self.lex)
        self.titles = TitleRules(data, self.levels)
        self.recipients = RecipientRules(data, self.lex, self.triggers)
        self._known: dict[str, str | None] = {}
        self._known_re: re.Pattern | None = None
        self._anchor_re, self._anchor_on_text = self._compile_anchors()
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
        self._anchor_re, self._anchor_on_text = self._compile_anchors()

    def _compile_anchors(self) -> tuple[re.Pattern, bool]:
        """A pattern for the words one of which every scanning pass needs (a trigger, a frame, 通过,
        a streak, a known name), and whether it may search the unfolded text.

        Folding maps full-width forms to ASCII and changes nothing else, so words made only of
        non-ASCII characters that folding leaves alone occur at the same places in the text and
        in its folded copy: then the text need not be folded to learn that no pass can fire.
        """
        words = [*self.triggers.anchor_words, *_STREAK_ANCHORS, *self._known]
        on_text = all(ord(c) > 0x7F and fold_widths(c) == c for w in words for c in w)
        return re.compile("(?:" + trie_regex(words) + ")"), on_text

    def level(self, title: str) -> str | None:
        """The level of a title from its prefix (skipping a year and batch markers)."""
        return self.levels(title)

    # ---------------------------------------------------------------- scanning passes

    def _emit(
        self, scan: _Scan, items: list[tuple[int, str]], weak: bool, need_level: bool, tpos: int, honour: bool = False
    ) -> int:
        """Record the items that read as titles; stop at the next trigger. Returns how many."""
        f, titles, trg = scan.f, self.titles, self.triggers
        n = 0
        for off, raw in items:
            if trg.starts_with_trigger(raw):
                break  # the next trigger takes it from here
            off, raw = titles.strip_modifier(off, raw)
            if titles.is_status_or_rank(raw):
                continue
            off2, item = titles.clean(off, raw)
            quoted = (
                honour
                and off2 > 0
                and f[off2 - 1] in '“"'
                and off2 + len(item) < len(f)
                and f[off2 + len(item)] in '”"'
            )
            title = titles.title(item, weak, need_level, quoted, screened=True)  # (item is part of raw)
            if title is None:
                continue
            if scan.add(off2, off2 + len(title), tpos):
                n += 1
        return n

    def _continuation(self, scan: _Scan, end: int, tpos: int) -> None:
        """获评A，B: a clause after a comma made only of titles (level prefix and honour head) continues the list."""
        f, titles = scan.f, self.titles
        while end < len(f) and f[end] == ",":
            nm = OBJECT_RE.match(f, end + 1, min(len(f), end + 121))
            if not nm or not self.levels.prefix_at(f, end + 1) or self.triggers.has_trigger(nm.group()):
                return
            items = titles.split(nm.group()[:80], end + 1)
            cleaned = [titles.clean(o, it)[1] for o, it in items]
            if not all(
                titles.head_ok(c) and self.levels.read(c) is not None and titles.title(c, False, False) == c
                for c in cleaned
            ):
                return
            self._emit(scan, items, False, False, tpos)
            end = nm.end()

    def _scan_triggers(self, scan: _Scan) -> None:
        """A trigger verb and the object after it (荣获A、B等荣誉)."""
        f, trg = scan.f, self.triggers
        for m, bare in trg.finditer(f):
            t0, t1 = m.span()
            if scan.covered[t0]:
                continue
            if self._aspiration_before(f, t0):
                continue  # 力争成为…, 全力创建…: a goal, not a conferred honour
            om = OBJECT_RE.match(f, t1, min(len(f), t1 + 120))
            if not om:
                continue
            obj = om.group()[:80]
            trig = m.group()
            weak = trig in trg.weak
            need_level = trig in trg.weak_need_level or bare
            base = t1
            # 授予上街区“全国…”称号: the recipient sits between verb and title
            if trig in _GRANT_TRIGGERS and not self._passive_before(f, t0):
                scan.active_grant.add(t0)  # (被省政府授予…: the subject before 被 receives it)
            if trig.endswith("授予"):
                qm = _GRANTEE_RE.match(obj)
                if qm and self.recipients.subject_ok(qm.group(1)):
                    scan.inner_recipient[t0] = (base, base + qm.end())
                    base += qm.end()
                    obj = obj[qm.end() :]
            if self._emit(scan, self.titles.split(obj, base), weak, need_level, t0, trig in trg.honour) and not weak:
                self._continuation(scan, om.end(), t0)

    @staticmethod
    def _passive_before(f: str, t0: int) -> bool:
        """被 in the clause before ``t0`` (县一中被省政府授予…)."""
        return "被" in f[clause_start(f, t0, max(0, t0 - 20)) : t0]

    def _aspiration_before(self, f: str, t0: int) -> bool:
        """力争成为…, 全力创建…, 确保通过…复审: the clause before ``t0`` states a goal, not a grant."""
        trg = self.triggers
        if trg.aspiration_re is None:
            return False
        cs = clause_start(f, t0, max(0, t0 - 30))
        if cs >= t0:
            return False  # (the trigger opens its clause: nothing before it to search)
        last = None
        for last in trg.aspiration_re.finditer(f, cs, t0):  # noqa: B007  (the last match)
            pass
        # 积极申报并成功获批…: a second verb after 并 states the grant
        return last is not None and "并" not in f[last.end() : t0]

    def _scan_reviews(self, scan: _Scan) -> None:
        """通过国家卫生城市复审, 通过全国文明城市复评: a title passed in a review or an acceptance check."""
        f = scan.f
        if "通过" not in f:
            return  # (every match of review_re starts with it)
        for m in self.triggers.review_re.finditer(f):
            t0 = m.start()
            if scan.covered[m.start("obj")] or self._aspiration_before(f, t0):
                continue
            off, item = self.titles.clean(m.start("obj"), m.group("obj"))
            if not self.titles.head_ok(item):
                continue  # (通过省级复评审: no title)
            title = self.titles.title(item, False, False)
            if title is not None:
                scan.add(off, off + len(title), t0)

    def _scan_streaks(self, scan: _Scan) -> None:
        """实现全国双拥模范城“七连冠”: a title won again and again, with no trigger verb."""
        f, trg = scan.f, self.triggers
        k = f.find("连")
        while k >= 0:
            m = STREAK_FIND_RE.search(f, max(0, k - 6), k + 2) if f.startswith(_STREAK_ANCHORS, k) else None
            k = f.find("连", k + 2)
            if m is None:
                continue
            p = m.start()
            if p == 0 or scan.covered[p - 1]:
                continue
            cs = clause_start(f, p, max(0, p - 60))
            obj = f[cs:p]
            if trg.has_trigger(obj) or (trg.aspiration_re is not None and trg.aspiration_re.search(obj)):
                continue  # (力争实现…“三连冠”: a goal)
            vm = None
            for vm in trg.streak_verb_re.finditer(obj):  # noqa: B007  (the last match)
                pass
            if vm is not None:
                start, tpos = cs + vm.end(), cs + vm.start()
            elif self.levels.prefix_at(obj):
                start, tpos = cs, cs
            else:
                continue
            self._emit(scan, [(start, f[start:p])], False, False, tpos)

    def _scan_frames(self, scan: _Scan) -> None:
        """…等荣誉/称号 frames with no trigger in the clause."""
        f, trg = scan.f, self.triggers
        if trg.frame_re is None:
            return
        for m in trg.frame_re.finditer(f):
            p = m.start()
            if scan.covered[max(0, p - 1)]:
                continue
            cs = clause_start(f, p, max(0, p - 80))
            obj = f[cs:p]
            if trg.has_trigger(obj):
                continue
            self._emit(scan, self.titles.split(obj, cs), False, False, cs)

    def _scan_known(self, scan: _Scan) -> None:
        """Known honour names (:meth:`add_patterns`)."""
        if self._known_re is None:
            return
        for m in self._known_re.finditer(scan.f):
            s, e = m.span()
            scan.add(s, e, s)

    # ---------------------------------------------------------------- entry points

    def may_find(self, text: str) -> bool:
        """Whether a scanning pass can find anything in ``text``: one of the words each of them
        needs occurs (most sentences hold none: no trigger, frame, review, streak or known name)."""
        return self._anchor_re.search(text if self._anchor_on_text else fold(text)) is not None

    def __call__(self, text: str, orgs: Iterable[tuple[int, int]] = ()) -> list[AwardMatch]:
        return self.find(text, orgs) if self.may_find(text) else []

    def find(self, text: str, orgs: Iterable[tuple[int, int]] = ()) -> list[AwardMatch]:
        """What :meth:`__call__` finds, without looking for an anchor word first (the caller has)."""
        f = fold(text)
        scan = _Scan(f)
        self._scan_triggers(scan)
        self._scan_reviews(scan)
        self._scan_streaks(scan)
        self._scan_frames(scan)
        self._scan_known(scan)
        if not scan.found:
            return []  # (most sentences: the ORG spans are not even indexed)

        org_spans = OrgIndex(orgs)
        out = []
        region_doc = None
        # the titles of one trigger share its recipient (snapped to an ORG once, not once per title)
        by_trigger: dict[int, tuple[int, int] | None] = {}
        for s, e, tpos in sorted(scan.found):
            title = f[s:e]
            level = self.levels.read(title)
            if level == "district" and "全区" in title[:8]:
                if region_doc is None:
                    region_doc = region_city_report(f)
                if region_doc and title.lstrip('“"').startswith("全区"):
                    level = "provincial"  # 全区 in a city report of an autonomous region is the region
            if tpos not in by_trigger:
                by_trigger[tpos] = self._recipient(scan, tpos, org_spans)
            out.append(self._match(text, s, e, level, by_trigger[tpos]))
        return out

    def _recipient(self, scan: _Scan, tpos: int, org_spans: OrgIndex) -> tuple[int, int] | None:
        """The recipient of the titles of the trigger at ``tpos``, snapped to the ORG span it overlaps."""
        f = scan.f
        if tpos in scan.inner_recipient:
            rec: tuple[int, int] | None = scan.inner_recipient[tpos]
        elif tpos in scan.active_grant:
            rec = None  # 省政府授予…: the subject is the one who grants
        else:
            rec = self.recipients.find(f, tpos, org_spans)
        if rec is not None and self.recipients.is_self_reference(f[rec[0] : rec[1]]):
            rec = None  # 我市获评…, 全区成功创建…: the reporting place itself
        return self.recipients.snap(f, rec, org_spans) if rec is not None else None

    def describe(self, text: str, start: int, end: int, orgs: Iterable[tuple[int, int]] = ()) -> AwardMatch:
        """An :class:`AwardMatch` for ``text[start:end]`` found some other way (a token pattern)."""
        f = fold(text)
        index = OrgIndex(orgs)
        t = start
        lo = max(0, start - 8)
        for m in self.triggers.start_re.finditer(f, lo, start):
            if m.end() == start or f[m.end() : start] in ("了", "为", "“"):
                t = m.start()  # 滨江区荣获|鲁班奖: look for the recipient before the verb
                break
        rec = self.recipients.find(f, t, index)
        if rec is not None:
            rec = self.recipients.snap(f, rec, index)
        return self._match(text, start, end, self.levels.read(f[start:end]), rec)

    @staticmethod
    def _match(text: str, s: int, e: int, level: str | None, rec: tuple[int, int] | None) -> AwardMatch:
        """The match ``text[s:e]`` with its level and its recipient (already snapped to an ORG)."""
        return AwardMatch(
            s,
            e,
            text[s:e],
            level,
            text[rec[0] : rec[1]] if rec else None,
            rec[0] if rec else None,
            rec[1] if rec else None,
        )


def award_level(title: str) -> str | None:
    """Level of an award title using the package grammar (national/provincial/municipal/district/None)."""
    return _default_finder().level(title)


_DEFAULT: list[AwardFinder] = []


def _default_finder() -> AwardFinder:
    if not _DEFAULT:
        _DEFAULT.append(AwardFinder())
    return _DEFAULT[0]
