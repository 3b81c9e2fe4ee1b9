"""The extractive summarizer: order, length, what is never picked, redundancy, languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.summarize import summarize
from toolkit.summarize.extractive import Length, TextRankSummarizer
from toolkit.summarize.segment import segment
from toolkit.summarize.tokenize import tokens, word_count

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"


def _config() -> Config:
    return Config.load(search_default_files=False)


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path,lang",
    [
        ("seeds/en_nato_taliban_machine_translated.txt", "en"),
        ("seeds/es_macedonia_referendum.txt", "es"),
        ("seeds/fr_syria_refugees.txt", "fr"),
        ("seeds/de_china_hiv_cases.txt", "de"),
        ("seeds/ru_shark_lobster_dive.txt", "ru"),
        ("tests/data/ntrex_bbc381669_zh.txt", "zh"),
        ("tests/data/ntrex_bbc381669_ja.txt", "ja"),
        ("tests/data/ntrex_bbc381669_ko.txt", "ko"),
        ("tests/data/ntrex_bbc381669_ar.txt", "ar"),
    ],
)
def test_sentences_come_from_the_article_in_its_order(path, lang):
    text = (ROOT / path).read_text(encoding="utf-8")
    summary = summarize(text, lang, sentences=3, config=_config())
    assert summary.lang == lang and summary.method == "textrank"
    assert len(summary.sentences) == 3
    starts = [span.start for span in summary.spans]
    assert starts == sorted(starts)
    for span in summary.spans:
        assert text[span.start : span.end] == span.text
    first_line = text.split("\n", 1)[0]
    if first_line[-1] not in ".!?。":  # the seeds and NTREX files start with a headline
        assert segment(text)[0].kind == "headline"
        assert first_line not in summary.sentences
    joiner = "" if lang in ("zh", "ja") else " "
    assert summary.text == joiner.join(summary.sentences)


def test_sentence_count_option(seed_text):
    for n in (1, 2, 5):
        assert len(summarize(seed_text, "en", sentences=n, config=_config()).sentences) == n


def test_word_budget_keeps_whole_sentences_within_the_limit(seed_text):
    for budget in (40, 80, 150):
        summary = summarize(seed_text, "en", words=budget, config=_config())
        assert summary.sentences
        assert word_count(summary.text) <= budget
        for sentence in summary.sentences:
            assert sentence in " ".join(seed_text.split())
    # A budget smaller than any sentence still gives one whole sentence.
    tiny = summarize(seed_text, "en", words=3, config=_config())
    assert len(tiny.sentences) == 1 and word_count(tiny.text) > 3


def test_word_budget_counts_characters_in_chinese():
    text = _read("ntrex_bbc381669_zh.txt")
    summary = summarize(text, "zh", words=40, config=_config())
    assert summary.sentences and word_count(summary.text) <= 40


def test_bad_length_is_an_input_error(seed_text):
    with pytest.raises(InputError):
        summarize(seed_text, "en", sentences=0, config=_config())
    with pytest.raises(InputError):
        summarize(seed_text, "en", words=0, config=_config())


ARTICLE = """Storm Hits Coast, Thousands Evacuated

By Maria Lopez

Published: 10:02 GMT, 3 May 2021

A powerful storm struck the southern coast on Monday, forcing thousands to leave home.
Officials said the storm brought winds of up to 150 kilometres an hour to coastal towns.

PHOTOS

More than 20,000 homes lost power across the region, the electricity company said on Monday evening.
Rescue teams were sent to three towns where rivers burst their banks overnight.
Schools in the region will stay closed until Wednesday, the education ministry announced.
"""


def test_headline_byline_dateline_and_fragments_are_not_picked():
    kinds = {s.text: s.kind for s in segment(ARTICLE)}
    assert kinds["Storm Hits Coast, Thousands Evacuated"] == "headline"
    assert kinds["By Maria Lopez"] == "byline"
    assert kinds["Published: 10:02 GMT, 3 May 2021"] == "dateline"
    assert kinds["PHOTOS"] in ("headline", "fragment")
    summary = summarize(ARTICLE, "en", sentences=5, config=_config())
    assert len(summary.sentences) == 5
    for sentence in summary.sentences:
        assert kinds[sentence] == "sentence"


def test_glued_sentences_are_cut_apart():
    text = 'The minister quit on Friday.The party chose a successor. "We are ready."Polls follow.'
    pieces = [s.text for s in segment(text)]
    assert pieces[:2] == ["The minister quit on Friday.", "The party chose a successor."]
    assert '"We are ready."' in pieces


def test_hard_wrapped_lines_stay_in_their_sentence():
    text = "The council voted on Monday to approve\nthe new budget for the coming year.\n"
    pieces = segment(text)
    assert len(pieces) == 1 and pieces[0].kind == "sentence"


LEAD = "The central bank raised interest rates by half a point on Tuesday to fight inflation."
REDUNDANT = (
    LEAD
    + "\n\n"
    + LEAD.replace("on Tuesday", "this week")
    + " Inflation reached 9 percent in March, the highest level in forty years."
    + " Economists expect the central bank to raise interest rates again in the autumn."
    + " Mortgage holders will pay more from next month, banks said."
    + " The currency rose against the dollar after the interest rates decision."
)


def test_near_duplicate_sentences_are_not_both_picked():
    near_copy = LEAD.replace("on Tuesday", "this week")
    length = Length(sentences=3)
    plain = TextRankSummarizer(redundancy=0.0, duplicate=1.01).summarize(REDUNDANT, "en", length)
    assert LEAD in plain.sentences and near_copy in plain.sentences  # the test can fail
    summary = TextRankSummarizer().summarize(REDUNDANT, "en", length)
    assert not (LEAD in summary.sentences and near_copy in summary.sentences)
    assert len(summary.sentences) == 3


def test_tokens_are_language_aware():
    assert tokens("The troops will withdraw", "en") == ["troops", "withdra"]
    assert "the" in tokens("The troops", None)  # no language: no stopword list
    assert tokens("中国宣布", "zh") == ["中国", "国宣", "宣布"]
    assert tokens("ประเทศไทย", "th")[:2] == ["ปร", "ระ"]
    assert word_count("中国宣布人数") == 3
    assert word_count("Ten thousand troops") == 3


def test_empty_and_headline_only_text_give_an_empty_summary():
    assert summarize("", "en", config=_config()).sentences == []
    assert summarize("Just A Headline\n", "en", config=_config()).text == ""


def test_lead_engine_takes_the_first_body_sentences():
    cfg = _config()
    cfg.set("summarize.engine", "lead")
    summary = summarize(ARTICLE, "en", sentences=2, config=cfg)
    assert summary.method == "lead"
    body = [s.text for s in segment(ARTICLE) if s.pickable]
    assert summary.sentences == body[:2]
