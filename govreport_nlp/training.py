"""Train a pipeline on new or changed rule patterns, and suggest patterns from misses.

"Training" here means merging span-ruler patterns and rule-table updates
(unit words, trigger verbs, honour heads, places, org suffixes ...) into a copy
of a saved pipeline (nothing statistical is learned)::

    nlp = govreport_nlp.load()                                 # the base pipeline
    patterns = read_patterns("new_patterns/")                  # validated, with file and line
    outcomes = merge_patterns(nlp, patterns)                   # ORG → govreport_orgs, AWARD → govreport_awards
    nlp.to_disk("models/my_pipeline")

A pattern whose (label, pattern) the component already has is left as it is; a
label that no pattern component of the pipeline takes is an error naming the
file and the line. Where annotated data is given, :func:`suggest_patterns`
turns the spans the pipeline still misses into candidate patterns for a person
to review; they are never added by themselves.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Errors
from .evaluation import Record, find_misses, predict_records, read_gold, score
from .schemas import PatternError, validate_patterns

#: The labels whose misses can be fixed with a pattern.
PATTERN_LABELS: Tuple[str, ...] = ("ORG", "AWARD")
SUGGESTIONS_FILE = "suggested_patterns.jsonl"

_HARD_PUNCT = ",;:。!?，；：！？\n\r|"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"


class TrainingError(ValueError):
    """A train run that cannot go ahead (e.g. the output is the base pipeline)."""


# ----------------------------------------------------------------------------- reading patterns


@dataclass(frozen=True)
class SourcedPattern:
    """A validated span-ruler record and where it was read."""

    record: Dict[str, Any]
    source: str
    line: int

    @property
    def label(self) -> str:
        return self.record["label"]

    @property
    def key(self) -> Tuple[str, str]:
        return pattern_key(self.record)

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}"


def pattern_key(record: Dict[str, Any]) -> Tuple[str, str]:
    """The identity of a pattern: its label and its pattern (the id does not count)."""
    return record["label"], json.dumps(record["pattern"], ensure_ascii=False, sort_keys=True)


def pattern_files(path: Union[str, Path]) -> List[Path]:
    """The pattern files of ``path``: the file itself, or every ``*.jsonl`` of a directory."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if not files:
            raise PatternError(Errors.E220.format(path=path))
        return files
    if not path.exists():
        raise PatternError(Errors.E219.format(path=path))
    return [path]


@dataclass(frozen=True)
class SourcedUpdate:
    """A validated table update and where it was read."""

    update: "TableUpdate"
    source: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}"


class TableUpdate(BaseModel):
    """One table update line: ``{"table", "field"?, "add"?, "remove"?}`` (see docs/training.md)."""

    model_config = ConfigDict(extra="forbid")
    table: str
    field: Optional[str] = None
    add: List[Any] = []
    remove: List[Any] = []


@dataclass
class Updates:
    """Everything one ``--patterns`` input asks for: span-ruler patterns and table updates."""

    patterns: List[SourcedPattern] = field(default_factory=list)
    tables: List[SourcedUpdate] = field(default_factory=list)


def _parse_update(record: Dict[str, Any], source: str, line: int) -> SourcedUpdate:
    from .tables import TABLES

    try:
        update = TableUpdate(**record)
    except ValidationError as err:
        first = err.errors()[0]
        if first["type"] == "extra_forbidden":
            raise PatternError(
                Errors.E212.format(
                    source=source,
                    line=line,
                    key=".".join(map(str, first["loc"])),
                    allowed=", ".join(TableUpdate.model_fields),
                )
            ) from None
        raise PatternError(
            Errors.E208.format(source=source, line=line, detail=f"{'.'.join(map(str, first['loc']))}: {first['msg']}")
        ) from None
    if update.table not in TABLES:
        raise PatternError(
            Errors.E208.format(
                source=source, line=line, detail=f"unknown table {update.table!r} (tables: {', '.join(sorted(TABLES))})"
            )
        )
    if not update.add and not update.remove:
        raise PatternError(Errors.E208.format(source=source, line=line, detail="the update adds and removes nothing"))
    return SourcedUpdate(update, source, line)


