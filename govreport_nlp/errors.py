"""Numbered error and warning messages.

Every message says what failed, on which input, and what to do about it, in
the manner of ``spacy.errors``. Format them with keyword arguments.
"""
from __future__ import annotations


class Errors:
    E001 = ("No pipeline found at '{path}'. Pass the directory of a pipeline saved "
            "with nlp.to_disk(), or reinstall govreport-nlp to restore the shipped one.")
    E002 = ("The tokenizer has no pkuseg model. Initialise it with "
            "nlp.tokenizer.initialize(pkuseg_model=DIR) or load a saved pipeline.")
    E003 = "{source}, line {line}: not valid JSON ({detail})."
    E004 = "{source}, line {line}{rid}: the record has no 'text' field."
    E005 = "{source}, line {line}{rid}: 'text' must be a string, not {type}."
    E006 = "{source}: cannot read the file ({detail})."
    E007 = ("{source}: unsupported input type. Give a .txt file (one document), "
            "a .jsonl file (one record a line) or '-' for standard input.")
    E008 = "{source}, line {line}: a record must be a JSON object, not {type}."
    E009 = "{source}: the text is not valid UTF-8 ({detail})."
    E010 = ("Component '{name}' needs '{needs}' earlier in the pipeline. Add it first: "
            "nlp.add_pipe('{needs}', before='{name}').")
    E011 = "Unknown output format '{fmt}'. Choose one of: {choices}."
    E012 = "extract() takes a string or an iterable of strings, not {type}."
    E014 = "{source}, line {line}: the line is not valid UTF-8 ({detail})."
    E015 = "{where}: component '{component}' failed on this document ({detail}); it was skipped."
    E013 = "{source}, line {line}{rid}: 'id' must be a string or an integer, not {type}."
    # E140-E179: corpus runs (issue 11): inputs, outputs, options, per-record failures.
    E140 = ("Refusing to write '{output}': it is the input '{input}'. Nothing was read or "
            "written; give another output path.")
    E141 = ("Cannot write '{output}': the directory '{directory}' does not exist. Create it "
            "first or give another path; nothing was processed.")
    E142 = ("Cannot write '{output}': {detail}. Give a path in a writable directory; nothing "
            "was processed.")
    E143 = "Cannot write '{output}': it is a directory. Give a file path."
    E144 = "Invalid value for {option}: {value!r}. {expected}"
    E145 = ("--resume needs --output FILE and the jsonl format ({detail}): the ids already "
            "written are read back from that file.")
    E146 = ("{where}: the {field} holds a lone surrogate (U+{code:04X}) at character {pos}, "
            "which UTF-8 cannot encode; the record was skipped. Repair the encoding of this record "
            "(a broken UTF-16 pair).")
    E147 = ("{source}, line {line}: the JSON is nested too deeply to read (more levels than "
            "Python's recursion limit); the record was skipped.")
    E148 = ("{source}, line {line}: not valid JSON ({constant} is not a JSON number); the "
            "record was skipped.")
    E149 = ("{where}: {stage} failed on this record ({detail}); the record was skipped. Rerun "
            "with --debug for the traceback, and report it.")
    E150 = ("Cannot load the pipeline at '{path}': {file} is invalid ({detail}). Restore the "
            "file or save the pipeline again with nlp.to_disk(), or give another --model.")
    E151 = "extract() got {ids} id(s) for {texts} text(s); give exactly one id per text."
    E152 = "extract(): {stage} failed on text {index} (id {id!r}): {detail}."
    E153 = ("Cannot write '{output}' ({detail}). '{output}' is unchanged; the records written "
            "so far are in '{part}' (continue with --resume).")
    E154 = ("Internal error in '{command}' ({detail}). Rerun with --debug for the traceback, "
            "and report it.")
    E155 = ("{source}: not a JSONL file of records ({detail}), so --resume cannot read the "
            "ids already written. Give another --output, or run without --resume to replace it.")
    E156 = "split_text() needs a piece size of at least 1 character, not {limit}."


class Warnings:
    W001 = ("Span extension '{name}' is already registered by another package with a "
            "getter or method; govreport-nlp leaves it as it is.")
    W002 = "{count} input record(s) could not be processed; see the messages above."
    # W120-W139: corpus runs (issue 11).
    W120 = ("{source}, line {line}: an incomplete record left by an interrupted run; it is "
            "dropped and the record will be processed again.")
    W121 = ("Interrupted: {count} record(s) written to '{part}'; '{output}' is unchanged. "
            "Run the same command with --resume to continue.")
    W122 = "--resume: {count} record(s) already in '{output}' were skipped."
    W123 = "✔ {written} record(s) written to '{output}' ({read} read, {reported} reported, {resumed} resumed)."


class GovReportInputError(ValueError):
    """Raised for bad input; the message names the file, line and record."""


class GovReportModelError(OSError):
    """Raised when a saved pipeline cannot be loaded; the message names the file."""


class GovReportProcessingError(RuntimeError):
    """Raised by ``extract()`` when the pipeline fails on one text; the message names it."""
