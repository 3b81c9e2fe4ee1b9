"""`toolkit serve` over real HTTP: a server subprocess on a loopback port, used with httpx
and with a LibreTranslate client library from PyPI."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import pytest
from serve_helpers import running_server, write_config

pytest.importorskip("starlette")


@pytest.fixture(scope="module")
def server(tiny_marian, tmp_path_factory):
    """An open server (no keys, no rate limit) with the tiny en->es model."""
    config = write_config(
        tmp_path_factory.mktemp("serve") / "toolkit.toml",
        {"en-es": tiny_marian},
        body_limit=50_000,
        char_limit=5_000,
        batch_limit=8,
        upload_limit=20_000,
    )
    with running_server(config) as (url, _):
        yield url


@pytest.fixture(scope="module")
def guarded(tiny_marian, tmp_path_factory):
    """A server that requires API keys and allows 5 requests a minute per address."""
    home = tmp_path_factory.mktemp("guarded")
    db = home / "keys.sqlite3"
    from toolkit.serve.keys import KeyStore

    key = KeyStore(db).add(note="test").key
    config = write_config(
        home / "toolkit.toml", {"en-es": tiny_marian}, api_keys=True, keys_db=str(db), rate_limit=5
    )
    with running_server(config) as (url, _):
        yield url, key


def post(url: str, path: str, **kwargs):
    return httpx.post(url + path, timeout=120, **kwargs)


# -- LibreTranslate endpoints ---------------------------------------------------------------


def test_languages_lists_what_local_models_reach(server):
    langs = {entry["code"]: entry for entry in httpx.get(server + "/languages").json()}
    assert langs["en"]["name"] == "English"
    assert "es" in langs["en"]["targets"]
    assert "fr" not in langs["en"]["targets"]  # opus-mt-en-fr is not on this machine
    assert langs["es"]["targets"] == ["es"]


def test_translate_json_form_list_and_auto(server):
    one = post(server, "/translate", json={"q": "Hello world.", "source": "en", "target": "es"})
    assert one.status_code == 200
    text = one.json()["translatedText"]
    assert isinstance(text, str) and text and text != "Hello world."
    form = post(server, "/translate", data={"q": "Hello world.", "source": "en", "target": "es"})
    assert form.json() == one.json()  # the same model, deterministic
    many = post(
        server,
        "/translate",
        json={"q": ["Hello world.", "Good morning."], "source": "en", "target": "es"},
    ).json()
    assert many["translatedText"][0] == text and len(many["translatedText"]) == 2
    auto = post(
        server,
        "/translate",
        json={
            "q": "The government said on Monday that the new law will pass.",
            "source": "auto",
            "target": "es",
            "alternatives": 3,
        },
    ).json()
    assert auto["detectedLanguage"]["language"] == "en"
    assert 50 < auto["detectedLanguage"]["confidence"] <= 100
    others = auto["alternatives"]  # the next beams of the model: n-best decoding
    assert 1 <= len(others) <= 3 and len(set(others)) == len(others)
    assert auto["translatedText"] not in others and all(o.strip() for o in others)
    listed = post(
        server,
        "/translate",
        json={"q": ["Hello world.", "Good morning."], "source": "en", "target": "es"}
        | {"alternatives": 2},
    ).json()
    assert len(listed["alternatives"]) == 2 and all(len(a) <= 2 for a in listed["alternatives"])
    assert listed["translatedText"] == many["translatedText"]  # asking changes no best one


def test_translate_html_keeps_markup(server):
    html = '<p class="x">Hello <b>world</b>.</p>'
    out = post(
        server, "/translate", json={"q": html, "source": "en", "target": "es", "format": "html"}
    ).json()["translatedText"]
    assert out.startswith('<p class="x">') and "<b>" in out and out.endswith("</p>")
    assert "Hello" not in out


def test_detect(server):
    found = post(server, "/detect", data={"q": "Der Bundestag hat heute das Gesetz beschlossen."})
    assert found.status_code == 200
    assert found.json()[0]["language"] == "de"
    assert 0 < found.json()[0]["confidence"] <= 100


def test_translate_file_and_download_once(server):
    answer = post(
        server,
        "/translate_file",
        data={"source": "en", "target": "es"},
        files={"file": ("../../etc/notes.md", b"# Title\n\nHello world.\n\n`code` stays.\n")},
    )
    assert answer.status_code == 200, answer.text
    link = answer.json()["translatedFileUrl"]
    assert link.startswith(server + "/download_file/") and ".." not in link
    got = httpx.get(link)
    assert got.status_code == 200
    assert 'filename="notes.es.md"' in got.headers["content-disposition"]
    assert got.text.startswith("# ") and "`code`" in got.text and "Hello world" not in got.text
    again = httpx.get(link)
    assert again.status_code == 404 and "error" in again.json()


def test_download_file_cannot_reach_other_paths(server):
    for name in ("..%2F..%2Fetc%2Fpasswd", "passwd", "%2Fetc%2Fpasswd"):
        answer = httpx.get(f"{server}/download_file/{name}")
        assert answer.status_code == 404
        assert "root:" not in answer.text


def test_stats_show_the_model_calls_a_request_made(server):
    def en_es():
        return httpx.get(server + "/v1/stats").json()["pairs"].get("en-es", {})

    before = en_es()
    texts = ["One.", "Two words.", "Three words here."]
    assert post(server, "/translate", json={"q": texts, "source": "en", "target": "es"}).is_success
    after = en_es()
    assert after["model_calls"] - before.get("model_calls", 0) == 1  # one batch of three
    assert after["texts"] - before.get("texts", 0) == 3
    assert after["batch_sizes"]["3"] == before.get("batch_sizes", {}).get("3", 0) + 1


def test_settings_health_docs_page(server):
    settings = httpx.get(server + "/frontend/settings").json()
    assert settings["charLimit"] == 5000 and settings["keyRequired"] is False
    assert ".md" in settings["supportedFilesFormat"]
    assert httpx.get(server + "/health").json()["status"] == "ok"
    schema = httpx.get(server + "/openapi.json").json()
    assert {"/translate", "/v1/pipeline", "/v1/stats"} <= set(schema["paths"])
    assert "/v1/summarize" in httpx.get(server + "/docs").text
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "fetch(" in httpx.get(server + "/static/app.js").text


def test_libretranslate_client_library(server):
    libre = pytest.importorskip("libretranslatepy")
    api = libre.LibreTranslateAPI(server + "/")
    direct = post(server, "/translate", json={"q": "Hello world.", "source": "en", "target": "es"})
    assert api.translate("Hello world.", "en", "es") == direct.json()["translatedText"]
    assert api.detect("Der Bundestag hat heute das Gesetz beschlossen.")[0]["language"] == "de"
    assert "en" in {entry["code"] for entry in api.languages()}


# -- /v1 ---------------------------------------------------------------------------------------


def test_v1_detect_repair_pipeline_and_partial_summarize(server, seed_text):
    found = post(server, "/v1/detect", json={"text": seed_text}).json()
    assert found["language"] == "en" and found["spans"][0]["start"] == 0
    repaired = post(server, "/v1/repair", json={"text": seed_text}).json()
    assert repaired["edits"] and repaired["flags"]
    for edit in repaired["edits"]:
        assert seed_text[edit["start"] : edit["end"]] == edit["before"]
        assert edit["why"] and edit["why"] != edit["rule"]  # what the rule does, in words
    briefs = post(server, "/v1/summarize", json={"text": seed_text, "to": "en,es,fr"}).json()
    by_lang = {b["lang"]: b for b in briefs["briefs"]}
    assert by_lang["en"]["ok"] and by_lang["es"]["produced"] and by_lang["es"]["text"]
    assert not by_lang["fr"]["ok"] and by_lang["fr"]["error"] and by_lang["fr"]["hint"]
    assert briefs["partial"] is True
    whole = post(server, "/v1/pipeline", json={"text": seed_text, "to": ["en"]}).json()
    assert whole["repair"]["text"] == repaired["text"]
    assert whole["summary"]["sentences"]


# -- bad input -----------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/translate", {"source": "en", "target": "es"}, 400, "missing q"),
    ("/translate", {"q": "Hi", "target": "es"}, 400, "missing source"),
    ("/translate", {"q": "Hi", "source": "en"}, 400, "missing target"),
    ("/translate", {"q": "Hi", "source": "xx", "target": "es"}, 400, "xx is not supported"),
    ("/translate", {"q": "Hi", "source": "en", "target": "de"}, 400, "de is not supported"),
    ("/translate", {"q": "Hi", "source": "en", "target": "es", "format": "pdf"}, 400, "format"),
    ("/translate", {"q": 5, "source": "en", "target": "es"}, 400, "q must be"),
    ("/translate", {"q": ["a"] * 9, "source": "en", "target": "es"}, 400, "exceeds text limit"),
    ("/translate", {"q": "a" * 5001, "source": "en", "target": "es"}, 400, "character limit"),
    ("/translate", {"q": "Hi", "source": "en", "target": "es", "alternatives": 4}, 400, "<= 3"),
    ("/translate", {"q": "Hi", "source": "en", "target": "es", "alternatives": "x"}, 400, "whole"),
    ("/detect", {}, 400, "missing q"),
    ("/translate_file", {"source": "en", "target": "es"}, 400, "missing file"),
    ("/v1/detect", {}, 400, "missing text"),
    ("/v1/repair", {"text": "Hello.", "lang": "qq"}, 400, "qq is not supported"),
    ("/v1/summarize", {"text": "Hello there.", "to": ["zz"]}, 400, "zz is not supported"),
    ("/v1/pipeline", {"text": "   "}, 400, "empty"),
]


@pytest.mark.parametrize(("path", "body", "status", "message"), BAD_REQUESTS)
def test_bad_requests_get_one_line_errors(server, path, body, status, message):
    answer = post(server, path, json=body)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert message in error and "\n" not in error and "Traceback" not in error


@pytest.mark.parametrize("path", ["/translate", "/detect", "/v1/repair", "/v1/pipeline"])
def test_bad_json_wrong_method_and_big_body(server, path):
    bad = post(server, path, content=b"{not json", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and "JSON" in bad.json()["error"]
    wrong = httpx.get(server + path)
    assert wrong.status_code == 405 and wrong.json() == {"error": "Method not allowed"}
    big = post(server, path, json={"q": "a" * 60_000, "text": "a" * 60_000})
    assert big.status_code == 413 and "too large" in big.json()["error"]


def test_unknown_path_and_upload_over_limit(server):
    assert httpx.get(server + "/nothing").json() == {"error": "Not found"}
    answer = post(
        server,
        "/translate_file",
        data={"source": "en", "target": "es"},
        files={"file": ("a.txt", b"word " * 10_000)},
    )
    assert answer.status_code == 413
    kind = post(
        server,
        "/translate_file",
        data={"source": "en", "target": "es"},
        files={"file": ("a.exe", b"MZ")},
    )
    assert kind.status_code == 400 and "not supported" in kind.json()["error"]


# -- keys and rate limits ------------------------------------------------------------------------


def test_keys_and_rate_limit(guarded):
    url, key = guarded
    body = {"q": "Hello.", "source": "en", "target": "es"}
    missing = post(url, "/translate", json=body)
    assert missing.status_code == 403 and "API key" in missing.json()["error"]
    wrong = post(url, "/translate", json={**body, "api_key": "not-a-key"})
    assert wrong.status_code == 403 and wrong.json() == {"error": "Invalid API key"}
    assert httpx.get(url + "/frontend/settings").json()["keyRequired"] is True
    statuses = [post(url, "/translate", json={**body, "api_key": key}) for _ in range(6)]
    # the two refused requests above did not count; five in a minute pass, the sixth waits
    assert [s.status_code for s in statuses[:5]] == [200] * 5
    assert statuses[5].status_code == 429
    assert 1 <= int(statuses[5].headers["retry-after"]) <= 60
    assert "Too many requests" in statuses[5].json()["error"]


# -- concurrency, disconnects, shutdown -----------------------------------------------------------


def test_concurrent_requests_and_a_client_that_disconnects(server):
    text = " ".join(["The minister said the budget will grow next year."] * 40)
    results: list[int] = []

    def one(i: int) -> None:
        answer = post(
            server, "/translate", json={"q": f"Hello number {i}.", "source": "en", "target": "es"}
        )
        results.append(answer.status_code)

    with pytest.raises(httpx.TimeoutException):  # gives up while the server is translating
        httpx.post(
            server + "/translate", json={"q": text, "source": "en", "target": "es"}, timeout=0.05
        )
    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results == [200] * 8
    assert httpx.get(server + "/health").status_code == 200


@pytest.mark.slow
def test_shutdown_while_requests_run(tiny_marian, tmp_path):
    config = write_config(tmp_path / "toolkit.toml", {"en-es": tiny_marian})
    text = " ".join(["The minister said the budget will grow next year."] * 30)
    outcomes: list[str] = []

    def one() -> None:
        try:
            answer = httpx.post(
                url + "/translate", json={"q": text, "source": "en", "target": "es"}, timeout=60
            )
            outcomes.append(f"{answer.status_code}")
        except httpx.TransportError:
            outcomes.append("closed")

    with running_server(config) as (url, proc):
        post(url, "/translate", json={"q": "Warm up.", "source": "en", "target": "es"})
        threads = [threading.Thread(target=one) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        for thread in threads:
            thread.join(60)
        assert proc.wait(timeout=60) == 0
        stderr = proc.stderr.read().decode()
    assert len(outcomes) == 4
    assert set(outcomes) <= {"200", "closed"}  # finished, or refused cleanly: never a hang
    assert "Traceback" not in stderr
