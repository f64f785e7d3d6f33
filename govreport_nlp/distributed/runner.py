"""What ``govreport-nlp extract --backend local|ray|spark --workers N`` runs.

:func:`run_backend` takes the documents the CLI has read (anything with ``id``
and ``text``, e.g. ``readers.InputRecord``) and yields ``(item, record)`` pairs
in input order, ``record`` being a ``DocumentRecord``, or a ``BackendFailure``
where that document failed. The local pool streams; Ray and Spark take the documents in blocks of ``block_records`` (one
engine job each, memory bounded by the block) and their results are put back
in input order by position. Only positions and texts go to the engine; ids and
pass-through keys stay with the caller.
"""

from __future__ import annotations

import os
import re
from collections import deque
from itertools import islice
from pathlib import Path
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from ..errors import Errors
from .core import Annotator, annotate_parallel, load_warm, prime

BACKENDS = ("local", "ray", "spark")
#: A lone surrogate: Python strings may hold one, UTF-8 (and so Arrow) cannot.
_SURROGATE = re.compile("[\ud800-\udfff]")


class BackendFailure:
    """A document a backend could not process: ``message`` says what failed (E182, E183)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"BackendFailure({self.message!r})"


Pair = Tuple[Any, Any]  # (item, DocumentRecord | BackendFailure)


def _arrow_text(text: str) -> str:
    """``text`` as Arrow can hold it: a lone surrogate becomes U+FFFD (one character for
    one, so offsets are unchanged)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _blocks(items: Iterable[Any], size: int) -> Iterator[List[Any]]:
    iterator = iter(items)
    while True:
        block = list(islice(iterator, size))
        if not block:
            return
        yield block


def run_local(
    items: Iterable[Any], model: Union[str, Path, None], workers: int, chunk_chars: int = 50_000
) -> Iterator[Pair]:
    """``workers`` local processes, each returning finished records for a chunk of documents."""
    waiting: Deque[Any] = deque()

    def feed() -> Iterator[Dict[str, Any]]:
        for item in items:
            waiting.append(item)
            yield {"id": item.id, "text": item.text}

    for chunk in annotate_parallel(feed(), Annotator(model), n_process=workers, chunk_chars=chunk_chars):
        for record in chunk:
            item = waiting.popleft()
            yield item, _result(record, item)


