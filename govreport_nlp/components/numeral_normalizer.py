"""``govreport_numerals``: find and normalise every numeral expression.

Every numeral (Arabic, full-width, Chinese, mixed, percent, fraction, range,
ordinal) goes into ``doc.spans["numerals"]`` with label ``NUMERAL`` and

* ``span._.value`` (int or float, magnitude words and unit prefixes multiplied out),
  ``span._.high`` (upper end of a range), ``span._.unit`` where a unit follows,
* ``span._.qualifier`` (exact / approx / min / max), ``span._.numeral_form``,
* ``span._.is_quantity`` (False for dates, names, slogans, list markers ...)
  and ``span._.numeral_role`` saying why.

Example::

    nlp.add_pipe("govreport_numerals")
    doc = nlp("减税降费３．４４亿元")
    span = doc.spans["numerals"][0]      # ３．４４亿元, value 344000000, unit 元
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..doc_text import doc_text
from ..extensions import NUMERALS_KEY, set_span_attrs
from ._base import SettingsSerializer
from ._spans import char_spans

NUMERAL_LABEL = "NUMERAL"


@Language.factory(
    "govreport_numerals",
    assigns=["doc.spans"],
    default_config={"spans_key": NUMERALS_KEY},
)
def make_numeral_normalizer(nlp: Language, name: str, spans_key: str) -> "NumeralNormalizer":
    """Factory of ``govreport_numerals``."""
    return NumeralNormalizer(nlp, name, spans_key=spans_key)


class NumeralNormalizer(SettingsSerializer):
    """Put every numeral expression, normalised, into ``doc.spans[spans_key]``.

    nlp: the pipeline (its tokenizer's tokens are split where a quantity ends
        inside one; a non-quantity span takes the whole tokens around it).
    name: the component name.
    spans_key: the span group to write (replaced on every call).
    """

    settings = ("spans_key",)

    def __init__(self, nlp: Language, name: str = "govreport_numerals", *, spans_key: str = NUMERALS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from ..numerals import find_numerals

        text = doc_text(doc)
        found = find_numerals(text)
        # Quantities become exact spans (tokens split where needed); a numeral
        # that is not a quantity (二十大, 一企一策) takes the tokens around it.
        quantities = [n for n in found if n.quantity]
        doc, spans = char_spans(doc, [(n.start, n.end) for n in quantities], NUMERAL_LABEL, text)
        exact = {(n.start, n.end): span for n, span in zip(quantities, spans)}
        group = []
        for numeral in found:
            if numeral.quantity:
                span = exact[(numeral.start, numeral.end)]
            else:
                span = doc.char_span(numeral.start, numeral.end, label=NUMERAL_LABEL, alignment_mode="expand")
            if span is None:
                continue
            set_span_attrs(span, value=numeral.value, high=numeral.high, unit=numeral.unit,
                           qualifier=numeral.qualifier, numeral_form=numeral.form,
                           is_quantity=numeral.quantity, numeral_role=numeral.role)
            group.append(span)
        doc.spans[self.spans_key] = group
        return doc
