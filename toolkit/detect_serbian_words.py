"""The words and phrases that tell Serbian, Bosnian and Croatian apart in Latin script,
and how many of each a text has (`counts`), for `toolkit.detect_serbian` to weigh.

The lists are common words in both reflexes (and Croatian-only words), written down from
the standard languages and checked on lingua-py's Leipzig tuning lines (Serbian
transliterated from Cyrillic, Croatian, Bosnian); words that Leipzig's Bosnian or
Croatian also writes in the ekavian form (veoma, zavisi, uslov, nedelja...) were left out.
Added to them: the words of NTREX-128's professional Serbian (Latin) and Croatian news in
the 40 documents of ../shared/eval/news_docs.jsonl that one uses 3+ times and the other
two (and lingua-py's tuning lines of the other two) never, names dropped; and words
written down from the standards where Debian's hunspell dictionaries disagree (Serbian's
and Bosnian's accept the word and Croatian's does not) and in no Croatian line of those
documents, of lingua-py's tuning lines or of UD Croatian-SET's development sentences:
"sudija, ubistvo, ostrvo, uslov, preduzeće, dobija, saopštio, sopstveni, italijanski"
for Croatian's "sudac, ubojstvo, otok, uvjet, poduzeće, dobiva, priopćio, vlastiti,
talijanski", and the loan verbs Serbian and Bosnian form in -isati/-ovati where Croatian
writes -irati ("kontrolišu, registrovan, kritikovala" for "kontroliraju, registriran,
kritizirala"); and words of UD Serbian-SET's development sentences (SETimes news, CC BY-SA
4.0) and NTREX-128's Serbian used 3+ times there and in none of those Croatian lines,
chosen by hand as words the standards write otherwise ("naročito, tužilaštvo, pijaca,
padavine, kandiduje" for "osobito, tužiteljstvo, tržnica, oborine, kandidira"). Of these
last, the forms that Croatian also writes (glasanje, popodne, poena, nivou, trke, povredu)
were dropped after they read 7 held-out NTREX-128 and 3 UD Croatian-SET test sentences as
Bosnian.
Slovene and Slovak write some of these ekavian words too (mesto, delo, pre), and Slovene
"ko, sistem, evropski": the callers only ask about text the first stage reads as
Croatian or CLD3 names hr, bs or sr. "svet/sveta" is left out (Croatian "holy").

Beyond these lists, toolkit/data/jat_words.tsv holds the words that wordfreq's
Serbo-Croatian vocabulary writes both ways ("dečak/dječak, zamenjene/zamijenjene,
naneo/nanio"), less the ekavian forms that the Croatian or Bosnian hunspell dictionary
accepts, which are other words ("mesni" of meat, not "mjesni" local; "veće" larger, not
"vijeće" council); and its words that only Serbian's dictionary accepts, read the
ijekavian way by the Croatian or Bosnian one ("povredila/povrijedila, videti/vidjeti"):
1,956 ekavian and 1,426 ijekavian words. `benchmarks/jat_words.py` makes the file and
says how. toolkit/data/jat_forms.tsv.gz adds the 44,511 case and tense forms of Serbian's
dictionary that pass the same dictionary rule ("osmehu, oterala, ostarelom, oklevanje";
`benchmarks/jat_forms.py`; MPL-1.1, toolkit/data/JAT_FORMS_LICENSE). They count only
where the text writes them in lower case: many are rare words, and some are names
elsewhere ("Celje", "Seve" Ballesteros). On NTREX-128's 83 held-out documents they took
Latin-script Serbian from 67.6 to 71.6% (897 -> 950 of 1,326), with no Croatian or
Bosnian answer changed; on the 40 documents and UD Serbian-SET's development sentences,
where they were checked first, 4 and 5 more Serbian sentences, no other answer changed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

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
    # Ekavian forms the dictionaries' disagreement and UD Serbian-SET's words found (module doc)
    + """
    napred upotrebio zahtevu uspehu ponedeljka istorijski istorijske istorijskog uspeo
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
# Words Serbian and Bosnian write where Croatian writes another (tijekom, tisuća,
# milijun, europski, sustav, sveučilište, obitelj, tko, što, unatoč, cjepivo,
# dužnosnici, glasnogovornik, odvjetnik, uhićen, dogodilo, nogomet, zrakoplov,
# kazalište, kemija, točka, znanost, suradnja, utjecaj, zrak, promet, veleposlanstvo,
# popis, vlak, kava, stupnjeva, stanice, obrana, inozemstvo, putovnica, tvornica,
# glazba, ured, organizirati, financijski, postotak; and the months), written down from
# the standard languages. Left out: words Croatian also writes, as Leipzig's Croatian
# tuning lines do ("njen, zvanično, učestvovali, uraditi"), and case forms that are
# Croatian words or names too ("neko vrijeme", "svako dijete", Maja, Marta, August).
# None of them is in a Croatian sentence of NTREX-128's 40 news_docs.jsonl documents or
# of lingua-py's tuning lines (1,571 sentences).
_SERBIAN_AND_BOSNIAN = frozenset(
    """
    tokom hiljada hiljade hiljadu hiljadama milion miliona milioni milionima ko niko šta
    uprkos porodica porodice porodici porodicu porodicom porodični porodične porodičnog
    evropski evropska evropske evropskog evropskoj evropskom evropsku evropskih evropa
    evrope evropi evropu evra evro sistem sistema sistemu sistemi sistemom univerzitet
    univerziteta univerzitetu univerziteti vakcina vakcine vakcinu vakcinom vakcinacija
    vakcinacije vakcinisan vakcinisani zvaničnik zvaničnici zvaničnika zvaničnike zvanični
    zvanična zvanične zvaničnog portparol portparola portparolka advokat advokati advokata
    advokatu advokatima advokatica uhapšen uhapšena uhapšeni uhapsila uhapsio uhapsili
    uhapšeno hapšenje hapšenja desilo desio desila desili dešava dešavaju fudbal fudbala
    fudbaler fudbaleri fudbalski fudbalske fudbalskog avion aviona avionom avioni pozorište
    pozorišta hemijski hemijske hemija hemikalije tačka tačke tačku tačno tačan nauka nauke
    nauci naučnici naučni naučna naučne naučnika naučnik saradnja saradnje saradnju
    saradnji saradnici saradnik uticaj uticaja uticaju uticati utiče vazduh vazduha
    vazdušni vazdušne saobraćaj saobraćaja saobraćaju saobraćajne ambasada ambasade
    ambasadi ambasador ambasadora spisak spiska voz voza vozom kafa kafu kafe stepeni
    stepena ćelije ćelija ćelijama januar januara februar februara april aprila jula juli
    septembar septembra oktobar oktobra novembar novembra decembar decembra odbrana odbrane
    odbranu odbrani inostranstvu inostranstva pasoš pasoša fabrika fabrike fabrici muzika
    muzike muziku muzici muzički muzičke muzičar kancelarija kancelarije kancelariji
    organizovati organizovao organizovala organizovan organizovana organizovane reagovao
    reagovala reagovati finansijski finansijske finansijskih finansija finansiranje
    finansira procenat procenta procenata procentualno ljekar ljekara ljekari ljekarima
    apoteka apoteke
    """.split()
    # Where the dictionaries disagree, written down from the standards (module doc), and
    # in no Croatian line of those documents, of lingua-py or of UD Croatian-SET's dev set
    + """
    juna junu julu avgustu sudija sudije sudiji sudiju sudijom sudijama ubistvo ubistva
    ubistvu ubistvom samoubistvo samoubistva samoubistvu ubica ubice ubicu ostrvo ostrva
    ostrvu ostrvima poluostrvo poluostrva poluostrvu uslov uslovi uslova uslove uslovima
    uslovom preduzeće preduzeća preduzeću preduzećima preduzetnik preduzetnika
    preduzetnici preduzme preduzela preduzeo preduzeti preduzete dobija dobijaju
    dobijanje dobijanja finansije finansijama finansijskog finansijskom finansiranja
    finansirati italijanski italijanska italijanske italijanskog italijanskoj
    italijanskim italijanskih prihvatanje prihvatanja prihvataju prihvata shvatanje
    shvatanja shvatamo opšti opšte opšteg opštem opšta opštine opština opštini saopštila
    saopštio saopštili saopštenje saopštenju saopštenja ovlašćenje ovlašćenja korišćenje
    korišćenja sopstveni sopstvena sopstvene sopstvenog sopstvenom sopstvenoj sopstvenu
    sopstvenih vazdušnog vazdušnom vazduhoplovstvo vazduhoplovstva tačnije tačne tačni
    tačna hemijskog hemiji hemijskih kafana kafane kafani sveštenik sveštenika
    sveštenikom sveštenici stepenom okean okeana okeanu pozorišnih pozorišni pozorišne
    evropskim evropsko juče srećan srećna srećni prodavnica prodavnice prodavnici kuvar
    kuvara talas talasi talasa sprat sprata spratu spratova pomenuo pomenula pomenuli
    pominje pominjao prenos prenosa prenosu jednačina jednačine kriterijuma hranljive
    hranljivih posmatra posmatrača posmatrali posmatrao savremeni savremeno savremenog
    savremene maternji maternjeg trougao trougla trouglu sarađuje sarađuju hirurgija
    hirurgije hirurg rumunski rumunskog rumunske jugoslovenska jugoslovenske
    jugoslovenskog odbrambeni odbrambenog odbrambene prečnik prečnika funkcioner
    funkcionera funkcioneri vođstvom kontrolisati kontroliše kontrolišu kontrolisao
    kontrolisala kontrolisan komentarisati komentariše komentarisao komentarisala
    ignorisati ignoriše ignorisao definisati definisan definisana definisano karakteriše
    karakterišu orijentisan orijentisana registrovan registrovana registrovanih
    registrovano organizovanim organizuje organizuju angažovan angažovana angažovani
    angažovao bombardovanje bombardovanja bombardovali emitovan emitovana emitovao
    komplikovan komplikovana komplikovano kritikovati kritikovao kritikovala kritikuje
    promovisati promoviše promovišu promovisao identifikovan identifikovana
    identifikovati
    """.split()
    # Words of UD Serbian-SET's development sentences (SETimes news) and NTREX-128's Serbian
    # used 3+ times there, in no Croatian line of them, of lingua-py or of UD Croatian-SET's
    # development sentences, chosen by hand as words the standards write otherwise
    + """
    regiona regionu naročito tužioca tužioci tužilaštvo tužilaštva inostrani inostranih
    inostranim kapiten kapitena sekretar sekretara staratelj staratelja polovina
    polovini polovinu padavine padavina kandiduje kandidovati kandidovao sprovođenje
    sprovođenja komesar komesara desi pijaca pijace pijaci
    """.split()
)
# Of those, words Bosnian writes and Serbian does not: "sedmica" (Serbian "nedelja",
# Croatian "tjedan"; its nominative left out, Croatian's "seven"), "historija" (Serbian
# "istorija", Croatian "povijest"); and Serbian words in their ijekavian form, which
# Bosnian writes and Serbia's Serbian does not (Serbian "verovatno, poreklo, bezbednost,
# hleb", Croatian "vjerojatno, podrijetlo, sigurnost, kruh"), in no Croatian line of the
# 40 documents, lingua-py or UD Croatian-SET's development sentences ("izvještaj" and
# "odjeljenje" are). They are in _SERBIAN_AND_BOSNIAN's sense too.
_BOSNIAN = frozenset(
    """
    sedmice sedmicu sedmici historija historije historiji historiju historijski
    historijske historijskog vjerovatno vjerovatnoća vjerovatnoće porijeklo porijekla
    porijeklom bezbjednost bezbjednosti bezbjedno bezbjedan bezbjedna bezbjedne hljeb
    hljeba
    """.split()
)
# Foreign names as Serbian writes them, by their sound (its orthography transliterates
# them: "Džon, Vašington, Tviter"), where Croatian and Bosnian keep the original spelling
# ("John, Washington, Twitter"): common English given names and surnames, places, firms
# and media, written down by that rule, with the case forms `_name_forms` adds (Serbian's
# hunspell dictionary accepts 898 of the 1,341). Left out: those Croatian writes the same way
# (Pelosi, Kalifornija, Teksas, Havaji); those that are, or decline into, Croatian words
# ("Bil" -> bila, "Majk" -> majka, "Emili" -> Emilija, "Kuk", "Siti", "Pol", "Premijer");
# names Bosnia has itself (Haris); and those hunspell's Croatian or Bosnian dictionary
# accepts (Kristofer; Njujork, Vašington, Čikago, which Bosnian writes too), as are the
# forms of "Tramp" that are "trampa" (barter): `NOT_NAMES`.
_TRANSLITERATED_NAMES = """
    džon džejms džordž džek džim džef džoš džejk džejn džejmi džejson džonatan džozef
    džastin džesika džulija džulijan džeremi džeri džordan džoel dženifer džonson džekson
    džons majkl dejvid ričard ričardson vilijam vilijams čarls stiven entoni brajan metju
    endru rajan ketrin mišel hilari šeril bred stiv tomas tompson vilson tejlor smit bejker
    rajt klark vajt ilon zakerberg klinton tramp bajden kenedi grejem dejvis šreder hamfriz
    stajnem tajler mikelson tajger vuds fetel džerzi anđeles francisko hjuston dalas sijetl
    majami masačusets virdžinija džordžija mičigen ohajo kolorado ilinoj viskonsin minesota
    ajova kentaki tenesi luizijana merilend konektikat barselona bajern mančester liverpul
    totenhem čelsi rajder tviter fejsbuk gugl jutjub majkrosoft epl rojters asošiejted tajms
    gardijan blumberg forbs volstrit vikipedija
"""
_WORD = re.compile(r"\w+")
# A modal or phase verb and "da" (Serbian "može da uradi", Croatian "može učiniti"): on
# the 40 documents' news, in 61 Serbian, 5 Bosnian and 1 Croatian sentence ("trebalo da"),
# and in no Croatian line of lingua-py's or UD Croatian-SET's dev set. Not before "je"
# or "su": "mora da je" (must have been) is Croatian too.
_MODAL_DA = re.compile(
    r"\b(?:mogu|možeš|može|možemo|možete|mogao|mogla|mogli|mogle|moglo|treba|trebalo|trebao"
    r"|trebala|trebali|trebaju|mora|moram|moraš|moramo|morate|moraju|morao|morala|morali"
    r"|počeo|počela|počeli|počinje|počinju|pokušava|pokušavaju|pokušao|pokušala|pokušali"
    r"|nastavio|nastavila|nastavili|nastavlja|nastavljaju|hoću|hoćeš|hoće|hoćemo|hoćete"
    r"|hteo|htela|hteli) da\b(?! (?:je|su)\b)"
)
_DA_LI = re.compile(r"\bda li\b")


