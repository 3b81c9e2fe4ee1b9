"""Abstractive summaries and briefs with a local model (opt-in: `summarize.engine`).

- `Seq2SeqSummarizer` ("seq2seq"): an encoder-decoder summarization model loaded with
  `AutoModelForSeq2SeqLM` (BART, PEGASUS, T5/mT5, mBART...). T5-family models get
  their "summarize: " task prefix.
- `LLMSummarizer` ("llm"): an instruct causal LM prompted through its chat template
  with `prompts/summarize.txt` (a summary in the article's language) or
  `prompts/brief.txt` (a brief written directly in another language). The article is
  fenced inside the prompt as data; any fence markers inside it are neutralized.

Both read long articles in chunks of whole sentences that fit `summarize.chunk_tokens`
(and the model's own input limit), summarize each chunk, then summarize the joined
chunk summaries again until one pass fits ("map-reduce"). Decoding is greedy, so the
same input gives the same output. Models are loaded by `toolkit.model_loader` with the
[models] settings, like every model: a local directory or a hub id in the local cache; a
missing one raises `ModelUnavailableError` (exit code 5) naming ``toolkit models pull``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from toolkit.errors import ConfigError, ToolkitError
from toolkit.generation import greedy_generate
from toolkit.prompts import render
from toolkit.summarize.extractive import Length
from toolkit.summarize.segment import segment
from toolkit.summarize.summary import Summary
from toolkit.summarize.tokenize import word_count
from toolkit.text import sentences as split_sentences

if TYPE_CHECKING:
    from toolkit.config import Config

MAX_ROUNDS = 4  # merge passes over chunk summaries before giving up on fitting one input
_FENCE = re.compile(r"</?\s*article\s*>", re.IGNORECASE)


def abstractive_summarizer(config: Config) -> Seq2SeqSummarizer | LLMSummarizer:
    """The summarizer `summarize.engine` names."""
    if config.summarize.engine == "llm":
        return LLMSummarizer(config)
    return Seq2SeqSummarizer(config)


class _LocalModel:
    """A model and tokenizer loaded from disk (never from the network unless allowed)."""

    def __init__(self, config: Config, *, encoder_decoder: bool) -> None:
        ref = config.summarize.model
        if not ref:
            raise ConfigError(
                f"summarize.engine = {config.summarize.engine!r} needs summarize.model",
                hint="set summarize.model to a hub id or a local model directory",
            )
        from toolkit.model_loader import Kind, load_model

        kind: Kind = "seq2seq" if encoder_decoder else "causal"
        loaded = load_model(ref, config.models, kind, what="summarize.model")
        self.model, self.tokenizer, self.device = loaded.model, loaded.tokenizer, loaded.device
        self.ref = ref
        self.model_type = loaded.model_type
        self.max_new_tokens = config.summarize.max_new_tokens
        self.input_limit = loaded.input_limit

    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def generate(self, inputs: dict[str, Any]) -> str:
        """Greedy decoding; the prompt is cut from a causal model's output."""
        tokens = greedy_generate(
            self.model,
            self.tokenizer,
            inputs,
            num_beams=1,
            max_new_tokens=self.max_new_tokens,
            min_new_tokens=1,
        )
        return " ".join(self.tokenizer.decode(tokens, skip_special_tokens=True).split())


class _ChunkedSummarizer:
    """Map-reduce over chunks of whole sentences; subclasses say how one piece is done."""

    method = ""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.model = self._load(config)

    def _load(self, config: Config) -> _LocalModel:  # pragma: no cover - abstract
        raise NotImplementedError

    def _one(self, text: str, lang: str, length: Length) -> str:  # pragma: no cover
        raise NotImplementedError

    def _budget(self) -> int:
        """Tokens of article text one model call may take."""
        return max(16, min(self.config.summarize.chunk_tokens, self.model.input_limit - 8))

    def summarize(self, text: str, lang: str, length: Length) -> Summary:
        """Summarize `text` (in `lang`) in chunks, then merge; trimmed to `length`."""
        body = " ".join(s.text for s in segment(text) if s.pickable)
        if not body:
            return Summary.from_sentences([], lang, self.method, models=[self.model.ref])
        result, first_round = self._reduce(body, lambda piece: self._one(piece, lang, length))
        return _trim(result, lang, self.method, length, self.model.ref, first_round)

    def _reduce(self, text: str, one) -> tuple[str, int]:
        """Summarize chunks, then the joined summaries, until one call covers it all.

        A merge pass that comes back empty keeps the chunk summaries it was given.
        Returns the final text and how many chunks the article was cut into.
        """
        pieces = chunk(text, self.model.count, self._budget())
        first_round = len(pieces)
        current = text
        for _ in range(MAX_ROUNDS):
            outputs = [out for out in (one(piece) for piece in pieces) if out]
            if not outputs:
                break
            merged = " ".join(outputs)
            if len(pieces) == 1 or merged == current:
                return merged, first_round
            current = merged
            pieces = chunk(current, self.model.count, self._budget())
        if current is text:
            raise ToolkitError(
                f"model {self.model.ref} produced no text", hint="try another summarize.model"
            )
        return current, first_round


