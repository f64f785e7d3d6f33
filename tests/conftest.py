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


# Hypothesis profiles (tests/test_properties.py): "default" keeps CI short; HYPOTHESIS_PROFILE=long
# runs 100,000 inputs through the API and 5,000 through the CLI (local runs; an hour or more).
try:
    import os
    import tempfile

    # Hypothesis keeps caches in ./.hypothesis by default: keep them out of the checkout.
    os.environ.setdefault(
        "HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "govreport-nlp-hypothesis")
    )

    from hypothesis import HealthCheck, settings

    _COMMON = dict(
        deadline=None,
        database=None,  # no .hypothesis/ directory in the checkout: tests never write into it
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )
    settings.register_profile("default", max_examples=100, **_COMMON)
    settings.register_profile("long", max_examples=100_000, print_blob=True, **_COMMON)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
except ImportError:  # hypothesis is in the test extra; without it only test_properties.py is skipped
    pass
