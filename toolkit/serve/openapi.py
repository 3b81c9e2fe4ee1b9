"""The OpenAPI description of the service (served at /openapi.json) and its /docs page."""

from __future__ import annotations

import html
from typing import Any

from toolkit import __version__


def _post(summary: str, fields: dict[str, str], required: list[str]) -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": required,
        "properties": {name: {"description": text} for name, text in fields.items()},
    }
    return {
        "post": {
            "summary": summary,
            "requestBody": {
                "content": {
                    "application/json": {"schema": schema},
                    "application/x-www-form-urlencoded": {"schema": schema},
                }
            },
            "responses": {
                "200": {"description": "ok"},
                "400": {"description": '{"error": "..."} bad request'},
                "403": {"description": '{"error": "..."} missing or bad API key'},
                "413": {"description": '{"error": "..."} body or upload too large'},
                "429": {"description": '{"error": "..."} rate limit; see Retry-After'},
                "500": {"description": '{"error": "..."} model missing, timeout, failure'},
            },
        }
    }


def _get(summary: str) -> dict[str, Any]:
    return {"get": {"summary": summary, "responses": {"200": {"description": "ok"}}}}


_KEY = {"api_key": "API key (when the server requires keys)"}
_TEXT = {"text": "the article", **_KEY}

SCHEMA: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "toolkit serve", "version": __version__},
    "paths": {
        "/translate": _post(
            "LibreTranslate: translate text",
            {
                "q": "a text or a list of texts",
                "source": "language code or auto",
                "target": "language code",
                "format": "text or html",
                "alternatives": "how many other translations to add (n-best beams; "
                "none from the Firefox engine or for html)",
                **_KEY,
            },
            ["q", "source", "target"],
        ),
        "/detect": _post("LibreTranslate: detect the language", {"q": "text", **_KEY}, ["q"]),
        "/languages": _get("LibreTranslate: languages and the targets local models reach"),
        "/translate_file": {
            "post": {
                "summary": "LibreTranslate: translate a file (multipart: file, source, target)",
                "responses": {"200": {"description": '{"translatedFileUrl": "..."}'}},
            }
        },
        "/download_file/{filename}": _get("A translated file, once"),
        "/frontend/settings": _get("LibreTranslate: limits and features"),
        "/health": _get("Liveness"),
        "/v1/detect": _post(
            "Language, confidence, runners-up and per-paragraph spans", _TEXT, ["text"]
        ),
        "/v1/repair": _post(
            "Repaired text with its edits (each with why: what its rule does) and flags",
            {**_TEXT, "lang": "code or auto"},
            ["text"],
        ),
        "/v1/summarize": _post(
            "Briefs in several languages with fact-check warnings (partial when a model is "
            "missing: that brief has ok=false, error and hint)",
            {
                **_TEXT,
                "to": "list or comma-separated codes",
                "lang": "source code or auto",
                "sentences": "summary length",
            },
            ["text"],
        ),
        "/v1/pipeline": _post(
            "The whole job: detection, repair, summary, briefs, fact checks, timings",
            {
                **_TEXT,
                "to": "list or comma-separated codes",
                "lang": "source code or auto",
                "sentences": "summary length",
            },
            ["text"],
        ),
        "/v1/stats": _get(
            "Batching since start, per pair: model calls, texts, mean batch, batch sizes"
        ),
    },
}


def docs_page() -> str:
    """A self-contained HTML page listing every endpoint (no CDN, works offline)."""
    rows = []
    for path, methods in SCHEMA["paths"].items():
        for method, spec in methods.items():
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
            props = body.get("schema", {}).get("properties", {})
            params = "".join(
                f"<li><code>{html.escape(k)}</code>: {html.escape(v['description'])}</li>"
                for k, v in props.items()
            )
            rows.append(
                f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>"
                f"<p>{html.escape(spec['summary'])}</p><ul>{params}</ul>"
            )
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>toolkit serve API</title>"
        "<link rel=stylesheet href=/static/style.css><body class=docs>"
        "<h1>toolkit serve API</h1><p>Schema: <a href=/openapi.json>/openapi.json</a>. "
        'Errors are <code>{"error": "..."}</code>.</p>' + "".join(rows) + "</body></html>"
    )
