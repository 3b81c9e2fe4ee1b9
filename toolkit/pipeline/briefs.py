"""`BriefWriter`: the one place briefs are written, for one article or a whole folder.

A brief is a summary in a target language. The writer makes it in one of three ways:

- the summary itself, when the summary is already in the target language;
- the summary translated (``summarize.brief_engine = "translate"``, the default): the
  summaries of all texts given in one call that share a source language go to the
  translator together, so a folder run batches its briefs across files;
- written directly in the target language by an instruct LLM (``brief_engine = "llm"``).

`check` then runs the fact checks on a brief (each summary sentence against its
translation, and the brief against the article: nothing stated that the source does not
say) and drops repeated warnings. A language asked with a region or script the models
do not tell apart (``es-MX``) gets a ``variant`` warning. A brief that cannot be made (a
missing model, a pair no model covers) carries the error and the command that fixes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.errors import ToolkitError
from toolkit.langs import Target, target
from toolkit.pipeline.result import Brief
from toolkit.qa import QAWarning, check_brief, check_translation

if TYPE_CHECKING:
    from toolkit.config import Config
    from toolkit.summarize import Summary

# (texts, target code, source code) -> one translation (or the error it met) per text
TranslateTexts = Callable[[list[str], str, str], Sequence[Any]]


@dataclass
class Summarized:
    """One text summarized in its own language: what its briefs are written from."""

    source: str  # the (repaired) text the summary was made from: the fact checks' reference
    lang: str
    summary: Summary
    written: dict[str, Brief] = field(default_factory=dict)  # briefs made already, by code


class BriefWriter:
    """Write and check briefs with one config; translation goes through `translate`."""

    def __init__(self, config: Config, translate: TranslateTexts) -> None:
        """`translate(texts, tgt, src)` returns, per text, a `Translation` or the
        `ToolkitError` that text met (a folder run isolates failures its own way)."""
        self.config = config
        self._translate = translate

    def write(self, pieces: Sequence[Summarized], to: str | Target) -> list[Brief]:
        """The brief of each piece in `to`, same order; not yet fact-checked (`check`)."""
        goal = target(to)
        tgt = goal.code
        briefs: list[Brief | None] = [piece.written.get(tgt) for piece in pieces]
        groups: dict[str, list[int]] = {}
        for i, piece in enumerate(pieces):
            if briefs[i] is not None:
                continue
            if piece.lang == tgt:
                summary = piece.summary
                briefs[i] = Brief(tgt, summary.text, summary.method, list(summary.models))
            elif self.config.summarize.brief_engine == "llm":
                briefs[i] = self._llm_brief(piece, tgt)
            else:
                groups.setdefault(piece.lang, []).append(i)
        for src, indices in groups.items():
            texts = [pieces[i].summary.text for i in indices]
            for i, translated in zip(indices, self._translate(texts, tgt, src), strict=True):
                briefs[i] = self._translated_brief(tgt, translated)
        done = [brief for brief in briefs if brief is not None]
        dropped = goal.variant_warning()
        for brief in done:
            if dropped and brief.ok:
                brief.warnings.append(QAWarning("variant", goal.asked, dropped))
        return done

    def write_checked(self, pieces: Sequence[Summarized], to: str | Target) -> list[Brief]:
        """`write`, then `check` each new brief (those in `piece.written` were checked)."""
        briefs = self.write(pieces, to)
        for piece, brief in zip(pieces, briefs, strict=True):
            if piece.written.get(brief.lang) is not brief:
                self.check(piece, brief)
        return briefs

    def check(self, piece: Summarized, brief: Brief) -> None:
        """Add the fact checks' warnings to `brief` (none for a brief that failed): numbers
        kept sentence by sentence, glossary terms rendered, nothing the source does not say."""
        if not brief.ok:
            return
        from toolkit.glossary import check_terms, from_config

        src = piece.lang
        rules = from_config(self.config).rules(src, brief.lang)
        warnings = [
            w
            for s, t in brief.pairs
            for w in check_translation(s, t, src_lang=src, tgt_lang=brief.lang)
        ]
        warnings += [w for s, t in brief.pairs for w in check_terms(s, t, rules)]
        warnings += check_brief(piece.source, brief.text, src_lang=src, brief_lang=brief.lang)
        brief.warnings = unique(warnings + brief.warnings)

    def _translated_brief(self, tgt: str, translation: Any) -> Brief:
        if isinstance(translation, ToolkitError):
            return Brief(
                tgt, engine=engine_label(), error=translation.message, hint=translation.hint
            )
        from toolkit.glossary import KIND as GLOSSARY

        warnings = [  # glossary warnings come from the fact checks, with their kind
            QAWarning("translation", "", m)
            for m in translation.warnings
            if not m.startswith(f"{GLOSSARY}: ")
        ]
        segments = getattr(translation, "segments", [])
        brief = Brief(tgt, translation.text, engine_label(translation), list(translation.models))
        brief.legs = list(getattr(translation, "legs", []))
        brief.warnings = warnings
        brief.pairs = [(seg.source, seg.target) for seg in segments]
        return brief

    def _llm_brief(self, piece: Summarized, tgt: str) -> Brief:
        from toolkit.summarize.abstractive import LLMSummarizer

        try:
            written = LLMSummarizer(self.config).brief(piece.summary.text, piece.lang, tgt)
        except ToolkitError as exc:  # a missing model...
            return Brief(tgt, engine="llm", error=exc.message, hint=exc.hint)
        brief = Brief(tgt, written.text, "llm", list(written.models))
        brief.pairs = [(piece.summary.text, written.text)]
        return brief


def engine_label(translation: Any = None) -> str:
    """A translated brief's engine label: the engines the backends that ran report
    (``translate:bergamot``; ``translate:torch+bergamot`` for a pivot that mixes
    them), never the configured `translate.engine`; plain ``translate`` when no
    engine is known (the translation failed, or its translator reports none)."""
    engines = getattr(translation, "engines", None)
    if engines:
        return "translate:" + "+".join(dict.fromkeys(engines))
    return "translate"


def unique(warnings: list[QAWarning]) -> list[QAWarning]:
    """Warnings without repeats of the same kind and value (both checks may see one)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for warning in warnings:
        key = (warning.kind, warning.value)
        if key not in seen or not warning.value:
            seen.add(key)
            out.append(warning)
    return out
