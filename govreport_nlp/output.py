"""Write ``DocumentRecord`` results as JSONL, JSON, CSV or a table for a person."""
from __future__ import annotations

import csv
import json
from typing import Iterable, List, TextIO

from wasabi import table

from .records import DocumentRecord

FORMATS = ("jsonl", "json", "csv", "table")
CSV_COLUMNS = ["id", "label", "start", "end", "text", "value", "high", "unit", "kind", "qualifier",
               "indicator", "target", "level", "recipient"]


class RecordWriter:
    """Writes records one at a time to ``stream`` in ``fmt`` (see ``FORMATS``)."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self._count = 0
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()
        elif fmt == "json":
            stream.write("[")

    def write(self, record: DocumentRecord) -> None:
        """Write one record."""
        if self.fmt == "jsonl":
            self.stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self.stream.write(("," if self._count else "") + "\n" +
                              json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
        elif self.fmt == "csv":
            for span in record.spans:
                self._csv.writerow({"id": record.id, **span.to_dict()})
        else:
            self.stream.write(format_table(record))
        self._count += 1

    def close(self) -> None:
        """Finish the output (closes the JSON array)."""
        if self.fmt == "json":
            self.stream.write("\n]\n")
        self.stream.flush()


def _cell(value) -> str:
    return "" if value is None else str(value)


def format_table(record: DocumentRecord) -> str:
    """A readable table of one document's spans, grouped by label."""
    lines: List[str] = [f"\n== {record.id}: {len(record.text)} characters, "
                        f"{len(record.metrics)} METRIC, {len(record.orgs)} ORG, {len(record.awards)} AWARD\n"]
    if record.metrics:
        rows = [(s.text, _cell(s.value), _cell(s.high), _cell(s.unit), _cell(s.kind), _cell(s.qualifier),
                 _cell(s.indicator), _cell(s.target)) for s in record.metrics]
        lines.append(table(rows, header=("METRIC", "value", "high", "unit", "kind", "qualifier", "indicator",
                                         "target"),
                           divider=True, max_col=40))
    if record.orgs:
        rows = [(s.text, f"{s.start}-{s.end}") for s in record.orgs]
        lines.append(table(rows, header=("ORG", "offsets"), divider=True))
    if record.awards:
        rows = [(s.text, _cell(s.level), _cell(s.recipient)) for s in record.awards]
        lines.append(table(rows, header=("AWARD", "level", "recipient"), divider=True, max_col=50))
    return "\n".join(lines) + "\n"


def write_records(records: Iterable[DocumentRecord], stream: TextIO, fmt: str) -> int:
    """Write all ``records``; returns how many."""
    writer = RecordWriter(stream, fmt)
    n = 0
    for record in records:
        writer.write(record)
        n += 1
    writer.close()
    return n
