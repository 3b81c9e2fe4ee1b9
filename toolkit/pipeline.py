"""The main job: an article in, a brief in every requested language out.

    read -> detect -> repair -> summarize (in the source language)
         -> a brief per target language -> fact checks (QA) -> `Result`

The brief in the source language is the summary itself. Other briefs are the summary
translated with `toolkit.translate.Translator` (one translator, so models loaded for
one article serve the next), or written directly in the target language by an instruct
LLM when `summarize.brief_engine = "llm"`. A language whose model is missing, or that
fails otherwise, does not stop the others: its `Brief` carries the error and the command
that fixes it (``toolkit models pull ...``), and `Result.partial` is true.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError, ToolkitError, UnsupportedLanguageError
from toolkit.qa import QAWarning, check_brief, check_translation
from toolkit.text import require_text

if TYPE_CHECKING:
    from toolkit.config import Config
    from toolkit.detect import Detection
    from toolkit.repair import Repaired
    from toolkit.summarize import Summary
    from toolkit.translate import Translation, Translator

SCHEMA_VERSION = 1


@dataclass
class Brief:
    """The summary in one language, how it was made, and what to check in it."""

    lang: str
    text: str = ""
    engine: str = ""  # "textrank", "seq2seq", "llm" (source language) or "translate:<engine>"
    models: list[str] = field(default_factory=list)
    warnings: list[QAWarning] = field(default_factory=list)
    error: str | None = None  # why there is no brief in this language
    hint: str | None = None  # what to do about it, e.g. "toolkit models pull ..."

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "ok": self.ok,
            "text": self.text,
            "engine": self.engine,
            "models": list(self.models),
            "warnings": [w.as_dict() for w in self.warnings],
            "error": self.error,
            "hint": self.hint,
        }


@dataclass
class Result:
    """Everything the pipeline found and produced for one article."""

    name: str
    lang: str
    detection: Detection | None  # None when the source language was given
    repair: Repaired
    summary: Summary
    briefs: list[Brief]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def partial(self) -> bool:
        """Some requested brief could not be produced."""
        return any(not b.ok for b in self.briefs)

    @property
    def missing(self) -> list[Brief]:
        return [b for b in self.briefs if not b.ok]

    def to_dict(self) -> dict[str, Any]:
        """The JSON output (documented field by field in README, "Summaries and briefs")."""
        detection = self.detection
        return {
            "schema": SCHEMA_VERSION,
            "source": self.name,
            "lang": self.lang,
            "detection": {
                "lang": detection.lang if detection else self.lang,
                "confidence": round(detection.confidence, 4) if detection else 1.0,
                "candidates": [[c, round(p, 4)] for c, p in detection.candidates]
                if detection
                else [],
                "given": detection is None,
            },
            "repair": {
                "edits": [
                    {
                        "rule": e.rule,
                        "start": e.start,
                        "end": e.end,
                        "before": e.before,
                        "after": e.after,
                    }
                    for e in self.repair.edits
                ],
                "flags": [
                    {
                        "rule": f.rule,
                        "start": f.start,
                        "end": f.end,
                        "text": f.text,
                        "reason": f.reason,
                    }
                    for f in self.repair.flags
                ],
            },
            "summary": {
                "method": self.summary.method,
                "text": self.summary.text,
                "sentences": list(self.summary.sentences),
                "spans": [[s.start, s.end] for s in self.summary.spans],
                "models": list(self.summary.models),
            },
            "briefs": [b.to_dict() for b in self.briefs],
            "partial": self.partial,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }


class Pipeline:
    """Run the whole job on articles, keeping loaded models between calls."""

    def __init__(self, config: Config | None = None, translator: Translator | None = None) -> None:
        """`translator`: share one already made (its models stay loaded), e.g. a server's."""
        from toolkit.config import Config, require_config

        self.config = require_config(config, "Pipeline()") or Config.load()
        self._translator: Translator | None = translator
        self._owns_translator = False  # close only a translator this pipeline made

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

        `lang` skips detection. `sentences`/`words` as in `toolkit.summarize.summarize`
        (default `summarize.sentences` from the config).
        """
        from toolkit.repair import repair
        from toolkit.summarize import summarize
        from toolkit.translate.langs import normalize

        if not require_text(text, "Pipeline.run()").strip():
            raise InputError(f"{name}: nothing to summarize (empty input)")
        from toolkit.langs import targets as target_codes

        targets = target_codes(to) if to else []  # "es", "es,fr" or ["es", "fr"]
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        total = clock

        detection = None
        if lang is None:
            from toolkit.detect import detect

            detection = detect(text, config=self.config)
            if detection.lang == "und":
                raise UnsupportedLanguageError(
                    f"{name}: could not detect the language",
                    hint="give the source language with --from xx",
                )
            lang = detection.lang
        lang = normalize(lang)
        clock = _tick(timings, "detect", clock)

        repaired = repair(text, lang, config=self.config)
        clock = _tick(timings, "repair", clock)

        n = sentences if sentences is not None else self.config.summarize.sentences
        summary = summarize(repaired.text, lang, sentences=n, words=words, config=self.config)
        if not summary.sentences:
            raise InputError(f"{name}: no sentences to summarize (only headlines or fragments)")
        clock = _tick(timings, "summarize", clock)

        briefs, pairs = [], []
        for target in targets or [lang]:
            brief, brief_pairs = self._brief(summary, lang, target)
            briefs.append(brief)
            pairs.append(brief_pairs)
            clock = _tick(timings, f"brief:{target}", clock)

        for brief, brief_pairs in zip(briefs, pairs, strict=True):
            if brief.ok:
                brief.warnings = self._check(repaired.text, brief, brief_pairs, lang)
        _tick(timings, "qa", clock)
        timings["total"] = time.perf_counter() - total
        return Result(name, lang, detection, repaired, summary, briefs, timings)

    @staticmethod
    def _check(
        source: str, brief: Brief, pairs: list[tuple[str, str]], src: str
    ) -> list[QAWarning]:
        """Fact checks: each summary sentence against its translation (numbers kept),
        and the brief against the source (nothing stated that the source does not say)."""
        warnings = [
            w for s, t in pairs for w in check_translation(s, t, src_lang=src, tgt_lang=brief.lang)
        ]
        warnings += check_brief(source, brief.text, src_lang=src, brief_lang=brief.lang)
        return _unique(warnings + brief.warnings)

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

    # -- one brief ------------------------------------------------------------------------

    def _brief(self, summary: Summary, src: str, tgt: str) -> tuple[Brief, list[tuple[str, str]]]:
        """The brief in `tgt` and its (summary sentence, brief sentence) pairs for QA."""
        if tgt == src:
            return Brief(tgt, summary.text, summary.method, list(summary.models)), []
        try:
            if self.config.summarize.brief_engine == "llm":
                return self._llm_brief(summary, src, tgt)
            return self._translated_brief(summary, src, tgt)
        except ToolkitError as exc:  # a missing model, a pair no model covers...
            return Brief(tgt, engine=self._brief_engine(), error=exc.message, hint=exc.hint), []

    def _brief_engine(self, translation: Translation | None = None) -> str:
        """The brief's engine label: the engines that actually ran, else the configured one."""
        if self.config.summarize.brief_engine == "llm":
            return "llm"
        if translation is not None and translation.engines:
            return "translate:" + "+".join(dict.fromkeys(translation.engines))
        return f"translate:{self.config.translate.engine}"

    def _translated_brief(
        self, summary: Summary, src: str, tgt: str
    ) -> tuple[Brief, list[tuple[str, str]]]:
        if self._translator is None:
            from toolkit.translate import Translator

            self._translator = Translator(self.config)
            self._owns_translator = True
        translation: Translation = self._translator.translate(summary.text, to=tgt, src=src)
        engine_warnings = [QAWarning("translation", "", m) for m in translation.warnings]
        brief = Brief(
            tgt,
            translation.text,
            self._brief_engine(translation),
            list(translation.models),
            engine_warnings,
        )
        return brief, [(seg.source, seg.target) for seg in translation.segments]

    def _llm_brief(
        self, summary: Summary, src: str, tgt: str
    ) -> tuple[Brief, list[tuple[str, str]]]:
        from toolkit.summarize.abstractive import LLMSummarizer

        written = LLMSummarizer(self.config).brief(summary.text, src, tgt)
        return Brief(tgt, written.text, "llm", list(written.models)), [(summary.text, written.text)]


def _tick(timings: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    timings[stage] = now - since
    return now


def _unique(warnings: list[QAWarning]) -> list[QAWarning]:
    """Warnings without repeats of the same kind and value (both checks may see one)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for warning in warnings:
        key = (warning.kind, warning.value)
        if key not in seen or not warning.value:
            seen.add(key)
            out.append(warning)
    return out
