"""Translation: segmentation, model registry, pivoting, translation memory, engines.

    from toolkit.translate import translate
    result = translate("El Gobierno anunció ayer ...", to="en")
    result.text, result.models, result.segments, result.warnings
    result.legs  # how each model ran: pair, model, engine (LegRun), e.g. a pivot's two

Engines live in `toolkit.translate.backends` (a `Backend` per engine, chosen by
`translate.engine`); model families and their language codes in
`toolkit.translate.families`; the pair -> model table in `toolkit.translate.registry`.
Nothing here imports torch until a model is loaded.
"""

from toolkit._stage import make_callable
from toolkit.translate.results import LegRun, Segment, Translation
from toolkit.translate.translator import Translator, TranslatorStats, translate

__all__ = ["LegRun", "Segment", "Translation", "Translator", "TranslatorStats", "translate"]


make_callable(__name__, translate)
