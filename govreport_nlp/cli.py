"""The ``govreport-nlp`` command line.

    govreport-nlp extract INPUT... [-o OUT] [--format jsonl|json|csv|table] [--backend local|ray|spark] [--workers N]
    govreport-nlp render INPUT... [-o page.html] [--model DIR]
    govreport-nlp evaluate GOLD.jsonl [--model DIR] [--show N] [--json] [--extended]
    govreport-nlp train --patterns FILE_OR_DIR [--data GOLD.jsonl] [--base DIR] --output DIR

The commands only read arguments and print; the work is done in ``render.py``,
``evaluation.py`` and ``training.py``.
"""

from __future__ import annotations

import functools
import io
import os
import signal
import sys
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, List, Optional, TextIO

import click
import typer

from .errors import Errors, Warnings
from .output import FORMATS, AtomicOutput, RecordWriter, partial_path
from .readers import STDIN, InputProblem, InputRecord, read_inputs

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Structured data from Chinese government work reports.",
)

#: Inputs larger than this (bytes) get a progress bar on a terminal.
PROGRESS_THRESHOLD = 200_000

#: Set by --debug: print the traceback of every error caught per record.
_DEBUG = {"on": False}


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _usage_error(message: str) -> "typer.Exit":
    """Print a usage error (one line) and give the exit to raise (status 2)."""
    _echo_err(f"✘ {message}")
    return typer.Exit(2)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(output: Optional[Path], inputs: List[str]) -> None:
    """Refuse an output path that is an input (any spelling), a directory, or in a directory that
    is missing or not writable: before the model loads and before anything is opened."""
    if output is None or str(output) == STDIN:
        return
    for name in inputs:
        if name == STDIN:
            continue
        for target in (output, partial_path(output)):
            if _same_file(Path(name), target):
                raise _usage_error(Errors.E140.format(output=output, input=name))
    if output.is_dir():
        raise _usage_error(Errors.E143.format(output=output))
    if output.exists() and not output.is_file():  # /dev/null, a FIFO: written in place
        if not os.access(output, os.W_OK):
            raise _usage_error(Errors.E142.format(output=output, detail="it is not writable"))
        return
    directory = output.parent if str(output.parent) else Path(".")
    if not directory.is_dir():
        if directory.exists():
            raise _usage_error(Errors.E142.format(output=output, detail=f"'{directory}' is not a directory"))
        raise _usage_error(Errors.E141.format(output=output, directory=directory))
    try:  # the only sure test (root, read-only file systems): create a file there
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".govreport-probe-"):
            pass
    except OSError as error:
        raise _usage_error(
            Errors.E142.format(
                output=output, detail=f"the directory '{directory}' is not writable ({error.strerror or error})"
            )
        )
    if output.exists() and not os.access(output, os.W_OK):
        raise _usage_error(Errors.E142.format(output=output, detail="the file is read-only"))


def _check_positive(option: str, value: int, allow_auto: bool = False) -> None:
    if value >= 1 or (allow_auto and value == -1):
        return
    expected = "Give 1 or more" + (" (or -1 for one per CPU)." if allow_auto else ".")
    raise _usage_error(Errors.E144.format(option=option, value=value, expected=expected))


@contextmanager
def _open_output(path: Optional[Path]) -> Iterator[TextIO]:
    """stdout, or ``path`` written atomically (``PATH.part``, then renamed)."""
    if path is None or str(path) == STDIN:
        yield sys.stdout
        return
    out = AtomicOutput(path)
    try:
        stream = out.open()
    except OSError as error:
        raise _usage_error(Errors.E142.format(output=path, detail=error.strerror or error))
    try:
        yield stream
    except BaseException:
        out.abandon()
        raise
    out.commit()


def _input_size(inputs: List[str]) -> int:
    total = 0
    for name in inputs:
        try:
            total += Path(name).stat().st_size if name != STDIN else 0
        except OSError:
            pass
    return total


def _load_or_exit(model: Optional[Path]):
    """The pipeline at ``model`` (the shipped one for None), or exit 2 with the reason."""
    from .pipeline import load

    try:
        return load(model)
    except OSError as error:
        _echo_err(f"✘ {error}")
        raise typer.Exit(2)


def _where(item) -> str:
    """``file, line N (record id 'x')`` for an input record."""
    rid = repr(item.id)
    rid = rid if len(rid) <= 80 else rid[:77] + "..."
    if item.line:
        return f"{item.source}, line {item.line} (record id {rid})"
    return f"{item.source} (record id {rid})"


