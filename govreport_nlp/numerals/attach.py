"""What attaches to a number: 第, glued prefixes and suffixes (近 约 以上 左右 ...), currency
symbols, the unit (or 成/折/打), date words, compound money, shared units, ranges, and the
qualifier set by a verb before the span (突破 不超过 ...).

Word lists: ``numerals/data/qualifiers.json`` and ``numerals/data/numeral_words.json``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Optional

from ..metrics.units import Unit
from .chars import _CN_SET, _DIGITS, _DNZ, _MAG_SET, _RUN, _SP, _is_cjk
from .lexicon import _Q, _UNITS, _W
from .state import _State
from .unitmatch import _GE_RE, _UNIT_START, _unit_at
from .values import _read_run
from .words import _DATE_AFTER, _DATE_FIRST, _NOT_DATE

_PREFIX_BLOCK = {k: frozenset(v) for k, v in _Q.prefix_blocked_after.items()}
_CURRENCY_SYMBOLS = dict(_W.currency_symbols)
#: characters after 成/折/打 that make a word (成为, 折合, 打造), not a percent or a dozen
_CHENG_BLOCK = frozenset(_W.percent_word_blocked_before["成"])
_ZHE_BLOCK = frozenset(_W.percent_word_blocked_before["折"])
_DOZEN_BLOCK = frozenset(_W.percent_word_blocked_before["打"])
_RANGE_SEP = re.compile(rf"{_SP}*(?:-|~|—{{1,2}}|至|到){_SP}*")
_RANGE_FIRST = frozenset("-~—至到 \t")
#: approximation words between a number and its unit (1000余人, 100多家, 二十来个)
_APPROX_AFTER = frozenset("余多来")
#: where _right() looks for a unit: the first characters of unit forms, and spaces
_UNIT_OR_SPACE = _UNIT_START | frozenset(" \t")
#: the characters after a unit that _right() reads on with: compound money (5元3角), 一吨半, rates (元/吨)
_AFTER_UNIT = _CN_SET | frozenset("又0123456789半/每")
#: magnitude words shared by both ends of a range when written once (10至15亿元)
_SHARED_MAGNITUDES = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_VERB_LENGTHS = sorted({len(w) for w in _Q.verbs_before}, reverse=True)
_VERB_LAST = frozenset(w[-1] for w in _Q.verbs_before)
_FILLER_CHARS = frozenset(f[-1] for f in _Q.fillers)
#: the character just before a number that a verb before it can end with (its own or a filler's)
_VERB_OR_FILLER_LAST = _VERB_LAST | _FILLER_CHARS
_SUFFIXES = sorted(_Q.glued_suffix, key=len, reverse=True)
_SUFFIX_FIRST = frozenset(w[0] for w in _SUFFIXES)
#: the characters before a number that _left() attaches: 第, prefixes and currency symbols
_LEFT_CHARS = frozenset(("第", *_Q.glued_prefix, *_Q.magnitude_prefix, *_CURRENCY_SYMBOLS))


class _Attacher:
    """Part of :class:`~govreport_nlp.numerals.scanner._Scanner`: the words around a number."""

    norm: str
    n: int

    def _left(self, st: _State) -> None:
        """第, glued prefixes (近 约 超 逾; 过 上 破 before a bare magnitude), currency symbols.

        Called when the character before the number is one of _LEFT_CHARS."""
        norm = self.norm
        s = st.start
        if s == 0:
            return
        c = norm[s - 1]
        if c == "第" and st.form == "cardinal":
            st.ordinal = True
            st.form = "ordinal"
            st.start = st.core_start = s - 1
            return
        # 过亿元, 上百亿元, 数十家: a number that starts with a magnitude word takes more prefixes
        table = _Q.magnitude_prefix if (st.mag_only or norm[st.a] in _MAG_SET) else _Q.glued_prefix
        if c in table and not (s > 1 and norm[s - 2] in _PREFIX_BLOCK.get(c, ())):
            st.prefix_q = table[c]
            st.start = s - 1
        elif c in _CURRENCY_SYMBOLS and st.form == "cardinal":
            st.set_unit(_UNITS.get(_CURRENCY_SYMBOLS[c]))
            st.start = st.core_start = s - 1

    def _right(self, st: _State) -> None:
        """Approximation words, the unit (or 成/折/打), dates, compound money, 半 after the unit."""
        norm, n = self.norm, self.n
        run = st.run
        pos = k = st.end
        c = norm[k] if k < n else ""
        if c == " " or c == "\t":  # rare: spaces before the unit
            while k < n and norm[k] in " \t":
                k += 1
            c = norm[k] if k < n else ""
        # 1000余人, 100多家, 二十来个, 四百多
        if c in _APPROX_AFTER and not st.mag_only:
            u = _unit_at(norm, k + 1)
            nxt = norm[k + 1] if k + 1 < n else ""
            if u is not None or (c != "来" and (nxt == "" or not _is_cjk(nxt))):
                st.approx = True
                pos = k + 1
                k = pos
                c = norm[k] if k < n else ""
        u = None
        if run.trail_mag >= 0:  # 12千米, 2.3千克: the magnitude belongs to the unit
            u = _unit_at(norm, st.a + run.trail_mag)
            if u is not None and u[2][0] in "千百" and len(u[2]) > 1:
                st.value = run.before_mag if st.value >= 0 else -run.before_mag
                st.num_end = st.a + run.trail_mag
            else:
                u = None
        if u is None and st.unit is None and c in _UNIT_OR_SPACE:
            u = _unit_at(norm, pos)
        if st.unit is None and c in _DATE_FIRST:
            dm = _DATE_AFTER.match(norm, pos)
            if (
                dm
                and (u is None or (u[0] - pos <= len(dm.group("w")) and not u[3]))
                and not norm.startswith(_NOT_DATE, pos)
            ):
                st.date_word = dm.group("w")
                st.end = pos + len(st.date_word)
                return
        if u is not None and st.unit is None:
            uend, unit, _written, mod = u
            st.set_unit(unit)
            pos = uend
            if mod in ("多", "余"):
                st.approx = True
            elif mod == "半":
                st.value = Decimal(st.value) + Decimal("0.5")
        elif st.unit is None and not st.mag_only and c and c in "成折打":
            pos = self._percent_word(st, k, c, pos)
        # compound money, 半 and rates: what may follow a unit (one test for the three rules)
        if st.unit_obj is not None and pos < n and norm[pos] in _AFTER_UNIT:
            if (
                st.unit_obj.compounds
                and st.high is None
                and pos < n
                and (norm[pos] in _CN_SET or norm[pos] in "又0123456789")
            ):
                pos, st.value = self._compound(pos, st.unit_obj, st.value)
            # 一吨半, 两米半
            if (
                st.form != "percent"
                and pos < n
                and norm[pos] == "半"
                and (pos + 1 >= n or not _is_cjk(norm[pos + 1]) or norm[pos + 1] == "的")
                and not isinstance(st.value, Fraction)
                and st.value == st.value.to_integral_value()
            ):
                st.value = Decimal(st.value) + Decimal("0.5")
                pos += 1
            # rates: 35微克/立方米, 1.5万元每人 -> unit 微克/立方米, 元/人
            if pos < n and norm[pos] in "/每" and st.form != "percent":
                u2 = _unit_at(norm, pos + 1)
                if u2 is not None and not u2[3]:
                    st.unit = f"{st.unit}/{u2[1].unit}"
                    pos = u2[0]
        st.end = pos

    def _shared_unit(self, st: _State) -> None:
        """3.2和2.1个百分点, 分别为100、200家, 2022和2023年: the unit after the next number is shared."""
        norm, n = self.norm, self.n
        r = self.read_number(st.end + 1, allow_sign=False)
        if r is None or r.high is not None or r.fraction or r.percent or r.run.mag_only or r.start != st.end + 1:
            return
        if r.run.chinese != st.run.chinese:  # 3和五个: not one list
            return
        k = r.end
        if k < n and norm[k] in _DATE_FIRST:
            dm = _DATE_AFTER.match(norm, k)
            if dm and not _GE_RE.match(norm, k) and not norm.startswith(_NOT_DATE, k):
                st.date_word = dm.group("w")
                return
        u = _unit_at(norm, k)
        if u is not None and not u[3]:
            st.set_unit(u[1])

    def _percent_word(self, st: _State, k: int, c: str, pos: int) -> int:
        """三成 -> 30 %, 七成六 -> 76 %, 八五折 -> 85 %, 九折 -> 90 %; 十打 -> 120."""
        norm, n = self.norm, self.n
        run = st.run
        nxt = norm[k + 1] if k + 1 < n else ""
        if isinstance(st.value, Fraction) or st.high is not None or st.value <= 0:
            return pos
        v = Decimal(st.value)
        if c == "打":
            if nxt not in _DOZEN_BLOCK and not run.arabic:
                st.value = v * 12
                st.num_end = k + 1
                return k + 1
            return pos
        if nxt in (_CHENG_BLOCK if c == "成" else _ZHE_BLOCK):
            return pos
        txt = norm[st.a : st.run_end].replace(" ", "").replace("\t", "")
        pct = None
        if c == "成":
            if v <= 10:
                pct = v * 10
        elif txt == "半":
            pct = Decimal(50)
        elif v < 10:
            pct = v * 10
        elif v < 100 and "十" not in txt and (run.digits or (run.arabic and "." not in txt)):
            pct = v
        if pct is None:
            return pos
        pos = k + 1
        if c == "成":  # 七成六, 三成半
            j = pos
            while j < n and norm[j] in " \t":
                j += 1
            if j < n and norm[j] == "半":
                pct += 5
                pos = j + 1
            elif j < n and norm[j] in _DNZ and _DIGITS[norm[j]] < 10 and (j + 1 >= n or norm[j + 1] not in _CN_SET):
                pct += _DIGITS[norm[j]]
                pos = j + 1
        st.value = pct
        st.set_unit(_UNITS.get("%"))
        return pos

    def _compound(self, pos: int, unit: Unit, value):
        """5元3角6分, 两美元又三美分 -> the value in the main unit."""
        norm, n = self.norm, self.n
        total = Fraction(value)
        p = pos
        used = False
        while p < n:
            q = p + 1 if norm[p] in "又零" else p
            m = _RUN.match(norm, q)
            if not m:
                break
            r = _read_run(norm[q : m.end()])
            if r is None or r.high is not None:
                break
            e = q + r.end
            hit = next((c for c in unit.compounds if norm.startswith(c, e)), None)
            if hit is None:
                break
            total += Fraction(r.value) * _UNITS.get(hit).factor / unit.factor
            p = e + len(hit)
            used = True
        return (p, total) if used else (pos, value)

    def _range(self, st: _State) -> None:
        """3-5个, 3至5%, 三到五个, 10%-15%, 2021-2025年."""
        norm, n = self.norm, self.n
        end = st.end
        if end >= n or norm[end] not in _RANGE_FIRST:
            return
        m = _RANGE_SEP.match(norm, end)
        if not m or m.end() >= n:
            return
        sep = m.group().strip(" \t")
        j = m.end()
        if sep in ("至", "到") and norm[end - 1] in "增降提减升压缩":
            return
        if sep == "-" and norm[j] == "-":
            return
        r = self.read_number(j, allow_sign=False)
        if r is None or r.high is not None or r.fraction or r.percent or r.run.mag_only:
            return
        hend = r.end
        if sep == "-" and hend < n and norm[hend] == "-":
            return
        dm = _DATE_AFTER.match(norm, hend) if hend < n and norm[hend] in _DATE_FIRST else None
        if dm and not _GE_RE.match(norm, hend):
            if st.unit is not None:
                return
            st.date_word = dm.group("w")
            hend += len(st.date_word)
        else:
            u = _unit_at(norm, hend)
            if u is not None:
                if st.unit is not None and u[1].unit != st.unit:
                    return
                if st.unit is None:
                    st.set_unit(u[1])
                hend = u[0]
            elif st.unit is not None:
                return
        st.high = r.value
        st.end = hend
        st.form = "range"
        self._shared_magnitude(st, r)

    def _percent_range(self, st: _State) -> None:
        """百分之五到百分之六, 百分之五至六: a range of percents written out."""
        norm, n = self.norm, self.n
        m = _RANGE_SEP.match(norm, st.end)
        if not m or m.end() >= n or m.group().strip(" \t") not in ("至", "到"):
            return
        r = self.read_number(m.end(), allow_sign=False)
        if r is None or r.high is not None or r.fraction or (r.run.mag_only and not r.percent):
            return
        if not r.percent and (r.run.arabic or (r.end < n and norm[r.end] in _UNIT_START)):
            return  # 百分之五至6个 is no range of percents
        if Fraction(r.value) <= Fraction(st.value):
            return
        st.high = r.value
        st.end = r.end
        st.form = "range"

    def _shared_magnitude(self, st: _State, r) -> None:
        """10至15亿元, 1.2~1.5万元, 三十至四十万: a magnitude word written once after the high end
        applies to the low end too (not to 三百至五百, where each end has its own)."""
        norm = self.norm
        low = norm[st.a : st.run_end]
        high = norm[r.run_start : r.run_start + r.run.end]
        k = len(high)
        while k > 0 and high[k - 1] in _SHARED_MAGNITUDES:
            k -= 1
        if k == len(high) or k == 0 or not low or low[-1] in _SHARED_MAGNITUDES or st.percent:
            return
        factor = 1
        for c in high[k:]:
            factor *= _SHARED_MAGNITUDES[c]
        st.value = st.value * factor

    def _suffix(self, st: _State) -> None:
        """Glued bound words: 以上 以内 以下 内 左右 上下, and 余/多 after a unit before punctuation."""
        norm, n = self.norm, self.n
        end = st.end
        for w in _SUFFIXES:
            if not norm.startswith(w, end):
                continue
            after = end + len(w)
            if w in ("余", "多") and (st.unit is None or (after < n and _is_cjk(norm[after]))):
                continue
            if w == "内" and st.unit is None and st.form != "percent":
                continue
            if any(norm.startswith(b, after) for b in _Q.suffix_blocked_before.get(w, ())):
                continue
            st.suffix_q = _Q.glued_suffix[w]
            st.suffix_word = w
            st.end = after
            return

    def _qualify(self, st: _State) -> None:
        q = "approx" if st.approx else "exact"
        if st.prefix_q and q == "exact":
            q = st.prefix_q
        if st.suffix_q:
            q = st.suffix_q
        if st.start and self.norm[st.start - 1] in _VERB_OR_FILLER_LAST and q == "exact" and not st.ordinal:
            vq = self._verb_before(st.start)
            if vq:
                q = vq
                st.verb_q = True
        st.qualifier = q

    def _verb_before(self, start: int) -> Optional[str]:
        norm = self.norm
        if start == 0 or (
            norm[start - 1] not in _VERB_LAST
            and not (start > 1 and norm[start - 1] in _FILLER_CHARS and norm[start - 2] in _VERB_LAST)
        ):
            return None
        window = norm[max(0, start - 6) : start]
        for f in _Q.fillers:
            if window.endswith(f):
                window = window[: -len(f)]
                break
        verbs = _Q.verbs_before
        for k in _VERB_LENGTHS:
            q = verbs.get(window[-k:])
            if q is not None:
                return q
        return None
