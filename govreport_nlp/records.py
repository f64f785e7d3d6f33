"""Typed results and the record format of the annotation guide.

This module is the only converter between spaCy ``Doc`` objects and the JSONL
records of ``annotation-guide.md``::

    {"id": "...", "text": "...", "spans": [{"start", "end", "label", "text", ...}]}

METRIC spans carry value, high, unit, kind, qualifier, indicator and target; AWARD spans
carry level and recipient; ORG spans carry nothing more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from spacy.tokens import Doc, Span

from .doc_text import doc_text
from .extensions import LABEL_ATTRS, SPANS_KEY

Number = Union[int, float]


def _plain_number(value: Optional[Number]) -> Optional[Number]:
    """Integral floats become ints (96340000.0 -> 96340000); None stays None."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass
class SpanRecord:
    """One METRIC, ORG or AWARD span, with the attributes of its label."""

    start: int
    end: int
    label: str
    text: str
    value: Optional[Number] = None
    high: Optional[Number] = None
    unit: Optional[str] = None
    kind: Optional[str] = None
    qualifier: Optional[str] = None
    indicator: Optional[str] = None
    target: Optional[bool] = None
    level: Optional[str] = None
    recipient: Optional[str] = None

    @classmethod
    def from_span(cls, span: Span) -> "SpanRecord":
        """Read a span of ``doc.spans["govreport"]`` and its ``Span._`` attributes."""
        attrs = {name: getattr(span._, name) for name in LABEL_ATTRS.get(span.label_, [])}
        for number in ("value", "high"):
            if number in attrs:
                attrs[number] = _plain_number(attrs[number])
        if "target" in attrs:
            attrs["target"] = bool(attrs["target"])
        return cls(start=span.start_char, end=span.end_char, label=span.label_, text=span.text, **attrs)

    def to_dict(self) -> Dict[str, Any]:
        """The span in the record format: offsets, label, text and the label's attributes."""
        out: Dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label, "text": self.text}
        for name in LABEL_ATTRS.get(self.label, []):
            out[name] = getattr(self, name)
        return out


@dataclass
class DocumentRecord:
    """The structured result for one document."""

    id: str
    text: str
    spans: List[SpanRecord] = field(default_factory=list)
    #: Keys of the input record other than id, text and spans, passed through untouched.
    extra: Dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: Doc, id: str, extra: Optional[Dict[str, Any]] = None) -> "DocumentRecord":
        """Collect the spans of ``doc.spans["govreport"]`` in text order."""
        spans = [SpanRecord.from_span(s) for s in doc.spans.get(SPANS_KEY, [])]
        spans.sort(key=lambda s: (s.start, s.end, s.label))
        return cls(id=id, text=doc_text(doc), spans=spans, extra=dict(extra or {}))

    @property
    def metrics(self) -> List[SpanRecord]:
        return [s for s in self.spans if s.label == "METRIC"]

    @property
    def orgs(self) -> List[SpanRecord]:
        return [s for s in self.spans if s.label == "ORG"]

    @property
    def awards(self) -> List[SpanRecord]:
        return [s for s in self.spans if s.label == "AWARD"]

    def to_dict(self) -> Dict[str, Any]:
        """The record format of the annotation guide (extra keys kept between text and spans)."""
        out: Dict[str, Any] = {"id": self.id, "text": self.text}
        for key, value in self.extra.items():
            if key not in ("id", "text", "spans"):
                out[key] = value
        out["spans"] = [s.to_dict() for s in self.spans]
        return out
