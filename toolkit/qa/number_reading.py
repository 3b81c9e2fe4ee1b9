"""Numbers in news text, read by value in every notation (see `toolkit.qa`), and the
rules that compare them across a translation."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from toolkit.qa.warning import QAWarning


@dataclass(frozen=True)
class Number:
    """A number found in a text, with every value it may stand for."""

    text: str
    kind: str  # "number", "percentage", "date", "unit" (may be converted) or "decade"
    values: frozenset[float]
    pieces: tuple[float, ...] = ()  # another reading as several numbers ("10.30" -> 10, 30)
    converted: tuple[float, ...] = ()  # the value in other units, if it may be converted


# --- numbers -----------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[.,])(?:"  # "No.1" and "Nr.5" hold a number; "1.2.3" is one token
    r"\d{1,3}(?:(?P<sep>[,.'’\u00a0\u202f\u2009 \u060c])\d{3})(?:(?P=sep)\d{3})*(?![\d])"
    r"(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?"
    r")(?![\d])"
)
_PERCENT_AFTER = re.compile(
    r"\s?(?:%|٪|‰|per ?cent|percent|por ?ciento|pour ?cent|prozent|per cento|procent|"
    r"процент|відсот|τοις εκατό|درصد|در صد|في المئة|بالمئة|في المائة|بالمائة|प्रतिशत|"
    r"퍼센트|phần trăm|por cento|procento|la sută|sayı)",
    re.IGNORECASE,
)
_PERCENT_BEFORE = re.compile(r"(?:%|٪|yüzde|٪)\s?$", re.IGNORECASE)
# Units translators legitimately convert (to metric, to Celsius) and decades they
# spell out ("the 1980s" -> "les années 80", "los ochenta"). A number in such a unit
# must reappear as itself or as a plausible conversion; a decade is not required.
_UNITS: dict[str, frozenset[str]] = {
    "decade": frozenset({"s", "'s", "’s"}),
    "inch": frozenset({"inch", "inches", "in."}),
    "foot": frozenset({"foot", "feet", "ft"}),
    "yard": frozenset({"yard", "yards"}),
    "mile": frozenset({"mile", "miles", "mph"}),
    "pound": frozenset({"pound", "pounds", "lb", "lbs"}),
    "ounce": frozenset({"ounce", "ounces", "oz"}),
    "acre": frozenset({"acre", "acres"}),
    "gallon": frozenset({"gallon", "gallons"}),
    "degree": frozenset({"degree", "degrees", "°", "°f", "fahrenheit"}),
}
_CONVERSIONS = {
    "inch": (lambda v: v * 2.54, lambda v: v * 25.4),
    "foot": (lambda v: v * 0.3048, lambda v: v * 30.48),
    "yard": (lambda v: v * 0.9144,),
    "mile": (lambda v: v * 1.609344,),
    "pound": (lambda v: v * 0.45359237,),
    "ounce": (lambda v: v * 28.349523,),
    "acre": (lambda v: v * 0.4046856, lambda v: v * 4046.856),
    "gallon": (lambda v: v * 3.785412,),
    "degree": (lambda v: (v - 32) * 5 / 9, lambda v: v * 5 / 9),  # a reading, a difference
}
_UNIT = re.compile(
    r"(?:\s|-)?("
    + "|".join(sorted((re.escape(w) for ws in _UNITS.values() for w in ws), key=len)[::-1])
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*(?:to|-|–|and|or)\s*\d[\d.,]*", re.IGNORECASE)
CONVERSION_TOLERANCE = 0.12  # relative; conversions are rounded ("10 inches" -> "25 cm")
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d])")
_PM = re.compile(r"\s?(?:p\.\s?m\.|pm\b)", re.IGNORECASE)
_CJK_NUMERAL = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_CJK_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CJK_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

# Scale words after a number, lowercase, longest first; value multiplies the number.
_SCALES: dict[str, float] = {}
for _value, _words in (
    (
        1e3,
        "thousand thousands mil mille mila tausend duizend тысяч тысячи тысяча тыс "
        "тисяч тисячі тис tys tysięcy tysiące tisíc tis bin nghìn ngàn mii χιλιάδες χιλ "
        "ألف آلاف الف هزار زره हज़ार हजार אלף אלפים 천 千 k",
    ),
    (1e4, "万 萬 만"),
    (1e5, "lakh lakhs लाख"),
    (
        1e6,
        "million millions millón millones milhão milhões milione milioni millionen "
        "mio miljoen miljoenen миллион миллиона миллионов млн мільйон мільйона мільйонів "
        "milion miliony milionów milionu milionů mil milioane milyon triệu εκατομμύρια "
        "εκατομμύριο εκατ مليون ملايين میلیون ميليون मिलियन מיליון 백만 百万 m mn",
    ),
    (1e7, "crore crores करोड़ करोड"),
    (1e8, "亿 億 억"),
    (
        1e9,
        "billion billions milliard milliards milliarde milliarden mrd miliardo miliardi "
        "miljard miljarden миллиард миллиарда миллиардов млрд мільярд мільярдів miliard "
        "miliardy miliardów miliarda miliard miliarde milyar tỷ tỉ δισεκατομμύρια δισ "
        "مليار مليارات میلیارد ميليارد अरब מיליארד 십억 bn b",
    ),
    (1e12, "trillion trillions billón billones bilhão bilhões трлн триллион bilion"),
):
    for _word in _words.split():
        _SCALES.setdefault(_word, _value)
_CJK_SCALES = "万萬亿億千만억천"
_SCALE_AFTER = re.compile(
    r"[\s\u00a0\u202f-]?(["
    + _CJK_SCALES
    + "]|"
    + "|".join(sorted((re.escape(w) for w in _SCALES if w not in _CJK_SCALES), key=len)[::-1])
    + r"(?![^\W\d_]))\.?",
    re.IGNORECASE,
)
_UNIT_LETTERS = re.compile(r"[^\W\d_]")


def _ascii_digits(text: str) -> str:
    """Unicode digits as ASCII and Arabic separators as . and , (same length)."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isdigit() and not ch.isascii():
            value = unicodedata.decimal(ch, None)
            out.append(str(value) if value is not None else ch)
        elif ch == "\u066b":  # Arabic decimal separator
            out.append(".")
        elif ch == "\u066c":  # Arabic thousands separator
            out.append(",")
        else:
            out.append(ch)
    return "".join(out)


