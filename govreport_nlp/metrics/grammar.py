"""The words of report grammar around a stated quantity, compiled from ``metrics/data/metric_grammar.json``.

One frozen :class:`MetricGrammar` holds every word list the METRIC modules read (kind, indicator,
clause model); :func:`default_grammar` loads the shipped file once. :func:`fold_grammar_text` gives
the text the grammar reads: full-width forms and traditional characters folded, one character for
one, so every offset is an offset in the original.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from ..errors import Errors
from ..lexicon.text import char_class
from ..tables import active_tables
from ..widths import fold_widths, translate

_NOMINAL_SUFFIXES = "率额量值"
#: keys every grammar file needs (lists of words)
REQUIRED_KEYS: Tuple[str, ...] = (
    "link",
    "change",
    "change_frames",
    "action",
    "lead",
    "stop",
    "comparison",
    "place_prefix",
    "classifiers",
)


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def any_of(sources: Sequence[str]) -> "re.Pattern[str]":
    """One regex that finds something wherever one of the regex ``sources`` would: a quick test
    before the rules try each in turn. Group names are dropped (a name may appear in several);
    a source that refers back to a named group makes it match everywhere (no test then)."""
    if any("(?P=" in s for s in sources):
        return re.compile("")
    return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', s)})" for s in sources if s))


class AnyOf:
    """A quick test for a match of any of several patterns: :meth:`search` gives the first match
    one of them finds, in the order given, or None (a test, not the leftmost match of them all).

    Each pattern is searched on its own: the regex engine skips ahead to the characters a word or a
    literal can start with, where one alternation of them all tries every alternative at every position.
    A pattern the engine would try at every position (``(?P<year>[0-9]{4})年前``) is not searched in a
    text without the literal every match of it holds (:func:`required_literal`: 年前).
    """

    __slots__ = ("patterns", "_needed")

    def __init__(self, patterns: Sequence["re.Pattern[str]"]) -> None:
        self.patterns = tuple(patterns)
        self._needed = tuple(None if _engine_skips(p) else required_literal(p) for p in self.patterns)

    def search(self, text: str) -> "Optional[re.Match[str]]":
        """A match of one of the patterns in ``text``, or None when none of them matches."""
        for pattern, needed in zip(self.patterns, self._needed):
            if needed is not None and needed not in text:
                continue  # no match of it anywhere in the text
            found = pattern.search(text)
            if found:
                return found
        return None


def _never() -> "re.Pattern[str]":
    return re.compile(r"(?!)")


def _parse(pattern: "re.Pattern[str]") -> Tuple[Any, Any]:
    """CPython's regex parser (``re._parser``) and its parse of ``pattern``; the readers below give
    "not known" when this raises (another regex implementation)."""
    parser: Any = importlib.import_module("re._parser")
    return parser, parser.parse(pattern.pattern, pattern.flags)


def max_width(pattern: "re.Pattern[str]") -> Optional[int]:
    """The most characters one match of ``pattern`` can span; None when unbounded or not known
    (read with CPython's own regex parser; another implementation gives None)."""
    try:
        parser, parsed = _parse(pattern)
        width = parsed.getwidth()[1]
        return int(width) if width < parser.MAXREPEAT else None
    except Exception:  # noqa: BLE001  (no bound known: the caller searches the whole text)
        return None


class _Unknown(Exception):
    """A regex construct :func:`last_chars` does not read (any character may end the match then)."""


#: a character range of a class longer than this counts as any character
_MAX_RANGE = 256


def last_chars(pattern: "re.Pattern[str]") -> Optional[FrozenSet[str]]:
    """The characters a non-empty match of ``pattern`` can end with (read with CPython's regex
    parser); None where any character may, where the pattern can match the empty string, or where
    the pattern uses a construct this does not read (classes like ``[^…]`` or ``\\d``, ``.``,
    back references, case folding)."""
    return _edge_chars(pattern, from_end=True)


def first_chars(pattern: "re.Pattern[str]") -> Optional[FrozenSet[str]]:
    """The characters a non-empty match of ``pattern`` can start with; None as for :func:`last_chars`
    (zero-width items such as lookbehinds are passed over: they consume nothing)."""
    return _edge_chars(pattern, from_end=False)


def _edge_chars(pattern: "re.Pattern[str]", from_end: bool) -> Optional[FrozenSet[str]]:
    """:func:`last_chars` (``from_end``) or :func:`first_chars` of ``pattern``."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        chars, nullable = _edge_of_sequence(list(_parse(pattern)[1]), from_end)
    except Exception:  # noqa: BLE001  (_Unknown, or another regex implementation: no pre-check)
        return None
    return None if nullable else frozenset(chars)


def _edge_of_sequence(items: List[Any], from_end: bool) -> Tuple[set, bool]:
    """(edge characters, can be empty) of a parsed regex sequence: the edge item's, and the next
    one's inwards as long as the items before can match nothing."""
    chars: set = set()
    for op, arg in reversed(items) if from_end else items:
        found, nullable = _edge_of_item(str(op), arg, from_end)
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _edge_of_item(op: str, arg: Any, from_end: bool) -> Tuple[set, bool]:
    """(edge characters, can be empty) of one parsed regex item."""
    if op == "LITERAL":
        return {chr(arg)}, False
    if op == "IN":
        return _class_chars(arg), False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True  # zero width: ^, $, lookarounds
    if op == "SUBPATTERN":
        return _edge_of_sequence(list(arg[-1]), from_end)
    if op == "ATOMIC_GROUP":
        return _edge_of_sequence(list(arg), from_end)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, sub = arg
        chars, nullable = _edge_of_sequence(list(sub), from_end)
        return chars, nullable or low == 0
    if op == "BRANCH":
        out: set = set()
        empty = False
        for branch in arg[1]:
            chars, nullable = _edge_of_sequence(list(branch), from_end)
            out |= chars
            empty = empty or nullable
        return out, empty
    raise _Unknown(op)


def _engine_skips(pattern: "re.Pattern[str]") -> bool:
    """True when the regex engine itself skips to where a match can start: the pattern opens on a
    literal, a class, or a choice of literals (CPython then keeps their characters to search for).
    False where it tries every position (e.g. a choice one branch of which opens on a lookbehind),
    or where this is not known."""
    try:
        items = list(_parse(pattern)[1])
    except Exception:  # noqa: BLE001  (another regex implementation: not known)
        return False
    while items and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][-1])
    if not items:
        return False
    op, arg = items[0]
    if str(op) in ("LITERAL", "IN"):
        return True
    return str(op) == "BRANCH" and all(branch and str(list(branch)[0][0]) == "LITERAL" for branch in arg[1])


