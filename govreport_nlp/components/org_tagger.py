"""``govreport_orgs``: ORG spans for named organisations.

Organisation names are found by the rules of ``govreport_nlp.orgs`` (suffixes,
short names in lists, subjects of honours, abbreviations that refer back, a
gazetteer of general knowledge) plus any span-ruler patterns added to the
component (phrase patterns on characters, token patterns with spaCy's Matcher).
Spans go to ``doc.spans["govreport"]`` with label ``ORG``.

Example::

    nlp.add_pipe("govreport_orgs")
    nlp.get_pipe("govreport_orgs").add_patterns([{"label": "ORG", "pattern": "新华科技"}])
"""

from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..doc_text import doc_text
from ..extensions import SPANS_KEY
from ._base import write_group
from ._ruler import PatternComponent, longest_first
from ._spans import char_spans

ORG_LABEL = "ORG"


@Language.factory(
    "govreport_orgs",
    assigns=["doc.spans", "doc.ents"],
    default_config={
        "spans_key": SPANS_KEY,
        "use_default_patterns": True,
        "annotate_ents": True,
        "scorer": {"@scorers": "govreport_nlp.scorer.v1"},
    },
    default_score_weights={"org_f": 1.0, "org_p": 0.0, "org_r": 0.0},
)
def make_org_tagger(
    nlp: Language,
    name: str,
    spans_key: str,
    use_default_patterns: bool,
    annotate_ents: bool,
    scorer: Optional[Callable[..., Dict[str, Any]]] = None,
) -> "OrgTagger":
    """Factory of ``govreport_orgs``."""
    return OrgTagger(
        nlp,
        name,
        spans_key=spans_key,
        use_default_patterns=use_default_patterns,
        annotate_ents=annotate_ents,
        scorer=scorer,
    )


class OrgTagger(PatternComponent):
    """Tag named organisations as ORG spans.

    nlp: the pipeline.
    name: the component name.
    spans_key: the span group to write ORG spans to (other labels there are kept).
    use_default_patterns: start with the gazetteer shipped in
        ``orgs/data/org_patterns.jsonl`` (a saved pipeline restores its own).
    annotate_ents: also set ``doc.ents`` to the non-overlapping spans of the
        whole group (longest first), for tools that read entities.
    scorer: the scorer of ``score()`` (default ``govreport_nlp.scorer.v1``).
    tables: replace some of the rule tables (name -> file path or data); see ``TABLES``.

    State saved with the pipeline: ``cfg.json``, ``patterns.jsonl`` and
    ``tables/`` (org_rules, org_places, org_suffixes, award_triggers).
    """

    label = ORG_LABEL
    TABLES = ("org_rules", "org_places", "org_suffixes", "award_triggers", "admin_divisions")

    def __init__(
        self,
        nlp: Language,
        name: str = "govreport_orgs",
        *,
        spans_key: str = SPANS_KEY,
        use_default_patterns: bool = True,
        annotate_ents: bool = True,
        tables: Optional[Mapping[str, Any]] = None,
        scorer: Optional[Callable[..., Dict[str, Any]]] = None,
    ) -> None:
        from ..lexicon import load_org_patterns

        super().__init__(
            nlp,
            name,
            spans_key=spans_key,
            annotate_ents=annotate_ents,
            default_patterns=load_org_patterns if use_default_patterns else None,
            tables=tables,
            scorer=scorer,
        )

    def _build_finder(self) -> Any:
        from ..orgs import OrgFinder

        return OrgFinder(patterns=self.phrase_patterns)

    def find(self, doc: Doc, text: Optional[str] = None) -> List[Tuple[int, int]]:
        """Character offsets of the organisations in ``doc``."""
        # No use_tables() around the search: the finder reads its tables when it is built (the
        # ``finder`` property builds it under them), never while it searches.
        # (offsets only: the finder's OrgMatch objects would be dropped right away)
        found = [(s, e) for s, e, _src in self.finder.find_spans(text if text is not None else doc_text(doc))]
        token_found = self.token_matches(doc)
        if not token_found:
            return found  # the finder's spans are non-overlapping and in text order already
        return longest_first(found + token_found)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc, spans = char_spans(doc, self.find(doc, text), ORG_LABEL, text)
        return write_group(doc, self.spans_key, ORG_LABEL, [s for s in spans if s is not None], self.annotate_ents)
