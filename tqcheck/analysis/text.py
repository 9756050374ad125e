"""Text utilities shared by every check: offsets, lines, paragraphs, sentences, scripts.

All offsets in tqcheck are indexes into ``Document.text`` counted in Unicode code
points (Python ``str`` indexes), never bytes. The loader normalises line endings to
``\\n`` and removes a byte-order mark, so a line and column computed here are the ones
an editor sees in the original file: columns are 1-based and count code points.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .memo import bounded


class LineIndex:
    """Maps a code-point offset to a 1-based (line, column) pair in O(log lines)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def lines(text: str) -> Iterator[Span]:
    """Every line of ``text`` with surrounding white space trimmed; blank lines skipped."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield Span(pos + lead, pos + lead + len(stripped))
        pos += len(raw) + 1


# News copy puts one paragraph on a line (CMS exports, wire copy) or separates
# paragraphs by blank lines (Markdown). Treating every non-blank line as a paragraph
# serves both: a Markdown paragraph hard-wrapped over several lines is the exception,
# and ``paragraphs`` joins such lines when no line of the block ends a sentence early.
paragraphs = lines


# Sentence-final punctuation across scripts: Latin/Cyrillic/Greek . ! ? and the
# ellipsis; CJK full-width 。！？ and the ideographic full stop; Arabic question mark
# and full stop ؟ ۔; Devanagari/Bengali danda । ॥; Armenian ։; Ethiopic ።; Burmese ။;
# Thai has no sentence punctuation (space-separated), so Thai sentences are lines.
SENTENCE_END = ".!?…。！？｡؟۔।॥։።။"
# Closing quotes and brackets that may follow the final punctuation.
CLOSERS = "\"'”’»›」』）)]】〕〉》"

# The body is lazy and may hold sentence punctuation that does not end a sentence
# ("1.550", "12.5%", "U.S.-led"): a body that excluded it made the scan skip the text
# before such a mark, so "Seite auf 1.500 Sprengköpfe." lost "Seite auf 1.".
_SENT_END = (rf"(?:[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSERS)}]*(?=\s|$)"
             rf"|[。！？｡؟।॥][{re.escape(CLOSERS)}]*|$)")
# A sentence is the shortest run of text up to an end (``.*?`` then ``_SENT_END``). An
# end can only begin at sentence punctuation, or be the end of the text (``$``: also
# before a final newline), so the scan runs through every other character in one step
# (``[^...]*``) and tries an end only at punctuation or a newline: the lazy ``.*?``
# tried all three ends after every character, which was most of the cost of splitting
# a long article. The spans are those of ``.*?`` (tests/test_big_article.py).
_NOT_END = rf"[^{re.escape(SENTENCE_END)}\n]"
_MAY_END = rf"[{re.escape(SENTENCE_END)}\n]"
_SENT_RE = re.compile(
    rf"{_NOT_END}*(?:(?!{_SENT_END}){_MAY_END}{_NOT_END}*)*{_SENT_END}",
    re.S,
)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Sentence spans inside ``text[start:end]`` (trimmed, non-empty).

    A sentence ends at sentence punctuation followed by white space or the end, or
    right after CJK/Arabic/Indic terminators, which are not followed by a space.
    A German, Scandinavian or Slavic ordinal ("am 14. März", "5. Februar") ends in a
    full stop that does not end the sentence: a sentence ending in a one- or two-digit
    number and a full stop, or in an amount such as "44 Mio.", is joined to the next
    one on the same line. (An English
    sentence that ends "... rose to 12." is then joined too; as a window that costs
    less than cutting every German date in two.) Abbreviations such as "U.S." may
    still split a sentence; checks that care use the sentence only as a window, not
    as a unit of meaning.
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    held: Span | None = None
    for m in _SENT_RE.finditer(chunk):
        s, e = m.span()
        piece = chunk[s:e]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        span = Span(start + s + lead, start + s + lead + len(stripped))
        if held is not None:
            # an ordinal's match ends at the sentence's end and is at most 6 characters
            # long (its look-behind still sees the character before): searching the
            # tail alone, not the whole sentence, gives the same answer
            if (_ORDINAL_END.search(text, max(held.start, held.end - _ORDINAL_LONGEST), held.end)
                    and "\n" not in text[held.end:span.start]):
                held = Span(held.start, span.end)
                continue
            yield held
        held = span
    if held is not None:
        yield held


class DisjointSpans:
    """Spans that do not overlap one another, kept in (start, end) order, for "is this
    place already taken?" in O(log n): a list scanned for every new span made a long
    line or a long article with many matches quadratic.

    Overlap is ``a < end and start < b`` (so an empty span overlaps a span that holds
    it strictly inside). Kept spans never overlap, so sorted by start their ends are
    sorted too, and the one kept span a new span can overlap is the last that starts
    before the new one ends."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Keep a span that ``overlaps`` said is free."""
        j = bisect.bisect_left(self.starts, start)
        while j < len(self.starts) and self.starts[j] == start and self.ends[j] <= end:
            j += 1
        self.starts.insert(j, start)
        self.ends.insert(j, end)


