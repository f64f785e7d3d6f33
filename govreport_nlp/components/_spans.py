"""Turn character offsets into spaCy spans, splitting tokens where needed.

The rule layers work on characters; a span must still be a real spaCy span.
Where a segmenter token crosses a span boundary, the token is split rather than
the span widened.

Only spaCy's public API is used: tokens are split in place with
``doc.retokenize()`` (so the ``Doc`` object, its ``user_data``, entities,
categories and the ``nlp.pipe(as_tuples=True)`` context stay as they are), and
the span groups, whose token indices a split makes stale, are built again with
``SpanGroup``/``Span`` from the old indices moved by the number of tokens the
splits added before them. ``Span._`` values stay valid: spaCy keys them by
character offsets, which a split does not change.

The token offsets of a doc are read once (``doc.to_array``) and remembered
until the doc's length changes; a split hands over the offsets it computes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Dict, Iterable, List, Optional, Sequence, Tuple
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, SpanGroup

from ..doc_text import doc_text
from ._groups import read_group, write_group_spans

__all__ = ["remember_bounds", "token_bounds", "split_tokens", "char_spans"]

Bounds = Tuple[List[int], List[int]]

#: doc -> (number of tokens, token starts, token lengths)
_BOUNDS: "WeakKeyDictionary[Doc, Tuple[int, List[int], List[int]]]" = WeakKeyDictionary()


def remember_bounds(doc: Doc, starts: List[int], lengths: List[int]) -> None:
    """Note the start offset and length of every token of ``doc`` (the caller knows them)."""
    _BOUNDS[doc] = (len(starts), starts, lengths)


def token_bounds(doc: Doc) -> Bounds:
    """Start offsets and lengths of every token (no Token objects; read once per tokenisation)."""
    n = len(doc)
    known = _BOUNDS.get(doc)
    if known is not None and known[0] == n:
        return known[1], known[2]
    if not n:
        return [], []
    arr = doc.to_array([IDX, LENGTH])
    starts, lengths = arr[:, 0].tolist(), arr[:, 1].tolist()
    _BOUNDS[doc] = (n, starts, lengths)
    return starts, lengths


def _cuts(starts: Sequence[int], lengths: Sequence[int], offsets: Iterable[int]) -> Dict[int, List[int]]:
    """Token index -> character positions (within the token) where it must be cut."""
    cuts: Dict[int, List[int]] = {}
    for off in offsets:
        i = bisect_right(starts, off) - 1
        if i >= 0 and starts[i] < off < starts[i] + lengths[i]:
            cuts.setdefault(i, []).append(off - starts[i])
    return cuts


def _pieces(text: str, points: List[int]) -> List[str]:
    edges = [0] + sorted(set(points)) + [len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def split_tokens(doc: Doc, offsets: Iterable[int], text: Optional[str] = None) -> Doc:
    """Make every character offset in ``offsets`` a token boundary; returns ``doc`` (split in place).

    ``text`` may pass ``doc.text`` when the caller has it already.
    """
    starts, lengths = token_bounds(doc)
    cuts = _cuts(starts, lengths, offsets)
    if not cuts:
        return doc
    text = text if text is not None else doc_text(doc)
    saved = [
        (
            key,
            group.name,
            dict(group.attrs),
            [(s.start, s.end, s.label, s.kb_id, s.id) for s in read_group(doc, key) or ()],
        )
        for key, group in doc.spans.items()
    ]
    new_starts: List[int] = []
    new_lengths: List[int] = []
    added = [0] * (len(starts) + 1)  # added[i]: tokens the splits add inside token i
    with doc.retokenize() as retokenizer:
        for i, (start, length) in enumerate(zip(starts, lengths)):
            points = cuts.get(i)
            if not points:
                new_starts.append(start)
                new_lengths.append(length)
                continue
            pieces = _pieces(text[start : start + length], points)
            token = doc[i]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
            added[i] = len(pieces) - 1
            pos = start
            for piece in pieces:
                new_starts.append(pos)
                new_lengths.append(len(piece))
                pos += len(piece)
    # shift[i]: how many tokens the splits add before old token i.
    shift = [0, *accumulate(added)]
    for key, name, attrs, spans in saved:
        moved = [
            Span(doc, s + shift[s], e + shift[e], label=label, kb_id=kb_id, span_id=span_id)
            for s, e, label, kb_id, span_id in spans
        ]
        write_group_spans(doc, key, moved, SpanGroup(doc, name=name, attrs=attrs, spans=moved))
    remember_bounds(doc, new_starts, new_lengths)
    return doc


def char_spans(
    doc: Doc, offsets: Iterable[Tuple[int, int]], label: str, text: Optional[str] = None
) -> Tuple[Doc, List[Optional[Span]]]:
    """The document (split where needed) and a span for each ``(start, end)``, in order.

    An offset pair that cannot be aligned even after splitting (it starts or
    ends inside whitespace) gives ``None``.
    """
    offsets = list(offsets)
    if not offsets:
        return doc, []
    if all(s < e for s, e in offsets):
        # Most spans start and end at token boundaries: then ``doc.char_span`` finds their tokens
        # without every token's offsets being read (``doc.to_array``), and nothing is split.
        aligned = [doc.char_span(s, e, label=label) for s, e in offsets]
        if all(span is not None for span in aligned):
            return doc, aligned
    doc = split_tokens(doc, [o for pair in offsets for o in pair], text)
    starts, lengths = token_bounds(doc)
    label_id = doc.vocab.strings.add(label)
    spans: List[Optional[Span]] = []
    for s, e in offsets:
        # tokens i..j-1, found by offset; anything unusual (whitespace, an empty pair) goes to char_span
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        if i < j and starts[i] == s and starts[j - 1] + lengths[j - 1] == e:
            spans.append(Span(doc, i, j, label=label_id))
        else:
            spans.append(doc.char_span(s, e, label=label))
    return doc, spans
