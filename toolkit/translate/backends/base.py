"""The engine seam: one loaded seq2seq translation model behind a small interface.

The `Translator` does everything engine-independent (segmentation, batching by token
budget, long-sentence splitting, pivoting, the translation memory, checks) and calls a
`Backend` only to count tokens and translate a batch of sentences. An engine (``torch``,
``ct2``) is a `Backend` subclass registered by name in `toolkit.translate.backends`;
the beam-search engines share `BeamBackend`, whose one `_generate` gives best and n-best.

A backend gets a `LocalModel` (a directory that holds the Hugging Face files: config.json,
tokenizer files, weights) and shares tokenization and language-code handling through its
`Family`, so every engine feeds the model the same token ids.
"""

from __future__ import annotations

import hashlib
import json
import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from toolkit.errors import ConfigError
from toolkit.translate.families import Family, load_family

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig

# Generation always gets at least this many new tokens, so short inputs can still produce
# a complete sentence (e.g. a one-word English heading into German).
MIN_NEW_TOKENS = 16


@dataclass(frozen=True)
class LocalModel:
    """A translation model present on disk.

    `name` is what the user asked for and sees in results (hub id or path), `path` the
    directory with its files, `revision` the hub commit for cached hub models ("" for
    plain directories).
    """

    name: str
    path: Path
    revision: str = ""

    @property
    def fingerprint(self) -> str:
        """Identifies these exact weights: the hub revision, or a digest of the files'
        names, sizes and modification times for a plain directory."""
        if self.revision:
            return self.revision
        digest = hashlib.sha256()
        for item in sorted(self.path.iterdir()):
            if item.is_file():
                stat = item.stat()
                digest.update(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        return digest.hexdigest()[:16]


class Backend(ABC):
    """One loaded seq2seq model: count tokens, translate batches of sentences.

    Subclasses set `engine`, load their model in `__init__` (after calling
    ``super().__init__``) and implement `translate_batch`. Sentences given to
    `translate_batch` are already segmented and fit `max_input_tokens`.
    """

    engine: ClassVar[str] = ""
    #: whether `translate_nbest` can give more than one translation per sentence
    nbest: ClassVar[bool] = False
    #: whether one `translate_batch` call on many sentences costs less than one call per
    #: sentence (true of the batched tensor engines); the server waits to gather a batch
    #: only for pairs where it does
    batch_speedup: ClassVar[bool] = True
    #: where the loaded model computes and in which type, as loaded (not as configured:
    #: "auto" resolved, a type the device lacks replaced), e.g. "cpu" and "float32";
    #: each engine sets them once its model is loaded ("" until then: unknown)
    device: str = ""
    compute_type: str = ""

    def __init__(self, model: LocalModel, config: TranslateConfig) -> None:
        self.model = model
        self.config = config
        self.family: Family = load_family(model.path)
        self.model_config = _read_config(model.path)
        self.max_positions = _max_positions(self.model_config, self.family)
        limit = self.max_positions
        if config.max_sentence_tokens > 0:
            limit = min(limit, config.max_sentence_tokens)
        #: the most tokens (from `count_tokens`) one source sentence may have
        self.max_input_tokens: int = max(8, limit - self.family.prefix_tokens)

    @property
    def name(self) -> str:
        """The model's name as the user knows it (hub id or path)."""
        return self.model.name

    @property
    def cache_key(self) -> str:
        """Translation-memory key: this model's weights, engine, the device and type it
        computes in as loaded, and every setting that changes its output."""
        return (
            f"{self.model.name}@{self.model.fingerprint}|{self.engine}"
            f"|{self.decoding_key()}|max={self.max_input_tokens}"
            f"|on={self.device}:{self.compute_type}"
        )

    def decoding_key(self) -> str:
        """The decoding settings this engine uses, for `cache_key` (beam search's)."""
        return f"beams={self.config.num_beams}|ratio={self.config.max_new_tokens_ratio}"

    def count_tokens(self, sentences: Sequence[str]) -> list[int]:
        """How many input tokens each sentence takes (comparable to `max_input_tokens`)."""
        return self.family.count(sentences)

    @abstractmethod
    def translate_batch(self, sentences: Sequence[str], *, src: str, tgt: str) -> list[str]:
        """Translate sentences (ISO codes `src` -> `tgt`); one output per input, in order."""

    def translate_nbest(
        self, sentences: Sequence[str], *, src: str, tgt: str, n: int
    ) -> list[list[str]]:
        """Up to `n` translations of each sentence, best first (LibreTranslate's
        `alternatives`). The default gives one: an engine without n-best decoding."""
        return [[text] for text in self.translate_batch(sentences, src=src, tgt=tgt)]

    def max_new_tokens(self, input_lengths: Sequence[int]) -> int:
        """Generation bound for a batch: `translate.max_new_tokens_ratio` times the longest
        input, never below `MIN_NEW_TOKENS` nor above the model's position limit."""
        longest = max(input_lengths, default=1)
        wanted = math.ceil(longest * self.config.max_new_tokens_ratio)
        return max(1, min(self.max_positions, max(MIN_NEW_TOKENS, wanted)))


class BeamBackend(Backend):
    """A backend whose engine decodes with a beam (``torch``, ``ct2``): one decoding
    path, `_generate`, gives both the best translation and the n-best lists."""

    nbest: ClassVar[bool] = True

    def translate_batch(self, sentences: Sequence[str], *, src: str, tgt: str) -> list[str]:
        return [best[0] for best in self._generate(sentences, src, tgt, 1)]

    def translate_nbest(
        self, sentences: Sequence[str], *, src: str, tgt: str, n: int
    ) -> list[list[str]]:
        """The `n` best hypotheses of each sentence (beam width at least `n`)."""
        return self._generate(sentences, src, tgt, max(1, n))

    @abstractmethod
    def _generate(self, sentences: Sequence[str], src: str, tgt: str, n: int) -> list[list[str]]:
        """Up to `n` translations of each sentence, best first."""


def select_device(requested: str) -> str:
    """The device to run on: `requested`, or for "auto" cuda, then mps, then cpu.

    A requested GPU that torch cannot use is a `ConfigError`, not a crash mid-load.
    """
    import torch

    mps = getattr(torch.backends, "mps", None)
    mps_ok = mps is not None and mps.is_available()
    if requested and requested != "auto":
        if requested.startswith("cuda") and not torch.cuda.is_available():
            missing = "no CUDA GPU is available to torch"
        elif requested == "mps" and not mps_ok:
            missing = "Apple MPS is not available to torch"
        else:
            return requested
        raise ConfigError(
            f"translate.device is {requested!r} but {missing}",
            hint='set translate.device = "auto" or "cpu"',
        )
    if torch.cuda.is_available():
        return "cuda"
    if mps_ok:
        return "mps"
    return "cpu"


def _read_config(path: Path) -> dict:
    try:
        data = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _max_positions(model_config: dict, family: Family) -> int:
    """The longest sequence the model accepts: its position table, or the tokenizer's
    declared limit if that is smaller."""
    limits = [int(model_config.get("max_position_embeddings") or 512)]
    declared = getattr(family.tokenizer, "model_max_length", None)
    if isinstance(declared, int) and 0 < declared < 1_000_000:
        limits.append(declared)
    return min(limits)
