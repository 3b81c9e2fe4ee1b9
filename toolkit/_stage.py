"""Stage modules that can be called like their main function.

`toolkit.detect`, `toolkit.repair`, `toolkit.translate` and `toolkit.summarize` are both
a submodule and the function of the same name. Importing the submodule (``import
toolkit.translate``) rebinds the package attribute from the function to the module, so
the module itself forwards calls: ``toolkit.translate(text, to="es")`` works either way.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


class StageModule(types.ModuleType):
    """A module whose call runs its stage function (see the module docstring)."""

    _stage_function: Callable[..., Any]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._stage_function(*args, **kwargs)


def make_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Make the module `module_name` callable as `function`."""
    module = sys.modules[module_name]
    setattr(module, "_stage_function", function)  # noqa: B010 - a plain module's type has no such field
    module.__class__ = StageModule
