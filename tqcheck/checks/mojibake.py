"""Mojibake: text decoded with the wrong encoding ("Ã©", "â€™", "Ð¿Ñ€Ð¸"), per paragraph.

Method: ftfy does the judging. For every paragraph (line) that is not plain ASCII,
``ftfy.fix_encoding_and_explain`` tries to undo a wrong decoding; ftfy only re-decodes
when its ``badness`` heuristic (sequences of characters that are rare in real text but
common in mojibake, weighed per Unicode category) says the text got better, which keeps
its false positives on legitimate accented, Cyrillic, Greek and CJK text low. The
finding spans the changed characters of the paragraph (from the first to the last
difference), and the repaired text is both the suggestion and the ``--fix``.

Two guards on ftfy, each for a false positive measured on ftfy's own negative cases
(../shared/devset/mojibake.jsonl):

* a paragraph whose only change is one C1 control character read as Windows-1252,
  outside a word ("parlé\\x85" -> "parlé…"), is left to the control-character rule
  (TQ303), which flags and fixes exactly that character. Two or more such characters
  (quotes "\\x84...\\x93"), or one between two letters ("tur\\x92stico", MacRoman
  í), mean the paragraph's bytes were read in the wrong code page: TQ301 flags them,
  without a fix of its own (the code page is ambiguous; TQ303 fixes them as
  Windows-1252);
* "Â" before a no-break space inside an upper-case word ("MISUTÂ AJIKKO") is a real
  capital letter, not the UTF-8 no-break space read as Latin-1; ftfy removes it.

Where ftfy finds nothing, each word (whitespace-delimited token) that holds non-ASCII
characters is re-encoded in the single-byte code pages a UTF-8 text is commonly read
through (Windows-125x, ISO-8859-2, MacRoman, KOI8, the DOS code pages 437/850/852/866)
and decoded again as UTF-8, strictly. The word is mojibake when that round trip
succeeds and turns a word that is not a plain word (it holds symbols such as "©", "˝",
"√", "┐", or letters of two scripts: "mГ©dicament", "pi√π", "┬┐que", "RychlĂ˝") into
a plain word: letters and marks of one script. Real text almost never survives a
strict UTF-8 decode of its legacy-code-page bytes, and never turns into cleaner
letters, so this costs no false positive on the clean look-alikes or the lingua
sentences. A word that decodes to U+FFFD or U+FEFF is the replacement character or
byte-order mark itself read through a legacy code page ("ï¿½", "ďż˝", "пїЅ", "п»ї",
"∩┐╜"): the byte sequences come from this same round trip, not from a list. The
repair restores the U+FFFD itself, exactly as ftfy does; the letter it stood for is
lost, and the replacement-character rule (TQ302) then asks an editor for it. When two
code pages give different plain words the finding has no fix. Words that hold
HTML character references are unescaped first ("10Î&frac14;s" is "10Î¼s", "10μs").

Text that ftfy judges bad (``badness.is_bad``) but cannot repair is flagged too (no
suggestion), when ``flag_unfixable`` is on.

Before ftfy, each paragraph is tried as one single-byte code page read as another
(``_codepage``: "Ïðåçèäåíò" is "Президент" in Windows-1251 shown as Windows-1252),
judged by words and letters; ftfy knows only UTF-8 misreadings and takes such text for
one, "repairing" a few of its letters into other mojibake.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

# (imported here, not in the functions that use them: an import statement run for every
# non-ASCII word of a run was a fifth of the word checks' cost)
from ..analysis.text import lines, script_of
from .base import Hit

SCOPE = "article"
OPTIONS: dict[str, Any] = {
    # ftfy's badness counts suspicious character sequences; is_bad() is true at 1 or
    # more. Text ftfy cannot repair is flagged from 4: the doubly-garbled case in
    # ftfy's tests scores 19, while clean all-capitals text with symbols ("MÄ£ÄM ÌÑÌ")
    # scores 3, and C1 controls (which score 1-3) are the control-character rule's.
    "flag_unfixable": True,
    "min_unfixable_badness": 4,
}

_C1 = {chr(c) for c in range(0x80, 0xA0)}

# Single-byte code pages UTF-8 text gets read through by mistake: Windows (Western,
# Central European, Cyrillic, Greek, Turkish, Baltic), ISO-8859-1/2, MacRoman, KOI8,
# and the DOS code pages of Western Europe, Central Europe and Russia. Order matters
# only for the suggestion when two readings both give a plain word.
LEGACY_CODECS = ("cp1252", "latin-1", "cp1250", "iso8859-2", "cp1251", "cp1253", "cp1254",
                 "cp1257", "mac_roman", "koi8_r", "cp437", "cp850", "cp852", "cp866")
_LOST = {"\ufffd", "\ufeff"}

# Typographic punctuation and spaces that clean text is full of (curly quotes, dashes,
# the ellipsis, guillemets, no-break and thin spaces, primes, the degree, copyright and
# trade-mark signs). ftfy repairs a paragraph only when its badness pattern matches, and
# every branch of that pattern needs a character outside ASCII and this set, so a
# paragraph of ASCII and these characters is left as it is and scores 0 without asking
# ftfy: most paragraphs of English news, so that a run of such articles never imports
# it. ``tests/test_start.py`` proves the set against the installed ftfy's pattern,
# branch by branch.
FTFY_QUIET = frozenset("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u201e\u201a"
                       "\u2022\u00b7\u00b0\u00a9\u00ae\u2122\u00a0\u2009\u202f\u2002\u2003"
                       "\u2010\u2011\u2032\u2033\u2039\u203a")
_QUIET_TEXT = FTFY_QUIET | {chr(c) for c in range(128)}


def ftfy_quiet(par: str) -> bool:
    """True if ``par`` holds only ASCII and ``FTFY_QUIET`` characters: ftfy would find
    no mojibake in it (``fix_encoding`` returns it unchanged, ``badness`` is 0)."""
    return set(par) <= _QUIET_TEXT


def _c1_as_cp1252(s: str) -> str:
    out = []
    for ch in s:
        if ch in _C1:
            try:
                out.append(bytes([ord(ch)]).decode("cp1252"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(ch)
    return "".join(out)


def _diff_span(a: str, b: str) -> tuple[int, int, int, int]:
    """The differing middle of ``a`` and ``b``: a[i:ja] became b[i:jb]."""
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    ja, jb = len(a), len(b)
    while ja > i and jb > i and a[ja - 1] == b[jb - 1]:
        ja -= 1
        jb -= 1
    return i, ja, i, jb


def _capital_a_nbsp_only(before: str, after: str) -> bool:
    """True if the repair only dropped "Â" that follows an upper-case letter before U+00A0."""
    if after != before.replace("Â\xa0", "\xa0"):
        return False
    idx = before.find("Â\xa0")
    while idx != -1:
        if idx == 0 or not before[idx - 1].isupper():
            return False
        idx = before.find("Â\xa0", idx + 1)
    return True


def _c1_isolated(par: str) -> bool:
    """True if ``par`` has a single C1 character and it is not between two letters."""
    idx = [i for i, ch in enumerate(par) if ch in _C1]
    if len(idx) != 1:
        return False
    i = idx[0]
    return not (0 < i < len(par) - 1 and par[i - 1].isalpha() and par[i + 1].isalpha())


@lru_cache(maxsize=4)
def _is_bad(par: str) -> bool:
    """ftfy's ``badness.is_bad``: some sequence of ``par`` looks like mojibake. Kept for
    the last few paragraphs: ``fix_encoding`` leaves text that is not bad unchanged and
    its badness is 0, so a paragraph that is not bad is scanned once, not again for
    each of them (``repair_and_kind``, ``_badness``)."""
    from ftfy import badness

    return badness.is_bad(par)


def repair_and_kind(par: str) -> tuple[str, str] | None:
    """(repaired paragraph, "text" or "c1") from ftfy, or None (with the guards)."""
    if ftfy_quiet(par) or not _is_bad(par):
        return None
    import ftfy

    fixed, _steps = ftfy.fix_encoding_and_explain(par)
    if fixed == par:
        return None
    if _c1_as_cp1252(par) == fixed:
        return None if _c1_isolated(par) else (fixed, "c1")
    if _capital_a_nbsp_only(par, fixed):
        return None
    return fixed, "text"


def repair(par: str) -> str | None:
    """The repaired paragraph, or None when ftfy (with the guards) finds nothing."""
    got = repair_and_kind(par)
    return got[0] if got else None


def _core(word: str) -> tuple[int, int]:
    """Bounds of ``word`` without the punctuation and digits at its edges."""
    def edge(ch: str) -> bool:
        return unicodedata.category(ch)[0] == "P" or ch.isdigit()

    i, j = 0, len(word)
    while i < j and edge(word[i]):
        i += 1
    while j > i and edge(word[j - 1]):
        j -= 1
    return i, j


def _plain(word: str) -> bool:
    """A plain word: letters and marks of one script (U+FFFD/FEFF count as letters),
    with an apostrophe or hyphen allowed between letters."""
    i, j = _core(word)
    core = word[i:j]
    if not core:
        return False
    scripts = set()
    for k, ch in enumerate(core):
        if ch in _LOST:
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            sc = script_of(ch)
            if sc is not None:
                scripts.add(sc)
        elif not (cat[0] == "M" or (ch in "'’-" and 0 < k < len(core) - 1)):
            return False
    return len(scripts) <= 1


# Words recur within an article and across a story's versions, and every word of a
# non-ASCII paragraph that no paragraph-level repair took is tried here, each through
# every legacy code page: the answer (a pure function of the word) is kept for the
# last this many words, a few MB at most.
@lru_cache(maxsize=16384)
def word_repair(word: str) -> tuple[str, bool] | None:
    """(repaired word, unambiguous) when ``word`` is UTF-8 read through a legacy code
    page (see the module docstring), else None."""
    import html

    src = html.unescape(word) if "&" in word else word
    if src != word:
        got = repair_and_kind(src)
        if got is not None and got[1] == "text" and got[0] != src:
            return got[0], True
    if src.isascii() or _plain(src):
        return None
    odd = _odd_inside(src)
    try:
        as_1252 = src.encode("cp1252")
    except UnicodeEncodeError:
        as_1252 = None
    readings: list[str] = []
    for codec in LEGACY_CODECS:
        try:
            raw = src.encode(codec)
            out = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if raw == as_1252 and codec not in _FTFY_OWN and not any(ch in _LOST for ch in out):
            continue  # the same bytes as Windows-1252: ftfy has judged them
        if out == src or out in readings or not _plain(out):
            continue
        lost = any(ch in _LOST for ch in out)
        # U+FFFD/FEFF through any code page; other readings only where ftfy's own
        # Latin-1/Windows-1252 judgement does not apply, only for a word that has an
        # impossible character inside it, and only into common letters
        if lost or (codec not in _FTFY_OWN and odd and _common(out)):
            readings.append(out)
    if not readings:
        return None
    return readings[0], len(readings) == 1


def _odd_inside(word: str) -> bool:
    """True if ``word`` has a character no real word has there: a symbol or a letter of
    another script between two letters ("mГ©dicament", "pi√π"), or a box-drawing
    character against a letter ("┬┐que")."""
    i, j = _core(word)
    core = word[i:j]
    letters = [k for k, ch in enumerate(core) if ch.isalpha()]
    if not letters:
        return False
    main: dict[str | None, int] = {}
    for k in letters:
        sc = script_of(core[k])
        main[sc] = main.get(sc, 0) + 1
    top = max(sorted(main, key=str), key=lambda x: main[x])
    for k, ch in enumerate(core):
        if 0x2500 <= ord(ch) <= 0x259F:
            if (k > 0 and core[k - 1].isalpha()) or (k + 1 < len(core) and core[k + 1].isalpha()):
                return True
            continue
        if not letters[0] < k < letters[-1]:
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "SN" and not ch.isdigit():
            return True
        if cat[0] == "L" and script_of(ch) not in (top, None):
            return True
    return False


# ftfy judges UTF-8 read as Latin-1 / Windows-1252 itself (paragraph-wide, with its
# badness heuristic); a word-level second opinion there only adds ftfy's known negatives.
_FTFY_OWN = ("cp1252", "latin-1")


def _common(word: str) -> bool:
    """Every non-ASCII character is a letter of a living alphabet's usual block (Latin-1,
    Latin Extended-A without long s, Romanian/Vietnamese letters, modern Greek, basic
    Cyrillic) or Spanish opening punctuation; not IPA, modifier letters or Hebrew points,
    which random byte pairs decode to."""
    for ch in word:
        cp = ord(ch)
        if cp < 0x80:
            continue
        if ch in "¿¡":
            continue
        if (0xC0 <= cp <= 0x17E and cp not in (0xD7, 0xF7)) or 0x218 <= cp <= 0x21B \
                or cp in (0x1A0, 0x1A1, 0x1AF, 0x1B0) or 0x1EA0 <= cp <= 0x1EF9 \
                or 0x386 <= cp <= 0x3CE or 0x400 <= cp <= 0x45F:
            continue
        return False
    return True


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    text = doc.text
    for sp in lines(text):
        par = text[sp.start:sp.end]
        if par.isascii():
            continue
        # one single-byte code page read as another first: ftfy takes such text for
        # UTF-8 misread and "repairs" a few letters of it into other mojibake
        hit = _codepage_hit(par, sp.start, doc.lang)
        if hit is not None:
            yield hit
            continue
        got = repair_and_kind(par)
        if got is not None:
            fixed, kind = got
            i, ja, repl = _word_diff(par, fixed)
            # C1-only repairs: the code page is ambiguous, TQ303 fixes them
            yield Hit(sp.start + i, sp.start + ja, suggestion=repl, replacement=repl,
                      fix=repl if kind == "text" else None, fields={"fixed": repl})
            continue
        hit = _word_hit(par, sp.start)
        if hit is not None:
            yield hit
            continue
        if options["flag_unfixable"]:
            if _badness(par) >= options["min_unfixable_badness"]:
                yield Hit(sp.start, sp.end, fields={"fixed": "?"},
                          suggestion="re-export the text from its source as UTF-8")


def _badness(par: str) -> int:
    """ftfy's badness score of ``par`` (0 for a quiet paragraph, without ftfy)."""
    if ftfy_quiet(par) or not _is_bad(par):
        return 0
    from ftfy import badness

    return badness.badness(par)


