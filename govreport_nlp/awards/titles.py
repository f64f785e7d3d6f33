"""What an award object holds: items split on 、, cleaned, and kept when they read as titles.

* The object is a list split on top-level 、 (and on 和/及/与 when a level prefix follows),
  never inside quotes or brackets; a bare level word shares the next head (国家级、省级…社区).
* An item loses a leading 了/为/建设…, a year (2023年度), trailing counts, 等荣誉/称号/殊荣
  (``trailing``), a streak (“三连冠”) and outer quotes.
* It counts when it ends with an honour head (``heads``: 先进单位, 示范区, 银杯, 试点 …) or,
  after a strong trigger, starts with a level prefix; ranks (第一名), statuses (首家…, 唯一…),
  amounts and ``negative_heads`` (…资金, …项目) never count.
"""

from __future__ import annotations

import re

from ..lexicon import alternation, trie_regex
from ..lexicon.wordset import WordSet
from .grammar import (
    PROTECTED_RE,
    QUANTITY_TAIL_LAST,
    QUANTITY_TAIL_RE,
    STREAK_LAST,
    STREAK_RE,
    YEAR_FIRST,
    YEAR_RE,
    end_chars,
    first_chars,
    table,
)
from .level import LevelReader

__all__ = ["TitleRules"]

# a title followed by a short tail verb phrase: 国家级示范区并授牌
_TAIL_CUT_RE = re.compile(r"并|且|后|以来")
# the last characters of a text the quantity and streak tails can match (``$`` also matches before "\n")
_QUANTITY_ENDS = QUANTITY_TAIL_LAST + "\n"
_STREAK_ENDS = STREAK_LAST + "\n"
# where an object is split: 、 and 以及/和/及/与 (before a level prefix); “A”“B”: between adjacent quoted titles
_SEPARATOR_RE = re.compile(r"、|以及|和|及|与")
_QUOTE_CUT_RE = re.compile(r"(?<=”)(?=“)")
# a separator or a quote cut can only be where one of these is (以及 holds 及)
_MAY_SPLIT_RE = re.compile(r"[、和及与]|”“")


