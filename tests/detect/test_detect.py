"""Language detection (Python API): families, short text, spans, und, determinism.

All sample sentences here were written for these tests (news-style, no copied text).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.resources import files

import pytest

import toolkit
from toolkit.config import Config
from toolkit.detect import Detection, LanguageSpan, detect, detect_spans

SENTENCES = {
    # Romance
    "es": "El gobierno anunció ayer que la nueva escuela abrirá sus puertas el próximo año.",
    "fr": "Le gouvernement a annoncé hier que la nouvelle école ouvrira l'année prochaine.",
    "it": "Il governo ha annunciato ieri che la nuova scuola aprirà il prossimo anno.",
    "pt": "O governo anunciou ontem que a nova escola vai abrir no próximo ano.",
    "ro": "Guvernul a anunțat ieri că noua școală se va deschide anul viitor.",
    "ca": "El govern va anunciar ahir que la nova escola obrirà les portes l'any vinent.",
    # Germanic
    "en": "The government announced yesterday that the new school will open next year.",
    "de": "Die Regierung hat gestern angekündigt, dass die neue Schule nächstes Jahr öffnet.",
    "nl": "De regering heeft gisteren aangekondigd dat de nieuwe school volgend jaar opengaat.",
    "sv": "Regeringen meddelade i går att den nya skolan öppnar nästa år.",
    "da": "Regeringen meddelte i går, at den nye skole åbner næste år i hovedstaden.",
    "nb": "Regjeringen kunngjorde i går at den nye skolen åpner neste år i hovedstaden.",
    "af": "Die regering het gister aangekondig dat die nuwe skool volgende jaar oopmaak.",
    # Slavic, Cyrillic and Latin
    "ru": "Правительство вчера объявило, что новая школа откроется в следующем году.",
    "uk": "Уряд учора оголосив, що нова школа відкриється наступного року.",
    "bg": "Правителството обяви вчера, че новото училище ще отвори врати догодина.",
    "mk": "Владата вчера објави дека новото училиште ќе се отвори следната година.",
    "pl": "Rząd ogłosił wczoraj, że nowa szkoła zostanie otwarta w przyszłym roku.",
    "cs": "Vláda včera oznámila, že nová škola bude otevřena příští rok.",
    "sk": "Vláda včera oznámila, že nová škola sa otvorí budúci rok.",
    "hr": "Vlada je jučer objavila da će nova škola biti otvorena sljedeće godine.",
    "sl": "Vlada je včeraj sporočila, da bo nova šola odprta prihodnje leto.",
    # Baltic
    "lt": "Vyriausybė vakar paskelbė, kad nauja mokykla bus atidaryta kitais metais.",
    "lv": "Valdība vakar paziņoja, ka jaunā skola tiks atvērta nākamgad.",
    # Greek
    "el": "Η κυβέρνηση ανακοίνωσε χθες ότι το νέο σχολείο θα ανοίξει του χρόνου.",
    # Semitic
    "ar": "أعلنت الحكومة أمس أن المدرسة الجديدة ستفتح أبوابها العام المقبل.",
    "he": "הממשלה הודיעה אתמול כי בית הספר החדש ייפתח בשנה הבאה.",
    # Indo-Iranian
    "fa": "دولت دیروز اعلام کرد که مدرسه جدید سال آینده افتتاح می‌شود.",
    "ur": "حکومت نے کل اعلان کیا کہ نیا اسکول اگلے سال کھلے گا۔",
    "hi": "सरकार ने कल घोषणा की कि नया स्कूल अगले साल खुलेगा।",
    "mr": "सरकारने काल जाहीर केले की पुढील वर्षी नवीन शाळा सुरू होईल.",
    "bn": "সরকার গতকাল ঘোষণা করেছে যে নতুন স্কুলটি আগামী বছর খুলবে।",
    # CJK and Korean
    "zh": "政府昨天宣布，新学校将于明年开学。",
    "ja": "政府は昨日、新しい学校が来年開校すると発表した。",
    "ko": "정부는 어제 새 학교가 내년에 문을 연다고 발표했다.",
    # Turkic, Finno-Ugric
    "tr": "Hükümet dün yeni okulun gelecek yıl açılacağını duyurdu.",
    "fi": "Hallitus ilmoitti eilen, että uusi koulu avataan ensi vuonna.",
    "hu": "A kormány tegnap bejelentette, hogy az új iskola jövőre nyit meg.",
    "et": "Valitsus teatas eile, et uus kool avatakse järgmisel aastal.",
    # South-East Asia, Africa, Celtic, Albanian, Thai
    "vi": "Chính phủ hôm qua thông báo rằng trường học mới sẽ mở cửa vào năm tới.",
    "id": "Pemerintah kemarin mengumumkan bahwa sekolah baru akan dibuka tahun depan.",
    "tl": "Inanunsyo ng gobyerno kahapon na magbubukas ang bagong paaralan sa susunod na taon.",
    "sw": "Serikali imetangaza jana kwamba shule mpya itafunguliwa mwaka ujao.",
    "cy": "Cyhoeddodd y llywodraeth ddoe y bydd yr ysgol newydd yn agor y flwyddyn nesaf.",
    "sq": "Qeveria njoftoi dje se shkolla e re do të hapet vitin e ardhshëm.",
    "th": "รัฐบาลประกาศเมื่อวานนี้ว่าโรงเรียนใหม่จะเปิดในปีหน้า",
}


@pytest.mark.parametrize(("lang", "text"), sorted(SENTENCES.items()))
def test_sentence_in_each_family(lang, text):
    found = detect(text)
    assert found.lang == lang, (found, text)
    assert found.confidence > 0.5


def test_traditional_chinese_is_zh():
    assert detect("政府昨天宣布，新學校將於明年開學。").lang == "zh"


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("de", "Regierung plant neue Steuer"),
        ("fr", "Le président démissionne"),
        ("es", "Inundaciones en el sur"),
        ("pt", "Governo aprova orçamento"),
        ("it", "Sciopero dei treni domani"),
        ("nl", "Kabinet valt over stikstof"),
        ("pl", "Wybory w przyszłym tygodniu"),
        ("tr", "Deprem bölgesinde yardım"),
        ("ru", "Выборы перенесены"),
        ("da", "indtil"),
        ("nb", "inntil"),
        ("sv", "fortfarande"),
        ("en", "breaking news"),
    ],
)
def test_headlines_and_single_words(lang, headline):
    assert detect(headline).lang == lang


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "12345 67.89", "!!! ??? ...", "https://example.com/a?b=1", "a@b.org", "😀😀"],
)
def test_nothing_to_detect_is_und(text):
    found = detect(text)
    assert found == Detection("und", 0.0, [])


def test_lone_surrogates_and_long_text_are_handled():
    assert detect("ab\ud800 " + SENTENCES["fi"]).lang == "fi"
    assert detect(SENTENCES["pl"] * 2000).lang == "pl"  # ~150,000 characters


def test_unknown_script_is_und():
    # Cherokee: no language here writes it, so no honest guess either. (Georgian, the
    # example before the second stage, is now `ka`: see tests/detect/test_detect_added.py.)
    assert detect("ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᏗᎦᎪᏗ").lang == "und"


def test_urls_and_numbers_do_not_sway_the_language():
    text = "Lisez l'article complet sur https://www.example.com/news/2024/item?id=42 dès 8h30."
    assert detect(text).lang == "fr"


def test_confidence_is_high_for_long_text_and_lower_for_an_ambiguous_word():
    long_text = " ".join([SENTENCES["es"], SENTENCES["es"].replace("escuela", "biblioteca")])
    assert detect(long_text).confidence >= 0.99
    ambiguous = detect("hotel")  # the same word in a dozen languages
    assert ambiguous.confidence < 0.9
    assert ambiguous.candidates


def test_candidates_are_sorted_runners_up():
    found = detect("banco")  # es, pt, it share it
    probs = [found.confidence] + [p for _, p in found.candidates]
    assert probs == sorted(probs, reverse=True)
    assert found.lang not in [lang for lang, _ in found.candidates]
    assert sum(probs) <= 1.0 + 1e-6
    assert all(0.0 < p <= 1.0 for p in probs)


def test_min_confidence_turns_a_weak_guess_into_und():
    config = Config()
    config.detect.min_confidence = 0.95
    weak = detect("hotel", config=config)
    assert weak.lang == "und"
    assert weak.candidates  # the guesses are still there
    assert detect(SENTENCES["de"], config=config).lang == "de"


def test_mixed_language_article_per_paragraph():
    paragraphs = [SENTENCES["en"], SENTENCES["fr"], SENTENCES["de"], SENTENCES["de"]]
    text = "\n\n".join(paragraphs) + "\n"
    spans = detect_spans(text)
    assert [span.lang for span in spans] == ["en", "fr", "de", "de"]  # never merged
    for span, para in zip(spans, paragraphs, strict=True):
        assert isinstance(span, LanguageSpan)
        assert text[span.start : span.end] == para
        assert span.confidence > 0.8


def test_mixed_language_paragraph_per_sentence():
    text = f"{SENTENCES['en']} {SENTENCES['en'].replace('school', 'hospital')} {SENTENCES['es']}"
    spans = detect_spans(text, per_sentence=True)
    assert [span.lang for span in spans] == ["en", "es"]  # the two English ones merged
    assert text[spans[0].start : spans[0].end].endswith("next year.")
    assert text[spans[1].start : spans[1].end] == SENTENCES["es"]


def test_standards_of_one_language_are_one_span_read_as_a_whole():
    # sentence by sentence bs, bs, hr (no telling word), bs: one span, Bosnian
    sentences = [
        "Vlada je prošle sedmice usvojila budžet.",
        "Tokom rasprave, zvaničnici su rekli da će hiljade porodica dobiti pomoć.",
        "Ministar je to potvrdio.",
        "Djeca će pomoć dobiti tokom ljeta.",
    ]
    assert [detect(s).lang for s in sentences] == ["bs", "bs", "hr", "bs"]
    text = " ".join(sentences)
    spans = detect_spans(text, per_sentence=True)
    assert [(span.start, span.end, span.lang) for span in spans] == [(0, len(text), "bs")]
    # another language still starts a span of its own
    mixed = f"{text} {SENTENCES['en']}"
    assert [span.lang for span in detect_spans(mixed, per_sentence=True)] == ["bs", "en"]


def test_spans_of_empty_text():
    assert detect_spans("") == []
    assert detect_spans("\n\n  \n") == []


def test_package_level_detect_works_whatever_was_imported_first():
    code = (
        "import toolkit.detect, toolkit;"
        "print(toolkit.detect('Guten Morgen, wie geht es Ihnen heute?').lang);"
        "from toolkit import detect_spans; print(len(detect_spans('a b')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["de", "1"]
    assert toolkit.detect(SENTENCES["it"]).lang == "it"


def test_deterministic_across_processes_and_hash_seeds():
    texts = [SENTENCES["nb"], "hotel", "banco", "Kabinet valt over stikstof"]
    code = (
        "import json, sys; from toolkit.detect import detect;"
        "print(json.dumps([detect(t).__dict__ for t in json.load(sys.stdin)]))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    here = [detect(t) for t in texts]
    assert [d.lang for d in here] == [d["lang"] for d in json.loads(outputs[0])]


def test_every_langdetect_language_is_known():
    from toolkit.detect_scores import load_model

    profiles = sorted(entry.name for entry in (files("langdetect") / "profiles").iterdir())
    assert len(profiles) == 55
    assert load_model().data.langs == profiles


def test_common_word_reads_the_shipped_word_lists():
    from toolkit.detect_data import common_word

    assert common_word("china", "en") and common_word("мексики", "ru")
    assert common_word("og", "nb")  # Norwegian Bokmål's list sits under langdetect's "no"
    assert not common_word("walla", "en")  # a part of a reduplicated name is no word
    assert not common_word("china", "ps")  # no list for the language: never common
