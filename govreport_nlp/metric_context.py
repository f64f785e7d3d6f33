"""What a stated quantity measures: its kind and its indicator, from the clause.

Pure functions over text and character offsets (no spaCy). The words of report
grammar they rely on (link verbs, change verbs, action verbs, stop words,
comparison frames) are data in ``patterns/metric_grammar.json``.

* ``kind``: ``rank`` for 第N, ``change`` when a change verb (增长, 提高, 超出…目标)
  leads into the number or the unit is 百分点/位次 after such a verb, else ``amount``.
* ``indicator``: for ``N个 + noun`` (79个重点项目) the noun phrase after the
  number; otherwise the words before the number in the same clause, with link
  verbs cut off the end and the action verb (发放, 新增 …) and what precedes it
  cut off the start. Where nothing is left, a change or rank shares the
  indicator of the quantity before it in the same sentence; changes listed after 分别 in such a clause go to
  the quantities of different things right before them, in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

GRAMMAR_FILE = Path(__file__).parent / "patterns" / "metric_grammar.json"

_CLAUSE_END = "，,；;。：:！!？?\n\r"
_SENTENCE_END = "。；;！!？?\n\r"
_TRIM_CHARS = " \t\u3000、，,；;：:"
_OPENERS = "“‘「『《(（"
_CLOSERS = "”’」』》)）"
_NOMINAL_SUFFIXES = "率额量值"
_LIST_SEPARATORS = "、和及与"
_QUOTES = "“”\"'‘’「」『』《》"
_NUMERAL = "0-9０-９一二三四五六七八九十两"
# Dates and periods that open or close a clause carry no indicator (2023年外贸进出口总值, 粮食总产量连续五年).
_DATE_LEAD = re.compile(rf"^(?:[{_NUMERAL}]{{2,4}}年(?:[{_NUMERAL}]{{1,2}}月)?(?:份|底|末|初|以来|来)?)+")
_PERIOD_TAIL = re.compile(rf"(?:连续|近|过去)?[{_NUMERAL}]{{1,3}}(?:个)?(?:年|个月)(?:来|间|以来)?$")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class MetricGrammar:
    """Compiled word lists of ``metric_grammar.json``."""

    link_tail: "re.Pattern[str]"
    change_tail: "re.Pattern[str]"
    action: "re.Pattern[str]"
    lead: "re.Pattern[str]"
    lead_verb: "re.Pattern[str]"
    stop: "re.Pattern[str]"
    comparison_tail: "re.Pattern[str]"
    place_tail: "re.Pattern[str]"
    frame: "re.Pattern[str]"
    classifiers: frozenset
    nominal_heads: Tuple[str, ...] = tuple("率额量值")
    bare_measures: frozenset = frozenset()

    @classmethod
    def from_dict(cls, data: Dict[str, List[str]], source: str = "<dict>") -> "MetricGrammar":
        needed = ("link", "change", "change_frames", "action", "lead", "stop", "comparison", "place_prefix",
                  "classifiers")
        missing = [k for k in needed if not isinstance(data.get(k), list)]
        if missing:
            raise ValueError(f"{source}: missing or non-list keys {missing}; every one of {list(needed)} is needed.")
        change = _alternation(data["change"]) + "|" + "|".join(data["change_frames"])
        return cls(
            link_tail=re.compile(rf"(?:{_alternation(data['link'])})$"),
            change_tail=re.compile(rf"(?:{change})(?:了)?(?:约|近|超|逾)?$"),
            action=re.compile(_alternation(data["action"])),
            lead=re.compile(rf"^(?:{_alternation(data['lead'])})+"),
            lead_verb=re.compile(rf"^(?:{_alternation(data.get('lead_verbs', []))})(?=.)") if data.get("lead_verbs")
            else re.compile(r"(?!)"),
            stop=re.compile(_alternation(data["stop"])),
            comparison_tail=re.compile(rf"(?:{_alternation(data['comparison'])})$"),
            place_tail=re.compile(rf"(?:{_alternation(data['place_prefix'])})$"),
            frame=re.compile(r"(?:在|于)([^在于]{2,}?)(?:中|上|里|方面)$"),
            classifiers=frozenset(data["classifiers"]),
            nominal_heads=tuple(data.get("nominal_heads", list(_NOMINAL_SUFFIXES))),
            bare_measures=frozenset(data.get("bare_measures", [])),
        )


def default_grammar() -> MetricGrammar:
    """The grammar of the active tables (:func:`govreport_nlp.tables.active_tables`; the package's
    ``patterns/metric_grammar.json`` outside a component), compiled once per table set."""
    from .tables import active_tables

    return active_tables().derived(
        "metric_grammar", lambda t: MetricGrammar.from_dict(t["metric_grammar"], t.source("metric_grammar")))


def clause_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset just after the last clause boundary before ``pos`` (never before ``floor``)."""
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def same_sentence(text: str, a: int, b: int) -> bool:
    """True when no sentence boundary lies between offsets ``a`` and ``b``."""
    return not any(c in _SENTENCE_END for c in text[a:b])


