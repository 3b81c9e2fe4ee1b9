"""Issue 13: every text stage stays linear on hostile input.

Each input kind that once took quadratic time (benchmarks/scaling_inputs.py) runs
through each stage at a medium size in a child process under a generous bound: the old
code took minutes at this size, the fixed code well under a second to a few seconds, so
the bound catches a regression without depending on timer noise. Speed itself is
measured by `make bench ONLY=scaling`.
"""

from __future__ import annotations

import multiprocessing as mp
import random

import pytest

from benchmarks.scaling_inputs import KINDS
from toolkit.detect import detect_spans
from toolkit.repair import repair
from toolkit.repair.edits import Change, EditLog
from toolkit.summarize import summarize
from toolkit.text import MAX_SENTENCE_CHARS, sentences
from toolkit.translate.segment import units

MEDIUM = 200_000
BOUND_S = 60  # generous: the quadratic paths took minutes at this size

STAGES = {
    "repair": lambda text: repair(text, "en"),
    "detect": lambda text: detect_spans(text, per_sentence=True),
    "summarize": lambda text: summarize(text, lang="en"),
    "segment": units,
}


def _run(stage: str, kind: str) -> None:
    STAGES[stage](KINDS[kind](MEDIUM))


@pytest.mark.slow
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_hostile_kind_finishes_within_the_bound(stage: str) -> None:
    ctx = mp.get_context("fork")
    for kind in KINDS:
        child = ctx.Process(target=_run, args=(stage, kind))
        child.start()
        child.join(BOUND_S)
        if child.is_alive():
            child.kill()
            child.join()
            pytest.fail(f"{stage} on {MEDIUM:,} chars of {kind} ran past {BOUND_S} s")
        assert child.exitcode == 0, f"{stage} failed on {kind}"


@pytest.mark.parametrize("kind", ["glued_periods", "real_fixes", "padded_brackets", "dot_space"])
def test_repair_edits_still_rebuild_the_text_from_the_input(kind: str) -> None:
    text = KINDS[kind](20_000)
    result = repair(text, "en")
    rebuilt, pos = [], 0
    for edit in result.edits:
        assert text[edit.start : edit.end] == edit.before
        rebuilt.append(text[pos : edit.start] + edit.after)
        pos = edit.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == result.text
    if kind in ("real_fixes", "padded_brackets"):
        assert result.edits  # the real fixes are still made


def test_editlog_many_changes_in_one_rule_point_into_the_input() -> None:
    rnd = random.Random(13)
    source = "".join(rnd.choice("ab c.") for _ in range(5000))
    log = EditLog(source)
    for rule in ("one", "two", "three"):
        text = log.text
        cuts = sorted(rnd.sample(range(len(text) + 1), 400))
        pairs = zip(cuts[::2], cuts[1::2], strict=True)
        changes = [Change(s, e, rnd.choice(["", "x", " y "])) for s, e in pairs]
        expected = list(text)
        for change in reversed(changes):
            expected[change.start : change.end] = change.after
        log.apply(rule, changes)
        assert log.text == "".join(expected)
    for edit in log.edits():
        assert source[edit.start : edit.end] == edit.before


@pytest.mark.parametrize("mark", [".", "!", "?", "…", "。"])
def test_a_run_of_terminal_marks_is_one_piece_and_loses_nothing(mark: str) -> None:
    text = "Start here " + mark * 50_000 + " Then more. And the end."
    spans = sentences(text, max_chars=100_000)
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")
    assert len(spans) <= 4
    budgeted = sentences(text)  # the default budget cuts the run into pieces, losing nothing
    assert "".join(s.text for s in budgeted).replace(" ", "") == text.replace(" ", "")
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in budgeted)


@pytest.mark.parametrize("digits", [4, 32])
def test_a_long_digit_run_is_no_dateline_and_takes_no_time(digits: int) -> None:
    from toolkit.summarize.segment import segment

    kinds = [s.kind for s in segment("1" * digits + "a")]  # the old regex: exponential
    assert kinds == ["headline"]
    assert [s.kind for s in segment("Tuesday, May 3, 2015")] == ["dateline"]


def _protected_spaces() -> None:
    from toolkit.translate.backends.bergamot import translate_protected

    class Upper:  # stands in for the engine: only the text around it is under test
        def translate(self, text: str) -> str:
            return text.upper()

    piece = "Moscow" + " " * MEDIUM + "talks ("
    assert translate_protected(Upper(), piece) == "MOSCOW" + " " * MEDIUM + "TALKS ("


def test_firefox_piece_edges_take_no_time_on_a_long_run_of_spaces() -> None:
    # The edge regex this replaced was cubic: 2,000 spaces took 14 s, 200,000 would never end.
    child = mp.get_context("fork").Process(target=_protected_spaces)
    child.start()
    child.join(BOUND_S)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"translate_protected on {MEDIUM:,} spaces ran past {BOUND_S} s")
    assert child.exitcode == 0
