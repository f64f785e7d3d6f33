"""``govreport_metrics``: METRIC spans with value, unit, kind, qualifier, indicator.

Reads the numerals of ``govreport_numerals`` (which must run first), keeps the
quantities, and writes them as ``METRIC`` spans to ``doc.spans["govreport"]``
with the attributes of the annotation guide. Kind and indicator come from the
clause (``govreport_nlp.metric_context``).

Example::

    nlp.add_pipe("govreport_numerals")
    nlp.add_pipe("govreport_metrics")
    doc = nlp("技术合同成交额达到3.27亿元、增长62%")
    [(s.text, s._.kind, s._.indicator) for s in doc._.metrics]
    # [('3.27亿元', 'amount', '技术合同成交额'), ('62%', 'change', '技术合同成交额')]
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import Errors
from ..extensions import NUMERALS_KEY, SPANS_KEY
from ..metric_context import describe_metrics
from ._base import SettingsSerializer, replace_label

METRIC_LABEL = "METRIC"


@Language.factory(
    "govreport_metrics",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "numerals_key": NUMERALS_KEY},
)
def make_metric_tagger(nlp: Language, name: str, spans_key: str, numerals_key: str) -> "MetricTagger":
    """Factory of ``govreport_metrics``."""
    return MetricTagger(nlp, name, spans_key=spans_key, numerals_key=numerals_key)


class MetricTagger(SettingsSerializer):
    """Tag every stated quantity as a METRIC span.

    nlp: the pipeline; ``govreport_numerals`` must come earlier.
    name: the component name.
    spans_key: the span group to write METRIC spans to (other labels there are kept).
    numerals_key: the span group ``govreport_numerals`` writes.
    """

    settings = ("spans_key", "numerals_key")

    def __init__(self, nlp: Language, name: str = "govreport_metrics", *, spans_key: str = SPANS_KEY,
                 numerals_key: str = NUMERALS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key
        self.numerals_key = numerals_key

    def __call__(self, doc: Doc) -> Doc:
        if self.numerals_key not in doc.spans:
            raise ValueError(Errors.E010.format(name=self.name, needs="govreport_numerals"))
        numerals = [s for s in doc.spans[self.numerals_key] if s._.is_quantity]
        described = describe_metrics(doc.text, [(s.start_char, s.end_char, s._.unit, s._.numeral_form)
                                                for s in numerals])
        metrics = []
        for numeral, info in zip(numerals, described):
            span = Span(doc, numeral.start, numeral.end, label=METRIC_LABEL)
            span._.value = numeral._.value
            span._.high = numeral._.high
            span._.unit = numeral._.unit
            span._.qualifier = numeral._.qualifier
            span._.numeral_form = numeral._.numeral_form
            span._.kind = info.kind
            span._.indicator = doc.text[info.indicator[0]:info.indicator[1]] if info.indicator else None
            metrics.append(span)
        replace_label(doc, self.spans_key, METRIC_LABEL, metrics)
        return doc
