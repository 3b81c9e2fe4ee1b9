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
stages: a target list is parsed once (`parse_targets`) into `Target`s that keep what
was asked (``es-MX``) next to what is used (``es``), so the result can say what was
dropped. ``auto`` (or None) means "detect it" where a stage can detect
(`source_language`); no other module compares a code with ``"auto"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Target:
    """A language asked for: as typed (`asked`, ``"es-MX"``) and as used (`code`, ``"es"``).

    The stages work with `code`; `asked` is kept so that what was dropped on the way (a
    region or script the models do not tell apart) can be reported with the result.
    """

    asked: str
    code: str

    @property
    def variant(self) -> str | None:
        """The script/region part of `asked` that `code` drops (``"MX"``), or None."""
        return variant(self.asked)

    def variant_warning(self) -> str | None:
        """What to tell the reader when `asked` has a variant the output may not be in."""
        dropped = self.variant
        if not dropped:
            return None
        return (
            f"{self.asked!r} asked for: written in {self.code}; the models do not tell "
            f"{dropped} from other variants of {self.code}, so the output may not be {dropped}"
        )

    def __str__(self) -> str:
        return self.code


def target(code: str | Target) -> Target:
    """One target language, validated: `Target(asked=code, code=normalize(code))`."""
    if isinstance(code, Target):
        return code
    return Target(code.strip() if isinstance(code, str) else code, normalize(code))


def parse_targets(to: str | Sequence[str | Target]) -> list[Target]:
    """Target languages from ``"es,fr"`` or ``["es", "fr"]``, parsed once, order kept.

    Each code is validated and normalized as everywhere in the toolkit (``pt-BR`` -> a
    `Target` with code ``pt`` that remembers ``pt-BR``); a language asked twice is kept
    once (the first spelling). An unknown code raises `UnsupportedLanguageError` (exit
    code 4), anything but a str or a list of str (None, a number, ``[None]``) an
    `InputTypeError`.
    """
    items: list[str | Target]
    if isinstance(to, str):
        items = list(to.split(","))
    elif isinstance(to, (list, tuple)) and all(isinstance(item, (str, Target)) for item in to):
        items = [
            part for item in to for part in (item.split(",") if isinstance(item, str) else [item])
        ]
    else:
        raise InputTypeError(
            f"language codes must be a str or a list of str, not {_type_name(to)}",
            hint='pass "es,fr" or ["es", "fr"]',
        )
    found: dict[str, Target] = {}
    for item in items:
        if isinstance(item, Target) or item.strip():
            parsed = target(item)
            found.setdefault(parsed.code, parsed)
    if not found:
        raise UnsupportedLanguageError("no target language given")
    return list(found.values())


def _type_name(value: object) -> str:
    """``list of NoneType`` for ``[None]``, else the type's name, for type errors."""
    if isinstance(value, (list, tuple)):
        wrong = next(item for item in value if not isinstance(item, (str, Target)))
        return f"{type(value).__name__} of {type(wrong).__name__}"
    return type(value).__name__


def variant(code: str) -> str | None:
    """The script/region part `normalize` drops (``"zh-Hant"`` -> ``"Hant"``), or None."""
    tag = _parse(code)
    parts = [tag.script, tag.territory, *(tag.variants or [])]
    return "-".join(part for part in parts if part) or None


# Standards of one language, each with its own code (ISO 639-3 macrolanguages msa and
# hbs): written by one newsroom for readers of the other without translation.
_STANDARDS_OF_ONE_LANGUAGE = (frozenset({"ms", "id"}), frozenset({"hr", "bs", "sr"}))


def same_language(first: str, second: str) -> bool:
    """Whether two normalized codes are one language or standards of one: Malay and
    Indonesian; Croatian, Bosnian and Serbian. A Malaysian sentence in an Indonesian
    article is no untranslated leftover (`toolkit.repair`'s language check)."""
    return first == second or any(
        first in group and second in group for group in _STANDARDS_OF_ONE_LANGUAGE
    )


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
