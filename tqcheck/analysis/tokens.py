"""Identifiers in running text that a translation must carry unchanged: URLs, e-mail
addresses, @handles, #hashtags and alphanumeric codes (flight numbers, aircraft and
model names, treaty and disease designations).

Method: regular expressions over the text with digits of every script mapped to ASCII
(``tqcheck.analysis.numbers.normal``, same length, so offsets carry over), in this order, each
taking its span so that later kinds never look inside it: URLs, then handles (a
Mastodon handle ``@user@server`` is one handle), then e-mail addresses, then hashtags,
then codes. Each token gets a **key**, the form two versions are compared by:

* **URL**: scheme, ``www.``/``m.``, a trailing slash and trailing sentence punctuation
  dropped, lower-cased (``https://www.Example.org/a/`` = ``example.org/a``). ``host`` is
  the host without ``www.``/``m.`` and without a leading language label (``ru.``,
  ``de.``): a translated article legitimately links to the localised edition of the same
  site (``bbc.com/news`` in English, ``bbc.com/russian`` in Russian, ``ru.wikipedia.org``
  for ``en.wikipedia.org``), so across languages URLs are compared by host
  (``tqcheck/checks/token_mismatch.py``). A bare domain (``example.org``) is a URL
  too, but a weak one: it is often a company's name (a shop, a site) that a translation
  may write in words.
* **e-mail**: lower-cased.
* **handle / hashtag**: lower-cased (case-folded), without the sign.
* **code**: letters followed by digits, as one token: ``F-35``, ``F35``, ``LH 400``,
  ``Ту-154``, ``COVID-19``, ``SARS-CoV-2``, ``H5N1``, ``iPhone 15``, ``A320``, ``G20``,
  and in uncased scripts a short word, a hyphen and digits (``إف-16``, ``كوفيد-19``,
  ``歼-20``), but not Hebrew or Arabic prefix letters hyphenated to a number (``ב-10``,
  "in 10"). Its keys are the ASCII transliteration (anyascii) and a look-alike fold
  (Cyrillic ``МС`` reads as Latin ``MC``, as in ``МС-21`` = ``MC-21``), upper-cased, with
  separators dropped; ``digits`` are its digit groups. ``Ту-154`` = ``Tu-154`` and
  ``МС-21`` = ``MC-21``; ``СНВ-3`` is not ``New START`` (a different name, not a code of
  the other version). What counts as a code is kept narrow, because its digits stop
  being a *number* for TQ601: the letters must carry a capital that is not only the
  sentence's first letter (``F``, ``LH``, ``COVID``, ``iPhone``, ``CoV``), or be a
  capitalised word joined to the digits by a hyphen (``Covid-19``, ``Ту-154``) but not
  a year (``Mid-2020`` is a date); a space between letters and digits only after two
  capitals (``LH 400``, an airline and flight) or a camel-case name (``iPhone 15``).
  Lower-case words with digits (``mid-2020``, ``over-50s``) are not codes. A German or
  Russian compound or ending after the code (``F-35-Kampfjets``, ``COVID-19-Pandemie``,
  ``F-16s``) is not part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Letters of the cased scripts: Latin (with its extensions), Greek, Cyrillic.
_L = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_HYPH = "\\-\u2010\u2011"
_STOP = "\\s<>\"'«»“”„‘’()\\[\\]{}|"

URL_RE = re.compile(rf"(?:https?://|ftp://|www\.)[^{_STOP}]+", re.I)
# Bare domains: a name of two characters or more (Polish "m.in." is an abbreviation), a
# dot and a lower-case top-level domain of the news world ("second.It" is a missing
# space), then a path.
_TLDS = ("com|org|net|gov|edu|int|info|io|co|news|tv|uk|de|ru|fr|ua|cn|jp|eu|es|it|nl|pl|"
         "ch|at|be|ca|au|in|il|tr|br|mx|kr|ir|sa|ae|eg|qa|by|kz")
DOMAIN_RE = re.compile(
    rf"(?<![\w@.{_HYPH}/])[a-z0-9][a-z0-9-]*[a-z0-9]\.(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*(?-i:{_TLDS})(?![\w{_HYPH}])"
    rf"(?:/[^{_STOP}]*)?", re.I)
# A handle as on X, Telegram, Instagram (letters, digits, _ and inner dots), optionally
# with a Mastodon server (@user@server.social).
HANDLE_RE = re.compile(
    r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?"
    r"(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?", re.I)
# An address's local part in ASCII (a Hebrew prefix may be hyphenated to it: ל-tips@).
EMAIL_RE = re.compile(r"(?<![\w.%+])(?<![A-Za-z0-9]-)[A-Za-z0-9][A-Za-z0-9._%+-]*"
                      r"@(?:[\w-]+\.)+[A-Za-z]{2,}(?![\w-])")
# A hashtag starts with a letter of any script: "#1 hit" is a rank, not a tag.
HASHTAG_RE = re.compile(r"(?<![\w&#/])#[^\W\d_]\w*")
# Codes in cased scripts: letter groups (joined by hyphens: SARS-CoV), then optionally a
# hyphen or a slash, digits, then letters and digits and hyphenated groups (H5N1,
# Ту-154М, МС-21-300). The groups are written without nested optional repetition, so
# a long failing run costs linear time. Not preceded by a letter, a digit, a hyphen after
# a letter (that would be inside a word), or by @ # / . $ & ' (handles, paths, amounts);
# a letter of an uncased script may touch it (苹果iPhone15).
CODE_RE = re.compile(
    rf"(?<![{_L}0-9_@#$/\\.&'’])(?<![{_L}0-9][{_HYPH}])"
    rf"(?P<code>(?:[{_L}]+[{_HYPH}])*[{_L}]+[{_HYPH}/]?[0-9]+[{_L}0-9]*(?:[{_HYPH}][{_L}0-9]+)*)")
# Space forms: two capitals and a flight number (LH 400, SU 100), a camel-case name and
# a model number (iPhone 15, PlayStation 5). At most four digits, not a decimal, an
# amount or a percentage (PM 2.5, EU 27%).
CODE_SPACE_RE = re.compile(
    rf"(?<![\w@#$/\\.&'’{_HYPH}])(?P<code>(?:[A-Z]{{2}}|[a-z]?[A-Z][a-z]+[A-Z][A-Za-z]*|[a-z][A-Z][A-Za-z]*)"
    rf" [0-9]{{1,4}})(?![\w%‰]|[.,][0-9])")
# Uncased scripts (Arabic, Hebrew, Han): a short word, a hyphen and digits (إف-16,
# كوفيد-19, 歼-20, 东风-41). Han has no spaces, so where a word starts is unknown: its
# letters are the one character before the hyphen (风-41), the same in every version, and
# across scripts Han codes are matched on their digits.
CODE_UNCASED_RE = re.compile(
    rf"(?:(?<![\w{_HYPH}])(?P<a>[\u0590-\u05ff\u0600-\u06ff]{{1,8}})|(?P<h>[\u3400-\u9fff]))"
    rf"[{_HYPH}](?P<d>[0-9]+)(?![0-9]|[.,][0-9])")

# Letters that Hebrew (ו ה ב ל מ ש כ) and Arabic (و ف ب ل ك ال) attach to the next word:
# hyphenated to a number they are a preposition or an article, not a code's letters.
_PREFIXES = "והבלמשכ" + "وفبلكال"

# What every match of a pattern above must contain, tested before the pattern runs
# (``find``): most articles have no "@", "#", "://" or ".com", and a failed scan of a
# pattern with look-behinds at every character costs more than these tests. Each is a
# necessary condition, so skipping a pattern whose test fails finds the same tokens.
# URL_RE: "://" or "www." in any case ("w" has no other case-insensitive match).
_DOMAIN_NEED = re.compile(rf"\.(?:{_TLDS})")  # DOMAIN_RE's top-level domain is case-sensitive
_SPACE_NEED = re.compile(r"[A-Za-z] [0-9]")  # CODE_SPACE_RE: a letter, a space, a digit
_UNCASED_NEED = re.compile(rf"[\u0590-\u05ff\u0600-\u06ff\u3400-\u9fff][{_HYPH}][0-9]")

# Cyrillic and Greek capitals that look like Latin ones: a code typed in one script and
# read in another (МС-21 is the MC-21, ТУ written with a Latin T).
# Also read by TQ006 (checks/marker.py) for rule ids typed with such a letter.
LOOKALIKE = str.maketrans("АВСЕНКМОРТХУІЈЅԚΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABCEHKMOPTXYIJSQABEZHIKMNOPTYX")
# A language label at the start of a host: ru.wikipedia.org, de.euronews.com.
_LANG_LABEL = re.compile(r"^(?:[a-z]{2}(?:-[a-z]{2})?|arabic|russian|persian|chinese|mundo)\.(?=.+\.)")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # url | email | handle | hashtag | code
    key: str  # compared between versions
    keys: frozenset[str] = frozenset()  # every key it may be (codes: transliteration, look-alike)
    digits: str = ""  # codes: the digit groups, "35", "5-1" for H5N1
    letters: str = ""  # codes: the letters, transliterated and upper-cased
    script: str = "latin"  # codes: latin | other (Arabic, Hebrew, Han: matched on digits)
    strong: bool = True  # URLs: with a scheme or www. (a bare domain is a weak one)
    host: str = ""  # URLs: host without www., m. and a language label


def _trim_url(u: str) -> str:
    """Drop sentence punctuation after a URL and a closing bracket it did not open."""
    while u and u[-1] in ".,;:!?…":
        u = u[:-1]
    return u


def url_key(u: str) -> tuple[str, str]:
    """(key, host) of a URL: no scheme, www., trailing slash; lower-cased."""
    s = re.sub(r"^(?:https?|ftp)://", "", u.strip(), flags=re.I).lower()
    s = re.sub(r"^(?:www\d?|m)\.", "", s)
    host, _, rest = s.partition("/")
    host = host.split(":")[0].rstrip(".")
    key = host + ("/" + rest if rest else "")
    key = key.rstrip("/")
    return key, _LANG_LABEL.sub("", host)


def _fold(s: str) -> tuple[str, str]:
    """(anyascii key, look-alike key) of a code: upper-case letters and digits only."""
    from anyascii import anyascii

    a = re.sub(r"[^A-Z0-9]", "", anyascii(s).upper())
    b = re.sub(r"[^A-Z0-9]", "", anyascii(s.upper().translate(LOOKALIKE)).upper())
    return a, b


def _cased_code(code: str) -> str | None:
    """The code without a compound or ending after it, or None if it is not a code."""
    parts = re.split(f"([{_HYPH}])", code)
    # drop trailing hyphenated groups without a digit unless in capitals (-Pandemie, -х)
    while len(parts) >= 3 and not re.search(r"\d", parts[-1]) and not parts[-1].isupper():
        parts = parts[:-2]
    code = "".join(parts)
    # lower-case letters after the last digit are an ending (F-16s), capitals a variant (F-35A)
    m = re.search(r"\d([a-zа-яё]+)$", code)
    if m and not re.search(r"[a-zа-яё]\d", code):
        code = code[: m.start(1)]
    first = re.match(rf"[{_L}{_HYPH}/]+", code)
    letters = first.group().strip("".join(_HYPH) + "/") if first else ""
    if not letters:
        return None
    inner_cap = any(c.isupper() for c in letters[1:]) or (len(letters) == 1 and letters.isupper())
    if inner_cap:
        return code
    joined = len(code) > len(letters) and code[len(letters)] in _HYPH
    if letters[0].isupper() and joined and "-" not in letters:
        num = re.match(r"\d+", code[len(letters) + 1:])
        if num and len(num.group()) == 4 and 1800 <= int(num.group()) <= 2100:
            return None  # Mid-2020, Euro-2024: a word and a year
        return code
    return None


def _code(start: int, text: str, script: str) -> Token:
    a, b = _fold(text)
    digits = "-".join(re.findall(r"[0-9]+", text))
    letters = re.sub(r"[^A-Z]", "", a)
    return Token(start, start + len(text), text, "code", a, frozenset({a, b}), digits,
                 letters, script)


def _may_hold(norm: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Whether ``norm`` holds what every match of URL_RE, DOMAIN_RE, HANDLE_RE and
    EMAIL_RE (both "@"), HASHTAG_RE, CODE_SPACE_RE and CODE_UNCASED_RE must contain (see
    ``_DOMAIN_NEED``): False means the pattern finds nothing in it."""
    return ("://" in norm or "www." in norm.lower(), _DOMAIN_NEED.search(norm) is not None,
            "@" in norm, "#" in norm, _SPACE_NEED.search(norm) is not None,
            _UNCASED_NEED.search(norm) is not None)


