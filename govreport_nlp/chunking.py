"""Long documents and bad records in a stream: split, run, join, and never abort.

spaCy refuses a text longer than ``nlp.max_length`` (E088). :func:`split_text`
cuts such a document into pieces no longer than the limit, at paragraph
boundaries first, then at sentence ends, then (last resort) at a comma or
space, or a hard cut that avoids the middle of a number. :func:`pipe_records`
runs a stream of records through a pipeline, piece by piece, and joins each
record's spans back with document offsets
(:meth:`~govreport_nlp.records.DocumentRecord.from_pieces`).

Every failure stays with its record: :func:`pipe_records` yields a
:class:`RecordFailure` for a record the tokenizer, a component or the record
conversion fails on, and goes on with the next one. Memory is bounded by the
batch (and the longest record), not by the stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Dict, Iterable, Iterator, List, Optional, Protocol, Tuple, Union
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors
from .records import SURROGATE, DocumentRecord

#: Paragraph ends: a piece ends after a newline where it can.
_PARAGRAPH = "\n\r\u2029"
#: Sentence ends, and the closing marks that stay with the sentence before them.
_SENTENCE_END = "。！？!?；;…"
_CLOSERS = "”’」』）)》】\"'"
#: Weaker breaks for a hard cut: commas, enumeration marks, spaces.
_WEAK = "，,、：: \t\u3000"
#: Characters a hard cut should not separate (parts of one number).
_NUMERAL = set("0123456789０１２３４５６７８９.．,，%％零〇一二三四五六七八九十百千万亿两点")


class RecordLike(Protocol):
    """What :func:`pipe_records` needs of a record (``readers.InputRecord`` fits)."""

    id: str
    text: str
    extra: Dict[str, Any]


@dataclass
class RecordFailure:
    """A record that could not be processed: ``stage`` says where, ``error`` what."""

    stage: str
    error: BaseException

    @property
    def detail(self) -> str:
        """The error on one line: ``Type: message``."""
        text = " ".join(str(self.error).split())
        if len(text) > 300:
            text = text[:300] + " …"
        return f"{type(self.error).__name__}: {text}" if text else type(self.error).__name__


def _last_of(text: str, chars: str, start: int, end: int) -> int:
    """The index just after the last of ``chars`` in ``text[start:end]``, or -1."""
    best = -1
    for ch in chars:
        i = text.rfind(ch, start, end)
        if i >= 0 and i + 1 > best:
            best = i + 1
    return best


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at ``start`` should end (``start < cut <= start + limit``)."""
    end = start + limit
    cut = _last_of(text, _PARAGRAPH, start, end)
    if cut > start:
        return cut
    cut = _last_of(text, _SENTENCE_END, start, end)
    if cut > start:
        while cut < end and text[cut] in _CLOSERS:
            cut += 1
        return cut
    cut = _last_of(text, _WEAK, start, end)
    if cut > start:
        return cut
    cut = end
    # a hard cut: step back out of a number (at most half the piece), else cut where we are
    back = cut
    while back > start + limit // 2 and text[back - 1] in _NUMERAL and text[back] in _NUMERAL:
        back -= 1
    if back > start and not (text[back - 1] in _NUMERAL and text[back] in _NUMERAL):
        return back
    return cut


