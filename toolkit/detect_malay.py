"""Malay (as written in Malaysia, Brunei and Singapore) told from Indonesian by its words.

Malay and Indonesian are one language in two standards; n-gram profiles and CLD3 cannot
separate them (CLD3 calls about a third of Indonesian sentences Malay), so the detector
answers `id` with `ms` as a close-call runner-up, unless the text uses words that only
one standard spells or chooses that way: Malaysian "bahawa, kerana, sahaja, iaitu, mahu,
kenderaan, universiti" where Indonesian writes "bahwa, karena, saja, yaitu, mau,
kendaraan, universitas". A text with more Malaysian-only than Indonesian-only words is
Malay.

The lists: a few words written down from the two standards, plus those of NTREX-128's
professional Malay and Indonesian news (the same English translated into each) in the 40
documents of ../shared/eval/news_docs.jsonl: a word used 3+ times in one and never in the
other, at least 10 times more frequent in that language's wordfreq list and not common in
the other's (Zipf < 4.5), and, for the Malaysian list, absent from lingua-py's 900
Indonesian tuning lines: mostly spelling and word choice ("peratus / persen", "Eropah /
Eropa"), checked against the other 83 NTREX documents (`make eval
ONLY=detect`: news). On lingua-py's tuning lines none of the 900 Indonesian ones has
more Malaysian-only words than Indonesian-only ones; of its 900 "Malay" lines 55 do and
224 have as many Indonesian-only words or more (that corpus is mostly Indonesian web
text). Words both standards use with another meaning were kept out: Indonesian "boleh"
(may), "kerajaan" (kingdom), "pejabat" (an official), "jabatan" (a post), "percuma" (in
vain), "bandar" (airport, in "bandar udara"), "polisi" (police; Malay "policy"),
"daripada" (than).
"""

from __future__ import annotations

import re

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


def is_malaysian_malay(text: str) -> bool:
    """More Malaysian-only than Indonesian-only words in `text` (see the module doc)."""
    malaysian = indonesian = 0
    for word in _WORD.findall(text.lower()):
        malaysian += word in _MALAYSIAN
        indonesian += word in _INDONESIAN
    return malaysian > indonesian
