"""Folder runs: mirrored outputs, structure kept, skips and failures reported, resume, lock."""

from __future__ import annotations

import fcntl
import json
import pathlib

import pytest
from batch_helpers import GOOD, FakeTranslator, fake_text, make_tree, tree_digest

from toolkit.batch import BatchLockedError, translate_tree
from toolkit.batch.state import JOURNAL, LOCK, MANIFEST
from toolkit.config import Config
from toolkit.errors import InputError, ModelUnavailableError, OutputError
from toolkit.formats import parse

LANGS = ["es", "fr"]


@pytest.fixture
def config() -> Config:
    cfg = Config()
    cfg.set("batch.max_file_bytes", 1000)  # big.txt (2000 bytes) is too large
    return cfg


@pytest.fixture
def tree(tmp_path, monkeypatch) -> pathlib.Path:
    root = make_tree(tmp_path / "in", tmp_path / "outside")
    real_read = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "unreadable.txt":  # tests run as root: chmod 000 would not stop us
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return root


def run(tree, out, config, **kwargs):
    kwargs.setdefault("translator", FakeTranslator())
    kwargs.setdefault("src", "en")
    return translate_tree(tree, out, LANGS, config=config, **kwargs)


def expected_output(rel: str, text: str, lang: str) -> str:
    doc = parse(rel, text)
    return doc.render([fake_text(u, lang) for u in doc.units], lang=lang)


def test_tree_is_mirrored_with_structure_kept_and_every_skip_and_failure_reported(
    tree, tmp_path, config
):
    before = tree_digest(tree)
    out = tmp_path / "out"
    report = run(tree, out, config)

    status = {f.path: (f.status, f.reason) for f in report.files}
    assert status == {
        ".draft.md": ("skipped", "hidden"),
        ".hidden/": ("skipped", "hidden"),
        "binary.txt": ("failed", "looks like a binary file (contains NUL bytes)"),
        "big.txt": ("failed", "too large (2000 bytes, limit batch.max_file_bytes=1000)"),
        "dangling.txt": ("failed", "broken symlink"),
        "data/article.json": ("done", ""),
        "data/records.jsonl": ("done", ""),
        "escape.txt": ("skipped", "symlink leaves the input folder (not followed)"),
        "image.png": ("skipped", "unsupported file type (.png)"),
        "latin.txt": ("done", ""),
        "linked-folder/": ("skipped", "symlinked folder leaves the input folder (not followed)"),
        "news/deep/page.html": ("done", ""),
        "news/world.md": ("done", ""),
        "notes.pdf": ("skipped", "unsupported file type (.pdf)"),
        "pipe.txt": ("skipped", "not a regular file"),
        "story.txt": ("done", ""),
        "subs/clip.srt": ("done", ""),
        "unreadable.txt": ("failed", "permission denied"),
    }
    assert report.exit_code == 6

    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    expected = {MANIFEST, LOCK, "latin.es.txt", "latin.fr.txt"}
    for rel in GOOD:
        stem, _dot, suffix = rel.rpartition(".")
        expected |= {f"{stem}.{lang}.{suffix}" for lang in LANGS}
    assert written == expected
    for rel, text in GOOD.items():
        stem, _, suffix = rel.rpartition(".")
        for lang in LANGS:
            got = (out / f"{stem}.{lang}.{suffix}").read_text(encoding="utf-8")
            assert got == expected_output(rel, text, lang)
    assert tree_digest(tree) == before  # inputs untouched


def test_non_text_parts_are_byte_identical(tree, tmp_path, config):
    out = tmp_path / "out"
    run(tree, out, config)
    assert (out / "story.es.txt").read_text() == (
        "BREAKING NEWS. ⟨es⟩\n\nTHE MINISTER RESIGNED TODAY. MORE SOON. ⟨es⟩\n"
    )
    md = (out / "news/world.fr.md").read_text()
    assert md.startswith("---\ntitle: WORLD REPORT ⟨fr⟩\n---\n# TALKS ⟨fr⟩ *RESUME ⟨fr⟩*\n")
    assert "`Geneva`" in md and "](https://example.org/t)" in md and "```\ncode stays\n```\n" in md
    page = (out / "news/deep/page.es.html").read_text()
    assert '<html lang="es">' in page and '<script>var x = "keep";</script>' in page
    assert "<p>HELLO ⟨es⟩ <b>READERS ⟨es⟩</b>.</p><!-- note -->" in page
    records = [
        json.loads(line) for line in (out / "data/records.es.jsonl").read_text().splitlines()
    ]
    assert records == [
        {"id": 1, "text": "FIRST STORY. ⟨es⟩", "lang": "en"},
        {"id": 2, "text": "SECOND STORY. ⟨es⟩"},
    ]
    article = (out / "data/article.es.json").read_text()
    assert article == '{\n  "headline": "Not translated",\n  "text": "FULL ARTICLE BODY. ⟨es⟩"\n}\n'
    clip = (out / "subs/clip.fr.srt").read_text()
    assert clip.startswith("1\n00:00:01,000 --> 00:00:02,000\nHELLO THERE, MY\nFRIEND. ⟨fr⟩\n\n2\n")
    latin = (out / "latin.es.txt").read_bytes()
    assert latin == "CAFÉ AU LAIT À PARIS. ⟨es⟩\n".encode()


