"""Translate one structured document (Markdown, HTML, JSON, JSONL, SRT) in place.

`translate_document` parses the text with the format reader for its suffix
(`toolkit.formats`), translates only the units (prose, text nodes, JSON fields, cue
text) and renders the file back, so front matter, markup, URLs, other fields and timings
come back byte for byte. It makes the same choices as a folder run
(`toolkit.batch.translate_tree`) for the same file: the source language is given, or
detected once per document (once per record for JSON/JSONL), and units already in the
target language are copied. `toolkit translate FILE.md` uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from toolkit.formats import FORMATS, Document, FormatOptions, parse
from toolkit.translate.results import LegRun

# --input-format names -> the suffix whose reader they choose
FORMAT_SUFFIXES: dict[str, str] = {
    "md": ".md",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "jsonl": ".jsonl",
    "srt": ".srt",
    "txt": ".txt",
}


@dataclass
class DocumentTranslation:
    """A structured document in the target language, and what made it."""

    text: str
    tgt: str
    format: str  # the suffix whose reader parsed it: ".md", ".html", ...
    sources: list[str] = field(default_factory=list)  # source languages seen, in order
    models: list[str] = field(default_factory=list)
    # how each model ran (`LegRun`s: pair, model, engine), merged over the units;
    # `from_memory` totals the units' sentences the translation memory answered
    legs: list[LegRun] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    units: int = 0  # strings translated or copied
    # one per translated sentence, as `Translation.segments`, plus "unit": the index of
    # the string it belongs to (offsets are into that string, not into the file)
    segments: list[dict[str, Any]] = field(default_factory=list)

    @property
    def src(self) -> str:
        """The source language ("und" if none was known, the first one of several)."""
        return self.sources[0] if self.sources else "und"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output: `Translation.to_dict`'s keys plus format details."""
        return {
            "text": self.text,
            "src": self.src,
            "tgt": self.tgt,
            "models": list(self.models),
            "legs": [asdict(leg) for leg in self.legs],
            "engines": [leg.engine for leg in self.legs],
            "segments": list(self.segments),
            "warnings": list(self.warnings),
            "format": self.format,
            "sources": list(self.sources),
            "units": self.units,
        }


def structured_suffix(name: str, override: str | None = None) -> str | None:
    """The suffix whose format reader handles `name` (".md"...), or None for plain text.

    `override` is an --input-format name (md, html, json, jsonl, srt, txt). Plain text
    (`.txt`, unknown suffixes, standard input) is None: the translator keeps its layout.
    """
    if override is not None:
        suffix = FORMAT_SUFFIXES[override]
    else:
        dot = name.rfind(".")
        suffix = name[dot:].lower() if dot > name.rfind("/") else ""
    return suffix if suffix in FORMATS and suffix != ".txt" else None


def translate_document(
    text: str,
    suffix: str,
    to: str,
    *,
    translator: Any,
    config: Any,
    src: str | None = None,
    fields: Sequence[str] = ("text",),
    model: str | None = None,
) -> DocumentTranslation:
    """`text` (a file of format `suffix`) translated into `to`, structure kept.

    `translator` is a `toolkit.translate.Translator` (or anything with its
    ``translate(list, to=, src=)``); `config` gives the Markdown front-matter keys.
    Raises `FormatError` (exit 3) for a file that does not parse as its format.
    """
    doc = parse(f"input{suffix}", text, FormatOptions.configured(fields, config))
    langs = unit_languages(doc, src, config)
    texts = list(doc.units)
    result = DocumentTranslation("", to, suffix, units=len(texts))
    for lang in dict.fromkeys(langs):
        if lang is not None:
            result.sources.append(lang)
        if lang == to:
            continue  # already in the target language: copied, as a folder run does
        indexes = [i for i, unit_lang in enumerate(langs) if unit_lang == lang]
        options = {"model": model} if model else {}
        translated = translator.translate([texts[i] for i in indexes], to=to, src=lang, **options)
        for i, translation in zip(indexes, translated, strict=True):
            texts[i] = translation.text
            found = getattr(translation, "src", None)  # detected by the translator
            if found and found not in result.sources:
                result.sources.append(found)
            result.models.extend(m for m in translation.models if m not in result.models)
            merge_legs(result.legs, getattr(translation, "legs", []))
            result.warnings.extend(translation.warnings)
            for segment in getattr(translation, "segments", []):
                result.segments.append({**asdict(segment), "unit": i})
    result.text = doc.render(texts, lang=to)
    return result


def merge_legs(merged: list[LegRun], legs: Sequence[LegRun]) -> None:
    """Add a unit's `LegRun`s to `merged`: one entry per leg that ran the same way
    (pair, model, engine, device, type), with the memory's answers summed."""
    for leg in legs:
        known = next(
            (m for m in merged if replace(m, from_memory=0) == replace(leg, from_memory=0)), None
        )
        if known is None:
            merged.append(replace(leg))
        else:
            known.from_memory += leg.from_memory


def unit_languages(doc: Document, src: str | None, config: Any) -> list[str | None]:
    """The source language of each unit: `src`, or detected per document (per record for
    JSON/JSONL); None where the detector is unsure (the translator detects again). The
    one owner of this rule: single files and folder runs both call it."""
    if src or not doc.units:
        return [src] * len(doc.units)
    if doc.records:
        return [text_language(unit, config) for unit in doc.units]
    return [text_language("\n\n".join(doc.paragraphs or doc.units), config)] * len(doc.units)


def text_language(text: str, config: Any) -> str | None:
    """The language of `text` (its first 5,000 characters), or None when unsure."""
    from toolkit.detect import detect

    lang = detect(text[:5000], config=config).lang
    return None if lang in ("", "und") else lang
