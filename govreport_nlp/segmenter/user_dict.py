"""The pkuseg user dictionary: report vocabulary kept whole by the segmenter.

``user_dict.txt`` beside this module holds one word a line (``#`` comments).
Entries are width-folded, since segmentation runs on folded text, and checked
against a longest-match bug of pkuseg's ``Preprocesser`` (see ``check_user_dict``).
"""

from __future__ import annotations

from pathlib import Path

import spacy_pkuseg

from ..widths import fold_widths

DEFAULT_USER_DICT = Path(__file__).with_name("user_dict.txt")


def read_user_dict(path: Path = DEFAULT_USER_DICT) -> list[str]:
    """Read a user dictionary: one word a line, UTF-8; blank and ``#`` lines skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read user dictionary {path}: {exc}") from exc
    words = []
    for number, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if any(char.isspace() for char in word):
            raise ValueError(f"{path}:{number}: entry {word!r} contains whitespace")
        words.append(word)
    return words


def check_user_dict(words: list[str], source: str = "<user dict>") -> None:
    """Reject entries that trip pkuseg's longest-match bug.

    ``spacy_pkuseg.Preprocesser`` cuts at the character where its trie walk
    fails, not after the longest word found: with entries 规上工业 and
    规上工业增加值, the text 规上工业增长 yields the "word" 规上工业增. That
    happens when an entry is a prefix of a longer entry and some prefix in
    between is not an entry.
    """
    entries = set(words)
    for word in words:
        seen_entry = False
        for end in range(1, len(word)):
            if word[:end] in entries:
                seen_entry = True
            elif seen_entry:
                raise ValueError(
                    f"{source}: {word!r} extends entry {word[: end - 1]!r} by more than "
                    f"one character but {word[:end]!r} is no entry; pkuseg would cut "
                    f"text like {word[:end]!r}+other wrongly"
                )


def use_user_dict(seg: spacy_pkuseg.pkuseg, words: list[str] | None) -> None:
    """Make ``seg`` keep ``words`` whole (longest match first); ``None`` removes it.

    Words are width-folded, since segmentation runs on folded text.
    """
    folded = [fold_widths(w) for w in words or []]
    check_user_dict(folded)
    seg.preprocesser = spacy_pkuseg.Preprocesser(folded)
