"""What a translation returns (`Translation`, one `Segment` per source sentence), and how
translated sentences are put back between a document's untouched layout (`assemble`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.text import Span
from toolkit.translate import checks

if TYPE_CHECKING:
    from toolkit.glossary import TermUse


@dataclass
class Segment:
    """One translated sentence: where it is in the source text, and what it became."""

    start: int
    end: int
    source: str
    target: str
    pivot: str | None = None  # the English text in between, for a pivot route
    cached: bool = False  # every leg came from the translation memory
    flags: list[str] = field(default_factory=list)


@dataclass
class LegRun:
    """One leg of a translation as it ran: the pair, the model, and the engine the
    backend that loaded the model reports ("torch", "ct2", "bergamot"), never the
    configured `translate.engine` (a Firefox Translations model always runs on
    "bergamot"); `device` and `compute_type` likewise as loaded ("cpu", "float32"; a ct2
    int16 conversion computes as "int8_float32" on a CPU without int16). `from_memory`
    counts this document's sentences whose output for this leg came from the
    translation memory: the memory is keyed by the backend's cache key, which names the
    engine, device and type, so such output was made the same way by the same model."""

    src: str
    tgt: str
    model: str
    engine: str
    device: str = ""
    compute_type: str = ""
    from_memory: int = 0


@dataclass
class Translation:
    """A translated document.

    `models` lists the models used, in order (two for a pivot through English), and
    `legs` how each of them ran (`LegRun`: pair, model, engine; a pivot may mix
    engines, e.g. a torch leg es->en and a Firefox Translations leg en->pt);
    `segments` has one entry per source sentence; `warnings` reports suspected drops,
    runaway output and anything else the reader should check.
    """

    text: str
    src: str
    tgt: str
    models: list[str]
    segments: list[Segment]
    warnings: list[str] = field(default_factory=list)
    legs: list[LegRun] = field(default_factory=list)
    #: each glossary term of the source and how its rendering was obtained
    terms: list[TermUse] = field(default_factory=list)

    @property
    def engines(self) -> list[str]:
        """The engine of each leg, in order (empty when no model ran)."""
        return [leg.engine for leg in self.legs]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output; `engines` (each leg's engine) stays in it for
        readers of the field it was before `legs`."""
        return {**asdict(self), "engines": self.engines}


@dataclass
class SourceDoc:
    """A text to translate: its sentences (`spans`) and its source language."""

    text: str
    spans: list[Span]
    src: str = "und"


def unchanged(doc: SourceDoc, tgt: str) -> Translation:
    """A text that needs no model: nothing to translate, or already in `tgt`."""
    warnings = []
    if doc.spans:
        warnings.append(f"the text is already in {tgt}; returned unchanged")
    segments = [Segment(s.start, s.end, s.text, s.text) for s in doc.spans]
    return Translation(doc.text, doc.src, tgt, [], segments, warnings)


def assemble(
    doc: SourceDoc,
    tgt: str,
    models: list[str],
    targets: Sequence[str],
    pivots: Sequence[str] | None,
    cached: Sequence[bool],
) -> Translation:
    """Put translated sentences back between the document's untouched layout."""
    parts: list[str] = []
    segments: list[Segment] = []
    position = 0
    for i, span in enumerate(doc.spans):
        target = targets[i]
        flags = checks.check_sentence(span.text, target, doc.src, tgt)
        if not target.strip():
            target = span.text
            flags = [f"{checks.EMPTY}; the source sentence was kept"]
        parts.append(doc.text[position : span.start])
        parts.append(target)
        position = span.end
        segments.append(
            Segment(
                span.start,
                span.end,
                span.text,
                target,
                pivots[i] if pivots else None,
                cached[i],
                flags,
            )
        )
    parts.append(doc.text[position:])
    warnings = checks.summarize([s.flags for s in segments], len(segments))
    return Translation("".join(parts), doc.src, tgt, list(models), segments, warnings)
