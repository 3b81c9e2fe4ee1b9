"""The common shape of a structured document: translatable units plus a rebuild plan.

A format module parses a file's text into a `Document`: the `units` (the strings a
translator or summarizer sees) and `slots`, the stretches of the original text that
each unit replaces. `Document.render()` splices the translations into the original text,
so everything outside the slots (markup, code, timings, other JSON fields, whitespace)
comes back byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.errors import InputError


def _stripped(text: str) -> str:
    return text.strip()


@dataclass(frozen=True)
class Slot:
    """A stretch `[start, end)` of the source replaced when the document is rendered.

    `unit` is the index of the unit whose translation goes there; `None` means the slot
    takes the target language code itself (e.g. the `lang` attribute of `<html>`).
    `encode` turns the translated text into source syntax (escaping, quoting, wrapping);
    the default strips the surrounding whitespace a model may add.
    """

    start: int
    end: int
    unit: int | None
    encode: Callable[[str], str] = _stripped


@dataclass(frozen=True)
class FormatOptions:
    """What to translate in formats that have a choice.

    `fields`: dotted paths of the JSON/JSONL fields to translate. `front_matter_keys`:
    the YAML front-matter keys of a Markdown file whose string values are translated
    (empty: front matter is left alone).
    """

    fields: tuple[str, ...] = ("text",)
    front_matter_keys: tuple[str, ...] = ("title", "description", "summary")

    @classmethod
    def configured(cls, fields: Sequence[str], config: Any) -> FormatOptions:
        """`fields`, with the front-matter keys of ``config.batch.front_matter_keys``."""
        keys = config.batch.front_matter_keys.split(",")
        return cls(tuple(fields), tuple(k.strip() for k in keys if k.strip()))


@dataclass
class Document:
    """A parsed document: its units, where they go, and its plain-text paragraphs.

    `records` is true for record formats (JSON, JSONL) where every unit is a separate
    text (one article per record); `paragraphs` is the readable text of a document
    format, for summarizing it as a whole.
    """

    source: str
    units: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    records: bool = False

    def add(
        self, start: int, end: int, unit_text: str, encode: Callable[[str], str] = _stripped
    ) -> None:
        """Register `unit_text` as a new unit replacing `source[start:end]`."""
        self.slots.append(Slot(start, end, len(self.units), encode))
        self.units.append(unit_text)

    def add_language_slot(self, start: int, end: int) -> None:
        """Register a stretch that takes the target language code when rendered."""
        self.slots.append(Slot(start, end, None))

    def render(self, translations: Sequence[str], lang: str | None = None) -> str:
        """The source with each unit's slot replaced by its translation.

        `lang` fills language slots; with `lang=None` they keep their source text.
        """
        if len(translations) != len(self.units):
            raise ValueError(f"expected {len(self.units)} translations, got {len(translations)}")
        pieces = []
        pos = 0
        for slot in sorted(self.slots, key=lambda s: s.start):
            if slot.start < pos:
                raise ValueError("overlapping slots")  # a format bug, never user input
            pieces.append(self.source[pos : slot.start])
            if slot.unit is None:
                pieces.append(lang if lang else self.source[slot.start : slot.end])
            else:
                pieces.append(slot.encode(translations[slot.unit]))
            pos = slot.end
        pieces.append(self.source[pos:])
        return "".join(pieces)


class FormatError(InputError):
    """A file's content does not parse as its format (bad JSON line, broken front matter)."""

    default_hint = "fix the file or remove it from the folder"