# ... and so does an amount in German shorthand, "44 Mio. Pfund", "3,5 Mrd. Euro".
_ORDINAL_END = re.compile(r"(?<![\d.,])\d{1,2}\.$|\d\s?(?:Mio|Mrd|Tsd)\.$")
# its longest match: a digit, a space, "Mio" and the full stop
_ORDINAL_LONGEST = 6


# Unicode scripts by code-point range: enough to tell the scripts news is written in.
_SCRIPT_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00C0, 0x024F, "Latin"),
        (0x1E00, 0x1EFF, "Latin"), (0x0250, 0x02AF, "Latin"),
        (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0xA640, 0xA69F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
        (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"),
        (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"),
        (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
        (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"),
        (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"), (0x1200, 0x139F, "Ethiopic"),
        (0x1780, 0x17FF, "Khmer"), (0x1800, 0x18AF, "Mongolian"),
        (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
        (0x3040, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x31F0, 0x31FF, "Katakana"),
        (0xFF66, 0xFF9F, "Katakana"),
        (0x2E80, 0x2FDF, "Han"), (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"),
        (0xF900, 0xFAFF, "Han"), (0x20000, 0x2FA1F, "Han"), (0x3005, 0x3007, "Han"),
        (0xFF21, 0xFF3A, "Latin"), (0xFF41, 0xFF5A, "Latin"),
    ]
)
_SCRIPT_STARTS = [r[0] for r in _SCRIPT_RANGES]


# a run meets a few thousand distinct letters; every word of every article asks
# (``memo.bounded``: a hit is one dict look-up in C, which callers such as the names'
# ``script_key`` rely on instead of keeping a table of their own)
@bounded(8192)
def script_of(ch: str) -> str | None:
    """The script of a letter, or None for digits, punctuation, marks and symbols."""
    cp = ord(ch)
    i = bisect.bisect_right(_SCRIPT_STARTS, cp) - 1
    if i >= 0:
        lo, hi, name = _SCRIPT_RANGES[i]
        if lo <= cp <= hi:
            cat = unicodedata.category(ch)
            if cat[0] == "L" or (cat == "Mn" and name not in ("Latin", "Greek", "Cyrillic")):
                return name
            return None
    return None


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + bytes(range(ord("a"), ord("z") + 1))


def ascii_case_counts(s: str) -> tuple[int, int]:
    """(letters, capitals) of an ASCII string, counted by C loops over its bytes (in
    ASCII the letters are A-Z and a-z): the headline and all-caps tests run on every
    line of an article, and a Python loop per character was most of their cost."""
    raw = s.encode("ascii")
    return (len(raw) - len(raw.translate(None, _ASCII_LETTERS)),
            len(raw) - len(raw.translate(None, _ASCII_UPPER)))


def script_counts(text: str, marks: bool = False) -> dict[str, int]:
    """Letters per script in ``text``; with ``marks``, also the combining marks and
    signs from U+0900 on (Indic vowel signs are evidence of a script too: language
    detection counts them)."""
    from collections import Counter

    # per distinct character (a C count of the whole text first, without a call per
    # character): the scripts come out in the order of their first letter, as a loop
    # over every character gave them
    counts: dict[str, int] = {}
    for ch, n in Counter(text).items():
        if ch.isalpha() or (marks and ch > "\u0900" and not ch.isspace()):
            s = script_of(ch)
            if s is not None:
                counts[s] = counts.get(s, 0) + n
    return counts


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    if not counts:
        return None
    return max(sorted(counts), key=lambda s: counts[s])


WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.U)


def display_width(s: str) -> int:
    """Terminal columns taken by ``s`` (CJK wide and full-width characters take two)."""
    width = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


# letters that transliteration swaps, folded to one (skeleton)
_SKELETON_FOLD = str.maketrans("pvcqzj", "bfkksy")


@bounded(65536)  # per word of every document grouped: the same names recur (memo.py)
def skeleton(word: str) -> str:
    """A script-independent key for a name: transliterate, drop vowels and doubles.

    w and y count as vowels (Arabic and Hebrew write long vowels with و/ي and ו/י),
    p/b, v/f/ph, c/k/q and s/z/ts collapse (letters that transliteration swaps).
    """
    from anyascii import anyascii

    s = anyascii(word).lower()
    s = s.replace("ph", "f").replace("ck", "k").replace("ts", "s").replace("kh", "k")
    s = s.translate(_SKELETON_FOLD)
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"[aeiouwyh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)
