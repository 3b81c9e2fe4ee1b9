"""Making translations obey the glossary, with any engine.

The engines (torch, ct2, Firefox Translations) share nothing but "sentences in,
sentences out", so enforcement works on that alone, sentence by sentence, trying the
least intrusive way first and stopping at the first that gives every term as required:

1. ``model``: the ordinary translation already renders every term as the glossary says
   (most names): kept as it is, so the glossary costs no quality there.
2. ``inline``: the source with each term replaced by its required rendering ("the OTAN
   said"), translated again; models copy a foreign name they do not know and make the
   words around it agree with it ("a OTAN"), so the grammar stays the model's.
3. ``placeholder``: each term replaced by an opaque token (``ZX1``, ``ZX2`` ...) that the
   models copy, translated again, and the tokens replaced by the renderings. Accepted
   only when every token comes back exactly once and no other token-like text appears,
   so a placeholder never leaks into the output.
4. ``split``: the text between the terms translated piece by piece and the renderings
   put between the pieces. Always succeeds (the model never sees the terms), at the cost
   of fluency across the term: the last resort.

Each stage translates all the sentences still failing in one call, through the
`Translator`'s memory, which stores what the engine was given and returned: a changed
glossary is enforced anew on the next call and never answered with a stale rendering.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from toolkit.glossary.match import Match, Matcher
from toolkit.glossary.model import Entry, Rules

#: the stages in the order they are tried (see the module docstring)
METHODS = ("model", "inline", "placeholder", "split")
PLACEHOLDER = "ZX{}"
_PLACEHOLDER = re.compile(r"(?<![^\W_])ZX(\d+)(?![^\W_])")
_WORD = re.compile(r"\w")

TranslateFn = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class TermUse:
    """A glossary term of one source sentence and how its rendering was obtained."""

    segment: int  # index of the sentence in the call
    term: str  # as written in the source
    rendering: str  # what the translation contains for it
    method: str  # one of METHODS; "" when it could not be enforced


def required(matches: Sequence[Match[Entry]]) -> Counter[tuple[str, bool]]:
    """(required text, ignore case) -> how many times the translation must contain it."""
    return Counter((m.value.required(m.text), m.value.ignore_case) for m in matches)


def missing(target: str, wanted: Counter[tuple[str, bool]]) -> list[str]:
    """The required texts `target` holds fewer times than `wanted` says."""
    matcher: Matcher[tuple[str, bool]] = Matcher(
        (text, fold, (text, fold)) for text, fold in wanted
    )
    found = Counter(m.value for m in matcher.find(target))
    return [text for (text, fold), count in wanted.items() if found[(text, fold)] < count]


def enforce(
    sources: Sequence[str],
    targets: Sequence[str],
    rules: Rules,
    translate: TranslateFn,
    stages: Sequence[str] = METHODS,
) -> tuple[list[str], list[TermUse]]:
    """`targets` (the ordinary translations of `sources`) made to obey `rules`.

    `translate` translates a list of source-language sentences into the target language
    (the same route that made `targets`). Returns the new targets and one `TermUse` per
    term occurrence, in sentence order. `stages` leaves some stages out (to measure each
    alone, `benchmarks/eval_glossary.py`); ``split``, the one that cannot fail, always runs
    last.
    """
    outputs = list(targets)
    found = {i: rules.find(s) for i, s in enumerate(sources)}
    found = {i: m for i, m in found.items() if m}
    method: dict[int, str] = {}
    if "model" in stages:
        method = {i: "model" for i in found if not missing(outputs[i], required(found[i]))}
    # only the terms the ordinary translation got wrong are rewritten in the later stages
    wrong = {
        i: _wrong(outputs[i], found[i]) if "model" in stages else found[i]
        for i in found
        if i not in method
    }
    for stage, attempt in (("inline", _inline), ("placeholder", _placeholder)):
        todo = [i for i in wrong if i not in method and stage in stages]
        if not todo:
            continue
        for i, text in attempt(todo, sources, wrong, translate).items():
            if not missing(text, required(found[i])):
                outputs[i], method[i] = text, stage
    todo = [i for i in found if i not in method]
    for i, text in _split(todo, sources, found, translate).items():
        outputs[i] = text
        method[i] = "split" if not missing(text, required(found[i])) else ""
    uses = [
        TermUse(i, m.text, m.value.required(m.text), method[i])
        for i in sorted(found)
        for m in found[i]
    ]
    return outputs, uses


def _wrong(target: str, matches: list[Match[Entry]]) -> list[Match[Entry]]:
    """The matches whose required text `target` lacks."""
    lacking = set(missing(target, required(matches)))
    return [m for m in matches if m.value.required(m.text) in lacking]


def _replace(source: str, matches: Sequence[Match[Entry]], pieces: Sequence[str]) -> str:
    """`source` with each match replaced by the piece of the same index."""
    out, position = [], 0
    for match, piece in zip(matches, pieces, strict=True):
        out.append(source[position : match.start])
        out.append(piece)
        position = match.end
    out.append(source[position:])
    return "".join(out)


def _inline(
    todo: list[int],
    sources: Sequence[str],
    found: dict[int, list[Match[Entry]]],
    translate: TranslateFn,
) -> dict[int, str]:
    """Sentences with renderings written in, translated (keep-only ones are skipped:
    their inline form is the source itself)."""
    texts = {}
    for i in todo:
        text = _replace(sources[i], found[i], [m.value.required(m.text) for m in found[i]])
        if text != sources[i]:
            texts[i] = text
    return dict(zip(texts, translate(list(texts.values())), strict=True))


def _placeholder(
    todo: list[int],
    sources: Sequence[str],
    found: dict[int, list[Match[Entry]]],
    translate: TranslateFn,
) -> dict[int, str]:
    """Sentences with opaque tokens for the terms, translated, tokens put back."""
    texts = {
        i: _replace(sources[i], found[i], [PLACEHOLDER.format(n + 1) for n in range(len(found[i]))])
        for i in todo
        if not _PLACEHOLDER.search(sources[i])  # a source that holds such a token already
    }
    out = {}
    for i, text in zip(texts, translate(list(texts.values())), strict=True):
        restored = _restore(text, [m.value.required(m.text) for m in found[i]])
        if restored is not None:
            out[i] = restored
    return out


def _restore(text: str, renderings: Sequence[str]) -> str | None:
    """`text` with each placeholder replaced by its rendering; None unless every
    placeholder is there exactly once and there is no other."""
    numbers = [int(m.group(1)) for m in _PLACEHOLDER.finditer(text)]
    if sorted(numbers) != list(range(1, len(renderings) + 1)):
        return None
    return _PLACEHOLDER.sub(lambda m: renderings[int(m.group(1)) - 1], text)


def _split(
    todo: list[int],
    sources: Sequence[str],
    found: dict[int, list[Match[Entry]]],
    translate: TranslateFn,
) -> dict[int, str]:
    """Sentences translated piece by piece around their terms."""
    pieces: list[str] = []
    plans: dict[int, list[tuple[str, str, int | None]]] = {}
    for i in todo:
        plan: list[tuple[str, str, int | None]] = []
        position = 0
        source = sources[i]
        for match in [*found[i], None]:
            end = match.start if match is not None else len(source)
            piece = source[position:end]
            if _WORD.search(piece):
                lead = piece[: len(piece) - len(piece.lstrip())]
                trail = piece[len(piece.rstrip()) :]
                plan.append((lead, trail, len(pieces)))
                pieces.append(piece.strip())
            else:
                plan.append((piece, "", None))
            if match is not None:
                plan.append((match.value.required(match.text), "", None))
                position = match.end
        plans[i] = plan
    translated = translate(pieces) if pieces else []
    return {i: _join(plan, translated) for i, plan in plans.items()}


def _join(plan: list[tuple[str, str, int | None]], translated: list[str]) -> str:
    """The pieces of a split sentence in order; a space between a rendering and a
    translated piece that would otherwise run into it ("Faldo's record" -> "Faldo" +
    "O recorde", not "FaldoO recorde")."""
    out = ""
    for lead, trail, index in plan:
        piece = lead if index is None else f"{lead}{translated[index]}{trail}"
        if out and piece and _WORD.match(out[-1]) and _WORD.match(piece[0]):
            out += " "
        out += piece
    return out