class Seq2SeqSummarizer(_ChunkedSummarizer):
    """A seq2seq summarization model (see the module docstring)."""

    method = "seq2seq"

    def _load(self, config: Config) -> _LocalModel:
        return _LocalModel(config, encoder_decoder=True)

    def _one(self, text: str, lang: str, length: Length) -> str:
        prefix = "summarize: " if self.model.model_type in ("t5", "mt5", "umt5") else ""
        inputs = self.model.tokenizer(
            prefix + text, return_tensors="pt", truncation=True, max_length=self.model.input_limit
        )
        return self.model.generate(dict(inputs))


class LLMSummarizer(_ChunkedSummarizer):
    """An instruct LLM with the summarize and brief prompt templates."""

    method = "llm"

    def _load(self, config: Config) -> _LocalModel:
        model = _LocalModel(config, encoder_decoder=False)
        if not getattr(model.tokenizer, "chat_template", None):
            raise ConfigError(
                f"summarize.model {model.ref!r} has no chat template (not an instruct model)"
            )
        return model

    def _budget(self) -> int:
        prompt = self.model.count(render("brief", **_prompt_values("x", "en", "en", Length())))
        return max(16, min(self.config.summarize.chunk_tokens, self.model.input_limit - prompt))

    def _one(self, text: str, lang: str, length: Length) -> str:
        return self._ask(render("summarize", **_prompt_values(text, lang, lang, length)))

    def brief(self, text: str, src: str, tgt: str, length: Length | None = None) -> Summary:
        """A brief of `text` (in `src`) written directly in `tgt`."""
        length = length or Length(self.config.summarize.sentences)

        def one(piece: str) -> str:
            return self._ask(render("brief", **_prompt_values(piece, src, tgt, length)))

        result, first_round = self._reduce(text, one)
        return _trim(result, tgt, self.method, length, self.model.ref, first_round)

    def _ask(self, prompt: str) -> str:
        messages = [{"role": "user", "content": prompt}]
        chat = self.model.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, tokenize=False
        )
        inputs = self.model.tokenizer(chat, return_tensors="pt", add_special_tokens=False)
        return self.model.generate(dict(inputs))


def chunk(text: str, count, budget: int) -> list[str]:
    """`text` cut into pieces of whole sentences of at most `budget` tokens each.

    A sentence longer than the budget alone is cut between words; nothing is dropped.
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in (s.text for s in split_sentences(text)):
        cost = count(sentence) + 1
        if cost > budget:
            if current:
                pieces.append(" ".join(current))
                current, size = [], 0
            pieces.extend(_split_words(sentence, count, budget))
            continue
        if current and size + cost > budget:
            pieces.append(" ".join(current))
            current, size = [], 0
        current.append(sentence)
        size += cost
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_words(sentence: str, count, budget: int) -> list[str]:
    words = sentence.split()
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        if current and count(" ".join([*current, word])) > budget:
            pieces.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _prompt_values(article: str, src: str, tgt: str, length: Length) -> dict[str, str]:
    from toolkit.langs import language_name

    limit = f"{length.words} words" if length.words else f"{length.sentences} sentences"
    return {
        "article": _FENCE.sub(" ", article),
        "language": language_name(tgt),
        "source_language": language_name(src),
        "length": limit,
    }


def _trim(text: str, lang: str, method: str, length: Length, ref: str, chunks: int) -> Summary:
    """The generated text as sentences, cut to the requested length at sentence ends."""
    found = [s.text for s in split_sentences(text)] or ([text] if text else [])
    kept: list[str] = []
    words = 0
    for sentence in found:
        cost = word_count(sentence)
        if length.words is not None and kept and words + cost > length.words:
            break
        if length.words is None and len(kept) >= length.sentences:
            break
        kept.append(sentence)
        words += cost
    return Summary.from_sentences(kept, lang, method, models=[ref], chunks=chunks)
