"""Fact checks between a source and its translation or brief."""

from __future__ import annotations

import pytest

from toolkit.qa import check_brief, check_translation, numbers, person_names


def _values(text: str, lang: str | None = None) -> list[set[float]]:
    return [set(n.values) for n in numbers(text, lang)]


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("10,000 troops", "en", 10000),
        ("10.000 Soldaten", "de", 10000),
        ("10 000 soldats", "fr", 10000),
        ("10\u202f000 soldats", "fr", 10000),  # narrow no-break space
        ("10\u00a0000 soldats", "fr", 10000),
        ("1,5 Millionen", "de", 1_500_000),
        ("1.5 million", "en", 1_500_000),
        ("150万人", "zh", 1_500_000),
        ("820,000人", "zh", 820000),
        ("三千人", "zh", 3000),
        ("两万", "zh", 20000),
        ("1만 명", "ko", 10000),
        ("15 lakh", "hi", 1_500_000),
        ("2,5 mil millones", "es", 2_500_000_000),
        ("$5bn", "en", 5_000_000_000),
        ("٢٠١٨", "ar", 2018),  # Arabic-Indic digits
        ("۲۶،۷۵۰ دلار", "fa", 26750),  # Persian digits and separator
        ("١٫٥ مليون", "ar", 1_500_000),  # Arabic decimal separator
    ],
)
def test_number_notations_are_read_as_values(text, lang, value):
    assert any(float(value) in values for values in _values(text, lang))


def test_ambiguous_grouping_keeps_both_readings_unless_the_language_settles_it():
    assert _values("1,500", "de") == [{1500.0, 1.5}]
    assert _values("1,500", "en") == [{1500.0}]
    assert _values("1.5", "en") == [{1.5}]


def test_percentages_dates_and_units_have_their_kind():
    kinds = {n.text: n.kind for n in numbers("14 % in 2018, up 3 percent, 10 inches, the 1980s")}
    assert kinds == {
        "14": "percentage",
        "2018": "date",
        "3": "percentage",
        "10": "unit",
        "1980": "decade",
    }
    assert numbers("%14 arttı", "tr")[0].kind == "percentage"


@pytest.mark.parametrize(
    "source,target,tgt",
    [
        ("NATO has 10,000 troops there.", "La OTAN tiene 10.000 soldados allí.", "es"),
        ("NATO has 10,000 troops there.", "L'OTAN y compte 10 000 soldats.", "fr"),
        ("It fell 1.5 percent.", "Es fiel um 1,5 Prozent.", "de"),
        ("More than 820,000 people are affected.", "超过82万人受到影响。", "zh"),
        ("Up to 10 inches of rain fell.", "Es fielen bis zu 25 Zentimeter Regen.", "de"),
        ("It happened at 19:30 BST.", "Это случилось в 7 часов 30 минут вечера.", "ru"),
        ("Prime Minister Zaev said so.", "Premier Zaew tak powiedział.", "pl"),
        (
            'He said: "We will stay here for now."',
            "Il a dit : « Nous restons ici pour l'instant ».",
            "fr",
        ),
        ("The 1980s were different.", "Les années quatre-vingt étaient différentes.", "fr"),
        (
            "North Korea met the Supreme Court.",
            "Corea del Norte se reunió con el Tribunal Supremo.",
            "es",
        ),
    ],
)
def test_faithful_translations_get_no_warning(source, target, tgt):
    assert check_translation(source, target, src_lang="en", tgt_lang=tgt) == []


@pytest.mark.parametrize(
    "target,kind,value",
    [
        ("La OTAN tiene 12.000 soldados allí desde 2019, un 14 % más.", "number", "10,000"),
        ("La OTAN tiene soldados allí desde 2019, un 14 % más.", "number", "10,000"),
        ("La OTAN tiene 10.000 soldados allí desde 2018, un 14 % más.", "date", "2019"),
        ("La OTAN tiene 10.000 soldados allí desde 2019, un 4 % más.", "percentage", "14"),
        ("La OTAN tiene 100.000 soldados allí desde 2019, un 14 % más.", "number", "10,000"),
    ],
)
def test_changed_or_dropped_numbers_are_caught(target, kind, value):
    source = "NATO has had 10,000 troops there since 2019, 14% more."
    faithful = "La OTAN tiene 10.000 soldados allí desde 2019, un 14 % más."
    assert check_translation(source, faithful, src_lang="en", tgt_lang="es") == []
    warnings = check_translation(source, target, src_lang="en", tgt_lang="es")
    assert [(w.kind, w.value) for w in warnings] == [(kind, value)]