def _key(value: float) -> float:
    """A value rounded so that 1.5e6 from "1,5 Mio." and from "150万" compare equal."""
    return float(f"{value:.9g}")


# Languages whose decimal mark is always a point ("1,500" is 1500, never 1.5).
# Elsewhere both readings are kept: many writers mix the English style in.
_DECIMAL_POINT_LANGS = frozenset("en zh ja ko hi he th ms ur bn ta te mr gu pa tl sw ga mt".split())


def _readings(token: str, sep: str | None, point: bool) -> tuple[set[float], tuple[float, ...]]:
    """All values a digit string may stand for, and its reading as separate pieces.

    `point`: the text's language always uses a decimal point.
    """
    if sep:
        groups_part, decimal = token, ""
        last = max(token.rfind("."), token.rfind(","))
        if sep in ",." and last > 0 and token[last] != sep:
            groups_part, decimal = token[:last], token[last + 1 :]
        groups = groups_part.split(sep)
        whole = float(f"{''.join(groups)}.{decimal}" if decimal else "".join(groups))
        single = len(groups) == 2 and not decimal
        as_decimal = float(f"{groups[0]}.{groups[1]}")
        if point and sep == "." and single:
            values = {as_decimal}  # "1.500" in English is 1.5
        elif point or sep not in ",." or not single or groups[1] == "000":
            values = {whole}
        else:
            values = {whole, as_decimal}  # "1,500" may be 1500 or 1.5
        pieces: tuple[float, ...] = ()
        if sep == " ":  # a plain space may just separate two numbers
            pieces = tuple(float(g) for g in groups)
        return values, pieces
    if "." in token or "," in token:
        head, _, tail = token.replace(",", ".").partition(".")
        values = {float(f"{head}.{tail}")}
        # "10.30" may be a time, "2,1968" a day and year glued together
        glued = len(tail) == 2 or len(tail) >= 4 or len(head) >= 4
        pieces = (float(head), float(tail)) if glued else ()
        return values, pieces
    return {float(token)}, ()


def numbers(text: str, lang: str | None = None) -> list[Number]:
    """Every number in `text` with its kind and possible values (see module docstring).

    `lang` (ISO 639-1), when known, settles "1,500" (1500 in English, 1.5 or 1500 in
    German) for languages that always write a decimal point.
    """
    point = lang in _DECIMAL_POINT_LANGS
    norm = _ascii_digits(text)
    found: list[Number] = []
    times = {}
    for match in _TIME.finditer(norm):
        times[match.start(1)] = times[match.start(2)] = match
    for match in _NUMBER.finditer(norm):
        if match.start() in times:
            found.extend(_time_part(times[match.start()], match.start(), text))
            continue
        token = match.group()
        sep = match.group("sep")
        values, pieces = _readings(token, sep, point)
        end = match.end()
        kind = "number"
        before = norm[max(0, match.start() - 7) : match.start()]
        after = norm[end : end + 24]
        if _PERCENT_BEFORE.search(before) or _PERCENT_AFTER.match(after):
            kind = "percentage"
        scale = _SCALE_AFTER.match(after)
        if scale and kind == "number":
            factor = _SCALES.get(scale.group(1).lower(), _SCALES.get(scale.group(1), 1.0))
            short = len(scale.group(1)) <= 2 and scale.group(1).isascii()
            if not short or not scale.group().startswith((" ", "\u00a0")):
                rest = after[scale.end() :]
                second = _SCALE_AFTER.match(rest)  # "mil millones", "十万"-like stacks
                if second and not (len(second.group(1)) <= 2 and second.group(1).isascii()):
                    factor *= _SCALES.get(second.group(1).lower(), 1.0)
                values |= {v * factor for v in values}
                pieces = ()  # "2.89 million" is one number, never 2 and 89
        if _PM.match(after) and all(v <= 12 for v in values):
            values |= {v + 12 for v in values}
        if not sep and "." not in token and "," not in token and len(token) == 4:
            if 1000 <= int(token) <= 2100 and kind == "number":
                kind = "date"
        converted: tuple[float, ...] = ()
        if kind != "percentage":
            unit = _unit_after(after)
            if unit == "decade":
                kind = "decade"
            elif unit:
                kind = "unit"
                converted = tuple(f(v) for v in values for f in _CONVERSIONS[unit])
        found.append(
            Number(
                text=text[match.start() : end],
                kind=kind,
                values=frozenset(_key(v) for v in values),
                pieces=tuple(_key(p) for p in pieces),
                converted=converted,
            )
        )
    found.extend(_cjk_numbers(text))
    return found