def _name_forms(name: str) -> set[str]:
    """`name` and its case forms in Serbian (Tramp: Trampa, Trampu, Trampom, Trampov...;
    Kenedi: Kenedija...; Virdžinija: Virdžiniji...; Ohajo: Ohajoa, not "Ohaja", which
    for another name could be a Croatian word: "Kavano" -> kavana)."""
    if name.endswith("a"):
        return {name[:-1] + ending for ending in ("a", "e", "i", "u", "om", "in", "ina", "ine")}
    if name.endswith("i"):
        return {name + ending for ending in ("", "ja", "ju", "jem", "jev", "jeva", "jeve")}
    endings = ("", "a", "u", "om", "e", "em", "ov", "ova", "ove", "ovog", "ovom", "ovu", "ovi")
    return {name + ending for ending in endings}


#: Croatian words spelt like a case form of a name's Serbian spelling: "trampa" (barter)
NOT_NAMES = frozenset("trampa trampe trampom trampu".split())
#: the names Serbian writes as they sound, with their case forms, less `NOT_NAMES`
TRANSLITERATED = frozenset().union(*map(_name_forms, _TRANSLITERATED_NAMES.split())) - NOT_NAMES


class Counts(NamedTuple):
    """How many of a text's words each list holds, and its modal "da"s (`_MODAL_DA`);
    "da li" and the modal "da"s count among the words Serbian and Bosnian write."""

    croatian: int
    ekavian: int
    ijekavian: int
    serbian_and_bosnian: int
    bosnian: int
    transliterated: int
    da_present: int

    @property
    def say_serbian(self) -> bool:
        """More ekavian words, names written the Serbian way and modal "da"s than
        ijekavian and Bosnian-only words, and no more words only Croatian writes than
        words Serbian and Bosnian write instead."""
        return (
            self.croatian <= self.serbian_and_bosnian
            and self.ekavian + self.transliterated + self.da_present > self.ijekavian + self.bosnian
        )


