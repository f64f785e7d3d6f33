"""Compact pkuseg model format: pruned features, zlib text, float16 weights.

A raw ``spacy_pkuseg`` model is ``features.msgpack`` (unigram and bigram word
lists, ``feature_to_idx``, ``tag_to_idx``) plus ``weights.npz`` (float64
vector ``w``). The weight of feature ``f`` for tag ``t`` is ``w[f*n_tag+t]``;
the ``n_tag*n_tag`` transition weights follow at ``n_feature*n_tag``.

The compact directory (format version 2) holds:

* ``meta.json``: format tag and version, ``n_tag``, ``tag_to_idx``, sizes, the pruning eps;
* ``features.txt.zz``: kept feature strings one a line (UTF-8, zlib), line ``i``
  is index ``i``; index 0 is pkuseg's start feature (always emitted as index 0
  at run time), the rest are sorted so that the compressor finds shared prefixes;
* ``unigram.txt.zz``: only the words some kept word feature mentions (UTF-8, zlib);
* ``weights.npz`` (compressed): ``node_bytes`` (uint8, 2 x n_tag x n_feature:
  the low and the high bytes of the little-endian float16 node weights, tag by
  tag) and ``transition`` (n_tag x n_tag, float64).

Version 2 trades some size for load time: zlib inflates the feature list about
five times faster than xz (version 1: ``features.txt.xz``, ``unigram.txt.xz``,
``node`` as an n_feature x n_tag float16 array), and splitting the weights into
byte planes lets zlib win back most of the difference. Version 1 models are
still read.

Pruning drops features whose ``n_tag`` weights are all below ``eps`` in
absolute value and renumbers the rest; the bigram list (used only while
training) is dropped. Unigram words that no kept feature mentions are dropped
too: at run time such a word only changes which (absent) feature is looked
up, so segmentation is unchanged.
"""

from __future__ import annotations

import argparse
import io
import json
import lzma
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Optional, Sequence, Union, overload

import numpy as np
import spacy_pkuseg
import srsly

from ..errors import Errors

__all__ = [
    "DEFAULT_EPS",
    "CompactContents",
    "compact_from_bytes",
    "compact_model",
    "compact_to_bytes",
    "dir_size",
    "from_arrays",
    "is_compact",
    "load_compact",
    "prune",
    "read_compact",
    "save_compact",
]

FORMAT = "govreport-pkuseg-compact"
#: The version :func:`save_compact` writes.
VERSION = 2
#: The versions :func:`load_compact` reads.
READABLE_VERSIONS = (1, 2)
META = "meta.json"
#: The feature and unigram files of each version (version 1: xz; version 2: zlib).
_LIST_FILES = {1: ("features.txt.xz", "unigram.txt.xz"), 2: ("features.txt.zz", "unigram.txt.zz")}
FEATURES, UNIGRAM = _LIST_FILES[VERSION]
WEIGHTS = "weights.npz"
RAW_FEATURES = "features.msgpack"
RAW_WEIGHTS = "weights.npz"
DEFAULT_EPS = 0.03
NODE_DTYPE = np.float16

_WORD_PREFIXES = ("w-1.", "w1.")
_PAIR_PREFIXES = ("ww.l.", "ww.r.")


def dir_size(path: Path) -> int:
    """Total size in bytes of the regular files directly in ``path``."""
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def _referenced_words(features: list[str]) -> set[str]:
    """Words that the word features ``w-1.``, ``w1.``, ``ww.l.``, ``ww.r.`` mention."""
    words: set[str] = set()
    for feature in features:
        if feature.startswith(_PAIR_PREFIXES):
            words.update(feature[5:].split("*"))
        elif feature.startswith(_WORD_PREFIXES):
            words.add(feature.split(".", 1)[1])
    return words


