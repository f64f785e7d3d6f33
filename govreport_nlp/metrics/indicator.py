"""What a stated quantity measures (its indicator) and its kind, from the clause structure.

Pure functions over text and character offsets (no spaCy); the text is read folded (full-width and
traditional characters: 增長 reads as 增长), and indicators are offsets into the original. The words
of report grammar are data in ``metrics/data/metric_grammar.json``; the clause model is in
:mod:`govreport_nlp.metrics.clause`. The rules, in the order :func:`describe_metrics` applies them:

* **from-to** (由2018年的420家增长到1150家): both numbers take what stands before 由, kind amount;
* **rank** (位居全省百强县第12位、营商环境评价第5位): the thing after the rank verb, unless it is only a
  scope (位居全市第一 -> the subject before the verb); each rank of a list its own thing;
* **counted noun** (79个重点项目, 新建公路460公里、5个污水处理厂): the noun after a classifier;
* **words before the number** in the same clause, with link verbs and comparison frames cut off the
  end (同比增长, 分别突破, 比上年提高), and connectives, hedges and the action verb cut off the start
  (其中, 预计, 力争, 发放 ...), an example list closed by 等 dropped (新材料、新能源等|产业);
* **topic**: where the clause names nothing, the indicator of the quantity before it in the sentence;
* **分别** (:func:`_respectively`, :func:`_coordination`): changes listed after quantities of different
  things go to those things in order; numbers listed after a coordination A、B分别… take the items one by
  one where the first item names a measurable thing by itself (社会消费品零售总额和实际利用外资) or the
  numbers count things, else the whole coordination (城镇、农村居民人均可支配收入: a head written once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

from .clause import (
    CLAUSE_END,
    LIST_SEPARATORS,
    NUMERAL,
    QUOTES,
    SENTENCE_END,
    ClauseStarts,
    clause_start,
    clause_start_from,
    coordination_items,
    from_anchor,
    is_to_number,
    same_sentence,
    strip_span,
)
from .grammar import (
    EndSearch,
    EndSearches,
    MetricGrammar,
    SearchMemo,
    any_of,
    default_grammar,
    first_chars,
    fold_grammar_text,
)
from .kind import clause_kind, indicator_kind, text_words

# Dates and periods that open or close a clause carry no indicator (2023年外贸进出口总值, 粮食总产量连续五年).
_DATE_LEAD = re.compile(
    rf"(?:(?:到|至|截至|截止到?)?[{NUMERAL}]{{2,4}}年(?:[{NUMERAL}]{{1,2}}月)?(?:份|底|末|初|以来|来|前)?)+"
)
_PERIOD_TAIL = re.compile(
    rf"(?<![{NUMERAL}])(?:连续|近|过去)?[{NUMERAL}]{{1,3}}(?:个)?(?:年|个月)(?:来|间|以来|平均)?$"
)
_PERIOD_TAIL_END = EndSearch(_PERIOD_TAIL)
#: what may follow a rank verb without naming a ranked thing (位居|全市|第一)
_RANK_SCOPE = re.compile(
    r"^(?:全[国省市州区县镇乡盟]|全球|世界|国内|省内|市内|区内|同类城市|同类地区|"
    r"[^，,、]{1,3}[省市州县区])?(?:同类)?(?:城市|县市区|地区)?$"
)

Metric = Tuple[int, int, Optional[str], Optional[str]]


class _Edges(NamedTuple):
    """The lead and tail patterns of a grammar, in the order the rules try them, and one pattern
    for any of the leads (a span none of them fits is left as it is after one test, not three).
    The tails only match at the end of a span: they are searched from near its end (:class:`EndSearch`)."""

    leads: Tuple["re.Pattern[str]", ...]
    any_lead: "re.Pattern[str]"
    tails: EndSearches
    #: the characters a lead can start with (None: not known): a span opening on another has none
    lead_chars: Optional[FrozenSet[str]]


#: id(grammar) -> (grammar, its edges): the grammar is kept so that its id stays its own
_EDGES: Dict[int, Tuple[MetricGrammar, _Edges]] = {}


def _edges(grammar: MetricGrammar) -> _Edges:
    known = _EDGES.get(id(grammar))
    if known is None or known[0] is not grammar:
        leads = (_DATE_LEAD, grammar.lead, grammar.hedge_lead)
        ends = grammar.ends
        tails = (ends.change_tail, ends.comparison_tail, ends.link_tail, ends.place_tail, _PERIOD_TAIL_END)
        any_lead = any_of([p.pattern for p in leads])
        known = (grammar, _Edges(leads, any_lead, EndSearches(tails), first_chars(any_lead)))
        _EDGES[id(grammar)] = known
    return known[1]


def _cut_leads(text: str, s: int, e: int, grammar: MetricGrammar) -> Tuple[int, int]:
    """Cut dates, connectives, place words and hedges off the start of ``text[s:e]`` (trimmed, as
    :func:`strip_span` leaves it), as long as something is left."""
    edges = _edges(grammar)
    for _ in range(6):
        if not edges.any_lead.match(text, s, e):
            break
        s0 = s
        for lead in edges.leads:
            m = lead.match(text, s, e)
            if m and m.end() < e:
                s, e = strip_span((m.end(), e), text)
        if s == s0:
            break
    return s, e


def _cut_tails(
    text: str, s: int, e: int, tails: EndSearches, memo: Optional[SearchMemo] = None
) -> Tuple[int, int, bool]:
    """Cut link verbs, change verbs, comparison frames and periods (``tails``, :func:`_edges`) off
    the end of ``text[s:e]`` (as :func:`strip_span` leaves it), repeatedly (同比增长, 分别突破,
    比上年度提高, 连续五年); also whether no tail is left at the end (False where the cuts stopped
    after six). ``memo``: the document's tail searches."""
    for _ in range(6):
        k = _tail_start(text[s:e], tails, memo)
        if k is None:
            return s, e, True
        s, e = strip_span((s, s + k), text)
    return s, e, False


