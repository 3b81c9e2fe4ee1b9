"""`toolkit languages`: what can I translate this into, here and after a pull?

Built on `toolkit.translate.registry`: `local_pairs` (what the models on this machine
reach, pivots through English included) and the known pairs (built-in opus-mt and
Firefox Translations tables, `[translate.models]`), so the answer never needs a network.
"""

from __future__ import annotations

import json
from typing import Any

import click


@click.command("languages")
@click.option("--from", "src", help="Source language: what can it be translated into?")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def languages(state, src: str | None, as_json: bool) -> None:
    """Translation targets per source language: reachable with the models on this
    machine, and reachable after `toolkit models pull` (detection, repair and extractive
    summaries need no model and work in any language)."""
    rows = language_rows(state.config().translate, src)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo("detect, repair, summarize: offline, no model needed")
    if not rows:
        click.echo("translate: no model on this machine (see toolkit models list)")
    for row in rows:
        here = ",".join(row["here"]) or "-"
        line = f"{row['src']:<4} -> here: {here}"
        if row["after_pull"]:
            line += f"; after a pull: {','.join(row['after_pull'])}"
        click.echo(line)


def language_rows(settings: Any, src: str | None = None) -> list[dict[str, Any]]:
    """For each source language (or just `src`): the targets reachable here and the
    targets known models would add (pivots through English included; the many-to-many
    fallback counted only when it is present)."""
    from toolkit.langs import normalize
    from toolkit.translate.registry import FIREFOX, OPUS_MT, PIVOT, local_pairs

    here = local_pairs(settings)
    known: dict[str, set[str]] = {}
    pairs = [*OPUS_MT, *FIREFOX]
    pairs += [tuple(pair.split("-", 1)) for pair in settings.models]
    for first, second in pairs:
        known.setdefault(first, set()).add(second)
    for first, targets in list(known.items()):
        if first != PIVOT and PIVOT in targets:
            targets |= known.get(PIVOT, set()) - {first}
    sources = [normalize(src)] if src else sorted(set(here) | set(known))
    rows = []
    for source in sources:
        reach = here.get(source, set())
        rows.append(
            {
                "src": source,
                "here": sorted(reach),
                "after_pull": sorted(known.get(source, set()) - reach),
            }
        )
    return rows if src else [row for row in rows if row["here"] or row["after_pull"]]
