"""Pipeline/tokeniser throughput ratio on short documents, and cold load against spacy.blank("zh").

    python tests/benchmarks/bench_short.py [--rounds 7] [--model DIR]

Short documents are the sentences of the seed report (≈70 characters each, ×4).
Times are CPU times of this process (``time.process_time``), interleaved
rounds, median ratio; the cold-start figures run fresh interpreters.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_34a8036ec3219a01.txt"

COLD_BLANK = "import time; t = time.perf_counter(); import spacy; spacy.blank('zh'); print(time.perf_counter() - t)"
COLD_LOAD = (
    "import time; t = time.perf_counter(); import govreport_nlp; govreport_nlp.load({model}); "
    "print(time.perf_counter() - t)"
)


def cold(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--model", type=Path, default=None)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import govreport_nlp

    nlp = govreport_nlp.load(args.model)
    text = SEED.read_text(encoding="utf-8")
    docs = [p for p in re.split(r"(?<=。)", text) if len(p.strip()) > 10] * 4
    list(nlp.pipe(docs[:30]))
    ratios = []
    for _ in range(args.rounds):
        t0 = time.process_time()
        for d in docs:
            nlp.tokenizer(d)
        tok = time.process_time() - t0
        t0 = time.process_time()
        list(nlp.pipe(docs))
        full = time.process_time() - t0
        ratios.append(tok / full)
    print(
        f"short docs: {len(docs)} × {sum(map(len, docs)) // len(docs)} chars; pipeline/tokeniser ratio "
        f"median {statistics.median(ratios):.3f} (rounds: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    model = repr(str(args.model)) if args.model else ""
    blank = [cold(COLD_BLANK) for _ in range(3)]
    load = [cold(COLD_LOAD.format(model=model)) for _ in range(3)]
    print(
        f"cold start: spacy.blank('zh') {statistics.median(blank):.2f} s, govreport_nlp.load() "
        f"{statistics.median(load):.2f} s, ratio {statistics.median(load) / statistics.median(blank):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