def read_updates(path: Union[str, Path]) -> Updates:
    """Read and validate patterns and table updates from a JSONL file or every ``*.jsonl`` of a directory.

    A line with a ``table`` key is a table update (see :class:`TableUpdate`);
    any other line is a span-ruler pattern, checked as
    ``schemas.validate_patterns`` does (unknown key or token attribute,
    refused REGEX, duplicate within a file). Errors name the file and the line.
    """
    out = Updates()
    for file in pattern_files(path):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise PatternError(Errors.E204.format(name="patterns", path=file, detail=err)) from None
        records: List[Any] = []
        lines: List[int] = []
        for n, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as err:
                raise PatternError(Errors.E203.format(source=file, line=n, detail=err.msg)) from None
            if isinstance(record, dict) and "table" in record:
                out.tables.append(_parse_update(record, str(file), n))
            else:
                records.append(record)
                lines.append(n)
        checked = validate_patterns(records, source=str(file), lines=lines)
        out.patterns.extend(SourcedPattern(r, str(file), n) for r, n in zip(checked, lines))
    if not out.patterns and not out.tables:
        raise PatternError(Errors.E221.format(path=path))
    return out


def read_patterns(path: Union[str, Path]) -> List[SourcedPattern]:
    """The span-ruler patterns of :func:`read_updates` (table updates are left out)."""
    return read_updates(path).patterns


# ----------------------------------------------------------------------------- table updates


def _apply(data: Any, update: SourcedUpdate, fmt: str) -> Any:
    """``data`` with ``update`` applied (a new object; ``data`` is not changed)."""
    u = update.update
    data = copy.deepcopy(data)
    if fmt == "lines":
        if u.field is not None:
            raise PatternError(
                Errors.E213.format(
                    source=update.source,
                    line=update.line,
                    table=u.table,
                    field=u.field,
                    fields="(a line table has no fields)",
                )
            )
        target = data
    else:
        target = data
        fields = sorted(k for k in data if k != "_doc")
        parts = (u.field or "").split(".") if u.field else []
        if not parts:
            raise PatternError(
                Errors.E213.format(
                    source=update.source, line=update.line, table=u.table, field="", fields=", ".join(fields)
                )
            )
        for part in parts:
            if not isinstance(target, dict) or part not in target:
                raise PatternError(
                    Errors.E213.format(
                        source=update.source, line=update.line, table=u.table, field=u.field, fields=", ".join(fields)
                    )
                )
            target = target[part]
    if not isinstance(target, list):
        raise PatternError(
            Errors.E213.format(
                source=update.source, line=update.line, table=u.table, field=u.field, fields="(not a list)"
            )
        )
    for item in u.remove:
        if item in target:
            target.remove(item)
    for item in u.add:
        if item not in target:
            target.append(item)
    return data


def _check_semantics(name: str, data: Any, where: str) -> None:
    """The checks of the modules that read a table, beyond its shape."""
    if name == "units":
        from .metrics.units import UnitError, _validate

        try:
            _validate(data, where)
        except UnitError as err:
            raise PatternError(str(err)) from None


def apply_table_updates(nlp: Any, updates: Sequence[SourcedUpdate]) -> Dict[str, List[str]]:
    """Apply table updates to every component of ``nlp`` that carries the table.

    All updates are applied and validated before any component changes (an
    error names the file and line of the update). Returns table name -> names
    of the components updated.
    """
    from .tables import TABLES, validate_table

    carriers: Dict[str, List[str]] = {}
    for name, pipe in nlp.pipeline:
        for table in getattr(pipe, "TABLES", ()):
            carriers.setdefault(table, []).append(name)
    new: Dict[str, Any] = {}
    last: Dict[str, SourcedUpdate] = {}
    for update in updates:
        table = update.update.table
        if table not in carriers:
            raise PatternError(
                Errors.E208.format(
                    source=update.source, line=update.line, detail=f"no component of the pipeline reads table {table!r}"
                )
            )
        current = new.get(table)
        if current is None:
            current = nlp.get_pipe(carriers[table][0]).tables[table]
        new[table] = _apply(current, update, TABLES[table].format)
        last[table] = update
    for table, data in new.items():
        where = last[table].where
        try:
            validate_table(table, data, f"{where} (table {table} after the update)")
        except PatternError:
            raise
        except ValueError as err:
            raise PatternError(str(err)) from None
        _check_semantics(table, data, f"{where} (table {table} after the update)")
    changed: Dict[str, List[str]] = {}
    for table, data in new.items():
        for name in carriers[table]:
            nlp.get_pipe(name).set_tables({table: data})
            changed.setdefault(table, []).append(name)
    return changed


