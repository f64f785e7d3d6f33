"""``govreport_nlp.ray.extract``: the Ray Data backend (``pip install "govreport-nlp[ray]"``).

See :mod:`govreport_nlp.distributed.ray`.
"""

from .distributed.ray import RayAnnotator, extract

__all__ = ["extract", "RayAnnotator"]
