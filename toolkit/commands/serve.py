"""`toolkit serve`: the HTTP service (LibreTranslate-compatible API, /v1, web page)."""

from __future__ import annotations

from typing import Any

import click


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (config serve.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (config serve.port, 5000).")
@click.option("--api-keys/--no-api-keys", default=None, help="Require keys from `toolkit keys`.")
@click.option("--rate-limit", type=int, default=None, help="Requests per minute per address.")
@click.option("--char-limit", type=int, default=None, help="Characters per request.")
@click.option("--batching/--no-batching", default=None, help="Coalesce concurrent requests.")
@click.pass_obj
def serve(
    state: Any,
    host: str | None,
    port: int | None,
    api_keys: bool | None,
    rate_limit: int | None,
    char_limit: int | None,
    batching: bool | None,
) -> None:
    """Run the HTTP service in the foreground until Ctrl-C.

    LibreTranslate clients work unchanged (POST /translate, /detect, GET /languages ...);
    the toolkit's own API is under /v1, its description at /docs; editors use the page
    at /. Every [serve] setting can also come from config or TOOLKIT_SERVE_*.
    """
    from toolkit.serve import run

    config = state.config(
        **{
            "serve.host": host,
            "serve.port": port,
            "serve.api_keys": api_keys,
            "serve.rate_limit": rate_limit,
            "serve.char_limit": char_limit,
            "serve.batching": batching,
        }
    )
    if not state.quiet:
        click.echo(
            f"toolkit serve on http://{config.serve.host}:{config.serve.port}/ (Ctrl-C stops)",
            err=True,
        )
    run(config)
