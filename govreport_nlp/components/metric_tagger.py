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

from functools import lru_cache
from typing import Any, Callable, Dict, Iterable, Mapping, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..doc_text import doc_text
from ..errors import Errors
from ..extensions import NUMERALS_KEY, SPANS_KEY, get_span_attrs, set_span_attrs, values_follow_offsets
from ..metrics import MetricGrammar, SectionCues, default_cues, default_grammar, describe_metrics, metric_targets
from ..metrics.grammar import fold_grammar_text
from ..scoring import score_labels
from ..tables import use_tables
from ..widths import fold_widths
from ._base import SettingsSerializer, write_group
from ._groups import read_group

METRIC_LABEL = "METRIC"


@Language.factory(
    "govreport_metrics",
    assigns=["doc.spans", "doc.ents"],
    requires=["doc.spans"],
    default_config={
        "spans_key": SPANS_KEY,
        "numerals_key": NUMERALS_KEY,
        "annotate_ents": True,
        "scorer": {"@scorers": "govreport_nlp.scorer.v1"},
    },
    default_score_weights={
        "metric_f": 1.0,
        "metric_p": 0.0,
        "metric_r": 0.0,
        "metric_value_acc": 0.0,
        "metric_unit_acc": 0.0,
        "metric_kind_acc": 0.0,
        "metric_qualifier_acc": 0.0,
        "metric_indicator_acc": 0.0,
    },
)
def make_metric_tagger(
    nlp: Language,
    name: str,
    spans_key: str,
    numerals_key: str,
    annotate_ents: bool,
    scorer: Optional[Callable[..., Dict[str, Any]]] = None,
) -> "MetricTagger":
    """Factory of ``govreport_metrics``."""
    return MetricTagger(
        nlp, name, spans_key=spans_key, numerals_key=numerals_key, annotate_ents=annotate_ents, scorer=scorer
    )


#: Attributes of a numeral that its METRIC span carries too.
_NUMERAL_ATTRS = ("value", "high", "unit", "qualifier", "numeral_form")
#: what the tagger reads of every numeral: whether it is a quantity, its unit and its form
_QUANTITY_ATTRS = ("is_quantity", "unit", "numeral_form")


class _Rules(NamedTuple):
    """What the tagger reads, compiled from its tables (once per table set, not per document)."""

    grammar: MetricGrammar
    cues: SectionCues
    #: True when the cues read the text as ``grammar`` folds it (the fold is then handed on)
    cues_share_fold: bool
    #: the numeral layer's folding (:func:`_numeral_fold`)
    numeral_fold: Callable[[str], str]


