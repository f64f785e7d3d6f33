"""The engine-neutral part of the scale-out backends (no dependency beyond the library's own).

* :class:`Annotator` is a small picklable object: it holds the *path* of a
  pipeline (a saved directory, an installed package name, or None for the
  shipped one), never a live ``nlp``. Each process that calls it loads the
  pipeline once (a per-process cache keyed by the path), runs it on one short
  warm-up document so a broken model fails at start, and turns texts or
  records into the annotation guide's record dicts. A document a component
  fails on gives an ``error`` value, not a failed batch.
* :data:`SPAN_FIELDS` is the fixed column layout of a span in Arrow (Ray) and
  Spark: every attribute of every label, null where absent. ``value`` and
  ``high`` are float64 *and* an exact decimal string (``value_text``,
  ``high_text``), so an int in one row and a float in another never break a
  schema, and :func:`span_from_row` gives back exactly the local span.
* :func:`annotate_parallel` is the local multi-process backend: a pool of N
  processes that return finished records (plain dicts) in chunks sized by
  characters, in input order, with a bounded number of chunks in flight.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

from ..errors import Errors

ModelRef = Union[str, Path, None]
T = TypeVar("T")

#: A short document every worker runs once after loading (numbers, an ORG and an AWARD trigger).
WARMUP_TEXT = "全年地区生产总值增长7.5%，市政府荣获全国文明城市称号。"

#: The columns of one span, in order, with their type names (``int64``, ``float64``,
#: ``string``, ``bool``). ``value_text`` / ``high_text`` hold the exact number;
#: ``attrs`` holds, as JSON, any attribute whose value does not fit its column or
#: that has no column, so nothing is ever lost.
SPAN_FIELDS: Tuple[Tuple[str, str], ...] = (
    ("start", "int64"),
    ("end", "int64"),
    ("label", "string"),
    ("text", "string"),
    ("value", "float64"),
    ("value_text", "string"),
    ("high", "float64"),
    ("high_text", "string"),
    ("unit", "string"),
    ("kind", "string"),
    ("qualifier", "string"),
    ("indicator", "string"),
    ("target", "bool"),
    ("level", "string"),
    ("recipient", "string"),
    ("attrs", "string"),
)
#: Attributes stored as a float64 beside an exact decimal string.
NUMBER_FIELDS = ("value", "high")
_BASE_KEYS = ("start", "end", "label", "text")
_COLUMN_TYPES = dict(SPAN_FIELDS)
#: Column names added to every row by the backends.
SPANS_COLUMN = "spans"
ERROR_COLUMN = "error"


# --------------------------------------------------------------------------- numbers


def number_text(value: Union[int, float, Decimal]) -> str:
    """The exact decimal string of ``value``: ``96340000``, ``0.29``, ``0.00001``, ``1.5E+40``.

    Ints are digits only; floats always carry a ``.`` and never an exponent
    (``1.2e20`` → ``"120000000000000000000.0"``); a ``Decimal`` (a value a float
    would round) always carries an ``E`` (``Decimal("0.5")`` → ``"0.5E+0"``), so
    :func:`number_from_text` gives back the same type and value.
    """
    if isinstance(value, Decimal):
        text = str(value)
        return text if "E" in text else text + "E+0"
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    return str(int(value))


def number_from_text(text: str) -> Union[int, float, Decimal]:
    """The inverse of :func:`number_text`."""
    if "E" in text:
        return Decimal(text)
    return float(text) if "." in text else int(text)


def _float_or_none(value: Union[int, float, Decimal]) -> Optional[float]:
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _fits(name: str, value: Any) -> bool:
    kind = _COLUMN_TYPES[name]
    if value is None:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int64":
        return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
    if kind == "float64":  # value / high: int, finite float or finite Decimal
        if isinstance(value, Decimal):
            return value.is_finite()
        return (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and not (isinstance(value, float) and not math.isfinite(value))
        )
    return False


# --------------------------------------------------------------------------- spans <-> rows


def span_to_row(span: Dict[str, Any]) -> Dict[str, Any]:
    """A span dict of the record format as a row of :data:`SPAN_FIELDS` (every column present)."""
    row: Dict[str, Any] = {name: None for name, _ in SPAN_FIELDS}
    leftover: Dict[str, Any] = {}
    for key, value in span.items():
        if key in _COLUMN_TYPES and key not in ("attrs", "value_text", "high_text") and _fits(key, value):
            if key in NUMBER_FIELDS and value is not None:
                row[key] = _float_or_none(value)
                row[key + "_text"] = number_text(value)
            else:
                row[key] = value
        else:
            leftover[key] = value
    if leftover:
        row["attrs"] = json.dumps(leftover, ensure_ascii=False, default=_json_default)
    return row


_DECIMAL_KEY = "__decimal__"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {_DECIMAL_KEY: str(value)}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json_hook(obj: Dict[str, Any]) -> Any:
    if len(obj) == 1 and _DECIMAL_KEY in obj:
        return Decimal(obj[_DECIMAL_KEY])
    return obj


def span_from_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """The span dict of the record format back from a row: the keys of its label,
    in record order, with exact numbers."""
    from ..extensions import LABEL_ATTRS

    leftover = json.loads(row["attrs"], object_hook=_json_hook) if row.get("attrs") else {}
    label = row.get("label") if row.get("label") is not None else leftover.get("label")
    names = list(_BASE_KEYS) + list(LABEL_ATTRS.get(str(label), []))
    names += [key for key in leftover if key not in names]
    out: Dict[str, Any] = {}
    for name in names:
        if name in leftover:
            out[name] = leftover[name]
        elif name in NUMBER_FIELDS:
            text = row.get(name + "_text")
            out[name] = number_from_text(text) if text is not None else None
        else:
            out[name] = row.get(name)
    return out


# --------------------------------------------------------------------------- loading

_NLP_CACHE: Dict[str, Any] = {}


def model_key(model: ModelRef) -> str:
    """The path (or package name) a worker loads: the shipped pipeline for None."""
    from ..pipeline import default_model_path

    if model is None:
        return str(default_model_path())
    if not isinstance(model, (str, Path)):
        raise TypeError(Errors.E180.format(type=type(model).__name__))
    return str(model)


def prime(model: ModelRef, nlp: Any) -> None:
    """Use ``nlp`` (already loaded from ``model`` in this process) instead of loading it again."""
    _NLP_CACHE[model_key(model)] = nlp


def load_warm(model: ModelRef = None) -> Any:
    """The pipeline at ``model``, loaded once per process and run on :data:`WARMUP_TEXT`.

    A model that cannot be loaded or fails on the warm-up document raises
    ``RuntimeError`` (E181) naming the path, so a job fails at start.
    """
    key = model_key(model)
    nlp = _NLP_CACHE.get(key)
    if nlp is not None:
        return nlp
    from ..pipeline import load

    try:
        if Path(key).is_dir() or model is None:
            nlp = load(key)
        else:  # an installed pipeline package
            import spacy

            from .. import register  # noqa: F401

            nlp = spacy.load(key)
        nlp(WARMUP_TEXT)
    except Exception as error:  # noqa: BLE001 - reported with the path, then raised
        raise RuntimeError(Errors.E181.format(model=key, pid=os.getpid(), detail=repr(error))) from error
    _NLP_CACHE[key] = nlp
    return nlp


# --------------------------------------------------------------------------- annotating


@dataclass
class _Item:
    """What ``chunking.pipe_records`` needs of a record, and where its result goes."""

    id: str
    text: str
    position: int
    extra: Dict[str, Any] = field(default_factory=dict)


def annotate_texts(
    nlp: Any, texts: Sequence[Any], ids: Optional[Sequence[str]] = None, batch_size: int = 16
) -> List[Tuple[List[Dict[str, Any]], Optional[str]]]:
    """``(spans, error)`` for every text, in order: the record-format span dicts, or ``[]``
    and a message saying what failed (E182, E183).

    Runs :func:`govreport_nlp.chunking.pipe_records`, the runner of the local
    CLI and API (long texts split and joined, a failure kept with its record),
    so every backend gives exactly the records of one local process.
    """
    from ..chunking import RecordFailure, pipe_records

    out: List[Tuple[List[Dict[str, Any]], Optional[str]]] = [([], None)] * len(texts)
    items: List[_Item] = []
    for n, text in enumerate(texts):
        if isinstance(text, str):
            items.append(_Item(str(ids[n]) if ids is not None else str(n), text, n))
        else:
            out[n] = ([], Errors.E182.format(type=type(text).__name__))
    for item, result in pipe_records(nlp, items, batch_size=batch_size):
        if isinstance(result, RecordFailure):
            out[item.position] = ([], Errors.E183.format(stage=result.stage, detail=result.detail))
        else:
            out[item.position] = ([span.to_dict() for span in result.spans], None)
    return out


class Annotator:
    """Annotates texts in the process that calls it; pickles as its settings only.

    model: a saved pipeline directory every worker can read, an installed
        pipeline package name, or None for the shipped pipeline.
    text_column: the field of a record (or column of a batch) holding the text.
    id_column: the field holding the record id (records without one get ``"0"``, ``"1"``...).

    >>> annotate = Annotator()                                   # doctest: +SKIP
    >>> annotate.records([{"id": "a", "text": "新增市场主体6613户。"}])   # doctest: +SKIP
    [{'id': 'a', 'text': '新增市场主体6613户。', 'spans': [...]}]
    """

    def __init__(self, model: ModelRef = None, text_column: str = "text", id_column: str = "id") -> None:
        # None stays None: each worker then finds the shipped pipeline of its own install.
        self.model = model_key(model) if model is not None else None
        self.text_column = text_column
        self.id_column = id_column

    def __getstate__(self) -> Dict[str, Any]:
        return {"model": self.model, "text_column": self.text_column, "id_column": self.id_column}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def nlp(self) -> Any:
        """The pipeline of this process (loaded and warmed on first use)."""
        return load_warm(self.model)

    def setup(self) -> "Annotator":
        """Load and warm the pipeline now (a broken model raises here); returns self."""
        load_warm(self.model)
        return self

    def texts(self, texts: Iterable[Any]) -> List[Tuple[List[Dict[str, Any]], Optional[str]]]:
        """``(spans, error)`` for every text, in order."""
        return annotate_texts(self.nlp, list(texts))

    def records(self, records: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Annotation-guide records for input records (``text`` and optional ``id``; other
        keys kept between text and spans; any input ``spans`` replaced). A record whose
        document failed gets ``"spans": []`` and an ``"error"`` message."""
        records = list(records)
        ids = []
        for n, record in enumerate(records):
            doc_id = record.get(self.id_column)
            ids.append(str(n) if doc_id is None else str(doc_id))
        results = annotate_texts(self.nlp, [r.get(self.text_column) for r in records], ids)
        out: List[Dict[str, Any]] = []
        for record, doc_id, (spans, error) in zip(records, ids, results):
            result: Dict[str, Any] = {"id": doc_id, "text": record.get(self.text_column)}
            for key, value in record.items():
                if key not in (self.id_column, self.text_column, "id", "text", "spans", ERROR_COLUMN):
                    result[key] = value
            result["spans"] = spans
            if error is not None:
                result[ERROR_COLUMN] = error
            out.append(result)
        return out

    def rows(self, texts: Sequence[Any]) -> Tuple[List[List[Dict[str, Any]]], List[Optional[str]]]:
        """Span rows (:data:`SPAN_FIELDS`) and error values for a column of texts."""
        spans_column: List[List[Dict[str, Any]]] = []
        errors: List[Optional[str]] = []
        for spans, error in self.texts(texts):
            spans_column.append([span_to_row(s) for s in spans])
            errors.append(error)
        return spans_column, errors


