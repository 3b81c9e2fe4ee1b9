"""Translation: segmentation, model registry, pivoting, translation memory, engines.

    from toolkit.translate import translate
    result = translate("El Gobierno anunció ayer ...", to="en")
    result.text, result.models, result.segments, result.warnings

Engines live in `toolkit.translate.backends` (a `Backend` per engine, chosen by
`translate.engine`); model families and their language codes in
`toolkit.translate.families`; the pair -> model table in `toolkit.translate.registry`.
Nothing here imports torch until a model is loaded.
"""

from toolkit._stage import make_callable
from toolkit.translate.results import Segment, Translation
from toolkit.translate.translator import Translator, TranslatorStats, translate

__all__ = ["Segment", "Translation", "Translator", "TranslatorStats", "translate"]


make_callable(__name__, translate)