def test_files_are_batched_across_files_in_one_call_per_language(tree, tmp_path, config):
    translator = FakeTranslator()
    run(tree, tmp_path / "out", config, translator=translator)
    assert [(to, src) for _texts, to, src in translator.calls] == [("es", "en"), ("fr", "en")]
    first = translator.calls[0][0]
    assert "BREAKING NEWS." not in first and "Breaking news." in first
    assert {"First story.", "Hello", "World report", "Bye."} <= set(first)


def test_chunks_bound_how_much_goes_into_one_call(tree, tmp_path, config):
    config.set("batch.chunk_chars", 1)  # every file its own chunk: file by file
    translator = FakeTranslator()
    report = run(tree, tmp_path / "out", config, translator=translator)
    assert len(translator.calls) == 2 * len(report.done)
    assert report.model_calls == len(translator.calls)


def test_rerun_with_nothing_changed_does_no_model_work(tree, tmp_path, config):
    out = tmp_path / "out"
    run(tree, out, config)
    translator = FakeTranslator()
    again = run(tree, out, config, translator=translator)
    assert translator.calls == []
    assert again.model_calls == 0
    assert {f.path for f in again.up_to_date} == set(GOOD) | {"latin.txt"}
    assert again.done == []
    assert again.up_to_date[0].outputs  # outputs listed even when nothing was done


def test_rerun_redoes_only_what_changed(tree, tmp_path, config):
    out = tmp_path / "out"
    run(tree, out, config)
    (tree / "story.txt").write_text("Updated story.\n")
    (out / "subs/clip.es.srt").unlink()  # a deleted output is redone
    translator = FakeTranslator()
    again = run(tree, out, config, translator=translator)
    assert sorted(f.path for f in again.done) == ["story.txt", "subs/clip.srt"]
    assert sorted(translator.texts) == sorted(
        ["Updated story.", "Updated story.", "Hello there, my friend.", "Bye."]
    )
    assert (out / "story.fr.txt").read_text() == "UPDATED STORY. ⟨fr⟩\n"


def test_force_and_changed_settings_redo_everything(tree, tmp_path, config):
    out = tmp_path / "out"
    run(tree, out, config)
    forced = run(tree, out, config, force=True)
    assert len(forced.done) == len(GOOD) + 1
    config.set("translate.num_beams", 4)
    changed = run(tree, out, config)
    assert len(changed.done) == len(GOOD) + 1
    fields = run(tree, out, config, fields=("text", "headline"))
    assert sorted(f.path for f in fields.done) == ["data/article.json", "data/records.jsonl"]
    assert "NOT TRANSLATED" in (out / "data/article.es.json").read_text()


def test_manifest_records_hash_fingerprint_and_models(tree, tmp_path, config):
    out = tmp_path / "out"
    run(tree, out, config)
    manifest = json.loads((out / MANIFEST).read_text())
    entry = manifest["translate"]["story.txt"]["es"]
    assert entry["output"] == "story.es.txt"
    assert entry["models"] == ["fake-model"]
    assert len(entry["input_sha256"]) == 64 and len(entry["fingerprint"]) == 64
    assert "binary.txt" not in manifest["translate"]


def test_a_second_run_on_the_same_output_folder_is_refused(tree, tmp_path, config):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK, "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchLockedError) as info:
            run(tree, out, config)
    assert info.value.exit_code == 8
    assert "in use by another toolkit run" in info.value.message
    assert run(tree, out, config).done  # free again once released


def test_missing_model_fails_that_language_only(tree, tmp_path, config):
    config.set("batch.chunk_chars", 1)
    translator = FakeTranslator(
        fail_for={"fr": ModelUnavailableError("Helsinki-NLP/opus-mt-en-fr")}
    )
    report = run(tree, tmp_path / "out", config, translator=translator)
    assert sum(1 for _t, to, _s in translator.calls if to == "fr") == 1  # not retried per chunk
    story = next(f for f in report.files if f.path == "story.txt")
    assert story.status == "failed" and story.outputs == {"es": "story.es.txt"}
    assert "toolkit models pull Helsinki-NLP/opus-mt-en-fr" in story.errors["fr"]
    assert (tmp_path / "out/story.es.txt").exists()
    assert not (tmp_path / "out/story.fr.txt").exists()
    assert report.exit_code == 6