def metric_kind(text: str, start: int, end: int, unit: Optional[str], form: Optional[str],
                grammar: Optional[MetricGrammar] = None) -> str:
    """``rank``, ``change`` or ``amount`` for the quantity at ``text[start:end]``."""
    grammar = grammar or default_grammar()
    if form == "ordinal" or text[start:start + 1] == "第":
        return "rank"
    before = text[clause_start(text, start, max(0, start - 24)):start]
    before = before.rstrip(" 同比分别共计约近超")
    if grammar.change_tail.search(before):
        return "change"
    return "amount"


def _strip(span: Tuple[int, int], text: str) -> Tuple[int, int]:
    """Trim separators, and brackets or quotes left unbalanced, off both ends."""
    s, e = span
    while True:
        s0, e0 = s, e
        while s < e and text[s] in _TRIM_CHARS:
            s += 1
        while e > s and text[e - 1] in _TRIM_CHARS:
            e -= 1
        if s < e and text[e - 1] in _CLOSERS and _OPENERS[_CLOSERS.index(text[e - 1])] not in text[s:e - 1]:
            e -= 1
        if s < e and text[s] in _OPENERS and _CLOSERS[_OPENERS.index(text[s])] not in text[s + 1:e]:
            s += 1
        if s < e and text[s] in _CLOSERS:
            s += 1
        if s < e and text[e - 1] in _OPENERS:
            e -= 1
        if (s, e) == (s0, e0):
            return s, e


def _noun_after(text: str, end: int, grammar: MetricGrammar, limit: int = 24) -> Optional[Tuple[int, int]]:
    """The noun phrase right after a counted number (79个|重点项目|完成 ...)."""
    stop = end
    hard = min(len(text), end + limit)
    depth = 0
    while stop < hard:
        c = text[stop]
        if c in "“「(（《":
            depth += 1
        elif c in "”」)）》":
            depth = max(0, depth - 1)
        elif depth == 0 and (c in _CLAUSE_END or c in "、" or c.isdigit()):
            break
        if depth == 0 and stop > end and grammar.stop.match(text, stop):
            break
        stop += 1
    if stop - end < 1 or (stop == end + 1 and text[end] in _QUOTES):
        return None
    if grammar.stop.match(text, end):
        return None
    return _strip((end, stop), text)


def _noun_before(text: str, start: int, floor: int, grammar: MetricGrammar) -> Optional[Tuple[int, int]]:
    """What is measured, from the words before the number in its clause."""
    s, e = _strip((floor, start), text)
    # Cut link verbs and comparison frames off the end, repeatedly (同比增长, 分别突破, 比上年度提高).
    for _ in range(6):
        seg = text[s:e]
        m = None
        for tail in (grammar.change_tail, grammar.comparison_tail, grammar.link_tail, grammar.place_tail,
                     _PERIOD_TAIL):
            m = tail.search(seg)
            if m and m.end() > m.start():
                break
        if not m or m.end() == m.start():
            break
        e = s + m.start()
        s, e = _strip((s, e), text)
    # Leading connectives and place words (其中, 全区 ...).
    for lead in (_DATE_LEAD, grammar.lead, _DATE_LEAD):
        m = lead.match(text[s:e])
        if m and m.end() < e - s:
            s += m.end()
        s, e = _strip((s, e), text)
    # An action verb introduces the thing counted: keep what follows the last one.
    actions = []
    for m in grammar.action.finditer(text, s, e):
        # A verb that heads a noun (解决率, 投资额, 种植面积, 保障性, 安置点, 支出的比重) is no action here.
        if m.end() < e and text.startswith(grammar.nominal_heads, m.end()):
            continue
        actions.append(m)
    last = actions[-1] if actions else None
    if last is not None and last.end() == e:
        # A clause that ends on a verb (完成营造林, 科创板上市企业新增): the thing is what follows an
        # earlier action verb, if one stands apart from the last, else what precedes the last.
        earlier = [m for m in actions[:-1] if m.end() < last.start()]
        if earlier:
            s = earlier[-1].end()
        elif last.start() > s:
            e = last.start()
        else:
            return None
    elif last is not None:
        # A verbal noun that names the measure alone keeps its verb and a short modifier before it
        # (城镇新增就业), not a longer subject (79个重点项目|完成投资).
        if text[last.end():e] not in grammar.bare_measures:
            s = last.end()
        elif last.start() - s > 2:
            s = last.start()
    s, e = _strip((s, e), text)
    for opener in (grammar.lead, grammar.lead_verb):  # 修复|等灾后…项目, 改造|农村公路
        m = opener.match(text[s:e])
        if m and m.end() < e - s:
            s += m.end()
    frame = grammar.frame.search(text[s:e])
    if frame:
        s, e = s + frame.start(1), s + frame.end(1)
    if e - s < 1:
        return None
    return s, e


