"""Read documents from .txt files, .jsonl files and standard input.

Bad input never stops a batch: every problem comes back as an ``InputProblem``
that names the file, the line and the record id, and reading goes on with the
next record.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, Optional, Sequence, TextIO, Tuple, Union

from .errors import Errors

STDIN = "-"
#: A lone UTF-16 surrogate: a valid Python character that UTF-8 cannot encode.
SURROGATE = re.compile("[\ud800-\udfff]")
_BOM = "\ufeff"


@dataclass
class InputRecord:
    """A document to process, with the keys of its input record to pass through."""

    id: str
    text: str
    extra: Dict[str, Any] = field(default_factory=dict)
    source: str = ""
    line: Optional[int] = None
    #: Bytes of input this record took (its line, or its file): for progress and ETA.
    size: int = 0


@dataclass
class InputProblem:
    """A record that could not be read; ``message`` says what and where."""

    source: str
    line: Optional[int]
    message: str
    size: int = 0
    #: The record's id where it could be read.
    id: Optional[str] = None


Item = Union[InputRecord, InputProblem]


class _NotJSON(ValueError):
    """NaN, Infinity and -Infinity: Python's json accepts them, JSON does not."""


def _reject_constant(name: str) -> Any:
    raise _NotJSON(name)


def _parse_int(digits: str) -> Union[int, Decimal]:
    # Python refuses int(str) beyond 4,300 digits; a Decimal keeps every digit.
    return int(digits) if len(digits) <= 4000 else Decimal(digits)


def loads_strict(raw: str) -> Any:
    """``json.loads`` for input records: numbers exact (floats as ``Decimal``, ints of any
    length), NaN and Infinity refused (``_NotJSON``)."""
    return json.loads(raw, parse_float=Decimal, parse_int=_parse_int, parse_constant=_reject_constant)


def _rid(record: Dict[str, Any]) -> str:
    rid = record.get("id")
    if rid is None:
        return ""
    shown = repr(rid)
    return f" (record id {shown if len(shown) <= 80 else shown[:77] + '...'})"


