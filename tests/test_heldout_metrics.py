"""Held-out check of METRIC spans and attributes on passages that are not the seed.

``tests/data/heldout_metrics.jsonl`` holds six hand-annotated passages (METRIC only) invented in the style of
the "工作回顾" and "目标任务" sections of government work reports from other places, levels and years (a Hunan
county, a Hebei city, a province, a Shanghai district, a Yunnan county written in full-width digits, a Shaanxi
city), annotated by the annotation guide. The test runs the whole pipeline over the texts and scores METRIC
with a small local copy of the scorer's overlap matching (optional gold spans neither reward nor punish):
overlap F1, and over the matched pairs the agreement of value (relative tolerance 1e-6), unit, kind,
qualifier and indicator (mean character-overlap F1, null against null counts 1).

Before the indicator and kind rules were extended against these passages the pipeline scored overlap F1 1.000,
value/unit/qualifier 1.000, kind 0.986 and indicator 0.930; after, every figure is 1.000. The rules were tuned
against these texts, so the floors are a regression guard, not an estimate of accuracy on unseen reports.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "heldout_metrics.jsonl"

ATTRS = ("value", "unit", "kind", "qualifier", "indicator")
FLOORS = {"f1": 0.98, "value": 0.98, "unit": 0.98, "kind": 0.97, "qualifier": 0.98, "indicator": 0.96}


def load() -> list[dict]:
    with open(DATA, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _char_f1(a, b) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def _agree(attr: str, g, p) -> float:
    if attr == "indicator":
        return _char_f1(g, p)
    if attr == "value":
        if g is None or p is None:
            return float(g is None and p is None)
        return float(abs(float(g) - float(p)) <= 1e-6 * max(1.0, abs(float(g))))
    return float((g or None) == (p or None))


def score(gold_records: list[dict], pred_records: list[dict]) -> dict:
    tp = n_gold = n_pred = 0
    agree = dict.fromkeys(ATTRS, 0.0)
    misses, false_alarms, disagreements = [], [], []
    for g, p in zip(gold_records, pred_records):
        gs = [s for s in g["spans"] if s["label"] == "METRIC"]
        required = [s for s in gs if not s.get("optional")]
        optional = [s for s in gs if s.get("optional")]
        ps = [s for s in p["spans"] if s["label"] == "METRIC"]
        scored = [s for s in ps
                  if not (any(_overlaps(s, o) for o in optional) and not any(_overlaps(s, r) for r in required))]
        n_gold += len(required)
        n_pred += len(scored)
        pairs = sorted(
            ((min(a["end"], b["end"]) - max(a["start"], b["start"]), i, j)
             for i, a in enumerate(required) for j, b in enumerate(scored) if _overlaps(a, b)),
            reverse=True,
        )
        used_g, used_p = set(), set()
        for _, i, j in pairs:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            tp += 1
            for attr in ATTRS:
                a = _agree(attr, required[i].get(attr), scored[j].get(attr))
                agree[attr] += a
                if a < 1:
                    disagreements.append((required[i]["text"], attr, required[i].get(attr), scored[j].get(attr)))
        misses += [s["text"] for i, s in enumerate(required) if i not in used_g]
        false_alarms += [s["text"] for j, s in enumerate(scored) if j not in used_p]
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    out = {"p": prec, "r": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
           "misses": misses, "false_alarms": false_alarms, "disagreements": disagreements}
    for attr, n in agree.items():
        out[attr] = n / tp if tp else 0.0
    return out


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load()


@pytest.fixture(scope="module")
def result(nlp, gold) -> dict:
    preds = []
    for rec in gold:
        doc = nlp(rec["text"])
        preds.append({"id": rec["id"], "spans": [
            {"start": s.start_char, "end": s.end_char, "label": "METRIC", "text": s.text, "value": s._.value,
             "unit": s._.unit, "kind": s._.kind, "qualifier": s._.qualifier, "indicator": s._.indicator}
            for s in doc.spans["govreport"] if s.label_ == "METRIC"]})
    return score(gold, preds)


def test_gold_file_is_well_formed(gold) -> None:
    assert len(gold) == 6
    assert len({r["id"] for r in gold}) == 6
    for rec in gold:
        text = rec["text"]
        assert 300 <= len(text) <= 600, rec["id"]
        for s in rec["spans"]:
            assert s["label"] == "METRIC", s
            assert text[s["start"]:s["end"]] == s["text"], s
            assert s["text"] == s["text"].strip() and s["text"][0] not in "，。、；：“" and s["text"][-1] not in "，。、；：“", s
            assert s["kind"] in ("amount", "change", "rank"), s
            assert s["qualifier"] in ("exact", "approx", "min", "max"), s
            assert s["indicator"] is None or s["indicator"] in text, s
        spans = rec["spans"]
        assert not [(a, b) for a in spans for b in spans if a is not b and _overlaps(a, b)]


def test_metric_overlap_f1_floor(result) -> None:
    assert result["f1"] >= FLOORS["f1"], (
        f"METRIC overlap F1 {result['f1']:.3f} (P {result['p']:.3f} R {result['r']:.3f}); "
        f"missed {result['misses']}; false alarms {result['false_alarms']}")


@pytest.mark.parametrize("attr", ATTRS)
def test_metric_attribute_floor(result, attr) -> None:
    assert result[attr] >= FLOORS[attr], (
        f"METRIC {attr} agrees on {result[attr]:.3f}; "
        f"{[d for d in result['disagreements'] if d[1] == attr]}")
