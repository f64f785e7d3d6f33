"""Saving and loading: to_disk/from_disk, to_bytes/from_bytes, added patterns, multiprocessing."""

from __future__ import annotations

import json

import pytest
import spacy

import govreport_nlp
from govreport_nlp.extensions import SPAN_ATTRS
from govreport_nlp.tables import TABLES

COMPONENTS = ("govreport_numerals", "govreport_metrics", "govreport_orgs", "govreport_awards")
NEW_PATTERNS = [
    {"label": "ORG", "pattern": "鑫源智造", "id": "org-test"},
    {"label": "ORG", "pattern": [{"TEXT": "豫信"}, {"TEXT": "电科"}]},
    {"label": "AWARD", "pattern": "河洛金鼎奖", "id": "award-test"},
]
NEW_TEXT = "鑫源智造问鼎河洛金鼎奖。"


def snapshot(doc):
    """Everything a user reads off a doc: tokens, both span groups with their attributes, ents."""

    def spans(key):
        return [
            (s.start_char, s.end_char, s.label_, s.text) + tuple(getattr(s._, a) for a in SPAN_ATTRS)
            for s in doc.spans.get(key, [])
        ]

    return {
        "tokens": [t.text for t in doc],
        "govreport": spans("govreport"),
        "numerals": spans("numerals"),
        "ents": [(e.start_char, e.end_char, e.label_) for e in doc.ents],
    }


@pytest.fixture(scope="module")
def changed_nlp():
    """A pipeline with added patterns and a changed setting."""
    nlp = govreport_nlp.load()
    nlp.get_pipe("govreport_orgs").add_patterns(NEW_PATTERNS)
    nlp.get_pipe("govreport_awards").add_patterns(NEW_PATTERNS)
    return nlp


@pytest.mark.slow
def test_to_disk_and_spacy_load_give_identical_results(nlp, seed_text, tmp_path):
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.pipe_names == list(COMPONENTS)
    before, after = snapshot(nlp(seed_text)), snapshot(again(seed_text))
    assert before["govreport"] and before["numerals"] and before["ents"]
    assert after == before
    for start, end, _, text, *_ in after["govreport"]:
        assert seed_text[start:end] == text


@pytest.mark.slow
def test_added_patterns_survive_the_disk_round_trip(changed_nlp, tmp_path):
    doc = changed_nlp(NEW_TEXT + "豫信电科")
    assert {("ORG", "鑫源智造"), ("ORG", "豫信电科"), ("AWARD", "河洛金鼎奖")} <= {
        (s.label_, s.text) for s in doc.spans["govreport"]
    }
    changed_nlp.to_disk(tmp_path / "p")
    again = govreport_nlp.load(tmp_path / "p")
    for name in ("govreport_orgs", "govreport_awards"):
        assert again.get_pipe(name).patterns == changed_nlp.get_pipe(name).patterns
    assert snapshot(again(NEW_TEXT + "豫信电科")) == snapshot(doc)


@pytest.mark.slow
def test_settings_survive_the_round_trip(tmp_path):
    nlp = govreport_nlp.load()
    nlp.get_pipe("govreport_orgs").annotate_ents = False
    nlp.to_disk(tmp_path / "p")
    again = govreport_nlp.load(tmp_path / "p")
    assert again.get_pipe("govreport_orgs").annotate_ents is False
    assert again.get_pipe("govreport_awards").annotate_ents is True
    assert again.get_pipe("govreport_metrics").numerals_key == "numerals"


def test_to_bytes_and_from_bytes_of_the_pipeline(changed_nlp, seed_text):
    data = changed_nlp.to_bytes()
    again = spacy.util.get_lang_class("zh").from_config(changed_nlp.config).from_bytes(data)
    for name in ("govreport_orgs", "govreport_awards"):
        assert again.get_pipe(name).patterns == changed_nlp.get_pipe(name).patterns
    assert snapshot(again(seed_text)) == snapshot(changed_nlp(seed_text))
    assert snapshot(again(NEW_TEXT)) == snapshot(changed_nlp(NEW_TEXT))


