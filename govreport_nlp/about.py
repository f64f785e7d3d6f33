"""Package metadata."""

__title__ = "govreport-nlp"
__version__ = "0.1.0"
__license__ = "MIT"
