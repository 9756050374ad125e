"""Damaged characters: one rule per ``category`` option.

* ``replacement``  U+FFFD, what a decoder writes for bytes it could not read: the
  original character is lost, so there is no fix, only the hint to re-export.
* ``control``      C0 controls other than tab and newline, DEL, and C1 controls
  (U+0080-U+009F). A C1 control is almost always a Windows-1252 byte decoded as
  Latin-1 (0x85 is "…", 0x92 is "’"): the fix is that character (ftfy's
  ``fix_c1_controls`` reasoning); other controls are removed. Both fixes are safe.
* ``invisible``    zero-width and bidirectional formatting characters that have no
  business in news copy: U+200B zero-width space (except between Thai, Lao, Khmer,
  Myanmar or Tibetan letters, which use it as a word-break hint), U+2060 word joiner,
  U+FEFF inside the text, U+180E; the bidi overrides and embeddings U+202A-U+202E and
  isolates U+2066-U+2069 in a paragraph without right-to-left letters (in Arabic or
  Hebrew copy they may be deliberate), and LRM/RLM likewise; ZWJ/ZWNJ (U+200D,
  U+200C) only when neither neighbour needs them (Persian, Indic and other complex
  scripts, emoji sequences do). No automatic fix: an editor decides.
* ``markup``       HTML left in the text: character references (``&amp;``, ``&#8217;``,
  ``&nbsp;``, double-escaped ``&amp;amp;``) — fixed by unescaping until stable — and
  tags of HTML elements (``<p>``, ``</div>``, ``<br/>``), which need an editor.
* ``spaces``       two or more spaces between words inside a sentence (not after
  sentence punctuation, where some writers put two, and not in lines that look like
  an aligned table).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..analysis.text import SENTENCE_END, lines, script_of
from .base import Hit

SCOPE = "article"
OPTIONS: dict[str, Any] = {"category": "control"}
CATEGORIES = ("replacement", "control", "invisible", "markup", "spaces")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_ENTITY_RE = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAGS = ("p|br|hr|div|span|a|b|i|u|s|em|strong|img|ul|ol|li|h[1-6]|blockquote|figure|figcaption|"
         "iframe|script|style|table|tbody|thead|tr|td|th|dl|dt|dd|sup|sub|small|font|center|section|"
         "article|header|footer|nav|aside|picture|source|video|audio|caption|cite|q|abbr|"
         "time|mark|label|button|input|form|noscript|svg|meta|link")
_TAG_RE = re.compile(rf"</?(?:{_TAGS})(?:\s+[^<>]{{0,300}}?)?\s*/?>", re.I)
_SPACES_RE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
# A line with two or more runs of three spaces is an aligned table, not prose.
_TABLE_RE = re.compile(r"\S {3,}\S.* {3,}\S")

# Scripts that break words with U+200B (they write no spaces between words).
_ZWSP_SCRIPTS = {"Thai", "Lao", "Khmer", "Myanmar", "Tibetan"}
# Scripts whose letters need ZWJ/ZWNJ (cursive joining, conjuncts): everything but the
# alphabets written in separate letters. Latin/Greek/Cyrillic/Armenian/Georgian do not.
_NO_JOINER = {"Latin", "Greek", "Cyrillic", "Armenian", "Georgian", None}
_RTL = {"Arabic", "Hebrew"}


def validate(options: dict[str, Any], rule: Any) -> None:
    if options["category"] not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}", "category")


def _needs_joiner(ch: str) -> bool:
    if not ch:
        return False
    if unicodedata.category(ch) in ("So", "Sk", "Mn", "Me") or 0xFE00 <= ord(ch) <= 0xFE0F \
            or 0x1F000 <= ord(ch) <= 0x1FAFF:
        return True  # emoji, skin-tone modifiers, variation selectors, combining marks
    return script_of(ch) not in _NO_JOINER


def _invisible_ok(text: str, i: int, par_rtl: bool) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == "\u200b":
        return script_of(prev) in _ZWSP_SCRIPTS if prev else False
    if ch in "\u200c\u200d":
        return _needs_joiner(prev) or _needs_joiner(nxt)
    if ch in "\u200e\u200f" or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return par_rtl and ch not in "\u202d\u202e"  # overrides are never needed in prose
    return False


def _names(s: str) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control')}" for c in s)


def _control_fix(s: str) -> str:
    out = []
    for ch in s:
        if 0x80 <= ord(ch) <= 0x9F:
            try:
                out.append(bytes([ord(ch)]).decode("cp1252"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


def _unescape(s: str) -> str:
    prev = None
    while prev != s:
        prev, s = s, html.unescape(s)
    return s


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    text = doc.text
    cat = options["category"]
    if cat == "replacement":
        for m in re.finditer("\ufffd+", text):
            yield Hit(m.start(), m.end(), fields={"what": _names(m.group()[:1]), "count": len(m.group())},
                      suggestion="the original character is lost: re-export from the source")
    elif cat == "control":
        for m in _CONTROL_RE.finditer(text):
            fix = _control_fix(m.group())
            yield Hit(m.start(), m.end(), fields={"what": _names(m.group())},
                      suggestion=fix or "(remove)", fix=fix, replacement=fix or "")
    elif cat == "invisible":
        for sp in lines(text):
            par = text[sp.start:sp.end]
            if par.isascii():
                continue  # every invisible character is beyond ASCII
            # each distinct letter once: a Python test per character was most of this rule
            rtl = any(script_of(c) in _RTL for c in set(filter(str.isalpha, par)))
            for m in _INVISIBLE_RE.finditer(par):
                if not _invisible_ok(par, m.start(), rtl):
                    yield Hit(sp.start + m.start(), sp.start + m.end(), fields={"what": _names(m.group())},
                              suggestion="(remove)", replacement="")
    elif cat == "markup":
        for m in _ENTITY_RE.finditer(text):
            fixed = _unescape(m.group())
            if fixed == m.group():
                continue  # not an entity HTML knows ("&foo;")
            # a double escape "&amp;amp;" spans several references: take them together
            yield Hit(m.start(), m.end(), fields={"what": "HTML character reference"},
                      suggestion=fixed, fix=fixed)
        for m in _TAG_RE.finditer(text):
            yield Hit(m.start(), m.end(), fields={"what": "HTML tag"}, suggestion="(remove the tag)",
                      replacement="")
    elif cat == "spaces":
        for sp in lines(text):
            par = text[sp.start:sp.end]
            if "  " not in par and "\u00a0" not in par:
                continue  # no two spaces in a row (what _SPACES_RE needs): nothing to find
            if _TABLE_RE.search(par):
                continue
            for m in _SPACES_RE.finditer(par):
                before = par[:m.start()].rstrip("\"'”’»)]")
                if before and before[-1] in SENTENCE_END + ":;":
                    continue
                yield Hit(sp.start + m.start(), sp.start + m.end(),
                          fields={"what": f"{len(m.group())} spaces"}, suggestion=" ", replacement=" ")
