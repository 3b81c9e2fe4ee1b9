"""The result of summarizing: what every summarizer returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.text import Span

# Languages that put no space between sentences (Thai and Korean do).
_NO_SPACE_LANGS = frozenset({"zh", "ja"})


@dataclass
class Summary:
    """A summary of one text.

    `sentences` are in the article's order. For an extractive summary `spans` gives
    each sentence's offsets in the summarized text; an abstractive summary has none
    and names the `models` that wrote it.
    """

    text: str
    sentences: list[str]
    lang: str
    method: str  # "textrank", "lead", "seq2seq" or "llm"
    spans: list[Span] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    chunks: int = 1  # pieces the text was cut into for an abstractive model

    @classmethod
    def from_sentences(cls, sentences: list[str], lang: str, method: str, **extra) -> Summary:
        """Join sentences the way `lang` writes them (no space in Chinese, Japanese...)."""
        joiner = "" if lang in _NO_SPACE_LANGS else " "
        return cls(joiner.join(sentences), list(sentences), lang, method, **extra)
