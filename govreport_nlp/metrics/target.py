"""Target or reported result: the ``target`` attribute of a METRIC.

A figure is a target when it is a goal, plan, forecast for a coming period or a commitment; a
result when it reports what happened (estimates of the year just ended included). Three layers,
read from ``metrics/data/metric_target.json`` (see its ``_doc``):

1. **Section** of the document: headings (二、2024年工作安排; 一、2023年工作回顾) and cue sentences
   (今年政府工作的总体要求和主要预期目标是：…; 过去一年，…) switch between a review and a plan from
   where they stand to the next switch.
2. **Sentence opener**: 今年…, 明年… / 去年…, 截至… set the sentence alone.
3. **Clause cue**: inside a sentence the last cue before the number wins, to the end of the
   sentence: 力争, 计划, 确保, 将, 到2025年… (target) or 预计全年, 初步测算… (result).

Pure functions over text (no spaCy); traditional characters are folded first (目標 -> 目标).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import Errors
from ..tables import active_tables
from .grammar import (
    AnyOf,
    MetricGrammar,
    alternation,
    default_grammar,
    fold_grammar_text,
    max_width,
    reads_no_context,
)

_LIST_KEYS = (
    "heading_enumerators",
    "plan_sections",
    "plan_sentences",
    "review_sections",
    "plan_openers",
    "review_openers",
    "target_cues",
    "clause_cues",
    "target_patterns",
    "result_cues",
    "weak_result_cues",
    "blocked",
)
_ALLOWED = frozenset(_LIST_KEYS + ("_doc", "heading_max_chars"))
_SENTENCE_END = "。！!？?\n\r"
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十0-9]+[）)]")
_CLAUSE_SEPARATORS = frozenset("，,；;：:")
_NUMBER_NEXT = re.compile(r"[0-9一二三四五六七八九十两百千万亿]")
_YEAR = re.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})年")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _year(match: "re.Match[str]") -> int:
    """The year of a ``_YEAR`` match (2023年, 二〇二三年)."""
    return int(match.group("year").translate(_CN_DIGITS))


def _words(words: Sequence[str]) -> "re.Pattern[str]":
    return re.compile(alternation(words)) if words else re.compile(r"(?!)")


@dataclass(frozen=True)
class SectionCues:
    """Compiled cues of ``metric_target.json``."""

    raw: Dict[str, Any]
    heading: "re.Pattern[str]"
    heading_max_chars: int
    plan_section: "re.Pattern[str]"
    plan_sentence: "re.Pattern[str]"
    review_section: "re.Pattern[str]"
    plan_opener: "re.Pattern[str]"
    review_opener: "re.Pattern[str]"
    target: Tuple["re.Pattern[str]", ...]
    result: "re.Pattern[str]"
    blocked: "re.Pattern[str]"
    clause_cues: frozenset = frozenset()
    weak_result: "re.Pattern[str]" = re.compile(r"(?!)")
    grammar: MetricGrammar = field(default_factory=default_grammar)
    #: any section word (plan or review): a sentence without one switches nothing
    any_section: "re.Pattern[str]" = re.compile("")
    #: any target or result cue: a clause without one has no cue
    any_cue: AnyOf = AnyOf([re.compile("")])
    #: True when no cue reads context (:func:`reads_no_context`): a text without a cue holds
    #: none in any of its clauses either
    cues_read_no_context: bool = False
    #: the most characters :func:`_opener` reads (None: not known)
    opener_width: Optional[int] = None

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source: str = "<dict>") -> "SectionCues":
        """Compile a cue table; ValueError E122 (missing key) or E123 (unknown key) names ``source``."""
        missing = [k for k in _LIST_KEYS if not isinstance(data.get(k), list)]
        if missing:
            raise ValueError(Errors.E122.format(source=source, missing=missing, needed=list(_LIST_KEYS)))
        unknown = sorted(set(data) - _ALLOWED)
        if unknown:
            raise ValueError(Errors.E123.format(source=source, keys=unknown, allowed=sorted(_ALLOWED)))
        target = (_words(data["target_cues"]),) + tuple(re.compile(p) for p in data["target_patterns"])
        result = _words(data["result_cues"])
        plan_opener = re.compile(rf"^(?:{alternation(data['plan_openers'])})")
        review_opener = re.compile(rf"^(?:{alternation(data['review_openers'])})")
        return cls(
            raw=dict(data),
            heading=re.compile("|".join(data["heading_enumerators"])),
            heading_max_chars=int(data.get("heading_max_chars", 40)),
            plan_section=_words(data["plan_sections"]),
            plan_sentence=_words(data["plan_sentences"]),
            review_section=_words(data["review_sections"]),
            plan_opener=plan_opener,
            review_opener=review_opener,
            target=target,
            result=result,
            blocked=_words(data["blocked"]),
            clause_cues=frozenset(data["clause_cues"]),
            weak_result=_words(data["weak_result_cues"]),
            any_section=_words(data["plan_sections"] + data["plan_sentences"] + data["review_sections"]),
            # The cue words of both kinds in one alternation (one scan of the text, not two); the
            # target patterns each on their own. Only whether one matches is read.
            any_cue=AnyOf([_words(data["target_cues"] + data["result_cues"]), *target[1:]]),
            cues_read_no_context=all(reads_no_context(p) for p in (*target, result)),
            opener_width=_opener_width(plan_opener, review_opener),
        )


def _opener_width(*openers: "re.Pattern[str]") -> Optional[int]:
    """The most characters :func:`_opener` reads with these openers (and ``_YEAR``): the longest
    match of any of them, where none looks ahead; None when not known."""
    patterns = (*openers, _YEAR)
    # Each opener is ``^`` and words: without its ``^`` nothing of it may read around its match.
    if not all(p.pattern.startswith("^") and reads_no_context(re.compile(p.pattern[1:])) for p in openers):
        return None
    widths = [max_width(p) for p in patterns]
    return None if any(w is None for w in widths) else max(w for w in widths if w is not None)


def default_cues() -> SectionCues:
    """The cues of the active tables (:func:`govreport_nlp.tables.active_tables`; the package's
    ``metrics/data/metric_target.json`` outside a component), compiled once per table set."""
    return active_tables().derived(
        "metric_target", lambda t: SectionCues.from_dict(t["metric_target"], t.source("metric_target"))
    )


#: a sentence or line: up to and with its end mark, leading spaces skipped
_SENTENCE = re.compile(f"[ \\t\u3000]*([^{_SENTENCE_END}]+[{_SENTENCE_END}]?|[{_SENTENCE_END}])")


def _sentences(text: str) -> List[Tuple[int, int]]:
    """(start, end) of every sentence and line, leading spaces skipped (found once per call of
    :func:`metric_targets` or :func:`sections`: nothing else reads them)."""
    return [m.span(1) for m in _SENTENCE.finditer(text) if m.group(1).strip(" \t\u3000")]


def _is_heading(folded: str, s: int, e: int, cues: SectionCues) -> bool:
    line = folded[s:e].rstrip("\n\r")
    if cues.heading.match(line):
        return True
    return (
        len(line) <= cues.heading_max_chars
        and (e >= len(folded) or folded[e - 1] in "\n\r")
        and line[-1:] not in "。；;，,：:！!？?"
    )


def _unblocked(pattern: "re.Pattern[str]", text: str, blocked: List[Tuple[int, int]]) -> List["re.Match[str]"]:
    return [m for m in pattern.finditer(text) if not any(b0 <= m.start() < b1 for b0, b1 in blocked)]


def sections(
    text: str, cues: Optional[SectionCues] = None, folded: Optional[str] = None
) -> List[Tuple[int, Optional[bool], Optional[int]]]:
    """Where the section switches: ``(offset, is_plan, plan_year)``, in text order.

    ``is_plan`` is True from a plan heading or cue sentence on, False from a review one; ``plan_year``
    is the year of the plan section where a heading names it (2024年工作安排 -> 2024; 2023年工作回顾 -> 2024).
    ``folded``: ``fold_grammar_text(text, cues.grammar)`` where the caller has it.
    """
    cues = cues or default_cues()
    if folded is None:
        folded = fold_grammar_text(text, cues.grammar)
    return _sections(folded, _sentences(folded), cues)


def _sections(
    folded: str, sentences: List[Tuple[int, int]], cues: SectionCues
) -> List[Tuple[int, Optional[bool], Optional[int]]]:
    """:func:`sections` of the folded text, whose sentences (:func:`_sentences`) the caller has."""
    out: List[Tuple[int, Optional[bool], Optional[int]]] = []
    year: Optional[int] = None
    for s, e in sentences:
        seg = folded[s:e]
        if not cues.any_section.search(seg):
            continue  # no plan or review word: nothing switches here
        blocked = [(m.start(), m.end()) for m in cues.blocked.finditer(seg)]
        heading = _is_heading(folded, s, e, cues)
        if heading and _SUBHEADING.match(seg):
            continue  # （三）扎实推进重点工作: a part of a section, not a new one
        plan = _unblocked(cues.plan_section if heading else cues.plan_sentence, seg, blocked)
        review = _unblocked(cues.review_section, seg, blocked)
        if not plan and not review:
            continue
        if not heading and review and not (cues.review_opener.match(seg) or review[0].start() == 0):
            review = []  # a review word inside a sentence (回顾) does not open a section
        if not plan and not review:
            continue
        if heading:
            is_plan = bool(plan) and (not review or plan[-1].start() > review[-1].start())
        else:  # a sentence that opens on a review word is a review, whatever it goes on to name
            is_plan = not review
        y = _YEAR.search(seg)
        if y and (heading or (is_plan and y.start() < plan[0].start())):
            year = _year(y) + (0 if is_plan else 1)  # 2024年…主要预期目标是; 2023年工作回顾
        out.append((s, is_plan, year))
    return out


def _clause_cue(seg: str, cues: SectionCues, plan_year: Optional[int]) -> Optional[bool]:
    """The last target or result cue in ``seg`` (True / False), or None."""
    if not cues.any_cue.search(seg):
        return None
    blocked = [(m.start(), m.end()) for m in cues.blocked.finditer(seg)]
    best: Optional[Tuple[int, bool]] = None
    for m in (m for pattern in cues.target for m in _unblocked(pattern, seg, blocked)):
        if m.group() == "将" and _NUMBER_NEXT.match(seg, m.end()):
            continue  # 将32个村纳入…: the disposal construction, no plan
        if m.group() in cues.clause_cues and any(c in _CLAUSE_SEPARATORS for c in seg[m.end() :]):
            continue
        y = m.groupdict().get("year")
        if y and plan_year is not None and int(y) < plan_year:
            continue
        if best is None or m.start() >= best[0]:
            best = (m.start(), True)
    for m in _unblocked(cues.result, seg, blocked):
        if best is None or m.start() >= best[0]:
            best = (m.start(), False)
    return None if best is None else best[1]


def _opener(seg: str, cues: SectionCues, plan_year: Optional[int]) -> Optional[bool]:
    if cues.review_opener.match(seg):
        return False
    if cues.plan_opener.match(seg):
        return True
    y = _YEAR.match(seg)
    if y and plan_year is not None:
        return _year(y) >= plan_year
    return None


def _sentence_opener(
    folded: str,
    s: int,
    start: int,
    plan_year: Optional[int],
    seen: Dict[Tuple[str, Optional[int]], Optional[bool]],
    cues: SectionCues,
) -> Optional[bool]:
    """:func:`_opener` of ``folded[s:start]``, the sentence up to a number. The openers read no more
    than ``cues.opener_width`` characters, so the numbers of one sentence share the answer, kept in
    ``seen``."""
    width = cues.opener_width
    if width is None:
        return _opener(folded[s:start], cues, plan_year)
    head = folded[s : min(start, s + width)]
    key = (head, plan_year)
    if key not in seen:
        seen[key] = _opener(head, cues, plan_year)
    return seen[key]


def _weak_result(folded: str, s: int, e: int, sentence: int, seen: Dict[int, bool], cues: SectionCues) -> bool:
    """True when sentence ``folded[s:e]`` (number ``sentence``) holds a weak result cue (同比);
    ``seen`` keeps the answer for the other numbers of the sentence."""
    found = seen.get(sentence)
    if found is None:
        found = seen[sentence] = cues.weak_result.search(folded, s, e) is not None
    return found


def metric_targets(
    text: str, starts: Sequence[int], cues: Optional[SectionCues] = None, folded: Optional[str] = None
) -> List[bool]:
    """``target`` of the quantities starting at ``starts`` (offsets into ``text``). ``folded``:
    ``fold_grammar_text(text, cues.grammar)`` where the caller has it."""
    cues = cues or default_cues()
    if not starts:
        return []
    if folded is None:
        folded = fold_grammar_text(text, cues.grammar)
    sents = _sentences(folded)
    switches = _sections(folded, sents, cues)
    offsets = [s for s, _, _ in switches]
    sent_starts = [s for s, _ in sents]
    # One search of the whole text: where it holds no cue, no clause of it does (most short texts).
    cued = not cues.cues_read_no_context or cues.any_cue.search(folded) is not None
    weak: Dict[int, bool] = {}  # sentence -> it holds a weak result cue (searched once)
    openers: Dict[Tuple[str, Optional[int]], Optional[bool]] = {}  # see _sentence_opener
    out: List[bool] = []
    for start in starts:
        k = bisect_right(offsets, start) - 1
        section, year = (switches[k][1], switches[k][2]) if k >= 0 else (None, None)
        if year is None and switches:
            year = next((y for _, _, y in switches if y is not None), None)
        j = bisect_right(sent_starts, start) - 1
        s = sents[j][0] if j >= 0 else 0
        # with the number's first character (将32个)
        value = _clause_cue(folded[s : start + 1], cues, year) if cued else None
        if value is None and _weak_result(folded, s, sents[j][1] if j >= 0 else len(folded), j, weak, cues):
            value = False  # 同比 anywhere in a sentence without a target cue: a reported result
        if value is None:
            value = _sentence_opener(folded, s, start, year, openers, cues)
        if value is None:
            value = bool(section)
        out.append(value)
    return out
