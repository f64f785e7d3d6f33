"""The scorer port (govreport_nlp.evaluation) and ``govreport-nlp evaluate``.

The expected figures below were computed once with ``shared/tools/score.py``
on the constructed gold/prediction pair; where that script exists at test time
the comparison is also made against it directly.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govreport_nlp import evaluation
from govreport_nlp.cli import app
from govreport_nlp.evaluation import GoldFileError, read_gold, score

from .conftest import ROOT, gold_span

SCORE_PY = ROOT.parent / "shared" / "tools" / "score.py"
SEED_GOLD = ROOT / "tests" / "data" / "seed_gold.jsonl"
runner = CliRunner()

T1 = "郑州天马新材料公司荣获全国五一劳动奖状，新增产值3.44亿元，增长29%以上。"
T2 = "中关村e谷获评国家级科技企业孵化器、国家级众创空间，带动就业500余人。"
T3 = "实验初中入选全市再生金属产业发展三个试点之一。"
T4 = "在市委、市政府的坚强领导下，发放奖补资金9634万元。"


GOLD = [
    {
        "id": "d1",
        "text": T1,
        "spans": [
            gold_span(T1, "天马新材料", "ORG"),
            gold_span(T1, "全国五一劳动奖状", "AWARD", level="national", recipient="天马新材料"),
            gold_span(
                T1,
                "3.44亿元",
                "METRIC",
                value=344000000,
                unit="元",
                kind="amount",
                qualifier="exact",
                indicator="新增产值",
            ),
            gold_span(T1, "29%以上", "METRIC", value=29, unit="%", kind="change", qualifier="min", indicator="产值"),
        ],
    },
    {
        "id": "d2",
        "text": T2,
        "spans": [
            gold_span(T2, "中关村e谷", "ORG"),
            gold_span(T2, "国家级科技企业孵化器", "AWARD", level="national", recipient="中关村e谷"),
            gold_span(T2, "国家级众创空间", "AWARD", level="national", recipient="中关村e谷"),
            gold_span(T2, "500余人", "METRIC", value=500, unit="人", kind="amount", qualifier="approx", indicator=None),
        ],
    },
    {
        "text": T3,
        "spans": [
            gold_span(T3, "实验初中", "ORG", optional=True),
            gold_span(
                T3, "全市再生金属产业发展三个试点之一", "AWARD", optional=True, level="municipal", recipient="实验初中"
            ),
        ],
    },
    {
        "id": "d4",
        "text": T4,
        "spans": [
            gold_span(T4, "市委", "ORG"),
            gold_span(T4, "市政府", "ORG"),
            gold_span(
                T4,
                "9634万元",
                "METRIC",
                value=96340000,
                unit="元",
                kind="amount",
                qualifier="exact",
                indicator="奖补资金",
            ),
        ],
    },
]

PRED = [
    {
        "id": "d2",
        "text": T2,
        "spans": [
            gold_span(T2, "中关村e谷", "ORG"),
            gold_span(T2, "国家级科技企业孵化器", "AWARD", level="national", recipient="中关村"),
            gold_span(T2, "众创空间", "AWARD", level=None, recipient="中关村e谷"),
            gold_span(
                T2, "500余人", "METRIC", value=500.0000001, unit="人", kind="amount", qualifier="approx", indicator=None
            ),
            gold_span(T2, "就业", "ORG"),
        ],
    },
    {
        "id": "d1",
        "text": T1,
        "spans": [
            gold_span(T1, "郑州天马新材料公司", "ORG"),
            gold_span(T1, "天马新材料", "ORG"),
            gold_span(T1, "全国五一劳动奖状", "AWARD", level="national", recipient="郑州天马新材料公司"),
            gold_span(
                T1, "3.44亿元", "METRIC", value=344000000, unit="元", kind="amount", qualifier="exact", indicator="产值"
            ),
            gold_span(
                T1, "29%", "METRIC", value=29.001, unit="%", kind="change", qualifier="exact", indicator="新增产值"
            ),
        ],
    },
    {
        "text": T3,
        "spans": [
            gold_span(T3, "实验初中", "ORG"),
            gold_span(T3, "三个试点", "AWARD", level=None, recipient=None),
            gold_span(T3, "三个", "METRIC", value=3, unit="个", kind="amount", qualifier="exact", indicator="试点"),
        ],
    },
]

# score.py GOLD PRED --json, run once on the pair above.
EXPECTED = {
    "METRIC": {
        "gold": 4,
        "pred": 4,
        "exact": {"p": 0.5, "r": 0.5, "f1": 0.5},
        "overlap": {"p": 0.75, "r": 0.75, "f1": 0.75},
        "attributes": {
            "value": 0.6666666666666666,
            "unit": 1.0,
            "kind": 1.0,
            "qualifier": 0.6666666666666666,
            "indicator": 0.7777777777777777,
        },
        "misses": ["9634万元"],
        "false_alarms": ["三个"],
    },
    "ORG": {
        "gold": 4,
        "pred": 4,
        "exact": {"p": 0.5, "r": 0.5, "f1": 0.5},
        "overlap": {"p": 0.5, "r": 0.5, "f1": 0.5},
        "misses": ["市委", "市政府"],
        "false_alarms": ["郑州天马新材料公司", "就业"],
    },
    "AWARD": {
        "gold": 3,
        "pred": 3,
        "exact": {"p": 0.6666666666666666, "r": 0.6666666666666666, "f1": 0.6666666666666666},
        "overlap": {"p": 1.0, "r": 1.0, "f1": 1.0},
        "attributes": {"level": 0.6666666666666666, "recipient": 0.3333333333333333},
        "misses": [],
        "false_alarms": [],
    },
}


def _score_py():
    """The project's scorer, imported from ../shared when it exists."""
    if not SCORE_PY.exists():
        pytest.skip(f"{SCORE_PY} is not here")
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- the algorithm


