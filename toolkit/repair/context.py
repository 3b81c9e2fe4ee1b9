"""`Context`: what a repair rule or check knows besides the text.

Its own module so that the rule modules (`rules`, `doubles`) and the checks (`flags`) can
all name it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.repair.languages import LanguageProfile
from toolkit.text import MAX_SENTENCE_CHARS


@dataclass(frozen=True)
class Context:
    """What a rule knows besides the text: the language, its profile and the work budget."""

    lang: str
    profile: LanguageProfile
    max_sentence_chars: int = MAX_SENTENCE_CHARS  # `[limits]`: longer sentences read in pieces
