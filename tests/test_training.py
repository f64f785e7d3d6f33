"""``govreport-nlp train``: reading, merging and saving patterns; scores and suggestions.

Names in the sentences are invented (鑫源智造, 河洛金鼎奖 ...), so that the
shipped rules do not know them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.evaluation import find_misses, format_label_line, predict_records, score
from govreport_nlp.schemas import PatternError, read_pattern_file
from govreport_nlp.training import (
    SUGGESTIONS_FILE,
    Cue,
    merge_patterns,
    read_patterns,
    suggest_patterns,
    train,
)

from .conftest import gold_span

runner = CliRunner()

T1 = "鑫源智造问鼎河洛金鼎奖，新增就业岗位300个。"
T2 = "支持鑫源智造、豫信电科建设研发中心。"
T3 = "恒达精工勇夺“中原技能之星”。"


GOLD = [
    {
        "id": "ex-1",
        "text": T1,
        "spans": [
            gold_span(T1, "鑫源智造", "ORG"),
            gold_span(T1, "河洛金鼎奖", "AWARD", level=None, recipient="鑫源智造"),
            gold_span(
                T1, "300个", "METRIC", value=300, unit="个", kind="amount", qualifier="exact", indicator="就业岗位"
            ),
        ],
    },
    {"id": "ex-2", "text": T2, "spans": [gold_span(T2, "鑫源智造", "ORG"), gold_span(T2, "豫信电科", "ORG")]},
    {
        "id": "ex-3",
        "text": T3,
        "spans": [
            gold_span(T3, "恒达精工", "ORG"),
            gold_span(T3, "中原技能之星", "AWARD", level=None, recipient="恒达精工"),
        ],
    },
]
NEW = [
    {"label": "AWARD", "pattern": "河洛金鼎奖", "id": "award-heluo"},
    {"label": "ORG", "pattern": "鑫源智造", "id": "org-xinyuan"},
]


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def fresh_nlp():
    """A pipeline of its own (the session one must not change)."""
    return govreport_nlp.load()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One CLI train run with data: (result, output dir)."""
    tmp = tmp_path_factory.mktemp("train")
    patterns = write_jsonl(tmp / "new.jsonl", NEW)
    gold = write_jsonl(tmp / "gold.jsonl", GOLD)
    out = tmp / "trained"
    result = runner.invoke(app, ["train", "--patterns", str(patterns), "--data", str(gold), "--output", str(out)])
    return result, out


# ----------------------------------------------------------------------------- reading


