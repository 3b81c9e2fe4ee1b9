"""The ct2 engine: conversion cache, equality with the torch engine, clear errors.

The tiny fixture Marian model's default initialisation (std 0.02) makes every input give
the same gibberish, which would let a broken engine pass an equality test; `_sharpen`
redraws its weights with a larger spread so outputs depend on the input, and the tests
check that precondition before comparing engines.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from tinymodels.marian import build_marian

from toolkit.config import Config
from toolkit.errors import ConfigError
from toolkit.translate import ct2convert
from toolkit.translate.backends import backend_class
from toolkit.translate.backends.base import LocalModel

pytest.importorskip("ctranslate2")

SENTENCES = [
    "The minister said on monday that talks would resume in the capital.",
    "Le président a déclaré que la réforme serait présentée au parlement.",
    "Hello",
    "die regierung will die steuern senken und mehr geld für schulen ausgeben",
    "Officials in Brussels warned of new sanctions after weeks of protests.",
    "El gobierno anunció nuevas medidas para la economía.",
]


def _sharpen(directory: Path, *, seed: int = 1) -> Path:
    """Redraw the model's weights (std 0.3) and force end-of-sentence at the length bound
    as opus-mt's generation config does."""
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(directory)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() > 1:
                parameter.normal_(0.0, 0.3, generator=generator)
        model.model.shared.weight[model.config.pad_token_id].zero_()
    model.save_pretrained(directory)
    path = directory / "generation_config.json"
    generation = json.loads(path.read_text(encoding="utf-8"))
    generation["forced_eos_token_id"] = 0
    path.write_text(json.dumps(generation), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def marian(tmp_path_factory) -> LocalModel:
    path = _sharpen(build_marian(tmp_path_factory.mktemp("ct2") / "marian"))
    return LocalModel(name=str(path), path=path)


@pytest.fixture(scope="module")
def multi_target(tmp_path_factory) -> LocalModel:
    path = build_marian(tmp_path_factory.mktemp("ct2") / "multi", targets=("es", "fr"))
    return LocalModel(name=str(_sharpen(path, seed=2)), path=path)


def _config(tmp_path: Path, **values) -> Config:
    config = Config.load(search_default_files=False)
    config.set("translate.ct2_dir", str(tmp_path / "ct2"))
    config.set("translate.device", "cpu")
    for key, value in values.items():
        config.set(f"translate.{key}", value)
    return config


def _backends(model: LocalModel, tmp_path: Path, quantization: str):
    config = _config(tmp_path, ct2_quantization=quantization).translate
    return backend_class("torch")(model, config), backend_class("ct2")(model, config)


def test_float32_greedy_equals_torch(marian, tmp_path):
    torch_backend, ct2_backend = _backends(marian, tmp_path, "float32")
    expected = torch_backend.translate_batch(SENTENCES, src="en", tgt="de")
    assert len(set(expected)) == len(SENTENCES), "fixture outputs must depend on the input"
    assert ct2_backend.translate_batch(SENTENCES, src="en", tgt="de") == expected
    for sentence in SENTENCES[:3]:  # unpadded, with a per-sentence length bound
        alone = torch_backend.translate_batch([sentence], src="en", tgt="de")
        assert ct2_backend.translate_batch([sentence], src="en", tgt="de") == alone


def test_float32_equal_at_a_short_length_bound(marian, tmp_path):
    """Outputs cut by the length bound match too (transformers' forced end token)."""
    config = _config(tmp_path, ct2_quantization="float32", max_new_tokens_ratio=0.2).translate
    torch_backend = backend_class("torch")(marian, config)
    ct2_backend = backend_class("ct2")(marian, config)
    bound = ct2_backend.max_new_tokens(ct2_backend.count_tokens(SENTENCES[:2]))
    expected = torch_backend.translate_batch(SENTENCES[:2], src="en", tgt="de")
    assert ct2_backend.translate_batch(SENTENCES[:2], src="en", tgt="de") == expected
    lengths = [len(torch_backend.family.tokenizer(text_target=t).input_ids) for t in expected]
    assert max(lengths) <= bound


def test_multi_target_marian_uses_the_target_token(multi_target, tmp_path):
    torch_backend, ct2_backend = _backends(multi_target, tmp_path, "float32")
    outputs = {}
    for tgt in ("es", "fr"):
        outputs[tgt] = ct2_backend.translate_batch(SENTENCES[:3], src="en", tgt=tgt)
        assert outputs[tgt] == torch_backend.translate_batch(SENTENCES[:3], src="en", tgt=tgt)
    assert outputs["es"] != outputs["fr"]


def test_int8_is_close_to_torch(marian, tmp_path):
    """int8 weights change some logits slightly: same number of outputs, and at least 80%
    of output tokens (position by position, re-tokenized) agree with float32 torch."""
    torch_backend, ct2_backend = _backends(marian, tmp_path, "int8")
    assert ct2_backend.quantization == "int8"
    expected = torch_backend.translate_batch(SENTENCES, src="en", tgt="de")
    got = ct2_backend.translate_batch(SENTENCES, src="en", tgt="de")
    assert len(got) == len(expected)
    tokenizer = torch_backend.family.tokenizer
    same = total = 0
    for a, b in zip(expected, got, strict=True):
        ids_a = tokenizer(text_target=a).input_ids
        ids_b = tokenizer(text_target=b).input_ids
        same += sum(x == y for x, y in zip(ids_a, ids_b, strict=False))
        total += max(len(ids_a), len(ids_b))
    assert same / total >= 0.8


def test_auto_quantization_is_int8_on_cpu_and_float16_on_gpu():
    assert ct2convert.quantization("auto", "cpu") == "int8"
    assert ct2convert.quantization("auto", "cuda") == "float16"
    assert ct2convert.quantization("float32", "cpu") == "float32"
    with pytest.raises(ConfigError, match="quantization"):
        ct2convert.quantization("int3", "cpu")


@pytest.fixture
def conversions(monkeypatch) -> list[str]:
    """Counts real conversions (each still runs)."""
    calls: list[str] = []
    real = ct2convert.convert

    def counting(model, quant, output):
        calls.append(quant)
        real(model, quant, output)

    monkeypatch.setattr(ct2convert, "convert", counting)
    return calls


def test_conversion_is_cached_per_model_and_quantization(marian, tmp_path, conversions):
    config = _config(tmp_path, ct2_quantization="float32").translate
    first = backend_class("ct2")(marian, config)
    second = backend_class("ct2")(marian, config)
    assert conversions == ["float32"]
    assert second.converted == first.converted
    assert (first.converted / "model.bin").is_file()
    config.ct2_quantization = "int8"
    third = backend_class("ct2")(marian, config)
    assert conversions == ["float32", "int8"]
    assert third.converted != first.converted
    leftovers = [p.name for p in (tmp_path / "ct2").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_changed_local_model_is_converted_again(tmp_path, conversions):
    path = build_marian(tmp_path / "model")
    config = _config(tmp_path, ct2_quantization="int8").translate
    first = backend_class("ct2")(LocalModel(name=str(path), path=path), config)
    (path / "generation_config.json").write_text(
        (path / "generation_config.json").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    second = backend_class("ct2")(LocalModel(name=str(path), path=path), config)
    assert len(conversions) == 2
    assert second.converted != first.converted


def test_concurrent_conversion_keeps_the_first_finished(marian, tmp_path, monkeypatch):
    """Another process finishing the same conversion meanwhile: its copy is used, ours is
    discarded, and no temporary directory is left."""
    root = tmp_path / "ct2"
    real = ct2convert.convert
    raced: list[Path] = []

    def racing(model, quant, output):
        if not raced:  # the "other process" converts and publishes while we convert
            monkeypatch.setattr(ct2convert, "convert", real)
            raced.append(ct2convert.ensure_converted(model, quant, root))
        real(model, quant, output)

    monkeypatch.setattr(ct2convert, "convert", racing)
    result = ct2convert.ensure_converted(marian, "int8", root)
    assert raced and result == raced[0]
    assert (result / "model.bin").is_file()
    assert sorted(p.name for p in root.iterdir()) == [result.name]


def test_missing_ctranslate2_is_a_clear_error(marian, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    config = _config(tmp_path).translate
    with pytest.raises(ConfigError, match="ctranslate2") as caught:
        backend_class("ct2")(marian, config)
    assert "pip install ctranslate2" in caught.value.one_line()


def test_ct2_refuses_mps(marian, tmp_path):
    config = _config(tmp_path, device="mps").translate
    with pytest.raises(ConfigError, match="cpu or cuda"):
        backend_class("ct2")(marian, config)


def test_unwritable_cache_is_a_clear_error(marian, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    config = _config(tmp_path).translate
    config.ct2_dir = str(blocker / "ct2")
    with pytest.raises(Exception, match=r"cannot write CTranslate2 conversions") as caught:
        backend_class("ct2")(marian, config)
    assert "translate.ct2_dir" in caught.value.one_line()