def test_constructed_pair_gives_the_scorer_figures():
    assert score(GOLD, PRED) == EXPECTED


def test_constructed_pair_matches_score_py_when_present():
    shared = _score_py()
    assert score(GOLD, PRED) == shared.score(GOLD, PRED)
    assert score(GOLD, PRED, ("AWARD",)) == shared.score(GOLD, PRED, ("AWARD",))
    # and a record order in which ids are missing everywhere: pairing by line
    gold = [{k: v for k, v in r.items() if k != "id"} for r in GOLD]
    pred = [{k: v for k, v in r.items() if k != "id"} for r in PRED]
    assert score(gold, pred) == shared.score(gold, pred)


def test_text_report_is_the_scorer_output(tmp_path):
    shared = _score_py()
    g, p = write_jsonl(tmp_path / "g.jsonl", GOLD), write_jsonl(tmp_path / "p.jsonl", PRED)
    for show in (0, 1, 10):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            shared.main([str(g), str(p), "--show", str(show)])
        assert evaluation.format_report(score(GOLD, PRED), show) == out.getvalue()


def test_the_rules_one_by_one():
    # optional gold: neither rewarded nor punished
    t = "实验初中入选全市再生金属产业发展三个试点之一。"
    opt = {"start": 0, "end": 4, "label": "ORG", "text": "实验初中", "optional": True}
    row = score(
        [{"id": "a", "text": t, "spans": [opt]}],
        [{"id": "a", "spans": [{"start": 0, "end": 2, "label": "ORG", "text": "实验"}]}],
    )["ORG"]
    assert (row["gold"], row["pred"], row["misses"], row["false_alarms"]) == (0, 0, [], [])
    # value tolerance is relative 1e-6
    assert evaluation.value_equal(1e9, 1e9 + 999) and not evaluation.value_equal(1e9, 1e9 + 1001)
    assert evaluation.value_equal(0, 1e-7) and not evaluation.value_equal(None, 0)
    # indicator: character-overlap F1; null against null counts 1
    assert evaluation.char_f1("", "") == 1.0 and evaluation.char_f1("产值", "") == 0.0
    assert evaluation.char_f1("新增产值", "产值") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert evaluation.attr_agree("indicator", {"indicator": None}, {}) == 1.0
    assert evaluation.attr_agree("level", {"level": ""}, {"level": None}) == 1.0
    # one-to-one pairing, largest overlap first
    gold = [
        {"start": 0, "end": 4, "label": "ORG", "text": "abcd"},
        {"start": 4, "end": 6, "label": "ORG", "text": "ef"},
    ]
    pred = [{"start": 0, "end": 6, "label": "ORG", "text": "abcdef"}]
    m = evaluation.match_doc(gold, pred, "ORG")
    assert m.pairs == [(0, 0)] and [s["text"] for s in m.missed] == ["ef"]


