"""Turn character offsets into spaCy spans, splitting tokens where needed.

The rule layers work on characters; a span must still be a real spaCy span.
Where a segmenter token crosses a span boundary, the token is split with
``doc.retokenize()`` rather than the span widened.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Dict, Iterable, List, Optional, Tuple

from spacy.tokens import Doc, Span


def ensure_boundaries(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that every character offset in ``offsets`` is a token boundary."""
    starts = [t.idx for t in doc]
    cuts: Dict[int, List[int]] = {}
    for off in offsets:
        i = bisect_right(starts, off) - 1
        if i < 0:
            continue
        tok = doc[i]
        if tok.idx < off < tok.idx + len(tok.text):
            cuts.setdefault(i, []).append(off - tok.idx)
    if not cuts:
        return
    # Spans kept in span groups hold token indices that a split makes stale:
    # note their characters and rebuild them afterwards (their ._ values are
    # keyed by characters and survive).
    saved = {key: [(s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group]
             for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            tok = doc[i]
            points = sorted(set(points))
            edges = [0] + points + [len(tok.text)]
            pieces = [tok.text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
    for key, spans in saved.items():
        rebuilt = []
        for start, end, label, kb_id, span_id in spans:
            span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
            if span is not None:
                rebuilt.append(span)
        doc.spans[key] = rebuilt


def char_spans(doc: Doc, offsets: Iterable[Tuple[int, int]], label: str) -> List[Optional[Span]]:
    """Spans for ``(start, end)`` character offsets, in the same order.

    Tokens are split first so that every span aligns exactly; an offset pair
    that still cannot be aligned (inside whitespace) gives ``None``.
    """
    offsets = list(offsets)
    ensure_boundaries(doc, [o for pair in offsets for o in pair])
    return [doc.char_span(s, e, label=label) for s, e in offsets]
