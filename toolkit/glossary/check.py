"""The ``glossary`` fact check: is every glossary term of a source rendered as required?

It sits next to the number, name and quote checks (`toolkit.qa`) and reports a
`QAWarning` of kind ``glossary`` for each term of the source that the translation holds
fewer times than the source does (as its rendering, or verbatim for a do-not-translate
term). It is silent when every term is respected, and on text without terms.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from toolkit.glossary.enforce import TermUse, missing, required
from toolkit.glossary.model import Rules
from toolkit.qa import QAWarning

KIND = "glossary"


def check_terms(source: str, target: str, rules: Rules) -> list[QAWarning]:
    """One warning per required rendering that `target` lacks (`source`'s terms)."""
    if not rules:
        return []
    matches = rules.find(source)
    if not matches:
        return []
    lacking = set(missing(target, required(matches)))
    warnings = []
    for match in matches:
        wanted = match.value.required(match.text)
        if wanted in lacking:
            lacking.discard(wanted)
            how = "kept as written" if match.value.keep else f"rendered {wanted!r}"
            warnings.append(
                QAWarning(
                    KIND,
                    match.text,
                    f"glossary term {match.text!r} should be {how} in {rules.tgt}"
                    f" ({match.value.where})",
                )
            )
    return warnings


def annotate(translation: Any, rules: Rules, uses: list[TermUse], offset: int) -> None:
    """Record on a `Translation` its glossary terms (`uses` of the whole call, whose
    segments start at `offset`) and warn, per sentence and overall, on any it lacks."""
    translation.terms = [replace(u, segment=u.segment - offset) for u in uses]
    for segment in translation.segments:
        for warning in check_terms(segment.source, segment.target, rules):
            segment.flags.append(f"{warning.kind}: {warning.message}")
            translation.warnings.append(f"{warning.kind}: {warning.message}")
