"""Find conferred honours and designations (AWARD) in Chinese government work reports.

Pure rules over characters: no spaCy here. The grammar (see ``annotation-guide.md``):

* a trigger verb (荣获, 获评, 被评为, 被认定为, 获批, 入选, 成为, 创建 …, from
  ``awards/data/award_triggers.json``) opens an object that runs to the end of the clause;
* the object is a list split on 、 (and on 和/及/与 when a level prefix follows), never
  inside quotes or brackets; trailing 等荣誉/称号/殊荣 and outer quotes are dropped;
* an item counts when it reads like a title: it ends with an honour head (先进单位,
  示范区, 银杯, 试点 …) or, after a strong trigger, starts with a level prefix; ranks
  (第一名), statuses (首家…, 唯一…) and funds or projects (…资金, …项目) never count;
* ``…等荣誉/称号`` frames without a verb count too, as do known honour names added
  with :meth:`AwardFinder.add_patterns`;
* a year before the title (入选2023年度…) and a streak after it (“三连冠”, 四连创) stay outside;
  a title followed by a streak needs no trigger (实现全国双拥模范城“七连冠”); after a strong
  trigger, a clause after a comma made only of titles continues the list (获评A，B); a title in
  quotes after an honour verb needs neither level nor head (捧得“一星平安金鼎”); a grade
  (三级甲等, 5A级) stands in for the level that 创建 needs.

``level`` is read from the title's prefix (全国/国家级 → national, 全省/省级/河南省 →
provincial, 全市/市级/郑州市 → municipal, 全区/区级/县 → district), skipping batch
markers (首批, 第二批); in the report of a city of an autonomous region 全区 is the region
(provincial). ``recipient`` is who received it in the same sentence: the organisation or name
right before the trigger (a zone such as 经开区, a unit such as 区政务服务中心), else the place,
organisation or named park that opens an earlier clause, across ； when the trigger opens its
clause; ``None`` when the sentence does not say.

Modules: ``finder`` (:class:`AwardFinder`: the scanning passes and the assembly), ``triggers``
(trigger verbs, frames, aspirations), ``titles`` (splitting, cleaning, title checks), ``level``,
``recipient`` and ``grammar`` (fixed regular shapes). Word lists, loaders and the shared
:class:`~govreport_nlp.lexicon.Lexicon` live in :mod:`govreport_nlp.lexicon`.
"""

from __future__ import annotations

from ..lexicon import AWARD_PATTERNS_PATH, load_award_patterns
from .finder import AwardFinder, AwardMatch, award_level

__all__ = ["AwardMatch", "AwardFinder", "award_level", "load_award_patterns", "AWARD_PATTERNS_PATH"]