class MetricTagger(SettingsSerializer):
    """Tag every stated quantity as a METRIC span.

    nlp: the pipeline; ``govreport_numerals`` must come earlier.
    name: the component name.
    spans_key: the span group to write METRIC spans to (other labels there are kept).
    numerals_key: the span group ``govreport_numerals`` writes.
    annotate_ents: also set ``doc.ents`` to the non-overlapping spans of the
        whole group (longest first), for tools that read entities.
    scorer: the scorer of ``score()`` (default ``govreport_nlp.scorer.v1``).
    tables: replace some of the rule tables (name -> file path or data); see ``TABLES``.

    State saved with the pipeline: ``cfg.json`` and ``tables/`` (units, metric_grammar).
    """

    settings = ("spans_key", "numerals_key", "annotate_ents")
    TABLES = ("units", "metric_grammar", "metric_target")

    def __init__(
        self,
        nlp: Language,
        name: str = "govreport_metrics",
        *,
        spans_key: str = SPANS_KEY,
        numerals_key: str = NUMERALS_KEY,
        annotate_ents: bool = True,
        scorer: Optional[Callable[..., Dict[str, Any]]] = None,
        tables: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self._init_state(nlp, name, tables)
        self.spans_key = spans_key
        self.numerals_key = numerals_key
        self.annotate_ents = annotate_ents
        self.scorer = scorer or score_labels

    _rules: Optional[_Rules] = None

    def _tables_changed(self) -> None:
        self._rules = None

    def __getstate__(self) -> Dict[str, Any]:
        state = dict(self.__dict__)
        state["_rules"] = None  # compiled again from the tables after unpickling
        return state

    def _current_rules(self) -> _Rules:
        """The rules of the component's tables, compiled under them on first use after a change."""
        rules = self._rules
        if rules is None:
            with use_tables(self.tables):
                grammar, cues = default_grammar(), default_cues()
                rules = self._rules = _Rules(grammar, cues, cues.grammar is grammar, _numeral_fold())
        return rules

    def _check_tables(self) -> None:
        """Compile the unit table, the clause grammar and the target cues now (each is compiled
        once per table set): the unit table's checks (families, bases, compounds) run here."""
        from ..metrics.units import default_table

        default_table()
        default_grammar()
        default_cues()

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """METRIC precision, recall and F, and the attribute agreements on matched spans."""
        return self.scorer(examples, labels=(METRIC_LABEL,), spans_key=self.spans_key)

    def __call__(self, doc: Doc) -> Doc:
        group = read_group(doc, self.numerals_key)
        if group is None:
            raise ValueError(Errors.E010.format(name=self.name, needs="govreport_numerals"))
        numerals = []  # (span, unit, form) of every quantity
        for numeral in group:
            quantity, unit, form = get_span_attrs(numeral, _QUANTITY_ATTRS)
            if quantity:
                numerals.append((numeral, unit, form))
        if not numerals:
            # Nothing to describe: the group loses its METRIC spans (and doc.ents is mirrored) all the same.
            return write_group(doc, self.spans_key, METRIC_LABEL, [], self.annotate_ents)
        text = doc_text(doc)
        # No use_tables() around the rules: they were compiled under the tables and are handed on.
        rules = self._current_rules()
        grammar = rules.grammar
        # Folded once for both: each would fold it for itself otherwise (twice for the targets).
        grammar_folded = fold_grammar_text(text, grammar)
        described = describe_metrics(
            text, [(s.start_char, s.end_char, unit, form) for s, unit, form in numerals], grammar, grammar_folded
        )
        targets = metric_targets(
            text,
            [s.start_char for s, _, _ in numerals],
            rules.cues,
            grammar_folded if rules.cues_share_fold else None,
        )
        folded = rules.numeral_fold(text)
        metrics = []
        # A METRIC span over a numeral's characters already reads the numeral's values where spaCy
        # keys span values by offsets; only what differs is set then.
        shared = values_follow_offsets()
        label = doc.vocab.strings.add(METRIC_LABEL)
        for (numeral, unit, _), info, target in zip(numerals, described, targets):
            span = Span(doc, numeral.start, numeral.end, label)
            s, e = numeral.start_char, numeral.end_char
            written = _unit_as_written(text[s:e], folded[s:e], unit)
            indicator = text[info.indicator[0] : info.indicator[1]] if info.indicator else None
            values = {}
            if not shared or written != unit:
                values = dict(zip(_NUMERAL_ATTRS, get_span_attrs(numeral, _NUMERAL_ATTRS)))
                values["unit"] = written
            set_span_attrs(span, **values, kind=info.kind, target=bool(target), indicator=indicator)
            metrics.append(span)
        return write_group(doc, self.spans_key, METRIC_LABEL, metrics, self.annotate_ents)


@lru_cache(maxsize=None)
def _numeral_fold() -> Callable[[str], str]:
    """The numeral layer's folding, :func:`govreport_nlp.numerals.normalise` (imported on first
    use, under the component's tables: the numeral package reads its tables when imported)."""
    from ..numerals import normalise

    return normalise


def _unit_as_written(text: str, folded: str, unit: Optional[str]) -> Optional[str]:
    """The unit in the characters of the text where they are traditional (36項 -> 項, 50公頃 -> 公頃);
    full-width forms stay folded. ``unit`` as the scanner reads it otherwise. ``folded`` is ``text``
    as the numeral layer folds it (:func:`govreport_nlp.numerals.normalise`)."""
    if not unit or folded == text:
        return unit
    k = folded.rfind(unit)
    if k < 0:
        return unit
    written = fold_widths(text[k : k + len(unit)])
    return written if written != unit else unit
