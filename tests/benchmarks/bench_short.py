"""Pipeline/tokeniser throughput ratio on short documents, and cold load against spacy.blank("zh").

    python tests/benchmarks/bench_short.py [--rounds 7] [--cold-pairs 8] [--between] [--model DIR]

Short documents are the sentences of the seed report (≈70 characters each, ×4).
Times are CPU times of this process (``time.process_time``); in each round the
tokeniser and the pipeline alternate every 12 documents; the median ratio of
the rounds is printed. Then each stage's cost per document, twice: each stage over
all documents in turn (warm), and in blocks of 12 as inside ``nlp.pipe``, where
the tokeniser runs between blocks and pushes the components out of the CPU caches.
The cold-start figures run fresh interpreters, the two sides alternating (wall
time, medians of ``--cold-pairs``): the load alone, and the load plus a first
short document, which shows what the load leaves for the first document (rules
built on first use).

``--between`` also prints what the components cost in blocks of 12 with different work between two
blocks (nothing, the tokeniser, a sweep over 64 MiB of memory, both): how much of their time in
``nlp.pipe`` is refilling the CPU caches (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_34a8036ec3219a01.txt"

#: The first document of the "load + first doc" figures (one sentence of a report).
FIRST_DOC = "全年新增市场主体6613户，增长29%，发放创业担保贷款1630万元，中关村e谷获评国家级科技企业孵化器。"
COLD_BLANK = (
    "import time; t = time.perf_counter(); import spacy; nlp = spacy.blank('zh'); t1 = time.perf_counter(); "
    "nlp({doc!r}); print(t1 - t, time.perf_counter() - t)"
)
COLD_LOAD = (
    "import time; t = time.perf_counter(); import govreport_nlp; nlp = govreport_nlp.load({model}); "
    "t1 = time.perf_counter(); nlp({doc!r}); print(t1 - t, time.perf_counter() - t)"
)


#: documents per block of the interleaved throughput rounds
BLOCK = 12


def seed_sentences() -> List[str]:
    """The short documents of the benchmarks: the sentences of the seed report (≈70 characters)."""
    text = SEED.read_text(encoding="utf-8")
    return [p for p in re.split(r"(?<=。)", text) if len(p.strip()) > 10]


def cold(code: str) -> Tuple[float, float]:
    """(load, load + first document) in seconds, timed in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    load, with_doc = out.stdout.strip().splitlines()[-1].split()
    return float(load), float(with_doc)


