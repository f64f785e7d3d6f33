"""Validation of rule-pattern files (span-ruler JSONL records).

A pattern record is ``{"label": str, "pattern": str | [token dicts], "id": str?}``.
Unknown keys, a missing label or pattern, an empty phrase and duplicates are
errors that name the file, the line and the allowed keys.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Union

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

ALLOWED_KEYS = ("label", "pattern", "id")


class PatternError(ValueError):
    """A bad pattern record; the message says file, line and what is wrong."""


class PatternRecord(BaseModel):
    """One span-ruler pattern."""

    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: Union[str, List[Dict[str, Any]]]
    id: Optional[str] = None

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("label is empty")
        return value

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, value):
        if isinstance(value, str) and not value.strip():
            raise ValueError("phrase pattern is empty")
        if isinstance(value, list) and not value:
            raise ValueError("token pattern has no tokens")
        return value


def _describe(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        loc = ".".join(str(x) for x in e["loc"]) or "record"
        if e["type"] == "extra_forbidden":
            parts.append(f"unknown key '{loc}' (allowed keys: {', '.join(ALLOWED_KEYS)})")
        else:
            parts.append(f"{loc}: {e['msg']}")
    return "; ".join(parts)


def validate_patterns(records: Iterable[Any], source: str = "<patterns>",
                      lines: Optional[List[int]] = None) -> List[Dict[str, Any]]:
    """Check pattern records; return them as plain dicts (``id`` left out when None)."""
    out: List[Dict[str, Any]] = []
    seen: Dict[tuple, int] = {}
    for n, record in enumerate(records):
        line = lines[n] if lines else n + 1
        if not isinstance(record, dict):
            raise PatternError(f"{source}, line {line}: a pattern must be a JSON object, not {type(record).__name__}.")
        try:
            checked = PatternRecord(**record)
        except ValidationError as err:
            raise PatternError(f"{source}, line {line}: {_describe(err)}.") from None
        key = (checked.label, json.dumps(checked.pattern, ensure_ascii=False, sort_keys=True))
        if key in seen:
            raise PatternError(f"{source}, line {line}: duplicate of line {seen[key]} "
                               f"({checked.label} {key[1]}).")
        seen[key] = line
        out.append(checked.model_dump(exclude_none=True))
    return out


def read_pattern_file(path: Union[str, Path]) -> List[Dict[str, Any]]:
    """Read and validate a span-ruler JSONL file; errors name the file and line."""
    path = Path(path)
    records, lines = [], []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(f"{path}: cannot read the pattern file ({err}).") from None
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            records.append(json.loads(raw))
        except json.JSONDecodeError as err:
            raise PatternError(f"{path}, line {n}: not valid JSON ({err.msg}).") from None
        lines.append(n)
    return validate_patterns(records, source=str(path), lines=lines)
