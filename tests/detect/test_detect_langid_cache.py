"""The decoded copy of py3langid's model in the user cache (toolkit.detect_langid_cache).

The rebuild tests use a small made-up model in py3langid's layout (decoding the real one
takes most of a second); one test checks the real model: the cached copy gives exactly
py3langid's own arrays and classifications.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from toolkit import detect_langid_cache as cache
from toolkit.detect_langid_cache import LangidModel


def _small_model() -> LangidModel:
    rng = np.random.default_rng(0)
    states, classes = 40, 5
    rows = rng.integers(0, states, size=3 * 256, dtype=np.uint16)
    return LangidModel(
        ptc=rng.standard_normal((30, classes)).astype(np.float16),
        pc=rng.standard_normal(classes).astype(np.float32),
        classes=["en", "la", "zu", "xh", "sr"],
        nextmove=array("H", rows.tobytes()),
        row=array("H", rng.integers(0, 3, size=states, dtype=np.uint16).tobytes()),
        output=rng.integers(-1, 30, size=states).tolist(),
    )


@pytest.fixture
def decoded(monkeypatch, tmp_path):
    """py3langid's decoder replaced by one that counts calls and returns the small model."""
    source = tmp_path / "model.npz.xz"
    source.write_bytes(b"a model file")
    calls = []

    def fake_load_model(path):
        calls.append(path)
        return tuple(_small_model())

    monkeypatch.setattr("py3langid.modelio.load_model", fake_load_model)
    return source, tmp_path / "cache", calls


def _same(a: LangidModel, b: LangidModel) -> bool:
    return (
        np.array_equal(a.ptc, b.ptc)
        and a.ptc.dtype == b.ptc.dtype
        and np.array_equal(a.pc, b.pc)
        and list(a.classes) == list(b.classes)
        and list(a.nextmove) == list(b.nextmove)
        and list(a.row) == list(b.row)
        and list(a.output) == list(b.output)
    )


def _the_file(folder: Path) -> Path:
    (path,) = folder.glob("model-*.bin")
    return path


def test_second_load_reads_the_cache_not_the_model_file(decoded):
    source, folder, calls = decoded
    first = cache.load(source, folder, background=False)
    second = cache.load(source, folder, background=False)
    assert len(calls) == 1
    assert isinstance(second.nextmove, memoryview)  # mapped from the file
    assert _same(first, second) and _same(second, _small_model())


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"",  # empty
        lambda data: data[:-10] + bytes(b ^ 0xFF for b in data[-10:]),  # flipped body bytes
        lambda data: data.replace(b'"format": 1', b'"format": 2'),  # header edited
        lambda data: b"not a cache at all" + data[18:],  # wrong magic
    ],
    ids=["truncated", "empty", "body-corrupt", "header-corrupt", "magic"],
)
def test_a_damaged_cache_is_rebuilt_never_trusted(decoded, damage):
    source, folder, calls = decoded
    cache.load(source, folder, background=False)
    path = _the_file(folder)
    path.write_bytes(damage(path.read_bytes()))
    rebuilt = cache.load(source, folder, background=False)
    assert len(calls) == 2 and _same(rebuilt, _small_model())
    assert _same(cache.load(source, folder, background=False), _small_model())
    assert len(calls) == 2  # the rewritten file is valid again


def test_a_changed_model_file_or_version_makes_a_new_cache_and_drops_the_stale_one(
    decoded, monkeypatch
):
    source, folder, calls = decoded
    cache.load(source, folder, background=False)
    stale = _the_file(folder)
    source.write_bytes(b"another model file")  # py3langid upgraded: its model changed
    cache.load(source, folder, background=False)
    assert len(calls) == 2
    assert not stale.exists() and _the_file(folder) != stale
    monkeypatch.setattr("py3langid.__version__", "9.9.9")
    cache.load(source, folder, background=False)
    assert len(calls) == 3 and "9.9.9" in _the_file(folder).name


def test_an_unwritable_cache_directory_still_gives_the_model(decoded):
    source, folder, calls = decoded
    folder.write_text("a file where the directory should be")
    for _ in range(2):
        assert _same(cache.load(source, folder, background=False), _small_model())
    assert len(calls) == 2


def test_the_background_write_leaves_a_complete_file(decoded):
    import threading

    source, folder, calls = decoded
    cache.load(source, folder)
    for thread in threading.enumerate():
        if thread.name == "langid-cache":
            thread.join()
    assert _same(cache.load(source, folder, background=False), _small_model())
    assert len(calls) == 1
    assert not list(folder.glob("*.tmp"))


@pytest.mark.slow  # decodes py3langid's model twice (about 1 s each)
def test_the_cached_real_model_classifies_exactly_like_py3langid(tmp_path):
    source = MODEL_DIR / MODEL_FILE
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    cache.load(source, tmp_path, background=False)
    cached = cache.load(source, tmp_path, background=False)
    assert isinstance(cached.nextmove, memoryview)
    assert _same(cached, LangidModel(*load_model(source)))
    ours = cached.identifier()
    texts = [
        "Homo nemo, ut congregationi intersit, potest cogi.",
        "Amalungu omndeni wakhe azongcwatshwa kanyekanye emathuneni.",
        "La reunión terminó sin acuerdo sobre el presupuesto.",
        "",
        "日本語のテキスト",
    ]
    for text in texts:
        assert ours.classify(text) == reference.classify(text)
        assert ours.rank(text) == reference.rank(text)


def test_prepare_writes_a_valid_cache_for_the_installed_model(decoded):
    """`make install` runs `prepare`: afterwards a first call reads the cache file."""
    from toolkit.detect_langid import prepare

    _, folder, calls = decoded
    path = prepare(folder)
    assert path.parent == folder and path == _the_file(folder)
    assert len(calls) == 1  # decoded once, written in the foreground
    real_source = MODEL_DIR / MODEL_FILE
    assert cache._read(path, cache.cache_key(real_source)) is not None
    cache.load(real_source, folder)
    assert len(calls) == 1  # the next load maps the file instead of decoding
