"""``govreport_awards``: AWARD spans for conferred honours, with level and recipient.

Honours are found by the rules of ``govreport_nlp.awards`` (trigger verbs such
as 荣获/获评/被认定为/入选, lists sharing a trigger, “…等荣誉/称号” frames)
plus any span-ruler patterns added to the component. ``span._.level`` comes
from the title's prefix, ``span._.recipient`` from the subject of the sentence
(snapping to an ORG span of ``govreport_orgs`` where there is one).

Example::

    nlp.add_pipe("govreport_orgs")
    nlp.add_pipe("govreport_awards")
    doc = nlp("美邦通航入选国家航空医疗救护联合试点")
    [(s.text, s._.level, s._.recipient) for s in doc._.awards]
"""

from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doc_text import doc_text
from ..extensions import SPANS_KEY, set_span_attrs
from ..tables import use_tables
from ._base import write_group
from ._groups import read_group, write_group_spans
from ._ruler import PatternComponent
from ._spans import char_spans

AWARD_LABEL = "AWARD"


@Language.factory(
    "govreport_awards",
    assigns=["doc.spans", "doc.ents"],
    default_config={
        "spans_key": SPANS_KEY,
        "use_default_patterns": True,
        "annotate_ents": True,
        "scorer": {"@scorers": "govreport_nlp.scorer.v1"},
    },
    default_score_weights={
        "award_f": 1.0,
        "award_p": 0.0,
        "award_r": 0.0,
        "award_level_acc": 0.0,
        "award_recipient_acc": 0.0,
    },
)
def make_award_tagger(
    nlp: Language,
    name: str,
    spans_key: str,
    use_default_patterns: bool,
    annotate_ents: bool,
    scorer: Optional[Callable[..., Dict[str, Any]]] = None,
) -> "AwardTagger":
    """Factory of ``govreport_awards``."""
    return AwardTagger(
        nlp,
        name,
        spans_key=spans_key,
        use_default_patterns=use_default_patterns,
        annotate_ents=annotate_ents,
        scorer=scorer,
    )


class AwardTagger(PatternComponent):
    """Tag conferred honours as AWARD spans with ``level`` and ``recipient``.

    nlp: the pipeline (put ``govreport_orgs`` earlier so recipients snap to ORG spans).
    name: the component name.
    spans_key: the span group to write AWARD spans to (other labels there are kept).
    use_default_patterns: start with the honour patterns shipped in
        ``awards/data/award_patterns.jsonl`` when that file exists.
    annotate_ents: also set ``doc.ents`` to the non-overlapping spans of the
        whole group (longest first), for tools that read entities.
    scorer: the scorer of ``score()`` (default ``govreport_nlp.scorer.v1``).
    tables: replace some of the rule tables (name -> file path or data); see ``TABLES``.

    State saved with the pipeline: ``cfg.json``, ``patterns.jsonl`` and
    ``tables/`` (award_triggers, org_rules, org_places).
    """

    label = AWARD_LABEL
    TABLES = ("award_triggers", "org_rules", "org_places", "admin_divisions")

    def __init__(
        self,
        nlp: Language,
        name: str = "govreport_awards",
        *,
        spans_key: str = SPANS_KEY,
        use_default_patterns: bool = True,
        annotate_ents: bool = True,
        tables: Optional[Mapping[str, Any]] = None,
        scorer: Optional[Callable[..., Dict[str, Any]]] = None,
    ) -> None:
        from ..lexicon import load_award_patterns

        super().__init__(
            nlp,
            name,
            spans_key=spans_key,
            annotate_ents=annotate_ents,
            default_patterns=load_award_patterns if use_default_patterns else None,
            tables=tables,
            scorer=scorer,
        )

    def _build_finder(self) -> Any:
        from ..awards import AwardFinder

        return AwardFinder(patterns=self.phrase_patterns)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        finder = self.finder
        token_matches = self.token_matches(doc)
        spans: List[Span] = []
        anchored = finder.may_find(text)
        if anchored or token_matches:  # (most sentences: neither, and nothing to look up)
            doc, spans = self._spans(doc, text, anchored, token_matches)
        return write_group(doc, self.spans_key, AWARD_LABEL, spans, self.annotate_ents)

    def _spans(
        self, doc: Doc, text: str, anchored: bool, token_matches: List[Tuple[int, int]]
    ) -> Tuple[Doc, List[Span]]:
        """The doc (tokens split where a title needs it) and its AWARD spans, with level and recipient.

        anchored: ``finder.may_find(text)`` (without it the rules find nothing).
        token_matches: the offsets of the token-pattern matches.
        """
        orgs = _OrgOffsets(doc, self.spans_key)  # read only if a title is found
        finder = self.finder
        with use_tables(self.tables):
            found = finder.find(text, orgs) if anchored else []
            if token_matches:
                known = {(m.start, m.end) for m in found}
                for start, end in token_matches:
                    if (start, end) not in known and not any(m.start < end and start < m.end for m in found):
                        found.append(finder.describe(text, start, end, orgs))
        spans: List[Span] = []
        if found:
            doc, spans_found = char_spans(doc, [(m.start, m.end) for m in found], AWARD_LABEL, text)
            for match, span in zip(found, spans_found):
                if span is None:
                    continue
                set_span_attrs(span, level=match.level, recipient=match.recipient)
                spans.append(span)
        return doc, spans


class _OrgOffsets:
    """The ``(start, end)`` of the ORG spans in a doc's span group, read on first iteration.

    Reading a group makes a ``Span`` object per span; the finder needs the ORG spans only
    once it has found a title, so a sentence without one never reads the group here.
    """

    __slots__ = ("_doc", "_key", "_offsets")

    def __init__(self, doc: Doc, key: str) -> None:
        self._doc = doc
        self._key = key
        self._offsets: Optional[List[Tuple[int, int]]] = None

    def __iter__(self) -> Iterator[Tuple[int, int]]:
        if self._offsets is None:
            doc, key = self._doc, self._key
            spans = read_group(doc, key)
            if spans is not None:
                # remember the spans as the group's: the write at the end of the call reads them back
                # instead of making a Span object per span a second time
                write_group_spans(doc, key, spans, doc.spans[key])
            org = doc.vocab.strings.add("ORG")
            self._offsets = [(s.start_char, s.end_char) for s in spans or () if s.label == org]
        return iter(self._offsets)