def prune(
    feature_to_idx: dict[str, int], unigram: set[str], w: np.ndarray, n_tag: int, eps: float
) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Drop near-zero features and renumber.

    Returns ``(features, unigram, node, transition)``: kept feature names in
    their new index order, kept unigram words (sorted), node weights
    ``(len(features), n_tag)``, rounded to float16, and transition weights
    ``(n_tag, n_tag)``.
    """
    n_feature = len(feature_to_idx)
    if w.shape != (n_tag * (n_feature + n_tag),):
        raise ValueError(
            f"weight vector has shape {w.shape}, expected {n_tag * (n_feature + n_tag)} "
            f"for {n_feature} features x {n_tag} tags"
        )
    names = [""] * n_feature
    for name, idx in feature_to_idx.items():
        names[idx] = name
    # Round first, so that pruning a model loaded from the compact format
    # again keeps exactly the same features (saving is idempotent).
    limit = float(np.finfo(NODE_DTYPE).max)
    if np.abs(w).max(initial=0.0) > limit:
        raise ValueError(Errors.E227.format(detail=f"a weight exceeds {limit}, the {np.dtype(NODE_DTYPE).name} range"))
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag).astype(NODE_DTYPE)
    keep = np.abs(node.astype(np.float64)).max(axis=1) >= eps
    keep[0] = True  # the start feature: the run-time extractor always emits index 0
    order = [0] + sorted((i for i in np.flatnonzero(keep) if i != 0), key=names.__getitem__)
    features = [names[i] for i in order]
    words = sorted(_referenced_words(features) & unigram)
    transition = w[n_feature * n_tag :].reshape(n_tag, n_tag)
    return features, words, node[np.asarray(order, dtype=np.intp)], transition


def _pack_lines(lines: list[str]) -> bytes:
    """``lines`` as zlib-compressed UTF-8 text, one a line (the version 2 list files)."""
    for line in lines:
        if "\n" in line:
            raise ValueError(Errors.E227.format(detail=f"entry {line!r} contains a newline"))
    return zlib.compress("\n".join(lines).encode("utf-8"), 9)


def _unpack_text(data: bytes, version: int, where: str) -> str:
    """The decoded text of a list file of format ``version`` (zlib for 2, xz for 1)."""
    try:
        raw = zlib.decompress(data) if version >= 2 else lzma.decompress(data)
        return raw.decode("utf-8")
    except (zlib.error, lzma.LZMAError, UnicodeDecodeError) as exc:
        raise ValueError(Errors.E226.format(detail=f"cannot read compact model file {where}: {exc}")) from exc


def _unpack_lines(data: bytes, version: int, where: str) -> list[str]:
    """The lines of a list file of format ``version`` (zlib for 2, xz for 1)."""
    text = _unpack_text(data, version, where)
    return text.split("\n") if text else []


def _read_text(path: Path, version: int) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(Errors.E226.format(detail=f"cannot read compact model file {path}: {exc}")) from exc
    return _unpack_text(data, version, str(path))


def _read_lines(path: Path, version: int) -> list[str]:
    text = _read_text(path, version)
    return text.split("\n") if text else []


def _node_to_bytes(node: np.ndarray) -> np.ndarray:
    """Node weights ``(n_feature, n_tag)`` as byte planes ``(2, n_tag, n_feature)`` (low, high byte).

    Float16 weights compress poorly as they are; the high bytes (sign and
    exponent) repeat much more than the low ones once apart, tag by tag.
    """
    halves = np.ascontiguousarray(node.astype("<f2").T).view(np.uint8)
    return np.ascontiguousarray(halves.reshape(node.shape[1], node.shape[0], 2).transpose(2, 0, 1))


def _node_from_bytes(planes: np.ndarray) -> np.ndarray:
    """The inverse of :func:`_node_to_bytes`: float16 node weights ``(n_feature, n_tag)``."""
    if planes.dtype != np.uint8 or planes.ndim != 3 or planes.shape[0] != 2:
        raise ValueError(
            f"node_bytes has dtype {planes.dtype} and shape {planes.shape}, not uint8 (2, n_tag, n_feature)"
        )
    pairs = np.stack((planes[0], planes[1]), axis=-1)
    return pairs.view("<f2")[..., 0].T


def save_compact(seg: spacy_pkuseg.pkuseg, path: Path, eps: float = DEFAULT_EPS) -> None:
    """Write ``seg``'s model into directory ``path`` in the compact format."""
    extractor, model = seg.feature_extractor, seg.model
    features, words, node, transition = prune(
        extractor.feature_to_idx, extractor.unigram, np.asarray(model.w), model.n_tag, eps
    )
    path.mkdir(parents=True, exist_ok=True)
    (path / FEATURES).write_bytes(_pack_lines(features))
    (path / UNIGRAM).write_bytes(_pack_lines(words))
    np.savez_compressed(
        path / WEIGHTS,
        node_bytes=_node_to_bytes(node),
        transition=transition.astype(np.float64),
    )
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "n_tag": model.n_tag,
        "n_feature": len(features),
        "n_unigram": len(words),
        "tag_to_idx": extractor.tag_to_idx,
        "eps": eps,
        "node_dtype": np.dtype(NODE_DTYPE).name,
        "source_n_feature": model.n_feature,
        "source_n_unigram": len(extractor.unigram),
    }
    (path / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _check_version(meta: Any, where: str) -> int:
    """The format version of a compact model's meta; E228 for another format or an unknown version."""
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise ValueError(Errors.E226.format(detail=f"{where}: not a {FORMAT} model (format={found!r})"))
    version = meta.get("version")
    if version not in READABLE_VERSIONS:
        raise ValueError(
            Errors.E228.format(
                where=where, version=version, readable=", ".join(map(str, READABLE_VERSIONS)), current=VERSION
            )
        )
    return int(version)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / META).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.E226.format(detail=f"cannot read {path / META}: {exc}")) from exc
    _check_version(meta, str(path / META))
    return meta


