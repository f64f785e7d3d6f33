"""spaCy's own evaluation gives the figures of ``govreport-nlp evaluate``."""

import json
import subprocess
import sys

import pytest
from spacy.training import Example

from govreport_nlp.evaluation import predict_records, read_gold, score
from govreport_nlp.scoring import doc_to_record, gold_examples, record_to_doc, score_labels

from .conftest import ROOT

GOLD = ROOT / "tests" / "data" / "seed_gold.jsonl"
HELDOUT = ROOT / "tests" / "data" / "heldout_reports.jsonl"
HELDOUT_METRICS = ROOT / "tests" / "data" / "heldout_metrics.jsonl"


def expected_scores(nlp, gold):
    """The figures of govreport-nlp evaluate, in the keys of the spaCy scorer."""
    result = score(gold, predict_records(nlp, gold))
    out = {}
    for label, row in result.items():
        key = label.lower()
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f"] = (row["exact"][x] for x in ("p", "r", "f1"))
        out[f"{key}_overlap_f"] = row["overlap"]["f1"]
        for attr, value in row.get("attributes", {}).items():
            out[f"{key}_{attr}_acc"] = value
    return out


@pytest.mark.parametrize("path", [GOLD, HELDOUT, HELDOUT_METRICS], ids=["seed", "heldout", "heldout-metrics"])
def test_nlp_evaluate_matches_govreport_evaluate(nlp, path):
    gold = read_gold(path)
    scores = nlp.evaluate(gold_examples(nlp, gold))
    expected = expected_scores(nlp, gold)
    for key, value in expected.items():
        assert scores[key] == pytest.approx(value), key
    for label in ("metric", "org", "award"):
        assert f"{label}_f" in scores


def test_reference_docs_keep_the_gold_record(nlp):
    (gold,) = read_gold(GOLD)
    doc = record_to_doc(nlp, gold)
    back = doc_to_record(doc)
    strip = lambda spans: sorted((s["start"], s["end"], s["label"], s.get("optional", False)) for s in spans)  # noqa: E731
    assert strip(back["spans"]) == strip(gold["spans"])
    values = {(s["start"], s["end"]): s.get("value") for s in gold["spans"] if s["label"] == "METRIC"}
    assert {(s["start"], s["end"]): s["value"] for s in back["spans"] if s["label"] == "METRIC"} == values


def test_a_wrong_prediction_lowers_the_score(nlp):
    text = "新增市场主体6613户，增长12%。"
    gold = {
        "id": "x",
        "text": text,
        "spans": [
            {
                "start": 6,
                "end": 11,
                "label": "METRIC",
                "value": 6613,
                "unit": "户",
                "kind": "amount",
                "qualifier": "exact",
                "indicator": "市场主体",
            },
            {
                "start": 14,
                "end": 17,
                "label": "METRIC",
                "value": 12,
                "unit": "%",
                "kind": "change",
                "qualifier": "exact",
                "indicator": "市场主体",
            },
        ],
    }
    ref = record_to_doc(nlp, gold)
    right = score_labels([Example(nlp(text), ref)], labels=("METRIC",))
    assert right["metric_f"] == 1.0
    gold["spans"][0]["value"] = 6000
    wrong = score_labels([Example(nlp(text), record_to_doc(nlp, gold))], labels=("METRIC",))
    assert wrong["metric_f"] == 1.0 and wrong["metric_value_acc"] == 0.5


@pytest.mark.slow
def test_spacy_evaluate_on_a_docbin(nlp, tmp_path):
    """``python -m spacy evaluate`` on the converted gold prints the same METRIC/ORG/AWARD figures."""
    from govreport_nlp.pipeline import default_model_path

    docbin = tmp_path / "gold.spacy"
    out = tmp_path / "scores.json"
    proc = subprocess.run(
        [sys.executable, "-m", "govreport_nlp.scoring", str(GOLD), str(docbin)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "evaluate", str(default_model_path()), str(docbin), "--output", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    scores = json.loads(out.read_text(encoding="utf-8"))
    expected = expected_scores(nlp, read_gold(GOLD))
    for key in ("metric_f", "org_f", "award_f", "metric_indicator_acc", "award_recipient_acc"):
        assert scores[key] == pytest.approx(expected[key]), key
