"""Import every module that registers something with spaCy.

Importing ``govreport_nlp`` imports this; spaCy's entry points do the same for
a pipeline that is loaded without importing us first.
"""
from . import extensions, tokenizer  # noqa: F401
from .components import numeral_normalizer, metric_tagger, org_tagger, award_tagger  # noqa: F401
