"""`Pipeline`: an article in, a brief in every requested language out.

    read -> detect -> repair -> summarize (in the source language)
         -> a brief per target language -> fact checks (QA) -> `Result`

Briefs are written and checked by `toolkit.pipeline.briefs.BriefWriter` (the same one a
folder run uses), with one `toolkit.translate.Translator`, so models loaded for one
article serve the next. A language whose model is missing, or that fails otherwise,
does not stop the others: its `Brief` carries the error and the command that fixes it
(``toolkit models pull ...``), and `Result.partial` is true.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError, ToolkitError, UnsupportedLanguageError
from toolkit.pipeline.briefs import BriefWriter, Summarized
from toolkit.pipeline.result import Result
from toolkit.text import require_text

if TYPE_CHECKING:
    from toolkit.config import Config
    from toolkit.detect import Detection
    from toolkit.translate import Translator


class Pipeline:
    """Run the whole job on articles, keeping loaded models between calls."""

    def __init__(self, config: Config | None = None, translator: Translator | None = None) -> None:
        """`translator`: share one already made (its models stay loaded), e.g. a server's."""
        from toolkit.config import Config, require_config

        self.config = require_config(config, "Pipeline()") or Config.load()
        self._translator: Translator | None = translator
        self._owns_translator = False  # close only a translator this pipeline made
        self.briefs = BriefWriter(self.config, self._translate)

    def run(
        self,
        text: str,
        to: str | list[str] | None = None,
        sentences: int | None = None,
        words: int | None = None,
        *,
        lang: str | None = None,
        name: str = "<text>",
    ) -> Result:
        """Summarize `text` and brief it in each language of `to` (default: its own).

        `lang` skips detection (None or "auto": detect). A region or script in `to`
        (``es-MX``) is written in its base language (``es``) with a "variant" warning.
        `sentences`/`words` as in `toolkit.summarize.summarize` (default
        `summarize.sentences` from the config).
        """
        from toolkit.langs import Target, normalize, parse_targets, source_language
        from toolkit.repair import repair
        from toolkit.summarize import summarize

        if not require_text(text, "Pipeline.run()").strip():
            raise InputError(f"{name}: nothing to summarize (empty input)")
        targets = parse_targets(to) if to else []  # "es", "es,fr" or ["es", "fr"]
        lang = source_language(lang)  # None or "auto": detect it
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        total = clock

        detection = None
        if lang is None:
            detection = self._detect(text, name)
            lang = normalize(detection.lang)
        clock = _tick(timings, "detect", clock)

        repaired = repair(text, lang, config=self.config)
        clock = _tick(timings, "repair", clock)

        summary = summarize(
            repaired.text, lang, sentences=sentences, words=words, config=self.config
        )
        if not summary.sentences:
            raise InputError(f"{name}: no sentences to summarize (only headlines or fragments)")
        clock = _tick(timings, "summarize", clock)

        piece = Summarized(repaired.text, lang, summary)
        briefs = []
        for target in targets or [Target(lang, lang)]:
            briefs += self.briefs.write([piece], target)
            clock = _tick(timings, f"brief:{target.code}", clock)
        for brief in briefs:
            self.briefs.check(piece, brief)
        _tick(timings, "qa", clock)
        timings["total"] = time.perf_counter() - total
        return Result(name, lang, detection, repaired, summary, briefs, timings)

    def close(self) -> None:
        """Release the models this pipeline loaded (a translator it was given stays open:
        its owner, e.g. a server sharing it, closes it)."""
        if self._translator is not None and self._owns_translator:
            self._translator.close()
        self._translator = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _detect(self, text: str, name: str) -> Detection:
        """The source language, detected; `UnsupportedLanguageError` if it cannot be."""
        from toolkit.detect import detect

        detection = detect(text, config=self.config)
        if detection.lang == "und":
            raise UnsupportedLanguageError(
                f"{name}: could not detect the language",
                hint="give the source language with --from xx",
            )
        return detection

    @property
    def translator(self) -> Translator | None:
        """The `Translator` the briefs use (None until a brief needs one)."""
        return self._translator

    def _translate(self, texts: list[str], tgt: str, src: str) -> list[Any]:
        """The briefs' translations, one per text; a `ToolkitError` for each on failure."""
        if self._translator is None:
            from toolkit.translate import Translator

            self._translator = Translator(self.config)
            self._owns_translator = True
        try:
            return self._translator.translate(texts, to=tgt, src=src)
        except ToolkitError as exc:  # a missing model, a pair no model covers...
            return [exc] * len(texts)


def _tick(timings: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    timings[stage] = now - since
    return now