# ----------------------------------------------------------------------------- merging


@dataclass(frozen=True)
class MergeOutcome:
    """What happened to one pattern: ``added``, ``exists`` (already in the component) or ``duplicate``."""

    pattern: SourcedPattern
    component: str
    status: str
    note: str = ""


def pattern_components(nlp: Any) -> Dict[str, str]:
    """Label → name of the pipeline component that owns patterns of that label."""
    from .components._ruler import PatternComponent

    routes: Dict[str, str] = {}
    for name, pipe in nlp.pipeline:
        if isinstance(pipe, PatternComponent) and pipe.label:
            routes.setdefault(pipe.label, name)
    return routes


def merge_patterns(nlp: Any, patterns: Sequence[SourcedPattern]) -> List[MergeOutcome]:
    """Add ``patterns`` to the pattern components of ``nlp`` (ORG → govreport_orgs, AWARD → govreport_awards).

    Nothing is changed when a label is taken by no component: a
    :class:`~govreport_nlp.schemas.PatternError` names the file and the line.
    A pattern the component already has is left as it is, and one repeated in
    another of the given files is added once.
    """
    routes = pattern_components(nlp)
    for p in patterns:
        if p.label not in routes:
            taken = ", ".join(f"{label} ({name})" for label, name in sorted(routes.items())) or "none"
            raise PatternError(Errors.E222.format(where=p.where, label=p.label, taken=taken))
    existing: Dict[str, Dict[Tuple[str, str], Dict[str, Any]]] = {
        name: {pattern_key(r): r for r in nlp.get_pipe(name).patterns} for name in set(routes.values())
    }
    seen: Dict[Tuple[str, str], SourcedPattern] = {}
    pending: Dict[str, List[Dict[str, Any]]] = {}
    outcomes: List[MergeOutcome] = []
    for p in patterns:
        name = routes[p.label]
        old = existing[name].get(p.key)
        if old is not None:
            note = f"already in {name}: left as it is"
            if old.get("id") != p.record.get("id"):
                note += f" (its id stays {old.get('id')!r})"
            outcomes.append(MergeOutcome(p, name, "exists", note))
        elif p.key in seen:
            outcomes.append(MergeOutcome(p, name, "duplicate", f"same as {seen[p.key].where}: added once"))
        else:
            seen[p.key] = p
            pending.setdefault(name, []).append(p.record)
            outcomes.append(MergeOutcome(p, name, "added", f"added to {name}"))
    for name, records in pending.items():
        nlp.get_pipe(name).add_patterns(records, source="train --patterns")
    return outcomes


# ----------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Cue:
    """Context learned from a missed span: a trigger, head, suffix or list frame.

    ``known`` says whether the rule data already has the word; an unknown cue
    is a candidate for the data file named by ``data_file``.
    """

    kind: str
    word: str
    known: bool

    @property
    def data_file(self) -> str:
        return {
            "trigger": "awards/data/award_triggers.json (triggers)",
            "head": "awards/data/award_triggers.json (heads)",
            "frame": "awards/data/award_triggers.json (list_frames)",
            "suffix": "orgs/data/org_suffixes.txt",
            "list frame": "orgs/data/org_rules.json (list_category_heads)",
        }.get(self.kind, "the rule tables (govreport_nlp/tables.py)")

    def __str__(self) -> str:
        return f"{self.kind} {self.word!r} ({'known' if self.known else 'new'})"


