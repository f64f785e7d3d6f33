"""Our own pkuseg word segmentation model for government work reports.

Trained on the width-folded People's Daily 1998-01 corpus
(:mod:`.corpus`, :mod:`.train`), shipped in a compact format
(:mod:`.compact`) and scored by word F1 (:mod:`.evaluate`).

The names below are re-exported lazily, so that running a submodule with
``python -m`` does not import it twice.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the eager imports, for type checkers and IDEs
    from .compact import compact_model, load_compact, save_compact  # noqa: F401
    from .corpus import build_corpus, fetch_sdist, read_segmented  # noqa: F401
    from .evaluate import evaluate_model, folding_segmenter, map_back, word_f1  # noqa: F401
    from .train import train_model  # noqa: F401
    from .user_dict import DEFAULT_USER_DICT, check_user_dict, read_user_dict, use_user_dict  # noqa: F401

_EXPORTS = {
    "DEFAULT_USER_DICT": "user_dict",
    "check_user_dict": "user_dict",
    "compact_model": "compact",
    "load_compact": "compact",
    "read_user_dict": "user_dict",
    "save_compact": "compact",
    "use_user_dict": "user_dict",
    "build_corpus": "corpus",
    "fetch_sdist": "corpus",
    "read_segmented": "corpus",
    "evaluate_model": "evaluate",
    "folding_segmenter": "evaluate",
    "map_back": "evaluate",
    "word_f1": "evaluate",
    "train_model": "train",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
