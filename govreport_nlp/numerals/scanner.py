"""One pass over one text: find the runs of numeral characters and build a :class:`Numeral` for each.

:class:`_Scanner` holds the text and its folded form; reading numbers, attaching
words and deciding roles are its mixins (:mod:`.reader`, :mod:`.attach`, :mod:`.roles`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import List, Optional, Tuple

from .attach import _LEFT_CHARS, _RANGE_FIRST, _SUFFIX_FIRST, _Attacher
from .base import Number, Numeral
from .chars import _ASCII_LETTERS, _CN_SET, _DNZ, _RUN, _RUN_FIRST, _is_ascii_alnum
from .folding import _both, _scan_text
from .lexicon import _UNITS
from .reader import _NumberReader
from .roles import _RoleRules
from .state import _numeral, _Read, _State
from .values import _to_number
from .words import _LEXICAL_INNER_PAIRS, _lexical, lexical_word_end

_QUOTE_RE = re.compile(r"“[^“”\n]{1,12}”|「[^「」\n]{1,12}」|\"[^\"\n]{1,12}\"")
_BOOK_RE = re.compile(r"《[^《》\n]{1,80}》")
_URL_RE = re.compile(r"(?:https?|ftp)://[!-~]+|www\.[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+")
_ISO_DATE_RE = re.compile(
    r"(?<![0-9])(?:1[89]|20)[0-9]{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"
)
#: the separators of _ISO_DATE_RE, always its fifth character
_ISO_SEPARATORS = frozenset("-/.")
#: the characters before a run that may make it a signed number (负1.1, -3)
_SIGNS = frozenset("负-")

#: characters after a lone Chinese digit that may make it a numeral (units, dates, 是, 、 ...)
_INTERESTING = (
    frozenset(f[0] for f in _UNITS.forms)
    | _both("个分成折打年月日号季周世是、),.;:。!?\n\r余多来几至到-~—+半强级之 \t%‰‱”\"'」")
    | _CN_SET
    | frozenset("0123456789")
)
_INTERESTING_BEFORE = _both('第负-(“"「+近约超逾过上破/:\n\r 。;')


class _Scanner(_NumberReader, _Attacher, _RoleRules):
    """One pass over one text. ``norm`` is the folded text; offsets are shared with ``text``."""

    def __init__(self, text: str, bare: bool) -> None:
        self.text = text
        self.norm = _scan_text(text)
        self.n = len(text)
        self.bare = bare
        self._quotes: Optional[bytearray] = None
        self._books: Optional[bytearray] = None
        self._urls: Optional[List[Tuple[int, int]]] = None
        self._has_quotes = "“" in self.norm or '"' in self.norm or "「" in self.norm
        self._has_books = "《" in self.norm
        self._has_urls = "://" in self.norm or "www." in self.norm or "@" in self.norm
        #: the numerals found whose qualifier came from a verb before them (分别突破200家)
        self._verb_bound: List[Numeral] = []

    # ---- regions computed on demand
    def _mask(self, rx: "re.Pattern[str]") -> bytearray:
        """Per character: the number (1..255, cycling) of the quoted region it is inside, else 0."""
        mask = bytearray(self.n)
        for i, m in enumerate(rx.finditer(self.norm)):
            s, e = m.start() + 1, m.end() - 1
            mask[s:e] = bytes((i % 255 + 1,)) * (e - s)
        return mask

    def in_quotes(self, a: int, b: int) -> bool:
        """True when norm[a:b] lies inside one short quotation (“三个一批”)."""
        if not self._has_quotes:
            return False
        if self._quotes is None:
            self._quotes = self._mask(_QUOTE_RE)
        q = self._quotes[a]
        return q != 0 and q == self._quotes[b - 1]

    def in_book(self, a: int, b: int) -> bool:
        """True when norm[a:b] lies inside one title 《…》."""
        if not self._has_books:
            return False
        if self._books is None:
            self._books = self._mask(_BOOK_RE)
        q = self._books[a]
        return q != 0 and q == self._books[b - 1]

    def url_end(self, a: int) -> int:
        """End of the URL or e-mail address around ``a``, else -1."""
        if self._urls is None:
            self._urls = [(m.start(), m.end()) for m in _URL_RE.finditer(self.norm)] if self._has_urls else []
        for s, e in self._urls:
            if s <= a < e:
                return e
        return -1

    def iso_date(self, a: int) -> int:
        """End of an ISO-like date (2022-12-31, 2022/12/31, 2022.12.31) starting at ``a``, else -1.

        Matched where it is asked for: a date is four digits and a separator, so no date
        can overlap another one's start and this finds what a left-to-right pass would.
        """
        m = _ISO_DATE_RE.match(self.norm, a)
        return -1 if m is None else m.end()

    # ---- the main loop
    def scan(self) -> List[Numeral]:
        norm = self.norm
        found: List[Numeral] = []
        pos = 0
        # _RUN.search(norm, pos), in two steps: the next character a run can start with, then
        # the run there (most such characters start one)
        find_first, match = _RUN_FIRST.search, _RUN.match
        while True:
            first = find_first(norm, pos)
            if first is None:
                break
            m = match(norm, first.start())
            if m is None:  # a lone ".", 几 not after 十, 半 before no 百成折 ...
                pos = first.start() + 1
                continue
            a, e = m.span()
            if a and norm[a - 1 : a + 1] in _LEXICAL_INNER_PAIRS:
                inside = lexical_word_end(norm, a)
                if inside is not None and inside > a:  # 唯一|一个: resume after the word
                    pos = inside
                    continue
            if e - a == 1 and not self.bare and norm[a] in _CN_SET and self._quick_drop(a):
                pos = a + 1
                continue
            resume = self.analyse(a, e, found)
            if resume < 0:  # no number here
                resume = e
            pos = resume if resume > a else a + 1
        return self._inherit(found)

    def _quick_drop(self, a: int) -> bool:
        """A lone Chinese digit that nothing around can turn into a numeral (most 一 of running text)."""
        norm, n = self.norm, self.n
        nxt = norm[a + 1] if a + 1 < n else ""
        if nxt == "" or nxt in _INTERESTING or (a + 2 < n and norm[a + 2] in _DNZ):
            return False
        if a > 0 and (norm[a - 1] in _INTERESTING_BEFORE or (a > 1 and norm[a - 2] in _DNZ)):
            return False
        return not self.in_quotes(a, a + 1)

    def _inherit(self, found: List[Numeral]) -> List[Numeral]:
        """A verb's bound carries over a list: 分别突破200家、100家 -> both min."""
        if not self._verb_bound:  # no verb before any number: nothing to carry
            return found
        bound = {id(x) for x in self._verb_bound}
        out: List[Numeral] = []
        prev: Optional[Numeral] = None
        prev_bound = False  # prev's qualifier came from a verb (its own or carried over)
        for x in found:
            x_bound = id(x) in bound
            if (
                prev is not None
                and prev_bound
                and x.qualifier == "exact"
                and x.quantity
                and prev.quantity
                and self.norm[prev.end : x.start] == "、"
            ):
                x = dataclasses.replace(x, qualifier=prev.qualifier)
                x_bound = True
            out.append(x)
            prev, prev_bound = x, x_bound
        return out

    def analyse(self, a: int, run_end: int, found: List[Numeral]) -> int:
        """Add the numeral(s) starting with the run ``norm[a:run_end]`` to ``found``; return where
        scanning resumes, -1 when no number starts there."""
        norm = self.norm
        if self._has_urls:
            ue = self.url_end(a)
            if ue >= 0:
                return ue
        # 2022-: the separator first (an empty slice at the end of the text is no separator)
        if norm[a + 4 : a + 5] in _ISO_SEPARATORS and "0" <= norm[a] <= "9":
            de = self.iso_date(a)
            if de >= 0:
                found.extend(self._iso_numerals(a, de))
                return de
        r = None
        if (
            a > 0
            and norm[a - 1] in _SIGNS
            and (norm[a - 1] == "负" or a < 2 or not (_is_ascii_alnum(norm[a - 2]) or norm[a - 2] in "-."))
        ):
            r = self.read_number(a - 1, run_end=run_end)
        if r is None:
            r = self.read_number(a, allow_sign=False, run_end=run_end)
        if r is None:
            return -1
        return self.classify(r, found)

    def _iso_numerals(self, a: int, e: int) -> List[Numeral]:
        """The year, month and day of the ISO date ``norm[a:e]`` (2022-03-15), each a date numeral."""
        out = []
        for m in re.finditer(r"[0-9]+", self.norm[a:e]):
            out.append(self._bare(a + m.start(), a + m.end(), int(m.group()), "date"))
        return out

    def _bare(self, start: int, end: int, value: Number, role: str) -> Numeral:
        """A plain number ``text[start:end]`` that is no quantity (a date part, part of a name):
        no unit, range or qualifier."""
        return _numeral(
            start=start,
            end=end,
            text=self.text[start:end],
            value=value,
            high=None,
            unit=None,
            form="cardinal",
            qualifier="exact",
            quantity=False,
            role=role,
            num_start=start,
            num_end=end,
            core_start=start,
            core_end=end,
        )

    # ---- one numeral
    def classify(self, r: _Read, found: List[Numeral]) -> int:
        """Add the numeral that the number ``r`` starts to ``found`` (unless it is none); return
        where scanning resumes."""
        norm, n = self.norm, self.n
        st = _State(r)
        a, run = st.a, st.run
        # numeral characters inside words: 统一, 十分, 第一时间, 一流
        if st.chinese_only and st.run_end - a <= 3 and st.form == "cardinal" and _lexical(norm, a, st.run_end):
            return max(st.run_end, a + 1)
        if run.arabic and a > 0 and norm[a - 1] in _ASCII_LETTERS and st.form == "cardinal":
            # part of an identifier: PM2.5, B12, CO2, A2021
            value = run.num if st.value is run.value else _to_number(st.value)
            found.append(self._bare(a, st.num_end, value, "name"))
            return st.num_end
        if st.start and norm[st.start - 1] in _LEFT_CHARS:
            self._left(st)
        if st.form == "cardinal":
            self._right(st)
            if (
                st.unit is None
                and st.date_word is None
                and st.form == "cardinal"
                and not st.mag_only
                and st.end < n
                and norm[st.end] in "和、与及或"
                and not st.ordinal
            ):
                self._shared_unit(st)
        if st.high is not None:
            if not st.ordinal:
                st.form = "range"
                if run.pair:
                    st.approx = True
        elif st.end < n and norm[st.end] in _RANGE_FIRST:  # where _range() and _percent_range() can find a separator
            if st.date_word is None and st.form in ("cardinal", "percent") and not st.mag_only and not st.percent:
                self._range(st)
            elif st.percent and not st.fraction:
                self._percent_range(st)
        st.core_end = st.end
        if st.end < n and norm[st.end] in _SUFFIX_FIRST and not st.ordinal and st.date_word is None:
            self._suffix(st)
        self._qualify(st)
        if st.ordinal:
            self._ordinal(st)
        if st.role is None:
            st.role = self._role(st)
        if st.role == "drop":
            return max(st.run_end, a + 1)
        if st.date_word and st.role in (None, "date", "period"):
            st.role = st.role or "date"
            st.unit = st.date_word
        value = run.num if st.value is run.value else _to_number(st.value)
        high = _to_number(st.high) if st.high is not None else None
        x = _numeral(
            start=st.start,
            end=st.end,
            text=self.text[st.start : st.end],
            value=value,
            high=high,
            unit=st.unit,
            form=st.form,
            qualifier=st.qualifier,
            quantity=st.role is None,
            role=st.role,
            num_start=st.num_start,
            num_end=st.num_end if st.num_end < st.end else st.end,
            core_start=st.core_start,
            core_end=st.core_end,
        )
        found.append(x)
        if st.verb_q:
            self._verb_bound.append(x)
        return st.end
