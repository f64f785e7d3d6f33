"""Word lists, regex builders and word checks shared by the ORG rules (:mod:`govreport_nlp.orgs`)
and the AWARD rules (:mod:`govreport_nlp.awards`).

``text``   character classes, :func:`fold`, :func:`trie_regex` (no file access)
``data``   the loaders of the ORG and AWARD tables (files in ``orgs/data/`` and ``awards/data/``)
``words``  :class:`Lexicon`: places, generic words, name-likeness
"""

from __future__ import annotations

from .data import (
    ADMIN_DIVISIONS_PATH,
    AWARD_PATTERNS_PATH,
    AWARD_TRIGGERS_PATH,
    ORG_PATTERNS_PATH,
    ORG_PLACES_PATH,
    ORG_RULES_PATH,
    ORG_SUFFIXES_PATH,
    OrgPatternError,
    admin_divisions_data,
    award_triggers_data,
    load_award_patterns,
    load_org_patterns,
    load_org_suffixes,
    org_rules,
    places_data,
)
from .text import (
    CJK,
    CJK_RE,
    CLAUSE_PUNCT,
    NAME_CHAR_RE,
    NAME_CHARS,
    alternation,
    char_class,
    count_words,
    find_words,
    flat_words,
    fold,
    last_of,
    trie_alternatives,
    trie_regex,
)
from .words import Lexicon, default_lexicon

__all__ = [
    "ADMIN_DIVISIONS_PATH",
    "AWARD_PATTERNS_PATH",
    "AWARD_TRIGGERS_PATH",
    "ORG_PATTERNS_PATH",
    "ORG_PLACES_PATH",
    "ORG_RULES_PATH",
    "ORG_SUFFIXES_PATH",
    "ADMIN_DIVISIONS_PATH",
    "OrgPatternError",
    "admin_divisions_data",
    "award_triggers_data",
    "load_award_patterns",
    "load_org_patterns",
    "load_org_suffixes",
    "org_rules",
    "places_data",
    "CJK",
    "CJK_RE",
    "CLAUSE_PUNCT",
    "NAME_CHARS",
    "NAME_CHAR_RE",
    "find_words",
    "count_words",
    "alternation",
    "char_class",
    "flat_words",
    "fold",
    "last_of",
    "trie_regex",
    "trie_alternatives",
    "Lexicon",
    "default_lexicon",
]
