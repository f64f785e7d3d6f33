"""``govreport_numerals``: find and normalise every numeral expression.

Every numeral (Arabic, full-width, Chinese, mixed, percent, fraction, range,
ordinal) goes into ``doc.spans["numerals"]`` with label ``NUMERAL`` and

* ``span._.value`` (int or float, magnitude words and unit prefixes multiplied out),
  ``span._.high`` (upper end of a range), ``span._.unit`` where a unit follows,
* ``span._.qualifier`` (exact / approx / min / max), ``span._.numeral_form``,
* ``span._.is_quantity`` (False for dates, names, slogans, list markers ...)
  and ``span._.numeral_role`` saying why.

Example::

    nlp.add_pipe("govreport_numerals")
    doc = nlp("减税降费３．４４亿元")
    span = doc.spans["numerals"][0]      # ３．４４亿元, value 344000000, unit 元
"""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..doc_text import doc_text
from ..extensions import NUMERALS_KEY, set_span_attrs
from ..tables import Tables, use_tables
from ._base import SettingsSerializer
from ._groups import write_group_spans
from ._spans import char_spans

NUMERAL_LABEL = "NUMERAL"

#: The tables the numeral rules read.
NUMERAL_TABLES = ("units", "qualifiers", "numeral_words")
_NUMERALS_DIR = Path(__file__).resolve().parent.parent / "numerals"
_RULES: Dict[Tuple[str, ...], ModuleType] = {}


def numeral_rules(tables: Tables) -> ModuleType:
    """The numeral layer (``govreport_nlp.numerals``) built from ``tables``.

    The numeral modules compile their word lists when imported. The package
    module serves the tables it was first imported with (the first component
    to import it sets them); a pipeline with other tables gets its own
    instance of the modules, compiled under its tables, once per process.
    """
    key = tuple(tables.hashes[name] for name in NUMERAL_TABLES)
    rules = _RULES.get(key)
    if rules is not None:
        return rules
    with use_tables(tables):
        import govreport_nlp.numerals as base
        from govreport_nlp.numerals import lexicon as base_lexicon

        if base_lexicon._TABLES_KEY == key:
            rules = base
        else:
            name = f"govreport_nlp._numerals_{'_'.join(key)}"
            spec = importlib.util.spec_from_file_location(
                name, _NUMERALS_DIR / "__init__.py", submodule_search_locations=[str(_NUMERALS_DIR)]
            )
            assert spec is not None and spec.loader is not None
            rules = importlib.util.module_from_spec(spec)
            sys.modules[name] = rules
            spec.loader.exec_module(rules)
    _RULES[key] = rules
    return rules


@Language.factory(
    "govreport_numerals",
    assigns=["doc.spans"],
    default_config={"spans_key": NUMERALS_KEY},
)
def make_numeral_normalizer(nlp: Language, name: str, spans_key: str) -> "NumeralNormalizer":
    """Factory of ``govreport_numerals``."""
    return NumeralNormalizer(nlp, name, spans_key=spans_key)


class NumeralNormalizer(SettingsSerializer):
    """Put every numeral expression, normalised, into ``doc.spans[spans_key]``.

    nlp: the pipeline (its tokenizer's tokens are split where a quantity ends
        inside one; a non-quantity span takes the whole tokens around it).
    name: the component name.
    spans_key: the span group to write (replaced on every call).
    tables: replace some of the rule tables (name -> file path or data); see ``TABLES``.

    State saved with the pipeline: ``cfg.json`` and ``tables/`` (units,
    qualifiers, numeral_words).
    """

    settings = ("spans_key",)
    TABLES = NUMERAL_TABLES

    def __init__(
        self,
        nlp: Language,
        name: str = "govreport_numerals",
        *,
        spans_key: str = NUMERALS_KEY,
        tables: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self._init_state(nlp, name, tables)
        self.spans_key = spans_key
        self._find: Optional[Callable[[str], List[Any]]] = None

    def _tables_changed(self) -> None:
        self._find = None

    def _check_tables(self) -> None:
        """Build the numeral layer now: its import checks what the data layer cannot (units of
        currency symbols, qualifier values, words that could never apply ...)."""
        self._find = numeral_rules(self.tables).find_numerals

    def __getstate__(self) -> Dict[str, Any]:
        state = dict(self.__dict__)
        state["_find"] = None  # a function of a module instance: rebuilt after unpickling
        return state

    def __call__(self, doc: Doc) -> Doc:
        find = self._find
        if find is None:
            find = self._find = numeral_rules(self.tables).find_numerals
        # No use_tables() around the scan: the numeral modules read their tables when imported,
        # and numeral_rules() has imported the instance built under this component's tables.
        text = doc_text(doc)
        found = find(text)
        # Quantities become exact spans (tokens split where needed); a numeral
        # that is not a quantity (二十大, 一企一策) takes the tokens around it.
        quantities = [n for n in found if n.quantity]
        doc, spans = char_spans(doc, [(n.start, n.end) for n in quantities], NUMERAL_LABEL, text)
        exact = iter(spans)  # the spans of the quantities, in the order of ``found``
        group = []
        for numeral in found:
            if numeral.quantity:
                span = next(exact)
            else:
                span = doc.char_span(numeral.start, numeral.end, label=NUMERAL_LABEL, alignment_mode="expand")
            if span is None:
                continue
            set_span_attrs(
                span,
                value=numeral.value,
                high=numeral.high,
                unit=numeral.unit,
                qualifier=numeral.qualifier,
                numeral_form=numeral.form,
                is_quantity=numeral.quantity,
                numeral_role=numeral.role,
            )
            group.append(span)
        write_group_spans(doc, self.spans_key, group)
        return doc
