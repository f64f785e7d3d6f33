"""Pattern handling shared by the ORG and AWARD taggers.

Patterns use spaCy's span-ruler JSONL shape ``{"label", "pattern", "id"}``:
a string ``pattern`` is a phrase matched on the characters of the text (so it
does not depend on how pkuseg cuts it); a list ``pattern`` is a token pattern
run with spaCy's ``Matcher``.
"""

from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

import srsly
from spacy import util
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..schemas import validate_patterns
from ._base import SettingsSerializer


class PatternComponent(SettingsSerializer):
    """A component that owns span-ruler patterns of one label.

    Subclasses set ``label`` and implement ``_rebuild()`` (recompile the
    character-level finder from ``self.patterns``) and ``__call__``.
    """

    label: str = ""
    settings = ("spans_key", "annotate_ents")

    def __init__(self, vocab: Vocab, name: str, *, spans_key: str, annotate_ents: bool,
                 default_patterns: Callable[[], List[Dict[str, Any]]], source: str) -> None:
        self.vocab = vocab
        self.name = name
        self.spans_key = spans_key
        self.annotate_ents = annotate_ents
        self.patterns: List[Dict[str, Any]] = []
        self.matcher = Matcher(vocab)
        self.finder = None
        self.add_patterns(default_patterns() if default_patterns else [], source=source)

    # --- patterns ---------------------------------------------------------
    def add_patterns(self, patterns: Iterable[Dict[str, Any]], source: str = "<patterns>") -> None:
        """Validate and add patterns (those of other labels are ignored)."""
        checked = validate_patterns(list(patterns), source=source)
        self.patterns.extend(p for p in checked if p["label"] == self.label)
        self._rebuild_all()

    def clear(self) -> None:
        """Remove every pattern."""
        self.patterns = []
        self._rebuild_all()

    def initialize(self, get_examples=None, *, nlp=None,
                   patterns: Optional[Iterable[Dict[str, Any]]] = None) -> None:
        """Replace the patterns with ``patterns`` when given (spaCy's ``[initialize]`` hook)."""
        if patterns is not None:
            self.clear()
            self.add_patterns(patterns)

    @property
    def phrase_patterns(self) -> List[Dict[str, Any]]:
        return [p for p in self.patterns if isinstance(p["pattern"], str)]

    @property
    def token_patterns(self) -> List[Dict[str, Any]]:
        return [p for p in self.patterns if isinstance(p["pattern"], list)]

    def _rebuild_all(self) -> None:
        self.matcher = Matcher(self.vocab)
        for n, p in enumerate(self.token_patterns):
            self.matcher.add(f"{self.label}_{n}", [p["pattern"]])
        self._rebuild()

    def _rebuild(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def token_matches(self, doc: Doc) -> List[Tuple[int, int]]:
        """Character offsets of the token-pattern matches."""
        if not len(self.matcher):
            return []
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for _, s, e in self.matcher(doc)]

    # --- serialisation: patterns.jsonl + cfg.json ---------------------------
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self._cfg(), "patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()):
        msg = srsly.msgpack_loads(data)
        self._set_cfg(msg["cfg"])
        self.patterns = list(msg["patterns"])
        self._rebuild_all()
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        path = util.ensure_path(path)
        util.to_disk(path, {
            "cfg.json": lambda p: srsly.write_json(p, self._cfg()),
            "patterns.jsonl": lambda p: srsly.write_jsonl(p, self.patterns),
        }, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()):
        path = util.ensure_path(path)

        def read_patterns(p: Path) -> None:
            self.patterns = validate_patterns(list(srsly.read_jsonl(p)), source=str(p))
            self._rebuild_all()

        util.from_disk(path, {
            "cfg.json": lambda p: self._set_cfg(srsly.read_json(p)),
            "patterns.jsonl": read_patterns,
        }, exclude)
        return self


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
