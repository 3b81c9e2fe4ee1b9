"""`repair()`: run the rules to a fixed point, then the checks, then (optionally) the model.

The rules run in order, each on the text the previous one left, and the whole list runs
again until no rule changes anything (at most `MAX_PASSES` times); that makes the
result idempotent. Every change goes through `EditLog`, so each `Edit` points into the
input text.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from toolkit.config import CHOICES, Config, require_config
from toolkit.errors import ConfigError
from toolkit.langs import normalize, source_language
from toolkit.repair.edits import EditLog, Repaired
from toolkit.repair.flags import check
from toolkit.repair.languages import profile
from toolkit.repair.rules import RULES, Context
from toolkit.text import require_text

MAX_PASSES = 4
# Below this detection confidence the language's conventions are not trusted and the
# conservative `und` rules apply (a French profile on English text would keep " ?"). The
# confidence counts the language's other standards (`Detection.language_confidence`):
# Croatian, Bosnian and Serbian share their conventions.
MIN_DETECT_CONFIDENCE = 0.5
ENGINES = CHOICES["repair.engine"]


def repair(text: str, lang: str | None = None, *, config: Config | None = None) -> Repaired:
    """Repair machine-translation artifacts in `text`; log every edit and flag suspects.

    `lang` is a language code (rules in `toolkit.langs`; "und" asks for the conservative
    rules); without it (or with "auto") the language is detected (`toolkit.detect`) and,
    when detection is unsure, the conservative `und` rules apply. `config` defaults to
    `Config.load()`, as for every stage; `config.repair.engine = "model"` adds the guarded
    LLM post-editor for flagged and broken sentences.
    """
    require_text(text, "repair()")
    config = require_config(config, "repair()") or Config.load()
    engine = config.repair.engine
    if engine not in ENGINES:
        raise ConfigError(f"unknown repair engine {engine!r} (choose from {', '.join(ENGINES)})")
    code = resolve_language(text, lang, config)
    ctx = Context(code, profile(code), config.limits.max_sentence_chars)
    log = EditLog(text)
    from toolkit.glossary.protect import term_guard

    with _cyclic_gc_paused():
        apply_rules(log, ctx, term_guard(config, code))
        flags = check(log.text, ctx)
    if engine == "model":
        from toolkit.repair.postedit import post_edit

        flags = post_edit(log, flags, ctx, config)
    with _cyclic_gc_paused():
        return Repaired(log.text, log.edits(), flags, source=text, lang=code)


def apply_rules(log: EditLog, ctx: Context, guard: Callable | None = None) -> None:
    """Run every rule on `log` until none changes the text (or `MAX_PASSES` runs).

    `guard(text, changes)`, when given, drops the changes a rule may not make (inside
    glossary terms: `toolkit.glossary.protect`)."""
    for _ in range(MAX_PASSES):
        changed = False
        for rule in RULES:
            changes = rule(log.text, ctx)
            if changes and guard is not None:
                changes = guard(log.text, changes)
            if changes and log.apply(rule.__name__, changes):
                changed = True
        if not changed:
            return


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the rules and checks run.

    The log and the rules allocate a few small objects per change (hundreds of thousands
    on a hostile megabyte, none of them in a reference cycle, all freed by reference
    counting), and the collector kept rescanning them: a third of the time of 1 MB of
    padded brackets (3.2 s -> 2.2 s). It is switched back on afterwards only if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def resolve_language(text: str, lang: str | None, config: Config) -> str:
    """The ISO 639-1 code to repair with: `lang` normalised, or (None, "auto") detected."""
    if isinstance(lang, str) and lang.strip().lower() == "und":
        return "und"
    given = source_language(lang)  # None for None or "auto"
    if given is not None:
        return given
    if not text.strip():
        return "und"
    from toolkit.detect import detect

    found = detect(text, config=config)
    threshold = max(MIN_DETECT_CONFIDENCE, config.detect.min_confidence)
    if found.lang == "und" or found.language_confidence < threshold:
        return "und"
    return normalize_language(found.lang)


def normalize_language(lang: str) -> str:
    """`"EN-us"` -> `"en"` (see `toolkit.langs`); "und" asks for the conservative rules."""
    if isinstance(lang, str) and lang.strip().lower() == "und":
        return "und"
    return normalize(lang)
