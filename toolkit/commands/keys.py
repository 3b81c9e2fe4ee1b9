"""`toolkit keys`: the API keys `toolkit serve` accepts when serve.api_keys is on."""

from __future__ import annotations

import time
from typing import Any

import click


def _store(state: Any) -> Any:
    from toolkit.serve.keys import KeyStore

    return KeyStore(state.config().serve.keys_db)


@click.group("keys")
def keys() -> None:
    """Add, list and remove API keys (SQLite, serve.keys_db)."""


@keys.command("add")
@click.option("--limit", type=int, default=0, help="Requests per minute for this key (0: default).")
@click.option("--note", default="", help="Who the key is for.")
@click.pass_obj
def add(state: Any, limit: int, note: str) -> None:
    """Make a new key and print it."""
    click.echo(_store(state).add(limit, note).key)


@keys.command("list")
@click.pass_obj
def list_keys(state: Any) -> None:
    """Every key: the key, its limit, when it was made, its note."""
    for key in _store(state).list():
        made = time.strftime("%Y-%m-%d %H:%M", time.gmtime(key.created))
        click.echo(f"{key.key}\t{key.req_limit or '-'}\t{made}\t{key.note}")


@keys.command("remove")
@click.argument("key")
@click.pass_obj
def remove(state: Any, key: str) -> None:
    """Delete KEY (exit 3 if there is no such key)."""
    from toolkit.errors import InputError

    if not _store(state).remove(key):
        raise InputError("no such API key")
    click.echo("removed")
