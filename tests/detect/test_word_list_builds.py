"""The builds of detection's word lists (benchmarks/jat_words.py, jat_forms.py,
galician_words.py, nguni_words.py, letter_grams.py, malay_words.py) and the files shipped
in toolkit/data."""

import gzip
import math
from collections import Counter
from pathlib import Path

from benchmarks.galician_words import galician_words, lowercase_words
from benchmarks.jat_forms import suffix_forms
from benchmarks.jat_words import ijekavian_readings, jat_words
from benchmarks.letter_grams import MIN_COUNT, SMOOTHING, gram_log_ratios
from benchmarks.malay_words import CAP, MIN_RATIO, log_ratios
from benchmarks.nguni_words import line_counts, nguni_words
from toolkit.detect_letter_grams import letter_grams
from toolkit.detect_word_lists import read_word_lists, read_word_scores

DATA = Path(__file__).resolve().parents[2] / "toolkit" / "data"
SHIPPED = DATA / "jat_words.tsv"


def test_readings_change_one_inner_e_after_a_consonant():
    assert set(ijekavian_readings("mesto")) == {"mijesto", "mjesto"}
    assert set(ijekavian_readings("naneo")) == {"nanijeo", "nanjeo", "nanio"}
    assert list(ijekavian_readings("stare")) == []  # a last `e` is an ending, not jat
    assert list(ijekavian_readings("eon")) == []  # no consonant before it


def test_pairs_need_both_forms_about_as_frequent_and_the_ekavian_one_not_croatian():
    vocabulary = {
        "dečak": 4.0,
        "dječak": 4.2,
        "prema": 6.3,  # "prijema" is another, far rarer word
        "prijema": 3.5,
        "veće": 5.0,  # Croatian "larger"; "vijeće" is council
        "vijeće": 4.8,
        "stare": 4.5,
        "starije": 4.4,
    }
    ekavian, ijekavian = jat_words(
        vocabulary, lambda words: {"veće"} & set(words), lambda words: set()
    )
    assert ekavian == {"dečak"}
    assert ijekavian == {"dječak", "vijeće"}


def test_serbian_only_words_with_an_ijekavian_reading_are_ekavian_too():
    # only the ekavian form in the list: the dictionaries say which reading is jat
    vocabulary = {"povredila": 2.5, "bled": 2.8, "srpski": 4.0, "reka": 3.5, "mesto": 5.0}
    croatian_or_bosnian = {"povrijedila", "blijed", "rijeka", "mjesto", "mijesto", "mesto"}
    serbian = {"povredila", "bled", "srpski", "reka", "rijeka", "mesto"}
    ekavian, ijekavian = jat_words(
        vocabulary,
        lambda words: croatian_or_bosnian & set(words),
        lambda words: serbian & set(words),
    )
    # "bled": left out by hand (Bled, a name in Croatian text); "srpski": no ijekavian
    # reading; "mesto": Croatian accepts it as it is; "rijeka": Serbian writes it too
    assert ekavian == {"povredila", "reka"}
    assert ijekavian == {"povrijedila"}


def test_shipped_file_has_both_kinds_and_says_where_it_comes_from():
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and "wordfreq" in lines[0] and "hunspell" in lines[0]
    kinds = [line.split("\t")[0] for line in lines[1:]]
    assert set(kinds) == {"ekavian", "ijekavian"}
    assert kinds.count("ekavian") > 1900 and kinds.count("ijekavian") > 1000
    words = [line.split("\t")[1] for line in lines[1:]]
    assert "dečak" in words and "mesnim" not in words and "veće" not in words
    assert "povredila" in words and "opena" not in words  # Serbian only; "US Opena"
    assert "bledu" not in words  # "na Bledu"


# A dictionary in hunspell's format with numeric flags, as sr_Latn_RS writes it: flag 1
# declines a noun in -a ("kafana"), flag 2 adds case endings to one in a consonant only
# where it ends in -h ("osmeh", not "sat"); "0" strips or adds nothing.
NUMERIC_AFF = """SET UTF-8
FLAG num

SFX 1 Y 3
SFX 1 a a
SFX 1 a e
SFX 1 a om

SFX 2 Y 2
SFX 2 0 u h
SFX 2 0 om/1 h
"""


