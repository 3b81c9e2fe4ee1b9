"""The audit log of a repair: `Edit`, `Flag`, `Repaired`, and the `EditLog` that keeps them.

Rules run one after another, each on the text the previous rules left. `EditLog` keeps
the current text as a list of pieces, each either an untouched stretch of the input or an
edited stretch that remembers which input characters it replaced. That is what lets every
`Edit` point into the *input* (`source[e.start:e.end] == e.before`) however many rules ran:
a change that touches an earlier edit is merged with it (the rule names are joined with
"+"), and a change that restores the original text drops the edit altogether.
"""

from __future__ import annotations

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


def drop_overlaps(changes: list[Change]) -> list[Change]:
    """`changes` in text order, each one that overlaps an earlier one left out."""
    kept: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if kept and change.start < kept[-1].end:
            continue
        kept.append(change)
    return kept


@dataclass(slots=True)
class _Piece:
    src_start: int
    src_end: int
    text: str
    rules: tuple[str, ...] = ()  # empty: untouched input (`text` is the source there)


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

        Returns whether the text changed. Most changes lie inside untouched text, away
        from every other change and edit: those split their piece directly
        (`_split_isolated`); only the rest go through the merging `_Splicer`.
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
        pieces, rest, length = _split_isolated(self.source, self._pieces, ordered, rule)
        if rest:
            splicer = _Splicer(self.source, pieces, len(self._text) + length)
            for change in reversed(rest):  # right to left: offsets on the left stay valid
                splicer.apply(rule, change)
            pieces = _merge_untouched(splicer.pieces(), self.source)
        self._pieces = pieces
        self._text = "".join(p.text for p in pieces)
        return True

    def edits(self) -> list[Edit]:
        """The edits, in input order, each pointing into the input text."""
        return [edit for _, _, edit in self.current_spans()]

    def current_spans(self) -> list[tuple[int, int, Edit]]:
        """Each edit with the span its replacement occupies in the current text."""
        spans = []
        pos = 0
        for piece in self._pieces:
            if piece.rules:
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


def _split_isolated(
    source: str, pieces: list[_Piece], ordered: list[Change], rule: str
) -> tuple[list[_Piece], list[Change], int]:
    """Apply the isolated changes of `ordered` by splitting the untouched pieces they lie in.

    A change is isolated when it lies strictly inside an untouched piece and at least one
    character away from its neighbours in `ordered`: it can merge with nothing, so it
    becomes an edited piece of its own between two untouched ones, as `_Splicer` would
    make it, at a fraction of the cost. Returns the new pieces, the other changes shifted
    into the new text's coordinates, and how much the text's length changed.
    """
    out: list[_Piece] = []
    rest: list[Change] = []
    delta = 0  # the length change of the isolated changes applied so far
    index, pos, count = 0, 0, len(pieces)  # pos: where pieces[index] starts in the text
    done = -1  # the source offset up to which pieces[index] is split off, -1: not cut
    for k, change in enumerate(ordered):
        s, e = change.start, change.end
        while index < count and pos + len(pieces[index].text) <= s:
            out.append(_rest_of(source, pieces[index], done))
            pos += len(pieces[index].text)
            index, done = index + 1, -1
        piece = pieces[index] if index < count else None
        if (
            piece is None
            or piece.rules
            or not pos < s <= e < pos + len(piece.text)
            or (k > 0 and ordered[k - 1].end >= s)
            or (k + 1 < len(ordered) and ordered[k + 1].start <= e)
        ):
            rest.append(Change(s + delta, e + delta, change.after) if delta else change)
            continue
        shift = piece.src_start - pos
        start = piece.src_start if done < 0 else done
        out.append(_Piece(start, s + shift, source[start : s + shift]))
        out.append(_Piece(s + shift, e + shift, change.after, (rule,)))
        done = e + shift
        delta += len(change.after) - (e - s)
    if len(rest) == len(ordered):
        return pieces, rest, 0
    out.extend(_rest_of(source, pieces[i], done if i == index else -1) for i in range(index, count))
    return out, rest, delta


def _rest_of(source: str, piece: _Piece, done: int) -> _Piece:
    """`piece`, or its part right of source offset `done` once changes have cut it."""
    return piece if done < 0 else _Piece(done, piece.src_end, source[done : piece.src_end])


