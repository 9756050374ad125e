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
  ``في المئة``) and **currencies** (symbols, ISO codes, common words, 新元 美元 円) as
  units of a number, each the set of currencies it may be ("$" any dollar, 元 any yuan);
* **Chinese and Japanese numbers**: multipliers after digits (``5.8万`` = 58,000,
  ``7.2亿``, ``300多万``, ``3万5千``), numerals (``两百五十万``, ``三千五百``, ``二〇二三``) by
  the project's own evaluator :func:`cjk_value`, ordinals (``第二十``), ``百分之``, and a
  two-digit numeral read as a short year too (``九二共识`` = 1992);
* **spelled-out small numbers** (two to twenty, and the tens, in en, fr, de, es, it, pt,
  ru) -- "one" and its translations are left out: "one of the" is not a quantity; and in
  English and German numbers with a scale ("fourteen billion", "a quarter of a million",
  "zweieinhalb Millionen"), "N and a half", multiples ("twice", "tenfold", "zehnfach")
  and ordinals ("twentieth", "zwanzigste"). Word numerals only ever match a figure;
* **times of day** (``1.30pm`` = ``13.30 Uhr`` = ``下午1点30分``) and **decades**
  (``1980s`` = ``the eighties`` = ``80er Jahre`` = ``80年代``);
* **ranges** share their multiplier (``60到80万``, "5 to 6 million");
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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from . import langs
from .lazyre import Lazy
from .memo import Memo

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
    if ch in "\u066a\uff05":  # Arabic and full-width percent signs
        return "%"
    if ch == "\uff0e":  # full-width full stop, a decimal point between full-width digits
        return "."
    if ch == "\uff04":
        return "$"
    return ch


# code point -> ``_normal_char``, for ``str.translate``: filled as characters are met (a
# bounded memo: every letter of a few scripts, a few MB at most)
_NORMAL = Memo(lambda cp: _normal_char(chr(cp)), 131072)


def normal(text: str) -> str:
    """``text`` with digits of every script as ASCII; same length, so offsets carry over.

    ``str.translate`` with one single-character answer of ``_normal_char`` per
    character: the same string as joining them one by one, in C. An ASCII text is its
    own answer (an ASCII digit stays, and no other ASCII character changes)."""
    if text.isascii():
        return text
    return text.translate(_NORMAL)


# --- alternations of words ------------------------------------------------------------
# The word patterns below are case-insensitive alternations of hundreds of words in many
# languages. Python's regular-expression engine enters every alternative of such a list at
# every position it tries (its quick first-letter test covers neither case-insensitive
# letters nor a pattern that opens with a look-behind), so a text cost one step per word
# of the list per position. Grouped by their first letter, the same alternatives in the
# same order are entered only when that letter is there: about five times quicker on
# news text. The matches are the same: an alternative whose first letter is not the
# text's cannot match, and the order of those that can is kept. Letters that fold into
# one another beyond upper and lower case (the Kelvin sign and "k", the long "ſ" and "s")
# share a group (``tests/test_speed_exact_text.py`` checks the lists against all of Unicode).


def _letter_key(ch: str) -> str:
    """One key for the letters a case-insensitive pattern takes for ``ch``: "K", "k",
    the Kelvin sign; "s", "S", "ſ"; "σ", "ς", "Σ" (lower case of the upper case of the
    lower case); the first letter of the lower case where that is longer ("İ", "ß")."""
    low = ch.lower()
    key = low.upper().lower()
    return key if len(key) == 1 else low[:1]


def _factored(words) -> str:  # type: ignore[no-untyped-def]
    """``"|".join(map(re.escape, words))``, its alternatives grouped by first letter (the
    groups in the order of their first word, each in the words' order): the same
    matches, quicker (see above)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(_letter_key(w[:1]), []).append(w)
    return "|".join(re.escape(g[0]) if len(g) == 1 else "(?:" + "|".join(map(re.escape, g)) + ")"
                    for g in groups.values())


def _vocab_key(table, word: str) -> str | None:  # type: ignore[no-untyped-def]
    """The key of ``table`` (lower-case words) that a case-insensitive match ``word``
    stands for: its lower case, or, when a letter folded beyond case made the match (the
    long "ſ" of old print for "s", the Kelvin sign for "K", "ς" for "σ"), the key whose
    letters fold as the word's do; None when none does."""
    low = word.lower()
    if low in table:
        return low
    folded = "".join(map(_letter_key, word))
    return next((k for k in table if "".join(map(_letter_key, k)) == folded), None)


def _alt(words) -> str:  # type: ignore[no-untyped-def]
    """An alternation of ``words``, longest first (a word is never cut short by another
    that begins it)."""
    return _factored(sorted(set(words), key=len, reverse=True))


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
    "مليار": 1e9, "مليارات": 1e9, "tsd": 1e3, "billionen": 1e12,
}
# Languages where "billion" is 10^12 (the long scale): German Billion, French billion.
LONG_SCALE = {"de", "fr", "nl", "es", "it", "pt", "pl", "cs", "sk", "sv", "da", "nb", "fi", "hu"}
# Attached to an amount ("£44m", "$5bn", "$96k"), only after a currency sign.
SCALE_ABBR = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}
PERCENT = ["%", "per cent", "percent", "pour cent", "por ciento", "por cento", "per cento",
           "prozent", "procent", "процент", "процента", "процентов", "في المئة", "في المائة",
           "بالمئة", "بالمائة"]
