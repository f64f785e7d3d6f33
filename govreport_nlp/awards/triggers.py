"""Trigger verbs and the words around them (``awards/data/award_triggers.json``).

*strong* triggers (荣获, 获评, 被认定为 …) confer a title by themselves; *weak* ones (成为, 创建 …)
need a level prefix or an honour head; a *bare* one (获) counts only before a known place or a
quote, and not after 收/捕/查 …. Also here: ``…等荣誉/称号`` frames, honour verbs (捧得, 摘得 …),
aspirations (力争成为…: a goal, not an honour) and the verbs before a streak (实现…“三连冠”).
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon, OrgPatternError, trie_regex
from .grammar import table

__all__ = ["REQUIRED_TRIGGER_KEYS", "TriggerTable"]

REQUIRED_TRIGGER_KEYS = ("triggers", "heads", "level_prefixes", "trailing")


class TriggerTable:
    """Compiled trigger grammar. Raises :class:`OrgPatternError` when a required key is missing."""

    def __init__(self, data: dict, lex: Lexicon) -> None:
        for key in REQUIRED_TRIGGER_KEYS:
            if key not in data:
                raise OrgPatternError(
                    f"award triggers: missing key {key!r}; required: {', '.join(REQUIRED_TRIGGER_KEYS)}"
                )
        trig = data["triggers"]
        strong = list(trig.get("strong", []))
        weak = list(trig.get("weak", []))
        bare = list(trig.get("bare", []))
        self.weak = set(weak)
        self.weak_need_level = set(data.get("weak_need_level", []))
        look = trie_regex(list(data.get("bare_lookahead", ["“"])) + [p for p in lex.known_places if len(p) >= 2])
        not_after = "".join(table(data, "bare_not_after"))
        #: a strong or weak trigger (group ``t``) or a bare one before a place or a quote (group ``b``)
        self.trigger_re = re.compile(
            "(?P<t>"
            + trie_regex(strong + weak)
            + ")"
            + (f"|(?P<b>(?<![{not_after}])(?:{trie_regex(bare)})(?=(?:{look})))" if bare else "")
        )
        self.start_re = re.compile("(?:" + trie_regex(strong + weak) + ")")
        frames = data.get("list_frames", [])
        self.frame_re = re.compile("(?:" + trie_regex(frames) + ")") if frames else None
        self.honour = set(data.get("honour_triggers", []))
        self.streak_verb_re = re.compile("(?:" + trie_regex(data.get("streak_verbs", [])) + ")")
        asp = data.get("aspiration_markers", [])
        self.aspiration_re = re.compile("(?:" + trie_regex(asp) + ")") if asp else None
        #: 通过 + title + a review noun (通过国家卫生城市复审); group ``obj`` is the title
        reviews = table(data, "review_nouns")
        self.review_re = re.compile(
            "通过(?P<obj>[^,;:。!?\\s|]{3,40}?)(?:的)?(?:" + trie_regex(reviews) + ")(?![\u4e00-\u9fff]{0,1}[中期])"
        )
        #: adverbs between a subject and its trigger (已, 先后, 再次 …)
        self.adverb_tail_re = re.compile("(?:" + trie_regex(data.get("subject_adverbs", [])) + ")+$")
