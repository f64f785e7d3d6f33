"""Write ``DocumentRecord`` results as JSONL, JSON, CSV or a table for a person.

Every JSON line is strict JSON (exact numbers, no NaN or Infinity, see
``records.dumps_strict``); CSV cells that a spreadsheet would read as a formula
are neutralised; :class:`AtomicOutput` writes a file so that an interrupted run
leaves the old file or a complete new one, never half of one.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterable, List, Optional, Set, TextIO, Tuple

from wasabi import table

from .records import DocumentRecord

FORMATS = ("jsonl", "json", "csv", "table")
CSV_COLUMNS = [
    "id",
    "label",
    "start",
    "end",
    "text",
    "value",
    "high",
    "unit",
    "kind",
    "qualifier",
    "indicator",
    "target",
    "level",
    "recipient",
]

#: A CSV cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection);
#: the full-width forms too, which spreadsheets in Chinese locales may read the same way.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet will show as text: one starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP's advice for CSV injection). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class RecordWriter:
    """Writes records one at a time to ``stream`` in ``fmt`` (see ``FORMATS``)."""

    def __init__(self, stream: TextIO, fmt: str, *, header: bool = True) -> None:
        self.stream = stream
        self.fmt = fmt
        self._count = 0
        if fmt == "csv" and header:
            csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore").writeheader()
        elif fmt == "json":
            stream.write("[")

    def write(self, record: DocumentRecord) -> None:
        """Write one record. The record is formatted whole before anything is written, so a
        record that cannot be formatted raises and leaves the output as it was."""
        if self.fmt == "csv":
            buffer = _Lines()
            writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            for span in record.spans:
                row = {"id": record.id, **span.to_dict()}
                writer.writerow({key: csv_safe(value) for key, value in row.items()})
            self.stream.write(_escape_surrogates("".join(buffer.parts)))
            self._count += 1
            return
        if self.fmt == "jsonl":
            self.stream.write(record.to_json() + "\n")
        elif self.fmt == "json":
            self.stream.write(("," if self._count else "") + "\n" + record.to_json(indent=1))
        else:
            self.stream.write(_escape_surrogates(format_table(record)))
        self._count += 1

    def close(self) -> None:
        """Finish the output (closes the JSON array)."""
        if self.fmt == "json":
            self.stream.write("\n]\n")
        self.stream.flush()


class _Lines:
    """A write-only text sink that keeps what is written (for csv.writer)."""

    def __init__(self) -> None:
        self.parts: List[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


def _escape_surrogates(text: str) -> str:
    from .readers import SURROGATE

    return SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group()), text) if SURROGATE.search(text) else text


def _cell(value) -> str:
    return "" if value is None else str(value)


def format_table(record: DocumentRecord) -> str:
    """A readable table of one document's spans, grouped by label."""
    lines: List[str] = [
        f"\n== {record.id}: {len(record.text)} characters, "
        f"{len(record.metrics)} METRIC, {len(record.orgs)} ORG, {len(record.awards)} AWARD\n"
    ]
    if record.metrics:
        rows = [
            (
                s.text,
                _cell(s.value),
                _cell(s.high),
                _cell(s.unit),
                _cell(s.kind),
                _cell(s.qualifier),
                _cell(s.indicator),
                _cell(s.target),
            )
            for s in record.metrics
        ]
        lines.append(
            table(
                rows,
                header=("METRIC", "value", "high", "unit", "kind", "qualifier", "indicator", "target"),
                divider=True,
                max_col=40,
            )
        )
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


# ----------------------------------------------------------------------------- atomic files
def partial_path(path: Path) -> Path:
    """Where a run writes ``path`` until it is complete: ``PATH.part`` in the same directory."""
    return path.with_name(path.name + ".part")


def _jsonl_ids(path: Path) -> Tuple[Set[str], int, List[int]]:
    """Ids of the complete records in a JSONL file, the byte length of its complete lines,
    and the numbers of lines that are not records (a line cut by an interruption)."""
    ids: Set[str] = set()
    good_end = 0
    bad: List[int] = []
    offset = 0
    with path.open("rb") as stream:
        for n, raw in enumerate(stream, start=1):
            offset += len(raw)
            if not raw.endswith(b"\n"):
                bad.append(n)
                break
            try:
                record = json.loads(raw)
                ids.add(str(record["id"]))
            except (ValueError, KeyError, TypeError, RecursionError):
                bad.append(n)
                continue
            if not bad:
                good_end = offset
    return ids, good_end, bad


class AtomicOutput:
    """A text file written as ``PATH.part`` and moved onto ``PATH`` by :meth:`commit`.

    Until ``commit()`` the old ``PATH`` (if any) is untouched, so an interrupted
    run leaves the old file or, after ``commit()``, the complete new one. The
    ``.part`` file stays after an interruption: with ``resume=True`` (JSONL
    only) the next run keeps its complete records (or those of ``PATH`` when
    there is no ``.part``), skips their ids (:attr:`done`) and appends.
    """

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        self.path = path
        self.part = partial_path(path)
        self.done: Set[str] = set()
        self.dropped: List[Tuple[str, int]] = []
        self.stream: Optional[TextIO] = None
        self.resume = resume

    @property
    def direct(self) -> bool:
        """True for a path that is not a regular file (/dev/null, a FIFO): written in place."""
        return self.path.exists() and not self.path.is_file()

    def open(self) -> TextIO:
        """Open ``PATH.part`` for writing (appending after the kept records with resume)."""
        if self.direct:
            self.stream = self.path.open("w", encoding="utf-8", newline="")
            return self.stream
        if self.resume:
            if not self.part.exists() and self.path.exists():
                shutil.copyfile(self.path, self.part)
                source = str(self.path)
            else:
                source = str(self.part)
            if self.part.exists():
                self.done, good_end, bad = _jsonl_ids(self.part)
                self.dropped = [(source, n) for n in bad]
                if bad:
                    self._keep_complete_lines(good_end)
        mode = "a" if self.resume else "w"
        self.stream = self.part.open(mode, encoding="utf-8", newline="")
        return self.stream

    def _keep_complete_lines(self, good_end: int) -> None:
        """Drop the lines of ``PATH.part`` that are not records (keeping every good one)."""
        tmp = self.part.with_name(self.part.name + ".tmp")
        with self.part.open("rb") as src, tmp.open("wb") as dst:
            dst.write(src.read(good_end))
            for raw in src:
                if raw.endswith(b"\n"):
                    try:
                        json.loads(raw)["id"]
                    except (ValueError, KeyError, TypeError, RecursionError):
                        continue
                    dst.write(raw)
        os.replace(tmp, self.part)

    def flush(self) -> None:
        """Push what is written to the ``.part`` file (so an interruption keeps it)."""
        if self.stream is not None:
            self.stream.flush()

    def commit(self) -> None:
        """Close ``PATH.part`` and move it onto ``PATH`` in one step."""
        assert self.stream is not None
        self.stream.flush()
        if self.direct:
            self.stream.close()
            return
        os.fsync(self.stream.fileno())
        self.stream.close()
        if self.path.exists():
            try:
                shutil.copymode(self.path, self.part)
            except OSError:
                pass
        os.replace(self.part, self.path)

    def abandon(self) -> None:
        """Close ``PATH.part`` and leave it (and ``PATH``) as they are."""
        if self.stream is not None and not self.stream.closed:
            try:
                self.stream.close()
            except OSError:
                pass
