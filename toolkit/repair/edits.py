"""The audit log of a repair: `Edit`, `Flag`, `Repaired`, and the `EditLog` that keeps them.

Rules run one after another, each on the text the previous rules left. `EditLog` keeps
the current text as a list of pieces, each either an untouched stretch of the input or an
edited stretch that remembers which input characters it replaced. That is what lets every
`Edit` point into the *input* (`source[e.start:e.end] == e.before`) however many rules ran:
a change that touches an earlier edit is merged with it (the rule names are joined with
"+"), and a change that restores the original text drops the edit altogether.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """One change: input characters `start:end` (`before`) were replaced by `after`."""

    rule: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class Flag:
    """A suspect span a rule will not change by itself, with the reason.

    Offsets point into the repaired text (`Repaired.text[f.start:f.end] == f.text`): a flag
    is about what the reader sees after repair.
    """

    rule: str
    start: int
    end: int
    text: str
    reason: str


@dataclass
class Repaired:
    """The result of `repair()`: the repaired text, the edits made and the flags raised."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    source: str = ""
    lang: str = "und"

    @property
    def changed(self) -> bool:
        """Whether any edit was made."""
        return bool(self.edits)


@dataclass(frozen=True)
class Change:
    """A replacement a rule proposes, in the coordinates of the text the rule was given."""

    start: int
    end: int
    after: str


@dataclass
class _Piece:
    src_start: int
    src_end: int
    text: str
    rules: tuple[str, ...] = ()  # empty: untouched input

    @property
    def edited(self) -> bool:
        return bool(self.rules)


class EditLog:
    """The current text of a repair plus the edits that lead to it from the input."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._pieces = [_Piece(0, len(source), source)] if source else []
        self._text = source

    @property
    def text(self) -> str:
        """The text as it stands after every change applied so far."""
        return self._text

    def apply(self, rule: str, changes: Iterable[Change]) -> bool:
        """Apply one rule's non-overlapping `changes` (offsets into `self.text`).

        Returns whether the text changed.
        """
        ordered = sorted(
            (c for c in changes if self._text[c.start : c.end] != c.after),
            key=lambda c: (c.start, c.end),
        )
        if not ordered:
            return False
        for previous, current in itertools.pairwise(ordered):
            if current.start < previous.end:
                raise ValueError(f"rule {rule} proposed overlapping changes")
        starts = []
        pos = 0
        for piece in self._pieces:
            starts.append(pos)
            pos += len(piece.text)
        valid = len(starts)
        for change in reversed(ordered):  # right to left: offsets on the left stay valid
            valid = self._apply_one(rule, change, starts, valid)
        self._pieces = _merge_untouched(self._pieces)
        self._text = "".join(p.text for p in self._pieces)
        return True

    def edits(self) -> list[Edit]:
        """The edits, in input order, each pointing into the input text."""
        return [edit for _, _, edit in self.current_spans()]

    def current_spans(self) -> list[tuple[int, int, Edit]]:
        """Each edit with the span its replacement occupies in the current text."""
        spans = []
        pos = 0
        for piece in self._pieces:
            if piece.edited:
                edit = Edit(
                    "+".join(piece.rules),
                    piece.src_start,
                    piece.src_end,
                    self.source[piece.src_start : piece.src_end],
                    piece.text,
                )
                spans.append((pos, pos + len(piece.text), edit))
            pos += len(piece.text)
        return spans

    def _apply_one(self, rule: str, change: Change, starts: list[int], valid: int) -> int:
        """Apply one change; `starts[:valid]` are the current offsets of the first pieces.

        Changes come right to left, so only pieces left of the previous change are
        looked at; returns how many leading `starts` are still valid afterwards.
        """
        pieces = self._pieces
        s, e = change.start, change.end
        # Split untouched pieces so that s and e fall on piece boundaries.
        for cut in (e, s):
            i = bisect.bisect_right(starts, cut, 0, valid) - 1
            if i >= 0:
                piece = pieces[i]
                off = cut - starts[i]
                if not piece.edited and 0 < off < len(piece.text):
                    left = _Piece(piece.src_start, piece.src_start + off, piece.text[:off])
                    right = _Piece(piece.src_start + off, piece.src_end, piece.text[off:])
                    pieces[i : i + 1] = [left, right]
                    starts[i : i + 1] = [starts[i], starts[i] + off]
                    valid += 1
        # Pieces absorbed by the change: those inside [s, e), plus edited pieces that
        # overlap or touch it (so adjacent edits merge into one readable edit).
        first = last = None
        j = bisect.bisect_right(starts, e, 0, valid) - 1
        while j >= 0:
            ps = starts[j]
            pe = ps + len(pieces[j].text)
            if pe < s:
                break
            inside = s <= ps and pe <= e and pe > ps
            touching = pieces[j].edited and ps <= e and s <= pe
            if inside or touching:
                last = j if last is None else last
                first = j
            j -= 1
        if first is None or last is None:
            # Pure insertion between untouched pieces (or into an empty text).
            i = bisect.bisect_left(starts, s, 0, valid)
            src = pieces[i].src_start if i < len(pieces) else len(self.source)
            pieces.insert(i, _Piece(src, src, change.after, (rule,)))
            starts.insert(i, s)
            return i + 1
        absorbed = pieces[first : last + 1]
        cs = starts[first]
        current = "".join(p.text for p in absorbed)
        new_text = current[: s - cs] + change.after + current[e - cs :]
        src_start = absorbed[0].src_start
        src_end = absorbed[-1].src_end
        rules: list[str] = []
        for p in absorbed:
            rules.extend(r for r in p.rules if r not in rules)
        if rule not in rules:
            rules.append(rule)
        if new_text == self.source[src_start:src_end]:
            replacement = [_Piece(src_start, src_end, new_text)] if new_text else []
        else:
            replacement = [_Piece(src_start, src_end, new_text, tuple(rules))]
        pieces[first : last + 1] = replacement
        starts[first : last + 1] = [cs] * len(replacement)
        return first + len(replacement)


def _merge_untouched(pieces: list[_Piece]) -> list[_Piece]:
    merged: list[_Piece] = []
    for piece in pieces:
        if merged and not piece.edited and not merged[-1].edited:
            prev = merged[-1]
            merged[-1] = _Piece(prev.src_start, piece.src_end, prev.text + piece.text)
        else:
            merged.append(piece)
    return merged
