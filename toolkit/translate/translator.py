"""The `Translator`: documents in, translated documents out, layout kept.

Flow for a call: find each document's sentences (`segment.units`), detect the source
language when not given, pick a route per language pair (`registry.routes`, first route
whose models are all on disk), then for each leg of the route: look sentences up in the
translation memory, split over-long ones at clause boundaries, batch the rest by token
budget, translate with the engine's `Backend`, and store the results. The translated
sentences are put back between the untouched layout, and checked for drops and loops.

Sentences of all documents in one call that share a source language are batched
together, so translating a list of short texts costs about as much as one long text.
A `Translator` keeps its loaded models for reuse. Threads may share one (and the default
one behind `translate()`): a lock makes their calls take turns.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from toolkit.config import Config, require_config
from toolkit.errors import ModelUnavailableError, ToolkitError, UnsupportedLanguageError
from toolkit.glossary import TermUse, annotate, enforce, from_config
from toolkit.langs import Target, normalize, source_language, target
from toolkit.text import require_text
from toolkit.translate import registry
from toolkit.translate.backends import backend_class
from toolkit.translate.backends.base import Backend, LocalModel
from toolkit.translate.bergamot_files import model_files
from toolkit.translate.memory import TranslationMemory, default_path
from toolkit.translate.models import find_local, locate, unavailable, validate_ref
from toolkit.translate.results import LegRun, SourceDoc, Translation, assemble, unchanged
from toolkit.translate.segment import join_pieces, plan_batches, split_long, units


@dataclass
class TranslatorStats:
    """Counters over a `Translator`'s life."""

    model_loads: int = 0
    sentences_translated: int = 0  # sent to a model (after memory and de-duplication)
    batches: int = 0
    pieces_translated: int = 0  # sentence pieces out of the model so far (live progress)
    memory_hits: int = 0
    memory_misses: int = 0


