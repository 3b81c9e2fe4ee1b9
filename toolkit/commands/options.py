"""Options shared by the commands that take FILE|DIR (`translate`, `summarize`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])
LOCAL_RAY = "local"  # `--ray` without an address: start a local Ray instance


def output_options(verb: str, noun: str) -> Callable[[F], F]:
    """`--out/-o`, `--field`, `--force` and `--ray`, worded for `verb` ("translate") and `noun`."""

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
            "(auto, ray://head:10001); needs toolkit[ray]. See README.",
        )(command)
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


def ray_overrides(value: str | None) -> dict[str, object]:
    """The config overrides of a `--ray [ADDRESS]` value (None: the option not given)."""
    if value is None:
        return {}
    return {"ray.enabled": True, "ray.address": "" if value == LOCAL_RAY else value}
