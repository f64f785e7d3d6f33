"""Saving and loading: to_disk/from_disk, to_bytes/from_bytes, added patterns, multiprocessing."""
from __future__ import annotations

import pytest
import spacy

import govreport_nlp
from govreport_nlp.extensions import SPAN_ATTRS

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
        return [(s.start_char, s.end_char, s.label_, s.text) + tuple(getattr(s._, a) for a in SPAN_ATTRS)
                for s in doc.spans.get(key, [])]
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
    assert {("ORG", "鑫源智造"), ("ORG", "豫信电科"), ("AWARD", "河洛金鼎奖")} <= \
        {(s.label_, s.text) for s in doc.spans["govreport"]}
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
