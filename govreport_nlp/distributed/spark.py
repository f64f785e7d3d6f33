"""Spark backend: ``mapInArrow`` with the pipeline cached per executor Python process.

>>> from govreport_nlp.spark import extract, session               # doctest: +SKIP
>>> spark = session(workers=4)                                     # doctest: +SKIP
>>> df = spark.read.json("reports/*.jsonl")                        # doctest: +SKIP
>>> out = extract(df, model="/shared/govreport_zh")                # doctest: +SKIP

Every row keeps its columns and gains ``spans`` (an array of structs in the
layout of :data:`govreport_nlp.distributed.core.SPAN_FIELDS`) and ``error``.
Spark needs a Java runtime (17 or later). Nothing but the model path travels
with a task: each executor Python process loads and warms the pipeline once and
keeps it for every later batch (Spark reuses its Python workers).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from typing import Any, Optional

from ..errors import Errors
from .core import ERROR_COLUMN, SPAN_FIELDS, SPANS_COLUMN, Annotator, ModelRef

try:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import types as T
except ImportError as _error:  # pragma: no cover - depends on the install
    raise ImportError(Errors.E185.format(backend="spark", detail=_error)) from _error

from .arrow import annotate_batches

_SPARK_TYPES = {"int64": T.LongType(), "float64": T.DoubleType(), "string": T.StringType(), "bool": T.BooleanType()}


def spans_spark_type() -> T.ArrayType:
    """The ``spans`` column: an array of structs, one field per :data:`SPAN_FIELDS` entry."""
    return T.ArrayType(
        T.StructType([T.StructField(name, _SPARK_TYPES[kind], True) for name, kind in SPAN_FIELDS]), True
    )


def output_schema(schema: T.StructType) -> T.StructType:
    """``schema`` without any ``spans``/``error`` column, then ``spans`` and ``error``."""
    fields = [f for f in schema.fields if f.name not in (SPANS_COLUMN, ERROR_COLUMN)]
    return T.StructType(
        fields
        + [T.StructField(SPANS_COLUMN, spans_spark_type(), True), T.StructField(ERROR_COLUMN, T.StringType(), True)]
    )


def java_available() -> bool:
    """Whether a Java runtime can be found (JAVA_HOME or ``java`` on PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return True
    return shutil.which("java") is not None


def session(
    workers: Optional[int] = None, app_name: str = "govreport-nlp", batch_size: int = 64, **conf: Any
) -> SparkSession:
    """A local Spark session (``local[workers]``, all cores by default) whose Python
    workers run this interpreter (``PYSPARK_PYTHON`` = ``sys.executable``)."""
    if not java_available():
        raise RuntimeError(Errors.E186)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app_name)
        .master(f"local[{workers or '*'}]")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_size))
        # A JSONL file smaller than the split size is one partition, i.e. one core.
        .config("spark.sql.files.maxPartitionBytes", str(4 * 1024 * 1024))
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def extract(
    df: DataFrame, model: ModelRef = None, text_column: str = "text", partitions: Optional[int] = None
) -> DataFrame:
    """``df`` with ``spans`` and ``error`` columns added, computed with ``mapInArrow``.

    model: a pipeline directory every executor can read, an installed pipeline
        package, or None for the shipped pipeline. Never a live ``nlp``.
    partitions: repartition to this many partitions first; by default ``df`` is
        repartitioned to the default parallelism when it has fewer partitions
        (one small JSONL file is one partition, which would use one core).
        Repartitioning loses row order; keep an id column to join back.
    """
    if text_column not in df.columns:
        raise KeyError(Errors.E187.format(column=text_column, engine="Spark", columns=", ".join(df.columns)))
    annotator = Annotator(model, text_column=text_column)
    parallelism = df.sparkSession.sparkContext.defaultParallelism
    if partitions is None and df.rdd.getNumPartitions() < parallelism:
        partitions = parallelism
    if partitions is not None:
        df = df.repartition(partitions)
    return df.mapInArrow(functools.partial(annotate_batches, annotator, engine="Spark"), output_schema(df.schema))
