"""The text the scanner reads: widths and traditional numeral characters folded, one character for one."""

from __future__ import annotations

import re

from ..widths import fold_widths, translate
from .lexicon import _W

#: traditional and variant characters -> the ones the scanner reads (numeral_words.json)
_TRAD = str.maketrans(_W.traditional_chars)


def normalise(text: str) -> str:
    """Fold widths and traditional numeral characters, one character for one.

    >>> normalise("３．４４億元")
    '3.44亿元'
    """
    return translate(fold_widths(text), _TRAD)


#: full-width punctuation the scanner reads in both widths, so that most texts need no folding
_FW_PUNCT = "，（）：；！？"
_FW_PUNCT_HALF = ",():;!?"
#: a character the scanner only reads folded: full-width digits, letters and signs, the ideographic
#: space, traditional numeral characters
_NEEDS_FOLD = re.compile(
    "[\u3000\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e"
    + "".join(sorted(chr(c) for c in _TRAD if chr(c) not in _FW_PUNCT))
    + "]"
)


def _scan_text(text: str) -> str:
    """The text the scanner reads: ``normalise(text)``, or ``text`` itself when folding changes
    nothing the scanner looks at (it reads ，（）：；！？ in both widths)."""
    return normalise(text) if _NEEDS_FOLD.search(text) else text


def _both(chars: str) -> frozenset:
    """``chars`` plus the full-width forms of the punctuation among them."""
    out = set(chars)
    for half, full in zip(_FW_PUNCT_HALF, _FW_PUNCT):
        if half in out or full in out:
            out.update((half, full))
    return frozenset(out)
