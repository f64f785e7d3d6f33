"""Score predicted spans against gold spans: the figures of ``shared/tools/score.py``.

The algorithm is that of the project's scorer, ported so that ``govreport-nlp
evaluate`` prints the same numbers:

* per label, **exact** P/R/F1 (start, end and label agree) and **overlap**
  P/R/F1 (spans overlap and labels agree; pairs are one-to-one, largest
  overlap first);
* over the overlapping pairs, attribute agreement: ``value`` within a relative
  tolerance of 1e-6, ``indicator`` as character-overlap F1 (null against null
  counts 1), the other attributes as equality (a missing or empty value is null);
* with ``extended=True`` (``score.py --extended``), METRIC also gets ``high``
  (upper end of a range; null against null agrees) and P/R/F1 of
  ``"target": true`` over the overlapping pairs (a missing key counts as false);
* a gold span marked ``"optional": true`` is never a miss, and a prediction
  that overlaps one (and no required gold span) is neither a hit nor a false
  alarm.

Records are those of the annotation guide (``{"id", "text", "spans"}``) and are
paired by ``id`` (by line order where the gold record has no id).

Scoring needs no spaCy; :func:`predict_records` runs a pipeline over gold texts.

>>> gold = [{"id": "a", "text": "新建4个", "spans": [{"start": 2, "end": 4, "label": "METRIC", "text": "4个"}]}]
>>> score(gold, gold)["METRIC"]["exact"]["f1"]
1.0
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .errors import Errors

LABELS: Tuple[str, ...] = ("METRIC", "ORG", "AWARD")
METRIC_ATTRS: Tuple[str, ...] = ("value", "unit", "kind", "qualifier", "indicator")
AWARD_ATTRS: Tuple[str, ...] = ("level", "recipient")
EXTENDED_METRIC_ATTRS: Tuple[str, ...] = METRIC_ATTRS + ("high",)

Record = Dict[str, Any]
SpanDict = Dict[str, Any]


class GoldFileError(ValueError):
    """A gold file that cannot be scored; the message names the file and the line."""


# ----------------------------------------------------------------------------- reading


def read_gold(path: Union[str, Path]) -> List[Record]:
    """Read and check a gold JSONL file (one annotation-guide record a line).

    Every record needs a string ``text``; every span integer ``start``/``end``
    inside the text and a ``label``; a span ``text``, where given, must equal
    ``text[start:end]`` (and is filled in where missing). Raises
    :class:`GoldFileError` naming the file and the line of the first problem.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldFileError(Errors.E124.format(path=path, detail=err)) from None
    records: List[Record] = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}, line {n}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise GoldFileError(Errors.E125.format(where=where, detail=err.msg)) from None
        records.append(check_gold_record(record, where))
    return records


def check_gold_record(record: Any, where: str = "<gold>") -> Record:
    """Check one gold record (see :func:`read_gold`); return a copy with span texts filled in."""
    if not isinstance(record, dict):
        raise GoldFileError(
            Errors.E126.format(where=where, problem=f"a record must be a JSON object, not {type(record).__name__}.")
        )
    rid = f" (record id {record['id']!r})" if record.get("id") is not None else ""
    text = record.get("text")
    if not isinstance(text, str):
        raise GoldFileError(Errors.E126.format(where=where + rid, problem="the record needs a string 'text'."))
    spans = record.get("spans", [])
    if not isinstance(spans, list):
        raise GoldFileError(
            Errors.E126.format(where=where + rid, problem=f"'spans' must be a list, not {type(spans).__name__}.")
        )
    checked: List[SpanDict] = []
    for k, span in enumerate(spans):
        at = f"{where}{rid}, span {k}"
        if not isinstance(span, dict):
            raise GoldFileError(
                Errors.E127.format(at=at, problem=f"a span must be a JSON object, not {type(span).__name__}.")
            )
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if (
            isinstance(start, bool)
            or isinstance(end, bool)
            or not isinstance(start, int)
            or not isinstance(end, int)
            or not 0 <= start < end <= len(text)
        ):
            raise GoldFileError(
                Errors.E127.format(
                    at=at,
                    problem=f"'start' and 'end' must be integers with "
                    f"0 <= start < end <= {len(text)} (got {start!r}, {end!r}).",
                )
            )
        if not isinstance(label, str) or not label:
            raise GoldFileError(Errors.E127.format(at=at, problem="the span needs a 'label'."))
        if "text" in span and span["text"] != text[start:end]:
            raise GoldFileError(
                Errors.E128.format(at=at, given=span["text"], start=start, end=end, actual=text[start:end])
            )
        checked.append({**span, "text": text[start:end]})
    return {**record, "spans": checked}


# ----------------------------------------------------------------------------- matching


