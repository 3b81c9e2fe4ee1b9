"""Prompt templates, kept as files in `prompts/` and shipped inside the wheel.

Templates use `$name` placeholders (string.Template). Article text is always passed as
a placeholder value and fenced by the template as data, never spliced in as instructions.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from toolkit.errors import ConfigError


def prompts_dir() -> Path:
    """The directory holding the templates (inside the package, or the source tree)."""
    packaged = Path(__file__).parent / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "prompts"


@cache
def load_template(name: str) -> string.Template:
    """The template `prompts/<name>.txt`."""
    path = prompts_dir() / f"{name}.txt"
    try:
        return string.Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"prompt template {name!r} not found at {path}") from exc


def render(name: str, **values: str) -> str:
    """Fill template `name`; every placeholder must be given."""
    try:
        return load_template(name).substitute(values)
    except KeyError as exc:
        raise ConfigError(f"prompt template {name!r} needs a value for {exc}") from exc
