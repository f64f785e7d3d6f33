"""The Python entry points: ``load()`` and ``extract()``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, List, Optional, Sequence, Union, overload

from spacy.language import Language

from .chunking import RecordFailure, pipe_records
from .errors import Errors, GovReportProcessingError
from .pipeline import load
from .readers import InputRecord
from .records import DocumentRecord


@lru_cache(maxsize=1)
def _default_nlp() -> Language:
    return load()


@overload
def extract(  # type: ignore[overload-overlap]  # a str is also an Iterable[str]: matched first
    text_or_texts: str,
    *,
    nlp: Optional[Language] = None,
    ids: Optional[Sequence[str]] = None,
    batch_size: int = 16,
) -> DocumentRecord: ...
@overload
def extract(
    text_or_texts: Iterable[str],
    *,
    nlp: Optional[Language] = None,
    ids: Optional[Sequence[str]] = None,
    batch_size: int = 16,
) -> List[DocumentRecord]: ...


def extract(
    text_or_texts: Union[str, Iterable[str]],
    *,
    nlp: Optional[Language] = None,
    ids: Optional[Sequence[str]] = None,
    batch_size: int = 16,
) -> Union[DocumentRecord, List[DocumentRecord]]:
    """Extract METRIC, ORG and AWARD spans.

    text_or_texts: one text (returns one ``DocumentRecord``) or an iterable of
        texts (returns a list, in the same order).
    nlp: a pipeline to use; the shipped one (loaded once) by default.
    ids: record ids, one per text (a different count raises ``ValueError``);
        ``"0"``, ``"1"`` ... by default.

    Any text is accepted: one longer than ``nlp.max_length`` is split at
    paragraph boundaries and its spans carry offsets into the whole text; a lone
    surrogate is read as U+FFFD (offsets unchanged). If the pipeline fails on a
    text, ``GovReportProcessingError`` names the text and its id.

    >>> rec = extract("新增市场主体6613户。")          # doctest: +SKIP
    >>> rec.metrics[0].value, rec.metrics[0].unit      # doctest: +SKIP
    (6613, '户')
    """
    single = isinstance(text_or_texts, str)
    texts: Any = [text_or_texts] if single else text_or_texts
    if isinstance(texts, (bytes, dict)) or not hasattr(texts, "__iter__"):
        raise TypeError(Errors.E012.format(type=type(text_or_texts).__name__))
    texts = list(texts)
    for t in texts:
        if not isinstance(t, str):
            raise TypeError(Errors.E012.format(type=f"an iterable holding {type(t).__name__}"))
    if ids is not None:
        ids = [ids] if single and isinstance(ids, str) else list(ids)
        if len(ids) != len(texts):
            raise ValueError(Errors.E151.format(ids=len(ids), texts=len(texts)))
    ids = [str(i) for i in (ids if ids is not None else range(len(texts)))]
    nlp = nlp or _default_nlp()
    items = [InputRecord(id=doc_id, text=text) for doc_id, text in zip(ids, texts)]
    index = {id(item): k for k, item in enumerate(items)}
    records: List[DocumentRecord] = []
    for item, result in pipe_records(nlp, items, batch_size=batch_size):
        if isinstance(result, RecordFailure):
            raise GovReportProcessingError(
                Errors.E152.format(stage=result.stage, index=index[id(item)], id=item.id, detail=result.detail)
            ) from result.error
        records.append(result)
    return records[0] if single else records
