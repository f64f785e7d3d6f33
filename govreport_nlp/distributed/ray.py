"""Ray Data backend: ``map_batches`` with an actor pool, the pipeline loaded once per actor.

>>> import ray, govreport_nlp.ray                                    # doctest: +SKIP
>>> ds = ray.data.read_json("reports/*.jsonl")                       # doctest: +SKIP
>>> out = govreport_nlp.ray.extract(ds, model="/shared/govreport_zh")  # doctest: +SKIP
>>> out.schema()   # the input columns, then spans: list<struct<start, end, label, ...>>, error: string

Every row keeps its columns and gains ``spans`` (the annotation guide's spans
in the typed layout of :data:`govreport_nlp.distributed.core.SPAN_FIELDS`) and
``error`` (null, or why that document failed).
"""

from __future__ import annotations

from typing import Any, Optional

from ..errors import Errors
from .core import Annotator, ModelRef

try:
    import pyarrow as pa
    import ray
    import ray.data
    from ray.data import ActorPoolStrategy
except ImportError as _error:  # pragma: no cover - depends on the install
    raise ImportError(Errors.E185.format(backend="ray", detail=_error)) from _error

from .arrow import annotate_table


class RayAnnotator:
    """The callable class of ``map_batches``: Ray builds one per actor, which loads and
    warms the pipeline in its constructor (a broken model fails the job at start)."""

    def __init__(self, model: Optional[str], text_column: str) -> None:
        self.annotator = Annotator(model, text_column=text_column).setup()

    def __call__(self, batch: "pa.Table") -> "pa.Table":
        return annotate_table(self.annotator, batch, engine="Ray")


def cluster_cpus() -> int:
    """The CPUs of the running Ray cluster (starting a local one if none is running)."""
    if not ray.is_initialized():
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def actor_cpus(num_workers: int, cpus: int) -> float:
    """CPUs each actor reserves, leaving one for Ray's read and write tasks.

    An actor pool of 2 that holds both CPUs of a 2-CPU cluster starves the read
    task, and the job hangs without a message; reserving ``(cpus - 1) / workers``
    (at most 1, at least 1/8) avoids that. The actors still use whole cores.
    """
    return max(0.125, min(1.0, (cpus - 1) / num_workers))


def extract(
    dataset: "ray.data.Dataset",
    model: ModelRef = None,
    text_column: str = "text",
    num_workers: Optional[int] = None,
    batch_size: int = 16,
    **map_batches_args: Any,
) -> "ray.data.Dataset":
    """``dataset`` with ``spans`` and ``error`` columns added, computed by an actor pool.

    model: a pipeline directory every node can read, an installed pipeline
        package, or None for the shipped pipeline. Never a live ``nlp``.
    num_workers: actors in the pool (default: the cluster's CPUs).
    batch_size: rows per batch handed to an actor.
    map_batches_args: passed on to ``Dataset.map_batches`` (e.g. ``num_cpus``).
    """
    annotator = Annotator(model, text_column=text_column)
    cpus = cluster_cpus()
    workers = num_workers or cpus
    map_batches_args.setdefault("num_cpus", actor_cpus(workers, cpus))
    return dataset.map_batches(
        RayAnnotator,
        fn_constructor_kwargs={"model": annotator.model, "text_column": text_column},
        compute=ActorPoolStrategy(size=workers),
        batch_format="pyarrow",
        batch_size=batch_size,
        zero_copy_batch=True,
        **map_batches_args,
    )
