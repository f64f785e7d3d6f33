"""``govreport_metrics``: METRIC spans with value, high, unit, kind, qualifier, indicator, target.

Reads the numerals of ``govreport_numerals`` (which must run first), keeps the
quantities, and writes them as ``METRIC`` spans to ``doc.spans["govreport"]``
with the attributes of the annotation guide. Kind and indicator come from the
clause (``govreport_nlp.metrics.indicator``); target from the section, the sentence and the
clause (``govreport_nlp.metrics.target``).

Example::

    nlp.add_pipe("govreport_numerals")
    nlp.add_pipe("govreport_metrics")
    doc = nlp("技术合同成交额达到3.27亿元、增长62%")
    [(s.text, s._.kind, s._.indicator) for s in doc._.metrics]
    # [('3.27亿元', 'amount', '技术合同成交额'), ('62%', 'change', '技术合同成交额')]
    [s._.target for s in nlp("今年力争完成投资10至15亿元")._.metrics]
    # [True]  (value 1000000000, high 1500000000)
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import Errors
from ..doc_text import doc_text
from ..extensions import NUMERALS_KEY, SPANS_KEY, get_span_attrs, set_span_attrs
from ..metrics import describe_metrics, metric_targets
from ..numerals import normalise
from ..widths import fold_widths
from ._base import SettingsSerializer, write_group

METRIC_LABEL = "METRIC"


@Language.factory(
    "govreport_metrics",
    assigns=["doc.spans", "doc.ents"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "numerals_key": NUMERALS_KEY, "annotate_ents": True},
)
def make_metric_tagger(nlp: Language, name: str, spans_key: str, numerals_key: str,
                       annotate_ents: bool) -> "MetricTagger":
    """Factory of ``govreport_metrics``."""
    return MetricTagger(nlp, name, spans_key=spans_key, numerals_key=numerals_key, annotate_ents=annotate_ents)


class MetricTagger(SettingsSerializer):
    """Tag every stated quantity as a METRIC span.

    nlp: the pipeline; ``govreport_numerals`` must come earlier.
    name: the component name.
    spans_key: the span group to write METRIC spans to (other labels there are kept).
    numerals_key: the span group ``govreport_numerals`` writes.
    annotate_ents: also set ``doc.ents`` to the non-overlapping spans of the
        whole group (longest first), for tools that read entities.
    """

    settings = ("spans_key", "numerals_key", "annotate_ents")

    def __init__(self, nlp: Language, name: str = "govreport_metrics", *, spans_key: str = SPANS_KEY,
                 numerals_key: str = NUMERALS_KEY, annotate_ents: bool = True) -> None:
        self.name = name
        self.spans_key = spans_key
        self.numerals_key = numerals_key
        self.annotate_ents = annotate_ents

    def __call__(self, doc: Doc) -> Doc:
        if self.numerals_key not in doc.spans:
            raise ValueError(Errors.E010.format(name=self.name, needs="govreport_numerals"))
        numerals = [(s, get_span_attrs(s, "is_quantity", "unit", "numeral_form"))
                    for s in doc.spans[self.numerals_key]]
        numerals = [(s, attrs) for s, attrs in numerals if attrs[0]]
        text = doc_text(doc)
        described = describe_metrics(text, [(s.start_char, s.end_char, unit, form)
                                            for s, (_, unit, form) in numerals])
        targets = metric_targets(text, [s.start_char for s, _ in numerals])
        metrics = []
        for (numeral, (_, unit, _)), info, target in zip(numerals, described, targets):
            span = Span(doc, numeral.start, numeral.end, label=METRIC_LABEL)
            # spaCy keys span extensions by character offsets, so the METRIC span
            # already reads the numeral's value, high, unit, qualifier and form.
            set_span_attrs(span, kind=info.kind, target=bool(target), unit=_unit_as_written(span.text, unit),
                           indicator=text[info.indicator[0]:info.indicator[1]] if info.indicator else None)
            metrics.append(span)
        return write_group(doc, self.spans_key, METRIC_LABEL, metrics, self.annotate_ents)


def _unit_as_written(text: str, unit: Optional[str]) -> Optional[str]:
    """The unit in the characters of the text where they are traditional (36項 -> 項, 50公頃 -> 公頃);
    full-width forms stay folded. ``unit`` as the scanner reads it otherwise."""
    if not unit:
        return unit
    folded = normalise(text)
    k = folded.rfind(unit)
    if k < 0:
        return unit
    written = fold_widths(text[k:k + len(unit)])
    return written if written != unit else unit
