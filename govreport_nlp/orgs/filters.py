"""Filters over the ORG candidates.

* A name that opens the object of an award trigger and holds a title word is part of the title
  (获评江苏省示范乡镇卫生院, 福建省政府质量奖); ``title_quality_words`` in ``org_rules.json``.
* A bare short name that the text also writes as a place (寿光 … 寿光市) is that place.
* Congress sessions and plenums are events (二十届三中全会, 十四届全国人大一次会议, 省委十一届五次全会):
  a body written right after 届 or right before a session number is not tagged.
* 我省江淮汽车: a short name does not take the level character of a self-reference (我省, 本市).
"""

from __future__ import annotations

import re

from ..lexicon import CJK, trie_regex
from .boundaries import first_of
from .candidates import Candidate
from .cues import AwardCues
from .gazetteer import Gazetteer

__all__ = ["TitleFilter", "drop_place_stems", "drop_sessions", "strip_self_reference", "drop_product_subjects"]

_PLACE_TAIL = "市县区镇乡旗"
_SHORT_NAME_SOURCES = ("list", "subject", "facility")
_PRIZE_AFTER_RE = re.compile(f"[{CJK}]{{0,6}}?奖")
_NUM = "[一二三四五六七八九十0-9]"
# 二次会议, 第三次全体会议, 三中全会, 全会: what follows a body in the name of a session
_SESSION_AFTER_RE = re.compile(
    f"(?:{_NUM}+届(?:{_NUM}+次|{_NUM}+中)?(?:全体会议|全会|会议)|第?{_NUM}+次(?:全体|代表)?会议"
    f"|常委会第?{_NUM}+次会议|{_NUM}*中?全会)"
)
_LEVEL_CHARS = "省市区县州"
# what a product is called (盾构机, 新能源客车, 疫苗): a subject ending so after a known name is that product
_PRODUCT_END_RE = re.compile("(?:机|机组|客车|货车|汽车|重卡|船|器|仪|剂|疫苗|芯片|产品|系列|品牌)$")
_OBJECT_END_RE = re.compile('[,;:。!?、“”"\n]')


class TitleFilter:
    """Drop institution words that open an award title."""

    def __init__(self, rules: dict, cues: AwardCues, gazetteer: Gazetteer) -> None:
        self.cues = cues
        self.gazetteer = gazetteer
        self._quality_re = re.compile("(?:" + trie_regex(rules.get("title_quality_words", [])) + ")")

    def __call__(self, f: str, cands: list[Candidate], triggers: list[re.Match[str]] | None = None) -> list[Candidate]:
        """An institution word that opens an award title is part of the title (获评江苏省示范乡镇卫生院);
        ``triggers``: those of :meth:`AwardCues.triggers`, if searched already."""
        starts = self.cues.object_starts(f, triggers)
        if not starts:
            return cands
        known = self.gazetteer.names
        # the stretch of each award object up to its clause end: an institution word ending there
        # after a title word is the title's head (全国改善就医感受提升患者体验典型医院)
        ends = {}
        for st in starts:
            ends[first_of(_OBJECT_END_RE, f, st, 40)] = st
        out = []
        for s, e, src in cands:
            if s in starts and src in ("suffix", "gazetteer") and f[s:e] not in known:
                if self._quality_re.search(f, s, e):
                    continue
                if _PRIZE_AFTER_RE.match(f[e : e + 7]):
                    continue  # 福建省政府质量奖
            if (
                src == "suffix"
                and e in ends
                and ends[e] < s
                and f[s:e] not in known
                and self._quality_re.search(f, s, e)
            ):
                continue
            out.append((s, e, src))
        return out


def drop_place_stems(f: str, cands: list[Candidate]) -> list[Candidate]:
    """A bare short name that the text itself writes as a place (寿光 … 寿光市) is that place."""
    names = {f[s:e] for s, e, src in cands if src in _SHORT_NAME_SOURCES and 2 <= e - s <= 4}
    if not names:
        return cands
    places = {n for n in names if any(n + c in f for c in _PLACE_TAIL)}
    if not places:
        return cands
    return [(s, e, src) for s, e, src in cands if not (src in _SHORT_NAME_SOURCES and f[s:e] in places)]


def drop_sessions(f: str, cands: list[Candidate]) -> list[Candidate]:
    """十四届全国人大二次会议, 二十届三中全会: sessions and plenums are events, not ORGs."""
    # every name of a session ends with 会 (会议, 全会): without one the text names no session after a body
    sessions = "会" in f
    out = []
    for s, e, src in cands:
        if (s > 0 and f[s - 1] == "届") or (sessions and _SESSION_AFTER_RE.match(f, e)):
            continue
        out.append((s, e, src))
    return out


def strip_self_reference(f: str, cands: list[Candidate]) -> list[Candidate]:
    """我省江淮汽车 → 江淮汽车: the level character of 我省/本市 opens no short name."""
    out = []
    for s, e, src in cands:
        if (
            src not in ("suffix", "gazetteer")
            and e - s >= 3
            and s > 0
            and f[s] in _LEVEL_CHARS
            and f[s - 1] in "我本全"
        ):
            s += 1
        out.append((s, e, src))
    return out


def drop_product_subjects(f: str, cands: list[Candidate]) -> list[Candidate]:
    """中铁装备盾构机荣获…: a subject that starts with a known name and runs on names a product;
    the organisation is the known name (the gazetteer candidate), not the whole subject."""
    known_at: dict = {}
    for s, e, src in cands:
        if src == "gazetteer":
            known_at[s] = max(known_at.get(s, 0), e)
    return [
        (s, e, src)
        for s, e, src in cands
        if not (src == "subject" and s in known_at and known_at[s] < e and _PRODUCT_END_RE.search(f, known_at[s], e))
    ]
