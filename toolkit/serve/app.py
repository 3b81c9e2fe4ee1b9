"""The Starlette application: LibreTranslate-compatible routes, `/v1`, the web page.

Request fields, response shapes and error bodies follow LibreTranslate's app.py, so its
clients work unchanged. Every error is ``{"error": "one line"}`` with 400 (bad request),
403 (API key), 404, 405, 413 (too large), 429 (rate limit, with Retry-After) or 500;
a traceback never reaches a response.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path, PurePath
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from toolkit import __version__
from toolkit.config import Config
from toolkit.errors import InputError, ModelUnavailableError, ToolkitError, UnsupportedLanguageError
from toolkit.serve.engine import Engine
from toolkit.serve.keys import KeyStore
from toolkit.serve.limits import RateLimiter, retry_after
from toolkit.serve.openapi import SCHEMA, docs_page

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("toolkit.serve")


class ApiError(Exception):
    """An error answered as ``{"error": message}`` with `status`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def create_app(config: Config) -> Starlette:
    """The ASGI application for `config` (models load on first use, then stay loaded)."""
    engine = Engine(config)
    limits = config.serve
    keys = KeyStore(limits.keys_db) if limits.api_keys else None
    limiter = RateLimiter()
    downloads = tempfile.TemporaryDirectory(prefix="toolkit-serve-")
    files: dict[str, tuple[Path, str]] = {}  # token -> (translated file, name to give it)

    # -- request plumbing -----------------------------------------------------------------

    async def body(request: Request, limit: int) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise ApiError(413, f"Request body too large (limit {limit} bytes)")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, f"Request body too large (limit {limit} bytes)")
            chunks.append(chunk)
        request._body = b"".join(chunks)  # lets request.form() read it again
        return request._body

    async def fields(request: Request, limit: int | None = None) -> dict[str, Any]:
        """The request's fields from a JSON or form body (files as UploadFile)."""
        raw = await body(request, limit or limits.body_limit)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/json" or (not kind and raw[:1] in (b"{", b"[")):
            try:
                data = json.loads(raw or b"{}")
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, "Invalid request: bad JSON body") from None
            if not isinstance(data, dict):
                raise ApiError(400, "Invalid request: the JSON body must be an object")
            return data
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                form = await request.form(max_part_size=limits.upload_limit)
            except Exception:  # noqa: BLE001 - a malformed form is the client's error
                raise ApiError(400, "Invalid request: malformed form body") from None
            data = {}
            for name in form:
                values = form.getlist(name)
                data[name] = values if len(values) > 1 else values[0]
            return data
        if not raw:
            return {}
        raise ApiError(400, f"Invalid request: unsupported content type {kind or '(none)'}")

    def guard(request: Request, data: dict[str, Any]) -> None:
        """API key and rate limits, before any work."""
        address = request.client.host if request.client else "unknown"
        key_limit = limits.key_rate_limit
        key = data.get("api_key") or request.headers.get("authorization", "").removeprefix(
            "Bearer "
        )
        if keys is not None:
            found = keys.get(str(key)) if key else None
            if found is None:
                raise ApiError(
                    403, "Invalid API key" if key else "Please provide an API key (api_key)"
                )
            key_limit = found.req_limit or key_limit
            wait = limiter.check(f"key:{found.key}", key_limit)
            if wait:
                raise ApiError(
                    429,
                    "Too many requests for this API key",
                    {"Retry-After": retry_after(wait)},
                )
        wait = limiter.check(f"addr:{address}", limits.rate_limit)
        if wait:
            raise ApiError(
                429, "Too many requests from this address", {"Retry-After": retry_after(wait)}
            )

    async def timed(coro: Any) -> Any:
        try:
            return await asyncio.wait_for(coro, limits.timeout)
        except asyncio.TimeoutError:
            raise ApiError(500, f"Request timed out after {limits.timeout:g} s") from None

    def required(data: dict[str, Any], name: str) -> Any:
        value = data.get(name)
        if value is None or value == "" or value == []:
            raise ApiError(400, f"Invalid request: missing {name} parameter")
        return value

    def language(code: Any, name: str) -> str:
        from toolkit.langs import normalize

        if not isinstance(code, str):
            raise ApiError(400, f"Invalid request: {name} must be a language code")
        try:
            return normalize(code)
        except ToolkitError:
            raise ApiError(400, f"{code} is not supported") from None

    def texts_of(value: Any) -> tuple[list[str], bool]:
        batch = isinstance(value, list)
        texts = value if batch else [value]
        if not all(isinstance(t, str) for t in texts):
            raise ApiError(400, "Invalid request: q must be a string or a list of strings")
        if batch and len(texts) > limits.batch_limit:
            raise ApiError(
                400,
                f"Invalid request: request ({len(texts)}) exceeds text limit "
                f"({limits.batch_limit})",
            )
        chars = sum(len(t) for t in texts)
        if chars > limits.char_limit:
            raise ApiError(
                400,
                f"Invalid request: request ({chars}) exceeds character limit ({limits.char_limit})",
            )
        return texts, batch

    def reachable(src: str, tgt: str) -> None:
        if src == tgt:
            return
        for entry in engine.languages():
            if entry["code"] == src:
                if tgt not in entry["targets"]:
                    raise ApiError(400, f"{tgt} is not supported for source {src}")
                return
        raise ApiError(400, f"{src} is not supported")

    async def detected(texts: list[str]) -> list[dict[str, Any]]:
        found = [await engine.call(engine.detect, t) for t in texts]
        return [
            {"language": d["language"], "confidence": round(d["confidence"] * 100, 1)}
            for d in found
        ]

    # -- LibreTranslate ------------------------------------------------------------------

    async def translate(request: Request) -> Response:
        data = await fields(request)
        guard(request, data)
        texts, batch = texts_of(required(data, "q"))
        source = required(data, "source")
        tgt = language(required(data, "target"), "target")
        fmt = data.get("format") or "text"
        if fmt not in ("text", "html"):
            raise ApiError(400, f"{fmt} format is not supported")
        detections = None
        if source == "auto":
            detections = await detected(texts)
            srcs = [d["language"] for d in detections]
            if "und" in srcs:
                raise ApiError(400, "Could not detect the source language")
        else:
            srcs = [language(source, "source")] * len(texts)
        for src in set(srcs):
            reachable(src, tgt)
        run = engine.translate_html if fmt == "html" else engine.translate
        out: list[str] = [""] * len(texts)
        for src in dict.fromkeys(srcs):
            picked = [i for i, s in enumerate(srcs) if s == src]
            done = await timed(run([texts[i] for i in picked], src, tgt))
            for i, text in zip(picked, done, strict=True):
                out[i] = text
        answer: dict[str, Any] = {"translatedText": out if batch else out[0]}
        if detections is not None:
            answer["detectedLanguage"] = detections if batch else detections[0]
        if data.get("alternatives") not in (None, "", 0, "0"):
            answer["alternatives"] = [[] for _ in out] if batch else []
        return JSONResponse(answer)

    async def detect(request: Request) -> Response:
        data = await fields(request)
        guard(request, data)
        texts, _ = texts_of(required(data, "q"))
        found = await detected(["\n".join(texts)])
        return JSONResponse([d for d in found if d["language"] != "und"])

    async def languages(request: Request) -> Response:
        return JSONResponse(await engine.call(engine.languages))

    async def translate_file(request: Request) -> Response:
        from toolkit.files import decode_bytes
        from toolkit.formats import FORMATS, parse

        data = await fields(request, limits.upload_limit + 64_000)
        guard(request, data)
        upload = data.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "Invalid request: missing file parameter")
        name = PurePath(upload.filename or "file.txt").name  # never a path of the client's
        suffix = PurePath(name).suffix.lower()
        if suffix not in FORMATS or suffix in (".json", ".jsonl"):
            raise ApiError(400, f"{suffix or 'this'} format is not supported")
        try:
            raw = await upload.read()
        finally:
            await upload.close()  # the spooled upload is deleted here
        if len(raw) > limits.upload_limit:
            raise ApiError(413, f"File too large (limit {limits.upload_limit} bytes)")
        source = required(data, "source")
        tgt = language(required(data, "target"), "target")
        text = decode_bytes(raw, name).text
        if len(text) > limits.char_limit:
            raise ApiError(
                400,
                f"Invalid request: file ({len(text)}) exceeds character limit "
                f"({limits.char_limit})",
            )
        if source == "auto":
            src = (await detected([text]))[0]["language"]
        else:
            src = language(source, "source")
        reachable(src, tgt)
        doc = parse(name, text)
        done = await timed(engine.translate(doc.units, src, tgt)) if doc.units else []
        token = secrets.token_urlsafe(16)
        stem = PurePath(name).stem
        path = Path(downloads.name) / f"{token}{suffix}"
        path.write_text(doc.render(done, tgt), encoding="utf-8")
        files[token] = (path, f"{stem}.{tgt}{suffix}")
        url = str(request.url_for("download_file", filename=f"{token}{suffix}"))
        return JSONResponse({"translatedFileUrl": url})

    async def download_file(request: Request) -> Response:
        filename = request.path_params["filename"]
        token = PurePath(filename).stem
        entry = files.pop(token, None)  # one download each, then the file is gone
        if entry is None or filename != entry[0].name:
            raise ApiError(404, "File not found (each file can be downloaded once)")
        path, given = entry
        content = path.read_bytes()
        path.unlink(missing_ok=True)
        return Response(
            content,
            media_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{given}"'},
        )

    async def frontend_settings(request: Request) -> Response:
        from toolkit.formats import FORMATS

        return JSONResponse(
            {
                "charLimit": limits.char_limit,
                "frontendTimeout": int(limits.timeout * 1000),
                "apiKeys": limits.api_keys,
                "keyRequired": limits.api_keys,
                "suggestions": False,
                "filesTranslation": True,
                "supportedFilesFormat": sorted(set(FORMATS) - {".json", ".jsonl"}),
                "language": {
                    "source": {"code": "auto", "name": "Auto Detect"},
                    "target": {"code": "en", "name": "English"},
                },
            }
        )

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    # -- /v1 -------------------------------------------------------------------------------

    def text_field(data: dict[str, Any]) -> str:
        text = required(data, "text")
        if not isinstance(text, str):
            raise ApiError(400, "Invalid request: text must be a string")
        if len(text) > limits.char_limit:
            raise ApiError(
                400,
                f"Invalid request: request ({len(text)}) exceeds character limit "
                f"({limits.char_limit})",
            )
        return text

    def optional_lang(data: dict[str, Any], name: str) -> str | None:
        value = data.get(name)
        return None if value in (None, "", "auto") else language(value, name)

    def targets(data: dict[str, Any]) -> list[str]:
        value = data.get("to") or []
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise ApiError(400, "Invalid request: to must be a list of language codes")
        return [language(str(code).strip(), "to") for code in items if str(code).strip()]

    async def v1_detect(request: Request) -> Response:
        data = await fields(request)
        guard(request, data)
        text = text_field(data)
        return JSONResponse(await timed(engine.call(engine.detect, text, spans=True)))

    async def v1_repair(request: Request) -> Response:
        data = await fields(request)
        guard(request, data)
        text = text_field(data)
        lang = optional_lang(data, "lang")
        return JSONResponse(await timed(engine.call(engine.repair, text, lang)))

    async def v1_pipeline(request: Request) -> Response:
        data = await fields(request)
        guard(request, data)
        text = text_field(data)
        sentences = data.get("sentences")
        if sentences is not None and (not str(sentences).isdigit() or int(sentences) < 1):
            raise ApiError(400, "Invalid request: sentences must be a whole number >= 1")
        result = await timed(
            engine.call(
                engine.pipeline_run,
                text,
                targets(data),
                optional_lang(data, "lang"),
                int(sentences) if sentences is not None else None,
            )
        )
        return JSONResponse(result)

    async def v1_summarize(request: Request) -> Response:
        response = await v1_pipeline(request)
        data = json.loads(bytes(response.body))
        keep = ("lang", "detection", "summary", "briefs", "partial")
        return JSONResponse({k: data[k] for k in keep})

    async def openapi(request: Request) -> Response:
        return JSONResponse(SCHEMA)

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page())

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html")

    # -- errors ----------------------------------------------------------------------------

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse({"error": exc.message}, exc.status, headers=exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "Not found", 405: "Method not allowed"}
        message = messages.get(exc.status_code, str(exc.detail))
        return JSONResponse({"error": message}, exc.status_code, headers=exc.headers)

    async def toolkit_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ToolkitError)
        status = 400 if isinstance(exc, (InputError, UnsupportedLanguageError)) else 500
        if isinstance(exc, ModelUnavailableError):
            status = 500
        return JSONResponse({"error": exc.one_line()}, status)

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
        return JSONResponse({"error": f"Internal error ({type(exc).__name__})"}, 500)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await asyncio.get_running_loop().run_in_executor(None, engine.close)
            downloads.cleanup()

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/translate", translate, methods=["POST"]),
        Route("/detect", detect, methods=["POST"]),
        Route("/languages", languages, methods=["GET", "POST"]),
        Route("/translate_file", translate_file, methods=["POST"]),
        Route("/download_file/{filename}", download_file, methods=["GET"]),
        Route("/frontend/settings", frontend_settings, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
        Route("/v1/detect", v1_detect, methods=["POST"]),
        Route("/v1/repair", v1_repair, methods=["POST"]),
        Route("/v1/summarize", v1_summarize, methods=["POST"]),
        Route("/v1/pipeline", v1_pipeline, methods=["POST"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            ToolkitError: toolkit_error,
            Exception: internal_error,
        },
    )
    app.state.engine = engine
    app.state.started = time.time()
    return app