def _tail_start(seg: str, tails: EndSearches, memo: Optional[SearchMemo] = None) -> Optional[int]:
    """Where the first of ``tails`` (in the rules' order) that matches the end of ``seg`` starts,
    or None (an empty match is none). Each is tried on its own: one pattern of them all has no first
    character to skip to, and costs more than all of them; those that cannot end on the last
    character of ``seg`` are not tried; those ``memo`` has searched ``seg`` for are not searched again."""
    for tail in tails.candidates(seg):
        m = tail.search(seg) if memo is None else memo.search(tail, seg)
        if m and m.end() > m.start():
            return m.start()
    return None


def _all_lead(text: str, s: int, e: int, grammar: MetricGrammar) -> bool:
    """True when ``text[s:e]`` is nothing but dates, connectives, place words and hedges."""
    edges = _edges(grammar)
    for _ in range(6):
        if s >= e:
            return True
        if not edges.any_lead.match(text, s, e):
            return False
        s0 = s
        for lead in edges.leads:
            m = lead.match(text, s, e)
            if m:
                s = strip_span((m.end(), e), text)[0]
        if s == s0:
            return False
    return s >= e


def _after_examples(text: str, s: int, e: int, grammar: MetricGrammar) -> int:
    """新材料、新能源等|战略性新兴产业: the start after a list of examples closed by 等 (not where 等
    is part of a word: 高等教育, 一等奖). A single example (上海远怀等项目) stays, as the dev gold has it."""
    k = text.rfind(grammar.example_marker, s, e)
    if (
        k - s >= 2
        and e - k > 2
        and text[k - 1] not in grammar.example_marker_words
        and text[k + 1] not in "级同值"
        and any(c in text[s:k] for c in "、和及与")
    ):
        return strip_span((k + 1, e), text)[0]
    return s


def _noun_after(
    text: str, end: int, grammar: MetricGrammar, limit: int = 24, until: Optional[int] = None
) -> Optional[Tuple[int, int]]:
    """The noun phrase right after a counted number (79个|重点项目|完成 ...), up to the next quantity
    (``until``): a number inside the phrase is a modifier (3个|5G基站, 2个|30万千瓦光伏电站)."""
    stop = end
    hard = min(len(text), end + limit)
    depth = 0
    word = end  # where the next stop word starts, at or after ``stop`` once looked for
    while stop < hard:
        c = text[stop]
        if c in "“「(（《":
            depth += 1
        elif c in "”」)）》":
            depth = max(0, depth - 1)
        elif depth == 0 and (
            c in CLAUSE_END or c in "、" or (until is None and c.isdigit()) or (until is not None and stop >= until)
        ):
            break
        if depth == 0 and stop > end:
            if word < stop:
                word = _next_stop_word(text, stop, hard, grammar)
            if word == stop:
                break
        stop += 1
    if stop - end < 1 or (stop == end + 1 and text[end] in QUOTES):
        return None
    if grammar.stop.match(text, end):
        return None
    return strip_span((end, stop), text)


