"""Language codes: normalize what users type to the ISO 639 codes the registry uses.

`normalize("ES")`, `normalize("spa")` and `normalize("es-MX")` all give ``"es"``: the
two-letter ISO 639-1 code where one exists, else the three-letter ISO 639-3 code. A code
that names no language raises `UnsupportedLanguageError` (exit code 4).
"""

from __future__ import annotations

import langcodes

from toolkit.errors import UnsupportedLanguageError


def normalize(code: str) -> str:
    """The base language of a BCP 47 / ISO 639 tag, as ISO 639-1 (or 639-3)."""
    raw = (code or "").strip().replace("_", "-")
    if not raw or raw.lower() in {"und", "auto", "mul"}:
        raise UnsupportedLanguageError(f"not a specific language: {code!r}")
    try:
        if not langcodes.tag_is_valid(raw):
            raise ValueError(raw)
        language = langcodes.Language.get(raw).language
    except (ValueError, LookupError) as exc:
        raise UnsupportedLanguageError(f"unknown language code {code!r}") from exc
    if not language:
        raise UnsupportedLanguageError(f"unknown language code {code!r}")
    return language


def alpha3(code: str) -> str:
    """The ISO 639-3 (terminology) code of a normalized code: ``"es" -> "spa"``."""
    return langcodes.Language.get(code).to_alpha3()
