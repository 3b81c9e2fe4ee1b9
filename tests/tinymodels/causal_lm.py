"""A tiny random-weight Qwen2-style causal LM with a byte-level BPE tokenizer and a chat template.

It loads and generates through exactly the code paths of a real instruct model
(`AutoTokenizer`, `AutoModelForCausalLM`, `apply_chat_template`, `generate`), in well under
a second, but its output is gibberish: tests use it for structure (loading, prompting,
error paths, the post-edit guard rejecting nonsense), never for wording.
"""

from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
_CORPUS = [
    "The Taliban said in a press release that the occupation must end.",
    "NATO ministers meet next week to decide on the withdrawal of troops.",
    "Le gouvernement a démenti ces informations mardi soir.",
    "Die Regierung hat die Berichte am Dienstag zurückgewiesen.",
    "El ministro dijo que las tropas se retirarán en mayo.",
    "You are a copy editor at a news agency. Reply with the corrected sentence only.",
]


def build_causal_lm(path: Path, *, vocab_size: int = 400, seed: int = 0) -> Path:
    """Write a tiny Qwen2ForCausalLM and its tokenizer to `path`; return `path`."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(_CORPUS, trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>"],
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    path.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(path)

    config = Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=1024,
        tie_word_embeddings=True,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=None,
        initializer_range=0.5,  # large random weights: varied gibberish, not one token
    )
    torch.manual_seed(seed)
    Qwen2ForCausalLM(config).save_pretrained(path)
    return path