def required_literal(pattern: "re.Pattern[str]") -> Optional[str]:
    """The longest run of characters every match of ``pattern`` holds in a row (the literals of its
    top level that follow each other: 年前 in ``(?P<year>[0-9]{4})年前``); None where it has none or
    where this is not known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        items = list(_parse(pattern)[1])
    except Exception:  # noqa: BLE001  (another regex implementation: not known)
        return None
    best = run = ""
    for op, arg in items:
        run = run + chr(arg) if str(op) == "LITERAL" else ""
        if len(run) > len(best):
            best = run
    return best or None


def start_class(pattern: "re.Pattern[str]") -> "Optional[re.Pattern[str]]":
    """A class of the characters a match of ``pattern`` can start with (:func:`first_chars`), where
    the engine would try ``pattern`` at every position (:func:`_engine_skips`): searching it first
    finds the first position worth trying, or tells that there is none. None otherwise."""
    if _engine_skips(pattern):
        return None
    chars = first_chars(pattern)
    if not chars:
        return None
    return re.compile(char_class(chars))


def _class_chars(items: Any) -> set:
    """The characters of a ``[...]`` class of literals and short ranges."""
    out: set = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            raise _Unknown(name)
    return out


def reads_no_context(pattern: "re.Pattern[str]") -> bool:
    """True when whether ``pattern`` matches somewhere in a text depends on the characters it
    matches alone: no anchors (``^``, ``$``, ``\\b``) and no lookarounds. Such a pattern that finds
    nothing in a text finds nothing in any part of it either. False where not known."""
    try:
        return _no_context(list(_parse(pattern)[1]))
    except Exception:  # noqa: BLE001  (another regex implementation: not known)
        return False


def _no_context(items: List[Any]) -> bool:
    """:func:`reads_no_context` of a parsed regex sequence (nested sequences are read too)."""
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT", "GROUPREF_EXISTS"):
            return False
        if name == "SUBPATTERN" and not _no_context(list(arg[-1])):
            return False
        if name == "ATOMIC_GROUP" and not _no_context(list(arg)):
            return False
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and not _no_context(list(arg[2])):
            return False
        if name == "BRANCH" and not all(_no_context(list(b)) for b in arg[1]):
            return False
    return True


class EndSearch:
    """``pattern.search(text)`` for a pattern every match of which ends at the end of the text
    (a ``*_tail`` pattern, ``…$``), started where the longest match could start.

    The regex engine tries such a pattern at every position of the text, and most of them cannot
    start a match that reaches the end. The result is the same: every match starts within the last
    ``max_width + 1`` characters (``$`` also matches before a final line break), and lookbehinds
    still see the characters before the start of the search. Where the pattern can only end on
    some characters (the last characters of its words, :func:`last_chars`), a text that ends on
    another one is not searched at all: most texts end on none of them. Where the engine would try
    the pattern at every position (a choice one branch of which opens on a lookbehind, as in the
    change frames), the characters a match can start with are searched for first (:func:`start_class`):
    the pattern is tried from the first of them on, and not at all where there is none.
    """

    __slots__ = ("pattern", "_reach", "_last", "_first")

    def __init__(self, pattern: "re.Pattern[str]") -> None:
        self.pattern = pattern
        width = max_width(pattern)
        self._reach = None if width is None else width + 1
        self._last = last_chars(pattern)
        self._first = start_class(pattern)

    def may_end_on(self, last: str) -> bool:
        """False when no text whose last character is ``last`` ("" for an empty text) can match."""
        return self._last is None or last in self._last or last == "\n"

    def search(self, text: str) -> "Optional[re.Match[str]]":
        """The leftmost match in ``text``, as ``pattern.search(text)``."""
        last = self._last
        # A match is not empty and ends at the end (or before a final line break: searched then).
        if last is not None and text[-1:] not in last and text[-1:] != "\n":
            return None
        reach = self._reach
        pos = len(text) - reach if reach is not None and len(text) > reach else 0
        first = self._first
        if first is not None:
            # No match starts before the first character a match can start with.
            found = first.search(text, pos)
            if found is None:
                return None
            pos = found.start()
        return self.pattern.search(text, pos)


class SearchMemo:
    """:class:`EndSearch` results for the segments of one document (``memo.search(end, seg)`` is
    ``end.search(seg)``): the kind and the indicator rules of a number search the same segment
    before it for the same tail (about a third of the change tail searches). Made per document."""

    __slots__ = ("_found",)

    def __init__(self) -> None:
        self._found: Dict[Tuple[int, str], "Optional[re.Match[str]]"] = {}

    def search(self, end: EndSearch, seg: str) -> "Optional[re.Match[str]]":
        """``end.search(seg)``, searched once per segment text."""
        key = (id(end), seg)  # the searches outlive the memo: their ids stay theirs
        if key in self._found:
            return self._found[key]
        found = self._found[key] = end.search(seg)
        return found


class EndSearches:
    """Several :class:`EndSearch` patterns tried in order: :meth:`candidates` gives those of them
    that can match the end of a text, by its last character (remembered per character), so that
    the rules try one or two patterns where they would try them all."""

    __slots__ = ("searches", "_by_last")

    #: how many last characters are remembered at most
    MAX_REMEMBERED = 4096

    def __init__(self, searches: Sequence[EndSearch]) -> None:
        self.searches = tuple(searches)
        self._by_last: Dict[str, Tuple[EndSearch, ...]] = {}

    def candidates(self, text: str) -> Tuple[EndSearch, ...]:
        """The searches, in order, that may match ``text`` (the others cannot)."""
        last = text[-1:]
        found = self._by_last.get(last)
        if found is None:
            found = tuple(search for search in self.searches if search.may_end_on(last))
            if len(self._by_last) < self.MAX_REMEMBERED:
                self._by_last[last] = found
        return found


@dataclass(frozen=True)
class GrammarEnds:
    """The ``*_tail`` patterns of a grammar that the rules search most, as :class:`EndSearch`."""

    change_tail: EndSearch
    comparison_tail: EndSearch
    link_tail: EndSearch
    place_tail: EndSearch
    #: the frame 在…中 / 于…方面 ending an indicator
    frame: EndSearch
    change_head_tail: EndSearch


@dataclass(frozen=True)
class MetricGrammar:
    """Compiled word lists of ``metric_grammar.json`` (see its ``_doc``).

    The ``*lead*`` patterns carry no ``^``: they are used with ``match``, often at an offset
    (``lead.match(text, s, e)``), where ``^`` would only match at the start of the text.
    The ``*_tail`` patterns end in ``$`` and are searched in a slice.
    """

    link_tail: "re.Pattern[str]"
    change_tail: "re.Pattern[str]"
    action: "re.Pattern[str]"
    lead: "re.Pattern[str]"
    lead_verb: "re.Pattern[str]"
    stop: "re.Pattern[str]"
    comparison_tail: "re.Pattern[str]"
    place_tail: "re.Pattern[str]"
    frame: "re.Pattern[str]"
    classifiers: FrozenSet[str]
    nominal_heads: Tuple[str, ...] = tuple(_NOMINAL_SUFFIXES)
    bare_measures: FrozenSet[str] = frozenset()
    #: traditional -> simplified characters, one for one (a str.translate table)
    traditional: Dict[int, int] = field(default_factory=dict)
    #: a decrease verb opening a clause (压减|一般性支出1.2亿元)
    decrease_lead: "re.Pattern[str]" = field(default_factory=_never)
    #: an indicator that ends on a change head (居民消费价格涨幅)
    change_head_tail: "re.Pattern[str]" = field(default_factory=_never)
    #: hedges and reporting verbs opening an indicator (预计, 力争, 确保 ...)
    hedge_lead: "re.Pattern[str]" = field(default_factory=_never)
    #: the verb before a ranked thing (位居|全省百强县)
    rank_verb: "re.Pattern[str]" = field(default_factory=_never)
    from_markers: Tuple[str, ...] = ()
    #: a to-verb right before the number (增长到|132家)
    to_tail: "re.Pattern[str]" = field(default_factory=_never)
    #: a measure head ending a noun (收入, 占比 ...)
    measure_tail: "re.Pattern[str]" = field(default_factory=_never)
    example_marker: str = "等"
    #: characters before 等 that make it part of a word (高等, 同等)
    example_marker_words: FrozenSet[str] = frozenset()
    #: heads that alone name a measure of something named before (占比, 比重)
    bare_heads: FrozenSet[str] = frozenset()
    #: nouns that contain an action verb (建成区)
    nominal_word: "re.Pattern[str]" = field(default_factory=_never)
    #: a verb of the link or change lists anywhere (the end of a sentence topic: 收入|实现翻番)
    link_verb: "re.Pattern[str]" = field(default_factory=_never)

    @cached_property
    def ends(self) -> GrammarEnds:
        """The tail patterns searched from near the end (built once per grammar)."""
        return GrammarEnds(
            change_tail=EndSearch(self.change_tail),
            comparison_tail=EndSearch(self.comparison_tail),
            link_tail=EndSearch(self.link_tail),
            place_tail=EndSearch(self.place_tail),
            frame=EndSearch(self.frame),
            change_head_tail=EndSearch(self.change_head_tail),
        )

    @cached_property
    def from_marker(self) -> "re.Pattern[str]":
        """Any of ``from_markers`` (由, 从): one search where a test per marker would be made."""
        return re.compile(alternation(self.from_markers)) if self.from_markers else _never()

    @cached_property
    def stop_width(self) -> Optional[int]:
        """The longest ``stop`` word (:func:`max_width`; None when not known)."""
        return max_width(self.stop)

    @cached_property
    def clause_decrease(self) -> "re.Pattern[str]":
        """A decrease verb after what may open a clause: ``lead`` then ``hedge_lead``, each as its own
        ``match`` takes it (atomic groups: nothing given back when the verb does not follow), then
        ``decrease_lead``. One match where three would be made in turn (built once per grammar)."""
        return re.compile(
            f"(?>(?:{self.lead.pattern})?)(?>(?:{self.hedge_lead.pattern})?)(?:{self.decrease_lead.pattern})"
        )

    @cached_property
    def opener_cut(self) -> "re.Pattern[str]":
        """``lead`` then ``lead_verb`` opening an indicator, each taken only where something follows
        it (修复|等灾后…项目, 改造|农村公路), in one ``match`` whose end is where the indicator starts.
        Atomic groups keep what each one's own ``match`` takes: a lead that would take everything is
        not taken at all, rather than taken shorter (built once per grammar)."""
        return re.compile(rf"(?:(?>(?:{self.lead.pattern}))(?=[\s\S]))?(?:(?>(?:{self.lead_verb.pattern}))(?=[\s\S]))?")

    @cached_property
    def opener_chars(self) -> Optional[FrozenSet[str]]:
        """The characters :attr:`opener_cut` can take anything from (the first characters of ``lead``
        and ``lead_verb``, :func:`first_chars`): at another one it takes nothing. None: not known."""
        lead, verb = first_chars(self.lead), first_chars(self.lead_verb)
        if lead is None or (verb is None and self.lead_verb.pattern != _never().pattern):
            return None
        return lead | (verb or frozenset())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> "MetricGrammar":
        """Compile a grammar; raises ValueError (E120) naming ``source`` when a key is missing."""
        missing = [k for k in REQUIRED_KEYS if not isinstance(data.get(k), list)]
        if missing:
            raise ValueError(Errors.E120.format(source=source, missing=missing, needed=list(REQUIRED_KEYS)))
        change = alternation(data["change"]) + "|" + "|".join(data["change_frames"])

        def lead_of(key: str) -> "re.Pattern[str]":
            words = data.get(key) or []
            return re.compile(rf"(?:{alternation(words)})") if words else _never()

        def tail_of(key: str) -> "re.Pattern[str]":
            words = data.get(key) or []
            return re.compile(rf"(?:{alternation(words)})$") if words else _never()

        traditional: Dict[str, str] = dict(data.get("traditional_chars") or {})
        bad = [k for k, v in traditional.items() if len(k) != 1 or len(v) != 1]
        if bad:
            raise ValueError(Errors.E121.format(source=source, keys=bad[:5]))
        return cls(
            link_tail=re.compile(rf"(?:{alternation(data['link'] + data.get('to_verbs', []))})$"),
            change_tail=re.compile(rf"(?:{change})(?:了)?(?:约|近|超|逾)?$"),
            action=re.compile(alternation(data["action"])),
            lead=re.compile(rf"(?:{alternation(data['lead'])})+"),
            lead_verb=re.compile(rf"(?:{alternation(data.get('lead_verbs', []))})(?=.)")
            if data.get("lead_verbs")
            else _never(),
            stop=re.compile(alternation(data["stop"])),
            comparison_tail=re.compile(rf"(?:{alternation(data['comparison'])})$"),
            place_tail=re.compile(rf"(?:{alternation(data['place_prefix'])})$"),
            frame=re.compile(r"(?:在|于)([^在于]{2,}?)(?:中|上|里|方面)$"),
            classifiers=frozenset(data["classifiers"]),
            nominal_heads=tuple(data.get("nominal_heads", list(_NOMINAL_SUFFIXES))),
            bare_measures=frozenset(data.get("bare_measures", [])),
            traditional=str.maketrans({ord(k): ord(v) for k, v in traditional.items()}),
            decrease_lead=lead_of("decrease"),
            change_head_tail=tail_of("change_heads"),
            hedge_lead=re.compile(rf"(?:{alternation(data['hedges'])})+") if data.get("hedges") else _never(),
            rank_verb=re.compile(alternation(data["rank_verbs"])) if data.get("rank_verbs") else _never(),
            from_markers=tuple(data.get("from_markers", [])),
            to_tail=tail_of("to_verbs"),
            measure_tail=tail_of("measure_heads"),
            example_marker=str(data.get("example_marker", "等")),
            example_marker_words=frozenset(data.get("example_marker_words", [])),
            bare_heads=frozenset(data.get("bare_heads", [])),
            nominal_word=re.compile(alternation(data["nominal_words"])) if data.get("nominal_words") else _never(),
            link_verb=re.compile(alternation([w for w in data["link"] + data["change"] if len(w) >= 2])),
        )


def default_grammar() -> MetricGrammar:
    """The grammar of the active tables (:func:`govreport_nlp.tables.active_tables`; the package's
    ``metrics/data/metric_grammar.json`` outside a component), compiled once per table set."""
    return active_tables().derived(
        "metric_grammar", lambda t: MetricGrammar.from_dict(t["metric_grammar"], t.source("metric_grammar"))
    )


def fold_grammar_text(text: str, grammar: MetricGrammar) -> str:
    """``text`` with full-width forms and traditional characters folded, one character for one
    (:func:`govreport_nlp.widths.translate` remembers the last results: the modules that fold
    one document's text after each other fold it once)."""
    return translate(fold_widths(text), grammar.traditional)
