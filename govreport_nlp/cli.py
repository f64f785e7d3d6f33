"""The ``govreport-nlp`` command line.

    govreport-nlp extract INPUT... [-o OUT] [--format jsonl|json|csv|table]
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, TextIO

import typer
from wasabi import Printer

from .errors import Errors, Warnings
from .output import FORMATS, RecordWriter
from .readers import STDIN, InputProblem, InputRecord, read_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured data from Chinese government work reports.")
err = Printer(no_print=False, pretty=True)

#: Inputs larger than this (characters) get a progress bar on stderr.
PROGRESS_THRESHOLD = 200_000


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _open_output(path: Optional[Path]) -> Iterator[TextIO]:
    if path is None or str(path) == "-":
        yield sys.stdout
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as stream:
            yield stream


def _input_size(inputs: List[str]) -> int:
    total = 0
    for name in inputs:
        try:
            total += Path(name).stat().st_size // 3 if name != STDIN else 0
        except OSError:
            pass
    return total


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help=".txt (one document), .jsonl (records with 'text') or - for stdin"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="output file (default: stdout)"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv | table"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
    n_process: int = typer.Option(1, "--n-process", help="worker processes"),
) -> None:
    """Extract METRIC, ORG and AWARD spans from reports.

    Bad records are reported on stderr with file, line and id, skipped, and the
    others still written; the exit status is then 1.
    """
    from .pipeline import load
    from .records import DocumentRecord

    if fmt not in FORMATS:
        _echo_err(Errors.E011.format(fmt=fmt, choices=", ".join(FORMATS)))
        raise typer.Exit(2)
    try:
        nlp = load(model)
    except OSError as error:
        _echo_err(str(error))
        raise typer.Exit(2)
    problems = 0

    def on_component_error(proc_name, proc, docs, error) -> None:
        # A document a component fails on is reported and left out; the batch goes on.
        nonlocal problems
        for doc in docs:
            item = getattr(doc, "_context", None)
            where = f"{item.source}, line {item.line} (record id {item.id!r})" if item and item.line else \
                f"{item.source} (record id {item.id!r})" if item else "a document"
            problems += 1
            _echo_err(f"✘ {Errors.E015.format(where=where, component=proc_name, detail=repr(error))}")

    nlp.set_error_handler(on_component_error)

    def good_records() -> Iterator[tuple]:
        nonlocal problems
        for item in read_inputs(inputs):
            if isinstance(item, InputProblem):
                problems += 1
                _echo_err(f"✘ {item.message}")
                continue
            yield item.text, item

    size = _input_size(inputs)
    with _open_output(output) as stream:
        writer = RecordWriter(stream, fmt)
        docs = nlp.pipe(good_records(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        if size > PROGRESS_THRESHOLD:
            from tqdm import tqdm

            docs = tqdm(docs, desc="documents", unit="doc", file=sys.stderr)
        for doc, item in docs:
            writer.write(DocumentRecord.from_doc(doc, item.id, item.extra))
        writer.close()
    if problems:
        _echo_err(Warnings.W002.format(count=problems))
        raise typer.Exit(1)


@app.callback()
def _main() -> None:
    """Structured data from Chinese government work reports."""


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
