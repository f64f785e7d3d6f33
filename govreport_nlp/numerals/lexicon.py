"""The data files of the numeral layer, loaded and validated once, at import.

* ``numerals/data/qualifiers.json``: approximation and bound words (近 约 以上 左右 ...)
  and the verbs before a number that set its qualifier (突破 不超过 ...);
* ``numerals/data/numeral_words.json``: word lists (统一 十分 ..., date words, words
  after 第N, characters that block 成/折/打, currency symbols, traditional
  characters); its ``_doc`` key describes every list;
* ``metrics/data/units.json``: the unit table, through :func:`govreport_nlp.metrics.units.default_table`.

A malformed file raises :class:`NumeralError` naming the file, the bad key (and
item) and what is allowed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Sequence, Tuple, Type, TypeVar

from pydantic import BaseModel

from ..errors import TableError
from ..metrics.units import default_table
from ..tables import NumeralWordsTable, QualifiersTable, active_tables, package_path, parse_table
from .base import NumeralError
from .chars import _CN_SET, _DIGITS, _MAGS

QUALIFIERS_PATH = package_path("qualifiers")
WORDS_PATH = package_path("numeral_words")

_QUALIFIER_VALUES = ("approx", "min", "max", "exact")


# --------------------------------------------------------------------------- qualifiers.json


_M = TypeVar("_M", bound=BaseModel)


def _table(name: str, path: Path, model: Type[_M]) -> _M:
    """Table ``name`` read from ``path`` and validated by the data layer (:mod:`govreport_nlp.tables`)."""
    try:
        return model.model_validate(parse_table(name, path.read_text(encoding="utf-8"), str(path)))
    except OSError as e:
        raise NumeralError(f"{path}: cannot read the table ({e}).") from None
    except TableError as e:
        raise NumeralError(str(e)) from None


def _load_qualifiers(path: Path) -> QualifiersTable:
    return _check_qualifiers(path, _table("qualifiers", path, QualifiersTable))


def _check_qualifiers(path: Path, q: QualifiersTable) -> QualifiersTable:
    for key in ("glued_prefix", "magnitude_prefix", "glued_suffix", "verbs_before"):
        for word, qual in getattr(q, key).items():
            if qual not in _QUALIFIER_VALUES:
                raise NumeralError(
                    f"{path}: {key}[{word!r}] = {qual!r}; a qualifier is one of {', '.join(_QUALIFIER_VALUES)}."
                )
    return q


# --------------------------------------------------------------------------- numeral_words.json
#: the words 成, 折 and 打 after a number, which percent_word_blocked_before must key
_PERCENT_WORDS = ("成", "折", "打")


def _check_list(path: Path, key: str, items: Sequence[str], *, chars: bool = False) -> None:
    """Non-empty strings (single characters when ``chars``), none repeated."""
    seen: Dict[str, int] = {}
    for i, w in enumerate(items):
        if not w or (chars and len(w) != 1):
            what = "one character" if chars else "a non-empty string"
            raise NumeralError(f"{path}: {key}[{i}] = {w!r}; each item must be {what}.")
        if w in seen:
            raise NumeralError(f"{path}: {key}[{i}] = {w!r} repeats {key}[{seen[w]}]; list each item once.")
        seen[w] = i


def _check_words(path: Path, w: NumeralWordsTable) -> None:
    units = default_table()
    for src, dst in w.traditional_chars.items():
        if len(src) != 1 or len(dst) != 1:
            raise NumeralError(
                f"{path}: traditional_chars[{src!r}] = {dst!r}; the map is one character for one "
                f"(offsets into the text must not move)."
            )
    _check_list(path, "lexical_words", w.lexical_words)
    for i, word in enumerate(w.lexical_words):
        if _CN_SET.isdisjoint(word):
            raise NumeralError(
                f"{path}: lexical_words[{i}] = {word!r} has no numeral character "
                f"({''.join(_DIGITS)}{''.join(_MAGS)}), so it can never apply."
            )
        if all(c in _CN_SET for c in word):
            raise NumeralError(
                f"{path}: lexical_words[{i}] = {word!r} has numeral characters only; such a word "
                f"is read as a number, so the list can never apply to it."
            )
    _check_list(path, "ambiguous_financial_digits", w.ambiguous_financial_digits, chars=True)
    for i, c in enumerate(w.ambiguous_financial_digits):
        if c not in _DIGITS and c not in _MAGS:
            raise NumeralError(f"{path}: ambiguous_financial_digits[{i}] = {c!r} is not a numeral character.")
    _check_list(path, "date_words", w.date_words)
    _check_list(path, "not_date_words", w.not_date_words)
    for i, word in enumerate(w.not_date_words):
        if not word.startswith(tuple(w.date_words)):
            raise NumeralError(
                f"{path}: not_date_words[{i}] = {word!r} does not start with one of date_words, so it can never apply."
            )
    for key in (
        "ordinal_list_words",
        "not_rank_words",
        "session_words",
        "policy_words",
        "magnitude_link_words",
        "not_strong_words",
    ):
        _check_list(path, key, getattr(w, key))
    for i, word in enumerate(w.not_strong_words):
        if not word.startswith("强"):
            raise NumeralError(f"{path}: not_strong_words[{i}] = {word!r} does not start with 强.")
    _check_list(path, "article_before", w.article_before, chars=True)
    if set(w.percent_word_blocked_before) != set(_PERCENT_WORDS):
        raise NumeralError(
            f"{path}: percent_word_blocked_before has keys "
            f"{', '.join(w.percent_word_blocked_before) or 'none'}; the keys are exactly "
            f"{', '.join(_PERCENT_WORDS)}."
        )
    for c, blocked in w.percent_word_blocked_before.items():
        _check_list(path, f"percent_word_blocked_before[{c!r}]", blocked, chars=True)
    for sym, unit in w.currency_symbols.items():
        if len(sym) != 1:
            raise NumeralError(f"{path}: currency_symbols[{sym!r}]: a currency symbol is one character.")
        if unit not in units:
            raise NumeralError(f"{path}: currency_symbols[{sym!r}] = {unit!r} is not a unit of {units.source}.")


def _load_words(path: Path) -> NumeralWordsTable:
    w = _table("numeral_words", path, NumeralWordsTable)
    _check_words(path, w)
    return w


def _from_tables() -> Tuple[QualifiersTable, NumeralWordsTable]:
    """The qualifier and word tables of the active table set (see :mod:`govreport_nlp.tables`)."""
    tables = active_tables()
    # The data layer has checked the shape; the checks of this module add the semantics.
    q_path, w_path = Path(tables.source("qualifiers")), Path(tables.source("numeral_words"))
    words = NumeralWordsTable.model_validate(tables["numeral_words"])
    _check_words(w_path, words)
    return _check_qualifiers(q_path, QualifiersTable.model_validate(tables["qualifiers"])), words


#: The tables these modules were built from (a pipeline with other tables builds its own copy).
_TABLES_KEY = tuple(active_tables().hashes[name] for name in ("units", "qualifiers", "numeral_words"))
_Q, _W = _from_tables()
_UNITS = default_table()