def _unit_after(after: str) -> str | None:
    """The convertible unit written after a number, also across a range ("2 to 4 inches")."""
    match = _UNIT.match(after)
    if match is None:
        span = _RANGE.match(after)
        match = _UNIT.match(after, span.end()) if span else None
    if match is None:
        return None
    word = match.group(1).lower()
    return next(unit for unit, words in _UNITS.items() if word in words)


def _time_part(time: re.Match[str], start: int, text: str) -> list[Number]:
    """The hour of "19:30" (also read as 7, a 12-hour clock) or its minutes (not :00)."""
    if start == time.start(1):
        hour = int(time.group(1))
        values = {float(hour)} | ({float(hour - 12)} if hour > 12 else set())
        return [Number(text[time.start(1) : time.end(1)], "date", frozenset(values))]
    if time.group(2) == "00":
        return []  # "12:00" is often just "12 o'clock"
    return [Number(text[time.start(2) : time.end(2)], "date", frozenset({float(time.group(2))}))]


# A clock time as a translation may write it: "4:00", "04:00", also "4:1" (a slip or a
# change, compared with the source's times rather than skipped as a ratio).
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{1,2})(?![\d:])")


def _clock_times(text: str) -> list[tuple[re.Match[str], int, int]]:
    """Every `H:MM`-like time of `text` with its hour and minutes."""
    return [(m, int(m.group(1)), int(m.group(2))) for m in _CLOCK.finditer(_ascii_digits(text))]


def changed_minutes(source: str, target: str) -> list[QAWarning]:
    """Times whose hour survives but whose minutes changed ("04:00" -> "4:01", "4:1").

    The hour of a source time is matched as a number, and ":00" may go unwritten
    ("04:00" -> "4 Uhr"), but a target that writes the minutes of that hour must write
    the source's minutes: reading the time as its hour alone would hide the change.
    """
    wanted: dict[int, set[int]] = {}
    for _match, hour, minute in _clock_times(source):
        for h in {hour % 12, hour % 12 + 12}:
            wanted.setdefault(h, set()).add(minute)
    warnings = []
    for match, hour, minute in _clock_times(target):
        minutes = wanted.get(hour % 24)
        if minutes is not None and minute not in minutes:
            text = target[match.start() : match.end()]
            warnings.append(
                QAWarning("date", text, f"{text}: the source has this hour at other minutes")
            )
    return warnings


def _cjk_numbers(text: str) -> list[Number]:
    """Numbers written with Chinese/Japanese numerals (三千, 十四, 两万)."""
    out = []
    for match in _CJK_NUMERAL.finditer(text):
        token = match.group()
        if token in _CJK_BIG_UNITS or token in _CJK_SMALL_UNITS:
            continue  # a unit after digits ("3万") is read with the digits
        value = _parse_cjk(token)
        if value is not None:
            out.append(Number(token, "number", frozenset({_key(value)})))
    return out


def _parse_cjk(token: str) -> float | None:
    total, section, digit = 0, 0, None
    for ch in token:
        if ch in _CJK_DIGITS:
            if digit is not None:  # digit strings like 二〇一八
                return float("".join(str(_CJK_DIGITS[c]) for c in token if c in _CJK_DIGITS))
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CJK_SMALL_UNITS[ch]
            digit = None
        else:
            total += (section + (digit or 0)) * _CJK_BIG_UNITS[ch] or _CJK_BIG_UNITS[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def available(nums: list[Number]) -> Counter[float]:
    """How often each value can be matched in a text (every reading counts)."""
    pool: Counter[float] = Counter()
    for num in nums:
        for value in num.values | set(num.pieces):
            pool[value] += 1
    return pool


def found_in(num: Number, pool: Counter[float]) -> bool:
    if any(pool[v] > 0 for v in num.values):
        return True
    if num.pieces and all(pool[p] > 0 for p in num.pieces):
        return True
    return any(
        abs(have - want) <= max(1.0, CONVERSION_TOLERANCE * abs(want))
        for want in num.converted
        for have, count in pool.items()
        if count > 0
    )
