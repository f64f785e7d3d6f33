"""The compact pkuseg model format: round trip, the previous version, unknown versions."""

import json
import lzma

import numpy as np
import pytest
import srsly

from govreport_nlp.segmenter import compact
from govreport_nlp.segmenter.compact import (
    compact_from_bytes,
    compact_to_bytes,
    from_arrays,
    load_compact,
    save_compact,
)

TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}


def small_model():
    """A tiny pkuseg model whose every feature survives pruning (weights above eps), in saved order."""
    features = ["$$"] + sorted(["c.一", "c.二", "c-1.一", "w1.一二", "ww.l.**noWord*一二"])
    rng = np.random.default_rng(7)
    node = rng.uniform(0.05, 2.0, (len(features), len(TAGS))) * rng.choice([-1, 1], (len(features), len(TAGS)))
    node = node.astype(np.float16)
    transition = rng.normal(size=(len(TAGS), len(TAGS)))
    return from_arrays(features, ["一二"], node, transition, TAGS)


def contents(seg):
    extractor = seg.feature_extractor
    return extractor.feature_to_idx, extractor.unigram, extractor.tag_to_idx, seg.model.w.tolist()


def write_version_1(seg, path):
    """What format version 1 wrote: xz word lists and an n_feature x n_tag float16 ``node``."""
    extractor, model = seg.feature_extractor, seg.model
    features, words, node, transition = compact.prune(
        extractor.feature_to_idx, extractor.unigram, np.asarray(model.w), model.n_tag, compact.DEFAULT_EPS
    )
    path.mkdir(parents=True)
    (path / "features.txt.xz").write_bytes(lzma.compress("\n".join(features).encode("utf-8")))
    (path / "unigram.txt.xz").write_bytes(lzma.compress("\n".join(words).encode("utf-8")))
    np.savez_compressed(path / "weights.npz", node=node, transition=transition)
    meta = {"format": compact.FORMAT, "version": 1, "n_tag": model.n_tag, "tag_to_idx": extractor.tag_to_idx}
    (path / "meta.json").write_text(json.dumps(meta), "utf-8")


def test_the_current_version_round_trips_on_disk_and_in_bytes(tmp_path):
    seg = small_model()
    save_compact(seg, tmp_path / "m")
    assert json.loads((tmp_path / "m" / "meta.json").read_text("utf-8"))["version"] == compact.VERSION == 2
    assert {p.name for p in (tmp_path / "m").iterdir()} == {
        "meta.json",
        "features.txt.zz",
        "unigram.txt.zz",
        "weights.npz",
    }
    assert contents(load_compact(tmp_path / "m")) == contents(seg)
    assert contents(compact_from_bytes(compact_to_bytes(seg))) == contents(seg)


def test_node_weights_survive_the_byte_planes_exactly():
    node = np.random.default_rng(3).normal(size=(1000, 5)).astype(np.float16)
    node[0] = [np.inf, -0.0, 0.0, 6.1e-5, -65504]
    back = compact._node_from_bytes(compact._node_to_bytes(node))
    assert back.dtype == np.float16 and back.shape == node.shape
    assert node.tobytes() == np.ascontiguousarray(back).tobytes()


def test_version_1_is_still_read(tmp_path):
    seg = small_model()
    write_version_1(seg, tmp_path / "v1")
    assert contents(load_compact(tmp_path / "v1")) == contents(seg)
    files = {p.name: p.read_bytes() for p in (tmp_path / "v1").iterdir()}
    data = srsly.msgpack_dumps({"format": compact.FORMAT, "version": 1, "files": files})
    assert contents(compact_from_bytes(data)) == contents(seg)


@pytest.mark.parametrize("version", [0, 3, "2", None])
def test_an_unknown_version_gives_a_numbered_error(tmp_path, version):
    save_compact(small_model(), tmp_path / "m")
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta["version"] = version
    meta_path.write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ValueError, match=r"^\[E228\] .*meta\.json: .*format version .*reads versions 1, 2"):
        load_compact(tmp_path / "m")
    msg = srsly.msgpack_loads(compact_to_bytes(small_model()))
    msg["version"] = version
    with pytest.raises(ValueError, match=r"^\[E228\] the compact model bytes: .*format version"):
        compact_from_bytes(srsly.msgpack_dumps(msg))


def test_another_format_gives_a_numbered_error(tmp_path):
    msg = srsly.msgpack_loads(compact_to_bytes(small_model()))
    msg["format"] = "something-else"
    with pytest.raises(ValueError, match=r"^\[E226\] .*not a govreport-pkuseg-compact model"):
        compact_from_bytes(srsly.msgpack_dumps(msg))


@pytest.mark.slow
def test_the_shipped_model_cuts_the_same_after_a_round_trip(nlp, seed_text, tmp_path):
    seg = nlp.tokenizer.pkuseg_seg
    save_compact(seg, tmp_path / "m")
    again = load_compact(tmp_path / "m")
    assert again.feature_extractor.feature_to_idx == seg.feature_extractor.feature_to_idx
    assert np.array_equal(again.model.w, seg.model.w)
    write_version_1(seg, tmp_path / "v1")
    old = load_compact(tmp_path / "v1")
    # no user dictionary in either: the model alone decides the cut
    assert again.cut(seed_text) == old.cut(seed_text)


def test_from_disk_checks_the_model_now_and_builds_the_segmenter_on_first_use(nlp, seed_text, tmp_path):
    from govreport_nlp.pipeline import blank

    nlp.tokenizer.to_disk(tmp_path / "tok")
    fresh = blank([]).tokenizer.from_disk(tmp_path / "tok")
    assert fresh._pending is not None  # read and checked, not built
    assert [t.text for t in fresh(seed_text)] == [t.text for t in nlp.tokenizer(seed_text)]
    assert fresh._pending is None
    (tmp_path / "tok" / "pkuseg_model" / "features.txt.zz").write_bytes(b"not zlib")
    with pytest.raises(ValueError, match=r"^\[E226\] .*features\.txt\.zz"):
        blank([]).tokenizer.from_disk(tmp_path / "tok")
