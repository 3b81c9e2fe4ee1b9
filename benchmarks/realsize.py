"""Random-weight models with the real opus-mt architecture, for speed and memory benchmarks.

No model hub is reachable here, so the benchmarks build a `MarianMTModel` with the exact
shape of `Helsinki-NLP/opus-mt-*` (d_model 512, 6+6 layers, 8 heads, ffn 2048, swish,
shared and tied embeddings over a 58,101-entry vocabulary) and random weights. Its speed
and memory are those of the real model; its output is gibberish, so benchmarks force the
generation length instead of relying on end-of-sentence.

The sentencepiece model is trained on the benchmark's English news text (far smaller than
opus-mt's 32k pieces: there is not enough text for more); `vocab.json` is padded with
unused entries up to the real size, so the embedding and output-projection matrices, the
bulk of each decoding step, have their real size. The end-of-sentence logit is biased to
-1e4 (`final_logits_bias`, which CTranslate2's converter carries over), so every engine
decodes exactly as many tokens as it is allowed; for the same reason end-of-sentence is not
forced at the length bound (opus-mt's `forced_eos_token_id`), which would spend the last
step of transformers' `generate` on a token CTranslate2 does not produce. Generation
defaults are greedy (`num_beams=1`, unlike opus-mt's 4) so every compared variant runs the
same search.

The model is built once into a cache directory (atomically) and reused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE / "data" / "news_en.jsonl"

VOCAB_SIZE = 58101  # opus-mt-en-de's; the last entry is <pad>
SPM_PIECES = 4000
SPEC_VERSION = "opus-mt-size-v2"  # bump when the recipe below changes


def news_sentences() -> list[str]:
    """The English news sentences of NTREX-128 (see benchmarks/data/README.md), in order."""
    out: list[str] = []
    with NEWS.open(encoding="utf-8") as handle:
        for line in handle:
            out.extend(json.loads(line)["sentences"])
    return out


def cache_root() -> Path:
    """Where benchmark models live: $TOOLKIT_BENCH_CACHE or <user cache>/toolkit/bench."""
    env = os.environ.get("TOOLKIT_BENCH_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("toolkit")) / "bench"


def real_size_marian() -> Path:
    """Path of the real-size random Marian model directory, building it on first use."""
    target = cache_root() / f"marian-{SPEC_VERSION}"
    if (target / "config.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        _build_marian(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first: use theirs
            if not (target / "config.json").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _build_marian(out: Path) -> None:
    build_random_marian(out, news_sentences(), layers=6, vocab_size=VOCAB_SIZE)


def build_random_marian(
    out: Path,
    sentences: Iterable[str],
    *,
    layers: int,
    vocab_size: int | None = None,
    character_coverage: float = 1.0,
) -> None:
    """Save into `out` a random-weight opus-mt-shaped Marian model (d_model 512, 8 heads,
    ffn 2048) with `layers`+`layers` layers and a sentencepiece tokenizer trained on
    `sentences`. `vocab_size` pads vocab.json (and the embeddings) to that size; None
    keeps the sentencepiece vocabulary plus <pad>. Sentences never end on their own (see
    the module docstring)."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_prefix=str(out / "spm"),
        vocab_size=SPM_PIECES,
        model_type="unigram",
        character_coverage=character_coverage,
        hard_vocab_limit=False,
        unk_id=1,
        eos_id=0,
        bos_id=-1,
        pad_id=-1,
        unk_piece="<unk>",
        eos_piece="</s>",
        num_threads=1,
        minloglevel=2,
    )
    (out / "spm.model").rename(out / "source.spm")
    shutil.copy(out / "source.spm", out / "target.spm")
    (out / "spm.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(out / "source.spm"))
    vocab = _padded_vocab(processor, vocab_size or processor.get_piece_size() + 1)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "MarianTokenizer",
                "source_lang": "en",
                "target_lang": "xx",
                "model_max_length": 512,
            }
        ),
        encoding="utf-8",
    )
    pad = len(vocab) - 1
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=512,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        activation_function="swish",
        max_position_embeddings=512,
        scale_embedding=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=None,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        model.final_logits_bias[0, 0] = -1e4  # never end a sentence: lengths are forced
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad,
        eos_token_id=0,
        pad_token_id=pad,
        bad_words_ids=[[pad]],
        max_length=512,
        num_beams=1,
    )
    model.save_pretrained(out)


def _padded_vocab(processor, size: int) -> dict[str, int]:
    """vocab.json as opus-mt lays it out: </s>=0, <unk>=1, pieces, filler, <pad> last."""
    vocab = {processor.id_to_piece(i): i for i in range(processor.get_piece_size())}
    for i in _filler(size - 1 - len(vocab)):
        vocab[i] = len(vocab)
    vocab["<pad>"] = size - 1
    return vocab


def _filler(count: int) -> Iterator[str]:
    return (f"<unused{i}>" for i in range(count))