def _slices(texts: List[str], workers: int, chunk_chars: int) -> List[Tuple[int, int]]:
    """(start, stop) row ranges of about ``chunk_chars`` characters, at least 2 per worker."""
    total = sum(len(t or "") for t in texts)
    target = max(1, min(chunk_chars, total // max(1, 2 * workers)))
    ranges, start, chars = [], 0, 0
    for i, text in enumerate(texts):
        chars += len(text or "")
        if chars >= target:
            ranges.append((start, i + 1))
            start, chars = i + 1, 0
    if start < len(texts):
        ranges.append((start, len(texts)))
    return ranges


def _records(block: List[Any], columns: Dict[str, List[Any]]) -> Iterator[Pair]:
    from .arrow import spans_from_rows

    order = sorted(range(len(columns["_pos"])), key=lambda i: columns["_pos"][i])
    for i in order:
        item = block[columns["_pos"][i]]
        spans = spans_from_rows(columns["spans"][i])
        if _SURROGATE.search(item.text):  # the engine saw U+FFFD in its place (same offsets)
            for span in spans:
                span["text"] = item.text[span["start"] : span["end"]]
        record: Dict[str, Any] = {"id": item.id, "text": item.text, "spans": spans}
        if columns["error"][i] is not None:
            record["error"] = columns["error"][i]
        yield item, _result(record, item)


def _result(record: Dict[str, Any], item: Any) -> Any:
    """The ``DocumentRecord`` of a record dict (pass-through keys from ``item``), or a failure."""
    if "error" in record:
        return BackendFailure(record["error"])
    return to_document_record(record, getattr(item, "extra", None))


def run_ray(
    items: Iterable[Any],
    model: Union[str, Path, None],
    workers: Optional[int],
    batch_size: int = 16,
    block_records: int = 20_000,
    chunk_chars: int = 50_000,
) -> Iterator[Pair]:
    """Ray Data on the running cluster (``RAY_ADDRESS``) or a local one, blocks of documents."""
    import logging

    import pyarrow as pa
    import ray

    from .ray import cluster_cpus, extract

    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    started = not ray.is_initialized()
    if started:
        ray.init(
            address=os.environ.get("RAY_ADDRESS"),
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
            num_cpus=None if os.environ.get("RAY_ADDRESS") else (workers or None),
        )
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        workers = workers or cluster_cpus()
        for block in _blocks(items, block_records):
            texts = [_arrow_text(item.text) for item in block]
            table = pa.table({"_pos": pa.array(range(len(block)), pa.int64()), "text": pa.array(texts, pa.string())})
            parts = [table.slice(a, b - a) for a, b in _slices(texts, workers, chunk_chars)]
            out = extract(ray.data.from_arrow(parts), model=model, num_workers=workers, batch_size=batch_size)
            columns: Dict[str, List[Any]] = {"_pos": [], "spans": [], "error": []}
            for batch in out.select_columns(["_pos", "spans", "error"]).iter_batches(batch_format="pyarrow"):
                arrow_batch: Any = batch
                for name in columns:
                    columns[name].extend(arrow_batch.column(name).to_pylist())
            yield from _records(block, columns)
    finally:
        if started:
            ray.shutdown()


def run_spark(
    items: Iterable[Any],
    model: Union[str, Path, None],
    workers: Optional[int],
    batch_size: int = 16,
    block_records: int = 20_000,
) -> Iterator[Pair]:
    """Spark on the active session, or a ``local[workers]`` one, blocks of documents."""
    import pyarrow as pa
    from pyspark.sql import SparkSession

    from .spark import extract, session

    active = SparkSession.getActiveSession()
    spark = active or session(workers=workers, batch_size=batch_size)
    if active is None:
        spark.sparkContext.setLogLevel("ERROR")
    try:
        partitions = workers or spark.sparkContext.defaultParallelism
        for block in _blocks(items, block_records):
            table = pa.table(
                {
                    "_pos": pa.array(range(len(block)), pa.int64()),
                    "text": pa.array([_arrow_text(item.text) for item in block], pa.string()),
                }
            )
            df = spark.createDataFrame(table.to_pandas(), "_pos long, text string")
            out = extract(df, model=model, partitions=2 * partitions).select("_pos", "spans", "error").toArrow()
            yield from _records(block, {name: out.column(name).to_pylist() for name in ("_pos", "spans", "error")})
    finally:
        if active is None:
            spark.stop()


def run_backend(
    items: Iterable[Any],
    backend: str = "local",
    workers: Optional[int] = None,
    model: Union[str, Path, None] = None,
    batch_size: int = 16,
    nlp: Any = None,
) -> Iterator[Pair]:
    """``(item, DocumentRecord | BackendFailure)`` for every document of ``items``, in input
    order, on ``backend``. ``nlp``: the pipeline of ``model``, if the caller has loaded it.

    The pipeline is loaded and warmed here first (the local pool's workers
    inherit it; for Ray and Spark it is a check that costs ~1 s), so a missing
    or broken model fails with E181 before an engine starts, not inside an actor.
    """
    if nlp is not None:
        prime(model, nlp)
    if backend in BACKENDS:
        load_warm(model)
    if backend == "local":
        return run_local(items, model, workers or os.cpu_count() or 1)
    if backend == "ray":
        return run_ray(items, model, workers, batch_size=batch_size)
    if backend == "spark":
        return run_spark(items, model, workers, batch_size=batch_size)
    raise ValueError(Errors.E189.format(backend=backend))


def to_document_record(record: Dict[str, Any], extra: Optional[Dict[str, Any]] = None) -> Any:
    """A record dict of the backends as the ``DocumentRecord`` the writers take."""
    from dataclasses import fields

    from ..records import DocumentRecord, SpanRecord

    names = {f.name for f in fields(SpanRecord)}
    spans = [SpanRecord(**{k: v for k, v in span.items() if k in names}) for span in record["spans"]]
    return DocumentRecord(id=record["id"], text=record["text"], spans=spans, extra=dict(extra or {}))
