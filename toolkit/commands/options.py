"""Options shared by the commands that take FILE|DIR (`translate`, `summarize`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def output_options(verb: str, noun: str) -> Callable[[F], F]:
    """`--out/-o`, `--field` and `--force`, worded for `verb` ("translate") and `noun`."""

    def decorate(command: F) -> F:
        # click lists options in decorator order; applied innermost first, so reversed here
        command = click.option(
            "--force", is_flag=True, help=f"DIR: redo every {noun}, even current ones."
        )(command)
        command = click.option(
            "--field",
            "fields",
            multiple=True,
            help=f"DIR: JSON/JSONL field to {verb} (dotted path, repeatable; default text).",
        )(command)
        return click.option(
            "--out",
            "-o",
            type=click.Path(),
            help="Write the result here instead of stdout (DIR: required).",
        )(command)

    return decorate


def glossary_option(command: F) -> F:
    """`--glossary FILE` (repeatable): glossary files added to `[glossary] files`."""
    return click.option(
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Glossary file (TSV, CSV or TOML; repeatable), added to [glossary] files.",
    )(command)


def with_glossaries(config: Any, glossaries: tuple[str, ...]) -> Any:
    """`config` with the --glossary files added, every glossary file checked now (a bad
    one is exit code 7 before any work)."""
    from toolkit.glossary import from_config

    if glossaries:
        config.set("glossary.files", [*config.glossary.files, *glossaries], "command line")
    from_config(config)
    return config