def test_converted_units_must_still_be_a_plausible_conversion():
    source = "Up to 10 inches of rain fell."
    assert check_translation(source, "Es fielen bis zu 25 cm Regen.", tgt_lang="de") == []
    wrong = check_translation(source, "Es fielen bis zu 40 cm Regen.", tgt_lang="de")
    assert [(w.kind, w.value) for w in wrong] == [("number", "10")]


def test_names_are_checked_for_titled_people_in_the_same_script_only():
    assert person_names("President Joe Biden met Mr. Albence.") == [["Joe", "Biden"], ["Albence"]]
    source = "Secretary General Jens Stoltenberg spoke, Mr. Albence said."
    warnings = check_translation(source, "Jens Stoltenberg sprach, sagte er.", tgt_lang="de")
    assert [(w.kind, w.value) for w in warnings] == [("name", "Albence")]
    # Russian spells the name in Cyrillic: not compared.
    assert check_translation(source, "Йенс Столтенберг выступил, сказал он.") == []


def test_a_dropped_quotation_is_reported():
    source = 'He said: "We will stay here for now."'
    warnings = check_translation(source, "Il a dit qu'ils resteraient.", tgt_lang="fr")
    assert [w.kind for w in warnings] == ["quote"]
    # Scare quotes of one or two words are often dropped by translators: not reported.
    assert check_translation('the "fake Insta" accounts', "les faux comptes", tgt_lang="fr") == []


SOURCE = (
    "The Taliban said on Tuesday that 10,000 NATO troops should leave. "
    'Jens Stoltenberg said the alliance "will decide together" in February.'
)


def test_a_brief_supported_by_its_source_gets_no_warning():
    brief = 'Stoltenberg said NATO "will decide together" about its 10,000 troops.'
    assert check_brief(SOURCE, brief, src_lang="en", brief_lang="en") == []
    # A translated brief: numbers and names still checked against the source.
    assert (
        check_brief(SOURCE, "Stoltenberg: 10.000 Soldaten.", src_lang="en", brief_lang="de") == []
    )


def test_a_brief_stating_unsupported_facts_is_flagged():
    brief = 'Angela Merkel said the 12,000 troops "must leave at once" in February.'
    warnings = check_brief(SOURCE, brief, src_lang="en", brief_lang="en")
    found = {(w.kind, w.value) for w in warnings}
    assert ("number", "12,000") in found
    assert ("name", "Angela Merkel") in found
    assert ("quote", "must leave at once") in found
    assert all(w.message and w.value in w.message for w in warnings)


def test_a_brief_need_not_contain_everything():
    assert check_brief(SOURCE, "NATO troops should leave.", src_lang="en", brief_lang="en") == []


@pytest.mark.parametrize(
    "source,faithful,changed,tgt",
    [
        (  # a scaled decimal is one number, not 2 and 89 (a 2 elsewhere hid the change)
            "It cost 2.89 million dollars over 2 years.",
            "Costó 2,89 millones de dólares en 2 años.",
            "Costó 3,89 millones de dólares en 2 años.",
            "es",
        ),
        (
            "Shops open at 04:00.",
            "Las tiendas abren a las 4:00.",
            "Las tiendas abren a las 4:1.",
            "es",
        ),
        (
            "Shops open at 04:00.",
            "Die Läden öffnen um 4 Uhr.",
            "Die Läden öffnen um 4:01 Uhr.",
            "de",
        ),
        ("He is the world No.1.", "Es el número 1 del mundo.", "Es el número 2 del mundo.", "es"),
        ("It began in the 1980s.", "Comenzó en los años 1980.", "Comenzó en los años 1970.", "es"),
    ],
)
def test_a_changed_digit_is_caught_whatever_else_the_number_may_read_as(
    source, faithful, changed, tgt
):
    assert check_translation(source, faithful, src_lang="en", tgt_lang=tgt) == []
    warnings = check_translation(source, changed, src_lang="en", tgt_lang=tgt)
    assert any(w.kind in ("number", "date") for w in warnings), warnings


def test_spelled_out_decades_and_pashto_number_words_are_no_warning():
    assert check_translation("The 1980s were different.", "Los ochenta fueron distintos.") == []
    source = "An estimated 13 per cent of homes, says the 42-year-old."
    pashto = "د اټکل له مخې دیارلس سلنه کورونه، دوه څلویښت کلن وایي."
    assert check_translation(source, pashto, src_lang="en", tgt_lang="ps") == []
    changed = "د اټکل له مخې دیارلس سلنه کورونه، دوه دیرش کلن وایي."
    warnings = check_translation(source, changed, src_lang="en", tgt_lang="ps")
    assert [(w.kind, w.value) for w in warnings] == [("number", "42")]
