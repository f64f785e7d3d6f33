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

from spacy.tokens import Doc, Span

#: Token annotations that a rebuilt document would lose.
_TOKEN_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START")


def _cuts(doc: Doc, offsets: Iterable[int]) -> Dict[int, List[int]]:
    """Token index -> character positions (within the token) where it must be cut."""
    starts = [t.idx for t in doc]
    cuts: Dict[int, List[int]] = {}
    for off in offsets:
        i = bisect_right(starts, off) - 1
        if i < 0:
            continue
        tok = doc[i]
        if tok.idx < off < tok.idx + len(tok.text):
            cuts.setdefault(i, []).append(off - tok.idx)
    return cuts


def _pieces(text: str, points: List[int]) -> List[str]:
    edges = [0] + sorted(set(points)) + [len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:])]


def _restore_spans(new: Doc, old: Dict[str, list]) -> None:
    for key, spans in old.items():
        rebuilt = []
        for start, end, label, kb_id, span_id in spans:
            span = new.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
            if span is not None:
                rebuilt.append(span)
        new.spans[key] = rebuilt


def _saved_spans(doc: Doc) -> Dict[str, list]:
    return {key: [(s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group]
            for key, group in doc.spans.items()}


def _split_in_place(doc: Doc, cuts: Dict[int, List[int]]) -> Doc:
    # Span groups hold token indices that a split makes stale: rebuild them
    # from their characters afterwards (their ._ values are keyed by characters).
    saved = _saved_spans(doc)
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            tok = doc[i]
            pieces = _pieces(tok.text, points)
            retokenizer.split(tok, pieces, heads=[(tok, 0)] * len(pieces))
    _restore_spans(doc, saved)
    return doc


def _rebuild(doc: Doc, cuts: Dict[int, List[int]]) -> Doc:
    words: List[str] = []
    spaces: List[bool] = []
    for tok in doc:
        points = cuts.get(tok.i)
        if points:
            pieces = _pieces(tok.text, points)
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(tok.whitespace_)])
        else:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
    new = Doc(doc.vocab, words=words, spaces=spaces, user_data=dict(doc.user_data))
    _restore_spans(new, _saved_spans(doc))
    if doc.has_annotation("ENT_IOB"):
        ents = [new.char_span(e.start_char, e.end_char, label=e.label, kb_id=e.kb_id) for e in doc.ents]
        new.set_ents([e for e in ents if e is not None], default="outside")
    new.cats = dict(doc.cats)
    new.user_hooks.update(doc.user_hooks)
    new.user_token_hooks.update(doc.user_token_hooks)
    new.user_span_hooks.update(doc.user_span_hooks)
    new._context = doc._context
    return new


def split_tokens(doc: Doc, offsets: Iterable[int]) -> Doc:
    """A document in which every character offset in ``offsets`` is a token boundary.

    Returns ``doc`` itself when nothing needs splitting or when it carries token
    annotations (split in place), otherwise a rebuilt copy: use the return value.
    """
    cuts = _cuts(doc, offsets)
    if not cuts:
        return doc
    if any(doc.has_annotation(attr) for attr in _TOKEN_ANNOTATIONS):
        return _split_in_place(doc, cuts)
    return _rebuild(doc, cuts)


def char_spans(doc: Doc, offsets: Iterable[Tuple[int, int]], label: str) -> Tuple[Doc, List[Optional[Span]]]:
    """The document (split where needed) and a span for each ``(start, end)``, in order.

    An offset pair that cannot be aligned even after splitting (it starts or
    ends inside whitespace) gives ``None``.
    """
    offsets = list(offsets)
    doc = split_tokens(doc, [o for pair in offsets for o in pair])
    return doc, [doc.char_span(s, e, label=label) for s, e in offsets]