@dataclass(frozen=True)
class Suggestion:
    """A candidate phrase pattern for a missed gold span, with the cues around it."""

    label: str
    pattern: str
    doc_id: Optional[str]
    start: int
    end: int
    cues: Tuple[Cue, ...] = ()
    count: int = 1

    @property
    def id(self) -> str:
        where = f"{self.doc_id}:{self.start}-{self.end}" if self.doc_id is not None else f"{self.start}-{self.end}"
        return "; ".join([f"suggested from {where}"] + [str(c) for c in self.cues])

    def to_pattern(self) -> Dict[str, Any]:
        """The span-ruler record (valid input for ``train --patterns`` once reviewed)."""
        return {"label": self.label, "pattern": self.pattern, "id": self.id}


@dataclass
class _Lexicon:
    triggers: List[str]
    heads: List[str]
    frames: List[str]
    suffixes: List[str]
    list_heads: List[str] = field(default_factory=list)


def _lexicon() -> _Lexicon:
    from .lexicon import award_triggers_data, load_org_suffixes, org_rules

    data = award_triggers_data()
    trig = data.get("triggers", {})
    triggers = [w for group in ("strong", "weak", "bare") for w in trig.get(group, [])]
    frames = list(data.get("list_frames", [])) + list(data.get("trailing", []))
    suffixes = [line.split("\t", 1)[0].strip() for line in load_org_suffixes()]
    return _Lexicon(
        triggers=sorted(set(triggers), key=len, reverse=True),
        heads=sorted(set(data.get("heads", [])), key=len, reverse=True),
        frames=sorted(set(frames), key=len, reverse=True),
        suffixes=sorted(set(s for s in suffixes if s), key=len, reverse=True),
        list_heads=sorted(set(org_rules().get("list_category_heads", [])), key=len, reverse=True),
    )


def _clause_before(text: str, start: int, window: int = 40) -> str:
    lo = start
    while lo > 0 and start - lo < window and text[lo - 1] not in _HARD_PUNCT:
        lo -= 1
    return text[lo:start]


def _clause_after(text: str, end: int, window: int = 30) -> str:
    hi = end
    while hi < len(text) and hi - end < window and text[hi] not in _HARD_PUNCT:
        hi += 1
    return text[end:hi]


def _tail_word(s: str, size: int = 2) -> Optional[str]:
    s = s.rstrip('了为“”"')
    tail = s[-size:]
    return tail if len(tail) == size and re.fullmatch(f"[{_CJK}]+", tail) else None


def _award_cues(text: str, start: int, end: int, lex: _Lexicon) -> List[Cue]:
    cues: List[Cue] = []
    before = _clause_before(text, start)
    # the trigger ending nearest to the title, the longest of those (获评为 over 评为)
    found = max(
        ((pos + len(w), len(w), w) for pos in range(len(before)) for w in lex.triggers if before.startswith(w, pos)),
        default=None,
    )
    if found:
        cues.append(Cue("trigger", found[2], True))
    else:
        word = _tail_word(before)
        if word:
            cues.append(Cue("trigger", word, False))
    title = text[start:end].rstrip('”"')
    head = next((h for h in lex.heads if title.endswith(h)), None)
    if head:
        cues.append(Cue("head", head, True))
    elif tail := _tail_word(title):
        cues.append(Cue("head", tail, False))
    after = _clause_after(text, end)
    frame = next((f for f in lex.frames if after.startswith(f)), None)
    if frame:
        cues.append(Cue("frame", frame, True))
    return cues


_ORG_FRAME_RE = re.compile(
    rf"^(?:、[^、{re.escape(_HARD_PUNCT)}]{{1,12}})*(等(?:[0-9]+|[一二两三四五六七八九十几多]+)?[家个所名位批]?)([{_CJK}]{{1,4}})"
)


