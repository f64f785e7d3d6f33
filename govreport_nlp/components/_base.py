"""Shared plumbing of the components: span-group writing, ``doc.ents`` and settings serialisation."""

import warnings
from heapq import merge
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import Errors, SettingsError, TableError, Warnings
from ..tables import Tables, read_table, use_tables
from ._groups import read_group, write_group_spans


def replace_label(doc: Doc, key: str, label: str, spans: List[Span]) -> Sequence[Span]:
    """Put ``spans`` (in text order) in ``doc.spans[key]`` in place of the spans labelled ``label`` there.

    The group stays in text order (start, then end): the kept spans and the new
    ones are merged, not sorted again. Returns the group's spans, as written.
    """
    if len(spans) > 1:
        order = [(s.start_char, s.end_char) for s in spans]
        if any(a > b for a, b in zip(order, order[1:])):
            spans = sorted(spans, key=_text_order)
    group = read_group(doc, key)
    if not group:
        if group is None or spans:
            return write_group_spans(doc, key, spans)
        return spans
    label_id = doc.vocab.strings.add(label)
    kept = [s for s in group if s.label != label_id]
    if not spans and len(kept) == len(group):
        return group  # nothing to take out, nothing to add: the group stays as it is
    return write_group_spans(doc, key, merge(kept, spans, key=_text_order) if kept and spans else (kept or spans))


def _text_order(span: Span) -> Tuple[int, int]:
    return span.start_char, span.end_char


def annotate_ents(doc: Doc, key: str, spans: Optional[Iterable[Span]] = None) -> None:
    """Mirror the span group ``doc.spans[key]`` (or ``spans``, its contents) into ``doc.ents`` for
    tools that read entities.

    Overlapping spans are filtered longest first (ties: the earlier one), as
    ``spacy.util.filter_spans`` does; every token outside the kept spans is set
    to outside (``O``), so earlier entities are replaced, not merged.
    """
    group = list(read_group(doc, key) or () if spans is None else spans)
    doc.set_ents(group if _disjoint_in_order(group) else filter_spans(group), default="outside")


def _disjoint_in_order(spans: List[Span]) -> bool:
    """True when each span starts at or after the end of the one before (``filter_spans`` would
    keep them all, in this order)."""
    end = 0
    for span in spans:
        if span.start < end or span.start >= span.end:
            return False
        end = span.end
    return True


def write_group(doc: Doc, key: str, label: str, spans: List[Span], ents: bool) -> Doc:
    """Put ``spans`` in the group in place of ``label``'s spans; mirror it to ``doc.ents`` if ``ents``."""
    written = replace_label(doc, key, label, spans)
    if ents:
        annotate_ents(doc, key, written)
    return doc


#: The type of every component setting saved in ``cfg.json`` (spaCy checks the same names in config.cfg).
SETTING_TYPES: Dict[str, type] = {"spans_key": str, "numerals_key": str, "annotate_ents": bool}


def _check_settings(settings: Mapping[str, Any], name: str, source: str) -> None:
    """Raise :class:`SettingsError` (E229) for a setting whose value is not of its type."""
    for setting, value in settings.items():
        expected = SETTING_TYPES.get(setting)
        if expected is None:
            continue
        wrong = type(value) is not bool if expected is bool else not isinstance(value, expected)
        if wrong:
            what = "a boolean (true or false)" if expected is bool else "a string"
            raise SettingsError(
                Errors.E229.format(source=source, setting=setting, name=name, value=value, expected=what),
                filename=source if not source.startswith("<") else None,
            )


