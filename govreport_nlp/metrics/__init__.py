"""METRIC meaning: what a stated quantity measures, its kind, whether it is a target, and its unit.

Pure Python (no spaCy). One module, one job:

========== ==================================================================
grammar    the word lists of ``metrics/data/metric_grammar.json``, compiled; folding of the text
clause     clause and sentence boundaries, trimming, coordinations, from-to frames
kind       ``rank`` / ``change`` / ``amount``
indicator  the words that name what is measured; :func:`describe_metrics` for a whole text
target     target or reported result, from sections, sentence openers and clause cues
units      the unit table (``metrics/data/units.json``) and conversion
========== ==================================================================
"""

from __future__ import annotations

from .grammar import MetricGrammar, default_grammar
from .indicator import Described, describe_metrics
from .kind import metric_kind
from .target import SectionCues, default_cues, metric_targets, sections

__all__ = [
    "MetricGrammar",
    "default_grammar",
    "Described",
    "describe_metrics",
    "metric_kind",
    "SectionCues",
    "default_cues",
    "metric_targets",
    "sections",
]
