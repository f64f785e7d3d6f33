"""Words around numeral characters: lexical words (统一, 十分) and date words after a number.

The lists are ``lexical_words``, ``date_words`` and ``not_date_words`` of
``numerals/data/numeral_words.json``.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from .chars import _CN
from .lexicon import _W

#: words in which numeral characters are not numbers (checked when the number is
#: exactly the numeral part of the word)
_LEXICAL_WORDS = list(_W.lexical_words)


def _build_lexicon(words: Sequence[str]) -> Dict[Tuple[str, str, str], List[Tuple[int, str]]]:
    """(numeral part, "<" or ">", neighbour) -> [(offset of the part in the word, word)].

    A word whose numeral part starts it is keyed by the character after the part
    (十分 -> ("十", ">", "分")), any other by the character before (统一 -> ("一", "<", "统")).
    """
    out: Dict[Tuple[str, str, str], List[Tuple[int, str]]] = {}
    for w in words:
        for m in re.finditer(rf"[{_CN}]+", w):
            if m.start() == 0:
                if m.end() < len(w):
                    out.setdefault((m.group(), ">", w[m.end()]), []).append((0, w))
            else:
                out.setdefault((m.group(), "<", w[m.start() - 1]), []).append((m.start(), w))
    return out


_LEXICON = _build_lexicon(_LEXICAL_WORDS)
_LEXICAL_SET = frozenset(_LEXICAL_WORDS)
_LEXICAL_MAX = max((len(w) for w in _LEXICAL_SET), default=0)


def _index_inner(words: frozenset) -> Dict[str, List[Tuple[int, str]]]:
    """``w[i - 1 : i + 1]`` -> (i, word) for every word and every position ``i >= 1`` in it: a word
    reaches into a run at ``a`` only where these two characters are ``norm[a - 1 : a + 1]``."""
    out: Dict[str, List[Tuple[int, str]]] = {}
    for w in sorted(words):
        for i in range(1, len(w)):
            out.setdefault(w[i - 1 : i + 1], []).append((i, w))
    return out


_LEXICAL_INNER_PAIRS = _index_inner(_LEXICAL_SET)


def lexical_word_end(norm: str, a: int) -> Optional[int]:
    """Where a lexical word that starts before ``a`` and reaches into it ends
    (唯一|一个: the run 一一 at 唯's next char starts inside 唯一), else None."""
    if a == 0:
        return None
    end = None
    for i, w in _LEXICAL_INNER_PAIRS.get(norm[a - 1 : a + 1], ()):
        s = a - i
        if s >= 0 and norm.startswith(w, s) and (end is None or s + len(w) > end):
            end = s + len(w)
    return end


_PLAIN_DIGITS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_PLAIN_SET = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")


def _lexical(norm: str, a: int, b: int) -> bool:
    """True when norm[a:b] is the numeral part of a lexical word such as 统一 or 十分."""
    base = max(0, a - 4)
    window = norm[base : b + 4]
    if not _PLAIN_SET.isdisjoint(window):
        window = window.translate(_PLAIN_DIGITS)
    i, j = a - base, b - base
    part = window[i:j]
    words = []
    if j < len(window):
        words = _LEXICON.get((part, ">", window[j]), [])
    if i > 0:
        words = words + _LEXICON.get((part, "<", window[i - 1]), [])
    for off, w in words:
        s = i - off
        if s >= 0 and window.startswith(w, s):
            return True
    return False


# --------------------------------------------------------------------------- date words
#: 2022年, 三年, 80年代, 一季度: longest first, so 年代 wins over 年
_DATE_AFTER = re.compile("(?P<w>" + "|".join(re.escape(w) for w in sorted(_W.date_words, key=len, reverse=True)) + ")")
_DATE_FIRST = frozenset(w[0] for w in _W.date_words)
#: words that start with a date word but are not dates (日报, 年轻, 号召)
_NOT_DATE = tuple(_W.not_date_words)
