"""Translation engines by name (`translate.engine`, `--engine`), imported on first use.

Each entry maps an engine name to the `Backend` subclass that implements it
(`toolkit.translate.backends.base`). Adding an engine = one module + one entry here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from toolkit.errors import ConfigError

if TYPE_CHECKING:
    from toolkit.translate.backends.base import Backend

ENGINES: dict[str, str] = {
    "torch": "toolkit.translate.backends.torch:TorchBackend",
    "ct2": "toolkit.translate.backends.ct2:CT2Backend",
    "bergamot": "toolkit.translate.backends.bergamot:BergamotBackend",
}


def backend_class(engine: str) -> type[Backend]:
    """The `Backend` class of an engine name; `ConfigError` for unknown or missing ones."""
    target = ENGINES.get(engine)
    if target is None:
        raise ConfigError(
            f"unknown translation engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}"
        )
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise ConfigError(
                f"translation engine {engine!r} is not available in this installation",
                hint="use --engine torch",
            ) from exc
        raise ConfigError(
            f"translation engine {engine!r} needs the package {exc.name!r}",
            hint=f"pip install {exc.name}",
        ) from exc
    return getattr(module, attribute)
