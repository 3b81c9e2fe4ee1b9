"""The HTTP service behind `toolkit serve`: a LibreTranslate-compatible API, the toolkit's
own `/v1` API and a web page for editors.

A thin shell over the public Python API (`toolkit.detect`, `toolkit.repair`,
`toolkit.translate.Translator`, `toolkit.pipeline.Pipeline`): models are loaded once per
process (`engine.Engine`), concurrent translation requests for one language pair are
coalesced into one model call (`batching.Batcher`), and model work runs in a thread pool,
never on the event loop. The routes are in `libre` (LibreTranslate) and `v1` (the
toolkit's own, the pages), the state and request plumbing they share in `service`, rate
windows in `limits`, API keys in `keys`, the wiring in `app`. Starlette and uvicorn are
imported only in this package, so `import toolkit` and `toolkit --help` stay cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.config import Config


def run(config: Config) -> None:
    """Serve on `config.serve.host`:`config.serve.port` in the foreground until Ctrl-C."""
    import uvicorn

    from toolkit.serve.app import create_app

    uvicorn.run(
        create_app(config),
        host=config.serve.host,
        port=config.serve.port,
        log_level="warning",
        timeout_graceful_shutdown=int(config.serve.timeout) + 1,
        server_header=False,
    )