@dataclass
class Described:
    """Kind and indicator of one quantity (indicator as offsets into the text)."""

    kind: str
    indicator: Optional[Tuple[int, int]]


def describe_metrics(text: str, metrics: Sequence[Tuple[int, int, Optional[str], Optional[str]]],
                     grammar: Optional[MetricGrammar] = None) -> List[Described]:
    """Kind and indicator of each quantity ``(start, end, unit, form)``, in text order."""
    grammar = grammar or default_grammar()
    out: List[Described] = []
    prev_end = 0
    prev: Optional[Described] = None
    prev_start = 0
    inherited: List[bool] = []
    for start, end, unit, form in metrics:
        inherited.append(False)
        kind = metric_kind(text, start, end, unit, form, grammar)
        # A quantity listed after another (12家、“上云上链”企业600家) starts its own clause;
        # one that follows with nothing but the separator (分别增长7.5%和10.2%,
        # 突破200家、100家) shares the previous one's kind and indicator.
        listed = prev is not None and text[prev_end:prev_end + 1] in _LIST_SEPARATORS
        if listed and start - prev_end == 1:
            out.append(Described(kind=prev.kind, indicator=prev.indicator))
            prev, prev_end, prev_start = out[-1], end, start
            continue
        floor = clause_start(text, start, prev_end if listed else 0)
        indicator = None
        if (kind == "rank" and prev is not None and prev.indicator is not None
                and prev_start >= clause_start(text, start)):
            out.append(Described(kind=kind, indicator=prev.indicator))
            prev, prev_end, prev_start = out[-1], end, start
            continue
        if kind == "amount" and unit in grammar.classifiers:
            indicator = _noun_after(text, end, grammar) or _noun_before(text, start, floor, grammar)
        else:
            indicator = _noun_before(text, start, floor, grammar)
        if (indicator is None and prev is not None and prev.indicator is not None
                and same_sentence(text, prev_start, start)):
            indicator = prev.indicator
            inherited[-1] = True
        described = Described(kind=kind, indicator=indicator)
        out.append(described)
        prev, prev_end, prev_start = described, end, start
    _respectively(text, metrics, out, inherited)
    return out


_RESPECTIVELY = re.compile(r"分别[^，,。；;：:、]{0,6}$")


def _respectively(text: str, metrics: Sequence[Tuple[int, int, Optional[str], Optional[str]]],
                  out: List[Described], inherited: List[bool]) -> None:
    """分别 after quantities of different things: the k listed changes go to those k things in order.

    接待游客680万人次，实现旅游总收入72.4亿元，分别增长32.5%和28.7% -> 游客, 旅游总收入. Only where the
    clause of 分别 names nothing itself (its indicator was inherited) and the k quantities right before it,
    in the same sentence, name k different things.
    """
    i = 0
    while i < len(metrics):
        start = metrics[i][0]
        if not inherited[i] or not _RESPECTIVELY.search(text[clause_start(text, start):start]):
            i += 1
            continue
        j = i + 1  # the list: quantities joined by a single separator
        while j < len(metrics) and metrics[j][0] - metrics[j - 1][1] == 1 \
                and text[metrics[j - 1][1]] in _LIST_SEPARATORS:
            j += 1
        k = j - i
        if k >= 2 and i >= k:
            before = out[i - k:i]
            names = [d.indicator for d in before]
            if (all(n is not None for n in names) and len(set(names)) == k
                    and same_sentence(text, metrics[i - k][0], start)):
                for n, d in zip(names, out[i:j]):
                    d.indicator = n
        i = j