def test_one_failing_file_does_not_stop_the_others(tree, tmp_path, config):
    translator = FakeTranslator(poison="Bye.")
    report = run(tree, tmp_path / "out", config, translator=translator)
    clip = next(f for f in report.files if f.path == "subs/clip.srt")
    assert clip.status == "failed" and "model blew up" in clip.reason
    assert {f.path for f in report.done} == set(GOOD) - {"subs/clip.srt"} | {"latin.txt"}


def test_output_folder_inside_the_tree_is_skipped(tree, config):
    out = tree / "translated"
    first = run(tree, out, config)
    again = run(tree, out, config)
    assert ("translated/", "output folder") in {(f.path, f.reason) for f in again.skipped}
    assert again.model_calls == 0 and len(again.up_to_date) == len(first.done)


def test_bad_folders_are_clear_errors(tree, tmp_path, config):
    with pytest.raises(OutputError, match="must not be the input folder"):
        run(tree, tree, config)
    with pytest.raises(InputError, match="no such folder"):
        run(tmp_path / "nope", tmp_path / "out", config)
    with pytest.raises(InputError, match="not a folder"):
        run(tree / "story.txt", tmp_path / "out", config)


def test_progress_callback_sees_every_file_and_sentence(tree, tmp_path, config):
    events = []
    run(tree, tmp_path / "out", config, progress=events.append)
    assert events[0].files_done == 0 and events[0].sentences_done == 0
    last = events[-1]
    assert last.files_done == last.files_total == len(GOOD) + 1
    assert last.sentences_done == last.sentences_total > 0
    done = [e.files_done for e in events]
    assert done == sorted(done)
    assert {e.path for e in events if e.path} == set(GOOD) | {"latin.txt"}


def test_source_language_is_detected_per_file_and_per_record(tree, tmp_path, config, monkeypatch):
    langs = {"First story.": "de", "Second story.": "es"}
    monkeypatch.setattr(
        "toolkit.translate.document.text_language", lambda text, config: langs.get(text, "en")
    )
    translator = FakeTranslator()
    out = tmp_path / "out"
    translate_tree(tree, out, ["es"], config=config, translator=translator)
    by_src = {src: texts for texts, _to, src in translator.calls}
    assert set(by_src) == {"en", "de"}
    assert by_src["de"] == ["First story."]
    assert "Second story." not in translator.texts  # already Spanish: kept, no model work
    records = (out / "data/records.es.jsonl").read_text().splitlines()
    assert json.loads(records[1])["text"] == "Second story."


KILLER = """
import os, signal, sys
from batch_helpers import FakeTranslator
from toolkit.batch import translate_tree
from toolkit.config import Config

real_replace = os.replace
outputs = 0

def replace(src, dst):
    # SIGKILL ourselves while the Nth output is a finished temporary file, not yet renamed
    global outputs
    if not str(dst).endswith(".toolkit-manifest.json"):
        outputs += 1
        if outputs == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)

os.replace = replace
config = Config()
config.set("batch.chunk_chars", 1)
translate_tree(sys.argv[1], sys.argv[2], ["es"], config=config, src="en",
               translator=FakeTranslator())
"""


def test_a_killed_run_leaves_no_partial_output_and_the_rerun_finishes(tmp_path, config):
    import subprocess
    import sys

    root = tmp_path / "in"
    for i in range(6):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 2}" / f"story{i}.txt").write_text(f"Story number {i}.\n\nSecond part.\n")
    out = tmp_path / "out"
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    tests_dir = pathlib.Path(__file__).resolve().parents[1]
    env = {"PYTHONPATH": f"{tests_dir.parent}:{tests_dir}", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, str(script), str(root), str(out), "4"], env=env, capture_output=True
    )
    assert proc.returncode == -9, proc.stderr.decode()

    # files go in walk order (d0/story0, d0/story2, d0/story4, d1/story1...): the first
    # three were renamed into place, the fourth was killed between write and rename
    finished = sorted(p.relative_to(out).as_posix() for p in out.rglob("story*.es.txt"))
    assert finished == ["d0/story0.es.txt", "d0/story2.es.txt", "d0/story4.es.txt"]
    for path in out.rglob("story*.es.txt"):  # every output there is complete
        number = path.name[5]
        assert path.read_text() == fake_text(f"Story number {number}.", "es") + "\n\n" + (
            fake_text("Second part.", "es") + "\n"
        )
    assert [p.name for p in out.rglob("*.tmp")]  # the killed write's temporary file
    journal = out / JOURNAL
    assert len(journal.read_text().splitlines()) == 3  # the three finished outputs
    with journal.open("a") as handle:  # as if killed while appending a fourth record
        handle.write('["translate", "d1/story1.txt", "es", {"inpu')

    translator = FakeTranslator()
    report = translate_tree(root, out, ["es"], config=config, src="en", translator=translator)
    assert sorted(f.path for f in report.done) == [
        "d1/story1.txt",
        "d1/story3.txt",
        "d1/story5.txt",
    ]
    assert len(report.up_to_date) == 3
    assert sorted(translator.texts) == sorted(
        [f"Story number {i}." for i in (1, 3, 5)] + ["Second part."] * 3
    )
    assert sorted(p.name for p in out.rglob("story*.es.txt")) == [
        f"story{i}.es.txt" for i in range(6)
    ]
    assert not list(out.rglob("*.tmp")) and not journal.exists()
    manifest = json.loads((out / MANIFEST).read_text())["translate"]
    assert sorted(manifest) == [f"d{i % 2}/story{i}.txt" for i in (0, 2, 4, 1, 3, 5)]


