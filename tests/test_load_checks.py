"""load() checks settings and tables without processing a document; finders are built on first use."""

import json
import shutil

import pytest

import govreport_nlp
from govreport_nlp.errors import GovReportModelError
from govreport_nlp.pipeline import default_model_path


def spans_of(doc):
    return [(s.label_, s.start_char, s.end_char, s._.level, s._.recipient) for s in doc.spans["govreport"]]


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "model"
    shutil.copytree(default_model_path(), path)
    return path


@pytest.mark.parametrize(
    "component,setting,value",
    [
        ("govreport_metrics", "annotate_ents", "yes"),
        ("govreport_orgs", "spans_key", ["govreport"]),
        ("govreport_numerals", "spans_key", None),
        ("govreport_awards", "annotate_ents", 1),
    ],
)
def test_a_setting_of_the_wrong_type_fails_at_load_naming_the_file(model, component, setting, value):
    cfg = model / component / "cfg.json"
    settings = json.loads(cfg.read_text(encoding="utf-8"))
    settings[setting] = value
    cfg.write_text(json.dumps(settings), encoding="utf-8")
    with pytest.raises(GovReportModelError) as info:
        govreport_nlp.load(model)
    message = str(info.value)
    assert message.startswith(f"[E150] Cannot load the pipeline at '{model}': {cfg} is invalid")
    assert "E229" in message and setting in message and component in message


def test_a_table_the_numeral_rules_reject_fails_at_load(model):
    path = model / "govreport_numerals" / "tables" / "numeral_words.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    table["not_strong_words"].append("弱化")  # valid shape; the numeral rules require 强…
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with pytest.warns(UserWarning, match="W200"), pytest.raises(GovReportModelError, match=r"\[E150\].*弱化"):
        govreport_nlp.load(model)


def test_a_unit_table_the_metric_rules_reject_fails_at_load(model):
    path = model / "govreport_metrics" / "tables" / "units.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    table["units"][0]["compounds"] = ["no-such-unit"]
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with pytest.warns(UserWarning, match="W200"), pytest.raises(GovReportModelError, match=r"\[E150\].*no-such-unit"):
        govreport_nlp.load(model)


def test_load_processes_no_document_and_the_finders_wait_for_the_first(nlp):
    fresh = govreport_nlp.load()
    orgs, awards = fresh.get_pipe("govreport_orgs"), fresh.get_pipe("govreport_awards")
    assert orgs._finder is None and awards._finder is None
    text = "中关村e谷获评国家级科技企业孵化器，天马新材料被认定为省级智能车间。"
    doc, before = fresh(text), nlp(text)
    assert orgs._finder is not None and awards._finder is not None
    assert spans_of(doc) == spans_of(before)
    assert {"ORG", "AWARD"} <= {label for label, *_ in spans_of(doc)}


def test_a_lazily_built_finder_finds_what_an_eagerly_built_one_finds(seed_text):
    lazy = govreport_nlp.load()
    eager = govreport_nlp.load()
    for name in ("govreport_orgs", "govreport_awards"):
        assert eager.get_pipe(name).finder is not None  # built before any document
    assert lazy.get_pipe("govreport_orgs")._finder is None
    assert spans_of(lazy(seed_text)) == spans_of(eager(seed_text))


def test_distributed_workers_still_warm_up_on_a_document(model, monkeypatch):
    """A finder that cannot be built is not seen by load() but fails a worker at start (issue 13)."""
    from govreport_nlp.components.org_tagger import OrgTagger
    from govreport_nlp.distributed.core import Annotator

    def broken(self):
        raise RuntimeError("the ORG rules cannot be compiled")

    monkeypatch.setattr(OrgTagger, "_build_finder", broken)
    govreport_nlp.load(model)  # no document: the finder is not built yet
    with pytest.raises(RuntimeError, match=r"E181.*the ORG rules cannot be compiled"):
        Annotator(model).setup()