def overlaps(a: SpanDict, b: SpanDict) -> bool:
    """True when the two spans share at least one character."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def overlap_len(a: SpanDict, b: SpanDict) -> int:
    """How many characters the two spans share."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def prf(tp: float, fp: float, fn: float) -> Tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def char_f1(gold: str, pred: str) -> float:
    """Character-overlap F1 of two strings (both empty: 1.0; one empty: 0.0)."""
    if not gold and not pred:
        return 1.0
    if not gold or not pred:
        return 0.0
    common = sum((Counter(gold) & Counter(pred)).values())
    if not common:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def value_equal(gold: Any, pred: Any) -> bool:
    """Numbers equal within a relative tolerance of 1e-6 (anything not a number: False)."""
    try:
        g, p = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    return abs(g - p) <= 1e-6 * max(1.0, abs(g))


def attr_agree(name: str, gold: SpanDict, pred: SpanDict) -> float:
    """Agreement (0..1) of attribute ``name`` between a gold and a predicted span."""
    gv, pv = gold.get(name), pred.get(name)
    if name == "value":
        return 1.0 if value_equal(gv, pv) else 0.0
    if name == "high":
        return 1.0 if (gv is None and pv is None) or value_equal(gv, pv) else 0.0
    if name == "indicator":
        return char_f1(gv or "", pv or "")
    return float((gv or None) == (pv or None))


def label_attrs(label: str, extended: bool = False) -> Tuple[str, ...]:
    """The attributes scored for ``label`` (with ``high`` for METRIC when ``extended``)."""
    if label == "METRIC":
        return EXTENDED_METRIC_ATTRS if extended else METRIC_ATTRS
    return AWARD_ATTRS if label == "AWARD" else ()


@dataclass
class DocMatch:
    """The matching of one document for one label."""

    required: List[SpanDict]
    scored: List[SpanDict]
    exact_hits: int
    #: (gold index, pred index) in ``required``/``scored``, in pairing order.
    pairs: List[Tuple[int, int]]

    @property
    def missed(self) -> List[SpanDict]:
        used = {i for i, _ in self.pairs}
        return [g for i, g in enumerate(self.required) if i not in used]

    @property
    def false_alarms(self) -> List[SpanDict]:
        used = {j for _, j in self.pairs}
        return [p for j, p in enumerate(self.scored) if j not in used]


def match_doc(gold_spans: Sequence[SpanDict], pred_spans: Sequence[SpanDict], label: str) -> DocMatch:
    """Match the ``label`` spans of one document, as the scorer does."""
    gs = [s for s in gold_spans if s["label"] == label]
    ps = [s for s in pred_spans if s["label"] == label]
    required = [g for g in gs if not g.get("optional")]
    optional = [g for g in gs if g.get("optional")]

    def ignorable(p: SpanDict) -> bool:
        return any(overlaps(p, o) for o in optional) and not any(overlaps(p, g) for g in required)

    scored = [p for p in ps if not ignorable(p)]
    exact_gold = {(g["start"], g["end"]) for g in required}
    exact_hits = sum(1 for p in scored if (p["start"], p["end"]) in exact_gold)
    cands = sorted(
        ((overlap_len(g, p), i, j) for i, g in enumerate(required) for j, p in enumerate(scored) if overlaps(g, p)),
        reverse=True,
    )
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return DocMatch(required, scored, exact_hits, pairs)


def pair_records(gold_records: Sequence[Record], pred_records: Sequence[Record]) -> List[Tuple[Record, Record]]:
    """Pair every gold record with its prediction: by ``id``, by line order where the gold has none."""
    by_id = {r.get("id"): r for r in pred_records if r.get("id") is not None}
    out = []
    for n, g in enumerate(gold_records):
        p = by_id.get(g.get("id")) if g.get("id") is not None else None
        if p is None and n < len(pred_records) and g.get("id") is None:
            p = pred_records[n]
        out.append((g, p or {}))
    return out


# ----------------------------------------------------------------------------- scoring


def score(
    gold_records: Sequence[Record],
    pred_records: Sequence[Record],
    labels: Iterable[str] = LABELS,
    extended: bool = False,
) -> Dict[str, Dict[str, Any]]:
    """Per label: gold and pred counts, exact and overlap P/R/F1, attribute agreement,
    misses and false alarms (span texts). The same dict as ``score.py --json``; with
    ``extended``, METRIC ``high`` agreement and ``target`` P/R/F1 as ``score.py --extended --json``."""
    labels = tuple(labels)
    stats: Dict[str, Dict[str, Any]] = {lab: defaultdict(float, misses=[], false_alarms=[]) for lab in labels}
    for g, p in pair_records(gold_records, pred_records):
        pred_spans = p.get("spans", [])
        for lab in labels:
            m = match_doc(g.get("spans", []), pred_spans, lab)
            st = stats[lab]
            st["gold"] += len(m.required)
            st["pred"] += len(m.scored)
            st["exact_tp"] += m.exact_hits
            for i, j in m.pairs:
                st["overlap_tp"] += 1
                gs, ps = m.required[i], m.scored[j]
                for a in label_attrs(lab, extended):
                    st["attr_" + a] += attr_agree(a, gs, ps)
                if extended and lab == "METRIC":
                    gt, pt = bool(gs.get("target")), bool(ps.get("target"))
                    st["target_tp"] += gt and pt
                    st["target_fp"] += pt and not gt
                    st["target_fn"] += gt and not pt
            st["misses"].extend(s["text"] for s in m.missed)
            st["false_alarms"].extend(s.get("text", "") for s in m.false_alarms)
    out: Dict[str, Dict[str, Any]] = {}
    for lab in labels:
        st = stats[lab]
        tp_e, tp_o, gold, pred = st["exact_tp"], st["overlap_tp"], st["gold"], st["pred"]
        pe, re_, fe = prf(tp_e, pred - tp_e, gold - tp_e)
        po, ro, fo = prf(tp_o, pred - tp_o, gold - tp_o)
        row: Dict[str, Any] = {
            "gold": int(gold),
            "pred": int(pred),
            "exact": {"p": pe, "r": re_, "f1": fe},
            "overlap": {"p": po, "r": ro, "f1": fo},
        }
        attrs = label_attrs(lab, extended)
        if attrs:
            row["attributes"] = {a: (st["attr_" + a] / tp_o if tp_o else 0.0) for a in attrs}
        if extended and lab == "METRIC":
            tp, fp, fn = st["target_tp"], st["target_fp"], st["target_fn"]
            tpp, tpr, tpf = prf(tp, fp, fn)
            row["target"] = {"gold": int(tp + fn), "pred": int(tp + fp), "p": tpp, "r": tpr, "f1": tpf}
        row["misses"] = st["misses"]
        row["false_alarms"] = st["false_alarms"]
        out[lab] = row
    return out


