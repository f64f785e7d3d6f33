"""Load test: a corpus of short records with 1% bad records of every kind, through the CLI.

    .venv/bin/python tests/benchmarks/bench_load.py [--records 20000] [--long-chars 1050000]

Writes a JSONL corpus (records of a few hundred characters) into a temporary directory:
1% of the records are bad, one of each kind in turn (a lone surrogate in the text or the id,
1,000 nested brackets, NaN, bytes that are not UTF-8, broken JSON, no text, a text that is
not a string, an id that is a list); others are hard but good (a 5,000-digit number, values
beyond 28 digits, CSV-formula text, control characters, a BOM at the start of the file, and
one record longer than the pipeline's max_length). Runs ``govreport-nlp extract`` on it in a
child process, then checks that every good record is in the output (spans inside their text,
strict JSON) and every bad one is reported on stderr with its line. Prints records in, out and
reported, the wall time and the child's peak memory (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

PARAGRAPHS = [
    "全年新增市场主体6613户，增长29%，发放创业担保贷款1630万元。",
    "治理窨井盖2609座，铺设水气暖管网8公里，惠及群众13万人次。",
    "中关村e谷获评国家级科技企业孵化器，天马新材料被认定为省级智能车间。",
    "减税降费3.44亿元，盘活闲置厂房、楼宇8.36万平方米，登记失业率控制在2%以内。",
    "市委市政府坚持稳中求进，地区生产总值完成950亿元，同比增长7%。",
    "农林植保作业500余万亩，新建公园1个、游园3个，排名全省第5。",
]

BAD_KINDS = {
    "surrogate-text": lambda i: ('{"id": "bad-%d", "text": "甲\\ud800乙"}' % i).encode(),
    "surrogate-id": lambda i: ('{"id": "bad-%d\\udfff", "text": "甲乙"}' % i).encode(),
    "nested": lambda i: b"[" * 1000,
    "nan": lambda i: ('{"id": "bad-%d", "text": "甲", "score": NaN}' % i).encode(),
    "not-utf8": lambda i: b'{"id": "bad-%d", "text": "\xff\xfe"}' % i,
    "broken-json": lambda i: ('{"id": "bad-%d", "text": "甲' % i).encode(),
    "no-text": lambda i: ('{"id": "bad-%d"}' % i).encode(),
    "text-not-string": lambda i: ('{"id": "bad-%d", "text": ["甲"]}' % i).encode(),
    "id-not-string": lambda i: ('{"id": ["bad-%d"], "text": "甲"}' % i).encode(),
}


def _good_text(rng: random.Random, i: int) -> str:
    kind = i % 50
    text = "\n".join(rng.choice(PARAGRAPHS) for _ in range(rng.randint(4, 9)))
    if kind == 1:
        text += f"\n发放{'3' * 5000}元。"
    elif kind == 2:
        text += "\n发放12345678901234567890123456789万元。"
    elif kind == 3:
        text = "=SUM(A1:A9)+@cmd " + text
    elif kind == 4:
        text += "\x00\x07\u2028\x85"
    return text


def build_corpus(path: Path, n: int, long_chars: int, seed: int = 11) -> tuple:
    """Write the corpus; returns (good ids, bad line numbers and their kinds)."""
    rng = random.Random(seed)
    good, bad = [], {}
    kinds = list(BAD_KINDS)
    n_bad = max(len(kinds), n // 100)
    bad_at = set(rng.sample(range(1, n), n_bad))
    with path.open("wb") as out:
        out.write(b"\xef\xbb\xbf")  # a BOM: the first record must still come out
        k = 0
        for i in range(n):
            line_no = i + 1
            if i in bad_at:
                kind = kinds[k % len(kinds)]
                k += 1
                out.write(BAD_KINDS[kind](i) + b"\n")
                bad[line_no] = kind
                continue
            rid = f"r{i}"
            text = _good_text(rng, i)
            if i == n // 2 and long_chars:
                reps = long_chars // (len(PARAGRAPHS[0]) + 1) + 1
                text = "\n".join(PARAGRAPHS[j % len(PARAGRAPHS)] for j in range(reps))
            out.write(json.dumps({"id": rid, "text": text, "n": i}, ensure_ascii=False).encode("utf-8") + b"\n")
            good.append(rid)
    return good, bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument(
        "--long-chars", type=int, default=1_050_000, help="length of the one record above max_length (0: none)"
    )
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl"
        good, bad = build_corpus(src, args.records, args.long_chars)
        size = src.stat().st_size
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "govreport_nlp.cli",
                "extract",
                str(src),
                "-o",
                str(out),
                "--batch-size",
                str(args.batch_size),
                "--progress-every",
                "30",
            ],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        reported = [line for line in proc.stderr.splitlines() if line.startswith("✘")]
        written, chars = [], 0
        with out.open("rb") as stream:
            for raw in stream:
                record = json.loads(
                    raw,
                    parse_float=Decimal,
                    parse_int=lambda s: int(s) if len(s) < 4000 else Decimal(s),
                    parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)),
                )
                for span in record["spans"]:
                    assert record["text"][span["start"] : span["end"]] == span["text"], (record["id"], span)
                written.append(record["id"])
                chars += len(record["text"])
        missing = sorted(set(good) - set(written))
        unreported = [n for n in bad if not any(f"line {n}:" in r or f"line {n} (" in r for r in reported)]
        print(
            f"corpus: {args.records:,} records ({size / 1e6:.1f} MB), {len(bad)} bad "
            f"({len(BAD_KINDS)} kinds), one record of {args.long_chars:,} chars"
        )
        print(
            f"records in {args.records:,} | out {len(written):,} | reported {len(reported):,} | "
            f"exit status {proc.returncode}"
        )
        print(f"wall {wall:.0f} s ({chars / wall:,.0f} chars/s) | peak memory of the run {peak_kb / 1024:.0f} MB")
        print("stderr tail:", *proc.stderr.strip().splitlines()[-3:], sep="\n  ")
        assert proc.returncode == 1, proc.stderr[-2000:]
        assert not missing, f"good records lost: {missing[:10]}"
        assert not unreported, f"bad records not reported: {unreported[:10]}"
        assert len(reported) == len(bad), (len(reported), len(bad))
        assert "Traceback" not in proc.stderr
    print("OK: every good record out, every bad record reported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
