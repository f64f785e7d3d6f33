"""Shared fixtures: the shipped pipeline (loaded once) and the seed report."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_34a8036ec3219a01.txt"


@pytest.fixture(scope="session")
def nlp():
    import govreport_nlp

    return govreport_nlp.load()


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


def gold_span(text, sub, label, **attrs):
    """A record-format span for the first ``sub`` in ``text``."""
    i = text.index(sub)
    return {"start": i, "end": i + len(sub), "label": label, "text": sub, **attrs}
