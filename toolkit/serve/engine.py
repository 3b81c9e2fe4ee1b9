"""The models one server process shares, and the calls the routes make on them.

Everything here is the public library API run in a thread pool: detection, repair,
translation (through the `Batcher`), summaries and briefs (`Pipeline`, which shares the
server's `Translator`, so each model is loaded once per process).
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from functools import partial
from typing import Any

from toolkit.config import Config
from toolkit.serve.batching import Batcher


class Engine:
    """Loaded models, the worker threads and the translation batcher of one server."""

    def __init__(self, config: Config) -> None:
        from toolkit.pipeline import Pipeline
        from toolkit.translate import Translator

        self.config = config
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="toolkit-serve")
        self.translator = Translator(config)
        self.pipeline = Pipeline(config, translator=self.translator)
        self._pipeline_lock = threading.Lock()  # a Pipeline loads its models lazily
        self.batcher = Batcher(
            self._translate_batch,
            self.executor,
            max_wait=config.serve.batch_wait_ms / 1000,
            max_texts=config.serve.batch_limit,
            enabled=config.serve.batching,
            gathers=self.translator.batch_speedup,
        )
        self._languages: list[dict[str, Any]] | None = None

    async def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run `fn` in the worker threads, off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, partial(fn, *args, **kwargs))

    def close(self) -> None:
        """Stop the worker threads (after the running calls) and release the models."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.pipeline.close()  # closes only what it loaded itself, not the shared translator
        self.translator.close()

    # -- translation ----------------------------------------------------------------------

    def _translate_batch(self, texts: list[str], src: str, tgt: str) -> list[str]:
        return [t.text for t in self.translator.translate(texts, to=tgt, src=src)]

    async def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate plain texts src -> tgt, batched with other requests for the pair."""
        if src == tgt:
            return list(texts)
        return await self.batcher.submit(texts, src, tgt)

    async def translate_html(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate HTML fragments: only text nodes change, markup stays byte for byte."""
        from toolkit.formats import parse

        docs = await self.call(lambda: [parse("request.html", text) for text in texts])
        units = [unit for doc in docs for unit in doc.units]
        done = await self.translate(units, src, tgt) if units else []
        pieces, pos = [], 0
        for doc in docs:
            pieces.append(done[pos : pos + len(doc.units)])
            pos += len(doc.units)
        return await self.call(
            lambda: [doc.render(piece, tgt) for doc, piece in zip(docs, pieces, strict=True)]
        )

    async def alternatives(self, text: str, src: str, tgt: str, n: int, best: str) -> list[str]:
        """Up to `n` other translations of `text` than `best` (n-best decoding, not batched
        with other requests: asked for rarely); [] from an engine that gives only one."""
        if src == tgt or n < 1:
            return []
        found = await self.call(self.translator.hypotheses, text, tgt, src, n + 1)
        return [other for other in found if other != best][:n]

    def languages(self) -> list[dict[str, Any]]:
        """LibreTranslate's /languages: every language the local models can translate from,
        with its name and the targets it reaches (computed once: models do not appear at
        run time)."""
        if self._languages is None:
            import langcodes

            from toolkit.translate.registry import local_pairs

            reach = local_pairs(self.config.translate)
            codes = sorted(set(reach) | {t for tgts in reach.values() for t in tgts})
            self._languages = [
                {
                    "code": code,
                    "name": langcodes.Language.get(code).display_name(),
                    "targets": sorted(reach.get(code, set()) | {code}),
                }
                for code in codes
            ]
        return self._languages

    # -- the toolkit's own calls ----------------------------------------------------------

    def detect(self, text: str, spans: bool = False) -> dict[str, Any]:
        """The language of `text`, its runners-up and (with `spans`) each paragraph's."""
        from toolkit.detect import detect, detect_spans

        found = detect(text, config=self.config)
        result: dict[str, Any] = {
            "language": found.lang,
            "confidence": round(found.confidence, 4),
            "candidates": [{"language": c, "confidence": round(p, 4)} for c, p in found.candidates],
        }
        if spans:
            result["spans"] = [asdict(s) for s in detect_spans(text, config=self.config)]
        return result

    def repair(self, text: str, lang: str | None) -> dict[str, Any]:
        """The repaired text with every edit and flag (offsets into the input)."""
        from toolkit.detect import detect
        from toolkit.repair import repair

        lang = lang or detect(text, config=self.config).lang
        repaired = repair(text, lang, config=self.config)
        return {
            "language": lang,
            "text": repaired.text,
            "edits": _explained([asdict(e) for e in repaired.edits]),
            "flags": [asdict(f) for f in repaired.flags],
        }

    def pipeline_run(
        self, text: str, to: list[str], lang: str | None, sentences: int | None
    ) -> dict[str, Any]:
        """The whole job (detect, repair, summarize, briefs, fact checks) as JSON data."""
        with self._pipeline_lock:
            result = self.pipeline.run(
                text, to=to, lang=lang, sentences=sentences, name="<request>"
            )
        data = result.to_dict()
        data["repair"]["text"] = result.repair.text
        _explained(data["repair"]["edits"])
        return data


def _explained(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each edit with `why`: what its rule does (the rule's first docstring line)."""
    from toolkit.repair.report import rule_summary

    for edit in edits:
        edit["why"] = rule_summary(edit["rule"])
    return edits