# Every currency mention is the set of currencies it can be: a bare "$" or "dollars" is
# any dollar (a Singapore paper's "$" is S$), a bare 元 any yuan (Chinese papers in
# Taiwan, Hong Kong and Singapore write 元 for their own money). Two amounts are in
# different currencies only when their sets do not meet: 新元 (SGD) and "yuan" (CNY).
DOLLARS = frozenset({"USD", "SGD", "HKD", "AUD", "CAD", "NZD", "TWD"})
YUAN = frozenset({"CNY", "TWD", "HKD", "SGD", "MOP"})
CURRENCY_SYMBOLS = {"$": DOLLARS, "US$": "USD", "S$": "SGD", "HK$": "HKD", "NT$": "TWD",
                    "A$": "AUD", "C$": "CAD", "€": "EUR", "£": "GBP", "¥": {"JPY", "CNY"},
                    "₽": "RUB", "₹": "INR", "₪": "ILS", "₩": "KRW"}
CURRENCY_WORDS = {
    "dollar": DOLLARS, "dollars": DOLLARS, "dólares": DOLLARS, "dollari": DOLLARS,
    "долларов": DOLLARS, "доллара": DOLLARS, "доллар": DOLLARS, "دولار": DOLLARS,
    "us-dollar": "USD", "euro": "EUR", "euros": "EUR", "евро": "EUR", "يورو": "EUR",
    "pounds": "GBP", "pound": "GBP", "pfund": "GBP", "sterling": "GBP", "рублей": "RUB",
    "рубля": "RUB", "рубль": "RUB", "rubel": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "rub": "RUB", "jpy": "JPY", "yen": "JPY", "cny": "CNY", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "sgd": "SGD", "hkd": "HKD", "franken": "CHF", "francs": "CHF", "chf": "CHF",
}
# Chinese and Japanese currency words follow the number without a space or boundary.
CURRENCY_CJK = {"美元": "USD", "美金": "USD", "新元": "SGD", "新加坡元": "SGD", "新币": "SGD",
                "港元": "HKD", "港币": "HKD", "澳元": "AUD", "加元": "CAD", "新台币": "TWD",
                "台币": "TWD", "日元": "JPY", "円": "JPY", "欧元": "EUR", "ユーロ": "EUR",
                "英镑": "GBP", "卢布": "RUB", "人民币": "CNY", "ドル": DOLLARS, "元": YUAN,
                "块": YUAN}


def currencies(word: str) -> frozenset:
    """The currencies a sign or word can stand for (empty when it is none)."""
    v = CURRENCY_SYMBOLS.get(word) or CURRENCY_CJK.get(word) or CURRENCY_WORDS.get(word.lower())
    if v is None:
        return frozenset()
    return frozenset([v]) if isinstance(v, str) else frozenset(v)
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

# --- number words with a scale, fractions, ordinals, multiples (English, German) -------
EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen").split()
EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
DE_UNITS = ("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
            "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn").split()
