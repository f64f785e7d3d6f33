"""Pattern handling shared by the ORG and AWARD taggers.

Patterns use spaCy's span-ruler JSONL shape ``{"label", "pattern", "id"}``:
a string ``pattern`` is a phrase matched on the characters of the text (so it
does not depend on how pkuseg cuts it); a list ``pattern`` is a token pattern
run with spaCy's ``Matcher``.
"""

from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.training import Example

from ..schemas import read_pattern_file, validate_patterns
from ..scoring import score_labels
from ..tables import use_tables
from ._base import SettingsSerializer


class PatternComponent(SettingsSerializer):
    """A component that owns span-ruler patterns of one label and the tables of its rules.

    Subclasses set ``label`` and ``TABLES`` and implement ``_build_finder()``
    (compile the character-level finder from ``self.phrase_patterns``; it runs
    under the component's tables) and ``__call__``. Patterns and finder are
    built on first use, so loading a saved pipeline reads no package file and
    compiles the finder once.
    """

    label: str = ""
    settings: Tuple[str, ...] = ("spans_key", "annotate_ents")

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        spans_key: str,
        annotate_ents: bool,
        default_patterns: Optional[Callable[[], List[Dict[str, Any]]]],
        tables: Optional[Mapping[str, Any]] = None,
        scorer: Optional[Callable[..., Dict[str, Any]]] = None,
    ) -> None:
        self._init_state(nlp, name, tables)
        self.scorer = scorer or score_labels
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self.annotate_ents = annotate_ents
        self._default_patterns = default_patterns
        self._patterns: Optional[List[Dict[str, Any]]] = None
        self._matcher: Optional[Matcher] = None
        self._finder: Any = None

    # --- patterns ---------------------------------------------------------
    @property
    def patterns(self) -> List[Dict[str, Any]]:
        """The component's span-ruler patterns (the shipped ones until replaced)."""
        if self._patterns is None:
            loaded = self._default_patterns() if self._default_patterns else []
            self._patterns = [p for p in loaded if p["label"] == self.label]
        return self._patterns

    def add_patterns(self, patterns: Iterable[Dict[str, Any]], source: str = "<patterns>") -> None:
        """Validate and add patterns (those of other labels are ignored)."""
        checked = validate_patterns(list(patterns), source=source, vocab=self.vocab)
        self.patterns.extend(p for p in checked if p["label"] == self.label)
        self._reset()

    def clear(self) -> None:
        """Remove every pattern."""
        self._patterns = []
        self._reset()

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable[Any]]] = None,
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Iterable[Dict[str, Any]]] = None,
        tables: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """spaCy's ``[initialize]`` hook.

        patterns: replace the patterns with these.
        tables: replace some of the component's tables (name -> file path or data),
            e.g. ``[initialize.components.govreport_orgs.tables] org_places = "places.json"``.
        """
        if tables is not None:
            self.set_tables(tables)
        self.tables  # noqa: B018  (load now: the tables' hashes go into nlp.meta before saving)
        if patterns is not None:
            self.clear()
            self.add_patterns(patterns)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """Precision, recall and F of the component's label, and the agreement of its
        attributes on matched spans (the measure of ``govreport-nlp evaluate``)."""
        return self.scorer(examples, labels=(self.label,), spans_key=self.spans_key)

    @property
    def phrase_patterns(self) -> List[Dict[str, Any]]:
        return [p for p in self.patterns if isinstance(p["pattern"], str)]

    @property
    def token_patterns(self) -> List[Dict[str, Any]]:
        return [p for p in self.patterns if isinstance(p["pattern"], list)]

    def _tables_changed(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._matcher = None
        self._finder = None

    @property
    def matcher(self) -> Matcher:
        """spaCy ``Matcher`` of the token patterns (built on first use)."""
        if self._matcher is None:
            matcher = Matcher(self.vocab)
            for n, p in enumerate(self.token_patterns):
                matcher.add(f"{self.label}_{n}", [p["pattern"]])
            self._matcher = matcher
        return self._matcher

    @property
    def finder(self) -> Any:
        """The character-level finder of the rules and phrase patterns (built on first use)."""
        if self._finder is None:
            with use_tables(self.tables):
                self._finder = self._build_finder()
        return self._finder

    def _build_finder(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def token_matches(self, doc: Doc) -> List[Tuple[int, int]]:
        """Character offsets of the token-pattern matches."""
        matcher = self.matcher
        if not len(matcher):
            return []
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for _, s, e in matcher(doc)]

    # --- serialisation: cfg.json + tables/ + patterns.jsonl ----------------
    def _state(self) -> Dict[str, Any]:
        state = super()._state()
        state["patterns"] = self.patterns
        return state

    def _set_state(self, msg: Dict[str, Any]) -> None:
        super()._set_state(msg)
        self._patterns = validate_patterns(list(msg["patterns"]), source=f"<{self.name} bytes>", vocab=self.vocab)
        self._reset()

    def _serializers(self) -> Dict[str, Callable[[Path], None]]:
        out = super()._serializers()
        out["patterns.jsonl"] = lambda p: srsly.write_jsonl(p, self.patterns)
        return out

    def _deserializers(self) -> Dict[str, Callable[[Path], None]]:
        out = super()._deserializers()

        def read_patterns(p: Path) -> None:
            self._patterns = read_pattern_file(p, vocab=self.vocab)
            self._reset()

        out["patterns.jsonl"] = read_patterns
        return out


def longest_first(spans: Iterable[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Non-overlapping spans, longer ones winning (then the earlier), in text order.

    Linear in the total length of the spans: covered characters are marked in
    a byte array rather than each span being compared with every chosen one.
    """
    ordered = sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0]))
    if not ordered:
        return []
    covered = bytearray(max(e for _, e in ordered))
    chosen: List[Tuple[int, int]] = []
    for s, e in ordered:
        if not any(covered[s:e]):
            covered[s:e] = b"\x01" * (e - s)
            chosen.append((s, e))
    return sorted(chosen)
