"""Cut an article into sentences and tell real sentences from everything else.

A summary is built from body sentences only: headlines and subheads (a line standing
alone without terminal punctuation), bylines ("By Jane Doe", "Par ..."), datelines and
publication stamps ("Published: 10:02 GMT, 3 May 2015"), and fragments (too short, no
letters, all capitals) are kept in the list, marked, and never picked. Sentences glued
by a missing space ("forces.The", `sociaux."Parce`) are cut apart, since news text often
arrives that way. Every `Sentence` keeps its offsets into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.summarize.tokenize import word_count
from toolkit.text import Span, paragraphs, sentences

BODY = "sentence"
MIN_WORDS = 4  # fewer words: a fragment, not a sentence
MAX_HEADLINE_WORDS = 20

_TERMINAL = re.compile(r"""[.!?…。！？؟۔।]["'”’»“)\]」』]*\s*$""")
# ".The" / '."Parce': a sentence end glued to the next sentence's capital.
_GLUED = re.compile(r"""(?<=[^\W\d_]{2})[.!?]["”»]?(?=["“«]?[^\W\d_])""")
_BYLINE = re.compile(
    r"^(?:by|par|por|von|di|door|de|av|af|przez|od|от|автор|tarafından)\s+\w",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^(?:published|updated|last updated|posted|publié|mis à jour|publicado|actualizado|"
    r"veröffentlicht|aktualisiert|pubblicato|aggiornato|опубликовано|обновлено)\b",
    re.IGNORECASE,
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"\d{4}")
MAX_DATE_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    """One sentence-like piece of the article and what it is."""

    span: Span
    index: int  # position in the article, counting every piece
    paragraph: int
    kind: str  # "sentence" (pickable), "headline", "byline", "dateline" or "fragment"

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def pickable(self) -> bool:
        return self.kind == BODY


def segment(text: str) -> list[Sentence]:
    """Every sentence-like piece of `text`, in order, each marked with its kind."""
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(text)):
        for block, is_title in _blocks(para):
            if is_title:
                out.append(Sentence(block, len(out), p_index, _kind_of_line(block.text)))
                continue
            for span in sentences(text, block.start, block.end):
                for piece in _unglue(text, span):
                    out.append(Sentence(piece, len(out), p_index, _kind_of(piece.text)))
    return out


def _blocks(para: Span) -> list[tuple[Span, bool]]:
    """A paragraph cut into runs of body lines and title lines (True).

    A title line (headline, subhead, byline, stamp) stands alone: it has no terminal
    punctuation, is short, follows the paragraph start or a finished sentence, and is
    followed by the paragraph end or a line that does not start in lowercase. A
    hard-wrapped line (the next one starts lowercase) stays in its sentence.
    """
    lines = []
    offset = para.start
    for raw in para.text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            lines.append(Span(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    blocks: list[tuple[Span, bool]] = []
    body_start = None
    for i, line in enumerate(lines):
        after_stop = i == 0 or bool(_TERMINAL.search(lines[i - 1].text))
        next_ok = i + 1 == len(lines) or not lines[i + 1].text[0].islower()
        if (
            after_stop
            and next_ok
            and not _TERMINAL.search(line.text)
            and word_count(line.text) <= MAX_HEADLINE_WORDS
            and not (i == 0 and len(lines) == 1 and len(sentences(line.text)) > 1)
        ):
            if body_start is not None:
                blocks.append((_join(para, body_start, lines[i - 1].end), False))
                body_start = None
            blocks.append((line, True))
        elif body_start is None:
            body_start = line.start
    if body_start is not None:
        blocks.append((_join(para, body_start, lines[-1].end), False))
    return blocks


def _join(para: Span, start: int, end: int) -> Span:
    return Span(start, end, para.text[start - para.start : end - para.start])


def _unglue(text: str, span: Span) -> list[Span]:
    """Cut a span where one sentence runs into the next without a space."""
    pieces = []
    start = span.start
    for match in _GLUED.finditer(text, span.start, span.end):
        after = text[match.end() : match.end() + 2].lstrip('"“«')
        if not after or not after[0].isupper():
            continue
        cut = match.end()
        # A straight quote right after the stop closes a quote when one is open.
        if match.group().endswith('"') and text[start : match.start()].count('"') % 2 == 0:
            cut = match.start() + 1
        if cut - start > 1:
            pieces.append(Span(start, cut, text[start:cut]))
            start = cut
    pieces.append(Span(start, span.end, text[start : span.end]))
    return pieces


def _kind_of_line(line: str) -> str:
    """A stand-alone line without terminal punctuation: a headline unless it is more."""
    kind = _kind_of(line)
    return "headline" if kind in (BODY, "fragment") else kind


def _is_date_only(line: str) -> bool:
    """A date and little else: at most four words, then a four-digit year after them.

    ("3 May 2015", "Tuesday, May 3, 2015 10:02"). Done with two linear scans: the
    regular expression it replaces backtracked exponentially on a long run of digits.
    """
    runs = _LETTER_RUN.findall(line)
    if len(runs) > MAX_DATE_WORDS:
        return False
    last = line.rfind(runs[-1]) + len(runs[-1]) if runs else 0
    return _YEAR.search(line, last) is not None


def _kind_of(sentence: str) -> str:
    stripped = sentence.strip()
    words = word_count(stripped)
    if _STAMP.match(stripped) or (words <= 8 and _is_date_only(stripped)):
        return "dateline"
    if words <= 8 and _BYLINE.match(stripped):
        return "byline"
    letters = [ch for ch in stripped if ch.isalpha()]
    if words < MIN_WORDS or not letters:
        return "fragment"
    if len(letters) >= 8 and all(not ch.islower() for ch in letters) and _has_case(letters):
        return "fragment"  # ALL CAPS: a kicker or label, not a sentence
    return BODY


def _has_case(letters: list[str]) -> bool:
    return any(ch.upper() != ch.lower() for ch in letters)
