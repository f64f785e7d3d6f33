"""Span groups written and read back without making every ``Span`` object twice.

Reading ``doc.spans[key]`` makes a new ``Span`` object for each span (about
2 µs each), and the components of a pipeline read the groups that the ones
before them have just written. So a group written here is remembered with the
``Span`` objects it was written from, and :func:`read_group` returns those, as
long as the group is still the one written: the same ``SpanGroup`` object,
holding as many spans, in a doc with as many tokens (a token split or merge
makes every old span stale). A group changed by other means (replaced,
appended to, deleted from, or retokenised) is read from the doc again.

A ``Span`` holds its doc, so a remembered doc stays alive until it is dropped
from the memory: only the last :data:`RECENT_DOCS` docs are remembered (one
``nlp.pipe`` batch of the command line is 16), and only short ones (at most
:data:`MAX_TOKENS` tokens), where reading a group is a noticeable part of the
work. Any other doc is simply read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Dict, Iterable, Optional, Tuple

from spacy.tokens import Doc, Span, SpanGroup

__all__ = ["read_group", "write_group_spans", "RECENT_DOCS", "MAX_TOKENS"]

#: How many docs are remembered at most (the most recently written).
RECENT_DOCS = 32
#: Longer docs are not remembered.
MAX_TOKENS = 2000

Spans = Tuple[Span, ...]

#: id(doc) -> (doc, {key: (the group written, the doc's length then, the spans written)})
_WRITTEN: "OrderedDict[int, Tuple[Doc, Dict[str, Tuple[SpanGroup, int, Spans]]]]" = OrderedDict()


def write_group_spans(doc: Doc, key: str, spans: Iterable[Span], group: Optional[SpanGroup] = None) -> Spans:
    """Set ``doc.spans[key]`` to ``spans`` (or to ``group``, made of ``spans``); return the spans."""
    written = tuple(spans)
    if group is None:
        group = SpanGroup(doc, name=key, spans=written)  # what ``doc.spans[key] = spans`` would make
    doc.spans[key] = group  # (stored as it is: the group read back is this object)
    if len(doc) <= MAX_TOKENS:
        entry = _WRITTEN.get(id(doc))
        if entry is None:  # (an entry holds its doc: no other doc has its id meanwhile)
            entry = (doc, {})
            _WRITTEN[id(doc)] = entry
            while len(_WRITTEN) > RECENT_DOCS:
                _WRITTEN.popitem(last=False)
        entry[1][key] = (group, len(doc), written)
    return written


def read_group(doc: Doc, key: str) -> Optional[Spans]:
    """The spans of ``doc.spans[key]``, in order; ``None`` when the doc has no such group."""
    group = doc.spans.get(key)
    if group is None:
        return None
    entry = _WRITTEN.get(id(doc))
    if entry is not None:
        known = entry[1].get(key)
        if known is not None and known[0] is group and known[1] == len(doc) and len(known[2]) == len(group):
            return known[2]
    return tuple(group)