@pytest.mark.parametrize("name", COMPONENTS)
def test_to_bytes_and_from_bytes_of_each_component(changed_nlp, name):
    source = changed_nlp.get_pipe(name)
    blank = spacy.blank("zh")
    config = {"use_default_patterns": False} if name in ("govreport_orgs", "govreport_awards") else {}
    target = blank.add_pipe(name, config=config).from_bytes(source.to_bytes())
    assert target._cfg() == source._cfg()
    if hasattr(source, "patterns"):
        assert target.patterns == source.patterns


@pytest.mark.slow
def test_two_processes_give_the_same_spans_as_one(nlp, seed_text):
    texts = [seed_text] + [p for p in seed_text.split("。") if p.strip()][:40]
    one = [snapshot(d) for d in nlp.pipe(texts, batch_size=8)]
    two = [snapshot(d) for d in nlp.pipe(texts, batch_size=8, n_process=2)]
    assert two == one
    assert sum(len(s["govreport"]) for s in one) > 100


# ----------------------------------------------------------------------------- tables travel with the pipeline

TABLE_TEXTS = [
    "全年新增救护车辆120乘，运营良好。",  # a unit word added to the unit table
    "华信科技捧回省级科技进步一等奖。",  # a trigger verb added to the trigger list
    "郑州汽车获评省级专精特新企业。",  # 郑州 and 深圳 taken off the place list
    "清华大学(深圳)揭牌。",
]


def changed_tables():
    """The package's tables with a new unit, a new trigger and two places removed."""
    import copy

    from govreport_nlp.tables import package_tables

    pkg = package_tables()
    units = copy.deepcopy(pkg["units"])
    units["units"].append({"unit": "乘", "family": "count"})
    triggers = copy.deepcopy(pkg["award_triggers"])
    triggers["triggers"]["strong"].append("捧回")
    places = copy.deepcopy(pkg["org_places"])
    places["cities"] = [c for c in places["cities"] if c not in ("深圳", "郑州")]
    return {"units": units, "award_triggers": triggers, "org_places": places}


def apply_tables(nlp, tables):
    for name in COMPONENTS:
        pipe = nlp.get_pipe(name)
        pipe.set_tables({k: v for k, v in tables.items() if k in pipe.TABLES})


def labelled(doc):
    return [(s.label_, s.text, s._.unit, s._.recipient) for s in doc.spans["govreport"]]


@pytest.fixture(scope="module")
def table_nlp():
    nlp = govreport_nlp.load()
    apply_tables(nlp, changed_tables())
    return nlp


def test_changed_tables_change_behaviour(nlp, table_nlp):
    shipped = [labelled(nlp(t)) for t in TABLE_TEXTS]
    changed = [labelled(table_nlp(t)) for t in TABLE_TEXTS]
    assert ("METRIC", "120乘", "乘", None) in changed[0] and not any(s[0] == "METRIC" for s in shipped[0])
    assert any(s[0] == "AWARD" for s in changed[1]) and not any(s[0] == "AWARD" for s in shipped[1])
    assert changed[2] != shipped[2] and changed[3] != shipped[3]


def test_table_hashes_are_in_the_meta(table_nlp, tmp_path):
    from govreport_nlp.tables import package_tables, table_hash

    table_nlp.to_disk(tmp_path / "p")
    meta = spacy.util.load_meta(tmp_path / "p" / "meta.json")
    versions = meta["govreport_tables"]
    assert versions["govreport_numerals"]["units"] == table_hash(changed_tables()["units"])
    assert versions["govreport_numerals"]["units"] != package_tables().hashes["units"]
    assert versions["govreport_orgs"]["org_rules"] == package_tables().hashes["org_rules"]
    assert (tmp_path / "p" / "govreport_awards" / "tables" / "award_triggers.json").exists()


def test_changed_tables_survive_bytes(table_nlp):
    from govreport_nlp.pipeline import blank

    fresh = blank()
    fresh.from_bytes(table_nlp.to_bytes())
    for text in TABLE_TEXTS:
        assert snapshot(fresh(text)) == snapshot(table_nlp(text))


