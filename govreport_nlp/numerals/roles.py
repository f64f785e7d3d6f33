"""Why a number is not a quantity: dates, periods, names, slogans, list markers, ratios,
thresholds, articles (see :data:`~govreport_nlp.numerals.base.ROLES`).

Word lists: ``numerals/data/numeral_words.json`` (session and policy words, words after 第N,
characters before an article 一, ...) and ``numerals/data/qualifiers.json`` (threshold suffixes).
"""

from __future__ import annotations

import re
from typing import Optional

from .chars import _ASCII_LETTERS, _BIG_SET, _CN_SET, _DNZ, _MAG_SET, _is_ascii_alnum, _is_cjk
from .folding import _both
from .lexicon import _Q, _UNITS, _W
from .state import _State
from .unitmatch import _SINGLE_CHAR_UNITS
from .values import _read_run
from .words import _DATE_AFTER, _DATE_FIRST

_LIST_PREV = _both('。;!?:\n\r\t ,、(“"【[')
_CLAUSE_PREV = _both("。;!?:\n\r\t ")
_PUNCT_FOLLOW = _both("。;!?:,、)】]”\"'》」』.…—\n\r\t ")
_COLON = _both(":")
_OPEN = _both("(")
_CLOSE = _both(")")
#: a lone financial digit that is also a common word character (队伍, 大陆, 收拾, 放肆)
_AMBIGUOUS_FINANCIAL = frozenset(_W.ambiguous_financial_digits)
#: after 第N: a list marker (第一条), not a name
_ORDINAL_LIST = tuple(_W.ordinal_list_words)
#: after 第N: not the rank words 名/位 (第一名单, 第三位于)
_NOT_RANK = tuple(_W.not_rank_words)
#: before 一 + classifier these make it "the previous/next/each one", not a count
_ARTICLE_BEFORE = frozenset(_W.article_before)
_SESSION_WORDS = tuple(_W.session_words)
_POLICY_WORDS = tuple(_W.policy_words)
#: 十四五, 十五: a five-year plan
_PLAN = re.compile(r"(?:十[一二三四五六七八九]|[六七八九])五$")
_CLOCK_AFTER = re.compile(r"[:：][0-9]{2}(?![0-9.:：])")
_CLOCK_BEFORE = re.compile(r"(?:^|[^0-9.:：])[0-9]{1,2}[:：]$")
#: before a bare magnitude with a unit these keep it a quantity (达到千万元)
_MAG_LINK = tuple(_W.magnitude_link_words)
#: 强 + these is a word (强化), not the 强 of 世界500强
_NOT_STRONG = tuple(_W.not_strong_words)
_THRESHOLD_SUFFIX = frozenset(_Q.threshold_suffix)
#: heads of a fixed phrase opened by a numeral and a classifier (十件民生实事)
_PHRASE_HEAD = (
    re.compile(r"[\u4e00-\u9fff]{0,6}?(?:%s)" % "|".join(map(re.escape, _W.phrase_heads)))
    if _W.phrase_heads
    else re.compile(r"(?!)")
)
#: units after which a number may be a name or no number at all (二十条措施, 一番努力)
_WORD_UNITS = frozenset("番条次期届")
#: classifiers that open such a phrase
_PHRASE_CLASSIFIERS = frozenset("件项个桩")
#: _threshold() can only find a threshold with a bare magnitude, a suffix word, or these
#: characters after or before the number: keep them in step with its rules
_THRESHOLD_FOLLOW = frozenset("级强")
_THRESHOLD_BEFORE = frozenset("前")


