"""Alternative translations of a text (n-best), for LibreTranslate's `alternatives` field.

The k-th hypothesis of a text puts the k-th best translation of each of its sentences
between the text's untouched layout, as LibreTranslate (Argos Translate) builds its
hypotheses. Only the last leg of a route is decoded n-best (a pivot's first leg gives
its best). A sentence over the model's input limit contributes its one (split and
rejoined) translation to every hypothesis. An engine without n-best decoding gives no
hypotheses at all: the Firefox Translations engine (`fxtranslate`) returns one greedy
translation per sentence and exposes no beam or n-best call.

A friend of `Translator`: it runs under the translator's lock (`Translator.hypotheses`)
and uses its routes, loaded backends and translation memory.
"""

from __future__ import annotations

from typing import Any

from toolkit.text import Span
from toolkit.translate.segment import units


def hypotheses(translator: Any, text: str, src: str, tgt: str, n: int) -> list[str]:
    """Up to `n` distinct translations of `text`, best first; [] when the route's last
    engine has no n-best decoding, or there is nothing to translate."""
    spans = units(text)
    if not spans or src == tgt or n < 1:
        return []
    route = translator._route(src, tgt, None)
    current = [span.text for span in spans]
    for leg in route.legs[:-1]:
        current, _ = translator._run_leg(translator._backend(leg.model), leg, current)
    last = route.legs[-1]
    backend = translator._backend(last.model)
    if not backend.nbest:
        return []
    sizes = backend.count_tokens(current)
    fits = [i for i, size in enumerate(sizes) if size <= backend.max_input_tokens]
    long = [i for i, size in enumerate(sizes) if size > backend.max_input_tokens]
    options: list[list[str]] = [[] for _ in current]
    split = translator._run_model(backend, [current[i] for i in long], last.src, last.tgt)
    for i, best in zip(long, split, strict=True):
        options[i] = [best]
    ranked = backend.translate_nbest([current[i] for i in fits], src=last.src, tgt=last.tgt, n=n)
    for i, found in zip(fits, ranked, strict=True):
        options[i] = found or [""]
    texts = [_layout(text, spans, [o[min(k, len(o) - 1)] for o in options]) for k in range(n)]
    return list(dict.fromkeys(texts))


def _layout(text: str, spans: list[Span], targets: list[str]) -> str:
    """`text` with each span replaced by its target (an empty target keeps the source)."""
    parts, position = [], 0
    for span, target in zip(spans, targets, strict=True):
        parts.append(text[position : span.start])
        parts.append(target if target.strip() else span.text)
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
