"""Fold full-width characters to half-width, one character for one.

Reports mix ``３．４４亿元`` and ``3.44亿元``, ``，`` and ``,``. The segmenter is
trained and run on folded text; because folding never changes the length of a
string, every offset in the folded copy is an offset in the original.
"""

from __future__ import annotations

__all__ = ["fold_widths", "fold_char"]

_IDEOGRAPHIC_SPACE = "\u3000"
# Full-width ASCII variants U+FF01..U+FF5E map to U+0021..U+007E.
_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE[ord(_IDEOGRAPHIC_SPACE)] = ord(" ")


def fold_char(char: str) -> str:
    """Return the half-width form of one character (itself when it has none)."""
    return char.translate(_TABLE)


def fold_widths(text: str) -> str:
    """Return ``text`` with full-width ASCII forms folded to half-width.

    The result has exactly the length of ``text``: position ``i`` of the result
    is the folded form of position ``i`` of the input.

    >>> fold_widths("３．４４亿元，增长１２％")
    '3.44亿元,增长12%'
    """
    return text.translate(_TABLE)
