"""`toolkit models`: list, fetch, remove and locate the models the toolkit can use.

Offline-first: nothing here touches the network except `pull`. Every model is listed
with what uses it (translation pairs, the repair post-editor, the abstractive
summarizer), whether it is on this machine, its size and license.
"""

from __future__ import annotations

import json
from typing import Any

import click


@click.group()
def models() -> None:
    """Models: which are known, which are on disk, fetching and removing them."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--from", "src", help="Only translation models from this language (and pivots).")
@click.option("--present", is_flag=True, help="Only models on this machine.")
@click.pass_obj
def list_models(state, as_json: bool, src: str | None, present: bool) -> None:
    """Every model the toolkit can use: id, used for, present?, size on disk, license."""
    rows = model_rows(state.config(), src)
    if present:
        rows = [row for row in rows if row["present"]]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'MODEL':<40} {'HERE':<4} {'SIZE':>8}  {'LICENSE':<13} USED FOR")
    for row in rows:
        size = f"{row['size_bytes'] / 1e6:.0f} MB" if row["present"] else "-"
        pairs = ",".join(row["pairs"][:6]) + (",..." if len(row["pairs"]) > 6 else "")
        used = ", ".join(filter(None, [pairs, *row["uses"]]))
        mark = "yes" if row["present"] else "no"
        click.echo(f"{row['model']:<40} {mark:<4} {size:>8}  {row['license']:<13} {used}")


def model_rows(config: Any, src: str | None = None) -> list[dict[str, Any]]:
    """One row per model: translation models (pairs), then the repair post-editor and the
    abstractive summarizer models. `src` keeps translation models from that language,
    into English for a pivot, and the fallback."""
    from toolkit.errors import ToolkitError
    from toolkit.langs import normalize
    from toolkit.translate import models as store
    from toolkit.translate.registry import PIVOT, known_models, model_license

    settings = config.translate
    table: dict[str, dict[str, Any]] = {}
    source = normalize(src) if src else None
    for ref, pairs in known_models(settings).items():
        if source is not None:
            pairs = [p for p in pairs if _pair_from(p, source, PIVOT)]
            if not pairs:
                continue
        table[ref] = {"model": ref, "pairs": pairs, "uses": []}
    if source is None:
        for ref, use in ((config.repair.model, "repair"), (config.summarize.model, "summarize")):
            if ref:
                table.setdefault(ref, {"model": ref, "pairs": [], "uses": []})["uses"].append(use)
    rows = []
    for row in table.values():
        try:
            found = store.status(row["model"], settings)
        except ToolkitError:  # a malformed configured reference: listed, not present
            found = store.ModelStatus(row["model"], None, 0)
        local = found.local
        row.update(
            present=local is not None,
            size_bytes=found.size_bytes,
            license=model_license(row["model"]),
            path=str(local.path) if local else None,
        )
        rows.append(row)
    return rows


def _pair_from(pair: str, src: str, pivot: str) -> bool:
    """Whether a known pair ("en-es", "many-to-many fallback") can start a route from src."""
    if "-" not in pair or " " in pair:
        return True  # the many-to-many fallback
    first, _, _ = pair.partition("-")
    return first == src or (first == pivot and src != pivot)


@models.command("pull")
@click.argument("targets", nargs=-1, required=True, metavar="PAIR|LANG|ID...")
@click.pass_obj
def pull(state, targets: tuple[str, ...]) -> None:
    """Download models into the cache: for a pair (en-es: every model its route needs,
    two for a pivot), a language (es: to and from English), or a hub id.

    Offline machines: pull on a connected one and copy `toolkit models path`, or point
    translate.model_dir or [translate.models] at a copy.
    """
    from toolkit.translate import models as store

    settings = state.config().translate
    refs = list(dict.fromkeys(ref for target in targets for ref in refs_for(target, settings)))
    for ref in refs:
        local = store.pull(ref, settings)
        click.echo(f"{ref}: {local.path}")


def refs_for(target: str, settings: Any) -> list[str]:
    """The models to fetch for a PAIR (``en-es``), a language code (``es``: en-es and
    es-en), or a hub id / ``firefox:`` reference / path (itself)."""
    from toolkit.errors import UnsupportedLanguageError
    from toolkit.langs import normalize
    from toolkit.translate import registry

    if "/" in target or ":" in target:
        return [target]
    if target.count("-") == 1:
        src, tgt = (normalize(part) for part in target.split("-"))
        return registry.routes(src, tgt, settings)[0].models
    try:
        lang = normalize(target)
    except UnsupportedLanguageError:
        return [target]  # not a language: a hub id without an organisation
    if lang == registry.PIVOT:
        raise UnsupportedLanguageError(
            f"{target!r} is the pivot language", hint="name a pair such as en-es, or a model id"
        )
    return [
        *registry.routes(registry.PIVOT, lang, settings)[0].models,
        *registry.routes(lang, registry.PIVOT, settings)[0].models,
    ]


@models.command("remove")
@click.argument("targets", nargs=-1, required=True, metavar="PAIR|LANG|ID...")
@click.pass_obj
def remove(state, targets: tuple[str, ...]) -> None:
    """Delete downloaded models from the cache (exit 3 for one that is not there).

    Only the toolkit's model cache is touched: a local directory you named, or a
    Firefox Translations model inside the installed wheel, is never deleted.
    """
    from toolkit.translate import models as store

    settings = state.config().translate
    refs = list(dict.fromkeys(ref for target in targets for ref in refs_for(target, settings)))
    for ref in refs:
        freed = store.remove_cached(ref, settings)
        click.echo(f"{ref}: removed ({freed / 1e6:.0f} MB)")


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
