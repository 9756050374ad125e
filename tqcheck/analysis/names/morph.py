"""Forms of one name in running text: inflection, possessives, clitics, derivations.

A name in news copy carries case endings (Russian ``Путина``, ``Путину``; Polish
``Putinowi``; Finnish ``Putinin``), possessives (``Putin's``, German genitive ``Trumps``,
Turkish ``Putin'in``), clitic prefixes written onto the word (Arabic و ب ل ف ك and the
article ال; Hebrew ו ה ב ל מ ש כ; French and Italian ``l'``, ``d'``) and derivations
(``Russia`` / ``Russian``, ``Ukraine`` / ``Ukrainian``).

``stems(token, lang)`` gives every candidate base form: the token itself and the token
with one known ending (or prefix) removed, lower-cased. Two tokens are forms of one
name when their stem sets meet. The endings are per language; an unknown language gets
only the possessive and derivational endings shared by the languages that capitalise
adjectives of names (English). Removing an ending never leaves fewer than 3 letters.
"""

from __future__ import annotations

import os
from functools import lru_cache

_SLAVIC_CYR = ["ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ом", "ем", "ым", "им",
               "ой", "ей", "ах", "ях", "ам", "ям", "ов", "ую", "юю", "ая", "яя", "ий", "ый",
               "ые", "ие", "ых", "их", "а", "я", "у", "ю", "е", "ы", "и", "і", "ї"]
# Cyrillic endings that replace a nominative ending: Юрий -> Юрием, Игорь -> Игоря.
_REPLACE = {"ru": [("ием", "ий"), ("ия", "ий"), ("ию", "ий"), ("ии", "ий"), ("ем", "ь"),
                   ("я", "ь"), ("ю", "ь"), ("е", "ь"), ("ей", "ья")]}
_REPLACE["uk"] = _REPLACE["be"] = _REPLACE["ru"]
_REPLACE["de"] = [("erinnen", "er"), ("erin", "er")]
_SLAVIC_LAT = ["owi", "ovi", "em", "om", "em", "ie", "ę", "ą", "a", "u", "e", "y", "i", "ovi",
               "ovou", "ové", "ová", "ego", "emu", "iem", "ym", "ą", "ach", "ami"]
SUFFIXES: dict[str, list[str]] = {
    "ru": _SLAVIC_CYR, "uk": _SLAVIC_CYR, "be": _SLAVIC_CYR, "bg": ["а", "я", "ът", "ия"],
    "mk": ["от", "та", "а"], "sr": _SLAVIC_CYR + _SLAVIC_LAT, "pl": _SLAVIC_LAT,
    "cs": _SLAVIC_LAT, "sk": _SLAVIC_LAT, "hr": _SLAVIC_LAT, "bs": _SLAVIC_LAT,
    "sl": _SLAVIC_LAT, "lt": ["as", "o", "ui", "u", "e", "ą", "os", "is", "io", "iui"],
    "lv": ["s", "a", "am", "u", "ā"],
    # German nouns are capitalised, so their inflections (Kraftwerk / Kraftwerke,
    # Erwachsene / Erwachsener) must be one form like a name's; feminine forms are in
    # _REPLACE (Fußgängerin -> Fußgänger), since a bare -in ending is also how names
    # end (Lakin, Putin)
    "de": ["s", "es", "e", "n", "en", "er", "ern", "ens"],
    "nl": ["s", "se"], "sv": ["s"], "da": ["s"], "nb": ["s"], "nn": ["s"], "no": ["s"],
    "en": ["s", "n", "an", "ian", "ians", "ans", "ns", "ese", "ish", "i", "is", "e", "a"],
    "fr": ["ien", "ienne", "iens", "ais", "aise", "e", "s"],
    "es": ["o", "a", "os", "as", "ano", "ana"], "it": ["o", "a", "i", "e"],
    "pt": ["o", "a", "os", "as"], "ro": ["ul", "ului", "a", "ei", "ei"],
    "fi": ["n", "a", "ä", "lla", "llä", "lle", "lta", "ltä", "ssa", "ssä", "sta", "stä",
           "ksi", "na", "nä", "in", "iin", "han", "hin"],
    "et": ["i", "ga", "le", "lt", "s", "st", "sse", "ks", "d"],
    "hu": ["nak", "nek", "t", "ot", "et", "val", "vel", "ban", "ben", "ra", "re", "hoz",
           "hez", "tól", "től", "ról", "ről", "nál", "nél", "ba", "be", "i"],
    "tr": ["ın", "in", "un", "ün", "a", "e", "ı", "i", "u", "ü", "da", "de", "ta", "te",
           "dan", "den"],
    "el": ["ς", "ου", "α", "η", "ο"],
}
_DEFAULT = ["s"]
_PREFIXES: dict[str, list[str]] = {
    "ar": ["وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك"],
    "fa": ["ال"], "ur": ["ال"],
    "he": ["וה", "שה", "מה", "כש", "וב", "ול", "ה", "ו", "ב", "ל", "מ", "ש", "כ"],
}
_APOSTROPHES = "'’ʼ"


