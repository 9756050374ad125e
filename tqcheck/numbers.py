"""Numbers, dates and relative times in running text, normalised so that versions compare.

Method: the text is first mapped, character for character (so offsets stay valid), to a
*normal* form: every decimal digit of any script becomes its ASCII digit (``١٥٥٠`` ->
``1550``, ``१२`` -> ``12``), the Arabic thousands and decimal separators ``٬ ٫`` become
``,`` and ``.``, and the narrow and no-break spaces used as thousands separators become
spaces. Regular expressions then find:

* **numbers** with grouping separators (``1,550`` ``1.550`` ``1 550`` ``1'550``), a decimal
  part, and an optional scale word (``1.5 million`` = ``1,5 Millionen`` = ``1 500 000``;
  ``万`` / ``亿``); a separator followed by exactly three digits is ambiguous (``1,550`` is
  1550 in English and 1.55 in German), so the document's language decides and, when it is
  unknown, both readings are kept as candidates;
* **per cent** (``%`` ``٪`` ``per cent`` ``pour cent`` ``Prozent`` ``процент``
  ``في المئة``) and **currencies** (symbols, ISO codes, common words) as units of a number;
* **spelled-out small numbers** (two to twenty, and the tens, in en, fr, de, es, it, pt,
  ru) -- "one" and its translations are left out: "one of the" is not a quantity;
* **dates**: day and month in either order and in several languages (``5 February`` =
  ``February 5`` = ``5 février`` = ``5. Februar`` = ``5 февраля`` = ``2月5日`` =
  ``5 فبراير``) and ISO ``2026-02-05``; the numbers inside a date are consumed by it;
* **relative times**: a unit of time and a direction (``hours after``, ``days later``,
  ``quelques heures après``, ``Stunden nach``, ``horas después``, ``часов после``).

Each mention is a :class:`Quantity` whose ``values`` is the set of readings; two mentions
agree when their sets intersect (:func:`same`). :func:`compare` pairs the mentions of two
passages greedily and returns those that have no counterpart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import langs

# Languages whose decimal mark is a comma (and thousands mark a dot or a space). For the
# others (en, zh, ja, ko, he, ar, hi, th, ...) the decimal mark is a dot.
COMMA_DECIMAL = {
    "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr",
    "bs", "sr", "mk", "ro", "hu", "fi", "sv", "nb", "nn", "no", "da", "is", "et", "lv", "lt",
    "el", "tr", "az", "kk", "uz", "id", "ca", "gl", "eu", "vi", "sq", "ka", "hy", "af", "fa",
}

_SPACES = "\u00a0\u202f\u2009\u2007"


@lru_cache(maxsize=256)
def _normal_char(ch: str) -> str:
    if ch in "0123456789":
        return ch
    d = unicodedata.decimal(ch, None)
    if d is not None:
        return str(d)
    if ch == "\u066c":  # Arabic thousands separator
        return ","
    if ch == "\u066b":  # Arabic decimal separator
        return "."
    if ch in _SPACES:
        return " "
    if ch == "\u066a":  # Arabic percent sign
        return "%"
    return ch


def normal(text: str) -> str:
    """``text`` with digits of every script as ASCII; same length, so offsets carry over."""
    return "".join(_normal_char(c) for c in text)


# --- vocabularies -------------------------------------------------------------------
SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
    "billions": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9,
    "mille": 1e3, "milliard": 1e9, "milliards": 1e9, "millier": 1e3, "milliers": 1e3,
    "tausend": 1e3, "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mio": 1e6,
    "mrd": 1e9, "mil": 1e3, "millón": 1e6, "millones": 1e6, "milione": 1e6, "milioni": 1e6,
    "miliardo": 1e9, "miliardi": 1e9, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9,
    "bilhões": 1e9, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тыс": 1e3, "миллион": 1e6,
    "миллиона": 1e6, "миллионов": 1e6, "млн": 1e6, "миллиард": 1e9, "миллиарда": 1e9,
    "миллиардов": 1e9, "млрд": 1e9, "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6,
    "مليار": 1e9, "مليارات": 1e9, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "千": 1e3,
}
PERCENT = ["%", "per cent", "percent", "pour cent", "por ciento", "por cento", "per cento",
           "prozent", "procent", "процент", "процента", "процентов", "في المئة", "في المائة",
           "بالمئة", "بالمائة"]
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
                    "₹": "INR", "₪": "ILS", "₩": "KRW"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dólares": "USD", "dollari": "USD", "долларов": "USD",
    "доллара": "USD", "доллар": "USD", "دولار": "USD", "美元": "USD", "euro": "EUR",
    "euros": "EUR", "евро": "EUR", "يورو": "EUR", "欧元": "EUR", "pounds": "GBP",
    "рублей": "RUB", "рубля": "RUB", "рубль": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "rub": "RUB", "jpy": "JPY", "cny": "CNY", "yuan": "CNY", "元": "CNY",
}
# Spelled-out numbers from two to twenty and the tens. "One" (un, eins, uno, один,
# واحد) is left out on purpose: it is an article or pronoun far more often than a count.
SPELLED = {
    "en": "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty|thirty forty fifty sixty seventy eighty ninety",
    "fr": "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
          "dix-sept dix-huit dix-neuf vingt|trente quarante cinquante soixante soixante-dix "
          "quatre-vingts quatre-vingt-dix",
    "de": "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn "
          "sechzehn siebzehn achtzehn neunzehn zwanzig|dreißig vierzig fünfzig sechzig siebzig "
          "achtzig neunzig",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
          "dieciséis diecisiete dieciocho diecinueve veinte|treinta cuarenta cincuenta sesenta "
          "setenta ochenta noventa",
    "it": "due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici "
          "quindici sedici diciassette diciotto diciannove venti|trenta quaranta cinquanta "
          "sessanta settanta ottanta novanta",
    "pt": "dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
          "dezesseis dezessete dezoito dezenove vinte|trinta quarenta cinquenta sessenta "
          "setenta oitenta noventa",
    "ru": "два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
          "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать "
          "девятнадцать двадцать|тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят "
          "девяносто",
}
SPELLED_EXTRA = {"две": 2, "двух": 2, "трёх": 3, "трех": 3, "dozen": 12, "douzaine": 12,
                 "zwei": 2, "dues": 2, "dos": 2, "duas": 2}


def _spelled_table() -> dict[str, int]:
    out: dict[str, int] = {}
    for words in SPELLED.values():
        small, tens = words.split("|")
        for i, w in enumerate(small.split()):
            out[w] = i + 2
        for i, w in enumerate(tens.split()):
            out.setdefault(w, (i + 3) * 10)
    out.update(SPELLED_EXTRA)
    # Words that are a number in one language and a common word in another (English
    # "due", "once"; Portuguese "dos", "sei"; Dutch "onze") would be read as numbers in
    # every text: leave them out.
    for ambiguous in ("dos", "due", "once", "elf", "sei", "onze", "tre", "dues"):
        out.pop(ambiguous, None)
    return out


SPELLED_VALUES = _spelled_table()

MONTHS: dict[str, int] = {}
for _lang, _names in {
    "en": "january february march april may june july august september october november december",
    "en3": "jan feb mar apr may jun jul aug sep oct nov dec",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ru1": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar2": "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
}.items():
    for _i, _w in enumerate(_names.split()):
        MONTHS.setdefault(_w.replace("_", " "), _i + 1)
MONTHS["إبريل"] = 4
MONTHS["ابريل"] = 4

TIME_UNITS = {
    "minute": ["minutes", "minute", "minuten", "minutos", "minuti", "минут", "минуты", "دقائق", "دقيقة"],
    "hour": ["hours", "hour", "heures", "heure", "stunden", "stunde", "horas", "hora", "ore",
             "часов", "часа", "час", "ساعات", "ساعة", "小时", "個小時", "个小时"],
    "day": ["days", "day", "jours", "jour", "tage", "tagen", "tag", "días", "día", "dias", "giorni",
            "дней", "дня", "день", "أيام", "يوم", "天"],
    "week": ["weeks", "week", "semaines", "semaine", "wochen", "woche", "semanas", "semana",
             "settimane", "недель", "недели", "неделю", "أسابيع", "أسبوع", "周", "星期"],
    "month": ["months", "month", "mois", "monate", "monaten", "monat", "meses", "mes", "mesi",
              "месяцев", "месяца", "месяц", "أشهر", "شهور", "شهر", "个月", "個月"],
    "year": ["years", "year", "ans", "années", "jahre", "jahren", "años", "anos", "anni",
             "лет", "года", "год", "سنوات", "سنة", "أعوام", "عام", "年"],
}
AFTER = ["after", "later", "après", "plus tard", "nach", "später", "después", "depois", "dopo",
         "после", "спустя", "بعد", "后", "後"]
BEFORE = ["before", "earlier", "ago", "avant", "auparavant", "vor", "zuvor", "früher", "antes",
          "prima", "fa", "до", "назад", "قبل", "前"]


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    kind: str  # number | percent | money | date | reltime
    values: frozenset  # readings: floats for numbers, (month, day) for dates, unit for reltime
    unit: str | None = None  # USD, %, after/before ...
    spelled: bool = False


def _alt(words) -> str:  # type: ignore[no-untyped-def]
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_NUM = r"\d{1,3}(?:(?:,|\.|'| )\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MONTH = _alt(MONTHS)
# A number may follow a letter of an uncased script (Arabic و/ب prefixes, Chinese 共61个)
# but not a Latin, Greek or Cyrillic letter (model names, codes: "F16", "COVID19").
_LEFT = r"(?<![\d.,])(?<![A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF])"
_RIGHT = r"(?![\w])"
_DATE_RE = re.compile(
    rf"{_LEFT}(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}){_RIGHT}"
    rf"|{_LEFT}(?P<d1>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s?(?:de\s)?(?P<m1>{_MONTH})(?!\w)"
    rf"|(?<!\w)(?P<m2>{_MONTH})\.?\s(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])"
    rf"|(?P<m3>\d{{1,2}})月(?P<d3>\d{{1,2}})[日号]",
    re.I,
)
_NUM_RE = re.compile(
    rf"(?P<cur1>US\$|[$€£¥₽₹₪₩])?\s?{_LEFT}(?P<num>{_NUM})(?![\d])"
    rf"(?:\s?(?P<scale>{_alt(SCALES)})(?!\w))?"
    rf"(?:\s?(?P<pct>{_alt(PERCENT)})(?!\w))?"
    rf"(?:\s?(?P<cur2>{_alt(list(CURRENCY_WORDS) + list(CURRENCY_SYMBOLS))})(?!\w))?",
    re.I,
)
_SPELLED_RE = re.compile(rf"(?<!\w)(?P<w>{_alt(SPELLED_VALUES)})(?![\w-])", re.I)
_REL_RE = re.compile(
    rf"(?<!\w)(?P<unit>{_alt(w for ws in TIME_UNITS.values() for w in ws)})(?!\w)"
    rf"(?P<gap>\s+(?:\w+\s+){{0,1}}?)?(?P<dir>{_alt(AFTER + BEFORE)})(?!\w)",
    re.I,
)
# Chinese and Japanese: unit and direction written together, no word boundary.
_REL_CJK_RE = re.compile(r"(?P<unit>个小时|個小時|小时|小時|天|周|星期|个月|個月|年)(?P<dir>后|後|前)")
# Arabic writes "after N days" with the direction first.
_REL_PRE_RE = re.compile(
    rf"(?<!\w)(?P<dir>بعد|قبل)\s+(?:\w+\s+)?(?P<unit>{_alt(TIME_UNITS['hour'] + TIME_UNITS['day'] + TIME_UNITS['week'] + TIME_UNITS['month'] + TIME_UNITS['year'] + TIME_UNITS['minute'])})(?!\w)"
)
_UNIT_OF = {w.lower(): u for u, ws in TIME_UNITS.items() for w in ws}
_DIR_OF = {**{w: "after" for w in AFTER}, **{w: "before" for w in BEFORE}}


def decimal_comma(lang: str | None) -> bool | None:
    """True/False when the language writes 1,5 / 1.5; None when unknown."""
    b = langs.base(lang)
    if b is None:
        return None
    return b in COMMA_DECIMAL


def readings(num: str, lang: str | None) -> set[float]:
    """Every value ``num`` (normalised digits and separators) can be read as in ``lang``."""
    num = num.strip()
    seps = [c for c in num if not c.isdigit()]
    if not seps:
        return {float(num)}
    last = max(num.rfind(c) for c in set(seps))
    tail = num[last + 1 :]
    head = num[:last]
    digits_only = lambda s: re.sub(r"\D", "", s)  # noqa: E731
    as_group = float(digits_only(num))
    as_decimal = float(digits_only(head) + "." + tail) if head else float("0." + tail)
    mark = num[last]
    if len(set(seps)) > 1:  # "1,234.5" or "1.234,5": the last mark is the decimal one
        return {as_decimal} if len(tail) != 3 or mark != seps[0] else {as_group}
    if len(seps) > 1 or mark in " '":  # "1,234,567", "1 550": grouping
        return {as_group}
    if len(tail) != 3:  # "1,5", "3.14": a decimal mark whatever the language
        return {as_decimal}
    dc = decimal_comma(lang)
    if dc is None:
        return {as_group, as_decimal}
    if mark == ",":
        return {as_decimal} if dc else {as_group}
    return {as_group} if dc else {as_decimal}


def _scaled(values: set[float], scale: str | None) -> frozenset:
    if not scale:
        return frozenset(round(v, 6) for v in values)
    f = SCALES.get(scale.lower(), 1.0)
    return frozenset(round(v * f, 6) for v in values)


def extract(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number, amount, percentage, date and relative time in ``text``, in order."""
    norm = normal(text)
    out: list[Quantity] = []
    taken = bytearray(len(text))

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    for m in _DATE_RE.finditer(norm):
        if m.group("iso"):
            y, mo, d = m.group("iso").split("-")
            val = (int(mo), int(d))
            out.append(Quantity(m.start(), m.end(), text[m.start():m.end()], "date",
                                frozenset([val]), None))
            out.append(Quantity(m.start(), m.start() + 4, y, "number", frozenset([float(y)])))
            take(m.start(), m.end())
            continue
        day = m.group("d1") or m.group("d2") or m.group("d3")
        mon = m.group("m1") or m.group("m2")
        month = MONTHS.get(mon.lower()) if mon else int(m.group("m3"))
        if not month or not (1 <= int(day) <= 31) or month > 12:
            continue
        out.append(Quantity(m.start(), m.end(), text[m.start():m.end()], "date",
                            frozenset([(month, int(day))])))
        take(m.start(), m.end())
    for m in _NUM_RE.finditer(norm):
        s, e = m.start("num"), m.end()
        if m.group("cur1"):
            s = m.start("cur1")
        if not free(m.start("num"), m.end("num")):
            continue
        vals = _scaled(readings(m.group("num"), lang), m.group("scale"))
        kind, unit = "number", None
        if m.group("pct"):
            kind, unit = "percent", "%"
        elif m.group("cur1") or m.group("cur2"):
            cur = m.group("cur1") or m.group("cur2")
            kind = "money"
            unit = CURRENCY_SYMBOLS.get(cur) or CURRENCY_WORDS.get(cur.lower(), cur.upper())
        e = e if m.group("scale") or m.group("pct") or m.group("cur2") else m.end("num")
        out.append(Quantity(s, e, text[s:e], kind, vals, unit))
        take(s, e)
    for m in _SPELLED_RE.finditer(norm):
        if free(m.start(), m.end()):
            v = SPELLED_VALUES[m.group("w").lower()]
            out.append(Quantity(m.start(), m.end(), m.group(), "number", frozenset([float(v)]),
                                spelled=True))
    for rx in (_REL_RE, _REL_PRE_RE, _REL_CJK_RE):
        for m in rx.finditer(norm):
            unit = _UNIT_OF[m.group("unit").lower()]
            direction = _DIR_OF.get(m.group("dir").lower(), "after")
            s, e = m.start(), m.end()
            out.append(Quantity(s, e, text[s:e], "reltime", frozenset([unit]), direction))
    out.sort(key=lambda q: (q.start, q.end, q.kind))
    return out