def test_suffix_forms_apply_each_flags_rules_where_their_condition_holds():
    dic = "3\nkafana/1\nosmeh/1,2\nsat/2\n"
    assert suffix_forms(dic, NUMERIC_AFF) == {
        "kafana", "kafane", "kafanom",  # flag 1
        "osmeh", "osmehu", "osmehom",  # flag 2 (flag 1 strips an "a" it does not end in)
        "sat",  # flag 2's condition: a word ending in h
    }  # fmt: skip


def test_suffix_forms_read_one_character_flags_too():
    aff = "SET UTF-8\n\nSFX A Y 1\nSFX A 0 i .\n\nSFX B Y 1\nSFX B o e [^e]o\n"
    assert suffix_forms("2\nprozor/A\nselo/AB\n", aff) == {
        "prozor", "prozori", "selo", "seloi", "sele"
    }  # fmt: skip


def test_shipped_jat_forms_are_lower_case_ekavian_forms_with_their_source():
    forms = read_word_lists("jat_forms.tsv.gz")
    assert set(forms) == {"ekavian"}
    ekavian = forms["ekavian"]
    assert len(ekavian) > 40_000 and all(word.islower() for word in ekavian)
    assert {"osmehu", "oterala", "ostarelom", "oklevanje"} <= ekavian
    assert not {"nedelje", "leta", "mesni", "veće"} & ekavian  # NOT_JAT; Croatian words
    with gzip.open(DATA / "jat_forms.tsv.gz", "rt", encoding="utf-8") as handle:
        header = handle.readline()
    assert header.startswith("# ") and "sr_Latn_RS" in header and "hr_HR" in header
    assert (DATA / "JAT_FORMS_LICENSE").read_text(encoding="utf-8").count("MOZILLA PUBLIC") == 1


def test_galician_words_are_galician_only_lowercase_and_not_common_elsewhere():
    accepts = {
        "gl_ES": {"dixo", "despois", "est", "ayr", "xrx", "uma", "pero", "moito"},
        "pt_PT": {"uma", "não", "pero"},
        "pt_BR": {"não", "moito"},
        "es_ES": {"una", "pero"},
    }
    galician, other = galician_words(
        galician_candidates={"dixo", "despois", "est", "xrx", "pero", "moito"},
        other_candidates={"uma", "não", "una", "pero"},
        accepts=accepts,
        common={"est"},  # frequent in Portuguese or Spanish text (wordfreq)
        rare={"moito", "xrx"},  # rare in both (wordfreq)
    )
    # "xrx" has no vowel; "pero" is Spanish too; "moito" is rare in Portuguese, though
    # its Brazilian dictionary accepts it
    assert galician == {"dixo", "despois", "moito"}
    assert other == {"não", "una"}  # "uma" and "pero" are Galician too
    assert lowercase_words(["Ayr vence: o Ayr dixo", "Despois"]) == {"vence", "o", "dixo"}


def test_shipped_galician_lists():
    with gzip.open(DATA / "galician_words.tsv.gz", "rt", encoding="utf-8") as lines:
        header = lines.readline()
    assert header.startswith("# ") and "hunspell" in header and "NTREX-128" in header
    kinds = read_word_lists("galician_words.tsv.gz")
    assert set(kinds) == {"galician", "other"}
    assert len(kinds["galician"]) > 500 and len(kinds["other"]) > 10_000
    assert {"dixo", "despois", "tamén"} <= kinds["galician"] and "não" in kinds["other"]
    assert not kinds["galician"] & kinds["other"]


def test_nguni_words_need_both_sources_enough_lines_and_few_in_the_other_language():
    sources = {
        "xh": (
            Counter(kwaye=5, koloni=9, xa=1, nje=4, okay=3),
            Counter(kwaye=4, xa=2, nje=4, okay=3),
        ),
        "zu": (Counter(ukuthi=6, nje=3, xa=0), Counter(ukuthi=5, futhi=1)),
    }
    listed = nguni_words(sources, english={"okay"})
    # "koloni": one source only; "nje": both languages write it; "okay": English
    assert listed == {"xh": {"kwaye", "xa"}, "zu": {"ukuthi"}}
    # a word counts once per line, and only in lowercase
    assert line_counts(["xa xa Kwaye", "Xa kwaye"]) == Counter(xa=1, kwaye=1)


