"""Import every module that registers something with spaCy.

Importing ``govreport_nlp`` imports this; spaCy's entry points do the same for
a pipeline that is loaded without importing us first.
"""

from . import extensions, scoring, tokenizer  # noqa: F401
from .components import award_tagger, metric_tagger, numeral_normalizer, org_tagger  # noqa: F401