DE_TENS = "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()
WORD_VALUE = {**{w: i for i, w in enumerate(EN_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(EN_TENS)},
              **{w: i for i, w in enumerate(DE_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(DE_TENS)},
              "ein": 1, "eine": 1, "einer": 1, "einen": 1, "a": 1, "an": 1}
WORD_SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
              "trillion": 1e12, "hundert": 100, "tausend": 1e3, "million_de": 1e6,
              "millionen": 1e6, "milliarde": 1e9, "milliarden": 1e9, "billionen": 1e12}
# -- Word patterns scanned only where a text can match them ------------------------------
#
# The case-insensitive patterns of number words below (scale words' gate, multiples,
# ordinals, times and decades in words) run on every text, and ``re`` reads a text
# case-insensitively a character at a time where a case-sensitive literal lets it skip
# ahead: they cost about three times what the same patterns cost without ``re.I``. Every
# match of each holds one of a few words (``userregex.required`` reads them from the
# pattern: "fold", "fach", "twice", ...), so a text is scanned only when its lower case
# holds one of them: one case-sensitive search (``_Gated``). For the letters of those
# words, ``re.I`` matches exactly the characters whose lower case they are, but for the
# few in ``_BEYOND_CASE`` (the long s, the dotless and the dotted i); a text holding one
# of those is scanned as before. tests/test_speed_exact_cpu.py checks that against ``re``
# over all of Unicode, and the quantities found with and without the shortcut.
_BEYOND_CASE = re.compile("[\u0130\u0131\u017f]")
_UNREAD = object()


class _Gated:
    """A case-insensitive pattern with the words every match of it holds, lower-cased
    (read on first use: parsing the pattern is not paid at import)."""

    __slots__ = ("rx", "_need")

    def __init__(self, rx: Any) -> None:
        self.rx = rx
        self._need: Any = _UNREAD

    def need(self) -> re.Pattern[str] | None:
        """One case-sensitive pattern of the lower-cased words (None: none proven)."""
        if self._need is _UNREAD:
            from .userregex import required

            words = required(self.rx.pattern, 0)
            self._need = None if words is None else re.compile("|".join(
                map(re.escape, sorted({w.lower() for w in words}, key=lambda w: (-len(w), w)))))
        return self._need

    def may_match(self, norm: str, low: str | None) -> bool:
        """False only when no match of the pattern can be in ``norm``; ``low`` is
        ``norm.lower()``, or None when ``norm`` holds a character of ``_BEYOND_CASE``."""
        if low is None:
            return True
        need = self.need()
        return need is None or need.search(low) is not None

    def finditer(self, norm: str, low: str | None) -> Iterator[re.Match[str]]:
        return self.rx.finditer(norm) if self.may_match(norm, low) else iter(())


def _lowered(norm: str) -> str | None:
    """``norm.lower()`` for ``_Gated``, or None when a character of ``_BEYOND_CASE``
    stands in it."""
    return None if _BEYOND_CASE.search(norm) else norm.lower()


_EN_N = (rf"(?:(?:{'|'.join(EN_TENS)})(?:[-\s](?:{'|'.join(EN_UNITS[1:10])}))?"
         rf"|{_factored(sorted(EN_UNITS, key=len, reverse=True))})")
_DE_N = (rf"(?:(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?(?:{'|'.join(DE_TENS)})"
         rf"|{_factored(sorted(DE_UNITS + ['ein', 'eine', 'einer', 'einen'], key=len, reverse=True))})")
# "two million", "fourteen billion", "a million", "one hundred", "two and a half million",
# "half a million", "a quarter of a million", "zwei Millionen", "eine Milliarde",
# "zweieinhalb Millionen", "anderthalb". A bare "one" or "a" without a scale is a pronoun
# or an article and is never read.
_WORDS_RE = Lazy(  # (compiled on first use: a text holding a scale word)

    rf"(?<![\w-])(?:"
    rf"(?P<half>half\s+an?|a\s+half|eine\s+halbe)\s+(?P<hs>million|billion|thousand|millionen|milliarde)"
    rf"|(?:an?\s+)?quarter(?:\s+of\s+an?)?\s+(?P<qs>million|billion|thousand)"
    rf"|(?:per|pro|je)\s+(?P<ps>million|billion|thousand|hundred|tausend|hundert)"
    rf"|(?P<n>(?:{_EN_N}|an?)(?:\s+hundred(?:\s+(?:and\s+)?{_EN_N})?)?)(?P<fr>\s+and\s+a\s+half)?"
    rf"\s+(?P<s>thousand|million|billion|trillion)s?"
    rf"|(?P<dn>{_DE_N}|(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)einhalb|anderthalb|eineinhalb)"
    rf"\s+(?P<ds>Millionen|Million|Milliarden|Milliarde|Billionen|Billion|Tausend|Hundert)"
    rf"|(?P<en>{_EN_N})(?P<efr>\s+and\s+a\s+half)"
    rf"|(?P<dh>(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)einhalb|anderthalb|eineinhalb)"
    rf"|(?P<hyph>(?:{'|'.join(EN_TENS)})-(?:{'|'.join(EN_UNITS[1:10])}))"
    rf")(?![\w])",
    re.I,
)
# Every form above holds one of these (a scale word, "half"/"halb", "quarter", or the
# "-ty-" of a hyphenated compound): a text without any (most) is not scanned by it.
_WORDS_NEED = _Gated(re.compile(
    r"hal[fb]|quarter|thousand|hundred|[mb]illi|trillion|tausend|hundert|ty-", re.I))
ORDINALS = {
    **{w: i + 1 for i, w in enumerate(
        ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
         "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
         "twentieth").split())},
    **{w: 10 * (i + 3) for i, w in enumerate(
        "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())},
    "hundredth": 100, "thousandth": 1000,
    **{w: i + 1 for i, w in enumerate(
        ("erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft dreizehnt "
         "vierzehnt fünfzehnt sechzehnt siebzehnt achtzehnt neunzehnt zwanzigst").split())},
}
_ORD_DE = set(
    "erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft dreizehnt vierzehnt "
    "fünfzehnt sechzehnt siebzehnt achtzehnt neunzehnt zwanzigst".split())
_ORD_RE = _Gated(re.compile(rf"(?<![\w-])(?P<w>{_factored(sorted(ORDINALS, key=len, reverse=True))})"
                             r"(?P<end>e[nrsm]?)?(?!\w)", re.I))
# Multiples: "twice", "tenfold", "three-fold", German "doppelt", "zehnfach".
_FOLD_RE = _Gated(re.compile(
    rf"(?<!\w)(?:(?P<twice>twice|doppelt|verdoppelt)"
    rf"|(?P<w>{_factored(sorted([*EN_UNITS, *EN_TENS, 'hundred', 'thousand'], key=len, reverse=True))})-?fold"
    rf"|(?P<dw>{_factored(sorted([*DE_UNITS, *DE_TENS, 'hundert', 'tausend'], key=len, reverse=True))})fach(?:e[nrsm]?)?)"
    r"(?!\w)", re.I))


def _word_value(s: str) -> float | None:
    """Value of an English or German number of up to three digits written in words."""
    s = s.lower().strip()
    if s in WORD_VALUE:
        return float(WORD_VALUE[s])
    m = re.fullmatch(rf"({'|'.join(EN_TENS)})[-\s]({'|'.join(EN_UNITS[1:10])})", s)
    if m:
        return float(WORD_VALUE[m.group(1)] + WORD_VALUE[m.group(2)])
    m = re.fullmatch(rf"(?:(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?({'|'.join(DE_TENS)})", s)
    if m:
        unit = {"ein": 1, **{w: WORD_VALUE[w] for w in DE_UNITS}}.get(m.group(1) or "", 0)
        return float(WORD_VALUE[m.group(2)] + unit)
    m = re.fullmatch(r"(.+?)einhalb", s)
    if m:
        v = _word_value("eins" if m.group(1) == "ein" else m.group(1))
        return v + 0.5 if v is not None else None
    if s == "anderthalb":
        return 1.5
    m = re.fullmatch(rf"(.+?)\s+hundred(?:\s+(?:and\s+)?(.+))?", s)
    if m:
        h = _word_value(m.group(1))
        t = _word_value(m.group(2)) if m.group(2) else 0.0
        return h * 100 + t if h is not None and t is not None else None
    return None


def _words(norm: str, lang: str | None, low: Any = _UNREAD) -> list[tuple[int, int, float]]:
    """(start, end, value) of number words with a scale, fractions and compounds.
    ``low``: ``_lowered(norm)`` when the caller has it."""
    out: list[tuple[int, int, float]] = []
    if not _WORDS_NEED.may_match(norm, _lowered(norm) if low is _UNREAD else low):
        return out
    for m in _WORDS_RE.finditer(norm):
        g = m.group
        if g("hs"):
            v = 0.5 * _scale_of(g("hs"), lang)
        elif g("qs"):
            v = 0.25 * _scale_of(g("qs"), lang)
        elif g("ps"):  # "15 per million"
            v = _scale_of(g("ps"), lang)
        elif g("s"):
            n = _word_value(g("n"))
            if n is None:
                continue
            v = (n + (0.5 if g("fr") else 0)) * _scale_of(g("s"), lang)
        elif g("ds"):
            n = _word_value(g("dn"))
            if n is None:
                continue
            v = n * _scale_of(g("ds"), lang)
        elif g("en"):
            n = _word_value(g("en"))
            if n is None:
                continue
            v = n + 0.5
        elif g("dh"):
            n = _word_value(g("dh"))
            if n is None:
                continue
            v = n
        else:
            n = _word_value(g("hyph"))
            if n is None:
                continue
            v = n
        out.append((m.start(), m.end(), v))
    return out


def _scale_of(word: str, lang: str | None) -> float:
    w = word.lower().rstrip(".")
    if w in ("billion", "billions", "billionen") and langs.base(lang) in LONG_SCALE:
        return 1e12
    return float(WORD_SCALE.get(w) or SCALES.get(w) or 1.0)


# --- decades and times of day -------------------------------------------------------
_DECADE_WORDS = {
    **{w: 20 + 10 * i for i, w in enumerate(
        "twenties thirties forties fifties sixties seventies eighties nineties".split())},
    **{w: 20 + 10 * i for i, w in enumerate(
        "zwanziger dreißiger vierziger fünfziger sechziger siebziger achtziger neunziger".split())},
}
# "1980s", "the 80s", "'80s", German "80er Jahre" / "1980er", Chinese "80年代", "八十年代";
# in words "the eighties", "die Achtziger(jahre)", "in den Neunzigern".
# the forms without a digit: Chinese numerals, decades in words
_DECADE_WORD_FORMS = (r"(?P<cn>[二三四五六七八九]十)年代"
                      rf"|(?<!\w)(?P<w>{_factored(_DECADE_WORDS)})(?:n|\s?-?jahre[n]?)?(?!\w)")
_DECADE_RE = Lazy(  # (compiled on first use, as _TIME_RE)

    r"(?<![\d.,])['’]?(?P<c>1[5-9]|20)?(?P<d>\d)0(?:['’]?s(?![\w])|年代"
    r"|(?P<er>er)(?:(?P<j>[\s-]?Jahre[n]?)|(?![a-zäöü])))|" + _DECADE_WORD_FORMS,
    re.I,
)
# The same on a text without a digit: only the forms without one can match; the groups
# the code reads (cn, w) are the same. Nor can the form with digits where no "0" is
# followed by an "s", 年代 or "er".
_DECADE_DIGIT_NEED = re.compile(r"0(?:['’]?s|年代|er)", re.I)
_DECADE_WORDS_RE = _Gated(re.compile(_DECADE_WORD_FORMS, re.I))
# Times of day: "1.30pm", "1:30 p.m.", "13.30 Uhr", "13: 30 Uhr", "13:30", "13h30",
# Chinese "下午1点30分" / "下午1点半". A 12-hour time without a marker reads both ways.
_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# an hour's minutes, then a.m. or p.m.
_AM_PM_TAIL = r"(?:[:.]\s?(?P<m>[0-5]\d))?\s?(?P<ap>[ap]\.\s?m\.|[ap]m)(?!\w)"
_TIME_RE = Lazy(  # (compiled on first use: a text with digits and a.m./p.m. or Uhr)

    rf"(?<![\d.,:])(?P<h>[01]?\d|2[0-4]|(?<!\w)(?:{_HOUR_WORDS}))"
    + _AM_PM_TAIL +
    r"|(?<![\d.,:])(?P<h2>[01]?\d|2[0-4])(?:[:.]\s?(?P<m2>[0-5]\d))?\s?Uhr(?P<pm2>\s+(?:abends|nachmittags|nachts))?(?!\w)"
    r"|(?<![\d.,:])(?P<h3>[01]\d|2[0-4]|(?<![^\s(])\d)(?::\s?|h)(?P<m3>[0-5]\d)(?!\d)(?![.,]\d)"
    r"|(?P<zap>上午|下午|晚上|凌晨|中午|早上|傍晚|午前|午後)?(?P<h4>\d{1,2})[点點时時](?:(?P<m4>\d{1,2})分|(?P<half>半))?",
    re.I,
)

# The same on a text without a digit: every other form needs one, so only a time in
# words can match ("three pm"), and the scan of the full pattern's forms at every
# position is spared. The groups the code reads (h, m, ap) are the same. A text whose
# digits are never followed by what every form with a digit needs after its hour (a
# separator, "h", "Uhr", an a.m./p.m. marker, 点) is read the same way.
_TIME_DIGIT_NEED = re.compile(r"\d(?:[:.h点點时時]|\s?[apu])", re.I)
_TIME_WORDS_RE = _Gated(re.compile(
    rf"(?<![\d.,:])(?P<h>(?<!\w)(?:{_HOUR_WORDS}))" + _AM_PM_TAIL,
    re.I,
))

# --- CJK numerals (Chinese, Japanese) ----------------------------------------------
# The project's own evaluator: a library such as cn2an converts a whole string but finds
# no positions in running text, has no 兆, refuses a bare multiplier (百万 "a million"),
# and drops the sign of 负120; the rules below are short enough to own and test.
CJK_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "廿": 20, "卅": 30}
CJK_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CJK_BIG = {"兆": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4}
CJK_UNIT = {**CJK_SMALL, **CJK_BIG}
_CJK_CHARS = "".join(CJK_DIGIT) + "".join(CJK_UNIT)


def cjk_value(s: str) -> float | None:
    """The value of a Chinese or Japanese numeral (ASCII digits may stand for its digits):
    ``三千五百`` 3500, ``两百五十万`` 2,500,000, ``十二億五千万`` 1,250,000,000,
    ``一万二`` 12,000 (a bare last digit counts in the unit below), ``二〇二三`` 2023
    (digit by digit), ``5.8万`` 58,000; None when it is not a well-formed numeral."""
    if not s:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if all(c in CJK_DIGIT and CJK_DIGIT[c] < 10 for c in s):  # 二〇二三, 九二: digit by digit
        return float("".join(str(CJK_DIGIT[c]) for c in s))
    for big, f in sorted(CJK_BIG.items(), key=lambda kv: -kv[1]):
        if big in s:
            i = s.index(big)
            head, tail = s[:i], s[i + 1 :].lstrip("零〇")
            hv = cjk_value(head) if head else 1.0
            if hv is None:
                return None
            if not tail:
                return hv * f
            if len(tail) == 1 and tail in CJK_DIGIT or re.fullmatch(r"\d", tail):
                tv = float(CJK_DIGIT.get(tail, tail)) * f / 10  # 一万二 = 12,000
            else:
                tv = cjk_value(tail)
                if tv is None or tv >= f:
                    return None
            return hv * f + tv
    total, digit, last_unit, zero = 0.0, None, None, False
    for c in s:
        if c in "零〇":  # 一百零五 = 105: a zero marks a skipped unit
            zero = True
            continue
        if c in CJK_DIGIT or c.isdigit():
            if digit is not None:
                return None
            digit = float(CJK_DIGIT.get(c, c) if not c.isdigit() else c)
        elif c in CJK_SMALL:
            u = CJK_SMALL[c]
            if last_unit is not None and u >= last_unit:
                return None
            total += (digit if digit is not None else 1.0) * u
            digit, last_unit = None, u
        else:
            return None
    if digit is not None:
        # 三千五 = 3500, 两百五 = 250: a bare last digit counts in the unit below
        below = last_unit and last_unit >= 100 and digit < 10 and not zero
        total += digit * (last_unit / 10 if below else 1)
    return total

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
MONTHS["sept"] = 9  # "Sept. 11, 2001"
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
    factor: float = 1.0  # the multiplier written with it (10^4 for 80万, 10^6 for "6 million")
    cur: frozenset = frozenset()  # the currencies an amount can be in (any dollar for "$")



_NUM = r"\d{1,3}(?:(?:,|\.|'| )\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MONTH = _alt(MONTHS)
# A number may follow a letter of an uncased script (Arabic و/ب prefixes, Chinese 共61个)
# but not a Latin, Greek or Cyrillic letter (model names, codes: "F16", "COVID19").
_LEFT = r"(?<![\d.,])(?<![A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF])"
_RIGHT = r"(?![\w])"
_DATE_RE = re.compile(
    rf"{_LEFT}(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}){_RIGHT}"
    rf"|{_LEFT}(?P<d1>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s?(?:de\s)?(?P<m1>{_MONTH})(?!\w)"
    rf"|(?<!\w)(?P<m2>{_MONTH})\.?\s(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])(?![:\-–]\d)"
    rf"|(?P<m3>\d{{1,2}})月(?P<d3>\d{{1,2}})[日号]",
    re.I,
)
# (compared as strings: compiling that class of 28,000 code points took milliseconds)
_LATIN_SCALES = {w: f for w, f in SCALES.items() if not any("\u3000" <= c <= "\u9fff" for c in w)}
_CUR_LATIN = [w for w in list(CURRENCY_WORDS) + list(CURRENCY_SYMBOLS)]
_NUM_RE = re.compile(
    rf"(?P<cur1>US\$|S\$|HK\$|NT\$|A\$|C\$|[$€£¥₽₹₪₩])?\s?{_LEFT}(?P<num>{_NUM})(?![\d])"
    rf"(?:(?<=\d)(?P<abbr>bn|mn|m|k|b)(?![\w])"
    rf"|[\s-]?(?P<scale>{_alt(_LATIN_SCALES)})(?:(?<=mio|mrd|tsd|Mio|Mrd|Tsd)\.)?(?!\w))?"
    rf"(?:\s?(?P<pct>{_alt(PERCENT)})(?!\w))?"
    rf"(?:[\s-]?(?P<cur2>{_alt(_CUR_LATIN)})(?!\w)|(?P<cur3>{_alt(CURRENCY_CJK)}))?",
    re.I,
)
# Chinese and Japanese numbers: digits or numeral characters with the multipliers 十 百
# 千 万 亿 兆 (万 = 10^4, 亿 = 10^8), "more than" marks between (300多万, 20余万),
# 第 for ordinals and 百分之 for per cent.
_CJK_NUM_RE = Lazy(  # (compiled on first use: a text holding a CJK numeral)

    rf"(?<![\d.,])(?P<pre>百分之|第)?"
    rf"(?P<n>(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[多余几]?)"
    rf"(?:(?:\d+(?:\.\d+)?[多余几]?|[{_CJK_CHARS}])*[{_CJK_CHARS}])?|[{_CJK_CHARS}]+)"
    rf"(?P<cur>{_alt(CURRENCY_CJK)})?"
)
_DIGIT = re.compile(r"\d")
# Without any of these characters (numerals, multipliers, 多/余/几, 百分之, 第, the CJK
# currencies), every match of _CJK_NUM_RE is plain digits with neither prefix nor
# currency, which the loop over it skips: such a text (most) is not scanned by it.
_CJK_NEED = re.compile(
    "[" + re.escape("".join(sorted(set(_CJK_CHARS + "多余几百分之第" + "".join(CURRENCY_CJK))))) + "]")
_CJK_SIMPLE = re.compile(r"[\d,]+(?:\.\d+)?")
# A multiplier that is a metric prefix when a unit follows: 千米 km, 千克 kg, 兆瓦 MW.
_CJK_METRIC = re.compile(r"[千兆](?=[米克瓦赫焦卡帕字比])")
_SPELLED_RE = re.compile(rf"(?<!\w)(?P<w>{_alt(SPELLED_VALUES)})(?!\w)", re.I)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|~|～|到|至|to|bis|and|und|or|oder|或|à|a|до|إلى|و)\s*", re.I)
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


