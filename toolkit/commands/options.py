"""Options and input handling shared by the commands: one vocabulary for all of them.

`output_options` are the FILE|DIR options of `translate` and `summarize`; `text_option`
and `read_source` give every text command the same inputs (FILE, `-`, piped standard
input without `-`, `--text TEXT`, inline text).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])
LOCAL_RAY = "local"  # `--ray` without an address: start a local Ray instance


def output_options(verb: str, noun: str, fields_for: str = "DIR") -> Callable[[F], F]:
    """`--out/-o`, `--field`, `--force` and `--ray`, worded for `verb` ("translate") and
    `noun`; `fields_for` says which inputs `--field` applies to ("DIR", "FILE or DIR")."""

    def decorate(command: F) -> F:
        # click lists options in decorator order; applied innermost first, so reversed here
        command = click.option(
            "--ray",
            "ray",
            is_flag=False,
            flag_value=LOCAL_RAY,
            default=None,
            metavar="[ADDRESS]",
            help="DIR: run on Ray Data, on a local Ray instance or the cluster at ADDRESS "
            "(auto, ray://head:10001); needs toolkit[ray]. See docs/batch.md.",
        )(command)
        command = click.option(
            "--force", is_flag=True, help=f"DIR: redo every {noun}, even current ones."
        )(command)
        command = click.option(
            "--field",
            "fields",
            multiple=True,
            help=f"{fields_for}: JSON/JSONL field to {verb} (dotted path, repeatable; "
            "default text).",
        )(command)
        return click.option(
            "--out",
            "-o",
            type=click.Path(),
            help="Write the result here instead of stdout (DIR: required).",
        )(command)

    return decorate


def text_option(command: F) -> F:
    """`--text TEXT`: the input given inline instead of a FILE."""
    return click.option(
        "--text", "inline", metavar="TEXT", help="The text itself, instead of a FILE."
    )(command)


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal (nothing piped in)."""
    stream = sys.stdin
    return stream is not None and stream.isatty()


def looks_like_text(source: str) -> bool:
    """A FILE argument that is really inline text: no such path, and it has a space
    or a line break but no file suffix (``"Der Bundestag hat ..."``). Anything else that
    does not exist stays a missing file (exit 3), so a mistyped name is never translated."""
    if not any(ch.isspace() for ch in source) or os.path.lexists(source):
        return False
    return re.search(r"\.[A-Za-z0-9]{1,5}$", source.strip()) is None


def read_source(source: str | None, inline: str | None) -> Any:
    """The `InputText` of a command's input: `--text`, inline text given as FILE, a
    path, ``-``, or standard input when FILE is left out and something is piped in.

    No input at all (FILE left out on a terminal) is a usage error; FILE together with
    `--text` too.
    """
    from toolkit.files import InputText, read_input

    if inline is not None:
        if source is not None:
            raise click.UsageError("give FILE or --text, not both")
        return InputText(inline, "<text>", "utf-8")
    if source is None:
        if stdin_is_terminal():
            raise click.UsageError("missing FILE (use - for standard input, or --text TEXT)")
        source = "-"
    if looks_like_text(source):
        return InputText(source, "<text>", "utf-8")
    return read_input(source)


def ray_overrides(value: str | None) -> dict[str, object]:
    """The config overrides of a `--ray [ADDRESS]` value (None: the option not given)."""
    if value is None:
        return {}
    return {"ray.enabled": True, "ray.address": "" if value == LOCAL_RAY else value}


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
