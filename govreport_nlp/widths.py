"""Fold full-width characters to half-width, one character for one.

Reports mix ``３．４４亿元`` and ``3.44亿元``, ``，`` and ``,``. The segmenter is
trained and run on folded text; because folding never changes the length of a
string, every offset in the folded copy is an offset in the original.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Mapping, Tuple, Union

__all__ = ["fold_widths", "fold_char", "translate"]

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
    return translate(text, _TABLE)


#: id(table) -> (table, its compiled folder): the table is kept so that its id stays its own
_FOLDERS: Dict[int, Tuple[Mapping[int, Union[int, str, None]], Callable[[str], str]]] = {}

#: The last texts translated, with their table and result. The components of a pipeline fold the
#: same document text one after another (the tokenizer first); they find it here, by identity.
#: (id(text), id(table)) -> (text, table, result); the oldest entry goes first (dicts keep their
#: order). An entry holds its text and table, so their ids stay theirs while it is here.
#: ``nlp.pipe`` tokenises a whole batch before the first component runs, and each component folds
#: with its own table or two, so the memory must hold several entries for every doc of a batch
#: (the command line's batches are 16 docs); its texts are bounded in characters too.
_RECENT_SIZE = 128
_RECENT_CHARS = 1_000_000
_RECENT: Dict[Tuple[int, int], Tuple[str, object, str]] = {}
#: the characters of the texts in _RECENT
_recent_chars = 0


def _folder(table: Mapping[int, Union[int, str, None]]) -> Callable[[str], str]:
    chars = {chr(k): (chr(v) if isinstance(v, int) else v or "") for k, v in table.items()}
    if not chars:
        return lambda text: text
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    if any(c in chars for v in chars.values() for c in v):
        # a replacement the table maps again: one pass, character by character
        replace = chars.__getitem__

        def fold_each(text: str) -> str:
            return pattern.sub(lambda m: replace(m.group()), text)

        return fold_each

    def fold(text: str) -> str:
        # each character the table maps, replaced everywhere at once (no call per occurrence)
        for char in set(pattern.findall(text)):
            text = text.replace(char, chars[char])
        return text

    return fold


def translate(text: str, table: Mapping[int, Union[int, str, None]]) -> str:
    """``text.translate(table)`` for a ``str.maketrans`` table (code point -> code point, string or None).

    The same result, several times faster on Chinese text: ``str.translate`` looks every
    character up in the table, this finds the few characters the table maps with one regex.
    The last few results are remembered for the same text object and table.
    """
    key = (id(text), id(table))
    seen = _RECENT.get(key)
    if seen is not None and seen[0] is text and seen[1] is table:
        return seen[2]
    known = _FOLDERS.get(id(table))
    if known is None or known[0] is not table:
        known = (table, _folder(table))
        _FOLDERS[id(table)] = known
    result = known[1](text)
    _remember(key, (text, table, result))
    return result


def _remember(key: Tuple[int, int], entry: Tuple[str, object, str]) -> None:
    """Put ``entry`` in :data:`_RECENT`, dropping the oldest entries beyond its bounds."""
    global _recent_chars
    size = len(entry[0])
    if size > _RECENT_CHARS:
        return
    while _RECENT and (len(_RECENT) >= _RECENT_SIZE or _recent_chars + size > _RECENT_CHARS):
        dropped = _RECENT.pop(next(iter(_RECENT)), None)
        if dropped is not None:
            _recent_chars -= len(dropped[0])
    replaced = _RECENT.get(key)  # (only where two threads fold the same text at once)
    if replaced is not None:
        _recent_chars -= len(replaced[0])
    _RECENT[key] = entry
    _recent_chars += size
