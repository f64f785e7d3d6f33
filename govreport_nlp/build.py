"""Assemble and save the shipped pipeline.

    python -m govreport_nlp.build [--pkuseg DIR] [--user-dict FILE] [--output models/govreport_zh]

Takes the pkuseg model from ``--pkuseg`` (a model directory written by
``python -m govreport_nlp.segmenter.train``) or, by default, from the pipeline
already at ``--output``; adds the user dictionary and the four components with
the package's current patterns and tables (saved inside each component's
directory, their hashes in ``meta.json``); and saves the result with ``nlp.to_disk()``.
Run it after changing the patterns or retraining the segmenter.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Optional

import typer
from wasabi import msg

from .errors import Errors
from .pipeline import build

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "models" / "govreport_zh"


def build_shipped(output: Path, pkuseg: Optional[Path] = None, user_dict: str = "default") -> Path:
    """Write the pipeline to ``output``; returns ``output``."""
    with tempfile.TemporaryDirectory() as tmp:
        if pkuseg is None:
            existing = output / "tokenizer" / "pkuseg_model"
            if not existing.exists():
                raise FileNotFoundError(Errors.E217.format(path=existing))
            pkuseg = Path(tmp) / "pkuseg_model"
            shutil.copytree(existing, pkuseg)
        nlp = build(pkuseg, user_dict=user_dict)
        if output.exists():
            shutil.rmtree(output)
        nlp.to_disk(output)
    return output


def main(
    pkuseg: Optional[Path] = typer.Option(None, help="pkuseg model directory (default: the one in --output)"),
    user_dict: str = typer.Option("default", help="pkuseg user dictionary file, or 'default'"),
    output: Path = typer.Option(DEFAULT_OUTPUT, help="where to save the pipeline"),
) -> None:
    path = build_shipped(output, pkuseg, user_dict)
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    msg.good(f"Saved the pipeline to {path} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    typer.run(main)
