"""Read documents from .txt files, .jsonl files and standard input.

Bad input never stops a batch: every problem comes back as an ``InputProblem``
that names the file, the line and the record id, and reading goes on with the
next record.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, Sequence, TextIO, Union

from .errors import Errors

STDIN = "-"


@dataclass
class InputRecord:
    """A document to process, with the keys of its input record to pass through."""

    id: str
    text: str
    extra: Dict[str, Any] = field(default_factory=dict)
    source: str = ""
    line: Optional[int] = None


@dataclass
class InputProblem:
    """A record that could not be read; ``message`` says what and where."""

    source: str
    line: Optional[int]
    message: str


Item = Union[InputRecord, InputProblem]


def _rid(record: Dict[str, Any]) -> str:
    rid = record.get("id")
    return f" (record id {rid!r})" if rid is not None else ""


def parse_jsonl_line(raw: str, source: str, line: int) -> Optional[Item]:
    """One JSONL line as an ``InputRecord``, an ``InputProblem``, or None for a blank line."""
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as err:
        return InputProblem(source, line, Errors.E003.format(source=source, line=line, detail=err.msg))
    if not isinstance(record, dict):
        return InputProblem(source, line, Errors.E008.format(source=source, line=line, type=type(record).__name__))
    if "text" not in record:
        return InputProblem(source, line, Errors.E004.format(source=source, line=line, rid=_rid(record)))
    text = record["text"]
    if not isinstance(text, str):
        return InputProblem(source, line, Errors.E005.format(
            source=source, line=line, rid=_rid(record), type=type(text).__name__))
    rid = record.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        return InputProblem(source, line, Errors.E013.format(
            source=source, line=line, rid=_rid(record), type=type(rid).__name__))
    doc_id = str(rid) if rid is not None else f"{Path(source).stem}-{line}"
    extra = {k: v for k, v in record.items() if k not in ("id", "text", "spans")}
    return InputRecord(id=doc_id, text=text, extra=extra, source=source, line=line)


def _read_jsonl(lines, source: str) -> Iterator[Item]:
    for n, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputProblem(source, n, Errors.E014.format(source=source, line=n, detail=err.reason))
                continue
        item = parse_jsonl_line(raw, source, n)
        if item is not None:
            yield item


def _read_stdin(stdin: TextIO) -> Iterator[Item]:
    source = "<stdin>"
    try:
        data = stdin.read()
    except UnicodeDecodeError as err:
        yield InputProblem(source, None, Errors.E009.format(source=source, detail=err))
        return
    if data.lstrip().startswith("{"):
        yield from _read_jsonl(data.splitlines(keepends=True), source)
    elif data.strip():
        yield InputRecord(id="stdin", text=data, source=source)


def read_inputs(paths: Sequence[str], stdin: Optional[TextIO] = None) -> Iterator[Item]:
    """Yield every document of ``paths`` in order, and a problem for every bad record.

    A ``.txt`` file is one document whose id is the file stem; a ``.jsonl`` file
    holds one record a line (``text``, optional ``id``, other keys passed through;
    any ``spans`` dropped); ``-`` reads standard input, as JSONL when it starts
    with ``{`` and as one document otherwise.
    """
    for name in paths:
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        path = Path(name)
        suffix = path.suffix.lower()
        if suffix not in (".txt", ".jsonl"):
            yield InputProblem(name, None, Errors.E007.format(source=name))
            continue
        try:
            if suffix == ".txt":
                text = path.read_text(encoding="utf-8")
                yield InputRecord(id=path.stem, text=text, source=name)
            else:
                with path.open("rb") as stream:
                    yield from _read_jsonl(stream, name)
        except UnicodeDecodeError as err:
            yield InputProblem(name, None, Errors.E009.format(source=name, detail=err))
        except OSError as err:
            yield InputProblem(name, None, Errors.E006.format(source=name, detail=err.strerror or err))
