"""benchmarks/word_evidence.py: which sentences hold a word one standard's dictionary
accepts and another's rejects (the ceiling of telling Bosnian, Serbian and Malay from
their neighbours by their words)."""

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
def asked():
    """The words each spelling of `spell` was asked about, call by call."""
    return []


@pytest.fixture
def spell(asked):
    """A dictionary's spelling as ACCEPTS answers it, recording what it is asked."""

    def spelling_of(dictionary):
        def spelling(words):
            asked.append(set(words))
            return {word for word in words if word in ACCEPTS[dictionary]}

        return spelling

    return spelling_of


def test_a_sentence_has_evidence_against_each_standard_whose_dictionary_rejects_its_word(
    spell,
):
    found = word_evidence.evidence(LINES, spell(BS), {"hr": spell(HR), "sr": spell(SR)})
    assert found == {
        "hr": [True, False, True],
        "sr": [False, False, False],
        word_evidence.ALL: [False, False, False],
    }
    found = word_evidence.evidence(LINES, spell(SR), {"hr": spell(HR), "bs": spell(BS)})
    assert found == {
        "hr": [True, False, True],
        "bs": [False, False, True],
        word_evidence.ALL: [False, False, True],
    }


def test_without_an_own_dictionary_any_word_the_other_rejects_counts(spell):
    """Malay has no Debian dictionary: a word the Indonesian one rejects is evidence
    ("sastanka" here, which no dictionary accepts); one other standard gives no ALL."""
    found = word_evidence.evidence(LINES, None, {"hr": spell(HR)})
    assert found == {"hr": [True, False, True]}


def test_names_and_numbers_are_no_evidence(spell, asked):
    """Capitalized words are left out (the dictionaries hold different names), so a
    Croatian-rejected name says nothing; digits are not words."""
    found = word_evidence.evidence(["Tokom 2019 Vreme"], spell(SR), {"hr": spell(HR)})
    assert found == {"hr": [False]}
    assert all(not words & {"Tokom", "2019", "Vreme"} for words in asked)