class _BatchRun:
    """Runs a pipeline over ``read_inputs()`` as a stream: every bad record and every record the
    pipeline fails on is reported on stderr (file, line, id), counted and left out, and the
    rest goes on; ``finish()`` then exits with status 1."""

    def __init__(self, nlp, skip_ids=frozenset()) -> None:
        self.nlp = nlp
        self.problems = 0
        self.read = 0
        self.resumed = 0
        self.skip_ids = skip_ids
        self.progress: Optional[Any] = None

    def report(self, message: str, error: Optional[BaseException] = None) -> None:
        """Print one problem (and its traceback with --debug) and count it."""
        self.problems += 1
        _echo_err(f"✘ {message}")
        if error is not None and _DEBUG["on"]:
            _echo_err("".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip())

    def _records(self, inputs: List[str]) -> Iterator[InputRecord]:
        for item in read_inputs(inputs):
            self.read += 1
            if isinstance(item, InputProblem):
                self.report(item.message)
                if self.progress is not None:
                    self.progress.update(0, 0, item.size)
                continue
            if self.skip_ids and item.id in self.skip_ids:
                self.resumed += 1
                if self.progress is not None:
                    self.progress.update(0, 0, item.size)
                continue
            yield item

    def results(
        self,
        inputs: List[str],
        batch_size: int = 16,
        n_process: int = 1,
        backend: str = "local",
        model: Optional[Path] = None,
    ):
        """``(InputRecord, DocumentRecord)`` for every good record, in input order; the
        failures are reported here. ``n_process`` > 1 (or -1: one per CPU) runs a pool of
        processes that return records, ``backend`` "ray" or "spark" an engine
        (``distributed/runner.py``); both give the records of one process."""
        from .chunking import RecordFailure, pipe_records
        from .distributed.runner import BackendFailure, run_backend

        if backend == "local" and n_process == 1:
            results = pipe_records(self.nlp, self._records(inputs), batch_size=batch_size)
        else:
            results = run_backend(
                self._records(inputs), backend, None if n_process == -1 else n_process, model, batch_size, nlp=self.nlp
            )
        for item, result in results:
            if self.progress is not None:
                self.progress.update(1, len(item.text), item.size)
            if isinstance(result, RecordFailure):
                self.report(
                    Errors.E149.format(where=_where(item), stage=result.stage, detail=result.detail), result.error
                )
                continue
            if isinstance(result, BackendFailure):
                self.report(Errors.E188.format(where=_where(item), error=result.message))
                continue
            yield item, result

    def finish(self) -> None:
        """Exit with status 1 when anything was reported."""
        if self.progress is not None:
            self.progress.close()
        if self.problems:
            _echo_err(Warnings.W002.format(count=self.problems))
            raise typer.Exit(1)


