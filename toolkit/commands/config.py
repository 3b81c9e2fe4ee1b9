"""`toolkit config`: show the effective configuration and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


@click.group()
def config() -> None:
    """Inspect the configuration."""


@config.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def show(state, as_json: bool) -> None:
    """Print the files looked for, then every setting, its value and where it came from."""
    cfg = state.config()
    files = looked_for(state.config_path)
    if as_json:
        rows: dict[str, Any] = {
            key: {"value": value, "source": source} for key, value, source in cfg.items()
        }
        rows["files"] = files
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for entry in files:
        status = "read" if entry["found"] else "not found"
        click.echo(f"# {entry['role']} config: {entry['path']} ({status})")
    for key, value, source in cfg.items():
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}    # {source}")


def looked_for(explicit: str | None) -> list[dict[str, Any]]:
    """The config files `Config.load` reads, in order, and whether each exists."""
    from toolkit.config import user_config_path

    candidates = [("user", user_config_path()), ("project", Path("toolkit.toml").absolute())]
    if explicit is not None:
        candidates.append(("--config", Path(explicit)))
    return [{"role": role, "path": str(path), "found": path.exists()} for role, path in candidates]
