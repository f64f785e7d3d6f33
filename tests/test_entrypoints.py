"""Use from other pipelines: spaCy entry points, blank("zh") pipelines, ``doc.ents``."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from govreport_nlp.components._base import annotate_ents
from govreport_nlp.errors import Errors

FACTORIES = ("govreport_numerals", "govreport_metrics", "govreport_orgs", "govreport_awards")


def _group(name):
    eps = entry_points()
    return eps.select(group=name) if hasattr(eps, "select") else eps.get(name, [])


def test_entry_points_resolve():
    factories = {ep.name: ep for ep in _group("spacy_factories")}
    assert set(FACTORIES) <= set(factories)
    for name in FACTORIES:
        assert callable(factories[name].load()), name
    tokenizers = {ep.name: ep for ep in _group("spacy_tokenizers")}
    assert callable(tokenizers["govreport_nlp.ChineseTokenizer.v1"].load())
    scorers = {ep.name: ep for ep in _group("spacy_scorers")}
    assert callable(scorers["govreport_nlp.scorer.v1"].load())


def test_scorer_is_in_spacys_registry():
    scorer = spacy.registry.scorers.get("govreport_nlp.scorer.v1")()
    assert scorer([], labels=("ORG",)) == {
        "org_p": 0.0,
        "org_r": 0.0,
        "org_f": 0.0,
        "org_overlap_p": 0.0,
        "org_overlap_r": 0.0,
        "org_overlap_f": 0.0,
    }


# Run in a fresh interpreter that never imports govreport_nlp itself: spaCy must
# find every factory through the entry points.
SCRIPT = r"""
import json, sys
import spacy

assert "govreport_nlp" not in sys.modules
out = {"single": {}}
for name in %(factories)r:
    nlp = spacy.blank("zh")
    nlp.add_pipe(name)
    out["single"][name] = nlp.pipe_names
nlp = spacy.blank("zh")
for name in %(factories)r:
    nlp.add_pipe(name)
doc = nlp("中关村e谷获评国家级科技企业孵化器，减税降费3.44亿元。")
out["spans"] = [[s.label_, s.text] for s in doc.spans["govreport"]]
out["value"] = [s._.value for s in doc.spans["govreport"] if s.label_ == "METRIC"]
out["ents"] = [[s.label_, s.text] for s in doc.ents]
alone = spacy.blank("zh")
alone.add_pipe("govreport_metrics")
try:
    alone("减税降费3.44亿元")
    out["error"] = None
except ValueError as err:
    out["error"] = str(err)
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def blank_run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("elsewhere")  # not the checkout: the installed package answers
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT % {"factories": FACTORIES}],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_factory_adds_to_a_blank_zh_pipeline(blank_run):
    assert blank_run["single"] == {name: [name] for name in FACTORIES}


def test_components_work_on_character_segmentation(blank_run):
    assert blank_run["spans"] == [["ORG", "中关村e谷"], ["AWARD", "国家级科技企业孵化器"], ["METRIC", "3.44亿元"]]
    assert blank_run["value"] == [344000000]
    assert blank_run["ents"] == blank_run["spans"]


def test_metrics_without_numerals_says_what_it_needs(blank_run):
    assert blank_run["error"] == Errors.E010.format(name="govreport_metrics", needs="govreport_numerals")


# ----------------------------------------------------------------------------- doc.ents


def test_ents_are_the_group_filtered_longest_first(nlp, seed_text):
    doc = nlp(seed_text)
    group = list(doc.spans["govreport"])
    expected = [(s.start_char, s.end_char, s.label_) for s in filter_spans(group)]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected
    assert {e.label_ for e in doc.ents} == {"METRIC", "ORG", "AWARD"}
    assert len(doc.ents) <= len(group)


def test_annotate_ents_prefers_the_longer_span_and_clears_the_rest():
    nlp = spacy.blank("zh")
    doc = Doc(nlp.vocab, words=["国家", "4A级", "物流", "标杆", "企业", "和", "市委"], spaces=[False] * 7)
    doc.ents = [Span(doc, 6, 7, label="OLD")]
    doc.spans["g"] = [Span(doc, 1, 2, label="METRIC"), Span(doc, 0, 5, label="AWARD")]
    annotate_ents(doc, "g")
    assert [(e.text, e.label_) for e in doc.ents] == [("国家4A级物流标杆企业", "AWARD")]
    assert doc[6].ent_iob_ == "O", "tokens outside the group are set outside"


def test_annotate_ents_can_be_switched_off():
    import govreport_nlp  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh")
    nlp.add_pipe("govreport_numerals")
    for name in ("govreport_metrics", "govreport_orgs", "govreport_awards"):
        nlp.add_pipe(name, config={"annotate_ents": False})
    doc = nlp("中关村e谷获评国家级科技企业孵化器，减税降费3.44亿元。")
    assert len(doc.spans["govreport"]) == 3 and doc.ents == ()
    assert all(
        nlp.get_pipe(n).annotate_ents is False for n in ("govreport_metrics", "govreport_orgs", "govreport_awards")
    )


def test_components_run_in_batches_and_use_the_error_handler(nlp):
    """nlp.pipe() runs each component over a batch; a failing document goes to the error handler."""
    from govreport_nlp.pipeline import load

    local = load()
    orgs = local.get_pipe("govreport_orgs")
    calls = []
    real = type(orgs).__call__

    def flaky(self, doc):
        calls.append(doc.text)
        if "坏" in doc.text:
            raise RuntimeError("boom")
        return real(self, doc)

    errors = []
    texts = ["新增市场主体6613户。", "坏记录", "美邦通航入选国家航空医疗救护联合试点。"]
    type(orgs).__call__ = flaky
    try:
        local.set_error_handler(lambda name, proc, docs, err: errors.append((name, docs[0].text, str(err))))
        docs = list(local.pipe(texts, batch_size=2))
    finally:
        type(orgs).__call__ = real
    assert errors == [("govreport_orgs", "坏记录", "boom")]
    assert [d.text for d in docs] == [texts[0], texts[2]]
    assert calls == texts
    assert [s.text for s in docs[1].spans["govreport"]][:1] == ["美邦通航"]
