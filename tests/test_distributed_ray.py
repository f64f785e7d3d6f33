"""The Ray Data backend on a local Ray (2 CPUs) gives exactly the local records."""

from __future__ import annotations

import json

import pytest

from govreport_nlp.distributed.arrow import row_to_record, spans_type

from .test_distributed import assert_engine_rows_are_the_local_records, corpus

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install '.[ray]')")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=150 * 1024 * 1024,
        log_to_driver=False,
        configure_logging=False,
    )
    yield ray
    ray.shutdown()


def test_actor_cpus_leave_room_for_the_read_task():
    from govreport_nlp.distributed.ray import actor_cpus

    assert actor_cpus(2, 2) * 2 <= 1.0
    assert actor_cpus(4, 8) == 1.0
    assert actor_cpus(1, 1) > 0


def test_ray_extract_gives_the_local_records(local_ray):
    import govreport_nlp.ray

    records = corpus(240)
    records.insert(17, {"id": "bad-0001", "text": None, "batch": 9})
    dataset = local_ray.data.from_items(records)
    out = govreport_nlp.ray.extract(dataset, num_workers=2, batch_size=16)
    schema = out.schema()
    assert schema.names == ["id", "text", "batch", "spans", "error"]
    assert schema.types[3] == spans_type()
    rows = out.take_all()
    assert_engine_rows_are_the_local_records([row_to_record(r) for r in rows], records)


def test_ray_extract_refuses_a_live_pipeline(local_ray, nlp):
    import govreport_nlp.ray

    with pytest.raises(TypeError, match="model path"):
        govreport_nlp.ray.extract(local_ray.data.from_items([{"text": "增长7%"}]), model=nlp)


def test_cli_backend_ray_writes_the_local_records_in_input_order(local_ray, tmp_path):
    from .test_distributed import run_cli, write_corpus

    source = write_corpus(tmp_path / "in.jsonl", corpus(150))
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    first = run_cli(str(source), "-o", str(local))
    second = run_cli(str(source), "-o", str(remote), "--backend", "ray", "--workers", "2", "--n-process", "3")
    assert first.exit_code == second.exit_code == 1
    assert "--n-process applies to --backend local only" in second.output
    assert "line 11" in second.output and "1 input record(s)" in second.output
    assert len(local.read_text(encoding="utf-8").splitlines()) == 150
    assert remote.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_a_read_task_and_a_pool_as_large_as_the_cluster_do_not_starve(local_ray, tmp_path):
    """2 CPUs, 2 actors, and a read_json task that needs a CPU of its own: the actors
    reserve (cpus - 1) / workers each, so the read is scheduled and the job ends."""
    import govreport_nlp.ray

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus(60)), encoding="utf-8")
    out = govreport_nlp.ray.extract(local_ray.data.read_json(str(path)).repartition(4), num_workers=2)
    rows = out.take_all()
    assert len(rows) == 60 and all(r["error"] is None for r in rows)
    assert sorted(r["id"] for r in rows) == [f"doc-{i:04d}" for i in range(60)]