def test_real_detection_groups_files_by_source_language(tmp_path, config):
    root = tmp_path / "in"
    root.mkdir()
    (root / "en.txt").write_text("The government announced new measures against inflation today.\n")
    (root / "fr.txt").write_text("Le gouvernement a annoncé aujourd'hui de nouvelles mesures.\n")
    spanish = "El gobierno anunció hoy nuevas medidas contra la inflación.\n"
    (root / "es.txt").write_text(spanish)
    translator = FakeTranslator()
    report = translate_tree(root, tmp_path / "out", ["es"], config=config, translator=translator)
    assert sorted(src for _texts, _to, src in translator.calls) == ["en", "fr"]
    assert report.model_calls == 2 and len(report.done) == 3
    assert (tmp_path / "out/es.es.txt").read_text() == spanish  # already Spanish: copied


def test_output_folder_that_contains_the_input_never_writes_among_inputs(tmp_path, config):
    work = tmp_path / "work"
    src = work / "in"
    (src / "in").mkdir(parents=True)
    (src / "top.txt").write_text("Top story.\n")
    (src / "in" / "nested.txt").write_text("Nested story.\n")  # would map to work/in/...
    report = translate_tree(src, work, ["es"], config=config, src="en", translator=FakeTranslator())
    assert (work / "top.es.txt").exists()
    nested = next(f for f in report.files if f.path == "in/nested.txt")
    assert nested.status == "failed" and "inside the input folder" in nested.reason
    assert sorted(p.name for p in src.rglob("*")) == ["in", "nested.txt", "top.txt"]


def test_progress_bar_draws_files_and_sentences(tree, tmp_path, config, capsys):
    from toolkit.batch.progress import ProgressBar

    with ProgressBar("translate", enabled=True) as bar:
        run(tree, tmp_path / "out", config, progress=bar)
    err = capsys.readouterr().err
    assert "files 7/7" in err and "sent" in err
    with ProgressBar("translate", enabled=False) as bar:
        run(tree, tmp_path / "out2", config, progress=bar)
    assert capsys.readouterr().err == ""


def test_files_changing_or_vanishing_during_the_run(tree, tmp_path, config):
    out = tmp_path / "out"

    def meddle(event):
        if event.files_done == 0 and event.sentences_done == 0:  # right after planning
            (tree / "story.txt").write_text("Changed meanwhile.\n")
            (tree / "subs/clip.srt").unlink(missing_ok=True)

    report = run(tree, out, config, progress=meddle)
    assert (out / "story.es.txt").read_text() == fake_text("Changed meanwhile.", "es") + "\n"
    clip = next(f for f in report.files if f.path == "subs/clip.srt")
    assert clip.status == "failed" and clip.reason == "cannot read (No such file or directory)"
    translator = FakeTranslator()
    again = run(tree, out, config, translator=translator)
    assert "story.txt" in {f.path for f in again.up_to_date} and translator.calls == []


def test_ctrl_c_stops_cleanly_and_the_next_run_continues(tree, tmp_path, config):
    class Interrupting(FakeTranslator):
        def translate(self, texts, to, src=None):
            if len(self.calls) == 2:
                raise KeyboardInterrupt
            return super().translate(texts, to, src)

    config.set("batch.chunk_chars", 1)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        translate_tree(tree, out, ["es"], config=config, src="en", translator=Interrupting())
    assert len(list(out.rglob("*.es.*"))) == 2 and not list(out.rglob("*.tmp"))
    translator = FakeTranslator()  # the lock was released; the rest is done now
    report = translate_tree(tree, out, ["es"], config=config, src="en", translator=translator)
    assert len(report.up_to_date) == 2 and len(report.done) == len(GOOD) - 1
    assert len(translator.calls) == len(GOOD) - 1
