"""Newsroom terminology: glossaries and do-not-translate terms.

A glossary (files named by ``[glossary] files`` or ``--glossary FILE``) says how terms
must come out in each language; the `Translator` enforces it with every engine
(`enforce`), and the ``glossary`` fact check (`check_terms`) reports any term a
translation or brief does not render as required. Pure Python, cheap to import.

    from toolkit.glossary import load_glossary, check_terms
    rules = load_glossary(["house.tsv"]).rules("en", "pt")
    rules.find("NATO said ...")  # [Match(0, 4, "NATO", Entry(...))]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.glossary.check import KIND, annotate, check_terms
from toolkit.glossary.enforce import METHODS, TermUse, enforce
from toolkit.glossary.files import load_glossary
from toolkit.glossary.model import Entry, Glossary, Rules

if TYPE_CHECKING:
    from toolkit.config import Config

__all__ = [
    "KIND",
    "METHODS",
    "Entry",
    "Glossary",
    "Rules",
    "TermUse",
    "annotate",
    "check_terms",
    "enforce",
    "from_config",
    "load_glossary",
]


def from_config(config: Config) -> Glossary:
    """The glossary of `config` (``glossary.files``); empty when none is named."""
    return load_glossary(config.glossary.files)