@cache
def _jat_words() -> tuple[frozenset[str], frozenset[str]]:
    """(ekavian, ijekavian) words: the lists above and toolkit/data/jat_words.tsv."""
    read = read_word_lists("jat_words.tsv")
    return _EKAVIAN | read["ekavian"], _IJEKAVIAN | read["ijekavian"]


@cache
def _jat_forms() -> frozenset[str]:
    """The ekavian forms of toolkit/data/jat_forms.tsv.gz (counted in lower case only)."""
    return read_word_lists("jat_forms.tsv.gz")["ekavian"]


def counts(text: str) -> Counts:
    """How many of `text`'s words are in each list, with its modal "da"s and "da li"s
    (`Counts`); one pass over the text for each of the two phrases and one for the words.
    A form of jat_forms.tsv.gz counts as ekavian only as written in lower case."""
    ekavian_words, ijekavian_words = _jat_words()
    ekavian_forms = _jat_forms()
    lowered = text.lower()
    da_present = len(_MODAL_DA.findall(lowered))
    croatian = ekavian = ijekavian = bosnian = transliterated = 0
    serbian_and_bosnian = da_present + len(_DA_LI.findall(lowered))
    for written in _WORD.findall(text):
        word = written.lower()
        croatian += word in _CROATIAN
        ekavian += word in ekavian_words or (word == written and word in ekavian_forms)
        ijekavian += word in ijekavian_words
        serbian_and_bosnian += word in _SERBIAN_AND_BOSNIAN or word in _BOSNIAN
        bosnian += word in _BOSNIAN
        transliterated += word in TRANSLITERATED
    return Counts(
        croatian, ekavian, ijekavian, serbian_and_bosnian, bosnian, transliterated, da_present
    )