class SettingsSerializer:
    """State plumbing of every govreport-nlp component: plain settings (``cfg.json``)
    and the rule tables the component reads (``tables/``), through
    ``to_disk``/``from_disk``/``to_bytes``/``from_bytes``.

    ``TABLES`` names the tables of :mod:`govreport_nlp.tables` that the
    component's rules read. They are loaded lazily (a pipeline loaded from disk
    never reads the installed package's files), replaced by
    ``initialize(tables=...)`` or :meth:`set_tables`, and recorded with their
    content hashes in ``nlp.meta["govreport_tables"][name]``, which ``from_disk``
    checks against the saved files.
    """

    #: Names of the attributes saved in cfg.json.
    settings: Tuple[str, ...] = ()
    #: Names of the tables the component's rules read.
    TABLES: Tuple[str, ...] = ()

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Any]]] = None,
        *,
        nlp: Optional[Language] = None,
        tables: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """spaCy's ``[initialize]`` hook: ``tables`` replaces some of the component's tables."""
        if tables is not None:
            self.set_tables(tables)
        self.tables  # noqa: B018  (load now: the tables' hashes go into nlp.meta before saving)

    name: str
    _tables: Optional[Tables] = None
    _table_overrides: Optional[Mapping[str, Any]] = None
    _meta: Optional[Dict[str, Any]] = None

    def _init_state(self, nlp: Language, name: str, tables: Optional[Mapping[str, Any]] = None) -> None:
        """Call from ``__init__``: remember the pipeline's meta and any table overrides (not loaded yet)."""
        self.name = name
        self._meta = nlp.meta
        self._tables = None
        self._table_overrides = dict(tables) if tables else None

    # --- tables -----------------------------------------------------------
    @property
    def tables(self) -> Tables:
        """The component's tables (the package's, unless overridden or loaded with the pipeline)."""
        if self._tables is None:
            self._set_tables(Tables.load(self.TABLES, self._table_overrides))
        assert self._tables is not None
        return self._tables

    def set_tables(self, tables: Mapping[str, Any]) -> None:
        """Replace some or all of the component's tables (name -> file path or data), validated."""
        if not isinstance(tables, Mapping):
            raise TypeError(Errors.E206.format(name=self.name, type=type(tables).__name__))
        unknown = [n for n in tables if n not in self.TABLES]
        if unknown:
            raise TableError(Errors.E205.format(name=", ".join(unknown), names=", ".join(self.TABLES)))
        loaded = (
            Tables.load(self.TABLES, tables)
            if self._tables is None
            else self._tables.replace(
                {n: (read_table(n, v) if isinstance(v, (str, Path)) else v) for n, v in tables.items()}
            )
        )
        self._set_tables(loaded)

    def _set_tables(self, tables: Tables) -> None:
        self._tables = tables
        if self._meta is not None:
            self._meta.setdefault("govreport_tables", {})[self.name] = tables.hashes
        self._tables_changed()

    def _tables_changed(self) -> None:
        """Hook: drop what was compiled from the old tables."""

    # --- batches ----------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - every component defines it
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` in batches: each component runs over a whole batch in turn (as
        spaCy's trainable pipes do), so its rules stay warm in the CPU caches between
        documents. A document that fails goes to the error handler
        (``nlp.set_error_handler``), as with ``__call__``."""
        handler = self.get_error_handler()
        for batch in util.minibatch(stream, size=batch_size):
            for doc in batch:
                try:
                    yield self(doc)
                except Exception as err:  # noqa: BLE001  (handed to spaCy's error handler)
                    handler(self.name, self, [doc], err)

    def get_error_handler(self) -> Callable[[str, Any, List[Doc], Exception], Any]:
        """The error handler of :meth:`pipe` (spaCy's ``raise_error`` unless set)."""
        return getattr(self, "_error_handler", util.raise_error)

    def set_error_handler(self, error_handler: Callable[[str, Any, List[Doc], Exception], Any]) -> None:
        """Set the error handler of :meth:`pipe` (``nlp.set_error_handler`` calls this)."""
        self._error_handler = error_handler

    # --- checks at load ----------------------------------------------------
    def check(self) -> None:
        """Fail now on what would make the first document fail: a setting of the wrong type,
        or a table whose contents the rules cannot use.

        ``govreport_nlp.load()`` calls this for every component, so a broken saved
        pipeline fails at load. The tables' shape was checked when they were read;
        :meth:`_check_tables` adds what only the rules know.
        """
        _check_settings(self._cfg(), self.name, f"<{self.name} settings>")
        with use_tables(self.tables):
            self._check_tables()

    def _check_tables(self) -> None:
        """Hook (runs under the component's tables): the semantic checks of the tables, if any."""

    # --- serialisation ----------------------------------------------------
    def _cfg(self) -> Dict[str, Any]:
        return {name: getattr(self, name) for name in self.settings}

    def _set_cfg(self, cfg: Dict[str, Any], source: str = "cfg.json") -> None:
        """Set the settings found in ``cfg`` (read from ``source``), each checked for its type."""
        known = {name: cfg[name] for name in self.settings if name in cfg}
        _check_settings(known, self.name, source)
        for name, value in known.items():
            setattr(self, name, value)

    def _saved_hashes(self) -> Dict[str, str]:
        meta = self._meta or {}
        return dict(meta.get("govreport_tables", {}).get(self.name, {}))

    def _restore_tables(self, tables: Tables, source: str) -> None:
        expected = self._saved_hashes()
        found = tables.hashes
        for table, digest in expected.items():
            if table in found and found[table] != digest:
                warnings.warn(
                    Warnings.W200.format(source=source, table=table, found=found[table], expected=digest), stacklevel=2
                )
        self._set_tables(tables)

    def _state(self) -> Dict[str, Any]:
        state: Dict[str, Any] = {"cfg": self._cfg()}
        if self.TABLES:
            state["tables"] = self.tables.to_dict()
        return state

    def _set_state(self, msg: Dict[str, Any]) -> None:
        self._set_cfg(msg["cfg"], f"<{self.name} bytes>")
        if self.TABLES and "tables" in msg:
            self._restore_tables(Tables.from_dict(msg["tables"], f"<{self.name} bytes>"), f"<{self.name} bytes>")

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        """Settings and tables as msgpack bytes."""
        return srsly.msgpack_dumps(self._state())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "SettingsSerializer":
        """Restore what :meth:`to_bytes` wrote."""
        self._set_state(srsly.msgpack_loads(data))
        return self

    def _serializers(self) -> Dict[str, Callable[[Path], None]]:
        out: Dict[str, Callable[[Path], None]] = {"cfg.json": lambda p: srsly.write_json(p, self._cfg())}
        if self.TABLES:
            out["tables"] = lambda p: self.tables.to_disk(p)
        return out

    def _deserializers(self) -> Dict[str, Callable[[Path], None]]:
        out: Dict[str, Callable[[Path], None]] = {"cfg.json": lambda p: self._set_cfg(srsly.read_json(p), str(p))}
        if self.TABLES:
            out["tables"] = lambda p: (
                self._restore_tables(Tables.from_disk(p, self.TABLES), str(p)) if p.exists() else None
            )
        return out

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        """Write ``cfg.json`` and ``tables/`` (one file per table, as in ``govreport_nlp/patterns``)."""
        util.to_disk(path, self._serializers(), exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "SettingsSerializer":
        """Restore what :meth:`to_disk` wrote."""
        util.from_disk(path, self._deserializers(), exclude)
        return self
