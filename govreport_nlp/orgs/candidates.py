"""What the ORG rules return and how overlapping candidates are resolved.

Each rule returns :data:`Candidate` triples ``(start, end, source)`` over the folded text; the
finder keeps the longest candidates, then the better source (:data:`SOURCE_RANK`), then the leftmost,
and turns the kept ones into :class:`OrgMatch` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

__all__ = ["Candidate", "SOURCE_RANK", "OrgMatch", "resolve"]

#: (start, end, source) on the folded text; ``source`` names the rule (gazetteer, suffix …).
Candidate = Tuple[int, int, str]

#: Source priority when two candidates cover the same characters (higher wins on ties).
SOURCE_RANK = {
    "gazetteer": 6,
    "suffix": 5,
    "abbreviation": 4,
    "list": 3,
    "subject": 3,
    "actor": 3,
    "facility": 2,
    "alias": 1,
}


@dataclass(frozen=True)
class OrgMatch:
    """One organisation mention: ``text == original_text[start:end]``."""

    start: int
    end: int
    text: str
    source: str


def _priority(c: Candidate) -> tuple[int, int, int]:
    return -(c[1] - c[0]), -SOURCE_RANK.get(c[2], 0), c[0]


def resolve(cands: list[Candidate], length: int) -> list[Candidate]:
    """Non-overlapping candidates, left to right: longest first, then source rank, then leftmost."""
    cands = [(s, e, src) for s, e, src in cands if e > s]
    cands.sort(key=_priority)
    taken = bytearray(length + 1)
    chosen = []
    for s, e, src in cands:
        if taken.find(1, s, e) >= 0:  # (a character already taken)
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append((s, e, src))
    chosen.sort()
    return chosen