@pytest.mark.slow
def test_saved_tables_work_without_the_package_data(table_nlp, tmp_path):
    """Load the saved pipeline with a copy of the package whose data files are gone."""
    import json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    saved = tmp_path / "pipeline"
    table_nlp.to_disk(saved)
    package = Path(govreport_nlp.__file__).parent
    copy = tmp_path / "site" / "govreport_nlp"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "models"))
    removed = [p for p in copy.glob("*/data/*") if p.suffix in (".json", ".jsonl", ".txt")]
    assert {p.relative_to(copy).as_posix() for p in removed} >= {s.location for s in TABLES.values()}
    for p in removed:
        p.unlink()
    (copy / "segmenter" / "user_dict.txt").unlink()
    script = (
        "import json, sys, spacy, govreport_nlp\n"
        f"assert govreport_nlp.__file__.startswith({str(copy)!r}), govreport_nlp.__file__\n"
        f"nlp = spacy.load({str(saved)!r})\n"
        f"texts = json.loads({json.dumps(json.dumps(TABLE_TEXTS))})\n"
        "docs = [nlp(t) for t in texts]\n"
        "print(json.dumps([[(s.label_, s.text, s._.unit, s._.recipient) for s in d.spans['govreport']]"
        " for d in docs], ensure_ascii=False))\n"
    )
    env = {"PYTHONPATH": str(copy.parent), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    loaded = [[tuple(s) for s in doc] for doc in json.loads(out.stdout)]
    assert loaded == [labelled(table_nlp(t)) for t in TABLE_TEXTS]


def test_initialize_takes_table_files(tmp_path):
    from govreport_nlp.pipeline import blank
    from govreport_nlp.tables import TableError

    nlp = govreport_nlp.load()
    path = tmp_path / "units.json"
    path.write_text(json.dumps(changed_tables()["units"], ensure_ascii=False), encoding="utf-8")
    nlp.get_pipe("govreport_numerals").initialize(tables={"units": str(path)})
    nlp.get_pipe("govreport_metrics").initialize(tables={"units": str(path)})
    assert ("METRIC", "120乘", "乘", None) in labelled(nlp(TABLE_TEXTS[0]))
    bad = tmp_path / "bad.json"
    bad.write_text('{\n "magnitudes": {},\n "families": {},\n "units": [],\n "colour": 1\n}', encoding="utf-8")
    with pytest.raises(TableError, match=r"E201.*bad.json, line 5: field 'colour': unknown key"):
        blank().get_pipe("govreport_numerals").initialize(tables={"units": str(bad)})


@pytest.mark.parametrize(
    "old,new,field",
    [
        ("annotate_ents = false", 'annotate_ents = "perhaps"', "annotate_ents"),
        ('spans_key = "govreport"', "spans_key = 7", "spans_key"),
    ],
)
def test_a_tampered_config_gives_a_numbered_error(tmp_path, old, new, field):
    import shutil

    from govreport_nlp.pipeline import default_model_path

    saved = tmp_path / "p"
    shutil.copytree(default_model_path(), saved)
    config = (saved / "config.cfg").read_text(encoding="utf-8")
    assert old in config
    (saved / "config.cfg").write_text(config.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        govreport_nlp.load(saved)
    message = str(err.value)
    assert message.startswith(f"[E150] Cannot load the pipeline at '{saved}': {saved / 'config.cfg'} is invalid")
    assert field in message


def test_a_table_edited_after_saving_is_used_with_a_warning(table_nlp, tmp_path):
    saved = tmp_path / "p"
    table_nlp.to_disk(saved)
    path = saved / "govreport_numerals" / "tables" / "units.json"
    units = json.loads(path.read_text(encoding="utf-8"))
    units["units"] = [u for u in units["units"] if u["unit"] != "乘"]
    path.write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    with pytest.warns(UserWarning, match=r"\[W200\].*units.*edited after the pipeline was saved"):
        loaded = govreport_nlp.load(saved)
    assert "乘" not in [u["unit"] for u in loaded.get_pipe("govreport_numerals").tables["units"]["units"]]
    doc = loaded(TABLE_TEXTS[0])
    assert "120乘" not in [s.text for s in doc.spans["govreport"] if s.label_ == "METRIC"]
