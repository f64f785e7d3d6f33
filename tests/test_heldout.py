"""Held-out check of the ORG and AWARD rules on reports that are not the seed.

``tests/data/heldout_reports.jsonl`` holds hand-annotated passages (ORG and AWARD only, no METRIC) invented in
the style of the "过去一年工作回顾" section of government work reports from other places, levels and years
(a Zhejiang county, a Sichuan prefecture city, Guangdong province, a Beijing district, a Shandong county-level
city, an Inner Mongolia city, a development zone, a Jiangsu town …). The test runs ``OrgFinder`` and
``AwardFinder`` over the texts and scores them with ``govreport_nlp.evaluation`` (score.py's figures;
optional gold spans neither reward nor punish), so a regression of the rules fails here.

The floors sit a little below the figures reached when the file was written (ORG overlap F1 0.998,
AWARD overlap F1 1.000, level 1.000, recipient 1.000 of matched pairs); the rules were tuned against these
texts, so they are a regression guard, not an estimate of accuracy on unseen reports.

``tests/data/heldout_reports_2.jsonl`` is a second set written the same way from places the first does not
cover (a Guangxi county, a Jiangxi city, a Tianjin district, a Hubei county-level city, a Xinjiang prefecture,
a Liaoning city). The rules before it scored ORG 0.960, AWARD 0.992, level 0.949, recipient 0.983 on it; the
general fixes it prompted reach 1.000 on all four, and its floors sit a little below that. Every test below
runs once per data set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport_nlp import evaluation
from govreport_nlp.awards import AwardFinder
from govreport_nlp.orgs import OrgFinder

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA = DATA_DIR / "heldout_reports.jsonl"
DATA_2 = DATA_DIR / "heldout_reports_2.jsonl"

FLOORS = {  # the rules before this work scored ORG 0.899, AWARD 0.966, level 0.972, recipient 0.944
    ("ORG", "f1"): 0.97,
    ("AWARD", "f1"): 0.97,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.96,
}

FLOORS_2 = {  # the rules before this set scored ORG 0.960, AWARD 0.992, level 0.949, recipient 0.983
    ("ORG", "f1"): 0.98,
    ("AWARD", "f1"): 0.98,
    ("AWARD", "level"): 0.97,
    ("AWARD", "recipient"): 0.97,
}

# written for issue 9 before the rules were tuned on it (a Sichuan county-level city, a Hunan prefecture city,
# a Guizhou autonomous prefecture, a Hebei district, Anhui province): 61 ORG and 26 AWARD spans. The rules
# before scored ORG exact/overlap F1 0.667/0.807, AWARD 0.818/0.818 (recall 0.692), level 1.000,
# recipient 0.667; after: ORG 0.992/0.992, AWARD 1.000/1.000, level 1.000, recipient 1.000.
DATA_3 = DATA_DIR / "heldout_reports_3.jsonl"
FLOORS_3 = {
    ("ORG", "f1"): 0.97,
    ("AWARD", "f1"): 0.97,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.92,
}

# a second set written the same way after the first round of fixes (Shaanxi city, Heilongjiang county, Zhejiang
# province, a Chongqing district, a Guangdong town): 50 ORG and 19 AWARD spans. Scored once before the second
# round: ORG exact/overlap F1 0.909/0.929, AWARD 0.944/0.944 (recall 0.895), level 1.000, recipient 1.000;
# after: ORG 0.960/0.960, AWARD 0.973/0.973. What is left: a place and an industry word as an actor
# (汉中钢铁), a name opening with 之 (之江实验室), an institute still being built, a park as a subject.
DATA_4 = DATA_DIR / "heldout_reports_4.jsonl"
FLOORS_4 = {
    ("ORG", "f1"): 0.94,
    ("AWARD", "f1"): 0.95,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.92,
}

# a third set after the second round (a Yunnan county, a Shandong city, a Guangxi district): 32 ORG, 12 AWARD.
# Scored once before the third round: ORG exact/overlap F1 0.939/0.939, AWARD 0.917/1.000, level 1.000,
# recipient 1.000; after: ORG 0.984/0.984. Left: a brand before a place and a plant (北汽福田诸城…工厂).
DATA_5 = DATA_DIR / "heldout_reports_5.jsonl"
FLOORS_5 = {
    ("ORG", "f1"): 0.95,
    ("AWARD", "f1"): 0.95,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.92,
}

# a fourth set after the third round (a Henan development zone, a Jiangsu street office, Hubei province): 26 ORG,
# 8 AWARD. Scored once before the fourth round: ORG exact/overlap F1 0.902/0.941, AWARD 1.000/1.000, level 1.000,
# recipient 0.625; after: ORG 0.981/0.981, recipient 1.000. Left: a lab being formed (组建湖北实验室).
DATA_6 = DATA_DIR / "heldout_reports_6.jsonl"
FLOORS_6 = {
    ("ORG", "f1"): 0.95,
    ("AWARD", "f1"): 0.95,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.85,
}

# a fifth set after the fourth round (a Fujian city 2018, a Gansu county 2019, Tianjin Binhai): 30 ORG, 9 AWARD.
# Scored once before the fifth round: ORG exact/overlap F1 0.929/0.929, AWARD 1.000 on every figure;
# after: ORG 0.966/0.966. Left: 东西部协作办, 国家超级计算天津中心 (an office and a centre with no suffix).
DATA_7 = DATA_DIR / "heldout_reports_7.jsonl"
FLOORS_7 = {
    ("ORG", "f1"): 0.94,
    ("AWARD", "f1"): 0.95,
    ("AWARD", "level"): 0.96,
    ("AWARD", "recipient"): 0.9,
}

# name -> (path, floors, (min, max) records, (min, max) characters per text)
DATASETS = {
    "heldout_1": (DATA, FLOORS, (8, 12), (600, 1500)),
    "heldout_2": (DATA_2, FLOORS_2, (6, 12), (400, 1500)),
    "heldout_3": (DATA_3, FLOORS_3, (5, 12), (200, 1500)),
    "heldout_4": (DATA_4, FLOORS_4, (5, 12), (100, 1500)),
    "heldout_5": (DATA_5, FLOORS_5, (3, 12), (100, 1500)),
    "heldout_6": (DATA_6, FLOORS_6, (3, 12), (100, 1500)),
    "heldout_7": (DATA_7, FLOORS_7, (3, 12), (100, 1500)),
}


def load(path: Path = DATA) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(gold_records: list[dict], pred_records: list[dict], label: str) -> dict:
    """Overlap P/R/F1 of ``label`` and its attribute agreement (the scorer's figures)."""
    row = evaluation.score(gold_records, pred_records, (label,))[label]
    return {**row["overlap"], **row.get("attributes", {}), "misses": row["misses"], "false_alarms": row["false_alarms"]}


@pytest.fixture(scope="module", params=sorted(DATASETS))
def dataset(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def gold(dataset: str) -> list[dict]:
    return load(DATASETS[dataset][0])


@pytest.fixture(scope="module")
def predictions(gold: list[dict]) -> list[dict]:
    of, af = OrgFinder(), AwardFinder()
    out = []
    for rec in gold:
        text = rec["text"]
        orgs = of(text)
        spans = [{"start": m.start, "end": m.end, "label": "ORG", "text": m.text} for m in orgs]
        for a in af(text, [(m.start, m.end) for m in orgs]):
            spans.append(
                {
                    "start": a.start,
                    "end": a.end,
                    "label": "AWARD",
                    "text": a.text,
                    "level": a.level,
                    "recipient": a.recipient,
                }
            )
        out.append({"id": rec["id"], "spans": spans})
    return out


def test_gold_file_is_well_formed(dataset: str, gold: list[dict]) -> None:
    _, _, (n_min, n_max), (len_min, len_max) = DATASETS[dataset]
    assert n_min <= len(gold) <= n_max
    ids = [r["id"] for r in gold]
    assert len(ids) == len(set(ids))
    assert "METRIC" in gold[0]["note"]  # the file says METRIC is not annotated
    for rec in gold:
        text = rec["text"]
        assert len_min <= len(text) <= len_max, rec["id"]
        for s in rec["spans"]:
            assert s["label"] in ("ORG", "AWARD"), s
            assert text[s["start"] : s["end"]] == s["text"], s
            assert (
                s["text"] == s["text"].strip()
                and s["text"][0] not in "，。、；：（“"
                and s["text"][-1] not in "，。、；：（“"
            ), s
            if s["label"] == "AWARD":
                assert s["level"] in ("national", "provincial", "municipal", "district", None), s
                assert s["recipient"] is None or s["recipient"] in text, s
        same = [
            (a, b)
            for a in rec["spans"]
            for b in rec["spans"]
            if a is not b and a["label"] == b["label"] and evaluation.overlaps(a, b)
        ]
        assert not same, same


@pytest.mark.parametrize("label", ["ORG", "AWARD"])
def test_overlap_f1_floor(dataset, gold, predictions, label) -> None:
    result = score(gold, predictions, label)
    assert result["f1"] >= DATASETS[dataset][1][(label, "f1")], (
        f"{dataset}: {label} overlap F1 {result['f1']:.3f} (P {result['p']:.3f} R {result['r']:.3f}); "
        f"missed {result['misses']}; false alarms {result['false_alarms']}"
    )


@pytest.mark.parametrize("attr", ["level", "recipient"])
def test_award_attribute_floor(dataset, gold, predictions, attr) -> None:
    result = score(gold, predictions, "AWARD")
    assert result[attr] >= DATASETS[dataset][1][("AWARD", attr)], (
        f"{dataset}: AWARD {attr} agrees on {result[attr]:.3f}"
    )