def _next_stop_word(text: str, pos: int, hard: int, grammar: MetricGrammar) -> int:
    """The first offset from ``pos`` on where ``grammar.stop`` matches (``len(text)`` where none does
    before ``hard``): one search instead of a match at every character. The search ends where a
    word starting before ``hard`` ends at the latest."""
    width = grammar.stop_width
    found = grammar.stop.search(text, pos, len(text) if width is None else hard - 1 + width)
    return found.start() if found else len(text)


def _noun_before(
    text: str, start: int, floor: int, grammar: MetricGrammar, memo: Optional[SearchMemo] = None
) -> Optional[Tuple[int, int]]:
    """What is measured, from the words before the number in its clause (``memo``: the document's
    tail searches, which the kind of the number has mostly made already)."""
    edges = _edges(grammar)
    s, e = strip_span((floor, start), text)
    s, e, settled = _cut_tails(text, s, e, edges.tails, memo)
    cut = (s, e)
    # Leading connectives, place words and hedges (其中, 全区, 预计, 力争 ...), repeatedly; a clause
    # of nothing else (今年|达到105万吨) names nothing. One test first: most clauses open on none.
    if s >= e:
        return None
    if (edges.lead_chars is None or text[s] in edges.lead_chars) and edges.any_lead.match(text, s, e):
        if _all_lead(text, s, e, grammar):
            return None
        s, e = _cut_leads(text, s, e, grammar)
    # An action verb introduces the thing counted: keep what follows the last one.
    actions = []
    nouns: Optional[List[Tuple[int, int]]] = None  # found where a verb is (most clauses have none)
    for m in grammar.action.finditer(text, s, e):
        if nouns is None:
            nouns = [(n.start(), n.end()) for n in grammar.nominal_word.finditer(text, s, e)]
        if any(a <= m.start() < b for a, b in nouns):
            continue
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
        elif last.start() - s > 1:
            e = last.start()
        elif last.start() > s:
            pass  # a one-character modifier and the verb name the thing together (新造林)
        elif text[s:e].endswith(tuple(grammar.bare_measures)):
            return s, e  # the verbal noun names the measure alone (带动就业, 完成投资)
        else:
            return None
    elif last is not None:
        # A verbal noun that names the measure alone keeps its verb and a short modifier before it
        # (城镇新增就业), not a longer subject (79个重点项目|完成投资).
        if text[last.end() : e] not in grammar.bare_measures:
            s = last.end()
            # 完成|造林|绿化: a short remainder right after two verbs in a row keeps the second (造林绿化)
            if e - s <= 2 and any(m.end() == last.start() for m in actions[:-1]):
                s = last.start()
        elif last.start() - s > 2:
            s = last.start()
    s, e = strip_span((s, e), text)
    if not settled or (s, e) != cut:  # the span as cut above has no tail left: no second pass over it
        s, e, _ = _cut_tails(text, s, e, edges.tails, memo)
    opens = grammar.opener_chars  # a span opening on none of their first characters keeps its start
    if s < e and (opens is None or text[s] in opens):
        opener = grammar.opener_cut.match(text, s, e)  # 修复|等灾后…项目, 改造|农村公路
        if opener:
            s = opener.end()
    frame = grammar.ends.frame.search(text[s:e])
    if frame:
        s, e = s + frame.start(1), s + frame.end(1)
    s = _after_examples(text, s, e, grammar)
    if e - s < 1:
        return None
    return s, e


@dataclass
class Described:
    """Kind and indicator of one quantity (indicator as offsets into the text)."""

    kind: str
    indicator: Optional[Tuple[int, int]]


