"""WordSet answers exactly as the anchored trie regexes it replaces in the Lexicon."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport_nlp.lexicon.text import trie_regex
from govreport_nlp.lexicon.wordset import WordSet

ALPHABET = "各全市县区新\n"
words_lists = st.lists(st.text(alphabet=ALPHABET, max_size=3), max_size=6)
texts = st.text(alphabet=ALPHABET, max_size=8)


def regexes(words):
    trie = "(?:" + trie_regex(words) + ")"
    return re.compile(trie + "$"), re.compile(trie), re.compile(trie + "+$")


@given(words_lists, texts)
def test_the_checks_match_the_trie_regexes(words, text):
    ends, starts, made_of = regexes(words)
    ws = WordSet(words)
    assert ws.ends(text) == bool(ends.search(text))
    found = ends.search(text)
    assert ws.suffix(text) == (found.group() if found else None)
    m = starts.match(text)
    assert ws.prefix(text) == (m.group() if m else None)
    assert ws.starts(text) == bool(m)
    assert ws.made_of(text) == bool(made_of.match(text))


@pytest.mark.parametrize(
    "text,ends,prefix,made_of",
    [
        ("各类企业", False, "各类", False),
        ("全市", True, "全", True),
        ("全市\n", True, "全", True),  # $ matches before a final newline, as in the regexes
        ("", False, None, False),
        ("市全", True, "市", True),
        ("企业全", True, None, False),
    ],
)
def test_examples(text, ends, prefix, made_of):
    ws = WordSet(["各", "各类", "全", "市", ""])
    assert (ws.ends(text), ws.prefix(text), ws.made_of(text)) == (ends, prefix, made_of)


def test_an_empty_set_matches_nothing():
    ws = WordSet([])
    assert not ws.ends("x") and ws.prefix("x") is None and not ws.made_of("x") and not len(ws)


def test_the_lexicon_pickles_with_its_word_sets():
    import pickle

    from govreport_nlp.lexicon.words import Lexicon

    lexicon = Lexicon()
    again = pickle.loads(pickle.dumps(lexicon))
    for s in ("郑州科技", "各区", "美邦通航", "长沙县", "同时推进"):
        assert again.is_name_like(s) == lexicon.is_name_like(s)
        assert again.place_prefix(s) == lexicon.place_prefix(s)
        assert again.strip_not_name_start(s) == lexicon.strip_not_name_start(s)
