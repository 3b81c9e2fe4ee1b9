"""benchmarks/word_evidence.py: which sentences hold a word one standard's dictionary
accepts and another's rejects (the ceiling of telling Bosnian, Serbian and Malay from
their neighbours by their words)."""

from pathlib import Path

import pytest

from benchmarks import word_evidence

# What each dictionary accepts in these tests: the words all three write, and each
# standard's own ("tijekom" Croatian; "tokom" Bosnian and Serbian; "vreme" Serbian only).
SHARED = {"rekao", "je", "u", "ponedjeljak"}
ACCEPTS = {
    "hr_HR": SHARED | {"tijekom"},
    "bs_BA": SHARED | {"tokom"},
    "sr_Latn_RS": SHARED | {"tokom", "vreme"},
}
HR, BS, SR = "hr_HR", "bs_BA", "sr_Latn_RS"
LINES = [
    "Rekao je tokom sastanka",  # "tokom": not Croatian; "sastanka" in no dictionary here
    "Rekao je u ponedjeljak",  # every dictionary accepts every word
    "U vreme tokom",  # "vreme" is Serbian only
]


@pytest.fixture
def asked(monkeypatch):
    """Answer `accepted` from ACCEPTS, recording the words each call was asked about."""
    calls: list[set[str]] = []

    def accepted(dictionaries, words):
        words = set(words)
        calls.append(words)
        return {word for d in dictionaries for word in words if word in ACCEPTS[d.name]}

    monkeypatch.setattr(word_evidence, "accepted", accepted)
    return calls


def test_a_sentence_has_evidence_against_each_standard_whose_dictionary_rejects_its_word(
    asked,
):
    found = word_evidence.evidence(LINES, BS, {"hr": HR, "sr": SR}, Path("/d"))
    assert found == {
        "hr": [True, False, True],
        "sr": [False, False, False],
        word_evidence.ALL: [False, False, False],
    }
    found = word_evidence.evidence(LINES, SR, {"hr": HR, "bs": BS}, Path("/d"))
    assert found == {
        "hr": [True, False, True],
        "bs": [False, False, True],
        word_evidence.ALL: [False, False, True],
    }


def test_without_an_own_dictionary_any_word_the_other_rejects_counts(asked):
    """Malay has no Debian dictionary: a word the Indonesian one rejects is evidence
    ("sastanka" here, which no dictionary accepts); one other standard gives no ALL."""
    found = word_evidence.evidence(LINES, None, {"hr": HR}, Path("/d"))
    assert found == {"hr": [True, False, True]}


def test_names_and_numbers_are_no_evidence(asked):
    """Capitalized words are left out (the dictionaries hold different names), so a
    Croatian-rejected name says nothing; digits are not words."""
    found = word_evidence.evidence(["Tokom 2019 Vreme"], SR, {"hr": HR}, Path("/d"))
    assert found == {"hr": [False]}
    assert all(not words & {"Tokom", "2019", "Vreme"} for words in asked)
