"""The unit table (``metrics/data/units.json``) and unit conversion.

Pure Python (no spaCy). The table lists every unit word the numeral layer
recognises, grouped in families (currency, area, length, mass, volume, energy,
power, time, percent, count ...). Each unit has a *base* unit of its family and
a *factor* to it; a value converts only between units that share a base:

* area: base 平方米 (平方公里 = 1e6, 公顷 = 1e4, 亩 = 10000/15, so 公顷 = 15 亩);
* length: base 米; mass: base 千克 (吨 = 1000 千克, 克 = 0.001 千克, 斤 = 0.5 千克);
* volume: base 立方米; energy: base 千瓦时 (度 = 千瓦时); power: base 千瓦;
* time: base 秒 (天/日 = 86400 秒); calendar: base 月 (年 = 12 月); 工作日 alone;
* percent: base % (‰ = 0.1 %); 百分点 alone (a difference of percents is not a percent);
* multiples: 倍 (times) and 番 (doublings) alone; coal equivalent: 吨标准煤;
* currencies and counted things (人, 家, 个 ...) are each their own base.

Rates are written A/B (元/吨, 微克/立方米, 万元/亩): their family is ``"rate"``
and they convert part by part.

Magnitude words are not units: a numeral carries them (3.44亿元 has value
344000000 and unit 元). :func:`convert` accepts them as prefixes of either
unit, so ``convert(344000000, "元", "亿元") == 3.44``.

The JSON file is validated on load (pydantic); errors name the file, the entry
and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Errors
from ..tables import active_tables, package_path

__all__ = [
    "UnitError",
    "UnitTableError",
    "UnitConversionError",
    "Unit",
    "UnitTable",
    "load_units",
    "default_table",
    "unit_family",
    "unit_kind",
    "base_unit",
    "is_unit",
    "split_magnitude",
    "convert",
    "UNITS_PATH",
]

UNITS_PATH = package_path("units")


class UnitError(ValueError):
    """Base class of the errors of this module."""


class UnitTableError(UnitError):
    """The unit table file is malformed; the message names the file and the entry."""


class UnitConversionError(UnitError):
    """A value cannot be converted between the two units given."""


# --------------------------------------------------------------------------- schema
_KINDS = ("currency", "dimension", "time", "percent", "rank", "count", "age", "temperature", "ratio")
FactorSpec = Union[float, int, List[int]]


class _FamilyModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    doc: str = ""

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        if v not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}, not {v!r}")
        return v


class _UnitModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str = Field(min_length=1)
    family: str = Field(min_length=1)
    base: Optional[str] = None
    factor: FactorSpec = 1
    aliases: List[str] = []
    after_ge: bool = False
    compound_only: bool = False
    compounds: List[str] = []
    blocked: List[str] = []

    @field_validator("factor")
    @classmethod
    def _positive(cls, v: FactorSpec) -> FactorSpec:
        if isinstance(v, list):
            if len(v) != 2 or v[1] == 0:
                raise ValueError("a fractional factor is [numerator, denominator] with a non-zero denominator")
            if Fraction(v[0], v[1]) <= 0:
                raise ValueError("factor must be positive")
        elif v <= 0:
            raise ValueError("factor must be positive")
        return v

    @field_validator("aliases", "blocked", "compounds")
    @classmethod
    def _non_empty(cls, v: List[str]) -> List[str]:
        if any(not s for s in v):
            raise ValueError("empty string in list")
        return v


class _TableModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc: str = Field("", alias="_doc")
    magnitudes: Dict[str, float]
    families: Dict[str, _FamilyModel]
    units: List[dict]


@dataclass(frozen=True)
class Unit:
    """One unit of the table."""

    unit: str
    family: str
    kind: str
    base: str
    factor: Fraction
    aliases: Tuple[str, ...] = ()
    after_ge: bool = False
    compound_only: bool = False
    compounds: Tuple[str, ...] = ()
    blocked: Tuple[str, ...] = ()


def _to_fraction(v: FactorSpec) -> Fraction:
    if isinstance(v, list):
        return Fraction(v[0], v[1])
    return Fraction(str(v)) if isinstance(v, float) else Fraction(v)


class UnitTable:
    """The validated unit table: units by name and by written form, magnitudes."""

    def __init__(self, units: Dict[str, Unit], magnitudes: Dict[str, Fraction], source: str) -> None:
        self.units = units
        self.magnitudes = magnitudes
        self.source = source
        forms: Dict[str, Unit] = {}
        for u in units.values():
            forms[u.unit] = u
            for a in u.aliases:
                forms[a] = u
        #: every written form (unit names and aliases) -> its unit
        self.forms = forms

    def __contains__(self, unit: str) -> bool:
        return unit in self.forms

    def get(self, unit: str) -> Optional[Unit]:
        """The unit for a written form (name or alias), else None."""
        return self.forms.get(unit)

    def resolve(self, unit: str) -> Tuple[Fraction, Unit]:
        """Split an optional magnitude prefix off ``unit``: "亿元" -> (1e8, 元).

        A form of the table wins over a prefix reading (千米 is a unit, not 千 × 米).
        Raises UnitConversionError for an unknown unit.
        """
        u = self.forms.get(unit)
        if u is not None:
            return Fraction(1), u
        for n in (2, 1):
            prefix, rest = unit[:n], unit[n:]
            if prefix in self.magnitudes and rest in self.forms:
                return self.magnitudes[prefix], self.forms[rest]
        raise UnitConversionError(Errors.E134.format(unit=unit, source=self.source))


def _validate(raw: object, source: str) -> UnitTable:
    if not isinstance(raw, dict):
        raise UnitTableError(f"{source}: the unit table must be a JSON object, not {type(raw).__name__}.")
    try:
        table = _TableModel.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise UnitTableError(
            f"{source}: {loc}: {err['msg']}. Allowed top-level keys: _doc, magnitudes, families, units."
        ) from None
    allowed = sorted(_UnitModel.model_fields)
    entries: List[_UnitModel] = []
    for i, entry in enumerate(table.units):
        name = entry.get("unit", "?") if isinstance(entry, dict) else "?"
        where = f"{source}, units[{i}] ({name!r})"
        if not isinstance(entry, dict):
            raise UnitTableError(f"{where}: an entry must be an object, not {type(entry).__name__}.")
        unknown = sorted(set(entry) - set(allowed))
        if unknown:
            raise UnitTableError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed keys: {', '.join(allowed)}.")
        try:
            m = _UnitModel.model_validate(entry)
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise UnitTableError(f"{where}: {loc}: {err['msg']}.") from None
        if m.family not in table.families:
            raise UnitTableError(f"{where}: unknown family {m.family!r}; families: {', '.join(table.families)}.")
        entries.append(m)
    seen: Dict[str, int] = {}
    for i, m in enumerate(entries):
        for form in (m.unit, *m.aliases):
            if form in seen:
                raise UnitTableError(
                    f"{source}, units[{i}] ({m.unit!r}): the form {form!r} is already defined by "
                    f"units[{seen[form]}] ({entries[seen[form]].unit!r}); each written form "
                    f"must belong to one unit."
                )
            seen[form] = i
            if form in table.magnitudes:
                raise UnitTableError(f"{source}, units[{i}] ({m.unit!r}): {form!r} is a magnitude word, not a unit.")
    by_name = {m.unit: m for m in entries}
    units: Dict[str, Unit] = {}
    for i, m in enumerate(entries):
        where = f"{source}, units[{i}] ({m.unit!r})"
        base = m.base or m.unit
        b = by_name.get(base)
        if b is None:
            raise UnitTableError(f"{where}: base unit {base!r} is not in the table.")
        if b.family != m.family:
            raise UnitTableError(f"{where}: base unit {base!r} is in family {b.family!r}, not {m.family!r}.")
        if (b.base or b.unit) != b.unit or _to_fraction(b.factor) != 1:
            raise UnitTableError(f"{where}: base unit {base!r} must itself be a base (no base of its own, factor 1).")
        for c in m.compounds:
            if c not in by_name:
                raise UnitTableError(f"{where}: compound unit {c!r} is not in the table.")
            if (by_name[c].base or c) != base:
                raise UnitTableError(f"{where}: compound unit {c!r} does not share the base {base!r}.")
        units[m.unit] = Unit(
            unit=m.unit,
            family=m.family,
            kind=table.families[m.family].kind,
            base=base,
            factor=_to_fraction(m.factor),
            aliases=tuple(m.aliases),
            after_ge=m.after_ge,
            compound_only=m.compound_only,
            compounds=tuple(m.compounds),
            blocked=tuple(m.blocked),
        )
    mags = {k: Fraction(str(v)) if isinstance(v, float) else Fraction(v) for k, v in table.magnitudes.items()}
    return UnitTable(units, mags, source)


def load_units(path: Union[str, Path, None] = None) -> UnitTable:
    """Load and validate a unit table (default: the packaged ``metrics/data/units.json``)."""
    p = Path(path) if path is not None else UNITS_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise UnitTableError(f"{p}: cannot read the unit table ({e}).") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise UnitTableError(f"{p}, line {e.lineno}: not valid JSON ({e.msg}).") from None
    return _validate(raw, str(p))


def default_table() -> UnitTable:
    """The unit table of the active tables (:func:`govreport_nlp.tables.active_tables`; the
    package's ``metrics/data/units.json`` outside a component), built once per table set."""
    return active_tables().derived("unit_table", lambda t: _validate(t["units"], t.source("units")))


# --------------------------------------------------------------------------- queries
def _rate(unit: str) -> Optional[Tuple[str, str]]:
    """("元", "吨") for the rate unit "元/吨", else None."""
    if "/" in unit:
        num, _, den = unit.partition("/")
        if num and den and "/" not in den:
            return num, den
    return None


def unit_family(unit: str) -> Optional[str]:
    """The family of a unit ("元" -> "currency", "亩" -> "area", "元/吨" -> "rate"), magnitude
    prefixes allowed; None if unknown."""
    parts = _rate(unit)
    if parts:
        return "rate" if all(unit_family(p) for p in parts) else None
    try:
        return default_table().resolve(unit)[1].family
    except UnitConversionError:
        return None


def unit_kind(unit: str) -> Optional[str]:
    """The kind of a unit's family (currency, dimension, time, percent, rank, count, age, temperature, rate)."""
    if _rate(unit):
        return "rate" if unit_family(unit) else None
    try:
        return default_table().resolve(unit)[1].kind
    except UnitConversionError:
        return None


def base_unit(unit: str) -> Optional[str]:
    """The base unit ("公顷" -> "平方米", "万元" -> "元", "元/吨" -> "元/千克"); None if unknown."""
    rate = _rate(unit)
    if rate:
        parts = [base_unit(p) for p in rate]
        return None if None in parts else f"{parts[0]}/{parts[1]}"
    try:
        return default_table().resolve(unit)[1].base
    except UnitConversionError:
        return None


def is_unit(unit: str) -> bool:
    """True for a form of the table (magnitude prefixes not allowed)."""
    return unit in default_table()


def split_magnitude(unit: str) -> Tuple[float, str]:
    """Split a magnitude prefix off a unit: "亿元" -> (1e8, "元"); "千米" -> (1, "千米")."""
    factor, u = default_table().resolve(unit)
    return float(factor), u.unit


def convert(value: Union[int, float], from_unit: str, to_unit: str) -> float:
    """Convert ``value`` from one unit to another of the same base.

    Both units may carry a magnitude prefix: ``convert(344000000, "元", "亿元") == 3.44``,
    ``convert(8.36, "万平方米", "公顷") == 8.36``, ``convert(15, "亩", "公顷") == 1.0``.
    Rates convert part by part: ``convert(1.5, "万元/亩", "元/亩") == 15000``.
    Raises UnitConversionError (a ValueError) for unknown units and across bases
    (元 -> 美元, 人 -> 家, % -> 百分点, 亩 -> 吨).
    """
    table = default_table()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UnitConversionError(Errors.E132.format(type=type(value).__name__, value=value))
    f_rate, t_rate = _rate(from_unit), _rate(to_unit)
    if f_rate or t_rate:
        if not (f_rate and t_rate):
            raise UnitConversionError(
                Errors.E133.format(
                    value=value, from_unit=from_unit, to_unit=to_unit, why="only one of them is a rate (A/B)"
                )
            )
        # 万元/亩 -> 元/平方米: convert the numerator, then divide by the denominator's ratio
        num = convert(value, f_rate[0], t_rate[0])
        return num / convert(1, f_rate[1], t_rate[1])
    f_mag, f = table.resolve(from_unit)
    t_mag, t = table.resolve(to_unit)
    if f.base != t.base:
        if f.family != t.family:
            why = f"{from_unit!r} is {f.family} and {to_unit!r} is {t.family}"
        else:
            why = (
                f"{from_unit!r} and {to_unit!r} are both {f.family} but have no fixed ratio "
                f"(bases {f.base!r} and {t.base!r})"
            )
        raise UnitConversionError(Errors.E133.format(value=value, from_unit=from_unit, to_unit=to_unit, why=why))
    exact = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    out = exact * f_mag * f.factor / (t_mag * t.factor)
    return float(out)