def find_surrogate(value: Any, name: str = "") -> Optional[Tuple[str, int, int]]:
    """The first lone surrogate in a parsed JSON value: ``(field, character index, code)``.

    ``field`` names where it is (``text``, ``id``, ``meta.title``, a key).
    """
    stack = [(name, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            m = SURROGATE.search(item)
            if m:
                return where or "value", m.start(), ord(m.group())
        elif isinstance(item, dict):
            for key, sub in reversed(list(item.items())):
                m = SURROGATE.search(key) if isinstance(key, str) else None
                if m:
                    return f"key {where + '.' if where else ''}{key!r}", m.start(), ord(m.group())
                stack.append((f"{where}.{key}" if where else str(key), sub))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", sub) for i, sub in reversed(list(enumerate(item))))
    return None


def parse_jsonl_line(raw: str, source: str, line: int, size: Optional[int] = None) -> Optional[Item]:
    """One JSONL line as an ``InputRecord``, an ``InputProblem``, or None for a blank line.

    ``size`` is the line's length in bytes where known (for progress)."""
    if not raw.strip():
        return None
    size = len(raw) if size is None else size
    try:
        record = loads_strict(raw)
    except json.JSONDecodeError as err:
        return InputProblem(source, line, Errors.E003.format(source=source, line=line, detail=err.msg), size)
    except _NotJSON as err:
        return InputProblem(source, line, Errors.E148.format(source=source, line=line, constant=err), size)
    except RecursionError:
        return InputProblem(source, line, Errors.E147.format(source=source, line=line), size)
    except ValueError as err:  # any other refusal of the JSON decoder
        return InputProblem(source, line, Errors.E003.format(source=source, line=line, detail=err), size)
    if not isinstance(record, dict):
        return InputProblem(
            source, line, Errors.E008.format(source=source, line=line, type=type(record).__name__), size
        )
    rid = record.get("id")
    where = f"{source}, line {line}{_rid(record)}"
    shown_id = rid if isinstance(rid, str) and not SURROGATE.search(rid) else None
    if "text" not in record:
        return InputProblem(
            source, line, Errors.E004.format(source=source, line=line, rid=_rid(record)), size, shown_id
        )
    text = record["text"]
    if not isinstance(text, str):
        return InputProblem(
            source,
            line,
            Errors.E005.format(source=source, line=line, rid=_rid(record), type=type(text).__name__),
            size,
            shown_id,
        )
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        return InputProblem(
            source,
            line,
            Errors.E013.format(
                source=source,
                line=line,
                rid=_rid(record),
                type="float" if isinstance(rid, Decimal) else type(rid).__name__,
            ),
            size,
        )
    bad = find_surrogate(record)
    if bad is not None:
        name, pos, code = bad
        return InputProblem(
            source, line, Errors.E146.format(where=where, field=name, code=code, pos=pos), size, shown_id
        )
    doc_id = str(rid) if rid is not None else f"{Path(source).stem}-{line}"
    extra = {k: v for k, v in record.items() if k not in ("id", "text", "spans")}
    return InputRecord(id=doc_id, text=text, extra=extra, source=source, line=line, size=size)


def _read_jsonl(lines: Iterable[Union[bytes, str]], source: str) -> Iterator[Item]:
    for n, raw in enumerate(lines, start=1):
        size = len(raw)
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputProblem(
                    source,
                    n,
                    Errors.E014.format(source=source, line=n, detail=f"{err.reason} at byte {err.start}"),
                    len(raw),
                )
                continue
        if n == 1 and raw.startswith(_BOM):
            raw = raw[1:]
        item = parse_jsonl_line(raw, source, n, size)
        if item is not None:
            yield item


def _read_stdin(stdin: TextIO) -> Iterator[Item]:
    """Standard input, read as a stream: JSONL when the first non-blank line starts with
    ``{``, else one document. Bytes are decoded here, so a bad line is reported with its
    number instead of failing the whole stream."""
    source = "<stdin>"
    buffer = getattr(stdin, "buffer", None)
    lines: Iterator[Union[bytes, str]] = iter(buffer if buffer is not None else stdin)
    head = []
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    first = head[-1] if head else ""
    if isinstance(first, bytes):
        first = first.decode("utf-8", "replace")
    if first.lstrip(_BOM + " \t\r\n").startswith("{"):
        yield from _read_jsonl(chain(head, lines), source)
        return
    parts = list(chain(head, lines))
    if parts and isinstance(parts[0], bytes):
        data_bytes = b"".join(p for p in parts if isinstance(p, bytes))
        try:
            data = data_bytes.decode("utf-8")
        except UnicodeDecodeError as err:
            yield InputProblem(
                source,
                None,
                Errors.E009.format(source=source, detail=f"{err.reason} at byte {err.start}"),
                len(data_bytes),
            )
            return
    else:
        data = "".join(p for p in parts if isinstance(p, str))
    if data.startswith(_BOM):
        data = data[1:]
    if data.strip():
        bad = SURROGATE.search(data)
        if bad:
            yield InputProblem(
                source,
                None,
                Errors.E146.format(
                    where=f"{source} (record id 'stdin')", field="text", code=ord(bad.group()), pos=bad.start()
                ),
                len(data),
                "stdin",
            )
            return
        yield InputRecord(id="stdin", text=data, source=source, size=len(data.encode("utf-8", "replace")))


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
                data = path.read_bytes()
                text = data.decode("utf-8")
                if text.startswith(_BOM):
                    text = text[1:]
                yield InputRecord(id=path.stem, text=text, source=name, size=len(data))
            else:
                with path.open("rb") as stream:
                    yield from _read_jsonl(stream, name)
        except UnicodeDecodeError as err:
            yield InputProblem(
                name, None, Errors.E009.format(source=name, detail=f"{err.reason} at byte {err.start}"), id=path.stem
            )
        except OSError as err:
            yield InputProblem(name, None, Errors.E006.format(source=name, detail=err.strerror or err))
