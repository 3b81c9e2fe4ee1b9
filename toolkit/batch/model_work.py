"""The model work of a folder run: translation calls batched across files.

Strings of all files of a chunk that share a language pair go to the translator in one
call, so the engine batches sentences across files instead of file by file. A missing
model or language fails that pair once for the whole run (no retry storm); any other
failure is retried file by file, so one bad file cannot fail its neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.batch.jobs import Loaded
from toolkit.batch.report import BatchReport
from toolkit.config import Config
from toolkit.errors import ModelUnavailableError, ToolkitError, UnsupportedLanguageError
from toolkit.text import sentences


@dataclass
class Request:
    """Strings of one file to translate, each with its source language (None: unknown)."""

    item: Loaded
    texts: list[str]
    langs: list[str | None]


@dataclass
class Translated:
    """A request's strings in the target language and what produced them.

    `pairs[i]` holds the (source sentence, translated sentence) pairs of string i, for
    fact checks; it is empty for a string that was copied (already in the language).
    """

    texts: list[str]
    models: list[str]
    warnings: list[str]
    pairs: list[list[tuple[str, str]]]


class ModelWork:
    """Calls the translator for a run; counts model calls and sentences in its report."""

    def __init__(
        self, config: Config, report: BatchReport, translator: Any = None, model: str | None = None
    ) -> None:
        """`translator`: anything with ``translate(list, to=, src=) -> list``; default a
        `toolkit.translate.Translator(config)`, made on first use and closed by `close`."""
        self.config = config
        self.report = report
        self.model = model
        self._translator: Any = translator
        self._owns_translator = translator is None
        self._broken_pairs: dict[tuple[str | None, str], ToolkitError] = {}

    def translate(self, requests: list[Request], tgt: str) -> list[Translated | None]:
        """Translate each request's strings (with their source languages) into `tgt`.

        Returns one `Translated` per request, or None where it failed (the reason is in
        ``request.item.failed[tgt]``). Strings of all requests that share a source
        language go to the translator in one call (`translate_texts`; after a failure
        other than a missing model or language, each request is retried alone, so a
        single bad file cannot fail its neighbours). Strings already in `tgt` are copied.
        """
        results = [Translated(list(r.texts), [], [], [[] for _ in r.texts]) for r in requests]
        groups: dict[str | None, list[tuple[int, int]]] = {}
        for r, request in enumerate(requests):
            for u, lang in enumerate(request.langs):
                if lang != tgt:
                    groups.setdefault(lang, []).append((r, u))
        for src, refs in groups.items():
            texts = [requests[r].texts[u] for r, u in refs]
            found = self.translate_texts(texts, tgt, src, owners=[r for r, _u in refs])
            for (r, u), translation in zip(refs, found, strict=True):
                if isinstance(translation, ToolkitError):
                    requests[r].item.failed[tgt] = translation.one_line()
                else:
                    _assign(results[r], u, translation)
        return [
            None if request.item.failed.get(tgt) else result
            for request, result in zip(requests, results, strict=True)
        ]

    def translate_texts(
        self, texts: list[str], tgt: str, src: str | None, owners: list[int] | None = None
    ) -> list[Any]:
        """Per text, its translation into `tgt`, or the `ToolkitError` it met.

        One translator call for all `texts`. A missing model or language fails the pair
        for the rest of the run (no retry storm); another failure retries the texts of
        each owner (a file; default: each text) alone, so one bad file fails by itself.
        """
        broken = self._broken_pairs.get((src, tgt))
        if broken is not None:
            return [broken] * len(texts)
        try:
            return list(self._call(texts, tgt, src))
        except (ModelUnavailableError, UnsupportedLanguageError) as exc:
            self._broken_pairs[(src, tgt)] = ToolkitError(exc.one_line())
            return [self._broken_pairs[(src, tgt)]] * len(texts)
        except Exception:  # noqa: BLE001 - isolate the failing file, below
            pass
        by_owner: dict[int, list[int]] = {}
        for i, owner in enumerate(owners if owners is not None else range(len(texts))):
            by_owner.setdefault(owner, []).append(i)
        results: list[Any] = [None] * len(texts)
        for indices in by_owner.values():
            try:
                found = list(self._call([texts[i] for i in indices], tgt, src))
            except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not fatal
                reason = exc.one_line() if isinstance(exc, ToolkitError) else repr(exc)
                found = [ToolkitError(f"translation failed: {reason}")] * len(indices)
            for i, result in zip(indices, found, strict=True):
                results[i] = result
        return results

    def _call(self, texts: list[str], tgt: str, src: str | None) -> list[Any]:
        """One translator call (list in, list out); counts model calls and sentences."""
        if self._translator is None:
            from toolkit.translate import Translator

            self._translator = Translator(self.config)  # only now: a no-op rerun loads nothing
        options = {"model": self.model} if self.model else {}
        result = self._translator.translate(texts, to=tgt, src=src, **options)
        self.report.model_calls += 1
        self.report.sentences += sum(len(sentences(text)) or 1 for text in texts)
        return result

    def close(self) -> None:
        """Release the translator this run created."""
        if self._owns_translator and self._translator is not None:
            self._translator.close()
            self._translator = None


def _assign(result: Translated, unit: int, translation: Any) -> None:
    result.texts[unit] = translation.text
    result.models.extend(m for m in translation.models if m not in result.models)
    result.warnings.extend(translation.warnings)
    result.pairs[unit] = [(s.source, s.target) for s in getattr(translation, "segments", [])]