@dataclass(frozen=True)
class Miss:
    """A required gold span that no prediction overlaps."""

    doc_id: Optional[str]
    text: str
    span: SpanDict


def find_misses(
    gold_records: Sequence[Record], pred_records: Sequence[Record], labels: Iterable[str] = LABELS
) -> List[Miss]:
    """The misses of :func:`score` with their document and offsets, in gold order per label."""
    out: List[Miss] = []
    pairs = pair_records(gold_records, pred_records)
    for lab in labels:
        for g, p in pairs:
            for span in match_doc(g.get("spans", []), p.get("spans", []), lab).missed:
                out.append(Miss(g.get("id"), g["text"], span))
    return out


# ----------------------------------------------------------------------------- running a pipeline


def predict_records(
    nlp: Any, gold_records: Sequence[Record], *, batch_size: int = 16, n_process: int = 1
) -> List[Record]:
    """Run the pipeline ``nlp`` over the gold texts; one prediction record per gold record, same ids."""
    from .records import DocumentRecord

    docs = nlp.pipe((r["text"] for r in gold_records), batch_size=batch_size, n_process=n_process)
    out = []
    for gold, doc in zip(gold_records, docs):
        record = DocumentRecord.from_doc(doc, gold.get("id") or "").to_dict()
        record["id"] = gold.get("id")
        out.append(record)
    return out


# ----------------------------------------------------------------------------- reports


def format_label_line(label: str, row: Dict[str, Any]) -> str:
    """The scorer's one-line summary of a label: counts, exact and overlap P/R/F1."""
    e, o = row["exact"], row["overlap"]
    return (
        f"{label:7s} gold {row['gold']:4d} pred {row['pred']:4d}  "
        f"exact P {e['p']:.3f} R {e['r']:.3f} F1 {e['f1']:.3f}  "
        f"overlap P {o['p']:.3f} R {o['r']:.3f} F1 {o['f1']:.3f}"
    )


def format_report(result: Dict[str, Dict[str, Any]], show: int = 10) -> str:
    """The scorer's text report: per label the summary line, attribute agreement
    and up to ``show`` misses and false alarms (none when ``show`` is 0)."""
    lines: List[str] = []
    for lab, row in result.items():
        lines.append(format_label_line(lab, row))
        for a, v in row.get("attributes", {}).items():
            lines.append(f"        {a:10s} agrees on {v:.3f} of overlapping pairs")
        if "target" in row:
            t = row["target"]
            lines.append(
                f"        target     gold {t['gold']:4d} pred {t['pred']:4d}  "
                f"P {t['p']:.3f} R {t['r']:.3f} F1 {t['f1']:.3f}"
            )
        if show:
            if row["misses"]:
                lines.append("        missed: " + " | ".join(row["misses"][:show]))
            if row["false_alarms"]:
                lines.append("        false alarms: " + " | ".join(row["false_alarms"][:show]))
    return "\n".join(lines) + "\n"


def format_comparison(before: Dict[str, Dict[str, Any]], after: Dict[str, Dict[str, Any]]) -> str:
    """Per label the scorer's summary line before and after a change, and attribute agreement."""
    lines: List[str] = []
    for lab in after:
        for when, result in (("before", before), ("after ", after)):
            if lab in result:
                lines.append(f"{when}  {format_label_line(lab, result[lab])}")
        attrs = after[lab].get("attributes", {})
        if attrs:
            lines.append(
                "        attributes before → after: "
                + ", ".join(
                    f"{a} {before.get(lab, {}).get('attributes', {}).get(a, 0.0):.3f} → {v:.3f}"
                    for a, v in attrs.items()
                )
            )
    return "\n".join(lines) + "\n"
