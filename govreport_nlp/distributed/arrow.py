"""Arrow batches in, Arrow batches out: the shared part of the Ray and Spark backends."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

import pyarrow as pa

from ..errors import Errors
from .core import ERROR_COLUMN, SPAN_FIELDS, SPANS_COLUMN, Annotator, span_from_row

_ARROW_TYPES = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string(), "bool": pa.bool_()}


def span_type() -> pa.StructType:
    """One span: the columns of :data:`SPAN_FIELDS`, all nullable."""
    return pa.struct([pa.field(name, _ARROW_TYPES[kind]) for name, kind in SPAN_FIELDS])


def spans_type() -> pa.ListType:
    """The ``spans`` column: a list of :func:`span_type` structs."""
    return pa.list_(span_type())


def annotate_table(annotator: Annotator, table: pa.Table, engine: str = "Arrow") -> pa.Table:
    """``table`` with every column kept and ``spans`` and ``error`` added (replaced if present)."""
    column = annotator.text_column
    if column not in table.column_names:
        raise KeyError(Errors.E187.format(column=column, engine=engine, columns=", ".join(table.column_names)))
    spans, errors = annotator.rows(table.column(column).to_pylist())
    for name in (SPANS_COLUMN, ERROR_COLUMN):
        if name in table.column_names:
            table = table.drop_columns([name])
    table = table.append_column(pa.field(SPANS_COLUMN, spans_type()), pa.array(spans, type=spans_type()))
    return table.append_column(pa.field(ERROR_COLUMN, pa.string()), pa.array(errors, type=pa.string()))


def annotate_batches(
    annotator: Annotator, batches: Iterator[pa.RecordBatch], engine: str = "Arrow"
) -> Iterator[pa.RecordBatch]:
    """:func:`annotate_table` over a stream of record batches (Spark's ``mapInArrow``)."""
    for batch in batches:
        table = annotate_table(annotator, pa.Table.from_batches([batch]), engine)
        yield from table.to_batches()


def spans_from_rows(rows: Optional[List[Dict[str, Any]]]) -> List[Dict[str, Any]]:
    """The record-format spans of one row's ``spans`` value."""
    return [span_from_row(row) for row in rows or []]


def row_to_record(row: Dict[str, Any], text_column: str = "text", id_column: str = "id") -> Dict[str, Any]:
    """An annotated row (a dict, as ``Dataset.iter_rows()`` or ``Row.asDict(True)`` gives it)
    as the annotation guide's record: ``id``, ``text``, the other columns, ``spans``,
    and ``error`` where the document failed (what :meth:`Annotator.records` gives locally)."""
    record: Dict[str, Any] = {
        "id": None if row.get(id_column) is None else str(row[id_column]),
        "text": row.get(text_column),
    }
    for key, value in row.items():
        if key not in (id_column, text_column, "id", "text", SPANS_COLUMN, ERROR_COLUMN):
            record[key] = value
    record[SPANS_COLUMN] = spans_from_rows(row.get(SPANS_COLUMN))
    if row.get(ERROR_COLUMN) is not None:
        record[ERROR_COLUMN] = row[ERROR_COLUMN]
    return record