def _construct(model_dir: Path) -> spacy_pkuseg.pkuseg:
    try:
        seg = spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
    except Exception as exc:  # pkuseg raises bare Exceptions and KeyErrors
        raise ValueError(Errors.E226.format(detail=f"spacy_pkuseg cannot load model dir {model_dir}: {exc}")) from exc
    # pkuseg's Cython inference takes double arrays only.
    seg.model.w = np.ascontiguousarray(seg.model.w, dtype=np.float64)
    return seg


def from_arrays(
    features: Sequence[str], words: Sequence[str], node: np.ndarray, transition: np.ndarray, tag_to_idx: dict[str, int]
) -> spacy_pkuseg.pkuseg:
    """A ``spacy_pkuseg.pkuseg`` built in memory from compact-model contents (no user dict).

    The same object ``spacy_pkuseg.pkuseg(model_dir, user_dict=None)`` builds
    from pkuseg's own files, without writing them anywhere.
    """
    from spacy_pkuseg.feature_extractor import FeatureExtractor
    from spacy_pkuseg.model import Model

    n_tag = len(tag_to_idx)
    if node.shape != (len(features), n_tag) or transition.shape != (n_tag, n_tag):
        raise ValueError(
            Errors.E226.format(
                detail=f"weights {node.shape}+{transition.shape} do not fit {len(features)} features x {n_tag} tags"
            )
        )
    extractor = FeatureExtractor()
    extractor.unigram = set(words)
    extractor.bigram = set()
    extractor.feature_to_idx = dict(zip(features, range(len(features))))
    extractor.tag_to_idx = dict(tag_to_idx)
    model = Model.__new__(Model)
    model.n_tag, model.n_feature = n_tag, len(features)
    model.n_transition_feature = n_tag * (len(features) + n_tag)
    model.w = np.ascontiguousarray(
        np.concatenate([node.astype(np.float64).ravel(), transition.astype(np.float64).ravel()])
    )
    seg = spacy_pkuseg.pkuseg.__new__(spacy_pkuseg.pkuseg)
    seg.postag = False
    seg.preprocesser = spacy_pkuseg.Preprocesser(None)
    seg.postprocesser = spacy_pkuseg.Postprocesser(None, None)
    seg.feature_extractor = extractor
    seg.model = model
    seg.idx_to_tag = {idx: tag for tag, idx in extractor.tag_to_idx.items()}
    seg.n_feature = len(features)
    seg.n_tag = n_tag
    return seg


def _read_weights(source: Any, where: str, version: int) -> tuple[np.ndarray, np.ndarray]:
    try:
        with np.load(source) as npz:
            node = _node_from_bytes(npz["node_bytes"]) if version >= 2 else npz["node"]
            return node, npz["transition"]
    except (OSError, KeyError, ValueError) as exc:
        raise ValueError(Errors.E226.format(detail=f"cannot read {where}: {exc}")) from exc


