"""Glossaries without a model: files and their errors, the matcher, the enforcement stages
(with a stand-in engine), the glossary check, config, repair protection, linear time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.errors import ConfigError
from toolkit.glossary import check_terms, enforce, load_glossary
from toolkit.glossary.enforce import PLACEHOLDER
from toolkit.glossary.match import Matcher
from toolkit.glossary.protect import outside_terms
from toolkit.repair import repair
from toolkit.repair.edits import Change

HOUSE = textwrap.dedent(
    """\
    # house glossary
    term\tlang\trendering\tnotes
    Resolute Support\t*\t\tNATO mission, never translated
    NATO\tes\tOTAN\t
    NATO\tpt\tOTAN\t
    Taliban\t*\t\t
    foreign minister\tpt\tministro dos Negócios Estrangeiros\thouse rendering
    """
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def house(tmp_path):
    return load_glossary([write(tmp_path, "house.tsv", HOUSE)])


# -- files ------------------------------------------------------------------------------


def test_tsv_entries_languages_keep_and_case(house):
    pt = house.rules("en", "pt")
    assert {e.term for e in pt.entries} == {
        "Resolute Support",
        "NATO",
        "Taliban",
        "foreign minister",
    }
    nato = next(e for e in pt.entries if e.term == "NATO")
    assert (nato.rendering, nato.keep, nato.ignore_case) == ("OTAN", False, False)
    keep = next(e for e in pt.entries if e.term == "Taliban")
    assert keep.keep and keep.where.endswith("house.tsv:6")
    assert next(e for e in pt.entries if e.term == "foreign minister").ignore_case
    assert {e.term for e in house.rules("en", "fr").entries} == {"Resolute Support", "Taliban"}


def test_csv_and_toml_give_the_same_entries(tmp_path):
    csv = write(
        tmp_path,
        "g.csv",
        'term,lang,rendering\n"Resolute Support",,\nNATO,es,OTAN\nNATO,fr,OTAN\n',
    )
    toml = write(
        tmp_path,
        "g.toml",
        '[[term]]\nterm = "Resolute Support"\nkeep = true\n\n'
        '[[term]]\nterm = "NATO"\nrenderings = { es = "OTAN", fr = "OTAN" }\n',
    )
    as_csv = load_glossary([csv])
    as_toml = load_glossary([toml])
    assert as_csv.fingerprint() == as_toml.fingerprint()
    assert len(as_toml.entries) == 3


def test_empty_glossary_is_a_no_op(tmp_path):
    empty = load_glossary([write(tmp_path, "e.tsv", "term\tlang\trendering\n")])
    assert not empty and not empty.rules("en", "pt")
    assert check_terms("NATO said", "x", empty.rules("en", "pt")) == []
    assert not load_glossary([])


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.tsv", "term\tlang\trendering\nNATO\tpt\tOTAN\nNATO\tpt\tAliança\n", "a.tsv:2"),
        ("b.tsv", "term\tlng\nNATO\tpt\n", "b.tsv:1"),
        ("c.tsv", "term\tlang\trendering\nNATO\txx-bogus-1\tOTAN\n", "c.tsv:2: bad lang"),
        ("d.tsv", "term\tlang\trendering\tcase\nNATO\tpt\tOTAN\tsometimes\n", "d.tsv:2: case"),
        ("e.tsv", "term\tlang\trendering\n\tpt\tOTAN\n", "e.tsv:2: empty term"),
        ("f.tsv", "term\tlang\n" + "x " * 40 + "\tpt\n", "f.tsv:2: term longer"),
        ("g.tsv", "term\tlang\trendering\nNATO\tpt\tOTAN\textra\n", "g.tsv:2: 4 columns"),
        (
            "h.toml",
            '[[term]]\nterm = "NATO"\nkeep = true\n\n[[term]]\nterm = 5\nkeep = true\n',
            "h.toml:5",
        ),
        ("i.toml", '[[term]]\nterm = "NATO"\n', "i.toml:1: give a rendering"),
        ("j.toml", "[[term]\n", "j.toml"),
        ("k.json", "{}", "unknown format"),
    ],
)
def test_malformed_files_are_config_errors_naming_file_and_line(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as caught:
        load_glossary([path])
    assert message in caught.value.message
    assert caught.value.exit_code == 7


def test_conflict_across_files_names_both_lines(tmp_path):
    one = write(tmp_path, "one.tsv", "term\tlang\trendering\nNATO\tpt\tOTAN\n")
    two = write(tmp_path, "two.tsv", "term\tlang\trendering\n\nNATO\tpt\tAliança\n")
    with pytest.raises(ConfigError, match=r"one.tsv:2.*two.tsv:3"):
        load_glossary([one, two])
    keep_and_render = write(tmp_path, "three.tsv", "term\tlang\trendering\nNATO\tpt\t\n")
    with pytest.raises(ConfigError, match="conflicting"):
        load_glossary([one, keep_and_render])
    assert len(load_glossary([one, one]).entries) == 1  # a repeat is not a conflict


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_glossary([tmp_path / "nope.tsv"])
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("term\tlang\trendering\nNATO\tpt\tAlian\xe7a\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin\.tsv:2: not UTF-8"):
        load_glossary([latin])


def test_config_section_files_relative_to_the_config_file(tmp_path):
    write(tmp_path, "house.tsv", HOUSE)
    config_file = write(tmp_path, "toolkit.toml", '[glossary]\nfiles = ["house.tsv"]\n')
    config = Config.load(config_file, search_default_files=False, env={})
    assert config.glossary.files == [str(tmp_path / "house.tsv")]
    from_env = Config.load(
        search_default_files=False, env={"TOOLKIT_GLOSSARY_FILES": "a.tsv, b.csv"}
    )
    assert from_env.glossary.files == ["a.tsv", "b.csv"]
    bad = write(tmp_path, "bad.toml", '[glossary]\nfiles = "house.tsv"\n')
    with pytest.raises(ConfigError, match=r"glossary\.files"):
        Config.load(bad, search_default_files=False, env={})


# -- matching ---------------------------------------------------------------------------


def test_matcher_whole_tokens_longest_first_and_case_rules():
    matcher = Matcher(
        [
            ("Resolute Support", False, "rs"),
            ("Support", False, "s"),
            ("U.S.", False, "us"),
            ("foreign minister", True, "fm"),
        ]
    )
    found = matcher.find("Resolute Support's  staff; Support, U.S. and U. S. Foreign Minister.")
    assert [(m.text, m.value) for m in found] == [
        ("Resolute Support", "rs"),
        ("Support", "s"),
        ("U.S.", "us"),
        ("Foreign Minister", "fm"),
    ]
    assert matcher.find("Supported, NATOs, SupportX") == []
    cjk = Matcher([("北约", False, 1)])
    assert [m.text for m in cjk.find("他说北约将会")] == ["北约"]


def test_matching_is_linear_in_the_text():
    import time

    matcher = Matcher((f"Term{i} Word{i} Name{i}", False, i) for i in range(2000))
    matcher.add("Term1 Word1", False, -1)
    chunk = "Term1 Word1 Term1 Word1 Term1 " * 40
    small, big = chunk * 50, chunk * 400  # 8x the text
    start = time.perf_counter()
    matcher.find(small)
    first = time.perf_counter() - start
    start = time.perf_counter()
    found = matcher.find(big)
    second = time.perf_counter() - start
    assert len(found) == 400 * 40 * 2
    assert second < 8 * first * 4 + 0.5  # generous bound on 8x the input


# -- enforcement with a stand-in engine -------------------------------------------------


class FakeEngine:
    """Translates by a word table; `copies` controls whether it copies unknown tokens."""

    def __init__(self, copies: bool = True, mangle: str | None = None) -> None:
        self.copies, self.mangle, self.calls = copies, mangle, []
        self.WORDS = {"said": "disse", "the": "o", "mission": "missão", "talks": "conversas"}

    def __call__(self, sentences: list[str]) -> list[str]:
        self.calls.append(list(sentences))
        return [self._one(s) for s in sentences]

    def _one(self, sentence: str) -> str:
        out = []
        for word in sentence.split():
            if word in self.WORDS:
                out.append(self.WORDS[word])
            elif self.mangle and word.startswith("ZX"):
                out.append(self.mangle)
            elif self.copies:
                out.append(word)
            else:
                out.append("blah")
        return " ".join(out)


def test_stages_in_order_and_only_sentences_that_need_them(house):
    rules = house.rules("en", "pt")
    sources = ["the Taliban said", "NATO said", "nothing here"]
    engine = FakeEngine()
    plain = engine(sources)
    assert plain == ["o Taliban disse", "NATO disse", "nothing here"]
    outputs, uses = enforce(sources, plain, rules, engine)
    assert outputs == ["o Taliban disse", "OTAN disse", "nothing here"]
    assert [(u.segment, u.term, u.rendering, u.method) for u in uses] == [
        (0, "Taliban", "Taliban", "model"),
        (1, "NATO", "OTAN", "inline"),
    ]
    assert engine.calls[1:] == [["OTAN said"]]  # one extra call, for the one wrong sentence


def test_placeholders_restored_and_never_leaked(house):
    rules = house.rules("en", "pt")
    sources = ["NATO said the Taliban talks"]
    inline_refused = FakeEngine()
    inline_refused.WORDS["OTAN"] = "Organização"  # translates the rendering
    outputs, uses = enforce(sources, inline_refused(sources), rules, inline_refused)
    assert outputs == ["OTAN disse o Taliban conversas"]
    assert {u.method for u in uses} == {"placeholder"}
    assert PLACEHOLDER.format(1) in inline_refused.calls[-1][0]
    # an engine that mangles placeholders: the split stage takes over, nothing leaks
    mangler = FakeEngine(mangle="ZX99")
    mangler.WORDS = inline_refused.WORDS
    outputs, uses = enforce(sources, mangler(sources), rules, mangler)
    assert "ZX" not in outputs[0] and "OTAN" in outputs[0] and "Taliban" in outputs[0]
    assert {u.method for u in uses} == {"split"}


def test_split_stage_when_the_engine_copies_nothing(house):
    rules = house.rules("en", "pt")
    sources = ["the Resolute Support mission said, NATO."]
    engine = FakeEngine(copies=False)
    outputs, uses = enforce(sources, engine(sources), rules, engine)
    assert outputs == ["o Resolute Support missão blah OTAN."]
    assert [u.method for u in uses] == ["split", "split"]
    assert engine.calls[-1] == ["the", "mission said,"]


def test_check_warns_on_violated_terms_and_is_silent_on_respected(house):
    rules = house.rules("en", "pt")
    source = "NATO and the Taliban met; NATO left."
    good = "A OTAN e o Taliban reuniram-se; a OTAN saiu."
    assert check_terms(source, good, rules) == []
    bad = check_terms(source, "A NATO e os talibãs reuniram-se; a OTAN saiu.", rules)
    assert [(w.kind, w.value) for w in bad] == [("glossary", "NATO"), ("glossary", "Taliban")]
    assert "OTAN" in bad[0].message and "house.tsv:4" in bad[0].message.replace(":5", ":4")


# -- repair leaves terms alone ----------------------------------------------------------


def test_outside_terms_drops_changes_touching_a_term():
    spans = [(4, 10), (20, 25)]
    changes = [Change(0, 2, "x"), Change(5, 6, ""), Change(7, 7, " "), Change(10, 10, " ")]
    changes += [Change(18, 22, ""), Change(4, 4, " "), Change(30, 31, "")]
    kept = outside_terms(changes, spans)
    assert kept == [Change(0, 2, "x"), Change(10, 10, " "), Change(4, 4, " "), Change(30, 31, "")]


def test_repair_never_edits_inside_a_term(tmp_path):
    glossary = write(tmp_path, "g.tsv", "term\trendering\nAl Jazeera  Live\t\nWalla Walla\t\n")
    text = "The talks continues. felt in the city , said Al Jazeera  Live in Walla Walla."
    config = Config.load(search_default_files=False, env={})
    plain = repair(text, "en", config=config)
    assert "Al Jazeera Live" in plain.text  # stray_spaces fixes it without a glossary
    config.set("glossary.files", [str(glossary)])
    guarded = repair(text, "en", config=config)
    assert "Al Jazeera  Live" in guarded.text
    assert "city, said" in guarded.text  # the other repairs still happen


def test_import_toolkit_glossary_imports_nothing_heavy():
    code = (
        "import sys, toolkit.glossary, toolkit.translate.translator; "
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_repair_command_takes_a_glossary(tmp_path, capsys):
    from cli_helpers import run_cli

    glossary = write(tmp_path, "g.tsv", "term\nAl Jazeera  Live\n")
    article = write(tmp_path, "a.txt", "Al Jazeera  Live said it , then left.\n")
    done = run_cli(
        ["repair", str(article), "--lang", "en", "--glossary", str(glossary)], capsys=capsys
    )
    assert done.exit_code == 0 and done.stdout == "Al Jazeera  Live said it, then left.\n"
    bad = run_cli(["repair", str(article), "--glossary", str(tmp_path / "x.tsv")], capsys=capsys)
    assert bad.exit_code == 7 and "x.tsv" in bad.stderr