class TitleRules:
    """Split, clean and check award items, compiled from the AWARD grammar. Picklable."""

    def __init__(self, data: dict, level: LevelReader) -> None:
        self.level = level
        trailing = sorted(set(data["trailing"]), key=len, reverse=True)
        self._trailing_re = re.compile("(?:" + trie_regex(trailing) + ")$")
        # an item ending with none of them (nor with a newline, before which ``$`` matches too) has none
        self._trailing_ends = (*trailing, "\n")
        heads = set(data["heads"])
        ent_words = data.get("enterprise_title_words", [])
        self._head_re = re.compile("(?:" + trie_regex(heads) + ")$")
        self._head_words = WordSet(heads)  # what _head_re finds (suffix()), by look-ups
        self._ent_re = re.compile("(?:" + trie_regex(ent_words) + ")企业$") if ent_words else None
        self._weak_heads = set(data.get("weak_heads_need_title", []))
        # a status (首家, 唯一 …) or a rank (排名, 第一名 …): one search finds either
        self._status_rank_re = re.compile(
            "(?:"
            + trie_regex(data.get("status_markers", []))
            + ")|(?:"
            + trie_regex(data.get("rank_markers", []))
            + r")|第[0-9一二三四五六七八九十]+(?:名|位)"
        )
        negative = data.get("negative_heads", [])
        self._neg_re = re.compile("(?:" + trie_regex(negative) + ")$")
        self._neg_last = end_chars(negative)
        self._money_re = re.compile(r"[0-9][0-9.]*(?:万|亿)?" + alternation(table(data, "amount_units")))
        # the leading words clean() strips, each regex tried only on an item starting with a first character of its words
        verbs, leads = data.get("title_leading_verbs", []), data.get("title_leading_words", [])
        self._title_verb_re = re.compile("(?:" + trie_regex(verbs) + ")")
        self._title_verb_first = first_chars(verbs)
        self._title_lead_re = re.compile("(?:" + trie_regex(leads) + ")")
        self._title_lead_first = first_chars(leads)
        self._grade_re = re.compile("(?:" + trie_regex(data.get("grade_prefixes", [])) + ")")
        # 全省唯一一个“中国茶叶名城”: a scope and a status word between the trigger and a quoted title
        mods = table(data, "intervening_modifiers")
        self._modifier_re = re.compile(
            "(?:全国|全省|全市|全区|全县|全州|省内|市内|国内)?(?:" + trie_regex(mods) + ')(?:个|家|所)?(?=[“"])'
        )

    def strip_modifier(self, off: int, item: str) -> tuple[int, str]:
        """Drop a scope and status modifier before a quoted title (全省唯一一个“中国茶叶名城” → “中国茶叶名城”)."""
        if "“" not in item and '"' not in item:
            return off, item  # (the modifier needs a quote after it)
        m = self._modifier_re.match(item)
        if m and m.end() < len(item):
            return off + m.end(), item[m.end() :]
        return off, item

    def is_status_or_rank(self, item: str) -> bool:
        """首家…, 唯一…, 排名…, 第一名: a status or a rank, never a title."""
        return self._status_rank_re.search(item) is not None

    def split(self, obj: str, base: int) -> list[tuple[int, str]]:
        """Split an object on top-level 、 (and 和/及/与 before a level prefix); offsets start at ``base``."""
        if not _MAY_SPLIT_RE.search(obj):
            return [(base, obj)]  # one item (a bare level word alone stays as it is)
        level = self.level
        protected = bytearray(len(obj))
        for m in PROTECTED_RE.finditer(obj):
            protected[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        cuts: list[tuple[int, int]] = []  # (sep_start, sep_end)
        if "”“" in obj:  # “A”“B”: adjacent quoted titles
            cuts.extend((m.start(), m.start()) for m in _QUOTE_CUT_RE.finditer(obj))
        for m in _SEPARATOR_RE.finditer(obj):
            if protected[m.start()]:
                continue
            if m.group() != "、" and not level.starts_with_level(obj[m.end() :]):
                continue
            cuts.append(m.span())
        cuts.sort()
        items = []
        pos = 0
        for s, e in cuts:
            items.append((base + pos, obj[pos:s]))
            pos = e
        items.append((base + pos, obj[pos:]))
        # a bare level word shares the next item's head: 国家级、省级老年友好社区
        merged: list[tuple[int, str]] = []
        carry: tuple[int, str] | None = None
        for off, it in items:
            if carry is not None:
                off, it = carry[0], obj[carry[0] - base : off - base + len(it)]
                carry = None
            if level.is_pure_level(it) and level.prefix_re.fullmatch(it):
                carry = (off, it)
                continue
            merged.append((off, it))
        if carry is not None:
            merged.append(carry)
        return merged

    def clean(self, off: int, item: str) -> tuple[int, str]:
        """Strip leading 了/为/建设…, trailing counts, 等荣誉/称号 … and outer quotes."""
        while item and item[0] in "了为":
            off, item = off + 1, item[1:]
        # each leading pattern is tried only when the item starts the way the pattern must start
        ym = YEAR_RE.match(item) if item[:1] in YEAR_FIRST else None
        if ym and ym.end() < len(item):
            off, item = off + ym.end(), item[ym.end() :]  # 入选2021年度全国百强县 → 全国百强县
        tl = self._title_lead_re.match(item) if item[:1] in self._title_lead_first else None
        if tl and len(item) - tl.end() >= 4:
            off, item = off + tl.end(), item[tl.end() :]  # 获批新增博士学位授予单位
        lv = self._title_verb_re.match(item) if item[:1] in self._title_verb_first else None
        if lv and self.level.prefix_at(item, lv.end()):
            off, item = off + lv.end(), item[lv.end() :]  # 获批建设国家…试点 → 国家…试点
        changed = True
        while changed and item:
            changed = False
            # each tail pattern is searched only when the item ends the way the pattern must end
            # (or with a newline: ``$`` matches before a final one too)
            qm = QUANTITY_TAIL_RE.search(item) if item[-1] in _QUANTITY_ENDS else None
            if qm and qm.start() > 0:
                item, changed = item[: qm.start()], True
            tm = self._trailing_re.search(item) if item.endswith(self._trailing_ends) else None
            if tm and tm.start() > 0:
                item, changed = item[: tm.start()], True
            sm = STREAK_RE.search(item) if item[-1] in _STREAK_ENDS else None
            if sm and sm.start() > 0:
                item, changed = item[: sm.start()], True
        if len(item) >= 2 and item[0] in '“"' and item[-1] in '”"':
            inner = item[1:-1]
            if "“" not in inner and "”" not in inner and '"' not in inner:
                off, item = off + 1, inner
        return off, item

    def title(
        self, item: str, weak: bool, need_level: bool, quoted_honour: bool = False, screened: bool = False
    ) -> str | None:
        """The title part of ``item`` or None when it does not read as a title.

        ``quoted_honour``: the item was written in quotes right after an honour verb (捧得“一星平安金鼎”),
        which makes it a title without a level or an honour head.
        ``screened``: :meth:`is_status_or_rank` was false for a text ``item`` is part of (then it is for
        ``item`` too: the status and rank patterns have no anchors or lookarounds), so it is not asked again.
        """
        if (
            quoted_honour
            and 2 <= len(item) <= 20
            and not (
                (not screened and self.is_status_or_rank(item))
                or self._neg_at_end(item)
                or self._money_re.search(item)
                or "的" in item
            )
        ):
            return item
        if not (3 <= len(item) <= 48):
            return None
        if not screened and self.is_status_or_rank(item):
            return None
        if self._money_re.search(item):
            return None
        nm = self._neg_at_end(item)
        if nm:
            hm = self._head_re.search(item)
            if not (hm and hm.start() < nm.start()):
                return None  # …资金, …项目; a designation whose head holds the word stays (…示范项目)
        if weak and len(item) < 6:
            return None
        title = None
        if self.head_ok(item):
            title = item
        elif item.endswith("之一") and self.head_ok(item[:-2]):
            title = item
        else:
            # a title followed by a short tail verb phrase: 国家级示范区并授牌
            protected = {i for pm in PROTECTED_RE.finditer(item) for i in range(pm.start(), pm.end())}
            for m in _TAIL_CUT_RE.finditer(item):
                pre = item[: m.start()]
                if m.start() not in protected and pre and self.head_ok(pre):
                    title = pre
                    break
        if title is None:
            if not weak and nm is None and self.level.read(item) is not None:
                title = item
            else:
                return None
        if weak:
            if "的" in PROTECTED_RE.sub("", title):
                return None
            if need_level and self.level.read(item) is None and not self._grade_re.match(title):
                return None  # 成功创建三级乙等综合医院: a grade counts as a level
        return title

    def _neg_at_end(self, item: str) -> re.Match | None:
        """``item`` ends with a negative head (…资金, …项目); searched only when its last character may end one."""
        return self._neg_re.search(item) if item[-1:] in self._neg_last else None

    def head_ok(self, s: str) -> bool:
        """Ends with an honour head (or …企业 after an enterprise title word), not a weak one alone."""
        s = s.rstrip('”"')
        head = self._head_words.suffix(s)
        if head is None:
            if s.endswith("企业") and self._ent_re and self._ent_re.search(s):
                return True
            return False
        return head not in self._weak_heads
