"""govreport-nlp: structured data from Chinese government work reports.

>>> import govreport_nlp
>>> nlp = govreport_nlp.load()                              # doctest: +SKIP
>>> doc = nlp("发放各类奖补资金9634万元")                       # doctest: +SKIP
>>> [(s.text, s._.value, s._.unit) for s in doc.spans["govreport"]]  # doctest: +SKIP
[('9634万元', 96340000, '元')]

Importing the package registers the tokenizer, the pipeline components and
the ``Span._`` extensions with spaCy.
"""

from . import register  # noqa: F401
from .about import __version__
from .api import extract
from .extensions import NUMERALS_KEY, SPANS_KEY
from .pipeline import load
from .records import DocumentRecord, SpanRecord

__all__ = ["__version__", "load", "extract", "DocumentRecord", "SpanRecord", "SPANS_KEY", "NUMERALS_KEY"]
