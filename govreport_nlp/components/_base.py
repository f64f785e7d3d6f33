"""Shared plumbing of the components: span-group writing, ``doc.ents`` and settings serialisation."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, List, Union

import srsly
from spacy import util
from spacy.tokens import Doc, Span
from spacy.util import filter_spans


def replace_label(doc: Doc, key: str, label: str, spans: List[Span]) -> None:
    """Put ``spans`` in ``doc.spans[key]`` in place of the spans labelled ``label`` there.

    The group stays in text order (start, then end).
    """
    label_id = doc.vocab.strings.add(label)
    kept = [s for s in doc.spans.get(key, []) if s.label != label_id]
    doc.spans[key] = sorted(kept + spans, key=lambda s: (s.start_char, s.end_char)) if kept else spans


def annotate_ents(doc: Doc, key: str) -> None:
    """Mirror the span group ``doc.spans[key]`` into ``doc.ents`` for tools that read entities.

    Overlapping spans are filtered longest first (ties: the earlier one), as
    ``spacy.util.filter_spans`` does; every token outside the kept spans is set
    to outside (``O``), so earlier entities are replaced, not merged.
    """
    doc.set_ents(filter_spans(list(doc.spans.get(key, []))), default="outside")


def write_group(doc: Doc, key: str, label: str, spans: List[Span], ents: bool) -> Doc:
    """Put ``spans`` in the group in place of ``label``'s spans; mirror it to ``doc.ents`` if ``ents``."""
    replace_label(doc, key, label, spans)
    if ents:
        annotate_ents(doc, key)
    return doc


class SettingsSerializer:
    """``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` for components whose
    state is a dict of plain settings (``cfg.json``)."""

    #: Names of the attributes saved in cfg.json.
    settings: tuple = ()

    def _cfg(self) -> Dict[str, Any]:
        return {name: getattr(self, name) for name in self.settings}

    def _set_cfg(self, cfg: Dict[str, Any]) -> None:
        for name in self.settings:
            if name in cfg:
                setattr(self, name, cfg[name])

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self._cfg()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()):
        self._set_cfg(srsly.msgpack_loads(data)["cfg"])
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        util.to_disk(path, {"cfg.json": lambda p: srsly.write_json(p, self._cfg())}, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()):
        util.from_disk(path, {"cfg.json": lambda p: self._set_cfg(srsly.read_json(p))}, exclude)
        return self
