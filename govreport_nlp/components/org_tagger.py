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
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

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
    default_config={"spans_key": SPANS_KEY, "use_default_patterns": True, "annotate_ents": True},
)
def make_org_tagger(nlp: Language, name: str, spans_key: str, use_default_patterns: bool,
                    annotate_ents: bool) -> "OrgTagger":
    """Factory of ``govreport_orgs``."""
    return OrgTagger(nlp, name, spans_key=spans_key, use_default_patterns=use_default_patterns,
                     annotate_ents=annotate_ents)


class OrgTagger(PatternComponent):
    """Tag named organisations as ORG spans.

    nlp: the pipeline.
    name: the component name.
    spans_key: the span group to write ORG spans to (other labels there are kept).
    use_default_patterns: start with the gazetteer shipped in
        ``patterns/org_patterns.jsonl`` (a saved pipeline restores its own).
    annotate_ents: also set ``doc.ents`` to the non-overlapping spans of the
        whole group (longest first), for tools that read entities.
    """

    label = ORG_LABEL

    def __init__(self, nlp: Language, name: str = "govreport_orgs", *, spans_key: str = SPANS_KEY,
                 use_default_patterns: bool = True, annotate_ents: bool = True) -> None:
        from ..orgs import load_org_patterns

        super().__init__(nlp.vocab, name, spans_key=spans_key, annotate_ents=annotate_ents,
                         default_patterns=load_org_patterns if use_default_patterns else None,
                         source="org_patterns.jsonl")

    def _rebuild(self) -> None:
        # the finder is built on first use: creating and loading a pipeline replaces the patterns
        # more than once (defaults, then from_disk), and each finder compiles every rule
        self._finder = None

    @property
    def finder(self) -> "OrgFinder":
        """The character-level finder over the current phrase patterns (built once, on first use)."""
        if self._finder is None:
            from ..orgs import OrgFinder

            self._finder = OrgFinder(patterns=self.phrase_patterns)
        return self._finder

    @finder.setter
    def finder(self, value: "OrgFinder | None") -> None:
        self._finder = value

    def find(self, doc: Doc) -> List[tuple]:
        """Character offsets of the organisations in ``doc``."""
        found = [(m.start, m.end) for m in self.finder(doc_text(doc))]
        return longest_first(found + self.token_matches(doc))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc, spans = char_spans(doc, self.find(doc), ORG_LABEL, text)
        return write_group(doc, self.spans_key, ORG_LABEL, [s for s in spans if s is not None],
                           self.annotate_ents)
