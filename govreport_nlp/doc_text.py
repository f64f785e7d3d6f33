"""The text of a ``Doc``, remembered.

``Doc.text`` joins every token on every call, which costs as much as a pass
over the document; each component needs the text once. A doc's text never
changes (splitting or merging tokens keeps it), so the tokenizer remembers it
here and the components read it back. Entries go when their doc does.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_TEXTS: "WeakKeyDictionary[Doc, str]" = WeakKeyDictionary()


def remember_text(doc: Doc, text: str) -> None:
    """Note that ``doc.text == text`` (the caller knows it)."""
    _TEXTS[doc] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc."""
    text = _TEXTS.get(doc)
    if text is None:
        text = doc.text
        _TEXTS[doc] = text
    return text
