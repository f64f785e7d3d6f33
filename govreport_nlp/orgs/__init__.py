"""Find organisation names (ORG) in Chinese government work reports.

Pure rules over characters: no spaCy here. The spaCy component calls
:class:`OrgFinder` on the whole document text and maps the character offsets
back to tokens.

Rules, in the order they run (see ``annotation-guide.md`` for the contract):

``gazetteer``
    Known names from ``orgs/data/org_patterns.jsonl`` (ministries, party and
    government bodies, banks, exchanges, large companies, national research
    bodies) plus level-prefixed party and government bodies generated from
    ``org_rules.json`` (市委, 区政府, 县政协 …). A company short name followed by
    an industry word is extended (中铝 + 物流 → 中铝物流).
``suffix``
    A name stretch ended by a suffix from ``orgs/data/org_suffixes.txt``
    (有限公司, 研究院, 人民医院, 支队, 局 …). The stretch runs left to the
    nearest boundary: punctuation, function words and the verbs of report
    prose (完成, 引进, 列装 …); a generic stretch (区级医院, 各类公司) is
    rejected.
``list``
    Short names listed before ``等 (+N家/N个) + 企业/项目/公司 …``.
``subject``
    A short name at the start of a clause right before an award trigger
    (X获评…, X入选…, X成为+level…), when it looks like a name.
``partner``
    The other party of an agreement with an ORG already found, before a
    cooperation verb (华越新材与中国建材集团签约, 区政府与华越新材共建).
``facility``
    A short name at the start of a clause before a facility or product word
    (X智能…, X科技城, X版…), when it recurs, is known, or precedes 版; and,
    mentioned once, a company short name before its plant, line or project
    (鲁清石化年产…, 旗滨玻璃两条…生产线, 小米智能工厂二期开工).
``gazetteer`` (compositions)
    Joint ventures and sub-brands (上汽大众, 广汽埃安) and a brand with its
    market (大众安徽, 博世中国); a place in brackets after a name
    (香港中文大学(深圳)); bodies of zones and regions (新区党工委, 自治区党委).
``alias`` / ``abbreviation``
    Later mentions of short names already found, abbreviations of full
    names (第十五人民医院 → 十五院, 合肥工业大学 → 合工大, 哈尔滨医科大学附属第一医院
    → 哈医大一院) and ordinal short names of hospitals and schools (市一院,
    浙大一院, 栾川一高).

Filters: a name that opens the object of an award trigger and holds a title
word is part of the title (获评江苏省示范乡镇卫生院, 福建省政府质量奖); a bare
short name that the text also writes as a place (寿光 … 寿光市) is that place.

All matching runs on a width-folded copy of the text (``widths.fold_widths``),
so full-width input gives the same spans at the same offsets.

Modules: ``finder`` (:class:`OrgFinder`: the rules in the order above), ``candidates``
(:class:`OrgMatch` and the overlap resolution), ``gazetteer``, ``suffix``, ``lists``,
``subject``, ``partners``, ``facility``, ``abbreviations`` (one rule family each), ``filters``,
``boundaries`` (where a name may start) and ``cues`` (what the rules read from the AWARD
grammar). Word lists, loaders and the shared :class:`Lexicon` live in
:mod:`govreport_nlp.lexicon`.
"""

from __future__ import annotations

from ..lexicon import (
    OrgPatternError,
    award_triggers_data,
    load_org_patterns,
    load_org_suffixes,
    org_rules,
    places_data,
)
from .finder import OrgFinder, OrgMatch

__all__ = [
    "OrgMatch",
    "OrgFinder",
    "OrgPatternError",
    "load_org_patterns",
    "load_org_suffixes",
    "org_rules",
    "places_data",
    "award_triggers_data",
]
