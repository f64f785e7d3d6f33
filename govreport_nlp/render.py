"""An HTML page of the METRIC, ORG and AWARD spans, drawn by displaCy's span style.

>>> nlp = govreport_nlp.load()                                   # doctest: +SKIP
>>> html = render_page([("seed", nlp("中关村e谷获评国家级科技企业孵化器。"))])  # doctest: +SKIP

displaCy draws spans token by token and puts a space after every token outside
a span, which suits English but chops Chinese text into words and splits a
span over several boxes. So each document is cut only where a span starts or
ends (and into paragraphs at line breaks), and the pieces go to
``displacy.render(..., style="span", manual=True)``; the page itself is
displaCy's page template with a UTF-8 charset and a colour legend.
"""

from __future__ import annotations

import html
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from spacy import displacy
from spacy.displacy.templates import TPL_FIGURE, TPL_PAGE, TPL_TITLE
from spacy.tokens import Doc

from .extensions import SPANS_KEY

#: Colours of the labels in the page.
LABEL_COLORS: Dict[str, str] = {"METRIC": "#ffd166", "ORG": "#7aecec", "AWARD": "#c9a0ff"}
_DEFAULT_COLOR = "#dddddd"


def _paragraphs(text: str, spans: Sequence[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """(start, end) of the lines of ``text``, never cutting inside a span; blank lines dropped."""
    inside = bytearray(len(text) + 1)
    for s, e in spans:
        inside[s:e] = b"\x01" * (e - s)
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n" and not inside[i]:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def parse_doc(doc: Doc, spans_key: str = SPANS_KEY) -> List[Dict[str, Any]]:
    """displaCy's manual span input for ``doc``: one dict per paragraph, pieces cut at span edges."""
    spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(spans_key, [])]
    text = doc.text
    parsed: List[Dict[str, Any]] = []
    for p_start, p_end in _paragraphs(text, [(s, e) for s, e, _ in spans]):
        inner = [(s, e, lab) for s, e, lab in spans if p_start <= s and e <= p_end]
        cuts = sorted({p_start, p_end} | {x for s, e, _ in inner for x in (s, e)})
        pieces = list(zip(cuts, cuts[1:]))
        index = {start: k for k, (start, _) in enumerate(pieces)}
        ends = {end: k + 1 for k, (_, end) in enumerate(pieces)}
        parsed.append(
            {
                "text": text[p_start:p_end],
                "tokens": [text[a:b] for a, b in pieces],
                "spans": [{"start_token": index[s], "end_token": ends[e], "label": lab} for s, e, lab in inner],
                "title": None,
                "settings": {"lang": doc.lang_ or "zh", "direction": "ltr"},
            }
        )
    if not parsed:
        parsed.append(
            {
                "text": text,
                "tokens": [text],
                "spans": [],
                "title": None,
                "settings": {"lang": doc.lang_ or "zh", "direction": "ltr"},
            }
        )
    return parsed


def _legend(colors: Mapping[str, str]) -> str:
    chips = "".join(
        f'<span style="background: {c}; padding: 0.2em 0.6em; margin-right: 0.6em; border-radius: 0.35em; '
        f'font-weight: bold; font-size: 0.8em">{html.escape(label)}</span>'
        for label, c in colors.items()
    )
    return f'<div class="legend" style="margin-bottom: 2rem">{chips}</div>'


def _title(doc_id: str, doc: Doc, spans_key: str, labels: Iterable[str]) -> str:
    counts = [(lab, sum(1 for s in doc.spans.get(spans_key, []) if s.label_ == lab)) for lab in labels]
    return f"{doc_id}: " + ", ".join(f"{n} {lab}" for lab, n in counts)


def render_page(
    docs: Iterable[Tuple[str, Doc]], *, spans_key: str = SPANS_KEY, colors: Optional[Mapping[str, str]] = None
) -> str:
    """A complete HTML page of ``(id, doc)`` pairs: title, legend and the spans of ``doc.spans[spans_key]``.

    colors: label → CSS colour (default :data:`LABEL_COLORS`).
    """
    colors = dict(LABEL_COLORS if colors is None else colors)
    options = {"spans_key": spans_key, "colors": colors}
    figures = []
    for doc_id, doc in docs:
        parsed = parse_doc(doc, spans_key)
        body = displacy.render(parsed, style="span", manual=True, page=False, jupyter=False, options=options)
        heading = TPL_TITLE.format(title=html.escape(_title(doc_id, doc, spans_key, colors)))
        figures.append(TPL_FIGURE.format(content=heading + body))
    page = TPL_PAGE.format(content=_legend(colors) + "".join(figures), lang="zh", dir="ltr")
    return page.replace("<head>", '<head>\n        <meta charset="utf-8">', 1).replace(
        "<title>displaCy</title>", "<title>govreport-nlp</title>", 1
    )