def split_text(text: str, limit: int) -> List[Tuple[int, int]]:
    """``(start, end)`` of pieces that cover ``text`` in order, none longer than ``limit``.

    Pieces end at a paragraph boundary where one falls in the window, else at a
    sentence end (with its closing quotes), else after a comma or space, else at
    a hard cut that keeps the digits of a number together where it can. A text
    within the limit is one piece. ``"".join(text[s:e] for s, e in pieces) == text``.
    """
    if limit < 1:
        raise ValueError(Errors.E156.format(limit=limit))
    n = len(text)
    if n <= limit:
        return [(0, n)]
    pieces: List[Tuple[int, int]] = []
    start = 0
    while n - start > limit:
        cut = _cut(text, start, limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


@dataclass
class _Piece:
    serial: int
    offset: int
    last: bool


@dataclass
class _Pending:
    serial: int
    docs: List[Tuple[int, Doc]] = field(default_factory=list)


Result = Tuple[Any, Union[DocumentRecord, RecordFailure]]

_LOST = "a piece of the document was lost (a component failed on it in a worker process)"


class _Run:
    """One pass of :func:`pipe_records`: feeds pieces, keeps failures, joins records in order."""

    def __init__(self, nlp: Language, limit: int) -> None:
        self.nlp = nlp
        self.limit = limit
        self.count = 0  # records read so far
        self.inflight: Dict[int, Any] = {}  # serial -> record, until its result is out
        self.failed: Dict[int, RecordFailure] = {}  # serial -> why it failed
        self.doc_pieces: "WeakKeyDictionary[Doc, _Piece]" = WeakKeyDictionary()  # the piece of each doc made here

    def fail(self, serial: int, stage: str, error: BaseException) -> None:
        if serial not in self.failed:
            self.failed[serial] = RecordFailure(stage, error)

    def on_component_error(self, proc_name: str, proc: Any, docs: List[Doc], error: Exception) -> None:
        for doc in docs:
            piece = self.doc_pieces.get(doc)
            if piece is not None:
                self.fail(piece.serial, f"component '{proc_name}'", error)

    def make_doc(self, text: str, piece: _Piece) -> Doc:
        """A doc of ``text`` whose failures are charged to ``piece``'s record."""
        doc = self.nlp.make_doc(text)
        self.doc_pieces[doc] = piece
        return doc

    def pieces(self, records: Iterable[Any]) -> Iterator[Tuple[Doc, _Piece]]:
        for serial, record in enumerate(records):
            self.count = serial + 1
            self.inflight[serial] = record
            try:
                text = record.text
                clean = SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text
                bounds = split_text(clean, self.limit)
                items = []
                for i, (s, e) in enumerate(bounds):
                    piece = _Piece(serial, s, i == len(bounds) - 1)
                    items.append((self.make_doc(clean[s:e], piece), piece))
            except Exception as error:  # noqa: BLE001  (one record's failure is reported, not raised)
                self.fail(serial, "the tokenizer", error)
                continue
            yield from items

    def failure(self, serial: int) -> Result:
        """The result of a record that did not come through whole."""
        failure = self.failed.pop(serial, None) or RecordFailure("the pipeline", RuntimeError(_LOST))
        return self.inflight.pop(serial), failure

    def success(self, pending: _Pending) -> Result:
        record = self.inflight.pop(pending.serial)
        try:
            return record, DocumentRecord.from_pieces(
                pending.docs, str(record.id), getattr(record, "extra", None), text=record.text
            )
        except Exception as error:  # noqa: BLE001
            return record, RecordFailure("building the record", error)


def pipe_records(
    nlp: Language,
    records: Iterable[RecordLike],
    *,
    batch_size: int = 16,
    max_length: Optional[int] = None,
) -> Iterator[Result]:
    """Run ``records`` through ``nlp``; yield ``(record, DocumentRecord | RecordFailure)``.

    Every record gives exactly one result, in input order. Texts longer than
    ``max_length`` (``nlp.max_length`` by default) are split with
    :func:`split_text` and their spans joined back with document offsets. A lone
    surrogate is read as U+FFFD (same offsets); the record keeps its text.
    Each batch runs on its own, so a component that raises out of a whole batch
    costs only its bad record (the batch is rerun one document at a time).
    Parallel runs go through :mod:`govreport_nlp.distributed`, whose workers
    call this function.
    """
    limit = max_length if max_length is not None else nlp.max_length
    run = _Run(nlp, limit)
    previous = nlp.default_error_handler
    nlp.set_error_handler(run.on_component_error)  # type: ignore[arg-type]  # spaCy types the handler as NoReturn
    try:
        docs = _run_batches(nlp, run.pieces(records), batch_size, run)
        pending: Optional[_Pending] = None
        expected = 0  # the first serial without a result yet
        for doc, piece in docs:
            k = piece.serial
            if pending is not None and pending.serial != k:
                yield run.failure(pending.serial)  # its last piece was dropped
                expected, pending = pending.serial + 1, None
            while expected < k:  # records none of whose pieces came through
                yield run.failure(expected)
                expected += 1
            if k in run.failed:  # an earlier piece of this record failed
                pending = None
                if piece.last:
                    yield run.failure(k)
                    expected = k + 1
                continue
            if pending is None:
                pending = _Pending(k)
            pending.docs.append((piece.offset, doc))
            if piece.last:
                yield run.success(pending)
                expected, pending = k + 1, None
        if pending is not None:
            yield run.failure(pending.serial)
            expected = pending.serial + 1
        while expected < run.count:
            yield run.failure(expected)
            expected += 1
    finally:
        nlp.set_error_handler(previous)


def _run_batches(
    nlp: Language, pieces: Iterator[Tuple[Doc, _Piece]], batch_size: int, run: _Run
) -> Iterator[Tuple[Doc, _Piece]]:
    """``nlp.pipe`` one batch at a time; a batch that raises is rerun doc by doc."""
    batch_size = max(1, batch_size)
    while True:
        batch = list(islice(pieces, batch_size))
        if not batch:
            return
        try:
            out = list(nlp.pipe(batch, as_tuples=True, batch_size=batch_size))
        except Exception:  # noqa: BLE001  (isolate the document that raised)
            out = []
            for doc, piece in batch:
                try:
                    fresh = run.make_doc(doc.text, piece)  # components may have half-written the first
                    out.extend(nlp.pipe([(fresh, piece)], as_tuples=True, batch_size=1))
                except Exception as error:  # noqa: BLE001
                    run.fail(piece.serial, "the pipeline", error)
        yield from out