def _org_cues(text: str, start: int, end: int, lex: _Lexicon) -> List[Cue]:
    cues: List[Cue] = []
    name = text[start:end]
    suffix = next((s for s in lex.suffixes if name.endswith(s) and len(s) < len(name)), None)
    if suffix:
        cues.append(Cue("suffix", suffix, True))
    elif len(name) >= 4 and (tail := _tail_word(name)):
        cues.append(Cue("suffix", tail, False))
    m = _ORG_FRAME_RE.match(_clause_after(text, end))
    if m:
        rest = m.group(2)
        head = next((h for h in lex.list_heads if rest.startswith(h)), None)
        cues.append(Cue("list frame", m.group(1) + (head or rest[:2]), head is not None))
    return cues


def suggest_patterns(
    gold_records: Sequence[Record],
    pred_records: Sequence[Record],
    nlp: Any = None,
    labels: Sequence[str] = PATTERN_LABELS,
) -> List[Suggestion]:
    """Candidate phrase patterns for the gold ORG and AWARD spans that the predictions miss.

    Each suggestion carries the cues around the miss (the trigger before an
    honour and its head; the suffix of an organisation and the list frame
    around it), marked known or new to the rule data. Misses the pipeline
    ``nlp`` already has a pattern for are left out. One suggestion per
    (label, text), counting how often it was missed.
    """
    lex = _lexicon()
    have = set()
    if nlp is not None:
        from .components._ruler import PatternComponent

        have = {pattern_key(r) for _, pipe in nlp.pipeline if isinstance(pipe, PatternComponent) for r in pipe.patterns}
    out: Dict[Tuple[str, str], Suggestion] = {}
    for miss in find_misses(gold_records, pred_records, labels):
        span = miss.span
        label, phrase = span["label"], span["text"]
        key = pattern_key({"label": label, "pattern": phrase})
        if key in have:
            continue
        if key in out:
            s = out[key]
            out[key] = Suggestion(s.label, s.pattern, s.doc_id, s.start, s.end, s.cues, s.count + 1)
            continue
        finder = _award_cues if label == "AWARD" else _org_cues
        cues = tuple(finder(miss.text, span["start"], span["end"], lex))
        out[key] = Suggestion(label, phrase, miss.doc_id, span["start"], span["end"], cues)
    return list(out.values())


def rule_hints(suggestions: Sequence[Suggestion]) -> List[Tuple[Cue, int]]:
    """The cues new to the rule data, with how many suggestions show them (most frequent first)."""
    counts = Counter(c for s in suggestions for c in s.cues if not c.known)
    return counts.most_common()