def annotate_records(
    records: Iterable[Dict[str, Any]],
    model: ModelRef = None,
    text_field: str = "text",
    id_field: str = "id",
    n_process: int = 1,
    chunk_chars: int = 50_000,
) -> Iterator[Dict[str, Any]]:
    """Yield an annotation-guide record for every input record, in order.

    ``n_process > 1`` runs :func:`annotate_parallel`; each process loads the
    pipeline at ``model`` once.
    """
    annotator = Annotator(model, text_column=text_field, id_column=id_field)
    if n_process <= 1:
        annotator.setup()
        for chunk in _chunks(records, chunk_chars, lambda r: _text_size(r.get(text_field)), max_items=64):
            yield from annotator.records(chunk)
        return
    for chunk in annotate_parallel(
        records, annotator, n_process=n_process, chunk_chars=chunk_chars, size=lambda r: _text_size(r.get(text_field))
    ):
        yield from chunk


# --------------------------------------------------------------------------- local pool

_WORKER: Optional[Annotator] = None


def _init_worker(annotator: Annotator) -> None:
    global _WORKER
    _WORKER = annotator.setup()


def _work(chunk: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    assert _WORKER is not None
    return _WORKER.records(chunk)


def _text_size(text: Any) -> int:
    return len(text) if isinstance(text, str) else 0


def _chunks(items: Iterable[T], chunk_chars: int, size: Callable[[T], int], max_items: int = 1000) -> Iterator[List[T]]:
    chunk: List[T] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += size(item)
        if chars >= chunk_chars or len(chunk) >= max_items:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def annotate_parallel(
    records: Iterable[Dict[str, Any]],
    annotator: Annotator,
    n_process: int = 2,
    chunk_chars: int = 50_000,
    size: Optional[Callable[[Dict[str, Any]], int]] = None,
    in_flight: int = 2,
) -> Iterator[List[Dict[str, Any]]]:
    """Run ``annotator.records`` over ``records`` in ``n_process`` processes.

    Records are sent in chunks of about ``chunk_chars`` characters, at most
    ``in_flight`` chunks per process at a time (memory is bounded by that, not
    by the corpus), and the finished chunks come back in input order. The
    parent loads and warms the pipeline first (a broken model fails here); with
    the ``fork`` start method the workers inherit it, otherwise each loads it once.
    """
    size = size or (lambda r: _text_size(r.get(annotator.text_column)))
    annotator.setup()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pending: Deque[Any] = deque()
    with ProcessPoolExecutor(
        max_workers=n_process, mp_context=context, initializer=_init_worker, initargs=(annotator,)
    ) as pool:
        try:
            for chunk in _chunks(records, chunk_chars, size):
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= n_process * in_flight:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as error:
            raise RuntimeError(Errors.E184.format(n=n_process, detail=repr(error))) from error
        finally:
            for future in pending:
                future.cancel()
