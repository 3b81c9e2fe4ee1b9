"""Language codes for translation: `toolkit.langs` (one set of rules for every stage).

Kept as an import path for the translation code that uses ``toolkit.translate.langs``.
"""

from toolkit.langs import AUTO, alpha3, normalize, source_language, variant

__all__ = ["AUTO", "alpha3", "normalize", "source_language", "variant"]