def _sentence_topic(text: str, start: int, floor: int, grammar: MetricGrammar) -> Optional[Tuple[int, int]]:
    """The topic of the sentence: the words that open its first clause, up to the first verb
    (农村居民人均可支配收入|实现翻番，达到1.9万元), where an earlier clause of the sentence names it."""
    s = floor
    while s > 0 and text[s - 1] not in SENTENCE_END:
        s -= 1
    first_end = s
    while first_end < start and text[first_end] not in CLAUSE_END:
        first_end += 1
    if first_end >= start:
        return None
    s, e = strip_span((s, first_end), text)
    if _all_lead(text, s, e, grammar):
        return None
    s, e = _cut_leads(text, s, e, grammar)
    verbs = [m.start() for m in (grammar.action.search(text, s, e), grammar.link_verb.search(text, s, e)) if m]
    if not verbs or min(verbs) - s < 2:
        return None
    return strip_span((s, min(verbs)), text)


def _rank_object(text: str, floor: int, start: int, grammar: MetricGrammar) -> Optional[Tuple[int, int]]:
    """The thing ranked, from a rank verb in the clause (位居全省百强县|第12位), or None without one."""
    verbs = list(grammar.rank_verb.finditer(text, floor, start))
    if not verbs:
        return None
    verb = verbs[-1]
    s, e = strip_span((verb.end(), start), text)
    if s < e and not _RANK_SCOPE.match(text[s:e]):
        return s, e
    return _noun_before(text, verb.start(), floor, grammar)


def describe_metrics(
    text: str, metrics: Sequence[Metric], grammar: Optional[MetricGrammar] = None, folded: Optional[str] = None
) -> List[Described]:
    """Kind and indicator of each quantity ``(start, end, unit, form)``, in text order. ``folded``:
    ``fold_grammar_text(text, grammar)`` where the caller has it."""
    grammar = grammar or default_grammar()
    text = fold_grammar_text(text, grammar) if folded is None else folded
    out: List[Described] = []
    prev_end = 0
    prev: Optional[Described] = None
    prev_start = 0
    prev_from = False
    inherited: List[bool] = []
    words = text_words(text, grammar)  # the rules whose words the text lacks are not tried per number
    clauses = ClauseStarts(text)
    memo = SearchMemo()  # the kind and the indicator of a number search the same segments
    for n, (start, end, unit, form) in enumerate(metrics):
        next_start = metrics[n + 1][0] if n + 1 < len(metrics) else len(text)
        inherited.append(False)
        clause = clauses.before(start)  # clause_start(text, start): the rules below read it with their floors
        kind, settled = clause_kind(text, start, form, grammar, clause, words, memo)
        rank = kind == "rank"
        # From-to: the number after 由X + a to-verb takes X's indicator; both are amounts.
        if prev is not None and prev_from and is_to_number(text, prev_end, start, grammar):
            out.append(Described(kind="rank" if rank else "amount", indicator=prev.indicator))
            prev, prev_end, prev_start, prev_from = out[-1], end, start, False
            continue
        listed = prev is not None and text[prev_end : prev_end + 1] in LIST_SEPARATORS
        floor = clause_start_from(clause, start, prev_end if listed else 0)
        anchor = from_anchor(text, floor, start, grammar) if words.from_marker else None
        if anchor is not None:
            indicator = _noun_before(text, anchor, floor, grammar, memo)
            described = Described(kind="rank" if rank else "amount", indicator=indicator)
            out.append(described)
            prev, prev_end, prev_start, prev_from = described, end, start, True
            continue
        counted = unit in grammar.classifiers and not rank
        noun_after = _noun_after(text, end, grammar, until=next_start) if counted else None
        # A quantity that follows another with nothing but the separator (分别增长7.5%和10.2%, 突破200家、100家)
        # shares its kind and indicator, unless a noun of its own follows it (460公里、5个污水处理厂).
        if listed and prev is not None and start - prev_end == 1 and noun_after is None:
            out.append(Described(kind=prev.kind, indicator=prev.indicator))
            prev, prev_end, prev_start, prev_from = out[-1], end, start, False
            continue
        indicator = None
        if rank:
            indicator = _rank_object(text, floor, start, grammar)
            if indicator is None:
                own = _noun_before(text, start, floor, grammar, memo) if listed else None
                if own is not None and not _RANK_SCOPE.match(text[own[0] : own[1]]):
                    indicator = own
                elif prev is not None and prev.indicator is not None and prev_start >= clause:
                    indicator = prev.indicator
                else:
                    indicator = _noun_before(text, start, floor, grammar, memo)
        elif counted:
            indicator = noun_after or _noun_before(text, start, floor, grammar, memo)
        else:
            indicator = _noun_before(text, start, floor, grammar, memo)
        if indicator is not None and text[indicator[0] : indicator[1]] in grammar.bare_heads:
            indicator = None  # 其中税收收入36亿元，占比80%: the share of what was named before
        if (
            indicator is None
            and prev is not None
            and prev.indicator is not None
            and same_sentence(text, prev_start, start)
        ):
            indicator = prev.indicator
            inherited[-1] = True
        elif indicator is None and not rank:
            indicator = _sentence_topic(text, start, prev_end if prev is not None else 0, grammar)
        if not settled and indicator is not None:
            kind = indicator_kind(text[indicator[0] : indicator[1]], grammar) or kind
        described = Described(kind=kind, indicator=indicator)
        out.append(described)
        prev, prev_end, prev_start, prev_from = described, end, start, False
    if _RESPECTIVELY_WORD in text:  # both rules read 分别 before the numbers they pair
        _coordination(text, metrics, out, grammar)
        _respectively(text, metrics, out, inherited)
    return out


