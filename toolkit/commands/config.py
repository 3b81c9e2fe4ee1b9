"""`toolkit config`: show the effective configuration and where each value came from."""

from __future__ import annotations

import json

import click


@click.group()
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show(state, as_json: bool) -> None:
    """Print every setting, its value and where it came from."""
    cfg = state.config()
    if as_json:
        rows = {key: {"value": value, "source": source} for key, value, source in cfg.items()}
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for key, value, source in cfg.items():
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}    # {source}")
