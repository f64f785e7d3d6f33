"""Word-level precision, recall and F1 of a segmenter against gold segmentation.

Run as ``python -m govreport_nlp.segmenter.evaluate MODEL_DIR TEST_FILE`` to
score a (compact or plain pkuseg) model on a test split as written and on a
width-folded copy of it. The segment function used is the run-time one: fold
widths, ``seg.cut`` the folded text, map the words back to the original
characters by length.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Protocol

from ..widths import fold_widths

__all__ = [
    "Segment",
    "evaluate_model",
    "folding_segmenter",
    "map_back",
    "word_f1",
    "word_spans",
]

Segment = Callable[[str], list[str]]


class _Cutter(Protocol):
    def cut(self, txt: str) -> list[str]: ...


def word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Return the ``(start, end)`` character spans of ``words``, whitespace ignored.

    Offsets count non-whitespace characters only, so two segmentations of the
    same text are comparable whatever spacing they carry.

    >>> sorted(word_spans(["中国", " ", "人民"]))
    [(0, 2), (2, 4)]
    """
    spans = set()
    start = 0
    for word in words:
        length = sum(1 for char in word if not char.isspace())
        if length:
            spans.add((start, start + length))
            start += length
    return spans


def _chars(words: Iterable[str]) -> str:
    return "".join(char for word in words for char in word if not char.isspace())


def word_f1(segment: Segment, lines: list[list[str]]) -> dict[str, float]:
    """Score ``segment`` on gold ``lines`` (each a list of words).

    Each line's words are joined without spaces, segmented, and predicted
    spans are matched against gold spans. Returns precision, recall, f1 (as
    fractions) and the gold/predicted/correct word counts.
    """
    n_gold = n_pred = n_correct = 0
    for number, gold in enumerate(lines, start=1):
        text = "".join(gold)
        predicted = segment(text)
        if _chars(predicted) != _chars(gold):
            raise ValueError(f"line {number}: segmenter changed the text: {text[:40]!r}...")
        gold_spans = word_spans(gold)
        pred_spans = word_spans(predicted)
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        n_correct += len(gold_spans & pred_spans)
    precision = n_correct / n_pred if n_pred else 0.0
    recall = n_correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold": float(n_gold),
        "predicted": float(n_pred),
        "correct": float(n_correct),
    }


def map_back(original: str, words: list[str]) -> list[str]:
    """Map ``words`` cut from ``fold_widths(original)`` back onto ``original``.

    Folding keeps lengths, so each word takes the next ``len(word)`` characters
    of ``original`` after skipping the whitespace the segmenter dropped.

    >>> map_back("１２％，增长", ["12%", ",", "增长"])
    ['１２％', '，', '增长']
    """
    out = []
    pos = 0
    for word in words:
        while pos < len(original) and original[pos].isspace():
            pos += 1
        piece = original[pos : pos + len(word)]
        if fold_widths(piece) != word:
            raise ValueError(f"segmenter output {word!r} does not match the text at offset {pos}")
        out.append(piece)
        pos += len(word)
    return out


def folding_segmenter(seg: _Cutter) -> Segment:
    """Return the run-time segment function: fold, cut, map back."""

    def segment(text: str) -> list[str]:
        return map_back(text, seg.cut(fold_widths(text)))

    return segment


def evaluate_model(seg: _Cutter, lines: list[list[str]]) -> dict[str, dict[str, float]]:
    """Score ``seg`` on ``lines`` as written, on a folded copy, and unfolded.

    ``as_written`` and ``folded`` use the run-time fold-cut-map function;
    ``no_folding`` cuts the text as written directly, to show what folding buys.
    """
    folded_lines = [[fold_widths(word) for word in words] for words in lines]
    segment = folding_segmenter(seg)
    return {
        "as_written": word_f1(segment, lines),
        "folded": word_f1(segment, folded_lines),
        "no_folding": word_f1(seg.cut, lines),
    }


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """Render the result of :func:`evaluate_model` as a small table."""
    rows = [f"{'test text':<12} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, score in scores.items():
        rows.append(f"{name:<12} {100 * score['precision']:7.2f} {100 * score['recall']:7.2f} {100 * score['f1']:7.2f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """CLI: score MODEL_DIR on TEST_FILE (one paragraph a line, words spaced)."""
    from .compact import load_compact
    from .corpus import read_segmented
    from .user_dict import read_user_dict, use_user_dict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path, help="compact or plain pkuseg model dir")
    parser.add_argument("test_file", type=Path, help="gold test split as written")
    parser.add_argument("--user-dict", type=Path, default=None, help="user dictionary (one word a line) to load")
    args = parser.parse_args(argv)

    seg = load_compact(args.model_dir)
    if args.user_dict is not None:
        use_user_dict(seg, read_user_dict(args.user_dict))
    lines = read_segmented(args.test_file)
    start = time.perf_counter()
    scores = evaluate_model(seg, lines)
    elapsed = time.perf_counter() - start
    print(f"{args.model_dir} on {args.test_file} ({len(lines)} lines, {elapsed:.1f} s)")
    print(format_scores(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
