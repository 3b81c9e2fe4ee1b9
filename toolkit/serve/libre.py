"""The LibreTranslate-compatible routes: /translate, /detect, /languages, /translate_file,
/download_file, /frontend/settings, /health.

Request fields, response shapes and error messages follow LibreTranslate's app.py, so its
clients and CMS plugins work unchanged against `toolkit serve`.
"""

from __future__ import annotations

import secrets
from pathlib import Path, PurePath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from toolkit import __version__
from toolkit.serve.service import ApiError, Service

#: formats /translate_file takes: the toolkit's readers, less the field-based JSON ones
UNSUPPORTED_FILES = (".json", ".jsonl")


class LibreRoutes:
    """The LibreTranslate endpoints of one `Service` (methods are Starlette endpoints)."""

    def __init__(self, service: Service) -> None:
        self.service = service

    # -- /translate ---------------------------------------------------------------------------

    async def translate(self, request: Request) -> Response:
        service = self.service
        data = await service.checked(request)
        texts, batch = self._texts(service.required(data, "q"))
        source = service.required(data, "source")
        tgt = service.language(service.required(data, "target"), "target")
        fmt = data.get("format") or "text"
        if fmt not in ("text", "html"):
            raise ApiError(400, f"{fmt} format is not supported")
        wanted = self._alternatives(data.get("alternatives"))
        detections = None
        if source == "auto":
            detections = await service.detected(texts)
            srcs = [d["language"] for d in detections]
            if "und" in srcs:
                raise ApiError(400, "Could not detect the source language")
        else:
            srcs = [service.language(source, "source")] * len(texts)
        for src in set(srcs):
            service.reachable(src, tgt)
        out = await self._translated(texts, srcs, tgt, fmt)
        answer: dict[str, Any] = {"translatedText": out if batch else out[0]}
        if detections is not None:
            answer["detectedLanguage"] = detections if batch else detections[0]
        if wanted:
            others: list[Any] = [[] for _ in out]  # LibreTranslate: none for html either
            if fmt == "text":
                others = [
                    await service.timed(service.engine.alternatives(t, src, tgt, wanted, best))
                    for t, src, best in zip(texts, srcs, out, strict=True)
                ]
            answer["alternatives"] = others if batch else others[0]
        return JSONResponse(answer)

    def _texts(self, value: Any) -> tuple[list[str], bool]:
        """`q` as a list of texts, and whether it was a list (a batch)."""
        limits = self.service.limits
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
        self.service.within_chars(sum(len(t) for t in texts))
        return texts, batch

    def _alternatives(self, value: Any) -> int:
        """How many alternatives were asked for (LibreTranslate: 0 to its limit)."""
        if value in (None, ""):
            return 0
        limit = self.service.limits.alternatives_limit
        try:
            count = int(value)
        except (TypeError, ValueError):
            raise ApiError(400, "Invalid request: alternatives must be a whole number") from None
        if count < 0 or count > limit:
            raise ApiError(400, f"Invalid request: alternatives ({count}) must be <= {limit}")
        return count

    async def _translated(self, texts: list[str], srcs: list[str], tgt: str, fmt: str) -> list[str]:
        """Each text translated, one model call per source language (batched with others)."""
        engine = self.service.engine
        run = engine.translate_html if fmt == "html" else engine.translate
        out = [""] * len(texts)
        for src in dict.fromkeys(srcs):
            picked = [i for i, s in enumerate(srcs) if s == src]
            done = await self.service.timed(run([texts[i] for i in picked], src, tgt))
            for i, text in zip(picked, done, strict=True):
                out[i] = text
        return out

    # -- /detect, /languages --------------------------------------------------------------

    async def detect(self, request: Request) -> Response:
        data = await self.service.checked(request)
        texts, _ = self._texts(self.service.required(data, "q"))
        found = await self.service.detected(["\n".join(texts)])
        return JSONResponse([d for d in found if d["language"] != "und"])

    async def languages(self, request: Request) -> Response:
        engine = self.service.engine
        return JSONResponse(await engine.call(engine.languages))

    # -- files ------------------------------------------------------------------------------

    async def translate_file(self, request: Request) -> Response:
        from toolkit.files import decode_bytes
        from toolkit.formats import parse

        service = self.service
        data = await service.checked(request, service.limits.upload_limit + 64_000)
        name, raw = await self._upload(data.get("file"))
        source = service.required(data, "source")
        tgt = service.language(service.required(data, "target"), "target")
        text = (await service.engine.call(decode_bytes, raw, name)).text  # off the loop
        service.within_chars(len(text), "file")
        if source == "auto":
            src = (await service.detected([text]))[0]["language"]
        else:
            src = service.language(source, "source")
        service.reachable(src, tgt)
        doc = await service.engine.call(parse, name, text)
        done = []
        if doc.units:
            done = await service.timed(service.engine.translate(doc.units, src, tgt))
        token = secrets.token_urlsafe(16)
        suffix = PurePath(name).suffix.lower()
        path = Path(service.downloads.name) / f"{token}{suffix}"
        path.write_text(doc.render(done, tgt), encoding="utf-8")
        service.files[token] = (path, f"{PurePath(name).stem}.{tgt}{suffix}")
        url = str(request.url_for("download_file", filename=f"{token}{suffix}"))
        return JSONResponse({"translatedFileUrl": url})

    async def _upload(self, upload: Any) -> tuple[str, bytes]:
        """The uploaded file's bare name (never a path of the client's) and bytes; the
        spooled upload is deleted before this returns."""
        from toolkit.formats import FORMATS

        if not isinstance(upload, UploadFile):
            raise ApiError(400, "Invalid request: missing file parameter")
        try:
            name = PurePath(upload.filename or "file.txt").name
            suffix = PurePath(name).suffix.lower()
            if suffix not in FORMATS or suffix in UNSUPPORTED_FILES:
                raise ApiError(400, f"{suffix or 'this'} format is not supported")
            raw = await upload.read()
        finally:
            await upload.close()
        limit = self.service.limits.upload_limit
        if len(raw) > limit:
            raise ApiError(413, f"File too large (limit {limit} bytes)")
        return name, raw

    async def download_file(self, request: Request) -> Response:
        filename = request.path_params["filename"]
        entry = self.service.files.pop(PurePath(filename).stem, None)  # one download each
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

    # -- settings, health ---------------------------------------------------------------------

    async def frontend_settings(self, request: Request) -> Response:
        from toolkit.formats import FORMATS

        limits = self.service.limits
        return JSONResponse(
            {
                "charLimit": limits.char_limit,
                "frontendTimeout": int(limits.timeout * 1000),
                "apiKeys": limits.api_keys,
                "keyRequired": limits.api_keys,
                "suggestions": False,
                "filesTranslation": True,
                "supportedFilesFormat": sorted(set(FORMATS) - set(UNSUPPORTED_FILES)),
                "language": {
                    "source": {"code": "auto", "name": "Auto Detect"},
                    "target": {"code": "en", "name": "English"},
                },
            }
        )

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})