def stage_times(nlp: Any, texts: List[str]) -> Dict[str, float]:
    """CPU seconds of each stage over ``texts``: the tokeniser over all of them, then each
    component over all of them in turn."""
    t0 = time.process_time()
    staged = [nlp.tokenizer(t) for t in texts]
    times = {"tokeniser": time.process_time() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        staged = [proc(d) for d in staged]
        times[name] = time.process_time() - t0
    return times


def between_blocks(nlp: Any, texts: List[str], rounds: int) -> Dict[str, float]:
    """Seconds a document that the components take over blocks of ``BLOCK`` documents, by what runs
    between two blocks (best of ``rounds`` passes)."""
    memory = bytearray(64 << 20)

    def sweep() -> None:  # write one byte in every 64-byte cache line
        memory[::64] = bytes(len(memory) // 64)

    def components(block: List[Any]) -> float:
        t0 = time.process_time()
        for _name, proc in nlp.pipeline:
            block = [proc(d) for d in block]
        return time.process_time() - t0

    costs = {}
    for between in ("nothing", "the tokeniser", "a 64 MiB sweep", "both"):
        best = float("inf")
        for _ in range(rounds):
            spent = 0.0
            for i in range(0, len(texts), BLOCK):
                block = [nlp.tokenizer(t) for t in texts[i : i + BLOCK]]
                if between == "nothing":  # the components ran last, over other documents
                    components([nlp.tokenizer(t) for t in texts[i : i + BLOCK]])
                if between in ("a 64 MiB sweep", "both"):
                    sweep()
                if between in ("the tokeniser", "both"):
                    for t in texts[:BLOCK]:
                        nlp.tokenizer(t)
                spent += components(block)
            best = min(best, spent)
        costs[between] = best / len(texts)
    return costs


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--cold-pairs", type=int, default=8, help="fresh-interpreter pairs for the cold start")
    ap.add_argument("--between", action="store_true", help="the components' cost by what runs between blocks")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import govreport_nlp

    nlp = govreport_nlp.load(args.model)
    docs = seed_sentences() * 4
    list(nlp.pipe(docs[:30]))
    ratios = []
    for _ in range(args.rounds):
        # The two sides alternate every BLOCK documents (which goes first alternates too), so a
        # change in the machine's speed during a round (this VM drifts by a third) hits both alike.
        tok = full = 0.0
        for k, i in enumerate(range(0, len(docs), BLOCK)):
            block = docs[i : i + BLOCK]
            for side in ("tok", "full") if k % 2 == 0 else ("full", "tok"):
                t0 = time.process_time()
                if side == "tok":
                    for d in block:
                        nlp.tokenizer(d)
                    tok += time.process_time() - t0
                else:
                    list(nlp.pipe(block))
                    full += time.process_time() - t0
        ratios.append(tok / full)
    print(
        f"short docs: {len(docs)} × {sum(map(len, docs)) // len(docs)} chars; pipeline/tokeniser ratio "
        f"median {statistics.median(ratios):.3f} (rounds: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    # Each component's cost per document, two ways (minimum of the rounds):
    # - warm: each component over all documents in turn, its code and tables staying in the CPU
    #   caches (a lower bound);
    # - in blocks: as inside nlp.pipe, a block of BLOCK documents is tokenised, then each component
    #   runs over the block in turn. The tokeniser (pkuseg's 362k-entry feature dictionary) evicts
    #   the components' code and tables from the caches, so each pays a cold start per block.
    names = ["tokeniser", *nlp.pipe_names]
    warm = {name: float("inf") for name in names}
    blocks = {name: float("inf") for name in names}
    for _ in range(args.rounds):
        whole = stage_times(nlp, docs)
        spent = dict.fromkeys(names, 0.0)
        for i in range(0, len(docs), BLOCK):
            for name, seconds in stage_times(nlp, docs[i : i + BLOCK]).items():
                spent[name] += seconds
        warm = {name: min(warm[name], whole[name]) for name in names}
        blocks = {name: min(blocks[name], spent[name]) for name in names}

    def per_doc(costs: Dict[str, float]) -> str:
        parts = ", ".join(f"{n} {v * 1e3 / len(docs):.3f} ms" for n, v in costs.items())
        ratio = sum(v for n, v in costs.items() if n != "tokeniser") / costs["tokeniser"]
        return f"{parts}; the components {ratio:.2f}× the tokeniser"

    print(f"per document, each stage over all documents (warm): {per_doc(warm)}")
    print(f"per document, in blocks of {BLOCK} as in nlp.pipe: {per_doc(blocks)}")
    if args.between:
        costs = between_blocks(nlp, docs, args.rounds)
        print(
            f"the components in blocks of {BLOCK}, by what runs between two blocks: "
            + ", ".join(f"{k} {v * 1e6:.0f} µs" for k, v in costs.items())
            + " a document"
        )
    if args.cold_pairs < 1:
        return 0
    model = repr(str(args.model)) if args.model else ""
    blank, load = [], []
    for _ in range(args.cold_pairs):  # interleaved, so both sides see the same machine load
        blank.append(cold(COLD_BLANK.format(doc=FIRST_DOC)))
        load.append(cold(COLD_LOAD.format(model=model, doc=FIRST_DOC)))
    b0, l0 = statistics.median(t[0] for t in blank), statistics.median(t[0] for t in load)
    b1, l1 = statistics.median(t[1] for t in blank), statistics.median(t[1] for t in load)
    pairs = sorted(f"{l[0] / b[0]:.2f}" for b, l in zip(blank, load))
    print(
        f"cold start: spacy.blank('zh') {b0:.2f} s, govreport_nlp.load() {l0:.2f} s, ratio {l0 / b0:.2f} "
        f"(medians of {len(pairs)}; pairs {', '.join(pairs)})"
    )
    print(
        f"cold start + first short doc ({len(FIRST_DOC)} chars): spacy.blank('zh') {b1:.2f} s, "
        f"govreport_nlp.load() {l1:.2f} s, ratio {l1 / b1:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
