"""``govreport_nlp.spark.extract``: the Spark backend (``pip install "govreport-nlp[spark]"``, Java 17+).

See :mod:`govreport_nlp.distributed.spark`.
"""

from .distributed.spark import extract, output_schema, session

__all__ = ["extract", "session", "output_schema"]
