"""The toolkit's own routes under /v1 (detect with spans, repair, summarize, the whole
pipeline, batching stats), the OpenAPI schema, its docs page and the editors' web page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from toolkit.serve.openapi import SCHEMA, docs_page
from toolkit.serve.service import ApiError, Service

STATIC = Path(__file__).with_name("static")
#: the parts of a pipeline result /v1/summarize answers with
SUMMARY_KEYS = ("lang", "detection", "summary", "briefs", "partial")


class V1Routes:
    """The /v1 endpoints of one `Service` (methods are Starlette endpoints)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def _text(self, data: dict[str, Any]) -> str:
        text = self.service.required(data, "text")
        if not isinstance(text, str):
            raise ApiError(400, "Invalid request: text must be a string")
        self.service.within_chars(len(text))
        return text

    def _lang(self, data: dict[str, Any], name: str) -> str | None:
        value = data.get(name)
        return None if value in (None, "", "auto") else self.service.language(value, name)

    def _targets(self, data: dict[str, Any]) -> list[str]:
        value = data.get("to") or []
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise ApiError(400, "Invalid request: to must be a list of language codes")
        codes = [str(code).strip() for code in items]
        return [self.service.language(code, "to") for code in codes if code]

    async def detect(self, request: Request) -> Response:
        service = self.service
        text = self._text(await service.checked(request))
        engine = service.engine
        return JSONResponse(await service.timed(engine.call(engine.detect, text, spans=True)))

    async def repair(self, request: Request) -> Response:
        service = self.service
        data = await service.checked(request)
        text, lang = self._text(data), self._lang(data, "lang")
        engine = service.engine
        return JSONResponse(await service.timed(engine.call(engine.repair, text, lang)))

    async def pipeline(self, request: Request) -> Response:
        return JSONResponse(await self._pipeline(request))

    async def summarize(self, request: Request) -> Response:
        data = await self._pipeline(request)
        return JSONResponse({key: data[key] for key in SUMMARY_KEYS})

    async def _pipeline(self, request: Request) -> dict[str, Any]:
        service = self.service
        data = await service.checked(request)
        text = self._text(data)
        sentences = data.get("sentences")
        if sentences is not None and (not str(sentences).isdigit() or int(sentences) < 1):
            raise ApiError(400, "Invalid request: sentences must be a whole number >= 1")
        engine = service.engine
        work = engine.call(
            engine.pipeline_run,
            text,
            self._targets(data),
            self._lang(data, "lang"),
            int(sentences) if sentences is not None else None,
        )
        return await service.timed(work)

    async def stats(self, request: Request) -> Response:
        """How the batcher has grouped translation requests since start (counts only)."""
        return JSONResponse(self.service.engine.batcher.stats())

    # -- schema and pages ---------------------------------------------------------------------

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(SCHEMA)

    async def docs(self, request: Request) -> Response:
        return HTMLResponse(docs_page())

    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html")
