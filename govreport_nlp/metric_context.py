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
  indicator of the quantity before it in the same sentence.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
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
        )


@lru_cache(maxsize=1)
def default_grammar() -> MetricGrammar:
    """The grammar shipped in ``patterns/metric_grammar.json``."""
    return MetricGrammar.from_dict(json.loads(GRAMMAR_FILE.read_text(encoding="utf-8")), str(GRAMMAR_FILE))


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
        for tail in (grammar.change_tail, grammar.comparison_tail, grammar.link_tail, grammar.place_tail):
            m = tail.search(seg)
            if m and m.end() > m.start():
                break
        if not m or m.end() == m.start():
            break
        e = s + m.start()
        s, e = _strip((s, e), text)
    # Leading connectives and place words (其中, 全区 ...).
    m = grammar.lead.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    s, e = _strip((s, e), text)
    # An action verb introduces the thing counted: keep what follows the last one.
    last = None
    for m in grammar.action.finditer(text, s, e):
        # A verb that heads a noun (解决率, 投资额, 完成量) is no action here.
        if m.end() < e and text[m.end()] in _NOMINAL_SUFFIXES:
            continue
        last = m
    if last is not None:
        if last.end() < e:
            s = last.end()
        elif last.start() > s:
            e = last.start()
        else:
            return None
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
    for start, end, unit, form in metrics:
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
        described = Described(kind=kind, indicator=indicator)
        out.append(described)
        prev, prev_end, prev_start = described, end, start
    return out