class Translator:
    """Translate texts with local models, reusing loaded models across calls."""

    def __init__(self, config: Config | None = None) -> None:
        config = require_config(config, "Translator()")
        self.config = config if config is not None else Config.load()
        self._engine = backend_class(self.config.translate.engine)  # fail early on a typo
        self.stats = TranslatorStats()
        self._backends: dict[tuple[str, str], Backend] = {}
        self._local: dict[str, LocalModel | None] = {}
        self._memory: TranslationMemory | None = None
        self._glossary = from_config(self.config)  # fail early on a bad glossary file
        # One call at a time: loading a model twice at once breaks transformers, and the
        # model already uses every core it is given.
        self._lock = threading.RLock()

    @overload
    def translate(  # type: ignore[overload-overlap]  # a str is a Sequence[str] too
        self,
        text_or_list: str,
        to: str | Target,
        src: str | None = None,
        model: str | None = None,
    ) -> Translation: ...

    @overload
    def translate(
        self,
        text_or_list: Sequence[str],
        to: str | Target,
        src: str | None = None,
        model: str | None = None,
    ) -> list[Translation]: ...

    def translate(
        self,
        text_or_list: str | Sequence[str],
        to: str | Target,
        src: str | None = None,
        model: str | None = None,
    ) -> Translation | list[Translation]:
        """Translate a text, or a list of texts (one result each, same order), into `to`.

        `src` None (or "auto") means detect each text's language. `model` (hub id or
        local directory) overrides the registry for this call. Language codes follow
        `toolkit.langs`: a region or script (pt-BR, zh-Hant) is translated into the base
        language, with a warning (`to` may be a `toolkit.langs.Target`, as parsed once by a
        caller). Threads may share a `Translator`: calls take turns.
        """
        with self._lock:
            return self._translate(text_or_list, to, src, model)

    def _translate(
        self,
        text_or_list: str | Sequence[str],
        to: str | Target,
        src: str | None,
        model: str | None,
    ) -> Translation | list[Translation]:
        single = isinstance(text_or_list, str)
        texts: list[str]
        if isinstance(text_or_list, str):
            texts = [text_or_list]
        elif isinstance(text_or_list, Iterable) and not isinstance(
            text_or_list, (bytes, bytearray, Mapping)
        ):
            texts = [require_text(t, f"translate() item {i}") for i, t in enumerate(text_or_list)]
        else:
            require_text(text_or_list, "translate()", "text (str) or a list of texts")  # raises
        asked = target(to)
        tgt = asked.code
        given = source_language(src)
        if model:
            validate_ref(model)
        docs = [SourceDoc(text, units(text)) for text in texts]
        for doc in docs:
            if doc.spans:
                doc.src = given or self._detect(doc.text)
            elif given:
                doc.src = given
        results: list[Translation | None] = [None] * len(docs)
        groups: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            if doc.spans and doc.src != tgt:
                groups.setdefault(doc.src, []).append(i)
            else:
                results[i] = unchanged(doc, tgt)
        for source_lang, indices in groups.items():
            group = [docs[i] for i in indices]
            translated = self._translate_group(group, source_lang, tgt, model)
            for i, result in zip(indices, translated, strict=True):
                results[i] = result
        done = [r for r in results if r is not None]
        dropped = asked.variant_warning()
        if dropped:
            for result in done:
                result.warnings.append(dropped)
        return done[0] if single else done

    def batch_speedup(self, src: str, tgt: str) -> bool:
        """Whether translating many sentences of `src` -> `tgt` in one call is faster than
        one call each, for some leg of the pair's route (loading its models): what a caller
        that collects requests into batches, such as the server, needs to know before it
        waits for more. A pair with no route on disk answers True (the default)."""
        try:
            route = self._route(src, tgt, None)
            return any(self._backend(leg.model).batch_speedup for leg in route.legs)
        except ToolkitError:
            return True

    def hypotheses(self, text: str, to: str, src: str, n: int) -> list[str]:
        """Up to `n` distinct translations of `text` from `src`, best first (n-best
        decoding, for LibreTranslate's `alternatives`; see `toolkit.translate.alternatives`).
        [] when the engine gives only one (Firefox Translations)."""
        from toolkit.translate.alternatives import hypotheses

        with self._lock:
            return hypotheses(
                self, require_text(text, "hypotheses()"), normalize(src), normalize(to), n
            )

    def close(self) -> None:
        """Release the loaded models and the translation memory."""
        with self._lock:
            for backend in self._backends.values():
                closing = getattr(backend, "close", None)
                if closing is not None:
                    closing()
            self._backends.clear()
            if self._memory is not None:
                self._memory.close()
                self._memory = None

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one language pair ------------------------------------------------------------

    def _translate_group(
        self, docs: list[SourceDoc], src: str, tgt: str, model: str | None
    ) -> list[Translation]:
        route = self._route(src, tgt, model)
        sources = [span.text for doc in docs for span in doc.spans]
        current, pivot, memory, backends = self._run_route(route, sources)
        cached = [all(flags) for flags in zip(*memory, strict=True)]
        rules = self._glossary.rules(src, tgt) if self._glossary else None
        uses: dict[int, list[TermUse]] = {}  # by sentence index
        if rules and self.config.glossary.enforce:
            current, found = enforce(
                sources, current, rules, lambda s: self._run_route(route, s)[0]
            )
            for use in found:
                uses.setdefault(use.segment, []).append(use)
        results = []
        offset = 0
        for doc in docs:
            count = len(doc.spans)
            piece = slice(offset, offset + count)
            result = assemble(
                doc,
                tgt,
                route.models,
                current[piece],
                pivot[piece] if pivot else None,
                cached[piece],
            )
            hits = [sum(flags[piece]) for flags in memory]  # per leg, this document's
            result.legs = [
                LegRun(leg.src, leg.tgt, leg.model, b.engine, b.device, b.compute_type, n)
                for leg, b, n in zip(route.legs, backends, hits, strict=True)
            ]
            if rules:
                mine = [u for i in range(offset, piece.stop) for u in uses.get(i, ())]
                annotate(result, rules, mine, offset)
            offset += count
            results.append(result)
        return results

    def _run_route(
        self, route: registry.Route, sources: list[str]
    ) -> tuple[list[str], list[str] | None, list[list[bool]], list[Backend]]:
        """`sources` through every leg of `route`: the targets, the pivot texts (for a
        two-leg route), per leg whether each sentence came from memory, and each leg's
        backend (its engine, device and type describe what ran, not the config)."""
        current = sources
        pivot: list[str] | None = None
        memory: list[list[bool]] = []
        backends = []
        for number, leg in enumerate(route.legs):
            backend = self._backend(leg.model)
            backends.append(backend)
            current, from_memory = self._run_leg(backend, leg, current)
            memory.append(from_memory)
            if number == 0 and len(route.legs) > 1:
                pivot = current
        return current, pivot, memory, backends

    def _run_leg(
        self, backend: Backend, leg: registry.Leg, sentences: list[str]
    ) -> tuple[list[str], list[bool]]:
        """Translate sentences with one model, through the translation memory."""
        unique = list(dict.fromkeys(sentences))
        memory = self._open_memory()
        found: dict[str, str] = {}
        if memory is not None:
            found = memory.lookup(backend.cache_key, leg.src, leg.tgt, unique)
            self.stats.memory_hits = memory.hits
            self.stats.memory_misses = memory.misses
        todo = [s for s in unique if s not in found]
        translated = dict(zip(todo, self._run_model(backend, todo, leg.src, leg.tgt), strict=True))
        if memory is not None:
            memory.store(
                backend.cache_key, leg.src, leg.tgt, [(s, t) for s, t in translated.items() if t]
            )
        table = {**found, **translated}
        return [table[s] for s in sentences], [s in found for s in sentences]

    def _run_model(self, backend: Backend, sentences: list[str], src: str, tgt: str) -> list[str]:
        """Split over-long sentences, batch by token budget, translate, rejoin."""
        if not sentences:
            return []
        pieces: list[str] = []
        owners: list[int] = []
        limit = backend.max_input_tokens
        sizes = backend.count_tokens(sentences)
        for index, (sentence, size) in enumerate(zip(sentences, sizes, strict=True)):
            parts = [sentence]
            if size > limit:
                parts = split_long(sentence, backend.count_tokens, limit)
            pieces.extend(parts)
            owners.extend([index] * len(parts))
        outputs = [""] * len(pieces)
        # nothing over the limit: the pieces are the sentences, already counted
        lengths = sizes if max(sizes) <= limit else backend.count_tokens(pieces)
        for batch in plan_batches(lengths, self.config.translate.batch_tokens):
            results = backend.translate_batch([pieces[i] for i in batch], src=src, tgt=tgt)
            if len(results) != len(batch):
                raise ToolkitError(
                    f"engine {backend.engine!r} returned {len(results)} translations "
                    f"for {len(batch)} sentences"
                )
            for i, result in zip(batch, results, strict=True):
                outputs[i] = result
            self.stats.batches += 1
            self.stats.pieces_translated += len(batch)
        self.stats.sentences_translated += len(sentences)
        grouped: list[list[str]] = [[] for _ in sentences]
        for owner, output in zip(owners, outputs, strict=True):
            grouped[owner].append(output)
        return [join_pieces(parts, tgt) for parts in grouped]

    # -- models -----------------------------------------------------------------------

    def _route(self, src: str, tgt: str, model: str | None) -> registry.Route:
        """The first candidate route whose models are all on disk."""
        settings = self.config.translate
        candidates = registry.routes(src, tgt, settings, model)
        if settings.allow_download:
            return candidates[0]
        for route in candidates:
            if all(self._find(leg.model) for leg in route.legs):
                return route
        missing = [leg.model for leg in candidates[0].legs if not self._find(leg.model)]
        firefox = [r.legs[0].model for r in candidates[1:] if r.kind == "firefox"]
        alternative = firefox[0] if firefox else None
        if len(missing) == 1:
            raise unavailable(missing[0], alternative)
        raise ModelUnavailableError(
            missing[0], models=missing, pull=f"{src}-{tgt}", alternative=alternative
        )

    def _find(self, ref: str) -> LocalModel | None:
        if ref not in self._local:
            self._local[ref] = find_local(ref, self.config.translate)
        return self._local[ref]

    def _backend(self, ref: str) -> Backend:
        settings = self.config.translate
        key = (settings.engine, ref)
        if key not in self._backends:
            local = self._find(ref) or locate(ref, settings)
            # A Firefox Translations directory has one engine; others use translate.engine.
            cls = self._engine
            if model_files(local.path):
                cls = backend_class("bergamot")
            else:
                from toolkit.translate.families import family_name

                registry.check_license(ref, settings, family=family_name(local.path))
            try:
                self._backends[key] = cls(local, settings)
            except (OSError, ValueError) as exc:
                raise ToolkitError(
                    f"cannot load model {ref}: {str(exc).splitlines()[0] if str(exc) else exc}",
                    hint=f"check the files, or re-fetch with: toolkit models pull {ref}",
                ) from exc
            self.stats.model_loads += 1
        return self._backends[key]

    def _open_memory(self) -> TranslationMemory | None:
        settings = self.config.translate
        if not settings.cache:
            return None
        if self._memory is None:
            self._memory = TranslationMemory(default_path(settings))
        return self._memory

    def _detect(self, text: str) -> str:
        from toolkit.detect import detect

        lang = detect(text, config=self.config).lang
        if not lang or lang == "und":
            raise UnsupportedLanguageError(
                "could not detect the language of the input",
                hint="give the source language (--from xx, or src='xx')",
            )
        return normalize(lang)


_default: Translator | None = None
_default_lock = threading.Lock()


def translate(
    text_or_list: str | Sequence[str],
    to: str,
    src: str | None = None,
    model: str | None = None,
) -> Translation | list[Translation]:
    """`Translator.translate` on a shared default `Translator` (models stay loaded)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Translator()
    return _default.translate(text_or_list, to, src=src, model=model)
