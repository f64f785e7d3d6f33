"""Turn character offsets into spaCy spans, splitting tokens where needed.

The rule layers work on characters; a span must still be a real spaCy span.
Where a segmenter token crosses a span boundary, the token is split rather than
the span widened.

Splitting is linear in the length of the document: a document without token
annotations (tags, parses, lemmas: none of our components sets them) is
rebuilt once with the new boundaries, carrying over ``user_data`` (where every
``._`` value lives, keyed by characters), span groups, entities, categories and
the ``nlp.pipe(as_tuples=True)`` context. A document that does carry token
annotations is split in place with ``doc.retokenize()``, which keeps them but
costs time in proportion to the document for every split.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np
import srsly
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span, SpanGroup

from ..doc_text import doc_text, remember_text

#: Token annotations that a rebuilt document would lose.
_TOKEN_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START")


def _token_bounds(doc: Doc) -> Tuple[List[int], List[int], List[int]]:
    """Start offsets, lengths and trailing-space flags of every token (no Token objects)."""
    if not len(doc):
        return [], [], []
    arr = doc.to_array([IDX, LENGTH, SPACY])
    return arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()


def _cuts(starts: List[int], lengths: List[int], offsets: Iterable[int]) -> Dict[int, List[int]]:
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


def _saved_spans(doc: Doc) -> Dict[str, list]:
    return {key: [(s.start, s.end, s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group]
            for key, group in doc.spans.items()}


#: The layout of one span in ``SpanGroup.to_bytes()`` (struct ">QQQllll").
_SPAN_RECORD = np.dtype([("id", ">u8"), ("kb_id", ">u8"), ("label", ">u8"), ("start", ">i4"),
                         ("end", ">i4"), ("start_char", ">i4"), ("end_char", ">i4")])


def _shifted_group(data: bytes, shifts: "np.ndarray") -> bytes:
    """A serialised span group with every token index moved by ``shifts[index]``."""
    msg = srsly.msgpack_loads(data)
    if msg["spans"]:
        spans = np.frombuffer(b"".join(msg["spans"]), dtype=_SPAN_RECORD).copy()
        spans["start"] += shifts[spans["start"]]
        spans["end"] += shifts[spans["end"]]
        raw, size = spans.tobytes(), _SPAN_RECORD.itemsize
        msg["spans"] = [raw[i:i + size] for i in range(0, len(raw), size)]
    return srsly.msgpack_dumps(msg)


def _split_in_place(doc: Doc, cuts: Dict[int, List[int]]) -> Doc:
    # Span groups hold token indices that a split makes stale: rebuild them
    # from their characters afterwards (their ._ values are keyed by characters).
    saved = _saved_spans(doc)
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            tok = doc[i]
            pieces = _pieces(tok.text, points)
            retokenizer.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
    for key, spans in saved.items():
        rebuilt = [doc.char_span(sc, ec, label=label, kb_id=kb, span_id=sid)
                   for _, _, sc, ec, label, kb, sid in spans]
        doc.spans[key] = [span for span in rebuilt if span is not None]
    return doc


def _rebuild(doc: Doc, cuts: Dict[int, List[int]], bounds, text: str) -> Doc:
    starts, lengths, spacy_flags = bounds
    words: List[str] = []
    spaces: List[bool] = []
    # shift[i]: how many tokens the splits add before old token i.
    shift: List[int] = []
    extra = 0
    for i, (start, length, space) in enumerate(zip(starts, lengths, spacy_flags)):
        shift.append(extra)
        points = cuts.get(i)
        if points:
            pieces = _pieces(text[start:start + length], points)
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(space)])
            extra += len(pieces) - 1
        else:
            words.append(text[start:start + length])
            spaces.append(bool(space))
    shift.append(extra)
    new = Doc(doc.vocab, words=words, spaces=spaces, user_data=dict(doc.user_data))
    shifts = np.asarray(shift, dtype=np.int32)
    for key, group in doc.spans.items():
        new.spans[key] = SpanGroup(new).from_bytes(_shifted_group(group.to_bytes(), shifts))
    if doc.has_annotation("ENT_IOB"):
        ents = [Span(new, e.start + shift[e.start], e.end + shift[e.end], label=e.label, kb_id=e.kb_id)
                for e in doc.ents]
        new.set_ents(ents, default="outside")
    new.cats = dict(doc.cats)
    new.user_hooks.update(doc.user_hooks)
    new.user_token_hooks.update(doc.user_token_hooks)
    new.user_span_hooks.update(doc.user_span_hooks)
    new._context = doc._context
    remember_text(new, text)
    return new


def split_tokens(doc: Doc, offsets: Iterable[int], text: Optional[str] = None) -> Doc:
    """A document in which every character offset in ``offsets`` is a token boundary.

    Returns ``doc`` itself when nothing needs splitting or when it carries token
    annotations (split in place), otherwise a rebuilt copy: use the return value.
    ``text`` may pass ``doc.text`` when the caller has it already.
    """
    bounds = _token_bounds(doc)
    cuts = _cuts(bounds[0], bounds[1], offsets)
    if not cuts:
        return doc
    if any(doc.has_annotation(attr) for attr in _TOKEN_ANNOTATIONS):
        return _split_in_place(doc, cuts)
    return _rebuild(doc, cuts, bounds, text if text is not None else doc_text(doc))


def char_spans(doc: Doc, offsets: Iterable[Tuple[int, int]], label: str,
               text: Optional[str] = None) -> Tuple[Doc, List[Optional[Span]]]:
    """The document (split where needed) and a span for each ``(start, end)``, in order.

    An offset pair that cannot be aligned even after splitting (it starts or
    ends inside whitespace) gives ``None``.
    """
    offsets = list(offsets)
    doc = split_tokens(doc, [o for pair in offsets for o in pair], text)
    return doc, [doc.char_span(s, e, label=label) for s, e in offsets]
