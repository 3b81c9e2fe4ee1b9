"""`toolkit models`: list, fetch and locate translation models (offline-first)."""

from __future__ import annotations

import json
from typing import Any

import click


@click.group()
def models() -> None:
    """Translation models: which are known, which are on disk, fetching them."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def list_models(state, as_json: bool) -> None:
    """Known and configured models: pairs, id, present?, size on disk, license."""
    from toolkit.translate import models as store
    from toolkit.translate.registry import known_models, model_license

    settings = state.config().translate
    rows: list[dict[str, Any]] = []
    for ref, pairs in known_models(settings).items():
        found = store.status(ref, settings)
        rows.append(
            {
                "model": ref,
                "pairs": pairs,
                "present": found.local is not None,
                "size_bytes": found.size_bytes,
                "license": model_license(ref),
                "path": str(found.local.path) if found.local else None,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        size = f"{row['size_bytes'] / 1e6:.0f} MB" if row["present"] else "-"
        shown = ",".join(row["pairs"][:6]) + (",..." if len(row["pairs"]) > 6 else "")
        mark = "yes" if row["present"] else "no"
        click.echo(f"{row['model']:<40} {mark:<4} {size:>8}  {row['license']:<13} {shown}")


@models.command("pull")
@click.argument("target", metavar="PAIR|ID")
@click.pass_obj
def pull(state, target: str) -> None:
    """Download the model(s) for a language pair (en-es) or a hub id into the cache.

    A pair fetches every model its preferred route needs (two for a pivot).
    """
    from toolkit.translate import models as store

    settings = state.config().translate
    for ref in refs_for(target, settings):
        local = store.pull(ref, settings)
        click.echo(f"{ref}: {local.path}")


def refs_for(target: str, settings) -> list[str]:
    """The models to fetch for a PAIR (``en-es``) or a hub id."""
    from toolkit.langs import normalize
    from toolkit.translate import registry

    if "/" not in target and target.count("-") == 1:
        src, tgt = (normalize(part) for part in target.split("-"))
        return registry.routes(src, tgt, settings)[0].models
    return [target]


@models.command("path")
@click.pass_obj
def path(state) -> None:
    """Where models and the translation memory live."""
    from toolkit.translate import models as store
    from toolkit.translate.memory import default_path

    settings = state.config().translate
    click.echo(f"models: {store.cache_dir(settings)}")
    click.echo(f"translation memory: {default_path(settings)}")


@models.command("convert")
@click.argument("ref", metavar="ID_OR_PATH")
@click.option(
    "--quantization",
    help="Weight type: int8 (CPU default), float16 (GPU default), float32, int8_float16, ...",
)
@click.pass_obj
def convert(state, ref: str, quantization: str | None) -> None:
    """Convert a model for the ct2 engine (CTranslate2), once; print where it is.

    The conversion is cached by model, revision and quantization; `toolkit translate
    --engine ct2` converts on first use too, this only does it ahead of time.
    """
    from toolkit.translate import ct2convert
    from toolkit.translate.models import locate

    settings = state.config(**{"translate.ct2_quantization": quantization}).translate
    local = locate(ref, settings)
    quant = ct2convert.quantization(settings.ct2_quantization, ct2convert.device(settings.device))
    root = ct2convert.cache_root(settings)
    already = (ct2convert.converted_dir(local, quant, root) / ct2convert.MARKER).is_file()
    path = ct2convert.ensure_converted(local, quant, root)
    click.echo(f"{ref} ({quant}, {'already converted' if already else 'converted'}): {path}")