@lru_cache(maxsize=8192)  # passages and whole documents of the stories in flight
def find(text: str) -> tuple[Token, ...]:
    """Every URL, e-mail address, handle, hashtag and code of ``text``, in text order."""
    from .numbers import normal

    norm = normal(text)
    taken = bytearray(len(text))
    out: list[Token] = []

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(tok: Token) -> None:
        out.append(tok)
        taken[tok.start:tok.end] = b"\x01" * (tok.end - tok.start)

    url, domain, at, hashtag, spaced, uncased = _may_hold(norm)
    for rx, strong in ((URL_RE, True), (DOMAIN_RE, False)):
        if not (url if strong else domain):
            continue
        for m in rx.finditer(norm):
            u = _trim_url(m.group())
            if u.endswith(")") and "(" not in u:
                u = _trim_url(u.rstrip(")"))
            s, e = m.start(), m.start() + len(u)
            if e <= s or not free(s, e) or (not strong and "." not in u.strip(".")):
                continue
            key, host = url_key(u)
            add(Token(s, e, text[s:e], "url", key, frozenset({key}), strong=strong, host=host))
    for m in HANDLE_RE.finditer(norm) if at else ():
        s, e = m.start(), m.end()
        while e > s + 1 and norm[e - 1] == ".":
            e -= 1
        if free(s, e):
            key = text[s + 1:e].lower()
            add(Token(s, e, text[s:e], "handle", key, frozenset({key})))
    for m in EMAIL_RE.finditer(norm) if at else ():
        s, e = m.start(), m.end()
        if free(s, e):
            key = text[s:e].lower()
            add(Token(s, e, text[s:e], "email", key, frozenset({key})))
    for m in HASHTAG_RE.finditer(norm) if hashtag else ():
        s, e = m.start(), m.end()
        if free(s, e):
            key = text[s + 1:e].casefold()
            add(Token(s, e, text[s:e], "hashtag", key, frozenset({key})))
    for m in CODE_RE.finditer(norm):
        code = _cased_code(m.group("code"))
        s = m.start("code")
        if code and free(s, s + len(code)):
            add(_code(s, norm[s:s + len(code)], "latin"))
    for m in CODE_SPACE_RE.finditer(norm) if spaced else ():
        s, e = m.start("code"), m.end("code")
        num = m.group("code").rsplit(" ", 1)[1]
        if len(num) == 4 and 1800 <= int(num) <= 2100:
            continue  # a year: "FrontPage 2002" is an edition, "CV 2014" a document
        if free(s, e):
            add(_code(s, norm[s:e], "latin"))
    for m in CODE_UNCASED_RE.finditer(norm) if uncased else ():
        s, e = m.start(), m.end()
        if m.group("a") and (len(m.group("a")) < 2 or not m.group("a").strip(_PREFIXES)):
            continue  # Hebrew and Arabic prefixes before a number: ב-10 "in 10", כ-50 "about 50"
        if free(s, e):
            add(_code(s, norm[s:e], "other"))
    out.sort(key=lambda t: (t.start, t.end))
    # the text of a token is the original's (digits as written), keys are normalised
    return tuple(t if t.text == text[t.start:t.end] else
                 Token(**{**t.__dict__, "text": text[t.start:t.end]}) for t in out)


def same(a: Token, b: Token, host_only: bool = False) -> bool:
    """Two tokens of one kind are the same identifier."""
    if a.kind != b.kind:
        return False
    if a.kind == "url" and host_only:
        return a.host == b.host
    if a.keys & b.keys:
        return True
    # in Arabic, Hebrew and Han a code's letters are a word of that script (إف or اف, 歼,
    # 东风 for F, J, DF), spelled more than one way: the digits decide
    return a.kind == "code" and "other" in (a.script, b.script) and bool(a.digits) \
        and a.digits == b.digits


def related(a: Token, b: Token) -> bool:
    """Two different tokens that are likely one changed into the other (F-35 and F-16,
    LH 400 and LX 400): reported as a changed token rather than two unpaired ones."""
    if a.kind != b.kind:
        return False
    if a.kind == "code":
        return (a.letters == b.letters and bool(a.letters)) or (a.digits == b.digits and bool(a.digits))
    return True  # a URL, address or handle in the same place of the aligned passages
