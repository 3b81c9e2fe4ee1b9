"""What the pipeline produces for one article: a `Result` holding a `Brief` per language.

`Result.to_dict()` is the JSON output, documented field by field in docs/summarize.md;
fields are only ever added (`SCHEMA_VERSION`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toolkit.detect import Detection
    from toolkit.qa import QAWarning
    from toolkit.repair import Repaired
    from toolkit.summarize import Summary
    from toolkit.translate import LegRun

SCHEMA_VERSION = 1


@dataclass
class Brief:
    """The summary in one language, how it was made, and what to check in it."""

    lang: str
    text: str = ""
    # "textrank", "seq2seq", "llm" (source language, or an LLM brief), "translate:<engine>"
    # (the engines that ran: "translate:bergamot", "translate:torch+bergamot"), or
    # "translate" for a translation that failed before any engine ran
    engine: str = ""
    models: list[str] = field(default_factory=list)
    warnings: list[QAWarning] = field(default_factory=list)
    error: str | None = None  # why there is no brief in this language
    hint: str | None = None  # what to do about it, e.g. "toolkit models pull ..."
    legs: list[LegRun] = field(default_factory=list)  # a translated brief: how each model ran
    # (summary sentence, brief sentence) pairs the fact checks compare; not in the JSON
    pairs: list[tuple[str, str]] = field(default_factory=list, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """The brief was produced (its fact checks may still have failed: `passed`)."""
        return self.error is None

    @property
    def passed(self) -> bool:
        """Produced and without fact-check warnings: safe to publish unread."""
        return self.ok and not self.warnings

    def to_dict(self) -> dict[str, Any]:
        """JSON: `ok` is `passed` (fact checks included); `produced` is `Brief.ok`."""
        return {
            "lang": self.lang,
            "ok": self.passed,
            "produced": self.ok,
            "text": self.text,
            "engine": self.engine,
            "models": list(self.models),
            "legs": [asdict(leg) for leg in self.legs],
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
        """The JSON output (documented field by field in docs/summarize.md)."""
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
