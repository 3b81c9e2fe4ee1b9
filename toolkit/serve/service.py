"""What every route of one server shares: the engine, the limits and keys, and the request
plumbing (bounded body reading, JSON or form fields, key and rate checks, timeouts, field
validation). Every refusal is an `ApiError`, answered as ``{"error": "one line"}``."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

from starlette.requests import Request

from toolkit.config import Config
from toolkit.errors import ToolkitError
from toolkit.serve.engine import Engine
from toolkit.serve.keys import KeyStore
from toolkit.serve.limits import RateLimiter, retry_after

T = TypeVar("T")


class ApiError(Exception):
    """An error answered as ``{"error": message}`` with `status`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class Service:
    """One server's shared state: models (`engine`), limits, keys, rate windows, and the
    translated files waiting for their one download."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.limits = config.serve
        self.engine = Engine(config)
        self.keys = KeyStore(self.limits.keys_db) if self.limits.api_keys else None
        self.limiter = RateLimiter()
        self.downloads = tempfile.TemporaryDirectory(prefix="toolkit-serve-")
        self.files: dict[str, tuple[Path, str]] = {}  # token -> (translated file, its name)

    def close(self) -> None:
        """Release the models and delete files never downloaded (runs off the loop)."""
        self.engine.close()
        self.downloads.cleanup()

    # -- request bodies ---------------------------------------------------------------------

    async def body(self, request: Request, limit: int) -> bytes:
        """The raw body, refused with 413 as soon as it passes `limit` bytes."""
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

    async def fields(self, request: Request, limit: int | None = None) -> dict[str, Any]:
        """The request's fields from a JSON or form body (files as UploadFile)."""
        raw = await self.body(request, limit or self.limits.body_limit)
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
                form = await request.form(max_part_size=self.limits.upload_limit)
            except Exception:  # noqa: BLE001 - a malformed form is the client's error
                raise ApiError(400, "Invalid request: malformed form body") from None
            fields: dict[str, Any] = {}
            for name in form:
                values = form.getlist(name)
                fields[name] = values if len(values) > 1 else values[0]
            return fields
        if not raw:
            return {}
        raise ApiError(400, f"Invalid request: unsupported content type {kind or '(none)'}")

    async def checked(self, request: Request, limit: int | None = None) -> dict[str, Any]:
        """The request's fields, once its API key and rate limits allow it."""
        data = await self.fields(request, limit)
        self.guard(request, data)
        return data

    # -- keys, rate limits, timeouts --------------------------------------------------------

    def guard(self, request: Request, data: dict[str, Any]) -> None:
        """API key and rate limits, before any work."""
        address = request.client.host if request.client else "unknown"
        key_limit = self.limits.key_rate_limit
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        key = data.get("api_key") or bearer
        if self.keys is not None:
            found = self.keys.get(str(key)) if key else None
            if found is None:
                message = "Invalid API key" if key else "Please provide an API key (api_key)"
                raise ApiError(403, message)
            self._count(f"key:{found.key}", found.req_limit or key_limit, "for this API key")
        self._count(f"addr:{address}", self.limits.rate_limit, "from this address")

    def _count(self, identity: str, limit: int, whose: str) -> None:
        wait = self.limiter.check(identity, limit)
        if wait:
            raise ApiError(429, f"Too many requests {whose}", {"Retry-After": retry_after(wait)})

    async def timed(self, work: Awaitable[T]) -> T:
        """`work`, failed with 500 after the per-request timeout."""
        try:
            return await asyncio.wait_for(work, self.limits.timeout)
        except asyncio.TimeoutError:
            raise ApiError(500, f"Request timed out after {self.limits.timeout:g} s") from None

    # -- fields -------------------------------------------------------------------------------

    @staticmethod
    def required(data: dict[str, Any], name: str) -> Any:
        """The field `name`, or a 400 naming it."""
        value = data.get(name)
        if value is None or value == "" or value == []:
            raise ApiError(400, f"Invalid request: missing {name} parameter")
        return value

    @staticmethod
    def language(code: Any, name: str) -> str:
        """A language code checked and normalized by `toolkit.langs`."""
        from toolkit.langs import normalize

        if not isinstance(code, str):
            raise ApiError(400, f"Invalid request: {name} must be a language code")
        try:
            return normalize(code)
        except ToolkitError:
            raise ApiError(400, f"{code} is not supported") from None

    def within_chars(self, size: int, what: str = "request") -> None:
        """Refuse more than `serve.char_limit` characters."""
        if size > self.limits.char_limit:
            raise ApiError(
                400,
                f"Invalid request: {what} ({size}) exceeds character limit "
                f"({self.limits.char_limit})",
            )

    def reachable(self, src: str, tgt: str) -> None:
        """Refuse a pair no local model (or pivot) translates."""
        if src == tgt:
            return
        for entry in self.engine.languages():
            if entry["code"] == src:
                if tgt not in entry["targets"]:
                    raise ApiError(400, f"{tgt} is not supported for source {src}")
                return
        raise ApiError(400, f"{src} is not supported")

    async def detected(self, texts: list[str]) -> list[dict[str, Any]]:
        """LibreTranslate's `detectedLanguage` for each text (confidence 0-100)."""
        found = [await self.engine.call(self.engine.detect, t) for t in texts]
        return [
            {"language": d["language"], "confidence": round(d["confidence"] * 100, 1)}
            for d in found
        ]
