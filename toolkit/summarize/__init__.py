"""Summaries: extractive by default (offline, any language), abstractive on request.

    from toolkit.summarize import summarize
    summarize(article, sentences=3).text

`summarize.engine` in the config picks the method: "extractive" (TextRank with a lead
prior, see `extractive.py`), "lead" (the first sentences), "seq2seq" or "llm" (a local
model, see `abstractive.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._stage import make_callable
from toolkit.errors import ConfigError
from toolkit.summarize.extractive import LeadSummarizer, Length, TextRankSummarizer
from toolkit.summarize.summary import Summary
from toolkit.text import require_count, require_text

if TYPE_CHECKING:
    from toolkit.config import Config

__all__ = ["LeadSummarizer", "Length", "Summary", "TextRankSummarizer", "summarize"]


def summarize(
    text: str,
    lang: str | None = None,
    *,
    sentences: int | None = None,
    words: int | None = None,
    config: Config | None = None,
) -> Summary:
    """Summarize `text` in its own language.

    `lang` (ISO 639-1) is detected when not given. The length is `sentences` sentences
    (default: `summarize.sentences` of `config`, itself `Config.load()` by default, as
    for the CLI), or as many whole sentences as fit in `words` words when `words` is set
    (at least one sentence either way; sentences are never cut).
    """
    from toolkit.config import Config, require_config
    from toolkit.langs import source_language

    require_text(text, "summarize()")
    if sentences is not None:
        require_count(sentences, "summarize()", "sentences")
    if words is not None:
        require_count(words, "summarize()", "words")
    lang = source_language(lang)  # a code is checked (type, known) before any work
    config = require_config(config, "summarize()") or Config.load()
    if sentences is None:
        sentences = config.summarize.sentences
    if lang is None:
        from toolkit.detect import detect

        lang = detect(text, config=config).lang
    return summarizer_for(config).summarize(text, lang, Length(sentences, words))


def summarizer_for(config: Config):
    """The summarizer `config.summarize` asks for."""
    cfg = config.summarize
    if cfg.engine == "extractive":
        return TextRankSummarizer(lead_bias=cfg.lead_bias, redundancy=cfg.redundancy)
    if cfg.engine == "lead":
        return LeadSummarizer()
    if cfg.engine in ("seq2seq", "llm"):
        from toolkit.summarize.abstractive import abstractive_summarizer

        return abstractive_summarizer(config)
    from toolkit.config import CHOICES

    choices = ", ".join(CHOICES["summarize.engine"])
    raise ConfigError(f"unknown summarize.engine {cfg.engine!r} (one of {choices})")


make_callable(__name__, summarize)