class _Splicer:
    """One rule's changes applied right to left in one pass over the pieces.

    Pieces right of the change being applied are final and collect in `tail` (right to
    left); the rest stay in `prefix` as (piece, length) where an untouched piece cut on
    its right keeps only its first `length` characters. A change's replacement goes back
    on the prefix, so the next change (to its left) may still merge with it. Every piece
    is moved or cut at most once per change it meets, and the text of an untouched piece
    is copied only when it leaves the prefix: k changes to n characters cost O(n + k).
    """

    def __init__(self, source: str, pieces: list[_Piece], length: int) -> None:
        self.source = source
        self.prefix = [(p, len(p.text)) for p in pieces]
        self.end = length  # offset in the current text where the prefix ends
        self.tail: list[_Piece] = []

    def pieces(self) -> list[_Piece]:
        """Every piece after the changes, left to right."""
        left = [self._whole(p, n) for p, n in self.prefix]
        return left + self.tail[::-1]

    def apply(self, rule: str, change: Change) -> None:
        """Apply one change; it lies left of every change applied before."""
        s, e = change.start, change.end
        self._release_right_of(e)
        absorbed = self._absorb(s, e)
        if not absorbed:  # a pure insertion between untouched pieces (or into "")
            src = self.tail[-1].src_start if self.tail else len(self.source)
            self._push(_Piece(src, src, change.after, (rule,)))
            return
        cs = self.end
        current = "".join(p.text for p in absorbed)
        new_text = current[: s - cs] + change.after + current[e - cs :]
        src_start, src_end = absorbed[0].src_start, absorbed[-1].src_end
        rules: list[str] = []
        for p in absorbed:
            rules.extend(r for r in p.rules if r not in rules)
        if rule not in rules:
            rules.append(rule)
        if new_text != self.source[src_start:src_end]:
            self._push(_Piece(src_start, src_end, new_text, tuple(rules)))
        elif new_text:
            self._push(_Piece(src_start, src_end, new_text))

    def _whole(self, piece: _Piece, length: int) -> _Piece:
        if length == len(piece.text):
            return piece
        cut = piece.src_start + length
        return _Piece(piece.src_start, cut, self.source[piece.src_start : cut])

    def _push(self, piece: _Piece) -> None:
        self.prefix.append((piece, len(piece.text)))
        self.end += len(piece.text)

    def _take(self) -> _Piece:
        """Remove the prefix's last piece (its kept part) and return it."""
        piece = self._whole(*self.prefix.pop())
        self.end -= len(piece.text)
        return piece

    def _cut(self, at: int) -> _Piece | None:
        """Split off the part right of `at` of the prefix's last piece, if untouched."""
        if not self.prefix:
            return None
        piece, length = self.prefix[-1]
        start = self.end - length
        if piece.rules or not start < at < self.end:
            return None
        off = at - start
        right = _Piece(
            piece.src_start + off,
            piece.src_start + length,
            self.source[piece.src_start + off : piece.src_start + length],
        )
        self.prefix[-1] = (piece, off)
        self.end = at
        return right

    def _release_right_of(self, e: int) -> None:
        """Move to the tail every piece right of `e` but the edited ones that touch it."""
        while self.prefix:
            piece, length = self.prefix[-1]
            start = self.end - length
            if start > e or (start == e and not piece.rules):
                self.tail.append(self._take())
            else:
                break
        right = self._cut(e)
        if right is not None:
            self.tail.append(right)

    def _absorb(self, s: int, e: int) -> list[_Piece]:
        """The pieces a change at `s:e` replaces, left to right, taken off the prefix.

        Those inside `s:e`, plus edited ones that overlap or touch it (so adjacent edits
        merge into one readable edit).
        """
        absorbed: list[_Piece] = []
        while self.prefix and self.end >= s:
            piece, length = self.prefix[-1]
            start = self.end - length
            inside = s <= start and self.end <= e and self.end > start
            if inside or (piece.rules and start <= e):
                absorbed.append(self._take())
                continue
            right = self._cut(s)
            if right is not None:
                absorbed.append(right)
            break
        return absorbed[::-1]


def _merge_untouched(pieces: list[_Piece], source: str) -> list[_Piece]:
    """Adjacent untouched pieces as one (they are contiguous in the source: one slice).

    A piece with no untouched neighbour is kept as it is, so a rule that changes little
    in a text with many edits costs little."""
    merged: list[_Piece] = []
    run: list[_Piece] = []  # the untouched pieces met since the last edited one
    for piece in [*pieces, None]:
        if piece is not None and not piece.rules:
            run.append(piece)
            continue
        if len(run) == 1:
            merged.append(run[0])
        elif run:
            start, end = run[0].src_start, run[-1].src_end
            merged.append(_Piece(start, end, source[start:end]))
        run = []
        if piece is not None:
            merged.append(piece)
    return merged
