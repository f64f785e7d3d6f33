"""Every ``Doc`` and ``Span`` extension of govreport-nlp, registered in one place.

Stored attributes hold primitives (str, int, float, None) so they survive
``DocBin``, pickling and multiprocessing. Derived views use getters.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .errors import Errors, Warnings

#: The span group that holds every METRIC, ORG and AWARD span.
SPANS_KEY = "govreport"
#: The span group that holds every numeral expression, quantity or not.
NUMERALS_KEY = "numerals"

#: Attributes of the annotation guide, per label, in record order.
LABEL_ATTRS: Dict[str, List[str]] = {
    "METRIC": ["value", "high", "unit", "kind", "qualifier", "indicator", "target"],
    "ORG": [],
    "AWARD": ["level", "recipient"],
}

#: Stored span attributes and what they hold.
SPAN_ATTRS: Dict[str, str] = {
    "value": "number in the base unit (int or float)",
    "high": "upper end of a range, in the base unit",
    "unit": "unit word as the guide normalises it",
    "kind": "amount | change | rank",
    "qualifier": "exact | approx | min | max",
    "indicator": "text naming what a METRIC measures",
    "target": "True for a goal, plan or commitment; False for a reported result",
    "level": "national | provincial | municipal | district",
    "recipient": "who received an AWARD",
    "numeral_form": "cardinal | percent | ordinal | fraction | range",
    "is_quantity": "False for dates, names, slogans and other non-quantities",
    "numeral_role": "why a numeral is not a quantity (date, name, slogan ...)",
}


_STORED = frozenset(SPAN_ATTRS)


def _metrics(doc: Doc) -> List[Span]:
    return [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "METRIC"]


def _orgs(doc: Doc) -> List[Span]:
    return [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "ORG"]


def _awards(doc: Doc) -> List[Span]:
    return [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "AWARD"]


def _value_in(span: Span) -> Callable[[str], float]:
    from .metrics.units import convert

    def value_in(target: str) -> float:
        """The span's value converted to ``target`` (e.g. "亿元", "亩")."""
        return convert(span._.value, span._.unit, target)

    return value_in


def _set_extension(cls: Any, name: str, **kwargs: Any) -> None:
    if cls.has_extension(name):
        _default, method, getter, _setter = cls.get_extension(name)
        ours = kwargs.get("getter") or kwargs.get("method")
        if (getter or method) and ours is None:
            warnings.warn(Warnings.W001.format(name=name), stacklevel=2)
            return
        if (getter or method) and ours is not None and getattr(getter or method, "__module__", "") != __name__:
            warnings.warn(Warnings.W001.format(name=name), stacklevel=2)
            return
        if not (getter or method) and ours is None:
            return
    cls.set_extension(name, force=True, **kwargs)


#: (default, method, getter, setter) of a plain stored extension, as :func:`register_extensions` sets them.
_PLAIN = (None, None, None, None)
_get_extension = Span.get_extension


def set_span_attrs(span: Span, **values: Any) -> None:
    """Set ``span._.NAME = value`` for every value that is not None (None is the default).

    Only the stored attributes of :data:`SPAN_ATTRS` may be set this way. Where
    :func:`values_in_user_data` holds, a plain stored extension's value goes straight to
    its entry of ``doc.user_data``: the same value in the same place as ``span._``
    would put it, without a ``span._`` object for every span.
    """
    direct = values_in_user_data()
    data: Optional[Dict[Any, Any]] = None
    start = end = 0
    underscore = None
    for name, value in values.items():
        if value is None:
            continue
        if name not in _STORED:
            raise AttributeError(Errors.E216.format(name=name, names=", ".join(SPAN_ATTRS)))
        if direct and _get_extension(name) == _PLAIN:
            if data is None:
                data, start, end = _user_data(span), span.start_char, span.end_char
            data["._.", name, start, end] = value
        else:
            if underscore is None:
                underscore = span._
            setattr(underscore, name, value)


def get_span_attr(span: Span, name: str) -> Any:
    """``span._.get(name)`` for a stored attribute of :data:`SPAN_ATTRS`, read from its entry of
    ``doc.user_data`` where :func:`values_in_user_data` holds (no ``span._`` object)."""
    return get_span_attrs(span, (name,))[0]


def get_span_attrs(span: Span, names: Sequence[str]) -> Tuple[Any, ...]:
    """``span._.get(name)`` for each of ``names`` (stored attributes of :data:`SPAN_ATTRS`), in
    order: :func:`get_span_attr` for several attributes of one span, the span's entries found at once."""
    if not values_in_user_data():
        return tuple(span._.get(name) for name in names)
    data, start, end = _user_data(span), span.start_char, span.end_char
    return tuple(
        [data.get(("._.", name, start, end)) if _get_extension(name) == _PLAIN else span._.get(name) for name in names]
    )


def _user_data(span: Span) -> Dict[Any, Any]:
    """``span.doc.user_data`` (typed by spaCy as keyed by strings; its extension keys are tuples)."""
    data: Dict[Any, Any] = span.doc.user_data
    return data


@lru_cache(maxsize=None)
def values_in_user_data() -> bool:
    """True when spaCy keeps a span's stored extension value in ``doc.user_data`` under
    ``("._.", name, span.start_char, span.end_char)``, as spaCy 2 and 3 do, and reads it
    from there.

    Tried once on a scratch ``Doc`` (a write through ``span._`` must land there, and a
    write there must read back through ``span._``); where it fails, every value goes
    through ``span._``.
    """
    doc = Doc(Vocab(), words=["0", "1"])
    span = Span(doc, 1, 2, label="A")
    if Span.get_extension("value") != _PLAIN:
        return False
    span._.set("value", 1)
    key = ("._.", "value", span.start_char, span.end_char)
    if doc.user_data != {key: 1}:
        return False
    _user_data(span)[key] = 2
    return Span(doc, 1, 2, label="A")._.get("value") == 2


@lru_cache(maxsize=None)
def values_follow_offsets() -> bool:
    """True when spaCy keys ``Span._`` values by the span's character offsets alone (as spaCy 3
    does), so that two spans over the same characters (a NUMERAL and its METRIC) share them.

    Tried once on a scratch ``Doc``; a component that copies values between such spans may skip
    the ones that are already there.
    """
    doc = Doc(Vocab(), words=["0"])
    Span(doc, 0, 1, label="A")._.set("value", 1)
    return Span(doc, 0, 1, label="B")._.get("value") == 1


def register_extensions() -> None:
    """Register the extensions; safe to call any number of times."""
    for name in SPAN_ATTRS:
        _set_extension(Span, name, default=None)
    _set_extension(Span, "value_in", getter=_value_in)
    _set_extension(Doc, "metrics", getter=_metrics)
    _set_extension(Doc, "orgs", getter=_orgs)
    _set_extension(Doc, "awards", getter=_awards)


register_extensions()
