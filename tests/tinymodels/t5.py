"""A tiny random-weight T5 (seq2seq summarizer architecture) model in a local directory."""

from __future__ import annotations

from pathlib import Path

from tinymodels import train_sentencepiece


def build_t5(directory: Path, *, max_positions: int = 64, seed: int = 0) -> Path:
    """Write a T5ForConditionalGeneration + sentencepiece tokenizer to `directory`.

    `max_positions` becomes the tokenizer's `model_max_length`, the input limit the
    summarizer reads to decide how long its chunks may be.
    """
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, T5Config, T5ForConditionalGeneration, T5Tokenizer

    directory.mkdir(parents=True, exist_ok=True)
    spm_model = train_sentencepiece(directory / "spm")
    processor = spm.SentencePieceProcessor(model_file=str(spm_model))
    # T5's layout: <pad>=0, </s>=1, <unk>=2, then the sentencepiece pieces with scores.
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)] + [
        (processor.id_to_piece(i), processor.get_score(i))
        for i in range(processor.get_piece_size())
        if processor.id_to_piece(i) not in ("<unk>", "<s>", "</s>")
    ]
    spm_model.unlink()
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0, model_max_length=max_positions)
    tokenizer.save_pretrained(directory)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    model = T5ForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(directory)
    return directory