def test_find_misses_names_document_and_offsets():
    misses = evaluation.find_misses(GOLD, PRED, ("ORG",))
    assert [(m.doc_id, m.span["start"], m.span["text"]) for m in misses] == [("d4", 1, "市委"), ("d4", 4, "市政府")]


# ----------------------------------------------------------------------------- gold files


@pytest.mark.parametrize(
    "line, fragment",
    [
        ("{not json", "g.jsonl, line 2: not valid JSON"),
        ('["a"]', "g.jsonl, line 2: a record must be a JSON object, not list"),
        ('{"id": "x", "spans": []}', "g.jsonl, line 2 (record id 'x'): the record needs a string 'text'"),
        (
            '{"id": "x", "text": "市委", "spans": [{"start": 0, "end": 9, "label": "ORG"}]}',
            "g.jsonl, line 2 (record id 'x'), span 0: 'start' and 'end' must be integers",
        ),
        (
            '{"id": "x", "text": "市委", "spans": [{"start": 0, "end": 2, "label": "ORG", "text": "市政"}]}',
            "g.jsonl, line 2 (record id 'x'), span 0: 'text' is '市政' but text[0:2] is '市委'",
        ),
    ],
)
def test_bad_gold_names_file_and_line(tmp_path, line, fragment):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(GOLD[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFileError) as err:
        read_gold(path)
    assert fragment in str(err.value)


def test_read_gold_fills_missing_span_text(tmp_path):
    path = write_jsonl(
        tmp_path / "g.jsonl", [{"text": "在市委领导下", "spans": [{"start": 1, "end": 3, "label": "ORG"}]}]
    )
    assert read_gold(path)[0]["spans"][0]["text"] == "市委"


# ----------------------------------------------------------------------------- the command


def test_evaluate_prints_the_scorer_figures_for_the_pipeline(nlp):
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    gold = read_gold(SEED_GOLD)
    assert shown == score(gold, evaluation.predict_records(nlp, gold))
    assert set(shown) == {"METRIC", "ORG", "AWARD"}
    assert all(shown[lab]["gold"] > 0 for lab in shown)


def test_evaluate_agrees_with_score_py_on_extract_output(tmp_path):
    shared = _score_py()
    gold = read_gold(SEED_GOLD)
    inp = write_jsonl(tmp_path / "in.jsonl", [{"id": r["id"], "text": r["text"]} for r in gold])
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(inp), "-o", str(pred)]).exit_code == 0
    expected = shared.score(shared.read_jsonl(str(SEED_GOLD)), shared.read_jsonl(str(pred)))
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--json"])
    assert json.loads(result.stdout) == expected
    text = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--show", "3"]).stdout
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        shared.main([str(SEED_GOLD), str(pred), "--show", "3"])
    assert text == out.getvalue()


def test_evaluate_text_report_lists_misses_and_false_alarms(tmp_path):
    t = "在市委领导下，新建公园1个。"
    gold = write_jsonl(
        tmp_path / "g.jsonl",
        [
            {
                "id": "a",
                "text": t,
                "spans": [
                    {"start": 1, "end": 3, "label": "ORG", "text": "市委"},
                    {"start": 5, "end": 6, "label": "ORG", "text": "下"},
                ],
            }
        ],
    )
    result = runner.invoke(app, ["evaluate", str(gold), "--labels", "ORG"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ORG     gold    2 pred    1  exact P 1.000 R 0.500 F1 0.667")
    assert "missed: 下" in result.stdout


def test_evaluate_bad_gold_exits_non_zero_naming_the_line(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{broken\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert "g.jsonl, line 2: not valid JSON" in result.stderr


def test_evaluate_missing_model_is_named(tmp_path):
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--model", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "No pipeline found" in result.stderr
