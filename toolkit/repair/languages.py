"""What the repair rules need to know about each language's typography and grammar.

Kept as data, apart from the rules, so a reviewer can check a language in one place.
A language without an entry gets the conservative `und` profile: rules that depend on
conventions that vary between languages (spaces before `; : ! ?`, guillemet spacing)
leave the text alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

# Languages whose typography puts a (no-break) space before ; : ! ? and inside « ».
FRENCH_SPACING = frozenset({"fr", "und"})

# Languages that write ordinals with a period ("12. června", "3. Oktober"): a number,
# a period and a lowercase word are one sentence there.
ORDINAL_PERIOD = frozenset(
    {"de", "cs", "sk", "pl", "tr", "da", "no", "nb", "nn", "fi", "hu", "is", "et", "lv",
     "sl", "hr", "sr", "bs", "und"}
)  # fmt: skip

# Languages where doubled words are often grammatical (reduplication of adverbs,
# distributive numerals, emphasis) as well as slips: a doubled word is flagged, never
# removed. Measured on professional Pashto news, where one sentence in 60 has one.
FLAG_ONLY_DOUBLES = frozenset({"ps"})

# Languages where full reduplication is grammatical ("dần dần", "pelan-pelan" written
# "pelan pelan", "yavaş yavaş", "धीरे धीरे"): a doubled content word is flagged, never
# removed; only a doubled function word (a stopword, "của của", "के के", "ve ve") that is
# not itself a known reduplication is removed.
REDUPLICATING = frozenset({"vi", "id", "ms", "tr", "hi", "ur", "bn", "mr", "tl"})
# Agglutinative languages reduplicate short stems ("yavaş yavaş", "güle güle"), not
# inflected words: a doubled word with more vowel groups (syllables) than this is a slip
# ("sürücüsünün sürücüsünün").
_REDUPLICATION_MAX_SYLLABLES = {"tr": 2}
_VOWELS = {"tr": "aeıioöuüâîû"}

# Languages that capitalize every noun: a capitalized word there is no sign of a name, so
# a doubled one ("Teams Teams", "Hai Hai") is removed like any other (listed
# reduplicated names such as "Baden Baden" stay).
CAPITALIZED_NOUNS = frozenset({"de", "lb"})

# Languages whose words are not separated by spaces: no rule adds or removes spaces.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})

# Abbreviations (lowercase, without their final period) after which a period and a
# lowercase word do not mark a broken sentence. The first set applies everywhere.
# Single letters are handled by the rules (initials, "2018 r.", "z. B."), not listed:
# in most of these languages single letters are also words ("a", "w", "e", "в").
_COMMON_ABBREVIATIONS = {"etc", "vs", "cf", "approx", "nr", "vol"}
_ABBREVIATIONS: dict[str, set[str]] = {
    "en": {"mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "gen", "gov", "sen",
           "rep", "col", "lt", "sgt", "capt", "cmdr", "adm", "rev", "hon", "det", "insp",
           "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "inc", "ltd", "corp", "dept", "est", "ft", "pp", "eds", "al", "ibid", "viz",
           "govt", "mins", "hrs", "yrs", "ave", "blvd", "bros", "incl", "esp"},
    "fr": {"mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "st", "ste", "av", "apr",
           "env", "cf", "éd", "hab", "tél", "janv", "févr", "avr", "juil", "sept", "oct",
           "nov", "déc", "boul", "bd", "fg", "chap"},
    "de": {"bzw", "ca", "usw", "vgl", "ggf", "evtl", "inkl", "zzgl", "sog", "bspw", "dr",
           "prof", "hr", "fr", "nr", "str", "tel", "abs", "mio", "mrd", "jh", "jhd", "chr",
           "geb", "gest", "std", "jan", "feb", "aug", "sept", "okt", "nov", "dez", "ff",
           "st", "dt", "engl", "franz", "lat", "sek", "tsd", "ua", "ehem"},
    "nl": {"dhr", "mevr", "mr", "dr", "prof", "ir", "ing", "drs", "bijv", "bv", "enz",
           "ca", "mln", "mld", "jl", "blz", "nr", "st", "resp", "evt"},
    "es": {"sr", "sra", "srta", "dr", "dra", "lic", "ud", "uds", "pág", "núm", "art",
           "av", "avda", "ej", "ee", "uu", "aprox", "dña", "vd", "vds", "cía", "mín",
           "máx", "ene", "feb", "abr", "ago", "sept", "oct", "nov", "dic", "gral", "tte",
           "cnel", "mons", "sto", "sta", "izq", "dcha"},
    "pt": {"sr", "sra", "srta", "dr", "dra", "prof", "profa", "eng", "av", "ex", "pág",
           "núm", "art", "jan", "fev", "abr", "jun", "jul", "ago", "set", "out", "nov",
           "dez", "gen", "cel", "ten", "sto", "sta", "aprox"},
    "it": {"sig", "sigg", "dott", "ing", "avv", "prof", "arch", "geom", "rag", "sen",
           "gen", "col", "magg", "art", "pag", "ecc", "es", "ca", "feb", "apr", "giu",
           "lug", "ago", "sett", "ott", "nov", "dic", "tel", "cfr", "sec", "on"},
    "ro": {"dl", "dna", "dr", "prof", "ing", "str", "nr", "art", "alin", "pag", "ian",
           "feb", "mart", "apr", "iun", "iul", "aug", "sept", "oct", "nov", "dec", "mil",
           "mld", "cca", "ex"},
    "cs": {"pí", "sl", "ing", "mgr", "dr", "prof", "doc", "atd", "tzv", "tj", "např",
           "mj", "resp", "str", "ul", "min", "hod", "tis", "mil", "mld", "kč", "sv",
           "apod", "aj", "př", "gen", "plk", "npor", "čs"},
    "pl": {"ul", "al", "pl", "tj", "tzw", "np", "itd", "itp", "ok", "ds", "im", "dr",
           "prof", "inż", "mgr", "hab", "płk", "gen", "mjr", "kpt", "por", "św", "tys",
           "mln", "mld", "zł", "godz", "min", "ks", "pkt", "nr", "str", "wg", "jw", "ur",
           "zm", "br", "pn", "ang", "niem", "franc", "łac"},
    "ru": {"гг", "др", "пр", "тыс", "млн", "млрд", "руб", "долл", "коп", "ул", "пл", "пер",
           "просп", "стр", "см", "проф", "акад", "ген", "св", "чел", "кв", "км", "мин",
           "сек", "рис", "табл", "гл", "ок", "ст", "вв", "обл", "ред", "изд", "англ"},
    "uk": {"рр", "ін", "тис", "млн", "млрд", "грн", "дол", "вул", "пл", "просп", "ім",
           "проф", "акад", "ген", "св", "див", "ст", "обл", "км", "хв", "год", "гр",
           "напр", "ред", "англ"},
    "el": {"κα", "δρ", "καθ", "εκατ", "δισ", "χλμ", "βλ", "αρ", "οδ", "τηλ", "κλπ", "κτλ",
           "ιαν", "φεβ", "μαρ", "απρ", "ιουν", "ιουλ", "αυγ", "σεπ", "οκτ", "νοε", "δεκ",
           "στρ", "ευρ"},
    "tr": {"dr", "prof", "doç", "av", "sn", "bkz", "vb", "vs", "vd", "mah", "cad", "sok",
           "no", "tel", "yy", "öö", "ms", "mö", "st", "yrd", "org", "gen", "alb", "kd",
           "bşk", "yön", "müd", "tic", "ltd", "şti", "mlr"},
    "vi": {"tp", "tt", "ts", "ths", "gs", "pgs", "bs", "ks", "st", "tr"},
}  # fmt: skip

# Doubled words that can be grammatical ("I had had enough", "die Frau, die die Zeitung
# liest", "nous nous sommes"), emphatic ("very very", "πολύ πολύ") or reduplication
# ("sık sık", "کم کم", "धीरे धीरे"): flagged, never removed. Keys are lowercase; a
# doubled word that is not listed ("the the", "que que") is a slip and is removed.
_INTENTIONAL_DOUBLES: dict[str, set[str]] = {
    "en": {"had", "that", "very", "bye", "ha", "blah", "bla", "knock", "tut"},
    "fr": {"nous", "vous", "très", "ha", "bla"},
    "de": {"die", "der", "das", "sie", "sehr", "ha", "bla"},
    "nl": {"dat", "die", "had", "heel", "zeer", "ha"},
    "es": {"muy", "ja"},
    "pt": {"muito", "ha", "do", "da", "dos", "das"},  # "diferente do do ano passado"
    "it": {"molto", "piano", "pian", "ah"},
    "ro": {"foarte", "ha"},
    "ru": {"очень", "еле", "чуть", "ха"},
    "uk": {"дуже", "ледь", "ха"},
    "pl": {"bardzo", "ha"},
    "cs": {"velmi", "ha"},
    "el": {"πολύ", "σιγά", "χα"},
    "tr": {"sık", "yavaş", "ara", "tek", "yeni", "güle", "çabuk", "bol", "uzun", "büyük",
           "küçük", "iyi", "ayrı", "başka", "derin", "zar", "yan", "ağır", "teker"},
    "fa": {"کم", "آرام", "یواش", "تک", "دسته", "گروه", "جا", "خیلی"},
    "ar": {"شيئا", "رويدا", "جدا"},
    "he": {"לאט", "מאוד", "הא"},
    "hi": {"धीरे", "बार", "कभी", "अलग", "साथ", "जल्दी", "घर", "बहुत", "थोड़ा", "छोटे",
           "बड़े", "कहीं", "कुछ", "सब", "रोज़", "रोज", "पास", "आस"},
    "ko": {"빨리", "천천히", "정말", "너무", "좀"},
    "vi": {"từ", "nhanh", "chậm", "rất", "mãi", "dần"},
}  # fmt: skip

# Domain endings that are no sentence's first word in any language the rules know:
# "Kasparov.Ru", "vi.Com", "Gazeta.Ru" are names, not two sentences glued together.
# Endings that are also common words ("In", "It", "No", "De", "Se", "Es", "Me", "To",
# "Be", "At", "Is", "La", "El", and "Au", "Al", "Si", "By", "Za", "Az", "Io", "Eu", "Am")
# are left out: "forces.In the city" and "2018.Au parlement" are glued sentences.
DOMAIN_SUFFIXES = frozenset(
    """com org net edu gov mil info biz ru ua uk fr cn jp kr pl cz sk tr ir af pk kz ch nl
    gr ro hu fi dk nz br mx tv cc ly ge uz kg tj md lt lv ee rs hr ba mk bg news online""".split()
)

# Tokenized machine output splits clitics off their word ("the city 's", "do n't",
# "l' homme"). Per language: the clitics written after a word (glued to the word before
# them) and the elided words written before one (glued to the word after them).
# ("ca n't", "wo n't": how tokenizers split can't and won't, glued back as they are.)
CLITICS_AFTER: dict[str, tuple[str, ...]] = {
    "en": ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m"),
}
ELISIONS_BEFORE: dict[str, tuple[str, ...]] = {
    "fr": ("l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'",
           "puisqu'"),
    "it": ("l'", "dell'", "all'", "nell'", "sull'", "dall'", "un'", "quest'", "quell'",
           "c'"),  # not "po'": "un po' di" is written with a space
}  # fmt: skip

# Speech verbs of news attributions ("Mr. Albence said", "Garcia nói"), lowercase, in
# the tense news uses: they tell a misplaced closing quote from an opening one.
_SPEECH_VERBS: dict[str, set[str]] = {
    "en": {"said", "says", "told", "added", "asked", "explained", "wrote", "noted",
           "recalled", "insisted", "replied", "stated", "continued", "argued"},
    "vi": {"nói", "cho", "hỏi", "viết", "khẳng", "tuyên", "nhấn"},
    "es": {"dijo", "afirmó", "añadió", "declaró", "explicó", "aseguró", "señaló"},
    "pt": {"disse", "afirmou", "acrescentou", "declarou", "explicou", "referiu"},
    "it": {"ha", "detto", "dichiarato", "aggiunto", "spiegato", "affermato"},
    "nl": {"zei", "zegt", "voegde", "verklaarde", "schreef", "vertelde"},
    "de": {"sagte", "sagt", "erklärte", "fügte", "betonte", "schrieb"},
    "tr": {"dedi", "diyor", "söyledi", "ekledi", "açıkladı"},
    "ro": {"a", "spus", "declarat", "adăugat", "explicat"},
}  # fmt: skip

# Verb-final languages: the speech verb ends the attribution ("CNN이 이렇게 보도했다."),
# so it is matched as the ending of the tail's last word.
_FINAL_SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "ko": ("말했다", "밝혔다", "보도했다", "전했다", "덧붙였다", "설명했다", "주장했다",
           "강조했다", "물었다", "답했다", "말한다", "전한다"),
}  # fmt: skip

# Names of Latin letters written in Arabic script: "سي إن إن" is CNN, not a slip.
LATIN_LETTER_NAMES_ARABIC = frozenset(
    """اي ای إي بي بی سي سی دي دی إف اف جي جی إتش اتش اچ آي آی جيه جیه كيه کیه کی إل ال
    إم ام إن ان أو او بي پی كيو کیو آر إس اس تي تی يو یو في وی دبليو دبلیو إكس ایکس
    واي وای زد زي""".split()
)

# Second-person words: text that uses them in its own voice addresses someone (the
# reader, a generic "you"). Lowercase.
_SECOND_PERSON: dict[str, set[str]] = {
    "en": {"you", "your", "yours", "yourself", "yourselves"},
    "fr": {"tu", "toi", "ton", "ta", "tes", "vous", "votre", "vos", "vôtre", "vôtres"},
    "es": {"tú", "tu", "tus", "te", "ti", "contigo", "vosotros", "vosotras", "vuestro",
           "vuestra", "vuestros", "vuestras", "usted", "ustedes", "os"},
    "pt": {"tu", "teu", "tua", "teus", "tuas", "você", "vocês", "vosso", "vossa",
           "vossos", "vossas", "te", "ti", "contigo"},
    "it": {"tu", "tuo", "tua", "tuoi", "tue", "voi", "vostro", "vostra", "vostri",
           "vostre", "ti", "vi"},
    "de": {"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines",
           "ihr", "euch", "euer", "eure", "euren", "eurem", "eurer", "eures"},
    "nl": {"jij", "jou", "jouw", "jullie", "je", "u", "uw"},
    "ru": {"ты", "тебя", "тебе", "тобой", "твой", "твоя", "твоё", "твое", "твои",
           "твоих", "вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "ваших"},
}  # fmt: skip
# Second-person possessives: what MT puts for a third party's "their" ("keeping your
# commitments"; Spanish "su" and French "leur/vos" are classic sources). Lowercase.
_SECOND_PERSON_POSSESSIVE: dict[str, set[str]] = {
    "en": {"your"},
    "fr": {"ton", "ta", "tes", "votre", "vos"},
    "es": {"tu", "tus", "vuestro", "vuestra", "vuestros", "vuestras"},
    "pt": {"teu", "tua", "teus", "tuas", "vosso", "vossa", "vossos", "vossas"},
    "it": {"tuo", "tua", "tuoi", "tue", "vostro", "vostra", "vostri", "vostre"},
    "de": {"dein", "deine", "deinen", "deinem", "deiner", "deines", "euer", "eure", "euren",
           "eurem", "eurer", "eures"},
    "nl": {"jouw", "uw"},
    "ru": {"твой", "твоя", "твоё", "твое", "твои", "твоих", "твоего", "твоей", "ваш", "ваша",
           "ваше", "ваши", "ваших", "вашего", "вашей", "вашим"},
}  # fmt: skip
# Words that are second person only when lowercase mid-sentence ("Ihr" is "their/her"
# capitalised in German as a formal "your"; "ihr" lowercase is "you" plural or "her").
_AMBIGUOUS_SECOND_PERSON = {"de": {"ihr"}}

# "neither ... neither" instead of "neither ... nor" (a calque of ni ... ni).
_REPEATED_NEGATION: dict[str, str] = {"en": "neither", "de": "weder"}

# Korean attaches quotative particles (라고, 라며) directly to a closing quote.
TEXT_FOLLOWS_CLOSING_QUOTE = frozenset({"ko", "ja", "zh"})

# Languages whose opening quote is the low „ and whose closing quote is “ („so“), so a
# “ with no opener before it closes a quotation begun in an earlier sentence.
LOW_OPENING_QUOTES = frozenset({"de", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "et",
                                "is", "ka", "bg", "ru", "uk", "be"})  # fmt: skip

# Languages that write guillemets without inner spaces («так», «así»); French spaces
# them, and Persian and Arabic text uses both, so those are left alone.
TIGHT_GUILLEMETS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "es", "pt", "it", "el", "ca",
                              "de", "pl", "cs", "sk", "sl", "hr", "bs", "nl", "no", "nb", "nn",
                              "da", "sv", "fi", "et", "lv", "lt", "tr", "ro", "hu"})  # fmt: skip

# Right-to-left languages: which way a curly quote faces depends on the renderer, and
# spaces inside quotation marks are common house style, so quote spacing is left alone.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ur", "yi", "dv", "sd", "ug", "ku"})


@dataclass(frozen=True)
class LanguageProfile:
    """Everything language-specific the rules use, for one language code."""

    code: str
    french_spacing: bool
    ordinal_period: bool
    flag_only_doubles: bool
    reduplicating: bool
    capitalized_nouns: bool
    unspaced: bool
    text_follows_closing_quote: bool
    low_opening_quotes: bool
    tight_guillemets: bool
    right_to_left: bool
    abbreviations: frozenset[str] = field(default_factory=frozenset)
    intentional_doubles: frozenset[str] = field(default_factory=frozenset)
    second_person: frozenset[str] = field(default_factory=frozenset)
    second_person_possessive: frozenset[str] = field(default_factory=frozenset)
    ambiguous_second_person: frozenset[str] = field(default_factory=frozenset)
    repeated_negation: str = ""
    speech_verbs: frozenset[str] = field(default_factory=frozenset)
    final_speech_verbs: tuple[str, ...] = ()

    @property
    def function_words(self) -> frozenset[str]:
        """Lowercase function words (stopwords) of the language; loaded on first use."""
        from toolkit.summarize.tokenize import stopwords

        return stopwords(self.code)

    def may_reduplicate(self, word: str) -> bool:
        """Whether `word`, doubled, may be grammatical reduplication in this language."""
        if not self.reduplicating or word.lower() in self.function_words:
            return False
        limit = _REDUPLICATION_MAX_SYLLABLES.get(self.code)
        if limit is None:
            return True
        vowels = _VOWELS[self.code]
        groups = sum(
            1
            for i, ch in enumerate(word.lower())
            if ch in vowels and (i == 0 or word.lower()[i - 1] not in vowels)
        )
        return groups <= limit


@cache
def profile(code: str) -> LanguageProfile:
    """The profile of an ISO 639-1 code (`und` or unknown codes: the conservative one)."""
    return LanguageProfile(
        code=code,
        french_spacing=code in FRENCH_SPACING,
        ordinal_period=code in ORDINAL_PERIOD,
        flag_only_doubles=code in FLAG_ONLY_DOUBLES,
        reduplicating=code in REDUPLICATING,
        capitalized_nouns=code in CAPITALIZED_NOUNS,
        unspaced=code in UNSPACED,
        text_follows_closing_quote=code in TEXT_FOLLOWS_CLOSING_QUOTE,
        low_opening_quotes=code in LOW_OPENING_QUOTES,
        tight_guillemets=code in TIGHT_GUILLEMETS,
        right_to_left=code in RIGHT_TO_LEFT,
        abbreviations=frozenset(_COMMON_ABBREVIATIONS | _ABBREVIATIONS.get(code, set())),
        intentional_doubles=frozenset(_INTENTIONAL_DOUBLES.get(code, set())),
        second_person=frozenset(_SECOND_PERSON.get(code, set())),
        second_person_possessive=frozenset(_SECOND_PERSON_POSSESSIVE.get(code, set())),
        ambiguous_second_person=frozenset(_AMBIGUOUS_SECOND_PERSON.get(code, set())),
        repeated_negation=_REPEATED_NEGATION.get(code, ""),
        speech_verbs=frozenset(_SPEECH_VERBS.get(code, set())),
        final_speech_verbs=_FINAL_SPEECH_VERBS.get(code, ()),
    )
