"""Span groups written and read back without making every ``Span`` object twice.

Reading ``doc.spans[key]`` makes a new ``Span`` object for each span (about
2 µs each), and the components of a pipeline read the groups that the ones
before them have just written. So a group written here is remembered with the
``Span`` objects it was written from, and :func:`read_group` returns those, as
long as the group is still the one written: the same ``SpanGroup`` object,
holding as many spans, in a doc with as many tokens (a token split or merge
makes every old span stale). A group changed by other means (replaced,
appended to, deleted from, or retokenised) is read from the doc again.
Entries go when their doc does.
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, SpanGroup

__all__ = ["read_group", "write_group_spans"]

Spans = Tuple[Span, ...]

#: doc -> {key: (the group written, the doc's length then, the spans written)}
_WRITTEN: "WeakKeyDictionary[Doc, Dict[str, Tuple[SpanGroup, int, Spans]]]" = WeakKeyDictionary()


def write_group_spans(doc: Doc, key: str, spans: Iterable[Span], group: Optional[SpanGroup] = None) -> Spans:
    """Set ``doc.spans[key]`` to ``spans`` (or to ``group``, made of ``spans``); return the spans."""
    written = tuple(spans)
    doc.spans[key] = group if group is not None else list(written)
    _WRITTEN.setdefault(doc, {})[key] = (doc.spans[key], len(doc), written)
    return written


def read_group(doc: Doc, key: str) -> Optional[Spans]:
    """The spans of ``doc.spans[key]``, in order; ``None`` when the doc has no such group."""
    group = doc.spans.get(key)
    if group is None:
        return None
    known = _WRITTEN.get(doc, {}).get(key)
    if known is not None and known[0] is group and known[1] == len(doc) and len(known[2]) == len(group):
        return known[2]
    return tuple(group)
