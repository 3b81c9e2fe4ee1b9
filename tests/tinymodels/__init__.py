"""Tiny random-weight translation models built on the fly for tests (see DESIGN.md).

They exercise the real loading, tokenization, language-code, batching and generation
paths in well under a second each; their output is gibberish, so tests assert structure
(order, counts, codes, no truncation), never wording.
"""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_SYNTHETIC_WORDS = (
    "the minister said on monday that talks would resume in the capital after weeks of "
    "protests over prices and wages while officials in brussels warned of new sanctions "
    "el gobierno anunció nuevas medidas para la economía y los trabajadores del país "
    "le président a déclaré que la réforme serait présentée au parlement avant l'été "
    "die regierung will die steuern senken und mehr geld für schulen ausgeben"
).split()


def training_lines() -> list[str]:
    """A few hundred lines of multilingual news text for training tokenizers."""
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    n = len(_SYNTHETIC_WORDS)
    for i in range(300):
        lines.append(" ".join(_SYNTHETIC_WORDS[(i * 7 + k * 3) % n] for k in range(12)) + ".")
    return [line for line in lines if line]


def train_sentencepiece(prefix: Path, vocab_size: int = 800) -> Path:
    """A small unigram sentencepiece model at ``prefix.model`` (trained once per process,
    then copied)."""
    import sentencepiece as spm

    target = prefix.with_suffix(".model")
    if vocab_size not in _TRAINED:
        trained = prefix.with_name(f"{prefix.name}-trained")
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(training_lines()),
            model_prefix=str(trained),
            vocab_size=vocab_size,
            hard_vocab_limit=False,
            character_coverage=1.0,
            model_type="unigram",
            num_threads=1,
            minloglevel=2,
        )
        _TRAINED[vocab_size] = trained.with_suffix(".model").read_bytes()
        trained.with_suffix(".model").unlink()
        trained.with_suffix(".vocab").unlink()
    target.write_bytes(_TRAINED[vocab_size])
    return target


_TRAINED: dict[int, bytes] = {}


def spm_pieces(model_path: Path) -> list[str]:
    """The pieces of a sentencepiece model, in id order."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(model_path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
