"""The translation engine with tiny random-weight models (their output is gibberish:
these tests assert structure, counts, codes and errors, never wording)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.config import Config
from toolkit.errors import ConfigError, ModelUnavailableError, UnsupportedLanguageError
from toolkit.translate import Translator
from toolkit.translate.families import load_family
from toolkit.translate.memory import TranslationMemory
from toolkit.translate.segment import units

ROOT = Path(__file__).resolve().parents[2]


def make_config(tmp_path: Path, models: dict[str, Path] | None = None, **settings) -> Config:
    """Config with the given pair -> model table, a private memory and short generation."""
    config = Config.load(search_default_files=False)
    config.set("translate.models", {pair: str(path) for pair, path in (models or {}).items()})
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.max_new_tokens_ratio", 0.5)
    config.set("translate.threads", 1)  # 2 contended threads are ~50x slower here
    for key, value in settings.items():
        config.set(f"translate.{key}", value)
    return config


def spy_batches(monkeypatch, translator: Translator) -> list[list[str]]:
    """Record every batch of sentences the engine is asked to translate."""
    seen: list[list[str]] = []
    original = translator._backend

    def backend(ref):
        engine = original(ref)
        if not getattr(engine, "_spied", False):
            real = engine.translate_batch

            def translate_batch(sentences, *, src, tgt):
                seen.append(list(sentences))
                return real(sentences, src=src, tgt=tgt)

            engine.translate_batch = translate_batch
            engine._spied = True
        return engine

    monkeypatch.setattr(translator, "_backend", backend)
    return seen


def test_marian_model_from_a_local_directory(tmp_path, tiny_marian):
    translator = Translator(make_config(tmp_path, {"en-es": tiny_marian}))
    result = translator.translate("The minister spoke. Talks resume on Monday.", "es", src="en")
    assert (result.src, result.tgt) == ("en", "es")
    assert result.models == [str(tiny_marian)]
    assert [s.source for s in result.segments] == ["The minister spoke.", "Talks resume on Monday."]
    assert all(s.target for s in result.segments)
    assert result.text == f"{result.segments[0].target} {result.segments[1].target}"
    assert translator.stats.model_loads == 1
    translator.translate("Another text.", "es", src="en")
    assert translator.stats.model_loads == 1  # the loaded model is reused


def test_multi_target_marian_prefixes_the_target_token(tmp_path, tiny_marian_multi):
    family = load_family(tiny_marian_multi)
    tokenizer = family.tokenizer
    for tgt in ("es", "fr", "pt"):
        ids = family.encode(["Hello world."], "en", tgt)[0]
        assert ids[0] == tokenizer.convert_tokens_to_ids(f">>{tgt}<<")
        assert ids[-1] == tokenizer.eos_token_id
    translator = Translator(make_config(tmp_path))
    result = translator.translate("Hello world.", "fr", src="en", model=str(tiny_marian_multi))
    assert result.segments[0].target
    assert ">>" not in result.text
    with pytest.raises(UnsupportedLanguageError, match="no target token for 'de'"):
        translator.translate("Hello world.", "de", src="en", model=str(tiny_marian_multi))


def test_m2m100_codes_and_forced_target_token(tmp_path, tiny_m2m100, monkeypatch):
    # No opus-mt model is on disk, so the registry falls through to the m2m100 fallback.
    config = make_config(tmp_path, fallback_model=str(tiny_m2m100))
    translator = Translator(config)
    engine = translator._backend(str(tiny_m2m100))
    tokenizer = engine.family.tokenizer
    generated = []
    real_generate = engine.net.generate
    monkeypatch.setattr(
        engine.net, "generate", lambda **kw: generated.append(real_generate(**kw)) or generated[-1]
    )
    source_ids = engine.family.encode(["Hello world."], "en", "es")[0]
    assert tokenizer.convert_ids_to_tokens(source_ids[0]) == "__en__"
    norwegian = engine.family.encode(["Hei."], "nb", "es")[0]  # detect's code for Bokmål
    assert tokenizer.convert_ids_to_tokens(norwegian[0]) == "__no__"

    result = translator.translate("Hello world. Second sentence here.", "es", src="en")
    assert result.models == [str(tiny_m2m100)]
    out = generated[-1]
    # decoder start, then the forced target-language token on every row
    assert {tokenizer.convert_ids_to_tokens(int(t)) for t in out[:, 1]} == {"__es__"}
    assert not re.search(r"__[a-z]{2,3}__", result.text)  # language codes are stripped
    with pytest.raises(UnsupportedLanguageError, match="does not know language 'tlh'"):
        translator.translate("Hello.", "tlh", src="en", model=str(tiny_m2m100))


def test_pivot_through_english_reports_both_legs(tmp_path, tiny_marian_de_en, tiny_marian):
    config = make_config(tmp_path, {"de-en": tiny_marian_de_en, "en-es": tiny_marian})
    result = Translator(config).translate("Die Regierung will die Steuern senken.", "es", src="de")
    assert result.models == [str(tiny_marian_de_en), str(tiny_marian)]
    [segment] = result.segments
    assert segment.pivot and segment.target
    assert segment.target != segment.pivot


def _long_document(words: int = 5000) -> tuple[str, int]:
    """A multi-paragraph news-like document with headings, lists and long sentences."""
    rng = random.Random(7)
    vocab = (
        "minister government talks protest economy wages prices sanctions capital officials "
        "parliament reform summer schools taxes election border agreement troops refugees"
    ).split()
    parts = ["  # Morning briefing\n\n"]
    count = 0
    number = 0
    while count < words:
        number += 1
        if number % 7 == 0:
            parts.append(f"## Section {number}\n\n")
        if number % 5 == 0:
            items = [" ".join(rng.choices(vocab, k=6)).capitalize() + "." for _ in range(3)]
            parts.append("".join(f"- {item}\n" for item in items) + "\n")
            count += 18
            continue
        sentences = []
        for k in range(rng.randint(3, 6)):
            length = 70 if (number % 9 == 0 and k == 0) else rng.randint(8, 20)
            body = " ".join(rng.choices(vocab, k=length))
            if length == 70:  # one very long sentence with clause boundaries
                body = body.replace(" economy ", ", economy ").replace(" taxes ", "; taxes ")
            sentences.append(f"{body.capitalize()} number {number}-{k}.")
            count += length + 2
        parts.append(" ".join(sentences) + "\n\n")
    parts.append("1. Closing numbered item.\n\n   \n")
    return "".join(parts), count


def test_long_document_keeps_structure_and_every_sentence(tmp_path, tiny_marian, monkeypatch):
    text, words = _long_document()
    assert words >= 5000
    translator = Translator(make_config(tmp_path, {"en-es": tiny_marian}))
    batches = spy_batches(monkeypatch, translator)
    result = translator.translate(text, "es", src="en")

    spans = units(text)
    assert [(s.start, s.end, s.source) for s in result.segments] == [
        (u.start, u.end, u.text) for u in spans
    ]
    assert all(s.target.strip() for s in result.segments)
    # Layout: the text between sentences is copied verbatim, in order.
    rebuilt, position = [], 0
    for segment in result.segments:
        rebuilt.append(text[position : segment.start] + segment.target)
        position = segment.end
    rebuilt.append(text[position:])
    assert result.text == "".join(rebuilt)
    assert result.text.startswith("  # ") and result.text.endswith("\n\n   \n")
    for marker in (r"^#+ ", r"^- ", r"^1\. ", r"\n\n"):
        assert len(re.findall(marker, result.text, re.M)) == len(re.findall(marker, text, re.M))
    # No truncation: every letter of the source is inside a translated sentence, and
    # every piece sent to the model fits its input limit (long ones were split).
    starts = [s.start for s in result.segments] + [len(text)]
    ends = [0] + [s.end for s in result.segments]
    outside = "".join(text[a:b] for a, b in zip(ends, starts, strict=True))
    assert not re.search(r"[a-z]", outside)
    engine = translator._backends[("torch", str(tiny_marian))]
    limit = engine.max_input_tokens
    sizes = engine.count_tokens([s.source for s in result.segments])
    assert max(sizes) > limit  # the document does contain over-long sentences
    sent = [piece for batch in batches for piece in batch]
    assert max(engine.count_tokens(sent)) <= limit
    assert len(sent) > len(result.segments)  # over-long sentences went in pieces
    assert len(batches) > 1


def test_list_input_keeps_order_and_batches_together(tmp_path, tiny_marian, monkeypatch):
    texts = [f"Report number {i} from the capital." for i in range(6)]
    texts.insert(3, "")
    translator = Translator(make_config(tmp_path, {"en-es": tiny_marian}))
    batches = spy_batches(monkeypatch, translator)
    results = translator.translate(texts, "es", src="en")
    assert isinstance(results, list) and len(results) == len(texts)
    for text, result in zip(texts, results, strict=True):
        assert [s.source for s in result.segments] == ([text] if text else [])
    assert results[3].text == ""
    assert len(batches) == 1  # all texts' sentences went to the model together


def test_translation_memory_hits_on_second_run(tmp_path, tiny_marian):
    config = make_config(tmp_path, {"en-es": tiny_marian})
    text = "The minister spoke. Talks resume on Monday.\n\nThe minister spoke."
    first = Translator(config)
    one = first.translate(text, "es", src="en")
    assert (first.stats.memory_hits, first.stats.memory_misses) == (0, 2)
    assert first.stats.sentences_translated == 2  # the repeated sentence only once
    first.close()

    second = Translator(config)
    two = second.translate(text, "es", src="en")
    assert (second.stats.memory_hits, second.stats.memory_misses) == (2, 0)
    assert second.stats.sentences_translated == 0 and second.stats.model_loads == 1
    assert all(s.cached for s in two.segments)
    assert two.text == one.text

    config.set("translate.max_new_tokens_ratio", 0.75)  # changes outputs: a new key
    other = Translator(config)
    other.translate(text, "es", src="en")
    assert (other.stats.memory_hits, other.stats.memory_misses) == (0, 2)

    config.set("translate.cache", False)
    third = Translator(config)
    third.translate(text, "es", src="en")
    assert third.stats.sentences_translated == 2 and third.stats.memory_hits == 0


def test_each_leg_says_how_it_ran_and_what_the_memory_answered(tmp_path, tiny_marian):
    from toolkit.translate.backends.base import select_device

    config = make_config(tmp_path, {"en-es": tiny_marian}, device="auto")
    seen = "The minister spoke. Talks resume on Monday."
    with Translator(config) as first:
        first.translate(seen, "es", src="en")
    with Translator(config) as second:
        old, new = second.translate([seen, "A new sentence here."], "es", src="en")
        backend = next(iter(second._backends.values()))
    device = select_device("auto")  # "auto" resolved, as the model was loaded
    for result in (old, new):
        (leg,) = result.legs
        assert (leg.src, leg.tgt, leg.model, leg.engine) == ("en", "es", str(tiny_marian), "torch")
        assert (leg.device, leg.compute_type) == (
            device,
            "float32" if device == "cpu" else "float16",
        )
    # one call, two documents: each counts only its own sentences answered by the memory
    assert [old.legs[0].from_memory, new.legs[0].from_memory] == [2, 0]
    assert f"|on={device}:{old.legs[0].compute_type}" in backend.cache_key  # the memory's key


_WRITER = textwrap.dedent(
    """
    import sys
    from toolkit.translate.memory import TranslationMemory
    memory = TranslationMemory(sys.argv[1])
    name = sys.argv[2]
    for i in range(150):
        memory.store("m", "en", "es", [(f"{name} sentence {i}", f"{name} frase {i}")])
        memory.lookup("m", "en", "es", [f"{name} sentence {i}", "shared"])
    memory.store("m", "en", "es", [("shared", "compartida")])
    print(len(memory.lookup("m", "en", "es", [f"{name} sentence {i}" for i in range(150)])))
    """
)


def test_translation_memory_shared_by_two_processes(tmp_path):
    path = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), name],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["150", "150"]
    memory = TranslationMemory(path)
    assert len(memory) == 301
    assert memory.lookup("m", "en", "es", ["a  sentence 7"]) == {"a  sentence 7": "a frase 7"}


def test_missing_model_is_one_line_exit_5_without_network(tmp_path):
    # Run the real CLI in a fresh process whose sockets refuse to connect, and report
    # whether anything tried to connect or imported torch on the way to the error.
    code = textwrap.dedent(
        """
        import socket, sys
        attempts = []
        def refuse(self, address):
            attempts.append(address)
            raise OSError("network disabled in this test")
        socket.socket.connect = refuse
        from toolkit.cli import main
        try:
            main(sys.argv[1:])
        except SystemExit as exc:
            status = exc.code
        print(status, len(attempts), "torch" in sys.modules, file=sys.__stdout__)
        """
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HOME": str(tmp_path / "hf")}
    proc = subprocess.run(
        [sys.executable, "-c", code, "translate", "-", "--to", "es", "--from", "en"],
        input="The minister spoke.",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert proc.stdout.split() == ["5", "0", "False"], (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "Helsinki-NLP/opus-mt-en-es" in lines[0]
    assert "toolkit models pull" in lines[0]


def test_missing_local_directory_and_nllb_guard(tmp_path):
    translator = Translator(make_config(tmp_path))
    with pytest.raises(ModelUnavailableError) as missing:
        translator.translate("Hello.", "es", src="en", model=str(tmp_path / "nowhere"))
    assert missing.value.exit_code == 5
    with pytest.raises(ConfigError, match=r"CC-BY-NC-4\.0"):
        translator.translate("Hello.", "es", src="en", model="facebook/nllb-200-distilled-600M")
    allowed = Translator(make_config(tmp_path, allow_noncommercial=True))
    with pytest.raises(ModelUnavailableError, match="nllb-200"):
        allowed.translate("Hello.", "es", src="en", model="facebook/nllb-200-distilled-600M")
    downloading = Translator(make_config(tmp_path, allow_download=True))
    with pytest.raises(ModelUnavailableError) as offline:  # HF_HUB_OFFLINE=1 in tests
        downloading.translate("Hello.", "es", src="en")
    assert "opus-mt-en-es" in offline.value.one_line()
    assert "offline mode" in offline.value.one_line()


def test_cli_translate_text_json_and_out(tmp_path, tiny_marian, capsys):
    source = tmp_path / "article.md"
    source.write_text("# Title here\n\nFirst sentence. Second one.\n", encoding="utf-8")
    config = tmp_path / "toolkit.toml"
    config.write_text(
        f'[translate]\ncache_path = "{tmp_path / "tm.sqlite3"}"\nthreads = 1\n'
        f'[translate.models]\n"en-es" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    base = ["--config", str(config), "translate", str(source), "--to", "es", "--from", "en"]
    result = run_cli([*base, "--json", "--no-cache"], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["models"] == [str(tiny_marian)] and data["src"] == "en"
    assert [s["source"] for s in data["segments"]] == [
        "Title here",
        "First sentence.",
        "Second one.",
    ]
    assert data["text"].startswith("# ") and data["text"].endswith("\n")
    assert not (tmp_path / "tm.sqlite3").exists()  # --no-cache

    out = tmp_path / "out" / "article.es.md"
    result = run_cli([*base, "--out", str(out)], capsys=capsys)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == data["text"]
    assert source.read_text(encoding="utf-8").startswith("# Title here")  # input untouched


@pytest.mark.parametrize(
    ("args", "stdin", "code", "fragment"),
    [
        (["translate", "missing.txt", "--to", "es"], "", 3, "no such file"),
        (["translate", "-", "--to", "xx", "--from", "en"], "Hello.", 4, "unknown language"),
        (["translate", "-", "--to", "es", "--from", "zz"], "Hello.", 4, "unknown language"),
        (["translate", "-", "--to", "es", "--from", "en"], "  \n\n", 3, "empty input"),
        (["translate", "-", "--to", "es", "--from", "en"], b"\x00\x01bin", 3, "binary"),
        (["translate", "-", "--to", "es", "--engine", "x"], "Hi.", 7, "unknown translation"),
        (["translate", "-", "--to", "es", "--model", "a//b"], "Hi.", 3, "not a model id"),
        (["models", "pull", "xx-es"], "", 4, "unknown language"),
        (["models", "pull", "en-es"], "", 5, "offline mode"),
        (["models", "pull", "not a valid id!"], "", 3, "not a model id"),
    ],
)
def test_cli_bad_input_is_one_line(args, stdin, code, fragment, capsys):
    assert_clean_error(run_cli(args, stdin=stdin, capsys=capsys), code, fragment)


def test_cli_translate_without_to_is_usage_error(capsys):
    result = run_cli(["translate", "-"], stdin="Hello.", capsys=capsys)
    assert result.exit_code == 2


def test_models_list_and_path(tmp_path, tiny_marian, capsys):
    config = tmp_path / "toolkit.toml"
    config.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\n'
        f'[translate.models]\n"pt-en" = "{tiny_marian}"\n',
        encoding="utf-8",
    )
    result = run_cli(["--config", str(config), "models", "list", "--json"], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    rows = {row["model"]: row for row in json.loads(result.stdout)}
    local = rows[str(tiny_marian)]
    assert local["present"] and local["size_bytes"] > 10_000 and local["pairs"] == ["pt-en"]
    opus = rows["Helsinki-NLP/opus-mt-en-es"]
    assert not opus["present"] and opus["license"] == "CC-BY-4.0"
    assert rows["Helsinki-NLP/opus-mt-en-ROMANCE"]["pairs"][:2] == ["en-ca", "en-gl"]
    assert rows["facebook/m2m100_418M"]["license"] == "MIT"

    result = run_cli(["--config", str(config), "models", "path"], capsys=capsys)
    assert result.exit_code == 0
    assert f"models: {tmp_path / 'hub'}" in result.stdout
    assert "memory.sqlite3" in result.stdout


def test_source_language_detected_per_text(tmp_path, tiny_marian, tiny_marian_de_en):
    config = make_config(tmp_path, {"en-es": tiny_marian, "de-es": tiny_marian_de_en})
    texts = [
        "The minister said on Monday that talks with the unions would resume next week.",
        "El gobierno anunció nuevas medidas para la economía y los trabajadores del país.",
        "Die Regierung will die Steuern senken und mehr Geld für Schulen ausgeben.",
    ]
    english, spanish, german = Translator(config).translate(texts, "es")
    assert (english.src, english.models) == ("en", [str(tiny_marian)])
    assert (german.src, german.models) == ("de", [str(tiny_marian_de_en)])
    assert spanish.src == "es" and spanish.models == [] and spanish.text == texts[1]
    assert spanish.warnings == ["the text is already in es; returned unchanged"]
