"""The ``govreport-nlp`` command line.

    govreport-nlp extract INPUT... [-o OUT] [--format jsonl|json|csv|table]
    govreport-nlp render INPUT... [-o page.html] [--model DIR]
    govreport-nlp evaluate GOLD.jsonl [--model DIR] [--show N] [--json] [--extended]
    govreport-nlp train --patterns FILE_OR_DIR [--data GOLD.jsonl] [--base DIR] --output DIR

The commands only read arguments and print; the work is done in ``render.py``,
``evaluation.py`` and ``training.py``.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, TextIO

import typer

from .errors import Errors, Warnings
from .output import FORMATS, RecordWriter
from .readers import STDIN, InputProblem, read_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured data from Chinese government work reports.")

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


def _load_or_exit(model: Optional[Path]):
    """The pipeline at ``model`` (the shipped one for None), or exit 2 with the reason."""
    from .pipeline import load

    try:
        return load(model)
    except OSError as error:
        _echo_err(str(error))
        raise typer.Exit(2)


class _BatchRun:
    """Runs a pipeline over ``read_inputs()``: every bad record and every document a
    component fails on is reported on stderr (file, line, id) and left out, and
    the rest goes on; ``finish()`` then exits with status 1."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.problems = 0
        nlp.set_error_handler(self._on_component_error)

    def _report(self, message: str) -> None:
        self.problems += 1
        _echo_err(f"✘ {message}")

    def _on_component_error(self, proc_name, proc, docs, error) -> None:
        for doc in docs:
            item = getattr(doc, "_context", None)
            if item is None:
                where = "a document"
            elif item.line:
                where = f"{item.source}, line {item.line} (record id {item.id!r})"
            else:
                where = f"{item.source} (record id {item.id!r})"
            self._report(Errors.E015.format(where=where, component=proc_name, detail=repr(error)))

    def _records(self, inputs: List[str]) -> Iterator[tuple]:
        for item in read_inputs(inputs):
            if isinstance(item, InputProblem):
                self._report(item.message)
                continue
            yield item.text, item

    def docs(self, inputs: List[str], batch_size: int = 16, n_process: int = 1) -> Iterator[tuple]:
        """``(doc, InputRecord)`` for every good record, in input order."""
        return self.nlp.pipe(self._records(inputs), as_tuples=True, batch_size=batch_size, n_process=n_process)

    def finish(self) -> None:
        """Exit with status 1 when anything was reported."""
        if self.problems:
            _echo_err(Warnings.W002.format(count=self.problems))
            raise typer.Exit(1)


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
    from .records import DocumentRecord

    if fmt not in FORMATS:
        _echo_err(Errors.E011.format(fmt=fmt, choices=", ".join(FORMATS)))
        raise typer.Exit(2)
    run = _BatchRun(_load_or_exit(model))
    size = _input_size(inputs)
    with _open_output(output) as stream:
        writer = RecordWriter(stream, fmt)
        docs = run.docs(inputs, batch_size=batch_size, n_process=n_process)
        if size > PROGRESS_THRESHOLD:
            from tqdm import tqdm

            docs = tqdm(docs, desc="documents", unit="doc", file=sys.stderr)
        for doc, item in docs:
            writer.write(DocumentRecord.from_doc(doc, item.id, item.extra))
        writer.close()
    run.finish()


@app.command()
def render(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help=".txt (one document), .jsonl (records with 'text') or - for stdin"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file to write (default: stdout)"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
) -> None:
    """Write an HTML page (displaCy span style) showing the METRIC, ORG and AWARD spans.

    Bad records are reported on stderr with file, line and id and left out of
    the page; the exit status is then 1.
    """
    from .render import render_page

    run = _BatchRun(_load_or_exit(model))
    docs = [(item.id, doc) for doc, item in run.docs(inputs, batch_size=batch_size)]
    page = render_page(docs)
    with _open_output(output) as stream:
        stream.write(page)
    if output is not None and str(output) != "-":
        _echo_err(f"✔ Wrote {len(docs)} document(s) to {output}")
    run.finish()


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD.jsonl", help="gold records (annotation-guide format)"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    show: int = typer.Option(10, "--show", help="misses and false alarms to list per label"),
    as_json: bool = typer.Option(False, "--json", help="print the whole result as JSON"),
    labels: str = typer.Option("METRIC,ORG,AWARD", "--labels", help="comma-separated labels to score"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
    extended: bool = typer.Option(False, "--extended", help="also score METRIC high and target (score.py --extended)"),
) -> None:
    """Score the pipeline on gold records: P/R/F1, attribute agreement, misses (as score.py).

    Runs the pipeline on the gold texts and prints, per label, exact and overlap
    precision, recall and F1, attribute agreement over the overlapping pairs,
    and up to --show misses and false alarms: the figures of score.py.
    """
    import json

    from .evaluation import GoldFileError, format_report, predict_records, read_gold, score
    from .pipeline import load

    try:
        records = read_gold(gold)
        nlp = load(model)
    except (GoldFileError, OSError) as error:
        _echo_err(f"✘ {error}")
        raise typer.Exit(2)
    result = score(records, predict_records(nlp, records, batch_size=batch_size),
                   tuple(x for x in labels.split(",") if x), extended)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_report(result, show), nl=False)


@app.command()
def train(
    patterns: Path = typer.Option(..., "--patterns", "-p",
                                  help="JSONL of patterns and table updates, or a directory of *.jsonl files"),
    output: Path = typer.Option(..., "--output", "-o", help="directory to save the trained pipeline to"),
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="gold JSONL to score before and after"),
    base: Optional[Path] = typer.Option(None, "--base", "-b", help="pipeline to start from (default: shipped)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace the contents of a non-empty --output"),
) -> None:
    """Merge new ORG/AWARD patterns and rule-table updates into a copy of a pipeline and save it.

    With --data, prints P/R/F1 per label before and after, and writes candidate
    patterns for the spans still missed to OUTPUT/suggested_patterns.jsonl
    (for review; they are not added).
    """
    from .evaluation import GoldFileError, format_comparison
    from .schemas import PatternError
    from .training import TrainingError, format_outcomes, format_suggestions, train as train_patterns

    try:
        result = train_patterns(patterns, output, base=base, data=data, overwrite=overwrite)
    except (PatternError, GoldFileError, TrainingError, OSError) as error:
        _echo_err(f"✘ {error}")
        raise typer.Exit(2)
    for table, names in sorted(result.tables.items()):
        typer.echo(f"Updated table {table} in {', '.join(names)}.")
    typer.echo(format_outcomes(result.outcomes), nl=False)
    if result.before is not None and result.after is not None:
        typer.echo(format_comparison(result.before, result.after), nl=False)
        typer.echo(format_suggestions(result.suggestions), nl=False)
        typer.echo(f"Suggestions written to {result.suggestions_path}")
    typer.echo(f"✔ Saved the pipeline to {result.output} (load it with govreport_nlp.load({str(result.output)!r}))")


@app.callback()
def _main() -> None:
    """Structured data from Chinese government work reports."""


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
