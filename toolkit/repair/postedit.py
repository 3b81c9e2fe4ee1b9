"""Optional model post-editor: an instruct LLM proposes fixes for flagged or broken sentences.

Only sentences that a check flagged, or that `broken_sentences` joined, are offered to
the model, one at a time, with the `prompts/repair.txt` template (the sentence is fenced
as data). Decoding is greedy, so the output is deterministic. Every proposal goes
through `guard.check_post_edit`: an accepted one becomes an `Edit` with rule
`model_post_edit`; a rejected one becomes a `Flag` with the reason, and the rules' text
stays. torch and transformers are imported only here, and only when the engine is used.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Protocol

from toolkit.config import Config, ModelSettings
from toolkit.errors import ConfigError
from toolkit.generation import greedy_generate
from toolkit.prompts import render
from toolkit.repair.edits import Change, EditLog, Flag
from toolkit.repair.flags import check
from toolkit.repair.guard import check_post_edit
from toolkit.repair.rules import Context, minimal_change
from toolkit.text import Span, paragraphs, sentences

RULE = "model_post_edit"
_FENCE = re.compile(r"<<<SENTENCE|SENTENCE>>>")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")


class Editor(Protocol):
    """Something that proposes a corrected version of one sentence."""

    def propose(self, sentence: str, lang: str, problem: str) -> str:
        """The corrected sentence (raw model output is fine: it is cleaned and guarded)."""
        ...


def post_edit(
    log: EditLog, flags: list[Flag], ctx: Context, config: Config, editor: Editor | None = None
) -> list[Flag]:
    """Post-edit the flagged and broken sentences of `log.text`; return the new flags.

    Accepted proposals are applied to `log` (so their edits point into the input);
    the checks then run again on the final text, and each rejected proposal adds a
    `model_post_edit` flag that says why it was rejected.
    """
    targets = _targets(log, flags)
    if not targets:
        return flags
    models = config.models
    editor = editor or load_editor(
        config.repair.model, models.allow_download, models.device, models.threads, models.model_dir
    )
    accepted: list[Change] = []
    rejected: list[tuple[Span, str]] = []
    for span, problem in targets:
        candidate = clean_output(editor.propose(span.text, ctx.lang, problem), span.text)
        if candidate == span.text:
            continue
        reason = check_post_edit(span.text, candidate, max_drift=config.repair.max_drift)
        if reason is None:
            accepted.append(minimal_change(span.text, candidate, span.start, whole_words=True))
        else:
            rejected.append((span, reason))
    log.apply(RULE, accepted)
    new_flags = check(log.text, ctx)
    for span, reason in rejected:
        start, end = _shift(span.start, accepted), _shift(span.end, accepted)
        new_flags.append(
            Flag(
                RULE,
                start,
                end,
                log.text[start:end],
                f"post-edit rejected: {reason}; kept the rules' text",
            )
        )
    return sorted(new_flags, key=lambda f: (f.start, f.end, f.rule))


def _targets(log: EditLog, flags: list[Flag]) -> list[tuple[Span, str]]:
    """Sentences that overlap a flag or a `broken_sentences` edit, with what is wrong."""
    text = log.text
    joined = [(s, e) for s, e, edit in log.current_spans() if "broken_sentences" in edit.rule]
    targets = []
    for para in paragraphs(text):
        for sent in sentences(text, para.start, para.end):
            problems = [f.reason for f in flags if f.start < sent.end and sent.start < f.end]
            if any(s < sent.end and sent.start <= e for s, e in joined):
                problems.append(
                    "a full stop in the middle of it was removed; make it read as one sentence"
                )
            if problems:
                targets.append((sent, "; ".join(dict.fromkeys(problems))))
    return targets


def _shift(pos: int, changes: list[Change]) -> int:
    """Where `pos` moves once `changes` (all outside the span being shifted) are applied."""
    return pos + sum(len(c.after) - (c.end - c.start) for c in changes if c.end <= pos)


def clean_output(output: str, original: str) -> str:
    """The sentence in a model reply: no fences, markers, or wrapping code block."""
    text = _FENCE.sub("", output).strip()
    text = text.strip("`").strip()
    if "\n" not in original:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        text = lines[0] if lines else ""
    return text


def build_prompt(sentence: str, lang: str, problem: str) -> str:
    """The user message for one sentence; the sentence cannot close its own fence."""
    return render("repair", sentence=_FENCE.sub("", sentence), lang=lang, problem=problem)


@functools.lru_cache(maxsize=2)
def load_editor(
    model: str,
    allow_download: bool = False,
    device: str = "auto",
    threads: int = 0,
    model_dir: str = "",
) -> TransformersEditor:
    """The post-editor for `model` (hub id or local directory), loaded once per process,
    with the [models] settings (`toolkit.model_loader`, as every model)."""
    from toolkit.config import ModelsConfig

    settings = ModelsConfig(device, threads, allow_download, model_dir)
    return TransformersEditor(model, settings)


class TransformersEditor:
    """An instruct causal LM run with transformers: chat template, greedy decoding."""

    def __init__(self, model: str, settings: ModelSettings) -> None:
        _validate_model_id(model)
        from toolkit.model_loader import load_model  # finds the model before transformers

        loaded = load_model(model, settings, "causal", what="repair.model")
        self.device, self.tokenizer, self.model = loaded.device, loaded.tokenizer, loaded.model
        if not getattr(self.tokenizer, "chat_template", None):
            raise ConfigError(
                f"repair model {model!r} has no chat template (not an instruct model)"
            )

    def propose(self, sentence: str, lang: str, problem: str) -> str:
        """Greedy-decode the model's correction of `sentence`."""
        messages = [{"role": "user", "content": build_prompt(sentence, lang, problem)}]
        inputs = self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        budget = len(self.tokenizer(sentence)["input_ids"]) * 2 + 16
        new_tokens = greedy_generate(
            self.model, self.tokenizer, dict(inputs), max_new_tokens=min(budget, 512)
        )
        return self.tokenizer.decode(new_tokens, skip_special_tokens=True)


def _validate_model_id(model: str) -> None:
    if not model or not (Path(model).is_dir() or _HUB_ID.match(model)):
        raise ConfigError(f"bad repair model {model!r}: give a hub id (org/name) or a directory")
