"""The pkuseg tokenizer of govreport-nlp.

It extends spaCy's ``ChineseTokenizer`` (pkuseg mode) in three ways:

* text is width-folded before segmentation (``３．４４亿元`` segments like
  ``3.44亿元``) while tokens keep the original characters and offsets;
* a number with its magnitude word is never cut inside (``3.44亿``,
  ``百分之六十五``, ``十二点五`` stay whole);
* the pkuseg model is stored compactly (see ``govreport_nlp.segmenter.compact``).

Registered as ``govreport_nlp.ChineseTokenizer.v1`` in spaCy's tokenizer registry.
"""

import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Set, Tuple, Union

import srsly
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .doc_text import remember_text
from .errors import Errors
from .widths import fold_widths

_DIGITS = "0-9"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_ALL = _CN_DIGITS + "十百千万亿"
# Stretches of the folded text that must never contain a token boundary.
_UNBREAKABLE = re.compile(
    rf"[{_DIGITS}]+(?:[.,][{_DIGITS}]+)*(?:万亿|[十百千万亿])*"  # 3.44亿, 1,234.5, 1.2万亿
    rf"|[百千万]分之[{_CN_ALL}点]+"  # 百分之六十五
    rf"|[{_CN_ALL}]+点[{_CN_DIGITS}]+"  # 十二点五
)


