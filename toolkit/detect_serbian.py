"""Serbian and Bosnian in Latin script, told from Croatian by their words.

Serbian, Croatian and Bosnian share almost all of their grammar and spelling; CLD3 calls
Latin-script Serbian "hr" or "bs" (never "sr", which it knows in Cyrillic only) and half of
Croatian "bs", and langdetect's profiles know Croatian only. Four things tell them apart:

- the reflex of the old vowel jat: Serbian as written in Serbia is ekavian "vreme, pre,
  deo, dete, mesto, reč, gde, čovek" where Croatian and Bosnian write ijekavian
  "vrijeme, prije, dio, dijete, mjesto, riječ, gdje, čovjek";
- words: Croatian's own (tko, tisuća, tijekom, tjedan, povijest, siječnja...), and those
  Serbian and Bosnian write instead (ko, hiljada, tokom, sedmica/nedelja,
  historija/istorija, januara...);
- foreign names, which Serbian writes as they sound ("Džon, Tviter, Bajden") and Croatian
  and Bosnian as they are spelt ("John, Twitter, Biden");
- syntax: after modal and phase verbs Serbian writes "da" and the present where Croatian
  writes the infinitive ("može da uradi, treba da ide, počeo da radi" against "može
  učiniti, treba ići, počeo raditi"), and Serbian and Bosnian ask "da li" where Croatian
  asks "je li". Bosnian writes both; a modal "da" counts for Serbian as an ekavian word
  does, and for Serbian and Bosnian against Croatian as their words do. "mora da je"
  (must have been) is left out: Croatian writes it too.

A text with more ekavian words, names written the Serbian way and modal "da"s than
ijekavian and Bosnian-only words, and no more Croatian-only words than Serbian and
Bosnian ones, is Serbian; one with Serbian and Bosnian words and ijekavian ones (or
words only Bosnian writes) is Bosnian; one with Serbian and Bosnian words alone is a
close call of the two (`which_standard`). The first stage's Croatian is asked at any
length; where CLD3 says hr, bs or sr, the text is asked only whether it is Serbian
(`is_serbian`). The lists, where they come from, and the counting of a text's words and
phrases are `toolkit.detect_serbian_words`.

Where they do not decide, the same words say when Latin-script text the first stage
reads as Croatian is only a close call (`which_standard`): without a word only Croatian
writes it may be Bosnian, and without ijekavian words Serbian too. Text without a jat
word is Serbian by its letters (the close call of Bosnian and Serbian too) where a naive
Bayes model over their 1- to 5-letter pieces (`toolkit.detect_letter_grams`;
toolkit/data/serbian_grams.tsv.gz, Serbian against Croatian and Bosnian news of
NTREX-128's 40 documents in ../shared/eval/news_docs.jsonl, `python -m
benchmarks.letter_grams serbian`) passes `SERBIAN_LETTERS_FROM`: it catches ekavian
forms no list holds ("uspela") and names written the Serbian way that the
list lacks. On the other 83 documents the letters read 49 more Latin-script Serbian
sentences right (59.5 -> 63.2%) and 1 Croatian one wrong (99.5 -> 99.4%); 1 of
lingua-py's 900 Croatian tuning lines too. The modal "da", "da li", the words the
dictionaries and UD Serbian-SET gave, the ijekavian forms only Bosnian writes and the
letters in the close call then took Serbian to 67.6% and Bosnian from 20.2 to 28.8%
there, Croatian unchanged (99.4%); the dictionary's ekavian forms
(`toolkit.detect_serbian_words`) Serbian to 71.6%.
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.detect_letter_grams import gram_table, letter_words
from toolkit.detect_serbian_words import NOT_NAMES, counts

#: the probability a text's words give Serbian (ekavian) or Bosnian (ijekavian or
#: Bosnian-only words) where they also say it is not Croatian: of such answers on the
#: news of NTREX-128's 40 news_docs.jsonl documents, 456 of 465 Serbian ones and 129 of
#: 131 Bosnian ones are right (907 of 932 and 220 of 220 on the other 83 documents)
BY_WORDS = 0.9
#: Bosnian's share where only words Serbian and Bosnian share say the text is not
#: Croatian and its letters do not say Serbian: 89 of the 137 such sentences of those 40
#: documents are Bosnian, 48 Serbian (162 of 255 on the other 83 documents: 0.64).
#: lingua-py's tuning lines are left out of it: they hold no Latin-script Serbian
BOSNIAN_SHARE = 0.65
#: the letter-gram table of Serbian against Croatian and Bosnian, and the score from
#: which text without a jat word is Serbian by its letters: the smallest whole number
#: above the out-of-fold score of every Croatian and Bosnian sentence of the 40
#: news_docs.jsonl documents (a two-fold check: trained on one half, scored on the other)
GRAMS = "serbian_grams.tsv.gz"
SERBIAN_LETTERS_FROM = 32.0
#: the probability such text is Serbian: all 6 such out-of-fold sentences of the two-fold
#: check are, too few to fit it; on the other 83 documents 43 of the 52 sentences read so
#: are Serbian (83%), 8 Bosnian and 1 Croatian
BY_LETTERS = 0.85


class Reading(NamedTuple):
    """What Latin-script text the first stage reads as Croatian is, by its words: a
    language and its probability; the one other standard the words leave open
    (`runner_up`); or, for Croatian, the standards it may be as well (`neighbours`)."""

    lang: str
    probability: float
    runner_up: str | None = None
    neighbours: tuple[str, ...] = ()


def which_standard(text: str) -> Reading | None:
    """Serbian, Bosnian or Croatian, for Latin-script `text` the first stage reads as
    Croatian; None where Croatian's own words make it Croatian for sure (more of them
    than words Serbian and Bosnian write instead).

    Ekavian words, names written the Serbian way and a modal "da" ("može da uradi"),
    more of them than ijekavian and Bosnian-only words, say Serbian. Words Serbian and
    Bosnian write where Croatian writes another (tokom, miliona, evropski, porodica,
    "da li") say Bosnian with ijekavian words or a Bosnian-only word (sedmice, vjerovatno,
    historija), and otherwise Serbian where its letters say so (`SERBIAN_LETTERS_FROM`)
    and a close call of Bosnian and Serbian where they do not.

    Where the words do not decide, the text is Croatian with the standards it may be as
    well: Bosnian where it has an ijekavian word (Bosnian writes them too), Bosnian and
    Serbian where it has neither, unless its letters say Serbian (`SERBIAN_LETTERS_FROM`).
    On NTREX's news in the 40 news_docs.jsonl documents (671 sentences each of Croatian,
    Bosnian and Latin-script Serbian), the 162 sentences
    with a Croatian-only word are all Croatian; of the 592 with ijekavian words and no
    ekavian majority, 341 are Bosnian, 250 Croatian and 1 Serbian; of the 901 with
    neither, 324 are Bosnian, 259 Croatian and 318 Serbian (before the words Serbian and
    Bosnian share decided some of them).
    """
    found = counts(text)
    if found.croatian > found.serbian_and_bosnian:
        return None
    if found.say_serbian:
        return Reading("sr", BY_WORDS)
    if found.serbian_and_bosnian:
        if found.ijekavian or found.bosnian:
            return Reading("bs", BY_WORDS)
        if _letters_score(text) > SERBIAN_LETTERS_FROM:
            return Reading("sr", BY_LETTERS, runner_up="bs")
        return Reading("bs", BOSNIAN_SHARE, runner_up="sr")
    if not found.ijekavian and _letters_score(text) > SERBIAN_LETTERS_FROM:
        return Reading("sr", BY_LETTERS, runner_up="hr")
    return Reading("hr", 1.0, neighbours=("bs",) if found.ijekavian else ("bs", "sr"))


def _letters_score(text: str) -> float:
    """The naive Bayes log-odds of Serbian against Croatian and Bosnian by `text`'s letter
    grams (`toolkit.detect_letter_grams`), less the Croatian words that are spelt like
    a name's Serbian form ("trampa", barter, not Trump's "Tramp")."""
    words = (word for word in letter_words(text) if word not in NOT_NAMES)
    return gram_table(GRAMS).words_score(words)


def is_serbian(text: str) -> bool:
    """More ekavian words, names written the Serbian way and modal "da"s than ijekavian
    and Bosnian-only words in `text`, and no more words only Croatian writes than words
    Serbian and Bosnian write instead (what `which_standard` answers "sr 0.9" for)."""
    return counts(text).say_serbian