_RUN = re.compile(r"\S+")


def _word_hit(par: str, base: int) -> Hit | None:
    """One finding over the words of ``par`` that ``word_repair`` repairs, or None."""
    found = []
    for m in _RUN.finditer(par):
        w = m.group()
        if w.isascii() and "&" not in w:
            continue
        got = word_repair(w)
        if got is not None:
            found.append((m.start(), m.end(), got[0], got[1]))
    if not found:
        return None
    a, b = found[0][0], found[-1][1]
    pieces, pos = [], a
    for s, e, out, _sure in found:
        pieces.append(par[pos:s])
        pieces.append(out)
        pos = e
    pieces.append(par[pos:b])
    repl = "".join(pieces)
    sure = all(f[3] for f in found)
    return Hit(base + a, base + b, suggestion=repl, replacement=repl, fix=repl if sure else None,
               fields={"fixed": repl})



def _codepage_hit(par: str, base: int, lang: str | None) -> Hit | None:
    """One finding over the words of ``par`` when it is one single-byte code page read
    as another ("Ïðåçèäåíò" for "Президент"; see checks/_codepage.py)."""
    from . import _codepage

    got = _codepage.repair(par, lang)
    if got is None:
        return None
    fixed, sure = got
    i, ja, repl = _word_diff(par, fixed)
    return Hit(base + i, base + ja, suggestion=repl, replacement=repl, fix=repl if sure else None,
               fields={"fixed": repl})


def _word_diff(par: str, fixed: str) -> tuple[int, int, str]:
    """The changed span of ``par`` widened to whole words, and its repaired text, so
    the editor sees "rÃ©gime" -> "régime", not "Ã©" -> "é"."""
    i, ja, _, jb = _diff_span(par, fixed)
    while i > 0 and not par[i - 1].isspace():
        i -= 1
    while ja < len(par) and not par[ja].isspace():
        ja += 1
        jb += 1
    return i, ja, fixed[i:jb]

