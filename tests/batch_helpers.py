"""A deterministic stand-in translator and a sample input tree for batch tests."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FakeTranslation:
    text: str
    models: list[str] = field(default_factory=lambda: ["fake-model"])
    warnings: list[str] = field(default_factory=list)


def fake_text(text: str, to: str) -> str:
    """What `FakeTranslator` makes of `text`: visible, deterministic, markup-free."""
    return f"{text.upper()} ⟨{to}⟩"


class FakeTranslator:
    """Records every call (list in, list out), like `toolkit.translate.Translator`."""

    def __init__(self, fail_for: dict[str, Exception] | None = None, poison: str = "") -> None:
        self.calls: list[tuple[list[str], str, str | None]] = []
        self.fail_for = fail_for or {}
        self.poison = poison

    def translate(self, texts: list[str], to: str, src: str | None = None) -> list:
        self.calls.append((list(texts), to, src))
        if to in self.fail_for:
            raise self.fail_for[to]
        if self.poison and any(self.poison in t for t in texts):
            raise RuntimeError("model blew up")
        return [FakeTranslation(fake_text(t, to)) for t in texts]

    @property
    def texts(self) -> list[str]:
        return [t for texts, _to, _src in self.calls for t in texts]


STORY = "Breaking news.\n\nThe minister resigned today. More soon.\n"
WORLD_MD = """\
---
title: World report
---
# Talks *resume*

Leaders met in `Geneva` on Monday, see [the text](https://example.org/t).

```
code stays
```
"""
PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Page</title><script>var x = "keep";</script></head>
<body><p>Hello <b>readers</b>.</p><!-- note --></body></html>
"""
RECORDS = '{"id": 1, "text": "First story.", "lang": "en"}\n{"id": 2, "text": "Second story."}\n'
ARTICLE = '{\n  "headline": "Not translated",\n  "text": "Full article body."\n}\n'
CLIP = (
    "1\n00:00:01,000 --> 00:00:02,000\nHello there,\nmy friend.\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nBye.\n"
)

GOOD = {
    "story.txt": STORY,
    "news/world.md": WORLD_MD,
    "news/deep/page.html": PAGE_HTML,
    "data/records.jsonl": RECORDS,
    "data/article.json": ARTICLE,
    "subs/clip.srt": CLIP,
}


def make_tree(root: Path, outside: Path) -> Path:
    """An input tree with every format, nested folders and every kind of bad entry."""
    for rel, text in GOOD.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "latin.txt").write_bytes("Café au lait à Paris.\n".encode("cp1252"))
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text("Hidden.\n")
    (root / ".draft.md").write_text("Draft.\n")
    outside.mkdir(exist_ok=True)
    (outside / "elsewhere.txt").write_text("Outside the tree.\n")
    os.symlink(outside / "elsewhere.txt", root / "escape.txt")
    os.symlink(outside, root / "linked-folder")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "big.txt").write_text("Big. " * 400)
    (root / "unreadable.txt").write_text("Locked away.\n")
    return root


def tree_digest(root: Path) -> dict[str, str]:
    """Hash of every regular file under `root` (not following symlinks)."""
    digest = {}
    for current, _dirs, files in os.walk(root):
        for name in files:
            path = Path(current, name)
            if path.is_file() and not path.is_symlink():
                with open(path, "rb") as handle:  # not Path.read_bytes: tests patch it
                    digest[str(path.relative_to(root))] = hashlib.sha256(handle.read()).hexdigest()
    return digest


@dataclass
class FakeSummary:
    text: str
    sentences: list[str] = field(default_factory=list)


class FakeSummarizer:
    """Keeps the first sentence; records every call, like `toolkit.summarize.summarize`."""

    def __init__(self, fail_on: str = "") -> None:
        self.calls: list[tuple[str, str | None, dict]] = []
        self.fail_on = fail_on

    def __call__(self, text: str, lang: str | None = None, **options) -> FakeSummary:
        self.calls.append((text, lang, options))
        if self.fail_on and self.fail_on in text:
            raise ValueError("cannot summarize this")
        first = text.split(". ")[0].split("\n")[0].rstrip(".") + "."
        return FakeSummary(first, [first])
