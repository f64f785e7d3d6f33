"""The regex builders of govreport_nlp.lexicon.text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from govreport_nlp.lexicon.text import char_class

# regex metacharacters inside and outside a class, CJK, punctuation folded and not
ALPHABET = "]^-\\[.|()*?+$ a0各、，。\n"


@given(st.text(alphabet=ALPHABET, max_size=6), st.text(alphabet=ALPHABET, min_size=1, max_size=1))
def test_char_class_matches_exactly_its_characters(chars, ch):
    pattern = re.compile(char_class(chars))
    assert bool(pattern.fullmatch(ch)) == (ch in chars)


def test_char_class_of_nothing_matches_nothing():
    assert re.compile(char_class("")).search("各 a0") is None
