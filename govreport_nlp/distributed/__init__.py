"""Scale-out backends: a local process pool (``core``), Ray Data (``ray``) and Spark (``spark``).

``core`` needs nothing beyond the library; ``arrow`` needs pyarrow and the
engine modules their extras: ``pip install "govreport-nlp[ray]"`` or
``"govreport-nlp[spark]"`` (Spark also needs a Java runtime, 17 or later).
"""

from .core import SPAN_FIELDS, Annotator, annotate_parallel, annotate_records, span_from_row, span_to_row

__all__ = ["SPAN_FIELDS", "Annotator", "annotate_parallel", "annotate_records", "span_from_row", "span_to_row"]
