"""The Spark backend in local mode (local[2]) gives exactly the local records."""

from __future__ import annotations

import json

import pytest

from govreport_nlp.distributed.arrow import row_to_record

from .test_distributed import assert_engine_rows_are_the_local_records, corpus

pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install '.[spark]')")

from govreport_nlp.distributed.spark import java_available  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not java_available(), reason="Spark needs a Java runtime (17+); none on PATH or JAVA_HOME"),
]


@pytest.fixture(scope="module")
def spark():
    from govreport_nlp.spark import session

    spark = session(workers=2, **{"spark.driver.memory": "1g"})
    yield spark
    spark.stop()


def test_spark_extract_gives_the_local_records(spark):
    import govreport_nlp.spark

    records = corpus(240)
    records.insert(5, {"id": "bad-0001", "text": None, "batch": 9})
    df = spark.createDataFrame(records, "id string, text string, batch long")
    assert df.rdd.getNumPartitions() >= 1
    out = govreport_nlp.spark.extract(df)
    assert out.columns == ["id", "text", "batch", "spans", "error"]
    assert out.rdd.getNumPartitions() >= 2
    assert_engine_rows_are_the_local_records([row_to_record(r.asDict(recursive=True)) for r in out.collect()], records)


def test_one_jsonl_file_is_split_across_the_cores(spark, tmp_path):
    import govreport_nlp.spark

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus(60)), encoding="utf-8")
    df = spark.read.json(str(path))
    out = govreport_nlp.spark.extract(df, partitions=None)
    assert out.rdd.getNumPartitions() == spark.sparkContext.defaultParallelism
    assert out.filter("error is not null").count() == 0
    assert out.count() == 60


def test_spark_extract_names_a_missing_text_column(spark):
    import govreport_nlp.spark

    with pytest.raises(KeyError, match="body"):
        govreport_nlp.spark.extract(spark.createDataFrame([("a",)], "text string"), text_column="body")


def test_cli_backend_spark_writes_the_local_records_in_input_order(spark, tmp_path):
    from .test_distributed import run_cli, write_corpus

    source = write_corpus(tmp_path / "in.jsonl", corpus(150))
    local, remote = tmp_path / "local.jsonl", tmp_path / "spark.jsonl"
    first = run_cli(str(source), "-o", str(local))
    second = run_cli(str(source), "-o", str(remote), "--backend", "spark", "--workers", "2")
    assert first.exit_code == second.exit_code == 1
    assert "line 11" in second.output and "1 input record(s)" in second.output
    assert len(local.read_text(encoding="utf-8").splitlines()) == 150
    assert remote.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    assert spark.sparkContext._jsc is not None, "the CLI must not stop a session it did not start"