class _RoleRules:
    """Part of :class:`~govreport_nlp.numerals.scanner._Scanner`: the role of a number."""

    norm: str
    n: int
    bare: bool
    _has_books: bool  # 《 in the text: in_book() can be true
    _has_quotes: bool  # a quotation mark in the text: in_quotes() can be true

    def _ordinal(self, st: _State) -> None:
        """第N: a rank (unit 名) unless a noun follows (第十五人民医院, 第一条, 第三季度)."""
        norm, n = self.norm, self.n
        st.set_unit(_UNITS.get("名"))
        st.form = "ordinal"
        k = st.end
        c = norm[k] if k < n else ""
        if c and c in "名位" and not norm.startswith(_NOT_RANK, k):
            st.end = st.core_end = k + 1
        elif c and c not in _PUNCT_FOLLOW and c not in "和与及":
            if norm.startswith(_ORDINAL_LIST, k):
                st.role = "list_marker"
                return
            dm = _DATE_AFTER.match(norm, k) if c in _DATE_FIRST else None
            if dm and dm.group("w") in ("季度", "年度", "年", "月", "日", "世纪"):
                st.date_word = dm.group("w")
                st.role = "date"
                st.end = st.core_end = k + len(st.date_word)
                return
            st.role = "name"
            st.unit = st.unit_obj = None
        elif c and c in "，,、" and (st.start == 0 or norm[st.start - 1] in _CLAUSE_PREV):
            st.role = "list_marker"

    def _role(self, st: _State) -> Optional[str]:
        """Why the numeral is not a quantity; None for quantities, "drop" for what is not returned."""
        norm, n = self.norm, self.n
        run = st.run
        a, start, end = st.a, st.start, st.end
        unit, form = st.unit, st.form
        text_num = norm[a : st.run_end]
        before = norm[start - 1] if start > 0 else ""
        follow = norm[end] if end < n else ""
        if run.weak and text_num in _AMBIGUOUS_FINANCIAL:
            return "drop"
        # identifiers: B12, 4A级, 5G, A2021...
        if run.arabic and ((a > 0 and norm[a - 1] in _ASCII_LETTERS) or (unit is None and follow in _ASCII_LETTERS)):
            return "name"
        if self._has_books and self.in_book(start, end):
            return "name"
        if st.date_word:
            return self._date_role(st, text_num, before)
        if st.prefix_q and norm[start] == "近" and norm.startswith("年", end):
            return "period"
        if unit is None and len(text_num) >= 2 and _PLAN.search(text_num):
            st.value, st.high, st.form, st.qualifier = _read_run(text_num[:-1]).value, None, "cardinal", "exact"
            return "period"  # 十四五: the 14th five-year plan
        # slogans: “三个一批”, 一企一策, “1+9”
        if st.chinese_only and self._has_quotes and self.in_quotes(start, end):
            return "slogan"
        if (follow == "+" and end + 1 < n and _is_ascii_alnum(norm[end + 1])) or (
            before == "+" and start > 1 and _is_ascii_alnum(norm[start - 2])
        ):
            return "slogan"
        if (
            st.chinese_only
            and st.run_end - a == 1
            and unit is None
            and form == "cardinal"
            and self._parallel(a, st.run_end)
        ):
            return "slogan"
        if unit is None and form == "cardinal":
            lm = self._list_marker(st)
            if lm:
                return lm
            if run.arabic and (follow in _COLON or before in _COLON):
                r = self._ratio(st)
                if r:
                    return r
        if st.mag_only or st.suffix_word is not None or follow in _THRESHOLD_FOLLOW or before in _THRESHOLD_BEFORE:
            t = self._threshold(st, before, follow)
            if t:
                return t
        if form in ("percent", "fraction", "ordinal"):
            return None
        if unit is None:
            if run.weak or run.digits or (run.pair and st.chinese_only and _MAG_SET.isdisjoint(text_num)):
                return "bare" if self.bare and not run.digits else "drop"
            if not _BIG_SET.isdisjoint(text_num):
                return None  # 4.8万农村贫困人口, 突破370万: a magnitude makes it a quantity
            if (_is_cjk(follow) or follow in _ASCII_LETTERS) and follow not in "和与及或等":
                return "name"
            return "unitless"
        if unit in _WORD_UNITS:  # the units of the four rules below
            if unit == "番" and before != "翻":
                return "drop"  # 翻两番 doubles twice; 一番努力 is "a round of effort"
            if unit == "条" and any(norm.startswith(_POLICY_WORDS, end + k) for k in range(3)):
                return "name"  # 二十条措施
            if unit == "次" and norm.startswith(_SESSION_WORDS, end):
                return "name"  # 人大三次会议
            if unit in ("期", "届") and (
                (_is_cjk(follow) and follow not in "和与及或") or (follow == "、" and st.chinese_only)
            ):
                return "name"  # 二期工程, 一期、二期, 十九届五中全会
        if form == "cardinal" and (st.chinese_only or unit in _PHRASE_CLASSIFIERS) and self._fixed_phrase(st, text_num):
            return "slogan"  # 办好十件民生实事, 三番五次, 千家万户
        if (
            st.chinese_only
            and text_num == "一"
            and st.unit_obj.family == "count"
            and form == "cardinal"
            and (_is_cjk(follow) or before in _ARTICLE_BEFORE)
        ):
            return "article"  # 一批项目, 一条通道, 上一篇
        return None

    def _fixed_phrase(self, st: _State, text_num: str) -> bool:
        """A numeral in a fixed phrase, by the shape of the phrase: numeral + classifier + a head of
        ``phrase_heads`` (十件民生实事, 三件大事), or an idiom of two one-character numerals in four
        characters, N X N Y (三番五次, 千家万户, 一心一意)."""
        norm, n, a = self.norm, self.n, st.a
        if st.unit in _PHRASE_CLASSIFIERS and st.end - st.run_end == 1 and _PHRASE_HEAD.match(norm, st.end):
            return True
        if not st.chinese_only or len(text_num) != 1 or st.end - a != 2:
            return False
        for k in (a, a - 2):  # the numeral opens the idiom or is its third character
            if k < 0 or k + 4 > n:
                continue
            w = norm[k : k + 4]
            outside = (norm[k - 1] if k > 0 else "") + (norm[k + 4] if k + 4 < n else "")
            if (
                w[0] in _CN_SET
                and w[2] in _CN_SET
                and _is_cjk(w[1])
                and _is_cjk(w[3])
                and w[1] not in _CN_SET
                and w[3] not in _CN_SET
                and w[1] not in "年月日天周岁"
                and _CN_SET.isdisjoint(outside)
            ):
                return True
        return False

    def _date_role(self, st: _State, text_num: str, before: str) -> str:
        w = st.date_word
        if w == "年":
            if st.form == "range":
                return "period"
            if st.run.digits or (
                st.run.arabic and not st.run.chinese and len(text_num) == 4 and 1000 <= st.value < 3000
            ):
                return "date"
            return "period"
        if w in ("年代", "周年", "世纪"):
            return "period"
        if w == "号" and before != "月":
            return "name"
        return "date"

    def _ratio(self, st: _State) -> Optional[str]:
        """9.7:47.3:43 -> ratio; 14:30 -> date (a clock time)."""
        norm, n = self.norm, self.n
        start, end = st.start, st.end
        if end + 1 < n and norm[end] in _COLON and norm[end + 1].isdigit():
            if _CLOCK_AFTER.match(norm, end) and 0 <= st.value <= 24 and not (start > 0 and norm[start - 1] in _COLON):
                return "date"
            return "ratio"
        if start > 1 and norm[start - 1] in _COLON and norm[start - 2].isdigit():
            if (
                _CLOCK_BEFORE.search(norm[max(0, start - 4) : start])
                and re.fullmatch(r"[0-9]{2}", norm[start:end])
                and not (end < n and norm[end] in _COLON)
            ):
                return "date"
            return "ratio"
        return None

    def _threshold(self, st: _State, before: str, follow: str) -> Optional[str]:
        """亿元以上项目, 过亿元企业, 世界500强, 前10名, 百亿级; bare magnitudes elsewhere are dropped.

        Called only when one of its rules can apply (see _THRESHOLD_FOLLOW and _THRESHOLD_BEFORE)."""
        norm = self.norm
        end, unit = st.end, st.unit
        if (
            st.suffix_word in _THRESHOLD_SUFFIX
            and _is_cjk(follow)
            and not any(norm.startswith(w, end) for w in _Q.threshold_exempt)
        ):
            return "threshold"
        if follow == "级" and not norm.startswith("级别", end) and (unit is None or st.unit_obj.kind != "count"):
            if st.mag_only or unit is not None:
                return "threshold"
            return "name" if not st.run.weak else "drop"
        if follow == "强" and unit is None and not norm.startswith(_NOT_STRONG, end):
            return "threshold"
        if unit in ("名", "位") and before == "前" and not (st.start > 1 and norm[st.start - 2] == "提"):
            return "threshold"
        if st.mag_only:
            if st.prefix_q and unit is not None:
                # 过亿元企业 is a category; 逾千家企业 counts the companies
                return "threshold" if (_is_cjk(follow) and st.unit_obj.kind != "count") else None
            if unit is not None and st.suffix_word in _THRESHOLD_SUFFIX:
                return "threshold"
            if unit is not None and (st.verb_q or norm[max(0, st.start - 2) : st.start].endswith(_MAG_LINK)):
                return None  # 突破百亿元, 达到千万元: a bare magnitude stated after a verb
            return "drop"
        return None

    def _parallel(self, a: int, b: int) -> bool:
        """一企一策, 三化三制: digit X digit Y, X a character that is not a unit."""
        norm, n = self.norm, self.n
        if (
            b + 2 < n
            and _is_cjk(norm[b])
            and norm[b] not in _CN_SET
            and norm[b + 1] in _DNZ
            and _is_cjk(norm[b + 2])
            and norm[b + 2] not in _CN_SET
            and (norm[b] not in _SINGLE_CHAR_UNITS or norm[a] == norm[b + 1] == "一")
        ):
            return True
        return (
            a >= 2
            and _is_cjk(norm[a - 1])
            and norm[a - 1] not in _CN_SET
            and norm[a - 2] in _DNZ
            and (a < 3 or norm[a - 3] not in _CN_SET)
            and b < n
            and _is_cjk(norm[b])
            and norm[b] not in _CN_SET
            and (norm[a - 1] not in _SINGLE_CHAR_UNITS or norm[a] == norm[a - 2] == "一")
        )

    def _list_marker(self, st: _State) -> Optional[str]:
        """一是, （一）, 一、 and 1. at the start of a clause."""
        norm, n = self.norm, self.n
        start, end = st.start, st.end
        prev = norm[start - 1] if start > 0 else "\n"
        nxt = norm[end] if end < n else ""
        if st.chinese_only and nxt == "是" and prev in _LIST_PREV:
            return "list_marker"
        if prev in _OPEN and nxt in _CLOSE and (start < 2 or norm[start - 2] in _LIST_PREV):
            return "list_marker"
        if nxt == "、" and prev in _CLAUSE_PREV:
            return "list_marker"
        if st.run.arabic and nxt == "." and prev in _CLAUSE_PREV and end + 1 < n and not norm[end + 1].isdigit():
            return "list_marker"
        return None
