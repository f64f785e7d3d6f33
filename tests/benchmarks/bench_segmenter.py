"""Benchmark the compact pkuseg segmenter: size on disk, load time, throughput.

Not a pytest test. Run as::

    python tests/benchmarks/bench_segmenter.py --model build/pkuseg_compact

Throughput is measured on the run-time path (fold widths, ``seg.cut``, map
words back to the original characters) over the seed report repeated to about
100k characters.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from govreport_nlp.segmenter.compact import dir_size, load_compact  # noqa: E402
from govreport_nlp.segmenter.evaluate import folding_segmenter  # noqa: E402
from govreport_nlp.segmenter.user_dict import DEFAULT_USER_DICT, read_user_dict, use_user_dict  # noqa: E402

DEFAULT_SEED = ROOT / "seeds" / "000_34a8036ec3219a01.txt"


def best_of(runs: int, func: Callable[[], object]) -> float:
    """Smallest wall time in seconds of ``runs`` calls of ``func``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def build_text(seed: Path, n_chars: int) -> str:
    """The seed report repeated (newline-separated) to at least ``n_chars`` characters."""
    try:
        base = seed.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"cannot read seed text {seed}: {exc}") from exc
    if not base:
        raise SystemExit(f"seed text {seed} is empty")
    return "\n".join([base] * (n_chars // len(base) + 1))


def run_benchmark(model: Path, seed: Path, n_chars: int, runs: int, user_dict: bool) -> list[tuple[str, str]]:
    """Measure and return ``(metric, value)`` rows."""
    size = dir_size(model)
    load_s = best_of(runs, lambda: load_compact(model))
    seg = load_compact(model)
    if user_dict:
        use_user_dict(seg, read_user_dict(DEFAULT_USER_DICT))
    segment = folding_segmenter(seg)
    text = build_text(seed, n_chars)
    n_words = len(segment(text))  # warm-up, and a sanity figure
    cut_s = best_of(runs, lambda: segment(text))
    return [
        ("model dir", str(model)),
        ("size on disk", f"{size / 1e6:.2f} MB"),
        (f"load time (best of {runs})", f"{load_s:.2f} s"),
        ("text", f"{len(text):,} chars, {n_words:,} words"),
        ("user dict", "yes" if user_dict else "no"),
        (f"fold+cut+map (best of {runs})", f"{cut_s:.2f} s"),
        ("throughput", f"{len(text) / cut_s:,.0f} chars/s"),
    ]


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="compact (or pkuseg) model dir")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user-dict", action="store_true", help="load the shipped user dict")
    args = parser.parse_args(argv)
    rows = run_benchmark(args.model, args.seed, args.chars, args.runs, args.user_dict)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
