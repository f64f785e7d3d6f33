"""Instructions (and, with ``--cache``, cache misses) that the four components cost a short document,
counted by valgrind's callgrind: figures that do not drift with the machine's load.

    python tests/benchmarks/bench_instructions.py [--rounds 3] [--cache] [--model DIR]

Wall-clock ratios on a shared 2-core VM move by ±0.02 between runs of the same code
(see ``bench_short.py``); instruction counts do not: two runs of the same code agree within
about 30 instructions a document. Child interpreters run under callgrind in parallel. Both
load the pipeline and tokenise the seed sentences (≈70 characters each) ``--rounds`` × 2 times
in blocks of 12, as ``nlp.pipe`` does; one of them also runs the components over each block.
The difference, divided by the number of documents, is what the components cost a document,
with the tokeniser between blocks as in ``nlp.pipe``. A third child only loads the pipeline, which
gives the tokeniser's own count.

``--cache`` turns on callgrind's cache simulator (first level 64 KiB for code and for data, a
last level of 1 MiB, this machine's per-core second level) and also prints the misses a
document causes. About 3 minutes without ``--cache`` and 6 with it. Needs ``valgrind``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

from bench_short import BLOCK, ROOT, seed_sentences  # (this directory: the same documents and blocks)

#: callgrind's cache settings for --cache: 64 KiB, 8-way first levels; a 1 MiB, 16-way last level
CACHE = ["--cache-sim=yes", "--I1=65536,8,64", "--D1=65536,8,64", "--LL=1048576,16,64"]
#: the three children: load only; load and tokenise; load, tokenise and run the components
SIDES = ("load", "tokenise", "components")
#: the events of callgrind's summary line, and the names printed for them
EVENTS = {"Ir": "instructions", "I1mr": "code L1 misses", "D1mr": "data L1 read misses", "DLmr": "data 1 MiB misses"}


def child(model: Optional[str], rounds: int, side: str) -> None:
    """The measured workload (run under callgrind): load only, tokenise every block, or tokenise
    every block and run the components over it."""
    sys.path.insert(0, str(ROOT))
    import gc

    import govreport_nlp

    nlp = govreport_nlp.load(model)
    docs = seed_sentences() * 2
    for t in docs[:3]:  # rules built on first use are built before the count matters
        nlp(t)
    gc.collect()
    gc.disable()  # (both children alike: a collection lands in one of them only by chance)
    texts = docs * rounds if side != "load" else []
    for i in range(0, len(texts), BLOCK):
        block = [nlp.tokenizer(t) for t in texts[i : i + BLOCK]]
        if side == "components":
            for _name, proc in nlp.pipeline:
                block = [proc(d) for d in block]
    print(f"docs {len(docs) * rounds}")


def collected(stderr: str) -> Dict[str, int]:
    """The event totals of callgrind's ``Events``/``Collected`` summary lines."""
    events = re.search(r"Events\s*:\s*(.+)", stderr)
    counts = re.search(r"Collected\s*:\s*(.+)", stderr)
    if events is None or counts is None:
        raise RuntimeError("callgrind printed no summary:\n" + stderr[-2000:])
    return dict(zip(events.group(1).split(), map(int, counts.group(1).split())))


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="passes over the seed sentences (×2)")
    ap.add_argument("--cache", action="store_true", help="simulate the caches and print misses too")
    ap.add_argument("--model", default=None)
    ap.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.model, args.rounds, args.child)
        return 0
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (e.g. apt-get install valgrind)", file=sys.stderr)
        return 2
    env = dict(os.environ, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1")
    procs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side in SIDES:
            cmd = [valgrind, "--tool=callgrind", f"--callgrind-out-file={Path(tmp) / side}"]
            cmd += (CACHE if args.cache else []) + [sys.executable, __file__, "--child", side]
            cmd += ["--rounds", str(args.rounds)] + (["--model", args.model] if args.model else [])
            procs[side] = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        outs = {side: p.communicate() for side, p in procs.items()}
    for side, (_out, err) in outs.items():
        if procs[side].returncode:
            print(f"the {side!r} run failed:\n{err[-2000:]}", file=sys.stderr)
            return 1
    docs = int(outs["components"][0].split()[-1])
    totals = {side: collected(err) for side, (_out, err) in outs.items()}

    def per_doc(a: str, b: str) -> str:
        return "; ".join(
            f"{label} {(totals[b][ev] - totals[a][ev]) / docs:,.0f}" for ev, label in EVENTS.items() if ev in totals[b]
        )

    print(f"per document ({docs} documents of the seed, blocks of {BLOCK}, the tokeniser between blocks):")
    print(f"  the four components: {per_doc('tokenise', 'components')}")
    print(f"  the tokeniser:       {per_doc('load', 'tokenise')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
