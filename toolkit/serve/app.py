"""The Starlette application: routes (`libre`, `v1`), error handlers, start and stop.

Every error is ``{"error": "one line"}`` with 400 (bad request), 403 (API key), 404, 405,
413 (too large), 429 (rate limit, with Retry-After) or 500; a traceback never reaches a
response (it is logged as one line on the server).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from toolkit.config import Config
from toolkit.errors import InputError, ToolkitError, UnsupportedLanguageError
from toolkit.serve.libre import LibreRoutes
from toolkit.serve.service import ApiError, Service
from toolkit.serve.v1 import STATIC, V1Routes

log = logging.getLogger("toolkit.serve")
_HTTP_MESSAGES = {404: "Not found", 405: "Method not allowed"}


def create_app(config: Config) -> Starlette:
    """The ASGI application for `config` (models load on first use, then stay loaded)."""
    service = Service(config)
    libre, v1 = LibreRoutes(service), V1Routes(service)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        # which pairs the local models reach: found once (a scan of the model folders),
        # before the first request, so no route does it on the event loop
        await loop.run_in_executor(None, service.engine.languages)
        try:
            yield
        finally:  # after uvicorn has let the running requests finish
            await loop.run_in_executor(None, service.close)

    routes = [
        Route("/", v1.index, methods=["GET"]),
        Route("/translate", libre.translate, methods=["POST"]),
        Route("/detect", libre.detect, methods=["POST"]),
        Route("/languages", libre.languages, methods=["GET", "POST"]),
        Route("/translate_file", libre.translate_file, methods=["POST"]),
        Route("/download_file/{filename}", libre.download_file, methods=["GET"]),
        Route("/frontend/settings", libre.frontend_settings, methods=["GET"]),
        Route("/health", libre.health, methods=["GET"]),
        Route("/v1/detect", v1.detect, methods=["POST"]),
        Route("/v1/repair", v1.repair, methods=["POST"]),
        Route("/v1/summarize", v1.summarize, methods=["POST"]),
        Route("/v1/pipeline", v1.pipeline, methods=["POST"]),
        Route("/v1/stats", v1.stats, methods=["GET"]),
        Route("/openapi.json", v1.openapi, methods=["GET"]),
        Route("/docs", v1.docs, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            ToolkitError: _toolkit_error,
            Exception: _internal_error,
        },
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse({"error": exc.message}, exc.status, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = _HTTP_MESSAGES.get(exc.status_code, str(exc.detail))
    return JSONResponse({"error": message}, exc.status_code, headers=exc.headers)


async def _toolkit_error(request: Request, exc: Exception) -> Response:
    """400 for the client's input (bad text, unknown language), 500 for the server's
    (a missing model, a broken engine)."""
    assert isinstance(exc, ToolkitError)
    status = 400 if isinstance(exc, (InputError, UnsupportedLanguageError)) else 500
    return JSONResponse({"error": exc.one_line()}, status)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
    return JSONResponse({"error": f"Internal error ({type(exc).__name__})"}, 500)