def _guarded(command):
    """Turn an unexpected exception in a command into one line (E154) and exit status 2;
    --debug adds the traceback. Exits, usage errors and Ctrl-C pass through."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # noqa: BLE001
            from .chunking import RecordFailure

            _echo_err("✘ " + Errors.E154.format(command=command.__name__, detail=RecordFailure("", error).detail))
            if _DEBUG["on"]:
                _echo_err("".join(traceback.format_exception(type(error), error, error.__traceback__)).rstrip())
            raise typer.Exit(2)

    return run


class _Interrupted(KeyboardInterrupt):
    """SIGTERM, turned into an exception so the output is left in order."""


def _on_sigterm(signum, frame) -> None:
    raise _Interrupted()


@app.command()
@_guarded
def extract(
    inputs: List[str] = typer.Argument(
        ..., metavar="INPUT...", help=".txt (one document), .jsonl (records with 'text') or - for stdin"
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="output file (default: stdout); written as OUT.part, then renamed"
    ),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv | table"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
    n_process: int = typer.Option(1, "--n-process", help="local worker processes (-1: one per CPU)"),
    backend: str = typer.Option(
        "local", "--backend", help="local | ray | spark (extras: pip install 'govreport-nlp[ray]')"
    ),
    workers: Optional[int] = typer.Option(
        None, "--workers", help="processes, Ray actors or Spark cores (default: all CPUs)"
    ),
    resume: bool = typer.Option(
        False, "--resume", help="keep the records already in OUT (or OUT.part), skip their ids, append"
    ),
    progress_every: float = typer.Option(
        30.0,
        "--progress-every",
        metavar="SECONDS",
        help="a progress line this often when stderr is not a terminal (0: off)",
    ),
    debug: bool = typer.Option(False, "--debug", help="print the traceback of every error caught per record"),
) -> None:
    """Extract METRIC, ORG and AWARD spans from reports.

    Bad records are reported on stderr with file, line and id, skipped, and the
    others still written; the exit status is then 1 (2 for a usage error).
    Documents longer than the pipeline's max_length are split at paragraph
    boundaries and their spans joined back with document offsets.
    """
    from .progress import Progress

    _DEBUG["on"] = debug
    if fmt not in FORMATS:
        raise _usage_error(Errors.E011.format(fmt=fmt, choices=", ".join(FORMATS)))
    _check_positive("--n-process", n_process, allow_auto=True)
    if backend not in ("local", "ray", "spark"):
        raise _usage_error(Errors.E189.format(backend=backend))
    if workers is not None:
        _check_positive("--workers", workers)
    if backend != "local" and n_process != 1:
        _echo_err(f"⚠ {Warnings.W180.format(backend=backend, workers=workers or 'one per CPU')}")
    n_process = workers if workers is not None else (n_process if backend == "local" else -1)
    _check_positive("--batch-size", batch_size)
    if progress_every < 0:
        raise _usage_error(
            Errors.E144.format(
                option="--progress-every", value=progress_every, expected="Give 0 (off) or a number of seconds."
            )
        )
    if resume and (output is None or str(output) == STDIN or fmt != "jsonl"):
        detail = "no --output file was given" if output is None or str(output) == STDIN else f"--format {fmt}"
        raise _usage_error(Errors.E145.format(detail=detail))
    check_output_path(output, inputs)
    nlp = _load_or_exit(model)
    sink: Optional[AtomicOutput] = None
    if output is not None and str(output) != STDIN:
        sink = AtomicOutput(output, resume=resume)
        try:
            stream = sink.open()
        except OSError as error:
            raise _usage_error(Errors.E142.format(output=output, detail=error.strerror or error))
        for source, line in sink.dropped:
            _echo_err(f"⚠ {Warnings.W120.format(source=source, line=line)}")
    else:
        stream = sys.stdout
    run = _BatchRun(nlp, skip_ids=sink.done if sink is not None else frozenset())
    run.progress = Progress(total_bytes=_input_size(inputs), every=progress_every, bar_threshold=PROGRESS_THRESHOLD)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    written = 0
    try:
        writer = RecordWriter(stream, fmt, header=not (resume and sink is not None and sink.done))
        for item, record in run.results(
            inputs, batch_size=batch_size, n_process=n_process, backend=backend, model=model
        ):
            try:
                writer.write(record)
            except (ValueError, TypeError, RecursionError) as error:
                from .chunking import RecordFailure

                run.report(
                    Errors.E149.format(
                        where=_where(item), stage="writing the record", detail=RecordFailure("", error).detail
                    ),
                    error,
                )
                continue
            written += 1
            if sink is not None and written % 64 == 0:
                sink.flush()
        writer.close()
        if sink is not None:
            sink.commit()
    except KeyboardInterrupt:
        if run.progress is not None:
            run.progress.close()
        if sink is not None:
            sink.flush()
            sink.abandon()
            _echo_err(f"⚠ {Warnings.W121.format(count=len(sink.done) + written, part=sink.part, output=output)}")
        raise typer.Exit(130)
    except BrokenPipeError:  # `| head`: the reader has gone; stop quietly
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        raise typer.Exit(141)
    except OSError as error:
        if sink is None:
            raise
        sink.abandon()
        _echo_err(f"✘ {Errors.E153.format(output=output, detail=error.strerror or error, part=sink.part)}")
        raise typer.Exit(2)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if run.resumed:
        _echo_err(f"⚠ {Warnings.W122.format(count=run.resumed, output=output)}")
    if sink is not None:
        _echo_err(
            Warnings.W123.format(
                written=written + len(sink.done),
                output=output,
                read=run.read,
                reported=run.problems,
                resumed=run.resumed,
            )
        )
    run.finish()


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


@app.command()
@_guarded
def render(
    inputs: List[str] = typer.Argument(
        ..., metavar="INPUT...", help=".txt (one document), .jsonl (records with 'text') or - for stdin"
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="HTML file to write (default: stdout)"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
    debug: bool = typer.Option(False, "--debug", help="print the traceback of every error caught per record"),
) -> None:
    """Write an HTML page (displaCy span style) showing the METRIC, ORG and AWARD spans.

    Bad records are reported on stderr with file, line and id and left out of
    the page; the exit status is then 1.
    """
    from .render import render_page

    _DEBUG["on"] = debug
    _check_positive("--batch-size", batch_size)
    check_output_path(output, inputs)
    nlp = _load_or_exit(model)
    run = _BatchRun(nlp)
    docs = []
    for item, record in run.results(inputs, batch_size=batch_size):
        docs.append((item.id, _record_doc(nlp, record)))
    page = render_page(docs)
    with _open_output(output) as stream:
        stream.write(page)
    if output is not None and str(output) != "-":
        _echo_err(f"✔ Wrote {len(docs)} document(s) to {output}")
    run.finish()


def _record_doc(nlp, record):
    """A Doc of the record's text (a token per character) with its spans in
    ``doc.spans["govreport"]``, for rendering: exact at any length."""
    from spacy.tokens import Doc

    from .extensions import SPANS_KEY
    from .readers import SURROGATE

    text = SURROGATE.sub("\ufffd", record.text)
    doc = Doc(nlp.vocab, words=list(text) or [""], spaces=[False] * max(len(text), 1))
    spans = [doc.char_span(s.start, s.end, label=s.label) for s in record.spans]
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    return doc


@app.command()
@_guarded
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD.jsonl", help="gold records (annotation-guide format)"),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="pipeline directory (default: shipped)"),
    show: int = typer.Option(10, "--show", help="misses and false alarms to list per label"),
    as_json: bool = typer.Option(False, "--json", help="print the whole result as JSON"),
    labels: str = typer.Option("METRIC,ORG,AWARD", "--labels", help="comma-separated labels to score"),
    batch_size: int = typer.Option(16, "--batch-size", help="documents per batch"),
    extended: bool = typer.Option(False, "--extended", help="also score METRIC high and target (score.py --extended)"),
    debug: bool = typer.Option(False, "--debug", help="print tracebacks of internal errors"),
) -> None:
    """Score the pipeline on gold records: P/R/F1, attribute agreement, misses (as score.py).

    Runs the pipeline on the gold texts and prints, per label, exact and overlap
    precision, recall and F1, attribute agreement over the overlapping pairs,
    and up to --show misses and false alarms: the figures of score.py.
    """
    from .chunking import RecordFailure, pipe_records
    from .evaluation import GoldFileError, format_report, read_gold, score
    from .readers import find_surrogate
    from .records import dumps_strict

    _DEBUG["on"] = debug
    _check_positive("--batch-size", batch_size)
    try:
        records = read_gold(gold)
    except GoldFileError as error:
        raise _usage_error(str(error))
    nlp = _load_or_exit(model)
    problems = 0
    kept = []
    for line, record in zip(_record_lines(gold), records):
        bad = find_surrogate(record)
        if bad is None:
            kept.append(record)
            continue
        problems += 1
        rid = f" (record id {record.get('id')!r})" if isinstance(record.get("id"), (str, int)) else ""
        _echo_err("✘ " + Errors.E146.format(where=f"{gold}, line {line}{rid}", field=bad[0], pos=bad[1], code=bad[2]))
    items = [
        InputRecord(id=str(r.get("id") or ""), text=r["text"], source=str(gold), line=n)
        for n, r in zip(_record_lines(gold), kept)
    ]
    predictions = []
    for (item, result), gold_record in zip(pipe_records(nlp, items, batch_size=batch_size), kept):
        if isinstance(result, RecordFailure):
            problems += 1
            _echo_err("✘ " + Errors.E149.format(where=_where(item), stage=result.stage, detail=result.detail))
            predicted = {"id": gold_record.get("id"), "text": gold_record["text"], "spans": []}
        else:
            predicted = result.to_dict()
            predicted["id"] = gold_record.get("id")
        predictions.append(predicted)
    scores = score(kept, predictions, tuple(x for x in labels.split(",") if x), extended)
    if as_json:
        typer.echo(dumps_strict(scores, indent=1))
    else:
        typer.echo(format_report(scores, show), nl=False)
    if problems:
        _echo_err(Warnings.W002.format(count=problems))
        raise typer.Exit(1)


def _record_lines(path: Path) -> List[int]:
    """The line numbers of the non-blank lines of a JSONL file (one per record ``read_gold`` gives)."""
    with path.open("rb") as stream:
        return [n for n, raw in enumerate(stream, start=1) if raw.strip()]


@app.command()
@_guarded
def train(
    patterns: Path = typer.Option(
        ..., "--patterns", "-p", help="JSONL of patterns and table updates, or a directory of *.jsonl files"
    ),
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
    from .training import TrainingError, format_outcomes, format_suggestions
    from .training import train as train_patterns

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
