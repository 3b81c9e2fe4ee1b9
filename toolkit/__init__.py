"""toolkit: language detection, MT-artifact repair, translation and multilingual briefs.

The public API is re-exported here and imported lazily, so ``import toolkit`` stays
cheap (no torch, no transformers) until a function that needs a model is called::

    import toolkit
    toolkit.detect("Der Bundestag hat heute ...").lang   # "de"
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Config": "toolkit.config",
    "ToolkitError": "toolkit.errors",
    "InputError": "toolkit.errors",
    "UnsupportedLanguageError": "toolkit.errors",
    "ModelUnavailableError": "toolkit.errors",
    "PartialResultError": "toolkit.errors",
    "ConfigError": "toolkit.errors",
    "OutputError": "toolkit.errors",
    "read_input": "toolkit.files",
    "detect": "toolkit.detect",
    "detect_spans": "toolkit.detect",
    "Detection": "toolkit.detect",
    "LanguageSpan": "toolkit.detect",
    "repair": "toolkit.repair",
    "Repaired": "toolkit.repair",
    "translate": "toolkit.translate",
    "Translator": "toolkit.translate",
    "Translation": "toolkit.translate",
    "summarize": "toolkit.summarize",
    "Summary": "toolkit.summarize",
    "Pipeline": "toolkit.pipeline",
    "Result": "toolkit.pipeline",
    "translate_tree": "toolkit.batch",
    "summarize_tree": "toolkit.batch",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