def test_read_patterns_from_a_file_and_a_directory(tmp_path):
    write_jsonl(tmp_path / "b.jsonl", [NEW[1]])
    (tmp_path / "a.jsonl").write_text("\n" + json.dumps(NEW[0], ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pattern file", encoding="utf-8")
    found = read_patterns(tmp_path)
    assert [(Path(p.source).name, p.line, p.label) for p in found] == [("a.jsonl", 2, "AWARD"), ("b.jsonl", 1, "ORG")]
    assert [p.record for p in read_patterns(tmp_path / "b.jsonl")] == [NEW[1]]


@pytest.mark.parametrize(
    "lines, fragment",
    [
        (
            ['{"label": "ORG", "pattern": "甲乙"}', '{"label": "ORG", "pattern": "丙丁",'],
            "bad.jsonl, line 2: not valid JSON",
        ),
        (['{"label": "ORG", "patern": "甲乙"}'], "bad.jsonl, line 1: pattern: Field required; unknown key 'patern'"),
        (['{"label": "ORG", "pattern": ""}'], "bad.jsonl, line 1: pattern: Value error, phrase pattern is empty"),
        (
            ['{"label": "ORG", "pattern": "甲乙"}', "", '{"label": "ORG", "pattern": "甲乙"}'],
            "bad.jsonl, line 3: duplicate of line 1",
        ),
    ],
)
def test_malformed_pattern_lines_are_named(tmp_path, lines, fragment):
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PatternError) as err:
        read_patterns(tmp_path / "bad.jsonl")
    assert fragment in str(err.value)


def test_missing_or_empty_inputs_are_errors(tmp_path):
    with pytest.raises(PatternError, match="no such pattern file"):
        read_patterns(tmp_path / "nowhere.jsonl")
    with pytest.raises(PatternError, match="no \\*.jsonl pattern file"):
        read_patterns(tmp_path)
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(PatternError, match="no patterns found"):
        read_patterns(tmp_path / "empty.jsonl")


# ----------------------------------------------------------------------------- merging


def test_merge_routes_labels_and_leaves_existing_patterns(fresh_nlp, tmp_path):
    orgs, awards = fresh_nlp.get_pipe("govreport_orgs"), fresh_nlp.get_pipe("govreport_awards")
    n_orgs, n_awards = len(orgs.patterns), len(awards.patterns)
    known = orgs.patterns[0]
    write_jsonl(tmp_path / "a.jsonl", NEW + [{"label": known["label"], "pattern": known["pattern"], "id": "mine"}])
    write_jsonl(tmp_path / "b.jsonl", [{"label": "ORG", "pattern": "鑫源智造"}])
    outcomes = merge_patterns(fresh_nlp, read_patterns(tmp_path))
    assert [(o.status, o.component) for o in outcomes] == [
        ("added", "govreport_awards"),
        ("added", "govreport_orgs"),
        ("exists", "govreport_orgs"),
        ("duplicate", "govreport_orgs"),
    ]
    assert "left as it is" in outcomes[2].note and repr(known.get("id")) in outcomes[2].note
    assert "a.jsonl, line 2" in outcomes[3].note
    assert (len(orgs.patterns), len(awards.patterns)) == (n_orgs + 1, n_awards + 1)
    doc = fresh_nlp(T1)
    assert [(s.label_, s.text) for s in doc.spans["govreport"] if s.label_ != "METRIC"] == [
        ("ORG", "鑫源智造"),
        ("AWARD", "河洛金鼎奖"),
    ]


def test_a_label_no_component_takes_is_an_error_naming_the_line(fresh_nlp, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", NEW + [{"label": "METRIC", "pattern": "亿元"}])
    n_orgs = len(fresh_nlp.get_pipe("govreport_orgs").patterns)
    with pytest.raises(PatternError) as err:
        merge_patterns(fresh_nlp, read_patterns(path))
    assert "p.jsonl, line 3: no component of the pipeline takes label 'METRIC'" in str(err.value)
    assert len(fresh_nlp.get_pipe("govreport_orgs").patterns) == n_orgs, "nothing is merged on error"


def test_token_patterns_are_merged_too(fresh_nlp, tmp_path):
    path = write_jsonl(tmp_path / "t.jsonl", [{"label": "ORG", "pattern": [{"TEXT": "豫信"}, {"TEXT": "电科"}]}])
    (outcome,) = merge_patterns(fresh_nlp, read_patterns(path))
    assert outcome.status == "added"
    assert fresh_nlp.get_pipe("govreport_orgs").token_patterns[-1]["pattern"] == [{"TEXT": "豫信"}, {"TEXT": "电科"}]


# ----------------------------------------------------------------------------- suggestions


def test_suggestions_carry_the_cues_around_a_miss():
    pred = [{"id": r["id"], "text": r["text"], "spans": []} for r in GOLD]
    sugg = {(s.label, s.pattern): s for s in suggest_patterns(GOLD, pred)}
    assert set(sugg) == {
        ("ORG", "鑫源智造"),
        ("ORG", "豫信电科"),
        ("ORG", "恒达精工"),
        ("AWARD", "河洛金鼎奖"),
        ("AWARD", "中原技能之星"),
    }
    assert sugg[("ORG", "鑫源智造")].count == 2
    award = sugg[("AWARD", "中原技能之星")]
    assert award.cues == (Cue("trigger", "勇夺", False), Cue("head", "之星", False))
    assert sugg[("AWARD", "河洛金鼎奖")].cues == (Cue("trigger", "问鼎", False), Cue("head", "奖", True))
    record = award.to_pattern()
    assert set(record) == {"label", "pattern", "id"} and "ex-3:7-13" in record["id"]


def test_suggestions_see_known_triggers_frames_and_list_frames():
    t = "新华智造荣获全市高质量发展贡献奖等荣誉，豫信电科、恒达精工等企业扩产。"
    gold = [
        {
            "id": "k",
            "text": t,
            "spans": [gold_span(t, "全市高质量发展贡献奖", "AWARD"), gold_span(t, "豫信电科", "ORG")],
        }
    ]
    sugg = suggest_patterns(gold, [{"id": "k", "spans": []}])
    cues = {s.label: s.cues for s in sugg}
    assert cues["AWARD"] == (Cue("trigger", "荣获", True), Cue("head", "奖", True), Cue("frame", "等荣誉", True))
    assert Cue("list frame", "等企业", True) in cues["ORG"]


def test_no_suggestion_for_a_pattern_the_pipeline_has(fresh_nlp):
    fresh_nlp.get_pipe("govreport_orgs").add_patterns([{"label": "ORG", "pattern": "豫信电科"}])
    pred = [{"id": r["id"], "spans": []} for r in GOLD]
    assert ("ORG", "豫信电科") not in {(s.label, s.pattern) for s in suggest_patterns(GOLD, pred, fresh_nlp)}


# ----------------------------------------------------------------------------- the run and the command


def test_train_command_merges_scores_and_suggests(trained, nlp):
    result, out = trained
    assert result.exit_code == 0, result.output + result.stderr
    text = result.stdout
    assert "Added 2 of 2 pattern(s): 1 to govreport_awards, 1 to govreport_orgs." in text
    # the printed figures are the scorer's, before (base pipeline) and after (trained one)
    before = score(GOLD, predict_records(nlp, GOLD))
    predicted = predict_records(govreport_nlp.load(out), GOLD)
    after = score(GOLD, predicted)
    for label in ("METRIC", "ORG", "AWARD"):
        assert f"before  {format_label_line(label, before[label])}" in text
        assert f"after   {format_label_line(label, after[label])}" in text
    for label in ("ORG", "AWARD"):
        assert after[label]["overlap"]["r"] > before[label]["overlap"]["r"]
    # one suggestion per remaining miss, printed and written as valid patterns
    suggested = read_pattern_file(out / SUGGESTIONS_FILE)
    missed = {(m.span["label"], m.span["text"]) for m in find_misses(GOLD, predicted, ("ORG", "AWARD"))}
    assert missed and {(r["label"], r["pattern"]) for r in suggested} == missed
    for record in suggested:
        assert record["pattern"] in text and record["id"].startswith("suggested from ex-")
    assert "review before use; not added" in text


def test_trained_pipeline_loads_and_uses_the_patterns_only(trained):
    _, out = trained
    nlp = govreport_nlp.load(out)
    assert nlp.pipe_names == ["govreport_numerals", "govreport_metrics", "govreport_orgs", "govreport_awards"]
    doc = nlp(T1 + T3)
    found = {(s.label_, s.text) for s in doc.spans["govreport"]}
    assert {("ORG", "鑫源智造"), ("AWARD", "河洛金鼎奖")} <= found
    suggested = {r["pattern"] for r in read_pattern_file(out / SUGGESTIONS_FILE)}
    kept = {p["pattern"] for name in ("govreport_orgs", "govreport_awards") for p in nlp.get_pipe(name).patterns}
    assert suggested and not suggested & kept, "suggestions are never added silently"
    (award,) = [s for s in doc._.awards if s.text == "河洛金鼎奖"]
    assert award._.recipient == "鑫源智造"


def test_retraining_on_the_trained_pipeline_says_what_exists(trained, tmp_path):
    _, base = trained
    patterns = write_jsonl(tmp_path / "again.jsonl", NEW + [{"label": "ORG", "pattern": "豫信电科"}])
    result = runner.invoke(app, ["train", "-p", str(patterns), "--base", str(base), "-o", str(tmp_path / "t2")])
    assert result.exit_code == 0, result.stderr
    assert 'again.jsonl, line 1: AWARD "河洛金鼎奖" — already in govreport_awards: left as it is' in result.stdout
    assert "Added 1 of 3 pattern(s): 1 to govreport_orgs." in result.stdout
    assert not (tmp_path / "t2" / SUGGESTIONS_FILE).exists(), "no data, no suggestions"
    nlp = govreport_nlp.load(tmp_path / "t2")
    assert {"鑫源智造", "豫信电科"} <= {s.text for s in nlp(T2)._.orgs}


def test_train_with_a_malformed_pattern_line_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(NEW[0], ensure_ascii=False) + '\n{"label": "ORG" "pattern": "x"}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["train", "--patterns", str(bad), "--output", str(out)])
    assert result.exit_code == 2
    assert f"{bad}, line 2: not valid JSON" in result.stderr
    assert not out.exists()


def test_train_with_an_unknown_label_exits_non_zero(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [{"label": "PERSON", "pattern": "张三"}])
    result = runner.invoke(app, ["train", "--patterns", str(path), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "p.jsonl, line 1: no component of the pipeline takes label 'PERSON'" in result.stderr


def test_train_refuses_to_overwrite_its_base(trained, tmp_path):
    _, base = trained
    path = write_jsonl(tmp_path / "p.jsonl", NEW)
    result = runner.invoke(app, ["train", "-p", str(path), "--base", str(base), "-o", str(base)])
    assert result.exit_code == 2 and "is the base pipeline" in result.stderr


def test_train_function_returns_scores(tmp_path):
    patterns = write_jsonl(tmp_path / "p.jsonl", NEW)
    gold = write_jsonl(tmp_path / "g.jsonl", GOLD)
    result = train(patterns, tmp_path / "out", data=gold)
    assert result.added == 2
    assert result.after["AWARD"]["overlap"]["r"] > result.before["AWARD"]["overlap"]["r"]
    assert result.suggestions_path == tmp_path / "out" / SUGGESTIONS_FILE


# ----------------------------------------------------------------------------- table updates, output dir

T4 = "全年新增救护车辆120乘；华信科技捧回省级科技进步一等奖。"
TABLE_UPDATES = [
    {"table": "units", "field": "units", "add": [{"unit": "乘", "family": "count"}]},
    {"table": "award_triggers", "field": "triggers.strong", "add": ["捧回"]},
    {"table": "org_places", "field": "cities", "remove": ["郑州"]},
    {"label": "ORG", "pattern": "鑫源智造", "id": "org-xinyuan"},
]


def test_train_takes_table_updates_in_the_pattern_format(tmp_path, nlp):
    path = write_jsonl(tmp_path / "updates.jsonl", TABLE_UPDATES)
    out = tmp_path / "out"
    result = runner.invoke(app, ["train", "-p", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Updated table units in govreport_numerals, govreport_metrics." in result.stdout
    trained = govreport_nlp.load(out)
    doc_before, doc_after = nlp(T4), trained(T4)
    before = {(s.label_, s.text) for s in doc_before.spans["govreport"]}
    after = {(s.label_, s.text) for s in doc_after.spans["govreport"]}
    assert ("METRIC", "120乘") in after and ("METRIC", "120乘") not in before
    assert ("AWARD", "省级科技进步一等奖") in after and ("AWARD", "省级科技进步一等奖") not in before
    assert "郑州" not in trained.get_pipe("govreport_orgs").tables["org_places"]["cities"]
    assert "郑州" not in trained.get_pipe("govreport_awards").tables["org_places"]["cities"]
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert (
        meta["govreport_tables"]["govreport_awards"]["award_triggers"]
        == meta["govreport_tables"]["govreport_orgs"]["award_triggers"]
    )


@pytest.mark.parametrize(
    "record,fragment",
    [
        (
            {"table": "units", "field": "units", "add": [{"unit": "乘", "family": "nowhere"}]},
            "unknown family 'nowhere'",
        ),
        ({"table": "award_triggers", "field": "triggerz", "add": ["捧回"]}, "[E213]"),
        ({"table": "org_places", "field": "cities", "add": [3]}, "[E201]"),
        ({"table": "org_places", "field": "cities", "add": ["雄州"], "colour": 1}, "[E212]"),
        ({"table": "places", "add": ["雄州"]}, "unknown table 'places'"),
        ({"label": "ORG", "pattern": [{"TEXTX": "豫信"}]}, "[E209]"),
        ({"label": "ORG", "pattern": [{"TEXT": {"REGEX": "(豫+)+"}}]}, "nested quantifier"),
        ({"label": "ORG", "pattern": [{"TEXT": {"REGEX": "豫("}}]}, "does not compile"),
    ],
)
def test_every_update_is_validated_before_anything_is_written(tmp_path, record, fragment):
    path = write_jsonl(tmp_path / "u.jsonl", [TABLE_UPDATES[1], record])
    out = tmp_path / "out"
    result = runner.invoke(app, ["train", "-p", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.stdout
    assert fragment in result.stderr
    assert "u.jsonl, line 2" in result.stderr
    assert not out.exists()


def test_train_refuses_a_non_empty_output_unless_overwrite(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", NEW)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["train", "-p", str(path), "-o", str(out)])
    assert result.exit_code == 2 and "[E211]" in result.stderr and "--overwrite" in result.stderr
    assert (out / "old.txt").exists()
    result = runner.invoke(app, ["train", "-p", str(path), "-o", str(out), "--overwrite"])
    assert result.exit_code == 0, result.stderr
    assert not (out / "old.txt").exists(), "old files are replaced, not mixed in"
    assert (out / "config.cfg").exists()
