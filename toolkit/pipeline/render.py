"""Show a pipeline `Result` as plain text, Markdown or JSON.

Every format shows each brief with its language and its fact-check warnings, and lists
the languages that could not be produced with the command that fixes them; the summary
in the source language is shown even when no brief in that language was asked for. The
JSON form is `Result.to_dict()`; its fields are documented in docs/summarize.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from toolkit.errors import OFFLINE_ROUTE
from toolkit.langs import language_name

if TYPE_CHECKING:
    from toolkit.pipeline.result import Brief, Result

FORMATS = ("text", "markdown", "json")


def render_result(result: Result, fmt: str = "text") -> str:
    """`result` in format `fmt` (one of FORMATS), ending with a newline."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(result)
    return _text(result)


def _source_line(result: Result) -> str:
    if result.detection is None:
        origin = "given"
    else:
        origin = f"detected, confidence {result.detection.confidence:.2f}"
    repair = result.repair
    return (
        f"{result.name}: {language_name(result.lang)}, {origin}; "
        f"repair: {len(repair.edits)} edit(s), {len(repair.flags)} flag(s); "
        f"summary: {len(result.summary.sentences)} sentence(s), {result.summary.method}"
    )


def _made_with(brief: Brief) -> str:
    """The brief's engine and models; a pivot shows each leg with its own engine, as its
    backend reported it ("translate:torch (m1) -> bergamot (firefox:en-pt)")."""
    if len(brief.legs) > 1:
        return "translate:" + " -> ".join(f"{leg.engine} ({leg.model})" for leg in brief.legs)
    models = f" ({', '.join(brief.models)})" if brief.models else ""
    return f"{brief.engine}{models}"


def _source_summary(result: Result) -> str | None:
    """The summary in the source language when no brief in that language was asked for
    (it is computed anyway; hiding it behind missing briefs would lose it)."""
    if any(brief.lang == result.lang for brief in result.briefs) or not result.summary.text:
        return None
    return result.summary.text


def _text(result: Result) -> str:
    lines = [_source_line(result), ""]
    summary = _source_summary(result)
    if summary is not None:
        lines += [f"== {language_name(result.lang)}, source summary == [{result.summary.method}]"]
        lines += [summary, ""]
    for brief in result.briefs:
        if not brief.ok:
            lines.append(f"== {language_name(brief.lang)}: MISSING ==")
            lines.append(f"{brief.error} (the fix is listed below)")
            lines.append("")
            continue
        lines.append(f"== {language_name(brief.lang)} == [{_made_with(brief)}]")
        lines.append(brief.text)
        for warning in brief.warnings:
            lines.append(f"  warning ({warning.kind}): {warning.message}")
        lines.append("")
    lines.extend(_missing_lines(result, code=lambda s: s))
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown(result: Result) -> str:
    lines = [f"# Briefs: {result.name}", "", _source_line(result), ""]
    summary = _source_summary(result)
    if summary is not None:
        lines += [f"## {language_name(result.lang)}: source summary", "", summary, ""]
        lines += [f"*Made with: {result.summary.method}*", ""]
    for brief in result.briefs:
        if not brief.ok:
            lines += [f"## {language_name(brief.lang)}: missing", "", brief.error or "", ""]
            continue
        lines += [f"## {language_name(brief.lang)}", "", brief.text, ""]
        lines += [f"*Made with: {_made_with(brief)}*", ""]
        if brief.warnings:
            lines += ["**Check these facts:**", ""]
            lines += [f"- {w.kind}: {w.message}" for w in brief.warnings]
            lines.append("")
    lines.extend(_missing_lines(result, code=_code))
    return "\n".join(lines).rstrip("\n") + "\n"


def _missing_lines(result: Result, code) -> list[str]:
    missing = result.missing
    if not missing:
        return []
    codes = ", ".join(b.lang for b in missing)
    lines = [f"Missing languages: {codes}. To produce them:"]
    lines += [f"- {b.lang}: {code(without_offline(b.hint or b.error or ''))}" for b in missing]
    if any(b.hint and OFFLINE_ROUTE in b.hint for b in missing):
        lines.append(f"- {OFFLINE_ROUTE}")
    return lines


def without_offline(hint: str) -> str:
    """A hint without the offline route, so a list of fixes can say that once."""
    return hint.replace(f"; {OFFLINE_ROUTE}", "")


def _code(hint: str) -> str:
    """A hint with its command in Markdown code: "fetch it with: `toolkit models pull x`"."""
    head, sep, rest = hint.partition("toolkit ")
    if not sep:
        return hint
    command, semicolon, tail = rest.partition(";")
    return f"{head}`{sep}{command}`{semicolon}{tail}"