def same(a: Quantity, b: Quantity) -> bool:
    """Two mentions agree: one of their readings is equal (and, for times, the direction)."""
    if (a.kind in ("date", "reltime")) != (b.kind in ("date", "reltime")):
        return False
    if a.kind == "reltime" and a.unit != b.unit:
        return False
    return bool(a.values & b.values)


def compare(a: list[Quantity], b: list[Quantity], kinds: tuple[str, ...]) -> tuple[list[Quantity], list[Quantity]]:
    """Mentions of ``kinds`` in ``a`` without a counterpart in ``b``, and the reverse.

    Greedy one-to-one matching in text order: a number repeated twice in ``a`` needs two
    counterparts. Spelled-out numbers may match a digit but are never left over (a
    spelled "two" in one version and nothing in the other is usually style: "both").
    """
    qa = [q for q in a if q.kind in kinds]
    qb = [q for q in b if q.kind in kinds]
    used = [False] * len(qb)
    left_a: list[Quantity] = []
    for q in qa:
        for i, r in enumerate(qb):
            if not used[i] and same(q, r):
                used[i] = True
                break
        else:
            left_a.append(q)
    left_b = [r for i, r in enumerate(qb) if not used[i]]
    return ([q for q in left_a if not q.spelled], [q for q in left_b if not q.spelled])
