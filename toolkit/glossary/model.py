"""What a glossary holds: entries, and the rules they make for one language pair.

An `Entry` says how one source term must come out in one target language: as the
glossary's `rendering`, or (`keep`, a do-not-translate entry) exactly as written in the
source. `lang` "*" means every target language; `src` "*" every source language. A
`Glossary` is the entries of one or more files, checked for conflicts when they are
added (see `toolkit.glossary.files`); `Glossary.rules(src, tgt)` is what a translation
from `src` into `tgt` must obey, with its `Matcher` built once per pair.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from toolkit.glossary.match import Match, Matcher

ANY = "*"
#: case rules: "auto" matches a term written with capitals exactly and an all-lowercase
#: one in any case; "exact" and "ignore" say so
CASES = ("auto", "exact", "ignore")


@dataclass(frozen=True)
class Entry:
    """One glossary line: `term` (source text) must become `rendering` in `lang`."""

    term: str
    lang: str = ANY  # target language (ISO 639-1) or "*"
    rendering: str = ""  # empty with keep=True
    keep: bool = False  # do not translate: the term comes out as written in the source
    case: str = "auto"
    src: str = ANY  # source language or "*"
    notes: str = ""
    where: str = ""  # "file:line", for messages

    @property
    def ignore_case(self) -> bool:
        """Whether the term (and its rendering, when checked) matches in any case."""
        if self.case == "auto":
            return self.term == self.term.lower()
        return self.case == "ignore"

    def required(self, written: str) -> str:
        """What the translation must contain for this term written as `written`."""
        return written if self.keep else self.rendering


@dataclass(frozen=True)
class Rules:
    """The entries one language pair obeys, and a matcher over their terms."""

    src: str
    tgt: str
    entries: tuple[Entry, ...]
    matcher: Matcher[Entry]

    def __bool__(self) -> bool:
        return bool(self.entries)

    def find(self, text: str) -> list[Match[Entry]]:
        """The glossary terms in `text` (leftmost-longest, in order)."""
        return self.matcher.find(text)


@dataclass
class Glossary:
    """Entries from glossary files; empty is a valid glossary that changes nothing."""

    entries: list[Entry] = field(default_factory=list)
    _index: dict[tuple[str, str, str, bool], Entry] = field(default_factory=dict, repr=False)
    _rules: dict[tuple[str, str], Rules] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def add(self, entry: Entry) -> None:
        """Add `entry`; the same term and languages with another rendering is a ValueError
        naming both places (an exact repeat is allowed and kept once)."""
        key = (_fold(entry.term, entry.ignore_case), entry.lang, entry.src, entry.ignore_case)
        other = self._index.get(key)
        if other is not None:
            if (other.keep, other.rendering) == (entry.keep, entry.rendering):
                return
            raise ValueError(
                f"conflicting entries for {entry.term!r} ({_pair(entry)}): "
                f"{_say(other)} at {other.where}, {_say(entry)} at {entry.where}"
            )
        self._index[key] = entry
        self.entries.append(entry)
        self._rules.clear()

    def rules(self, src: str, tgt: str) -> Rules:
        """The entries that apply from `src` into `tgt`; a language-specific entry wins
        over a "*" one for the same term."""
        if (src, tgt) not in self._rules:
            chosen: dict[tuple[str, bool], tuple[int, Entry]] = {}
            for entry in self.entries:
                if entry.lang not in (tgt, ANY) or entry.src not in (src, ANY):
                    continue
                rank = (entry.lang != ANY) * 2 + (entry.src != ANY)
                key = (_fold(entry.term, entry.ignore_case), entry.ignore_case)
                if key not in chosen or rank > chosen[key][0]:
                    chosen[key] = (rank, entry)
            entries = tuple(entry for _, entry in chosen.values())
            matcher = Matcher((e.term, e.ignore_case, e) for e in entries)
            self._rules[(src, tgt)] = Rules(src, tgt, entries, matcher)
        return self._rules[(src, tgt)]

    def source_rules(self, src: str) -> Rules:
        """Every term that may occur in `src` text, whatever the target language (for
        repair, which must leave terms as written)."""
        key = (src, "")
        if key not in self._rules:
            entries = tuple(e for e in self.entries if e.src in (src, ANY))
            matcher = Matcher((e.term, e.ignore_case, e) for e in entries)
            self._rules[key] = Rules(src, ANY, entries, matcher)
        return self._rules[key]

    def fingerprint(self) -> str:
        """A digest of the entries (not their notes or places): equal glossaries, equal
        digests; used by folder runs to redo outputs when the glossary changes."""
        rows = sorted((e.term, e.lang, e.rendering, e.keep, e.case, e.src) for e in self.entries)
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


def _fold(term: str, ignore_case: bool) -> str:
    return " ".join(term.casefold().split()) if ignore_case else " ".join(term.split())


def _pair(entry: Entry) -> str:
    source = "any source" if entry.src == ANY else entry.src
    target = "every language" if entry.lang == ANY else entry.lang
    return f"{source} -> {target}"


def _say(entry: Entry) -> str:
    return "keep as written" if entry.keep else repr(entry.rendering)