def write_suggestions(suggestions: Sequence[Suggestion], path: Union[str, Path]) -> Path:
    """Write the suggestions as span-ruler JSONL (one record a line); returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for s in suggestions:
            f.write(json.dumps(s.to_pattern(), ensure_ascii=False) + "\n")
    return path


# ----------------------------------------------------------------------------- the whole run


@dataclass
class TrainResult:
    """What :func:`train` did: merge outcomes, scores before and after, suggestions."""

    output: Path
    outcomes: List[MergeOutcome]
    before: Optional[Dict[str, Dict[str, Any]]] = None
    after: Optional[Dict[str, Dict[str, Any]]] = None
    suggestions: List[Suggestion] = field(default_factory=list)
    suggestions_path: Optional[Path] = None
    #: table name -> components whose copy of the table was updated
    tables: Dict[str, List[str]] = field(default_factory=dict)

    @property
    def added(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "added")


def train(
    patterns: Union[str, Path],
    output: Union[str, Path],
    *,
    base: Union[str, Path, None] = None,
    data: Union[str, Path, None] = None,
    batch_size: int = 16,
    overwrite: bool = False,
) -> TrainResult:
    """Merge the patterns at ``patterns`` into a copy of the pipeline ``base`` (the shipped one
    by default) and save it to ``output``; with gold ``data``, score before and after and
    write suggestions for the remaining misses to ``output/suggested_patterns.jsonl``.

    Raises :class:`~govreport_nlp.schemas.PatternError` for bad patterns,
    :class:`~govreport_nlp.evaluation.GoldFileError` for bad gold data,
    ``OSError`` for a missing base pipeline and :class:`TrainingError` when
    ``output`` is the base pipeline itself, holds it, or is a non-empty
    directory and ``overwrite`` is false (with ``overwrite``, its contents are
    replaced, never mixed with the new pipeline's files).

    ``patterns`` may hold table updates as well as patterns (one format, see
    docs/training.md); all of them are validated before anything is written.
    """
    from .pipeline import default_model_path, load

    output = Path(output)
    base_path = Path(base) if base is not None else default_model_path()
    if output.resolve() == base_path.resolve():
        raise TrainingError(Errors.E223.format(output=output))
    if output.exists() and not output.is_dir():
        raise TrainingError(Errors.E224.format(output=output))
    if _inside(base_path, output):
        raise TrainingError(Errors.E225.format(output=output, base=base_path))
    if output.exists() and any(output.iterdir()) and not overwrite:
        raise TrainingError(Errors.E211.format(path=output))
    updates = read_updates(patterns)
    gold = read_gold(data) if data is not None else None
    nlp = load(base_path)
    result = TrainResult(output=output, outcomes=[])
    if gold is not None:
        result.before = score(gold, predict_records(nlp, gold, batch_size=batch_size))
    if updates.patterns:  # checked before any table changes
        routes = pattern_components(nlp)
        for p in updates.patterns:
            if p.label not in routes:
                taken = ", ".join(f"{label} ({name})" for label, name in sorted(routes.items())) or "none"
                raise PatternError(Errors.E222.format(where=p.where, label=p.label, taken=taken))
    result.tables = apply_table_updates(nlp, updates.tables)
    result.outcomes = merge_patterns(nlp, updates.patterns)
    if gold is not None:
        predicted = predict_records(nlp, gold, batch_size=batch_size)
        result.after = score(gold, predicted)
        result.suggestions = suggest_patterns(gold, predicted, nlp)
    if output.exists() and overwrite:
        shutil.rmtree(output)
    nlp.to_disk(output)
    if gold is not None:
        result.suggestions_path = write_suggestions(result.suggestions, output / SUGGESTIONS_FILE)
    return result


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies inside it."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


# ----------------------------------------------------------------------------- reports


def format_outcomes(outcomes: Sequence[MergeOutcome]) -> str:
    """One line per pattern that was not simply added, and a count per component."""
    lines = [
        f"{o.pattern.where}: {o.pattern.label} {json.dumps(o.pattern.record['pattern'], ensure_ascii=False)} — {o.note}"
        for o in outcomes
        if o.status != "added"
    ]
    per = Counter(o.component for o in outcomes if o.status == "added")
    total = sum(per.values())
    summary = ", ".join(f"{n} to {name}" for name, n in sorted(per.items())) or "none"
    lines.append(f"Added {total} of {len(outcomes)} pattern(s): {summary}.")
    return "\n".join(lines) + "\n"


def format_suggestions(suggestions: Sequence[Suggestion]) -> str:
    """The suggestions and the new cue words, for a person to review."""
    if not suggestions:
        return "No ORG or AWARD misses: nothing to suggest.\n"
    lines = [f"{len(suggestions)} candidate pattern(s) from missed spans (review before use; not added):"]
    for s in suggestions:
        where = f"{s.doc_id}:{s.start}-{s.end}" if s.doc_id is not None else f"{s.start}-{s.end}"
        times = f" ×{s.count}" if s.count > 1 else ""
        cues = "; ".join(str(c) for c in s.cues) or "no cue"
        lines.append(f"  {s.label:6s} {s.pattern}{times}  [{where}; {cues}]")
    hints = rule_hints(suggestions)
    if hints:
        lines.append("Cue words new to the rule data (add them to the data file only if they generalise):")
        for cue, n in hints:
            lines.append(f"  {cue.kind} {cue.word!r} ({n} miss{'es' if n > 1 else ''}) → {cue.data_file}")
    return "\n".join(lines) + "\n"
