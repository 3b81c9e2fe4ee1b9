"""`toolkit.text.sentences`: where sentences end (every stage cuts text with it)."""

from __future__ import annotations

import pytest

from toolkit.text import sentences, split_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Kavanaugh is a judge on the D.C. Circuit Court of Appeals.",  # NTREX: split before
        "Det. Dennis McCarthy wrote in the release.",
        "Republicans Sens. John Kennedy and Lindsey Graham spoke.",
        "It was 5 p.m. Monday when J. Smith arrived.",
    ],
)
def test_abbreviations_and_dotted_names_do_not_end_a_sentence(text: str) -> None:
    assert [s.text for s in sentences(text)] == [text]


def test_real_sentence_ends_still_split() -> None:
    text = "Visit example.com. Then go home! Did it work? Yes."
    assert [s.text for s in sentences(text)] == [
        "Visit example.com.",
        "Then go home!",
        "Did it work?",
        "Yes.",
    ]


def test_a_stretch_without_letters_or_digits_joins_the_next_sentence() -> None:
    text = "Rain fell. . . . ! Then it stopped. 2024. Done."
    assert [s.text for s in sentences(text)] == [
        "Rain fell.",
        ". . . ! Then it stopped.",
        "2024.",
        "Done.",
    ]


def test_a_sentence_over_the_budget_comes_back_in_pieces_that_lose_nothing() -> None:
    text = "Intro sentence. Word " + "word " * 5000 + "end. Last one."
    split = split_sentences(text, max_chars=1000)
    pieces = split.sentences
    assert all(len(p.text) <= 1000 for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == text.replace(" ", "")
    assert pieces[0].text == "Intro sentence."
    assert pieces[-1].text == "Last one."
    assert len(split.overlong) == 1
    long = split.overlong[0]
    assert long.text.startswith("Word word") and long.text.endswith("end.")
    assert sentences(text) == split_sentences(text).sentences  # default budget: 10,000
    default = sentences(text)  # 25,000 characters in three pieces of the default 10,000
    assert len(default) == 5 and all(len(p.text) <= 10_000 for p in default)


def test_a_budget_cut_without_whitespace_is_a_hard_cut() -> None:
    text = "x" * 2500
    assert [len(p.text) for p in sentences(text, max_chars=1000)] == [1000, 1000, 500]
