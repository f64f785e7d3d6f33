"""Validation of rule-pattern files (span-ruler JSONL records).

A pattern record is ``{"label": str, "pattern": str | [token dicts], "id": str?}``.
Unknown keys, a missing label or pattern, an empty phrase and duplicates are
errors that name the file, the line and the allowed keys. Token patterns are
checked with spaCy's own token-pattern schema (an unknown attribute is an
error), and a ``REGEX`` value is bounded: at most :data:`MAX_REGEX_LENGTH`
characters, it must compile, and a nested quantifier (``(a+)+``, ``(?:x*)*``,
the shape of catastrophic backtracking) is refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Union

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from spacy.schemas import validate_token_pattern

from .errors import Errors, TableError

ALLOWED_KEYS = ("label", "pattern", "id")
#: The longest REGEX a token pattern may hold.
MAX_REGEX_LENGTH = 200
# A group that holds a quantifier and is itself quantified: (a+)+, (?:ab*){2,}.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})")


class PatternError(TableError):
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
    def _pattern(cls, value: Union[str, List[Dict[str, Any]]]) -> Union[str, List[Dict[str, Any]]]:
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


def _regexes(value: Any) -> Iterable[str]:
    """Every REGEX string inside a token-pattern value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "REGEX" and isinstance(inner, str):
                yield inner
            else:
                yield from _regexes(inner)


def _check_token_pattern(pattern: List[Dict[str, Any]], source: str, line: int) -> None:
    problems = validate_token_pattern(pattern)
    if problems:
        first = problems[0]
        match = re.match(r"\[pattern -> (\d+) -> ([^\]\s]+)[^\]]*\] Extra inputs are not permitted", first)
        if match:
            from spacy.schemas import TokenPattern

            allowed = ", ".join(sorted(f.alias or name for name, f in TokenPattern.model_fields.items()))
            raise PatternError(
                Errors.E209.format(source=source, line=line, index=match.group(1), attr=match.group(2), allowed=allowed)
            )
        raise PatternError(Errors.E208.format(source=source, line=line, detail=f"token pattern: {first}"))
    for index, token in enumerate(pattern):
        for regex in _regexes(token):
            detail = None
            if len(regex) > MAX_REGEX_LENGTH:
                detail = f"it is {len(regex)} characters long"
            elif _NESTED_QUANTIFIER.search(regex):
                detail = "it has a nested quantifier"
            else:
                try:
                    re.compile(regex)
                except re.error as err:
                    detail = f"it does not compile ({err})"
            if detail:
                raise PatternError(
                    Errors.E210.format(
                        source=source, line=line, index=index, regex=regex, detail=detail, limit=MAX_REGEX_LENGTH
                    )
                )


def validate_patterns(
    records: Iterable[Any], source: str = "<patterns>", lines: Optional[List[int]] = None, vocab: Any = None
) -> List[Dict[str, Any]]:
    """Check pattern records; return them as plain dicts (``id`` left out when None).

    ``vocab`` is accepted for symmetry with spaCy's rulers (unused).
    """
    out: List[Dict[str, Any]] = []
    seen: Dict[tuple, int] = {}
    for n, record in enumerate(records):
        line = lines[n] if lines else n + 1
        if not isinstance(record, dict):
            raise PatternError(
                Errors.E208.format(
                    source=source, line=line, detail=f"a pattern must be a JSON object, not {type(record).__name__}"
                )
            )
        try:
            checked = PatternRecord(**record)
        except ValidationError as err:
            raise PatternError(Errors.E208.format(source=source, line=line, detail=_describe(err))) from None
        if isinstance(checked.pattern, list):
            _check_token_pattern(checked.pattern, source, line)
        key = (checked.label, json.dumps(checked.pattern, ensure_ascii=False, sort_keys=True))
        if key in seen:
            raise PatternError(
                Errors.E208.format(
                    source=source, line=line, detail=f"duplicate of line {seen[key]} ({checked.label} {key[1]})"
                )
            )
        seen[key] = line
        out.append(checked.model_dump(exclude_none=True))
    return out


def read_pattern_file(path: Union[str, Path], vocab: Any = None) -> List[Dict[str, Any]]:
    """Read and validate a span-ruler JSONL file; errors name the file and line."""
    path = Path(path)
    records, lines = [], []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(Errors.E204.format(name="patterns", path=path, detail=err)) from None
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            records.append(json.loads(raw))
        except json.JSONDecodeError as err:
            raise PatternError(Errors.E203.format(source=path, line=n, detail=err.msg)) from None
        lines.append(n)
    return validate_patterns(records, source=str(path), lines=lines)
