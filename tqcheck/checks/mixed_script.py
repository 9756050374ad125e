"""Words that mix Latin, Cyrillic and Greek letters: garbling or spoofing.

Method
------
A word is a maximal run of letters and combining marks (digits, hyphens, apostrophes
and punctuation end it, so "COVID-19", "H2O", "iPhone-ом" are several words). A word
is flagged when its letters come from two or more of the look-alike alphabets Latin,
Cyrillic and Greek: a Latin "P" inside "Рутин", a Cyrillic "а" inside "Russiа". These
words look right to an editor but break search, spell-checking, name matching and
sorting, and are a known spoofing trick. Whole words in one script are never flagged,
whatever the text around them: "NATO" in Russian text, "Путин" in English text, a
Latin brand name in Cyrillic copy are all legitimate.

Not flagged: mixes with other scripts (Chinese and Japanese write "T恤", "iPhone手机"
without spaces), and short unit symbols with a Greek prefix ("μm", "kΩ"; at most
``max_unit_letters`` letters). The suggestion replaces each minority-script letter by
its look-alike in the word's majority script where Unicode's confusables table
(UTS #39, ``confusables.txt``) lists one; otherwise it only names the letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..corpus import Document
from ..analysis.text import script_of
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS = {
    # Greek-prefixed unit symbols (μg, μm, kΩ, MΩ) are 2-3 letters; longer words with a
    # Greek letter inside Latin ones are not units.
    "max_unit_letters": 3,
}

_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_ALPHABETS = ("Latin", "Cyrillic", "Greek")

# Look-alikes from Unicode's confusables.txt (UTS #39, Unicode licence), limited to the
# letters that are visually identical in common fonts. Each row: Latin, Cyrillic, Greek
# ("" where the alphabet has no look-alike).
_LOOKALIKES = [
    ("A", "А", "Α"), ("B", "В", "Β"), ("C", "С", ""), ("E", "Е", "Ε"), ("H", "Н", "Η"),
    ("I", "І", "Ι"), ("J", "Ј", ""), ("K", "К", "Κ"), ("M", "М", "Μ"), ("N", "", "Ν"),
    ("O", "О", "Ο"), ("P", "Р", "Ρ"), ("S", "Ѕ", ""), ("T", "Т", "Τ"), ("X", "Х", "Χ"),
    ("Y", "Ү", "Υ"), ("Z", "", "Ζ"), ("a", "а", ""), ("c", "с", ""), ("e", "е", ""),
    ("i", "і", ""), ("j", "ј", ""), ("o", "о", "ο"), ("p", "р", "ρ"), ("s", "ѕ", ""),
    ("x", "х", ""), ("y", "у", ""), ("v", "", "ν"),
]
_COL = {"Latin": 0, "Cyrillic": 1, "Greek": 2}
_TO: dict[tuple[str, str], str] = {}
for _row in _LOOKALIKES:
    for _src in _row:
        if not _src:
            continue
        for _script, _i in _COL.items():
            if _row[_i] and _row[_i] != _src:
                _TO[(_src, _script)] = _row[_i]


def _scripts(word: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in word:
        s = script_of(ch)
        if s in _ALPHABETS:
            counts[s] = counts.get(s, 0) + 1
    return counts


def _words_beyond_ascii(text: str) -> Iterator[re.Match[str]]:
    """The words of the lines that hold a character beyond ASCII (a word never spans
    a line, and the words of an ASCII line are plain Latin): on English copy most
    lines are passed over without a match object per word."""
    pos = 0
    for raw in text.split("\n"):
        if not raw.isascii():
            yield from _WORD_RE.finditer(text, pos, pos + len(raw))
        pos += len(raw) + 1


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    text = doc.text
    for m in _words_beyond_ascii(text):
        word = m.group()
        if word.isascii():
            continue  # fast path: plain Latin
        counts = _scripts(word)
        if len(counts) < 2:
            continue
        letters = sum(counts.values())
        if counts.get("Greek") and letters <= options["max_unit_letters"] \
                and counts.get("Greek") == 1 and "Cyrillic" not in counts:
            continue  # μm, kΩ
        major = max(sorted(counts), key=lambda s: counts[s])
        minority = sorted(s for s in counts if s != major)
        fixed = []
        odd = []
        for ch in word:
            s = script_of(ch)
            if s in _ALPHABETS and s != major:
                odd.append(f"{ch} ({unicodedata.name(ch, 'U+%04X' % ord(ch)).title()})")
                fixed.append(_TO.get((ch, major), ch))
            else:
                fixed.append(ch)
        repaired = "".join(fixed)
        clean = len(_scripts(repaired)) == 1
        yield Hit(m.start(), m.end(),
                  fields={"scripts": " + ".join([major, *minority]), "letters": ", ".join(odd)},
                  suggestion=(f"retype as {repaired!r}" if clean else f"retype the {', '.join(minority)} letters"),
                  fix=repaired if clean else None)
