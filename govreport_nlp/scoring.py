"""spaCy scoring: METRIC/ORG/AWARD figures from ``nlp.evaluate()`` and ``spacy evaluate``.

The components' ``score()`` methods call the registered scorer
``govreport_nlp.scorer.v1`` (registry ``scorers``), which turns each
``Example`` into annotation-guide records and scores them with
:func:`govreport_nlp.evaluation.score`, so the figures are those of
``govreport-nlp evaluate`` and ``shared/tools/score.py``. For label ``L``
(lower case): ``L_p``/``L_r``/``L_f`` (exact match), ``L_overlap_p``/``_r``/``_f``
and ``L_ATTR_acc`` for every attribute of the label (agreement on overlapping
pairs).

Gold data for ``spacy evaluate`` is a ``.spacy`` file of reference docs::

    python -m govreport_nlp.scoring gold.jsonl gold.spacy [--model DIR]
    python -m spacy evaluate models/govreport_zh gold.spacy

Gold spans go to ``doc.spans["govreport"]`` with their attributes as
``Span._`` values; spans marked ``"optional": true`` go to
``doc.spans["govreport_optional"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry

from .extensions import SPAN_ATTRS, SPANS_KEY, set_span_attrs

__all__ = ["OPTIONAL_SUFFIX", "score_labels", "make_scorer", "record_to_doc", "doc_to_record", "gold_examples"]

#: ``doc.spans[SPANS_KEY + OPTIONAL_SUFFIX]`` holds the gold spans marked optional.
OPTIONAL_SUFFIX = "_optional"


def doc_to_record(doc: Doc, spans_key: str = SPANS_KEY) -> Dict[str, Any]:
    """The annotation-guide record of ``doc`` (optional gold spans marked ``"optional": true``)."""
    from .records import SpanRecord

    spans: List[Dict[str, Any]] = [SpanRecord.from_span(s).to_dict() for s in doc.spans.get(spans_key, [])]
    for span in doc.spans.get(spans_key + OPTIONAL_SUFFIX, []):
        spans.append({**SpanRecord.from_span(span).to_dict(), "optional": True})
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    return {"id": None, "text": doc.text, "spans": spans}


def score_labels(
    examples: Iterable[Example],
    *,
    labels: Sequence[str] = ("METRIC", "ORG", "AWARD"),
    spans_key: str = SPANS_KEY,
    **kwargs: Any,
) -> Dict[str, Any]:
    """Scores of ``labels`` over ``examples`` (see the module docstring for the keys)."""
    from .evaluation import score

    gold: List[Dict[str, Any]] = []
    pred: List[Dict[str, Any]] = []
    for n, eg in enumerate(examples):
        g = doc_to_record(eg.reference, spans_key)
        p = doc_to_record(eg.predicted, spans_key)
        g["id"] = p["id"] = str(n)
        gold.append(g)
        pred.append(p)
    result = score(gold, pred, labels=labels)
    out: Dict[str, Any] = {}
    for label in labels:
        row, key = result[label], label.lower()
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f"] = (row["exact"][x] for x in ("p", "r", "f1"))
        for x, name in (("p", "p"), ("r", "r"), ("f1", "f")):
            out[f"{key}_overlap_{name}"] = row["overlap"][x]
        for attr, agreement in row.get("attributes", {}).items():
            out[f"{key}_{attr}_acc"] = agreement
    return out


@registry.scorers("govreport_nlp.scorer.v1")
def make_scorer() -> Callable[..., Dict[str, Any]]:
    """The scorer of the govreport-nlp components (registry ``scorers``)."""
    return score_labels


# --------------------------------------------------------------------------- gold docs
def record_to_doc(nlp: Language, record: Dict[str, Any], spans_key: str = SPANS_KEY) -> Doc:
    """A reference doc for a gold record: tokens cut at every span edge, spans with their attributes."""
    from .components._spans import split_tokens
    from .evaluation import check_gold_record

    record = check_gold_record(record)
    doc = nlp.make_doc(record["text"])
    doc = split_tokens(doc, [x for s in record["spans"] for x in (s["start"], s["end"])])
    required: List[Span] = []
    optional: List[Span] = []
    for s in record["spans"]:
        span = doc.char_span(s["start"], s["end"], label=s["label"])
        if span is None:  # edges inside whitespace: cannot be a span
            continue
        set_span_attrs(span, **{k: v for k, v in s.items() if k in SPAN_ATTRS})
        (optional if s.get("optional") else required).append(span)
    doc.spans[spans_key] = required
    doc.spans[spans_key + OPTIONAL_SUFFIX] = optional
    return doc


def gold_examples(nlp: Language, records: Iterable[Dict[str, Any]]) -> List[Example]:
    """``Example``s for ``nlp.evaluate()``: the predicted side is ``nlp.make_doc(text)``."""
    out = []
    for record in records:
        ref = record_to_doc(nlp, record)
        out.append(Example(nlp.make_doc(ref.text), ref))
    return out


def write_gold_docbin(nlp: Language, gold: Path, output: Path) -> int:
    """Convert a gold JSONL file to a ``.spacy`` file for ``spacy evaluate``; returns the number of docs."""
    from .evaluation import read_gold

    docs = DocBin(store_user_data=True)
    records = read_gold(gold)
    for record in records:
        docs.add(record_to_doc(nlp, record))
    docs.to_disk(output)
    return len(records)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m govreport_nlp.scoring GOLD.jsonl OUT.spacy [--model DIR]``."""
    import argparse

    from .pipeline import load

    parser = argparse.ArgumentParser(description="Convert gold JSONL to a .spacy file for spacy evaluate.")
    parser.add_argument("gold", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--model", type=Path, default=None, help="pipeline whose tokenizer to use")
    args = parser.parse_args(argv)
    n = write_gold_docbin(load(args.model), args.gold, args.output)
    print(f"Wrote {n} gold docs to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