class GovReportTokenizer(ChineseTokenizer):
    """spaCy's pkuseg ``ChineseTokenizer`` with width folding and whole numbers."""

    def __init__(self, vocab: Vocab) -> None:
        self._pending: Optional[Tuple[Any, Any]] = None
        super().__init__(vocab, segmenter=Segmenter.pkuseg)

    # --- the pkuseg segmenter, built on first use after from_disk ----------
    @property
    def pkuseg_seg(self) -> Any:
        """The ``spacy_pkuseg.pkuseg`` segmenter (None before a model is loaded).

        :meth:`from_disk` reads and checks the compact model but leaves building
        pkuseg's feature dictionary (about 360,000 entries, 0.2-0.3 s) to the
        first use, so loading a pipeline does not pay for it.
        """
        if self._pending is not None:
            from .segmenter.compact import from_arrays

            contents, processors = self._pending
            seg = from_arrays(*contents)
            if processors is not None:
                _set_processors(seg, processors)
            self._pkuseg_seg, self._pending = seg, None
        return self._pkuseg_seg

    @pkuseg_seg.setter
    def pkuseg_seg(self, seg: Any) -> None:
        self._pkuseg_seg, self._pending = seg, None

    def initialize(
        self,
        get_examples: Optional[Callable[[], Iterable]] = None,
        *,
        nlp: Optional[Language] = None,
        pkuseg_model: Optional[Union[str, Path]] = None,
        pkuseg_user_dict: Optional[Union[str, Path]] = "default",
    ) -> None:
        """Load the pkuseg model from ``pkuseg_model`` (a model directory).

        pkuseg_user_dict: a word list file, ``"default"`` for the report
            vocabulary shipped with the package, or ``None`` for none.
        """
        from .segmenter.compact import load_compact
        from .segmenter.user_dict import DEFAULT_USER_DICT, read_user_dict, use_user_dict

        if pkuseg_model is None:
            if self.pkuseg_seg is not None:  # already loaded (nlp.initialize() after setup)
                return
            raise ValueError(Errors.E002)
        self.pkuseg_seg = load_compact(Path(pkuseg_model))
        if pkuseg_user_dict == "default":
            pkuseg_user_dict = DEFAULT_USER_DICT
        if pkuseg_user_dict is not None:
            use_user_dict(self.pkuseg_seg, read_user_dict(Path(pkuseg_user_dict)))

    def segment(self, text: str) -> List[str]:
        """Segment ``text`` into words of the original characters (no whitespace)."""
        return [text[s:e] for s, e in self.word_offsets(text)]

    def word_offsets(self, text: str) -> List[Tuple[int, int]]:
        """``(start, end)`` of every word of ``text``, in order (whitespace left out)."""
        if self.pkuseg_seg is None:
            raise ValueError(Errors.E002)
        folded = fold_widths(text)
        words = self.pkuseg_seg.cut(folded)
        # Offsets of the cut, found in the folded text; folding keeps lengths.
        bounds = []
        pos = 0
        for word in words:
            start = folded.find(word, pos)
            if start < 0:  # pkuseg never rewrites characters; be safe anyway
                continue
            bounds.append((start, start + len(word)))
            pos = start + len(word)
        return _join_numbers(folded, bounds)

    def __call__(self, text: str) -> Doc:
        words, spaces = _words_and_spaces(text, self.word_offsets(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        remember_text(doc, text)
        return doc

    # --- serialisation: the pkuseg model in its compact form -------------
    def to_disk(self, path: Union[str, Path], **kwargs: Any) -> None:
        """Write ``cfg``, the compact pkuseg model (``pkuseg_model/``) and ``pkuseg_processors``."""
        from .segmenter.compact import save_compact

        path = Path(path)
        if not path.exists():
            path.mkdir(parents=True)
        srsly.write_json(path / "cfg", self._get_config())
        if self.pkuseg_seg is not None:
            save_compact(self.pkuseg_seg, path / "pkuseg_model")
            srsly.write_msgpack(path / "pkuseg_processors", _processors_data(self.pkuseg_seg))

    def from_disk(self, path: Union[str, Path], **kwargs: Any) -> "GovReportTokenizer":
        """Load what :meth:`to_disk` wrote (the compact model is read in memory, no temporary files)."""
        from .segmenter.compact import is_compact, load_compact, read_compact

        path = Path(path)
        if (path / "cfg").exists():
            self._set_config(srsly.read_json(path / "cfg"))
        model = path / "pkuseg_model"
        if model.exists():
            processors = (
                srsly.read_msgpack(path / "pkuseg_processors") if (path / "pkuseg_processors").exists() else None
            )
            if is_compact(model):  # read and checked now, built on first use (see pkuseg_seg)
                self.pkuseg_seg = None
                self._pending = (read_compact(model), processors)
            else:
                self.pkuseg_seg = load_compact(model)
                if processors is not None:
                    _set_processors(self.pkuseg_seg, processors)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        """The tokenizer as bytes, with the pkuseg model in the compact form of :meth:`to_disk`."""
        from .segmenter.compact import compact_to_bytes

        msg: Dict[str, Any] = {"format": _BYTES_FORMAT, "cfg": self._get_config()}
        if self.pkuseg_seg is not None:
            msg["pkuseg_model"] = compact_to_bytes(self.pkuseg_seg)
            msg["pkuseg_processors"] = _processors_data(self.pkuseg_seg)
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, data: bytes, **kwargs: Any) -> "GovReportTokenizer":
        """Load what :meth:`to_bytes` wrote."""
        from .segmenter.compact import compact_from_bytes

        msg = srsly.msgpack_loads(data)
        if not isinstance(msg, dict) or msg.get("format") != _BYTES_FORMAT:
            raise ValueError(Errors.E215.format(key="format"))
        self._set_config(msg.get("cfg", {}))
        if msg.get("pkuseg_model"):
            self.pkuseg_seg = compact_from_bytes(msg["pkuseg_model"])
            if msg.get("pkuseg_processors"):
                _set_processors(self.pkuseg_seg, msg["pkuseg_processors"])
        return self


_BYTES_FORMAT = "govreport-tokenizer-v1"


def _set_processors(seg: Any, data: Any) -> None:
    """Restore pkuseg's user dictionary trie and post-processing word sets."""
    import spacy_pkuseg

    user_dict, do_process, common, other = data
    seg.preprocesser = spacy_pkuseg.Preprocesser(user_dict)
    seg.postprocesser.do_process = do_process
    seg.postprocesser.common_words = set(common)
    seg.postprocesser.other_words = set(other)


def _processors_data(seg: Any) -> Tuple[Any, bool, List[str], List[str]]:
    from spacy.lang.zh import _get_pkuseg_trie_data

    return (
        _get_pkuseg_trie_data(seg.preprocesser.trie),
        seg.postprocesser.do_process,
        sorted(getattr(seg.postprocesser, "common_words", ())),
        sorted(getattr(seg.postprocesser, "other_words", ())),
    )


def _words_and_spaces(text: str, bounds: List[Tuple[int, int]]) -> Tuple[List[str], List[bool]]:
    """Words and trailing-space flags for ``Doc`` from word offsets, in linear time.

    The same result as ``spacy.util.get_words_and_spaces`` (one space after a
    word is its trailing space; any other whitespace becomes a token of its
    own), which slices the rest of the text for every word and so takes time
    quadratic in the length of the text.
    """
    words: List[str] = []
    spaces: List[bool] = []
    pos = 0
    for start, end in list(bounds) + [(len(text), len(text))]:
        if start > pos:
            if words and text[pos] == " ":
                spaces[-1] = True
                pos += 1
            if start > pos:
                words.append(text[pos:start])
                spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    return words, spaces


def _join_numbers(folded: str, bounds: List[tuple]) -> List[tuple]:
    """Remove token boundaries that fall inside a number expression."""
    cuts: Set[int] = set()
    for m in _UNBREAKABLE.finditer(folded):
        cuts.update(range(m.start() + 1, m.end()))
    if not cuts:
        return bounds
    out: List[tuple] = []
    for start, end in bounds:
        if out and start in cuts and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@registry.tokenizers("govreport_nlp.ChineseTokenizer.v1")
def create_tokenizer() -> Callable[[Language], GovReportTokenizer]:
    """Registered tokenizer factory: ``@tokenizers = "govreport_nlp.ChineseTokenizer.v1"``."""

    def tokenizer_factory(nlp: Language) -> GovReportTokenizer:
        return GovReportTokenizer(nlp.vocab)

    return tokenizer_factory
