"""Ways to show a `Repaired` result: JSON, a unified diff, and an explanation per edit."""

from __future__ import annotations

import dataclasses
import difflib
from typing import Any

from toolkit.repair.edits import Edit, Flag, Repaired
from toolkit.repair.flags import CHECKS
from toolkit.repair.rules import RULES

_MODEL_SUMMARY = "A post-edit by the language model, accepted by the guard."
_SUMMARIES: dict[str, str] = {
    f.__name__: (f.__doc__ or "").strip().splitlines()[0] for f in (*RULES, *CHECKS)
}
_SUMMARIES["model_post_edit"] = _MODEL_SUMMARY


def rule_summary(rule: str) -> str:
    """The first docstring line of `rule` (or of each rule of a merged "a+b" edit)."""
    return " / ".join(_SUMMARIES.get(name, name) for name in rule.split("+"))


def as_json(result: Repaired) -> dict[str, Any]:
    """A JSON-ready dict: text, language, edits (input offsets) and flags (output offsets)."""
    return {
        "text": result.text,
        "lang": result.lang,
        "edits": [dataclasses.asdict(e) for e in result.edits],
        "flags": [dataclasses.asdict(f) for f in result.flags],
    }


def unified_diff(result: Repaired, name: str = "input") -> list[str]:
    """The changes as unified-diff lines (without line ends)."""
    before = result.source.splitlines(keepends=True)
    after = result.text.splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(before, after, f"{name}", f"{name} (repaired)"):
        lines.append(line.rstrip("\n"))
        if not line.endswith("\n"):
            lines.append("\\ No newline at end of file")
    return lines


def explain(result: Repaired, context: int = 20) -> list[str]:
    """One block per edit (rule, place, before -> after, why) and per flag."""
    lines = [f"{len(result.edits)} edits, {len(result.flags)} flags (language: {result.lang})"]
    for edit in result.edits:
        lines.append(
            f"edit {_where(result.source, edit.start)} {edit.rule}: "
            f"{_in_context(result.source, edit, context)}"
        )
        lines.append(f"    {rule_summary(edit.rule)}")
    for flag in result.flags:
        lines.append(f"flag {_where(result.text, flag.start)} {flag.rule}: {flag.text!r}")
        lines.append(f"    {flag.reason}")
    return lines


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"{line}:{column}"


def _in_context(source: str, edit: Edit, width: int) -> str:
    left = source[max(0, edit.start - width) : edit.start].split("\n")[-1]
    right = source[edit.end : edit.end + width].split("\n")[0]
    return f"{left + edit.before + right!r} -> {left + edit.after + right!r}"


def flag_summary(flags: list[Flag]) -> str:
    """A short count of flags by rule, for a one-line note on standard error."""
    counts: dict[str, int] = {}
    for flag in flags:
        counts[flag.rule] = counts.get(flag.rule, 0) + 1
    return ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
