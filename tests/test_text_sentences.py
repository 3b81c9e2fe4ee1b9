"""`toolkit.text.sentences`: where sentences end (every stage cuts text with it)."""

from __future__ import annotations

import pytest

from toolkit.text import sentences


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