class Lines(Sequence[str]):
    """The lines of a decoded list file, split on first use (362k feature strings take 0.06 s to make;
    counting them is almost free)."""

    def __init__(self, text: str) -> None:
        self._text: Optional[str] = text
        self._n = text.count("\n") + 1 if text else 0
        self._lines: Optional[list[str]] = None

    def _split(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.split("\n") if self._text else []
            self._text = None
        return self._lines

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        return iter(self._split())

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[str, list[str]]:
        return self._split()[index]


class CompactContents(NamedTuple):
    """What a compact model holds, read and checked: :func:`from_arrays` builds the segmenter from it."""

    features: Sequence[str]
    words: Sequence[str]
    node: np.ndarray
    transition: np.ndarray
    tag_to_idx: dict[str, int]


def read_compact(path: Path) -> CompactContents:
    """Read and check a compact model dir without building the segmenter (see :func:`load_compact`).

    Every file is read, inflated and decoded and the weight shapes are checked
    against the feature list, so a damaged model fails here; what is left for
    :func:`from_arrays` (pkuseg's feature dictionary, the float64 weight vector)
    cannot fail on the files' contents.
    """
    path = Path(path)
    meta = _read_meta(path)
    version = int(meta["version"])
    features_file, unigram_file = _LIST_FILES[version]
    node, transition = _read_weights(path / WEIGHTS, str(path / WEIGHTS), version)
    contents = CompactContents(
        Lines(_read_text(path / features_file, version)),
        _read_lines(path / unigram_file, version),
        node,
        transition,
        dict(meta["tag_to_idx"]),
    )
    n_tag = len(contents.tag_to_idx)
    if node.shape != (len(contents.features), n_tag) or transition.shape != (n_tag, n_tag):
        raise ValueError(
            Errors.E226.format(
                detail=f"{path}: weights {node.shape}+{transition.shape} do not fit "
                f"{len(contents.features)} features x {n_tag} tags"
            )
        )
    return contents


def is_compact(path: Path) -> bool:
    """``path`` holds a compact model (not a plain pkuseg one)."""
    return (Path(path) / META).is_file()


def load_compact(path: Path) -> spacy_pkuseg.pkuseg:
    """Load a compact model dir (or a plain pkuseg model dir), offline, no user dict."""
    path = Path(path)
    if is_compact(path):
        return from_arrays(*read_compact(path))
    if (path / RAW_FEATURES).is_file() and (path / RAW_WEIGHTS).is_file():
        return _construct(path)
    raise FileNotFoundError(
        f"{path} is neither a compact model ({META}, {FEATURES}, {UNIGRAM}, {WEIGHTS}) "
        f"nor a pkuseg model ({RAW_FEATURES}, {RAW_WEIGHTS})"
    )


def compact_to_bytes(seg: spacy_pkuseg.pkuseg, eps: float = DEFAULT_EPS) -> bytes:
    """The compact model of ``seg`` as bytes (the files of :func:`save_compact`, packed in msgpack)."""
    with tempfile.TemporaryDirectory(prefix="pkuseg-") as tmp:
        save_compact(seg, Path(tmp), eps)
        files = {name: (Path(tmp) / name).read_bytes() for name in (META, FEATURES, UNIGRAM, WEIGHTS)}
    return srsly.msgpack_dumps({"format": FORMAT, "version": VERSION, "files": files})


def compact_from_bytes(data: bytes) -> spacy_pkuseg.pkuseg:
    """Load what :func:`compact_to_bytes` wrote (this version or an earlier readable one), in memory."""
    msg = srsly.msgpack_loads(data)
    if not isinstance(msg, dict) or "files" not in msg:
        raise ValueError(Errors.E226.format(detail=f"the bytes are not a {FORMAT} model"))
    version = _check_version(msg, "the compact model bytes")
    files = msg["files"]
    try:
        meta = json.loads(files[META])
        node, transition = _read_weights(io.BytesIO(files[WEIGHTS]), "the weights in the bytes", version)
        features, words = (_unpack_lines(files[name], version, f"{name} in the bytes") for name in _LIST_FILES[version])
    except KeyError as exc:
        raise ValueError(Errors.E226.format(detail=f"the compact model bytes lack {exc}")) from exc
    return from_arrays(features, words, node, transition, meta["tag_to_idx"])


def compact_model(raw_dir: Path, out_dir: Path, eps: float = DEFAULT_EPS) -> dict[str, Any]:
    """Compact the pkuseg model in ``raw_dir`` into ``out_dir``; return size stats."""
    seg = load_compact(raw_dir)
    save_compact(seg, out_dir, eps)
    meta = _read_meta(out_dir)
    raw_bytes, compact_bytes = dir_size(raw_dir), dir_size(out_dir)
    return {
        "eps": eps,
        "raw_bytes": raw_bytes,
        "compact_bytes": compact_bytes,
        "ratio": compact_bytes / raw_bytes if raw_bytes else float("nan"),
        "raw_files": {p.name: p.stat().st_size for p in sorted(raw_dir.iterdir()) if p.is_file()},
        "compact_files": {p.name: p.stat().st_size for p in sorted(out_dir.iterdir()) if p.is_file()},
        "n_feature": (meta["source_n_feature"], meta["n_feature"]),
        "n_unigram": (meta["source_n_unigram"], meta["n_unigram"]),
    }


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m govreport_nlp.segmenter.compact RAW_DIR OUT_DIR [--eps E]``."""
    parser = argparse.ArgumentParser(description="Compact a pkuseg model directory.")
    parser.add_argument("raw_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--eps", type=float, default=DEFAULT_EPS)
    args = parser.parse_args(argv)
    stats = compact_model(args.raw_dir, args.out_dir, args.eps)
    print(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
