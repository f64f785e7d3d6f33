"""The ``kind`` of a stated quantity: ``rank``, ``change`` or ``amount``.

* ``rank`` for 第N;
* ``change`` when a change verb or frame (增长, 下降, 超出…目标, 比上年提高) leads into the number;
  when the clause opens on a decrease verb before the thing reduced (压减一般性支出1.2亿元,
  减少行政审批事项36项); when what is measured is itself a change (居民消费价格涨幅控制在3%);
* ``amount`` for everything else, and for both ends of a from-to frame (由85家增加到132家).

Reads folded text (full-width and traditional characters folded: 增長 reads as 增长).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional, Tuple

from .clause import clause_start, clause_start_from
from .grammar import EndSearch, MetricGrammar, SearchMemo, default_grammar

#: verbs that hold a level (控制在, 保持在 ...), after which a change head keeps the kind change
_CONTROL = re.compile(r"(?:分别|均|都|同比)?(?:控制在|保持在|稳定在|为|达到|达)$")
_CONTROL_END = EndSearch(_CONTROL)
#: characters that may stand between a change verb and the number (同比增长 约, 分别增长)
_BETWEEN = " 同比分别共计约近超"


class TextWords(NamedTuple):
    """Which words of the clause rules a text holds at all (:func:`text_words`). Both are plain word
    lists: a text without one of them holds none in any part of it, and the rule is not tried."""

    #: a from marker (由, 从): the from-to frame
    from_marker: bool
    #: a decrease verb (压减, 减少 ...): a clause opened by one
    decrease: bool


def text_words(text: str, grammar: MetricGrammar) -> TextWords:
    """:class:`TextWords` of ``text`` (folded): two searches per text instead of a test per number."""
    return TextWords(grammar.from_marker.search(text) is not None, grammar.decrease_lead.search(text) is not None)


def metric_kind(
    text: str,
    start: int,
    end: int,
    unit: Optional[str],
    form: Optional[str],
    grammar: Optional[MetricGrammar] = None,
    indicator: Optional[str] = None,
) -> str:
    """``rank``, ``change`` or ``amount`` for the quantity at ``text[start:end]`` (folded text)."""
    grammar = grammar or default_grammar()
    kind, settled = clause_kind(text, start, form, grammar)
    if settled or indicator is None:
        return kind
    return indicator_kind(indicator, grammar) or kind


def clause_kind(
    text: str,
    start: int,
    form: Optional[str],
    grammar: MetricGrammar,
    clause: Optional[int] = None,
    words: Optional[TextWords] = None,
    memo: Optional[SearchMemo] = None,
) -> Tuple[str, bool]:
    """The kind from the clause alone, and whether the indicator can still change it: ``(kind, settled)``.

    Only an ``amount`` that the clause does not settle (no from-to frame) may become a ``change`` by
    its indicator (:func:`indicator_kind`). ``clause``: ``clause_start(text, start)`` where the
    caller has it; ``words``: ``text_words(text, grammar)`` where the caller has it; ``memo``: the
    document's tail searches, shared with the indicator rules.
    """
    if form == "ordinal" or text[start : start + 1] == "第":
        return "rank", True
    near = max(0, start - 24)  # the words right before the number
    floor = clause_start(text, start, near) if clause is None else clause_start_from(clause, start, near)
    before = text[floor:start].rstrip(_BETWEEN)
    if (words is None or words.from_marker) and grammar.from_marker.search(before) and grammar.to_tail.search(before):
        return "amount", True
    change_tail = grammar.ends.change_tail
    change = change_tail.search(before) if memo is None else memo.search(change_tail, before)
    if change and not _inside_action(before, change.start(), grammar):
        return "change", True
    # A decrease verb after the clause's lead and hedge, with something after it.
    opener = grammar.clause_decrease.match(text, floor, start) if words is None or words.decrease else None
    if opener and opener.end() < start and not _is_result_frame(before):
        return "change", True
    if _CONTROL_END.search(before) and grammar.ends.change_head_tail.search(_CONTROL.sub("", before)):
        return "change", True  # 居民消费价格涨幅控制在3%, 投资增速保持在10%
    return "amount", False


def indicator_kind(indicator: str, grammar: MetricGrammar) -> Optional[str]:
    """``change`` where what is measured is itself a change (居民消费价格涨幅), else None."""
    return "change" if indicator and grammar.ends.change_head_tail.search(indicator) else None


def _inside_action(before: str, at: int, grammar: MetricGrammar) -> bool:
    """True when the change word at ``at`` ends an action verb that starts earlier (改造提升, 整治提升)."""
    for m in grammar.action.finditer(before, max(0, at - 4)):
        if m.start() < at and m.end() == len(before):
            return True
    return False


def _is_result_frame(before: str) -> bool:
    """降至/减至/下降到 + level: a level reached, not an amount of decrease."""
    return before.endswith(("至", "到", "为", "在"))