_RESPECTIVELY_WORD = "分别"
_RESPECTIVELY = re.compile(rf"{_RESPECTIVELY_WORD}[^，,。；;：:、]{{0,6}}$")


def _listed_run(text: str, metrics: Sequence[Metric], i: int) -> int:
    """End index of the run of quantities from ``i`` joined by a single separator (7.5%和10.2%)."""
    j = i + 1
    while j < len(metrics) and metrics[j][0] - metrics[j - 1][1] == 1 and text[metrics[j - 1][1]] in LIST_SEPARATORS:
        j += 1
    return j


def _respectively(text: str, metrics: Sequence[Metric], out: List[Described], inherited: List[bool]) -> None:
    """分别 after quantities of different things: the k listed changes go to those k things in order.

    接待游客680万人次，实现旅游总收入72.4亿元，分别增长32.5%和28.7% -> 游客, 旅游总收入. Only where the
    clause of 分别 names nothing itself (its indicator was inherited) and the k quantities right before it,
    in the same sentence, name k different things.
    """
    i = 0
    while i < len(metrics):
        start = metrics[i][0]
        if not inherited[i] or not _RESPECTIVELY.search(text[clause_start(text, start) : start]):
            i += 1
            continue
        j = _listed_run(text, metrics, i)
        k = j - i
        if k >= 2 and i >= k:
            before = out[i - k : i]
            names = [d.indicator for d in before]
            if (
                all(n is not None for n in names)
                and len(set(names)) == k
                and same_sentence(text, metrics[i - k][0], start)
            ):
                for n, d in zip(names, out[i:j]):
                    d.indicator = n
        i = j


def _coordination(text: str, metrics: Sequence[Metric], out: List[Described], grammar: MetricGrammar) -> None:
    """A、B分别达到x、y: pair the items with the numbers where each item names a thing by itself.

    The numbers count things (科技型企业、高新技术企业总量分别突破200家、100家 -> 科技型企业, 高新技术企业)
    or the first item ends on a measure head (社会消费品零售总额和实际利用外资): each number its item, a
    trailing measure head of a counted item cut. Otherwise the items share a head written once
    (城镇、农村居民人均可支配收入; 出口、进口) and every number keeps the whole coordination.
    """
    i = 0
    while i < len(metrics):
        j = _listed_run(text, metrics, i)
        k = j - i
        d = out[i]
        start = metrics[i][0]
        if (
            k < 2
            or d.indicator is None
            or _RESPECTIVELY_WORD not in text[d.indicator[1] : start]
            or any(x.indicator != d.indicator for x in out[i:j])
        ):
            i = j
            continue
        items = coordination_items(text, *d.indicator)
        counted = metrics[i][2] in grammar.classifiers
        if len(items) == k and (counted or grammar.measure_tail.search(text[items[0][0] : items[0][1]])):
            for (s, e), x in zip(items, out[i:j]):
                if counted:
                    m = grammar.measure_tail.search(text[s:e])
                    if m and m.start() > 0:
                        e = s + m.start()
                x.indicator = (s, e)
        i = j
