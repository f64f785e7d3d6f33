"""Typed results and the record format of the annotation guide.

This module is the only converter between spaCy ``Doc`` objects and the JSONL
records of ``annotation-guide.md``::

    {"id": "...", "text": "...", "spans": [{"start", "end", "label", "text", ...}]}

METRIC spans carry value, high, unit, kind, qualifier, indicator and target; AWARD spans
carry level and recipient; ORG spans carry nothing more.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import srsly
from spacy.tokens import Doc, Span

from .doc_text import doc_text
from .extensions import LABEL_ATTRS, SPANS_KEY
from .readers import SURROGATE

#: A value: an int or float, or an exact ``Decimal`` where those would lose digits.
Number = Union[int, float, Decimal]


def _plain_number(value: Optional[Number]) -> Optional[Number]:
    """Integral floats become ints (96340000.0 -> 96340000); NaN and infinities become None."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    return value


# ----------------------------------------------------------------------------- strict JSON
_MARK = f"\x00govreport-number-{uuid.uuid4().hex}-"


def _decimal_text(value: Decimal) -> str:
    """A JSON number spelling ``value`` exactly (``str(Decimal)`` always fits JSON's grammar)."""
    return str(value)


def _needs_care(obj: Any) -> bool:
    """True when ``json.dumps`` would fail or lose exactness on ``obj``."""
    if isinstance(obj, float):
        return not math.isfinite(obj)
    if isinstance(obj, int) and not isinstance(obj, bool):
        return obj.bit_length() > 9000  # ~2,700 digits: below the int-to-str limit (4,300)
    if isinstance(obj, Decimal):
        return True
    if isinstance(obj, dict):
        return any(_needs_care(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return any(_needs_care(v) for v in obj)
    return False


def _prepare(obj: Any, numbers: List[str]) -> Any:
    """A copy of ``obj`` where every Decimal, huge int or non-finite float is a marker string
    (put back as a bare JSON number by :func:`dumps_strict`); NaN and infinities become None."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, bool) or obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, int):
        if obj.bit_length() <= 9000:
            return obj
        obj = Decimal(obj)
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            return None
        numbers.append(_decimal_text(obj))
        return f"{_MARK}{len(numbers) - 1}"
    if isinstance(obj, dict):
        return {k: _prepare(v, numbers) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_prepare(v, numbers) for v in obj]
    return obj


#: Written as \\uXXXX escapes: lone surrogates (UTF-8 cannot encode them) and the line breaks
#: that ``str.splitlines()`` and JavaScript see inside a JSON string (NEL, LS, PS), so a JSONL
#: line is one line to every reader.
_ESCAPE = re.compile("[\ud800-\udfff\x85\u2028\u2029]")


def _escape_surrogate(match: "re.Match[str]") -> str:
    return "\\u%04x" % ord(match.group())


def dumps_strict(obj: Any, *, indent: Optional[int] = None) -> str:
    """``obj`` as strict JSON text that UTF-8 can always encode.

    Unlike ``json.dumps``: a ``Decimal`` or an int of any length is written as a
    bare JSON number with every digit (it round-trips exactly with
    ``json.loads(..., parse_float=Decimal)``); NaN and infinities become
    ``null`` (never the non-standard ``NaN``/``Infinity``); NEL, LS and PS are
    escaped, so the text is one line to ``str.splitlines()``; a lone surrogate in
    a string is written as a ``\\uXXXX`` escape (two of them that form a UTF-16 pair read back
    as one character: JSON has no way to keep them apart). Nesting deeper than Python's
    recursion limit raises ``RecursionError``.
    """
    numbers: List[str] = []
    if _needs_care(obj):
        obj = _prepare(obj, numbers)
    out = json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent)
    if numbers:
        mark = json.dumps(_MARK, ensure_ascii=False)[:-1]  # the marker as JSON spells it
        out = re.sub(re.escape(mark) + r'(\d+)"', lambda m: numbers[int(m.group(1))], out)
    if _ESCAPE.search(out):
        out = _ESCAPE.sub(_escape_surrogate, out)
    return out


# A Decimal value survives DocBin, Doc.to_bytes and multiprocessing (msgpack has no decimal type).
_DECIMAL_KEY = "__govreport_decimal__"


def _encode_decimal(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, Decimal):
        return {_DECIMAL_KEY: str(obj)}
    return obj if chain is None else chain(obj)


def _decode_decimal(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and len(obj) == 1 and _DECIMAL_KEY in obj:
        return Decimal(obj[_DECIMAL_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("govreport_decimal", func=_encode_decimal)
srsly.msgpack_decoders.register("govreport_decimal", func=_decode_decimal)


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
        get = span._.get
        attrs = {name: get(name) for name in LABEL_ATTRS.get(span.label_, [])}
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
        return cls.from_pieces([(0, doc)], id, extra)

    @classmethod
    def from_pieces(
        cls,
        pieces: Sequence[Tuple[int, Doc]],
        id: str,
        extra: Optional[Dict[str, Any]] = None,
        text: Optional[str] = None,
    ) -> "DocumentRecord":
        """One record from the docs of a document's pieces, each with its offset in the document.

        Span offsets are shifted by their piece's offset. ``text`` is the whole
        document (the pieces joined by default); span texts are cut from it, so
        ``span.text == record.text[start:end]`` also where the pieces were run on
        a cleaned copy (a lone surrogate replaced by U+FFFD).
        """
        spans: List[SpanRecord] = []
        for offset, doc in pieces:
            for span in doc.spans.get(SPANS_KEY, []):
                record = SpanRecord.from_span(span)
                record.start += offset
                record.end += offset
                spans.append(record)
        if text is None:
            text = "".join(doc_text(doc) for _, doc in pieces)
        elif len(pieces) > 1 or SURROGATE.search(text):
            for record in spans:
                record.text = text[record.start : record.end]
        spans.sort(key=lambda s: (s.start, s.end, s.label))
        return cls(id=id, text=text, spans=spans, extra=dict(extra or {}))

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

    def to_json(self, *, indent: Optional[int] = None) -> str:
        """The record as one line of strict JSON (see :func:`dumps_strict`)."""
        return dumps_strict(self.to_dict(), indent=indent)