def _by_last_letter(suffixes: list[str]) -> dict[str, tuple[str, ...]]:
    """Endings by their last letter, each list in the given order: ``stems`` tries a
    word only with the endings it can end with, not with all of them."""
    out: dict[str, list[str]] = {}
    for suf in suffixes:
        out.setdefault(suf[-1:], []).append(suf)
    return {k: tuple(v) for k, v in out.items()}


_BY_LAST = {b: _by_last_letter(sufs) for b, sufs in SUFFIXES.items()}
_DEFAULT_BY_LAST = _by_last_letter(_DEFAULT)


def base_lang(lang: str | None) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


@lru_cache(maxsize=32768)  # the names that recur across stories; 131,072 held ~50 MB when full
def stems(token: str, lang: str | None) -> frozenset[str]:
    """Candidate base forms of ``token`` (lower-case), the token itself included."""
    t = token.lower()
    out = {t}
    for ap in _APOSTROPHES:  # Putin's, Putin'in, l'Ukraine, d'Abu
        if ap in t:
            head, _, tail = t.partition(ap)
            if len(head) >= 3:
                out.add(head)
            if len(head) <= 2 and len(tail) >= 3:
                out.add(tail)
    b = base_lang(lang)
    word = t
    # only the endings that end with the word's last letter can be its ending
    for suf in _BY_LAST.get(b, _DEFAULT_BY_LAST).get(word[-1:], ()):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            out.add(word[: -len(suf)])
    for a, b in _REPLACE.get(b, ()):
        if word.endswith(a) and len(word) - len(a) >= 2:
            out.add(word[: -len(a)] + b)
    # Arabic and Hebrew clitics are written onto any word; script decides, not lang.
    first = word[:1]
    if "\u0600" <= first <= "\u06ff":
        pres = _PREFIXES["ar"]
    elif "\u0590" <= first <= "\u05ff":
        pres = _PREFIXES["he"]
    else:
        pres = []
    for pre in pres:
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            out.add(word[len(pre):])
    return frozenset(out)


@lru_cache(maxsize=1)  # read once per process
def stopwords_iso() -> dict[str, list[str]]:
    """stopwords-iso's lists by language code, as ``stopwordsiso.stopwords`` gives them
    (``tests/test_start.py`` compares every language), read from the data file the
    package installs without importing it: its import also loads importlib.metadata to
    look up its own version (about 30 ms, a twentieth of a one-story run). A package
    without that file is asked itself."""
    import json
    from importlib.util import find_spec

    try:
        spec = find_spec("stopwordsiso")
        if spec is None or spec.origin is None:
            raise OSError("stopwordsiso is not installed")
        with open(os.path.join(os.path.dirname(spec.origin), "stopwords-iso.json"),
                  encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
            raise ValueError("not stopwords-iso's lists")
    except (OSError, ValueError):
        try:
            import stopwordsiso
        except ImportError:  # pragma: no cover - declared dependency
            data = {}
        else:
            data = {code: sorted(stopwordsiso.stopwords(code)) for code in stopwordsiso.langs()}
    return data


@lru_cache(maxsize=64)
def common_words(lang: str | None, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    """Stop words of stopwords-iso for ``lang`` plus the rule's data file entries."""
    b = base_lang(lang)
    words: set[str] = set()
    if b:
        words |= {w.lower() for w in stopwords_iso().get(b.lower(), ())}
    for key, lst in extra:
        if key in (b, "any"):
            words |= set(lst)
    return frozenset(words)
