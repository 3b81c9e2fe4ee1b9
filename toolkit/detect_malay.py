"""Malay (as written in Malaysia, Brunei and Singapore) told from Indonesian by its words.

Malay and Indonesian are one language in two standards; n-gram profiles and CLD3 cannot
separate them (CLD3 calls about a third of Indonesian sentences Malay). Where the first
stage reads Indonesian (at any length, unless CLD3 is sure of an added language),
`malay_or_indonesian` weighs the text's words, naive-Bayes style:

* each word's log10 frequency ratio between wordfreq's Malay and Indonesian word lists
  (`toolkit/data/malay_words.tsv.gz`, built by `python -m benchmarks.malay_words`):
  "beliau +1.3, polis +1.6, bahawa +2.2" against "pemerintah -1.0, sudah -0.7";
* plus `MARKER_WEIGHT` for each word only the Malaysian standard spells or chooses that
  way ("bahawa, kerana, sahaja, iaitu, mahu, kenderaan, universiti"), minus as much for
  each only Indonesian does ("bahwa, karena, saja, yaitu, mau, kendaraan, universitas").

The text is Malay where the sum passes `THRESHOLD`, which favours Indonesian, the first
stage's own language: the lowest cut-off (in steps of 0.1) at which at most 2 of the 671
Indonesian sentences of NTREX-128's 40 news_docs documents
(../shared/eval/news_docs.jsonl) and at most 1% of lingua-py's 900 Indonesian tuning
lines read as Malay. The confidence is a logistic function of the distance to it
(`SLOPE`), fitted on those 40 documents' parallel Malay and Indonesian sentences. On
NTREX-128's other 83 documents (1,326 sentences of each; `make eval ONLY=detect`
measures 100 of them) 85.7% of the Malay and 99.2% of the Indonesian sentences come out
right, and of the answers given 0.999 or more all are right, 97.9% of those at
0.9-0.999, 82.0% at 0.8-0.9, 60-72% at 0.6-0.8 and 58% at 0.5-0.6. On native news that
was never looked at to tune (the DSL shared task's 2014 and 2015 test sets, 1,000
sentences of each per year), 93.2% and 96.9% of the Malay and 99.9% and 99.8% of the
Indonesian sentences come out right.

The marker lists: a few words written down from the two standards, plus those of the
same 40 NTREX-128 documents: a word used 3+ times in one and never in the other, at
least 10 times more frequent in that language's wordfreq list and not common in the
other's (Zipf < 4.5), and, for the Malaysian list, absent from lingua-py's 900
Indonesian tuning lines: mostly spelling and word choice ("peratus / persen", "Eropah /
Eropa"). Words both standards use with another meaning were kept out: Indonesian "boleh"
(may), "kerajaan" (kingdom), "pejabat" (an official), "jabatan" (a post), "percuma" (in
vain), "bandar" (airport, in "bandar udara"), "polisi" (police; Malay "policy"),
"daripada" (than).
"""

from __future__ import annotations

import math
import re
from functools import cache

from toolkit.detect_word_lists import read_word_scores

_MALAYSIAN = frozenset(
    """
    agong ahad akaun akhbar bahagian baharu bahawa beg beratus berbanding berbeza
    berikrar berjaya bermula berpandu bersaiz bertembung berterusan bilik bual cawangan
    cuba dijangka duit elok eropah esok fesyen fikir gabenor geri greece hartanah
    hospital iaitu imigresen isnin jawatan jawatankuasa jenayah jerung julai jumaat
    jurucakap kakitangan kanser kawalan kebangsaan kebelakangan kecederaan kedudukan
    keganasan kejayaan kempen kemudiannya kemuncak kenderaan kerana kerusi kes kesemua
    kesihatan kewangan khamis lapan loceng mahu majlis majoriti manakala mangsa matlamat
    melucutkan membina menafikan mencipta mendedahkan mengelak mengesahkan menghalang
    menghantar mengikut mengundi mensasarkan menyaman menyokong menyukarkan merogol
    minit muktamad nuklear parlimen parti peguam pelbagai peminat pendakwa pengundi
    penyiasatan penyokong peratus percubaan pereka perhimpunan peribadi perkara
    perlumbaan persekutuan pertubuhan pesakit petang puan pusingan rakan rekaan rekod
    sahaja sebahagian sebarang sekatan sekiranya selepas selesa selidik semasa sepanyol
    seronok sesetengah sesiapa setakat setem siasatan soalan sukar suspek syarikat teksi
    telefon tempoh tentera terkorban teruk timbalan trafik tropika ubat undi universiti
    wang
    """.split()
)
_INDONESIAN = frozenset(
    """
    ajang akun bahwa begadang berarti berbagai berbeda berencana berpikir biaya bisa
    cocok dekade delapan desainer dimulai diperkirakan ditemukan dituduhkan dukungan
    eropa gratis histeris hiu imbang imigrasi individual inggris jajak jemaat juli jumat
    juni kabar kamis kampanye kandidat kanker kantor karena kartu kasus keberhasilan
    kebijakan kekhawatiran kemarin kendaraan kesehatan keuangan khawatir klaim klub
    kondisi konferensi konten kreasi lapas lokal lonceng manajemen manajer mau meksiko
    melucuti memperkirakan memulai memungkinkan menargetkan mencoba mendukung menemukan
    mengantongi menyadari mobil nomor nuklir partai pasien pelecehan pemberitaan
    penelitian pengobatan pengungsi peran percobaan pergantian pers persen perusahaan
    pidana pikiran pribadi properti provinsi rekan rekor reli saja sanksi sebagian senin
    sepihak serikat setelah siswa situs sore spanyol sponsor survei tanggal tas
    tersangka tiongkok tropis tunawisma turnamen uang universitas yaitu
    """.split()
)
_WORD = re.compile(r"\w+")
MARKER_WEIGHT = 2.0
THRESHOLD = 1.0
SLOPE = 0.9


def malay_or_indonesian(text: str) -> tuple[str, float]:
    """("ms" or "id", its probability against the other) for `text` (see the module doc)."""
    ratios = _ratios()
    score = 0.0
    for word in _WORD.findall(text.lower()):
        score += ratios.get(word, 0.0) + MARKER_WEIGHT * (
            (word in _MALAYSIAN) - (word in _INDONESIAN)
        )
    malay = 1.0 / (1.0 + math.exp(-min(50.0, max(-50.0, SLOPE * (score - THRESHOLD)))))
    return ("ms", malay) if malay > 0.5 else ("id", 1.0 - malay)


@cache
def _ratios() -> dict[str, float]:
    """Each word's log10(frequency in Malay / in Indonesian), loaded on first use."""
    return read_word_scores("malay_words.tsv.gz")
