"""govreport-nlp: structured data from Chinese government work reports.

Importing the package registers the tokenizer, the pipeline components and
the ``Span._`` extensions with spaCy.
"""
from .about import __version__

__all__ = ["__version__"]
