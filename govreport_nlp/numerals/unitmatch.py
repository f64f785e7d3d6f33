"""The unit written after a number, matched against the unit table (``metrics/data/units.json``)."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from ..metrics.units import Unit
from .chars import _SP
from .lexicon import _UNITS


def _unit_pattern(forms: Sequence[str]) -> str:
    parts = []
    for f in sorted(forms, key=len, reverse=True):
        if re.fullmatch(r"[A-Za-z0-9²³·]+", f):
            body = re.escape(f)
            if len(f) >= 2 and f.isalpha():
                body = f"(?i:{body})"
            parts.append(f"{body}(?![A-Za-z])")
        else:
            parts.append(f"{_SP}*".join(re.escape(c) for c in f))
    return "|".join(parts)


_UNIT_FORMS = [f for f, u in _UNITS.forms.items() if not u.compound_only]


def _by_first_char(forms: Sequence[str]) -> Dict[str, "re.Pattern[str]"]:
    """One small unit regex per first character (lower-cased): alternations stay short."""
    groups: Dict[str, List[str]] = {}
    for f in forms:
        groups.setdefault(f[0].lower(), []).append(f)
    return {c: re.compile(rf"(?P<u>{_unit_pattern(fs)})") for c, fs in groups.items()}


_UNIT_BY_FIRST = _by_first_char(_UNIT_FORMS)
_GE_FORMS = [f for f, u in _UNITS.forms.items() if u.after_ge]
_GE_RE = re.compile(rf"{_SP}{{0,4}}个{_SP}*(?P<q>[多余半])?{_SP}*(?P<u>{_unit_pattern(_GE_FORMS)})")
_UNIT_START = frozenset(c for f in _UNIT_FORMS for c in (f[0], f[0].upper(), f[0].lower())) | frozenset("个")
_SINGLE_CHAR_UNITS = frozenset(f for f in _UNIT_FORMS if len(f) == 1)


_FORM_LOWER = {f.lower(): u for f, u in _UNITS.forms.items() if not u.compound_only}
_BLOCKED = {
    u.unit: (frozenset(b for b in u.blocked if len(b) == 1), tuple(b for b in u.blocked if len(b) > 1))
    for u in _UNITS.units.values()
}


def _blocked(norm: str, e: int, u: Unit) -> bool:
    one, longer = _BLOCKED[u.unit]
    return (e < len(norm) and norm[e] in one) or (bool(longer) and norm.startswith(longer, e))


def _unit_of(written: str) -> Optional[Unit]:
    """The unit of a form as the unit regexes match it (spaces inside, any case)."""
    return _FORM_LOWER.get(written.replace(" ", "").replace("\t", "").lower())


#: written form -> (unit, blocked single characters, blocked words) for the forms as listed,
#: which is how units are written nearly always; other spellings go through :func:`_unit_of`
_WRITTEN = {f: (u, *_BLOCKED[u.unit]) for f in _UNITS.forms for u in (_unit_of(f),) if u is not None}
_GE_FIRST = "".join(f[0] for f in _GE_FORMS)
#: characters that may follow the 个 of _GE_RE: its spaces, 多余半 and the first characters of its
#: units (None when one starts with a cased letter: case-insensitive matching admits more)
_GE_NEXT = None if any(c.lower() != c.upper() for c in _GE_FIRST) else frozenset(" \t多余半" + _GE_FIRST)


def _written_unit(norm: str, written: str, e: int) -> Optional[Unit]:
    """The unit of the form ``written`` that ends at ``e``, None when a ``blocked`` word follows it."""
    entry = _WRITTEN.get(written)
    if entry is None:
        u = _unit_of(written)
        return None if u is None or _blocked(norm, e, u) else u
    u, one, longer = entry
    if (e < len(norm) and norm[e] in one) or (longer and norm.startswith(longer, e)):
        return None
    return u


def _unit_at(norm: str, pos: int) -> Optional[Tuple[int, Unit, str, str]]:
    """(end, unit, written form, 个-modifier) of the unit at ``pos``, else None.

    个 before an ``after_ge`` unit is dropped (个百分点 -> 百分点; 个多月 -> 月, approx);
    a unit followed by one of its ``blocked`` continuations is not a unit (3个项目: 个).
    """
    n = len(norm)
    if pos >= n:
        return None
    k = pos
    c = norm[k]
    if c == " " or c == "\t":
        while k < n and norm[k] in " \t":
            k += 1
        if k >= n:
            return None
        c = norm[k]
    if c == "个" and (_GE_NEXT is None or (k + 1 < n and norm[k + 1] in _GE_NEXT)):
        m = _GE_RE.match(norm, pos)
        if m:
            written, e = m.group("u"), m.end()
            u = _written_unit(norm, written, e)
            if u is not None:
                return e, u, written, m.group("q") or ""
    rx = _UNIT_BY_FIRST.get(c.lower())
    m = rx.match(norm, k) if rx is not None else None
    if m:
        written, e = m.group("u"), m.end()
        entry = _WRITTEN.get(written)
        if entry is None:  # spaces inside, another case
            u = _written_unit(norm, written, e)
            return None if u is None else (e, u, written, "")
        u, one, longer = entry
        if (e < n and norm[e] in one) or (longer and norm.startswith(longer, e)):
            return None
        return e, u, written, ""
    return None
