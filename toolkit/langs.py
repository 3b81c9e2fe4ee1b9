"""Language codes: what users type, turned into the one code every stage uses.

One place decides which codes are accepted, for every command and API (repair's
``--lang``, translate's ``--to``/``--from``, model pairs):

- any valid BCP 47 / ISO 639 tag, in any case, with ``-`` or ``_``: ``ES``, ``spa``,
  ``pt_BR``, ``zh-Hant``, ``iw`` (deprecated codes become today's: ``he``). The result
  is the base language, as ISO 639-1 where there is such a code, else ISO 639-3;
- refused with `UnsupportedLanguageError` (exit code 4): malformed or unassigned codes
  (``xx``, ``12``), language names (``english``: the hint names its code), and codes
  that name no specific language: ``und``, ``mul``, ``zxx``, ``mis``, ``auto``, and
  private-use codes (``qaa``-``qtz``, ``x-...``).

A region or script (``pt-BR``, ``zh-Hant``) is accepted but not modelled by the
stages: `variant()` returns what was dropped so a stage can say so. ``auto`` (or None)
means "detect it" where a stage can detect (`source_language`).
"""

from __future__ import annotations

from collections.abc import Sequence

import langcodes

from toolkit.errors import InputTypeError, UnsupportedLanguageError

AUTO = "auto"
_NOT_SPECIFIC = frozenset({"und", "mul", "zxx", "mis", AUTO})
_HINT = "use an ISO 639-1 code such as en, es, fr"


def normalize(code: str) -> str:
    """The base language of a BCP 47 / ISO 639 tag, as ISO 639-1 (or 639-3).

    ``normalize("ES") == normalize("spa") == normalize("es-MX") == "es"``.
    """
    language = _parse(code).language
    if not language or language in _NOT_SPECIFIC or _private(language):
        raise UnsupportedLanguageError(f"not a specific language: {code!r}", hint=_HINT)
    return language


def source_language(code: str | None) -> str | None:
    """None for "detect it" (None or ``auto``), else `normalize(code)`."""
    if code is None or (isinstance(code, str) and code.strip().lower() == AUTO):
        return None
    return normalize(code)


def targets(to: str | Sequence[str]) -> list[str]:
    """Target languages from ``"es,fr"`` or ``["es", "fr"]``, normalized, order kept.

    Codes are validated and normalized as everywhere in the toolkit (``pt-BR`` -> ``pt``);
    an unknown code raises `UnsupportedLanguageError` (exit code 4), anything but a str
    or a list of str (None, a number, ``[None]``) an `InputTypeError`.
    """
    if isinstance(to, str):
        items = to.split(",")
    elif isinstance(to, (list, tuple)) and all(isinstance(item, str) for item in to):
        items = [part for item in to for part in item.split(",")]
    else:
        raise InputTypeError(
            f"language codes must be a str or a list of str, not {_type_name(to)}",
            hint='pass "es,fr" or ["es", "fr"]',
        )
    codes = list(dict.fromkeys(normalize(item) for item in items if item.strip()))
    if not codes:
        raise UnsupportedLanguageError("no target language given")
    return codes


def _type_name(value: object) -> str:
    """``list of NoneType`` for ``[None]``, else the type's name, for type errors."""
    if isinstance(value, (list, tuple)):
        wrong = next(item for item in value if not isinstance(item, str))
        return f"{type(value).__name__} of {type(wrong).__name__}"
    return type(value).__name__


def variant(code: str) -> str | None:
    """The script/region part `normalize` drops (``"zh-Hant"`` -> ``"Hant"``), or None."""
    tag = _parse(code)
    parts = [tag.script, tag.territory, *(tag.variants or [])]
    return "-".join(part for part in parts if part) or None


def language_name(code: str) -> str:
    """ "Spanish (es)" for "es"; the bare code if langcodes does not know it."""
    try:
        name = langcodes.Language.get(code).display_name()
    except (LookupError, ValueError, ImportError):
        return code
    return f"{name} ({code})" if name and name != code else code


def alpha3(code: str) -> str:
    """The ISO 639-3 (terminology) code of a normalized code: ``"es" -> "spa"``."""
    return langcodes.Language.get(code).to_alpha3()


def _parse(code: str) -> langcodes.Language:
    if not isinstance(code, str):
        raise InputTypeError(
            f"a language code must be a str, not {type(code).__name__}", hint=_HINT
        )
    raw = code.strip().replace("_", "-")
    if not raw:
        raise UnsupportedLanguageError("empty language code", hint=_HINT)
    if raw.lower() in _NOT_SPECIFIC:
        raise UnsupportedLanguageError(f"not a specific language: {code!r}", hint=_HINT)
    if not langcodes.tag_is_valid(raw):
        raise UnsupportedLanguageError(f"unknown language code {code!r}", hint=_name_hint(raw))
    return langcodes.Language.get(raw)


def _private(language: str) -> bool:
    """Private-use codes (qaa-qtz, x-...) mean whatever their user agreed on: not a language."""
    return language.startswith("x-") or (len(language) == 3 and "qaa" <= language <= "qtz")


def _name_hint(raw: str) -> str:
    """For a language name typed instead of a code, the hint names the code."""
    try:
        found = langcodes.find(raw)
    except (LookupError, ValueError):
        return _HINT
    return f"did you mean {found.language!r} ({found.display_name()})? {_HINT}"
