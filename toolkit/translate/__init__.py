"""Translation: segmentation, model registry, pivoting, translation memory, engines.

    from toolkit.translate import translate
    result = translate("El Gobierno anunció ayer ...", to="en")
    result.text, result.models, result.segments, result.warnings

Engines live in `toolkit.translate.backends` (a `Backend` per engine, chosen by
`translate.engine`); model families and their language codes in
`toolkit.translate.families`; the pair -> model table in `toolkit.translate.registry`.
Nothing here imports torch until a model is loaded.
"""

import sys
import types

from toolkit.translate.translator import (
    Segment,
    Translation,
    Translator,
    TranslatorStats,
    translate,
)

__all__ = ["Segment", "Translation", "Translator", "TranslatorStats", "translate"]


class _CallableModule(types.ModuleType):
    """Lets ``toolkit.translate(text, to)`` work even after ``import toolkit.translate``.

    Importing this subpackage rebinds the attribute ``toolkit.translate`` from the
    function to the package, so the package forwards calls to `translate`.
    """

    def __call__(self, *args, **kwargs):
        return translate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