def test_shipped_nguni_lists():
    header = (DATA / "nguni_words.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# ") and "NTREX-128" in header and "lingua-py" in header
    listed = read_word_lists("nguni_words.tsv")
    assert set(listed) == {"xh", "zu"}
    assert len(listed["xh"]) > 200 and len(listed["zu"]) > 200
    assert {"kwaye", "okanye", "apho"} <= listed["xh"] and {"ukuthi", "lapho"} <= listed["zu"]
    assert not listed["xh"] & listed["zu"]


def test_malay_ratios_are_capped_rounded_and_leave_out_words_about_as_frequent_in_both():
    malay = {"beliau": 1e-4, "yang": 3e-2, "polis": 4e-5, "nya": 1e-3}
    indonesian = {"beliau": 5e-6, "yang": 2.9e-2, "sudah": 2e-3, "2019": 1e-4}
    ratios = log_ratios(["beliau", "yang", "polis", "sudah", "2019"], malay, indonesian)
    # beliau: log10(20) = 1.3; polis: missing in id, counted at MIN_FREQUENCY there (2.6);
    # sudah: missing in ms, capped at -CAP; yang: within a factor of 2; 2019: not a word
    assert ratios == {"beliau": 1.3, "polis": 2.6, "sudah": -CAP}
    assert log_ratios(["nya"], {"nya": 1.0}, {})["nya"] == CAP


def _shipped_scores(name: str) -> tuple[str, dict[str, float]]:
    """The first line of the gzip-compressed table toolkit/data/`name`, and its scores."""
    with gzip.open(DATA / name, "rt", encoding="utf-8") as lines:
        header = lines.readline()
    return header, read_word_scores(name)


def test_shipped_malay_ratios():
    header, ratios = _shipped_scores("malay_words.tsv.gz")
    assert header.startswith("# ") and "wordfreq" in header
    assert len(ratios) > 20_000
    assert ratios["beliau"] > 1 and ratios["pemerintah"] < -0.5 and "yang" not in ratios
    assert all(MIN_RATIO <= abs(ratio) <= CAP for ratio in ratios.values())


def test_letter_grams_are_smoothed_log_ratios_of_grams_seen_often_enough():
    ratios = gram_log_ratios(["tyty tyty"], ["hh hh hh"])
    xh, zu = Counter(letter_grams("tyty tyty")), Counter(letter_grams("hh hh hh"))
    vocabulary = len(xh.keys() | zu.keys())
    xh_share = (xh["t"] + SMOOTHING) / (xh.total() + SMOOTHING * vocabulary)
    zu_share = SMOOTHING / (zu.total() + SMOOTHING * vocabulary)  # no "t" in Zulu's
    assert ratios["t"] == round(math.log(xh_share / zu_share), 1) > 0
    assert ratios["h"] < 0 and ratios["_hh_"] < 0
    # "tyty" is seen twice, under MIN_COUNT
    assert "tyty" not in ratios and xh["tyty"] < MIN_COUNT


def test_shipped_nguni_grams():
    header, ratios = _shipped_scores("nguni_grams.tsv.gz")
    assert header.startswith("# ") and "NTREX-128" in header and "lingua-py" in header
    assert len(ratios) > 20_000 and all(ratio != 0 for ratio in ratios.values())
    # Xhosa's rh and ty, Zulu's ngi- (the first person) and "futhi"
    assert ratios["rh"] > 1 and ratios["ty"] > 1 and ratios["_ngi"] < -1 and ratios["futhi"] < -1


def test_shipped_serbian_grams():
    header, ratios = _shipped_scores("serbian_grams.tsv.gz")
    assert header.startswith("# ") and "NTREX-128" in header and "sr" in header
    assert len(ratios) > 15_000 and all(ratio != 0 for ratio in ratios.values())
    # ekavian "deo" against ijekavian "dio" and "-rije-"; Serbian "ko" against Croatian "tko"
    assert ratios["_deo_"] > 1 and ratios["_dio_"] < -1 and ratios["rije"] < -1
    assert ratios["_ko_"] > 0 > ratios["_tko_"]