def _scaled(values: set[float], scale: str | None, lang: str | None = None) -> frozenset:
    if not scale:
        return frozenset(round(v, 6) for v in values)
    f = _scale_of(scale, lang)
    return frozenset(round(v * f, 6) for v in values)


def _cjk_readings(n: str, lang: str | None) -> set[float]:
    """Readings of a Chinese/Japanese numeral ``n`` (without its prefix or currency)."""
    core = re.sub(r"[多余几,]", "", n).replace("廿", "二十").replace("卅", "三十")
    v = cjk_value(core)
    if v is None:
        return set()
    out = {v}
    if "兆" in core and langs.base(lang) == "zh":  # mainland 兆 is also "mega"
        alt = cjk_value(core.replace("兆", "百万"))
        if alt is not None:
            out.add(alt)
    if len(core) == 2 and all(c in CJK_DIGIT and CJK_DIGIT[c] < 10 for c in core):
        a, b = (CJK_DIGIT[c] for c in core)
        if b == a + 1:  # 三四 "three or four"
            out.update({float(a), float(b)})
        else:  # 九二共识: a year in short form (the 1992 consensus)
            out.update({1900.0 + v, 2000.0 + v})
    return {round(x, 6) for x in out}


def extract(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number, amount, percentage, date, time, decade and relative time in ``text``."""
    if len(text) > _MEMO_CHARS:
        return _extract_uncached(text, lang)
    return list(_extract(text, lang))


# Alignment and the number and time checks read the quantities of the same segments:
# each segment is parsed once. Quantities are frozen, and a fresh list is handed out
# each time, so a caller cannot change what another one reads. Only segments up to
# 2,000 characters (a long paragraph) are kept, at most 8192 of them: a few long
# stories' worth, at most ~16 MB of text, however large the input.
_MEMO_CHARS = 2000


@lru_cache(maxsize=8192)
def _extract(text: str, lang: str | None) -> tuple[Quantity, ...]:
    return tuple(_extract_uncached(text, lang))


@lru_cache(maxsize=8192)
def figures(text: str) -> tuple[Quantity, ...]:
    """The quantities of ``text`` written in figures (``extract`` with no language, less
    its spelled numbers and relative times), found without the word patterns: these
    come last in ``extract`` and only take what no figure took, and a range joins two
    quantities only when both are spelled or neither is, across a gap of separators
    only, so leaving them out changes none of the figures. Sentence alignment reads its
    anchors from these (``align._anchors``)."""
    return tuple(q for q in _extract_uncached(text, None, figures_only=True)
                 if not q.spelled and q.kind != "reltime")


def _extract_uncached(text: str, lang: str | None = None, figures_only: bool = False) -> list[Quantity]:
    norm = normal(text)
    low = _lowered(norm)  # (for the word patterns' shortcut, ``_Gated``)
    out: list[Quantity] = []
    taken = bytearray(len(text))

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def take(s: int, e: int) -> None:
        taken[s:e] = b"\x01" * (e - s)

    def add(s: int, e: int, kind: str, values, unit=None, spelled=False, factor=1.0, cur=frozenset()):  # type: ignore[no-untyped-def]
        out.append(Quantity(s, e, text[s:e], kind, frozenset(values), unit, spelled, factor, cur))
        take(s, e)

    # every form of _DATE_RE and _NUM_RE has a digit: a text without one (most sentences)
    # is not scanned by them
    digit = _DIGIT.search(norm) is not None
    for m in _DATE_RE.finditer(norm) if digit else ():
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
    base = langs.base(lang)
    timed = digit and _TIME_DIGIT_NEED.search(norm) is not None
    for m in _TIME_RE.finditer(norm) if timed else _TIME_WORDS_RE.finditer(norm, low):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        g = m.group
        if g("h") is not None:
            if base == "de" and g("ap").lower() == "am":
                continue  # German "am" is "on the"
            if g("h").isdigit():
                h = int(g("h"))
            else:
                hour = _vocab_key(WORD_VALUE, g("h"))
                if hour is None:
                    continue
                h = WORD_VALUE[hour]
            mi = int(g("m") or 0)
            if h > 12:
                continue
            h = h % 12 + (12 if g("ap").lower().startswith("p") else 0)
            vals = {h * 60 + mi}
        elif g("h2") is not None:
            h, mi = int(g("h2")), int(g("m2") or 0)
            vals = {(h + 12 if g("pm2") and h < 12 else h) * 60 + mi}
        elif g("h3") is not None:
            h, mi = int(g("h3")), int(g("m3"))
            vals = {h * 60 + mi} | ({(h + 12) * 60 + mi} if h < 12 else set())
        else:
            if not (g("zap") or g("m4") or g("half")):
                continue
            h, mi = int(g("h4")), 30 if g("half") else int(g("m4") or 0)
            if g("zap") in ("下午", "晚上", "傍晚", "午後") and h < 12 or g("zap") == "中午" and h < 3:
                vals = {(h + 12) * 60 + mi}
            elif g("zap"):
                vals = {h * 60 + mi}
            else:
                vals = {h * 60 + mi} | ({(h + 12) * 60 + mi} if h < 12 else set())
        if h > 24 or mi > 59:
            continue
        add(s, e, "time", {("time", v % 1440) for v in vals})
    decade = digit and _DECADE_DIGIT_NEED.search(norm) is not None
    for m in _DECADE_RE.finditer(norm) if decade else _DECADE_WORDS_RE.finditer(norm, low):
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        if m.group("w"):
            word = _vocab_key(_DECADE_WORDS, m.group("w"))
            if word is not None:
                add(s, e, "decade", {("decade", _DECADE_WORDS[word])}, spelled=True)
        elif m.group("cn"):
            add(s, e, "decade", {("decade", 10 * CJK_DIGIT[m.group("cn")[0]])}, spelled=True)
        else:
            if not m.group("c") and (int(m.group("d")) < 2 or m.group("er") and not m.group("j")):
                continue  # "10s of thousands", "ein 20er" (a banknote), "10er-Karte"
            add(s, e, "decade", {("decade", 10 * int(m.group("d")))})
    for m in _CJK_NUM_RE.finditer(norm) if _CJK_NEED.search(norm) else ():
        n, pre, cur = m.group("n"), m.group("pre"), m.group("cur")
        s, e = m.start(), m.end()
        if not pre and not cur and _CJK_SIMPLE.fullmatch(n):
            continue  # plain digits: the general rules below
        metric = _CJK_METRIC.search(norm, m.start("n"), m.end("n") + 1)
        if metric and metric.start() < m.end("n"):  # 5千米 = 5 km: the number ends before the prefix
            n = n[: metric.start() - m.start("n")]
            e = metric.start()
            cur = None
            if not n or (_CJK_SIMPLE.fullmatch(n) and not pre):
                continue
        if (s > 0 and norm[s - 1].isdigit()) or not free(s, e):
            continue
        vals = _cjk_readings(n, lang)
        if not vals:
            continue
        # Digits, or a numeral that counts in 万/亿 and starts with a digit character (十万,
        # 两百五十万, 三十亿): a figure to report. Other numerals (三, 第二十, 千万 "by all
        # means", 万一 "in case", 百姓) only match a figure of the other version.
        # A numeral after 几/数/上/好 is vague (几十亿 "billions", 上百万 "a million or more").
        vague = s > 0 and norm[s - 1] in "几数上好" or "几" in n
        digits = bool(re.search(r"\d", n)) or not vague and bool(
            re.match(r"[一二两兩三四五六七八九十][^多余几]*[万萬亿億兆]", n))
        core = re.sub(r"[\d.,多余几]", "", n)
        factor = 1.0
        if digits and core and core[-1] in CJK_UNIT:
            tail = re.search(rf"[{''.join(CJK_UNIT)}]+$", n)
            factor = cjk_value("一" + tail.group()) if tail else 1.0  # type: ignore[assignment]
        if pre == "百分之":
            add(s, e, "percent", vals, "%", spelled=not digits)
        elif cur:
            add(s, e, "money", vals, cur, spelled=not digits, factor=factor or 1.0,
                cur=currencies(cur))
        else:
            add(s, e, "number", vals, spelled=not digits, factor=factor or 1.0)
    for m in _NUM_RE.finditer(norm) if digit else ():
        s, e = m.start("num"), m.end()
        if m.group("cur1"):
            s = m.start("cur1")
        if not free(m.start("num"), m.end("num")):
            continue
        num = m.group("num")
        scale = m.group("scale")
        abbr = m.group("abbr") if m.group("cur1") else None
        if m.group("abbr") and not abbr:
            e = m.end("num")
        vals = set(readings(num, lang))
        if (decimal_comma(lang) is False and re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", num)):
            # "[1,1]" in English or Chinese is a list more often than a foreign decimal:
            # it reads as its first number too (the second one is a repetition or left over)
            vals.add(float(num.split(",")[0]))
        factor = 1.0
        if abbr:
            factor = SCALE_ABBR[abbr.lower()]
            vals = {round(v * factor, 6) for v in vals}
        elif scale:
            factor = _scale_of(scale, lang)
        fvals = _scaled(vals, None) if abbr else _scaled(vals, scale, lang)
        kind, unit, cur = "number", None, frozenset()
        if m.group("pct"):
            kind, unit = "percent", "%"
        elif m.group("cur1") or m.group("cur2") or m.group("cur3"):
            word = m.group("cur1") or m.group("cur2") or m.group("cur3")
            kind, cur = "money", currencies(word)
            unit = "/".join(sorted(cur)) if len(cur) == 1 else word
        if m.group("abbr") and not abbr or not (
                scale or abbr or m.group("pct") or m.group("cur2") or m.group("cur3")):
            e = m.end("num")  # "44m" without a currency sign may be metres
        add(s, e, kind, fvals, unit, factor=factor, cur=cur)
    if figures_only:  # what follows only reads words (and relative times)
        out.sort(key=lambda q: (q.start, q.end, q.kind))
        return _ranges(out, norm)
    for s, e, v in _words(norm, lang, low):
        if free(s, e):
            add(s, e, "number", {round(v, 6)}, spelled=True)
    for m in _FOLD_RE.finditer(norm, low):
        if free(m.start(), m.end()):
            w = m.group("w") or m.group("dw")
            v = 2.0 if m.group("twice") else _word_value(w) if w.lower() not in ("hundred", "hundert", "thousand", "tausend") else float(WORD_SCALE[w.lower()])
            if v is not None:
                add(m.start(), m.end(), "number", {v}, spelled=True)
    for m in _ORD_RE.finditer(norm, low):
        w = _vocab_key(ORDINALS, m.group("w"))  # type: ignore[assignment]
        if w is None:
            continue
        german = w in _ORD_DE
        if german != bool(m.group("end")):
            continue
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "number", {float(ORDINALS[w])}, spelled=True)
    for m in _SPELLED_RE.finditer(norm):
        if free(m.start(), m.end()):
            word = _vocab_key(SPELLED_VALUES, m.group("w"))
            if word is None:
                continue
            v = SPELLED_VALUES[word]
            add(m.start(), m.end(), "number", {float(v)}, spelled=True)
    for rx in (_REL_RE, _REL_PRE_RE, _REL_CJK_RE):
        for m in rx.finditer(norm):
            key = _vocab_key(_UNIT_OF, m.group("unit"))
            if key is None:
                continue
            unit = _UNIT_OF[key]
            direction = _DIR_OF.get(_vocab_key(_DIR_OF, m.group("dir")) or "", "after")
            s, e = m.start(), m.end()
            out.append(Quantity(s, e, text[s:e], "reltime", frozenset([unit]), direction))
    out.sort(key=lambda q: (q.start, q.end, q.kind))
    return _ranges(out, norm)


def _ranges(qs: list[Quantity], norm: str) -> list[Quantity]:
    """A range shares its multiplier: 60到80万 = 600,000 to 800,000, "5 to 6 million",
    60-80%: the first number also reads with the second one's scale."""
    out = list(qs)
    nums = [i for i, q in enumerate(out) if q.kind in ("number", "money", "percent")]
    for i, j in zip(nums, nums[1:]):
        a, b = out[i], out[j]
        if b.factor <= 1 or a.factor != 1 or a.spelled != b.spelled:
            continue
        if a.end > b.start or not _RANGE_GAP.fullmatch(norm[a.end:b.start]):
            continue
        extra = {round(v * b.factor, 6) for v in a.values if isinstance(v, float)}
        out[i] = replace(a, values=a.values | extra)
    return out


def same(a: Quantity, b: Quantity) -> bool:
    """Two mentions agree: one of their readings is equal (and, for times, the direction)."""
    if (a.kind in ("date", "reltime")) != (b.kind in ("date", "reltime")):
        return False
    if a.kind == "reltime" and a.unit != b.unit:
        return False
    return bool(a.values & b.values)


def other_currency(a: Quantity, b: Quantity) -> bool:
    """Two amounts of the same value in clearly different currencies (新元 and yuan)."""
    return bool(a.cur and b.cur and not a.cur & b.cur)


def match(a: list[Quantity], b: list[Quantity], kinds: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """(pairs, left in a, left in b): one-to-one pairing of the mentions of ``kinds``.

    Digits pair with digits first, in text order and in the same currency where both
    name one; then what is left, spelled-out words included ("three", 三, "twice"), pairs
    with anything of the same value. A word numeral thus never takes the counterpart a
    digit needed.
    """
    qa = [q for q in a if q.kind in kinds]
    qb = [q for q in b if q.kind in kinds]
    used_a, used_b = [False] * len(qa), [False] * len(qb)
    pairs: list[tuple[Quantity, Quantity]] = []
    for strict in (True, False):
        for i, q in enumerate(qa):
            if used_a[i] or strict and q.spelled:
                continue
            for j, r in enumerate(qb):
                if used_b[j] or strict and (r.spelled or other_currency(q, r)):
                    continue
                if same(q, r):
                    used_a[i] = used_b[j] = True
                    pairs.append((q, r))
                    break
    return (pairs, [q for i, q in enumerate(qa) if not used_a[i]],
            [r for j, r in enumerate(qb) if not used_b[j]])


def compare(a: list[Quantity], b: list[Quantity], kinds: tuple[str, ...]) -> tuple[list[Quantity], list[Quantity]]:
    """Mentions of ``kinds`` in ``a`` without a counterpart in ``b``, and the reverse.

    Greedy one-to-one matching (:func:`match`): a number repeated twice in ``a`` needs
    two counterparts, unless the other side has nothing left over at all: "the top 20%
    and the bottom 20%" said as "the top and bottom 20%" is one number said once.
    Spelled-out numbers may match a digit but are never left over (a spelled "two" in
    one version and nothing in the other is usually style: "both").
    """
    _, left_a, left_b = match(a, b, kinds)
    left_a = [q for q in left_a if not q.spelled]
    left_b = [q for q in left_b if not q.spelled]
    if not left_b:
        seen = {v for q in b if q.kind in kinds for v in q.values}
        left_a = [q for q in left_a if not q.values & seen]
    if not left_a:
        seen = {v for q in a if q.kind in kinds for v in q.values}
        left_b = [q for q in left_b if not q.values & seen]
    return left_a, left_b
