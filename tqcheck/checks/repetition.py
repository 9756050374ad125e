"""Repetition: a doubled word, a repeated passage, stacked headline variants (``unit``).

* ``word``      the same word twice in a row ("the the"), compared case-insensitively,
  inside one line. Languages where doubling is grammatical or common are skipped
  (``skip_languages``: reduplication in Indonesian/Malay, Tagalog, Hindi and other
  Indic languages, Persian, Turkish, Swahili and other Bantu languages, Yoruba,
  Chinese/Japanese/Korean/Thai/Vietnamese), and word pairs that are grammatical in a
  language are allowed (``allow``: "en:that" — "he said that that was wrong",
  "de:die" — "die Frauen, die die Kinder ...", "ar:هي" — "الغاية هي هي", the same).
  Numbers are never flagged ("10 10"). The letter case of the pair tells four more
  grammatical doublings from slips, in every language with capitals:
  - "van Van der Vegt", "і І. І. Мятлікаў": a lower-case word followed by the same
    word capitalised mid-sentence is a word and the start of a name;
  - "Perdix perdix", "Bison bison": a capitalised word followed by the same word in
    lower case, not at the start of a sentence, is a zoological binomial (tautonym);
    at a sentence start ("The the talks") it is a slip;
  - "Aber aber aber", "no no no": a word three or more times in a row is deliberate
    (emphasis, speech, a chant), a slip doubles once;
  - "Can Can", "Bora Bora", "Rush Rush": a capitalised word of at most
    ``max_name_letters`` letters doubled mid-sentence is a reduplicated name (dances,
    places, titles); longer names doubled ("Станимир Станимир Стоилов") are flagged.
  A word is delimited by letters, digits, "/", "-" and apostrophes, so "сям’і і"
  (an apostrophe inside a word) is not a doubled "і".
* ``passage``   a body sentence or paragraph repeated later in the article, exactly or
  nearly (rapidfuzz ``ratio`` at least ``min_ratio`` on case-folded text, both at
  least ``min_chars`` long): a copy-paste or an export that doubled a block. A unit
  is compared with the ``window`` earlier units before it, and with all of them for an
  exact repeat, so the search stays linear on a text of many megabytes.
* ``headline``  two heading-like lines in a row (no sentence punctuation, at most
  ``max_words`` words) that are near variants of each other (``ratio`` at least
  ``min_ratio``): a CMS that exported the headline and its SEO or social variant.

Lines are classified by ``_layout`` (residue lines are skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..analysis import heavy
from ..analysis.text import SENTENCE_END, lines, sentences
from .base import Hit
from ._layout import doc_layout

SCOPE = "article"
OPTIONS: dict[str, Any] = {
    "unit": "word",
    # passage: 40 characters is a short sentence; shorter ones ("He declined.") repeat
    # legitimately. 90 catches a repeat with a changed word or typo fixed, not two
    # different sentences that share a frame ("X said on Monday ...").
    "min_chars": 40,
    # headline: 70 catches an SEO variant that adds or swaps two words of an
    # eight-word headline; two section headings of one article score below 50.
    "min_ratio": 90.0,
    # passage: a unit is compared with the 2,000 units (sentences and paragraphs that
    # repeated nothing) before it, and with every earlier one for an exact repeat. A long
    # read of 10,000 words has some 600 units; 2,000 is about 100 KB of text, so this
    # changes nothing on an article and keeps the search linear on a dump of megabytes
    # (a 10 MB one: 8 CPU s instead of 40), where near repeats further apart than that
    # are an export's, not an editor's slip.
    "window": 2000,
    # stacked headlines: a heading longer than 20 words is a paragraph that lost its
    # full stop, not a headline variant (news headlines run 6-14 words).
    "max_words": 20,
    # word: reduplicated names are short ("Can Can", "Bora Bora", "Mau Mau", "Rush Rush");
    # four letters keeps every doubled name of five or more letters flagged.
    "max_name_letters": 4,
    "skip_languages": ["id", "ms", "tl", "fil", "hi", "mr", "bn", "ur", "fa", "ne", "gu", "pa",
                       "ta", "te", "kn", "ml", "si", "tr", "az", "sw", "yo", "so", "sn", "st",
                       "tn", "ts", "xh", "zu", "lg", "mi", "zh", "ja", "ko", "th", "vi", "jv",
                       "su", "km", "lo", "my", "ha", "ig", "am", "mn", "kk", "ky", "uz"],
    "allow": ["en:that", "en:had", "en:is", "de:die", "de:der", "de:das", "de:den", "de:dem",
              "fr:nous", "fr:vous", "nl:die", "nl:dat", "af:die", "af:dat", "la:esse",
              "cy:yn", "ga:an", "ga:mór", "sq:e", "sq:të", "mt:li", "af:ons", "af:die",
              "pt:se", "es:se", "it:si", "ro:va", "ro:vă", "bs:to", "hr:to", "sr:to", "sl:to",
              "sr:то", "el:κους", "ar:هي", "ar:هو"],
}
UNITS = ("word", "passage", "headline")
_DOUBLE_RE = re.compile(r"(?<![\w/'’ʼ-])(\w+)(\s+)(\1)(?![\w/'’ʼ-])", re.IGNORECASE | re.UNICODE)
_OPENERS = "\"'“‘„«‹([{¿¡-–—"


def validate(options: dict[str, Any], rule: Any) -> None:
    if options["unit"] not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}", "unit")
    if not isinstance(options["window"], int) or options["window"] < 1:
        raise ValueError("window must be a whole number of units, 1 or more", "window")
    for a in options["allow"]:
        if ":" not in a:
            raise ValueError(f"allow entries look like 'en:that', not {a!r}", "allow")


def _base(lang: str | None) -> str | None:
    return lang.split("-")[0].lower() if lang else None


def _words(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    lang = _base(ctx.language(doc) if ctx is not None else doc.lang)
    if lang in options["skip_languages"]:
        return
    allowed = {a.split(":", 1)[1].lower() for a in options["allow"] if a.split(":", 1)[0] in (lang, "*")}
    text = doc.text
    for sp in lines(text):
        par = text[sp.start:sp.end]
        for m in _DOUBLE_RE.finditer(par):
            w = m.group(1)
            if w.isdigit() or "\n" in m.group(2) or w.lower() in allowed:
                continue
            if m.group(1) != m.group(3) and not m.group(1).lower() == m.group(3).lower():
                continue
            if len(w) == 1 and not w.isalpha():
                continue
            if _grammatical(par, m, options["max_name_letters"]):
                continue
            yield Hit(sp.start + m.start(), sp.start + m.end(), fields={"what": f"doubled word {w!r}"},
                      suggestion=w, replacement=w)


_PREV_RE = re.compile(r"(\w+)\s+$")
_NEXT_RE = re.compile(r"\s+(\w+)")


# What precedes a doubled word is read from a window before it, widened until it
# answers as the whole line would: one slice of the line per doubled word made a run
# of 10,000 repeated words quadratic (38 s for 20,000).
def _before(par: str, end: int) -> str:
    """``par[:end]`` stripped of trailing space and openers, as far as it matters:
    its last character is that of the whole stripped prefix (empty when it is)."""
    width = 64
    while True:
        lo = max(0, end - width)
        out = par[lo:end].rstrip().rstrip(_OPENERS).rstrip()
        if out or lo == 0:
            return out
        width *= 4


def _prev_word(par: str, end: int) -> re.Match[str] | None:
    r"""``re.search(r"(\w+)\s+$", par[:end])`` on a window: a match that does not touch
    the window's start is the match on the whole prefix."""
    width = 64
    while True:
        lo = max(0, end - width)
        seg = par[lo:end]
        m = _PREV_RE.search(seg)
        if lo == 0 or (m is not None and m.start() > 0) or (m is None and not seg.isspace()):
            return m  # (no match and not only space: what precedes the space is no word)
        width *= 4


def _titled(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower())


def _grammatical(par: str, m: re.Match[str], max_name: int) -> bool:
    """True for the doublings the letter case marks as intended (see the module doc)."""
    a, b = m.group(1), m.group(3)
    before = _before(par, m.start())
    sentence_start = not before or before[-1] in SENTENCE_END + ":"
    # three or more in a row
    prev = _prev_word(par, m.start())
    nxt = _NEXT_RE.match(par, m.end())
    if (prev and prev.group(1).lower() == a.lower()) or (nxt and nxt.group(1).lower() == a.lower()):
        return True
    if a.islower() and b[:1].isupper():
        return True  # a word, then a name that starts with it
    if _titled(a) and b.islower() and not sentence_start:
        return True  # binomial tautonym
    # reduplicated name
    return _titled(a) and a == b and not sentence_start and len(a) <= max_name


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


# A unit is compared with every earlier unit of a similar length in the window. Done
# pair by pair in Python, with a rapidfuzz call on each, that took minutes on a 10 MB
# article (some 200,000 units). The earlier units are held in arrays and scanned at once,
# and a pair reaches rapidfuzz only when its character counts allow the ratio (on a 3 MB
# article, 88,000 of 15 million pairs of similar length). The scan reads every unit of
# the window, so its cost grows with the units times the window, not their square. Indel
# distance d (what ``ratio`` normalises: 100 * (1 - d / (len a + len b))) is at
# least the L1 distance between the two strings' character counts, and stays so when
# characters are pooled into classes: one insertion or deletion changes one class count
# by one. So a pair with L1 > (1 - min_ratio/100) * (len a + len b) cannot reach
# min_ratio, and the first earlier unit that does is found exactly as without the bound.
# 63 classes of their own for the article's most frequent characters (they carry most
# of the difference between two passages), one for all the others.
_CLASSES = 64
# A second, sharper bound for the pairs the first lets through: counts of character
# pairs (bigrams), hashed into 509 classes. One insertion or deletion removes at most
# two bigrams and adds one, so d >= L1 / 3. Two passages in the same language have
# similar letters but different bigrams: on a 1 MB article this bound leaves out 9 in
# 10 of the pairs the letter counts let through.
_PAIRS = 509


class _Seen:
    """The earlier units that matched nothing, in the order they were seen: folded text
    and span of all of them, and length and character class counts of the last
    ``window`` in arrays (rows for units ``base`` to ``len(pieces)``)."""

    def __init__(self, classes: Any, window: int) -> None:
        import numpy as np

        self.np = np
        self.classes = classes  # code point -> class, a lookup table
        self.window = window
        self.pieces: list[tuple[str, int, int]] = []
        self.first: dict[str, int] = {}  # folded text -> its first unit, for exact repeats
        self.base = 0
        self.ends = np.zeros(64, dtype=np.int64)
        self.lens = np.zeros(64, dtype=np.int64)
        # float32, clipped like the bigram counts below (whole numbers up to 2**24 are
        # exact in float32, and a row's sum stays below 64 * 32767): a scan sums each
        # row's differences with one matrix-vector product
        self.counts = np.zeros((64, _CLASSES), dtype=np.float32)
        self.ones = np.ones(_CLASSES, dtype=np.float32)
        self.pairs = np.zeros((64, _PAIRS), dtype=np.int16)
        self.compared = 0  # pairs given to rapidfuzz (tests read it)
        self.scanned = 0  # units whose window was scanned (tests read it)
        self._hist: tuple[str, tuple[Any, Any]] | None = None  # the last piece's counts

    def hist(self, piece: str) -> tuple[Any, Any]:
        """(character class counts as float32, bigram class counts as int16) of a
        folded piece. A count above 32,767 (a piece of 32,768 equal bigrams) is
        clipped, and clipped counts are never further apart than the true ones, so the
        bounds still hold. Kept for the piece last asked about, which ``add`` stores."""
        if self._hist is not None and self._hist[0] == piece:
            return self._hist[1]
        np = self.np
        cps = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        chars = np.bincount(self.classes[cps], minlength=_CLASSES)
        wide = cps.astype(np.int64)
        pairs = np.bincount((wide[:-1] * 31 + wide[1:]) % _PAIRS, minlength=_PAIRS)
        out = (np.minimum(chars, 32767).astype(np.float32),
               np.minimum(pairs, 32767).astype(np.int16))
        self._hist = (piece, out)
        return out

    def add(self, piece: str, a: int, b: int) -> None:
        np = self.np
        hist = self.hist(piece)
        n = len(self.pieces)
        rows = n - self.base
        if rows == len(self.lens):
            if rows > self.window:
                # drop the rows that left the window: the arrays stay twice the window
                # at most, however long the article
                keep = slice(rows - self.window, rows)
                self.base = n - self.window
                self.ends, self.lens = self.ends[keep].copy(), self.lens[keep].copy()
                self.counts, self.pairs = self.counts[keep].copy(), self.pairs[keep].copy()
            grow = max(64, len(self.lens))
            self.ends = np.concatenate([self.ends, np.zeros(grow, dtype=np.int64)])
            self.lens = np.concatenate([self.lens, np.zeros(grow, dtype=np.int64)])
            self.counts = np.concatenate([self.counts,
                                          np.zeros((grow, _CLASSES), dtype=np.float32)])
            self.pairs = np.concatenate([self.pairs, np.zeros((grow, _PAIRS), dtype=np.int16)])
        self.pieces.append((piece, a, b))
        self.first.setdefault(piece, n)
        r = n - self.base
        self.ends[r], self.lens[r] = b, len(piece)
        self.counts[r], self.pairs[r] = hist

    def candidates(self, piece: str, a: int, min_ratio: float) -> list[int]:
        """Indices, in order, of the earlier units that end before ``a``, are of a
        similar length (within 20% of ``piece``'s, as before) and whose counts allow
        ``min_ratio``: an exact repeat of a unit before the window, or those of the
        last ``window`` units.

        Only the first of them that reaches ``min_ratio`` counts, so an exact repeat
        (ratio 100) inside the window ends the list, and of the units before it only
        those its first copy was not compared with can come first (see below). A
        piece whose exact repeat lies before the window is not counted at all; its
        counts are computed only when the window is scanned."""
        np = self.np
        n = len(self.pieces)
        lo = max(0, n - self.window)
        r0 = lo - self.base
        old = self.first.get(piece)
        if old is not None and self.pieces[old][2] <= a and min_ratio <= 100.0:
            if old < lo:
                # an exact repeat (ratio 100) of a unit before the window comes before
                # any unit of the window; before the window, only exact repeats are
                # looked for
                return [old]
            # The first copy (``old``) was compared, when it was met, with every unit
            # of its window that ended before it began, and none reached min_ratio (it
            # was kept as new). This piece is the same text, and the units of its
            # window before ``old`` were all in that window (it only moves on), so
            # only those that end after ``old`` began (the line that holds it) can
            # reach min_ratio before ``old`` does.
            after = np.flatnonzero(self.ends[r0 : old - self.base] > self.pieces[old][1]) + r0
            rows = np.append(after, old - self.base)
            lens = self.lens[rows]
            lp = len(piece)
            keep = (self.ends[rows] <= a) & (np.abs(lens - lp) <= 0.2 * lp)
            idx, lens = rows[keep], lens[keep]
        else:
            self.scanned += 1
            lp = len(piece)
            lens = self.lens[r0 : n - self.base]
            idx = np.flatnonzero((self.ends[r0 : n - self.base] <= a)
                                 & (np.abs(lens - lp) <= 0.2 * lp))
            lens = lens[idx]
            idx += r0  # rows of the arrays from here on
        if not len(idx):
            return []
        chars, pairs = self.hist(piece)  # counted only when the window is scanned
        # the most indels ratio allows; +1: a margin for the rounding of ratio's
        # division, so no pair at the threshold is left out
        most = (1.0 - min_ratio / 100.0) * (lens + lp) + 1.0
        diff = self.counts[idx]
        diff -= chars
        np.abs(diff, out=diff)
        keep = diff @ self.ones <= most
        idx, most = idx[keep], most[keep]
        if not len(idx):
            return []
        # the difference of two counts in 0..32767 fits int16, in place
        diff = self.pairs[idx]
        diff -= pairs
        np.abs(diff, out=diff)
        return (idx[diff.sum(axis=1, dtype=np.int32) <= 3.0 * most] + self.base).tolist()


class _PlainSeen:
    """``_Seen`` without the count bounds or numpy, for a short article (``_PLAIN_ALWAYS``:
    its numpy calls per unit cost more than the pairs they spare), or a longer one while
    the process has not loaded numpy (importing it costs more than checking it): every
    earlier unit of a similar length goes to rapidfuzz, in the same order. The bounds only
    leave out pairs that cannot reach the ratio, so the hits are the same."""

    lens = ()  # no count arrays

    def __init__(self, window: int) -> None:
        self.window = window
        self.pieces: list[tuple[str, int, int]] = []
        self.first: dict[str, int] = {}
        self.compared = 0
        self.scanned = 0

    def add(self, piece: str, a: int, b: int) -> None:
        self.first.setdefault(piece, len(self.pieces))
        self.pieces.append((piece, a, b))

    def candidates(self, piece: str, a: int, min_ratio: float) -> list[int]:
        n = len(self.pieces)
        lo = max(0, n - self.window)
        old = self.first.get(piece, n) if lo else n
        if old < lo and self.pieces[old][2] <= a:
            return [old]
        lp = len(piece)
        return [i for i in range(lo, n)
                if self.pieces[i][2] <= a and abs(len(self.pieces[i][0]) - lp) <= 0.2 * lp]


# Longest article (characters) checked with ``_PlainSeen`` while numpy is not loaded:
# about 150 units, some 10,000 rapidfuzz calls on short strings at most, a few ms.
_PLAIN_CHARS = 20_000
# ... and once it is: below this the plain comparisons cost less than ``_Seen``'s dozen
# numpy calls per unit. Measured on news articles of one language (best of two runs):
# 4,000 characters 0.9 ms plain against 1.9 ms bounded, 8,000 2.3 against 4.5, 12,000
# 4.1 against 5.7; about even at 13,000, where the plain way's pairs start to tell.
_PLAIN_ALWAYS = 8_000


def _class_table(text: str) -> Any:
    """Code point -> class: the most frequent characters of the folded article one class
    each (ties by code point, so the table is the same on every run), the rest class 0."""
    import numpy as np

    table = np.zeros(0x110000, dtype=np.uint8)
    # characters counted by numpy (a Counter of a 10 MB text took most of a second),
    # sorted by count, most first, then by code point
    cps = np.frombuffer(text.casefold().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    counts = np.bincount(cps)
    present = np.flatnonzero(counts)
    common = present[np.lexsort((present, -counts[present]))]
    table[common[: _CLASSES - 1]] = np.arange(1, min(len(common), _CLASSES - 1) + 1)
    return table


def _passages(doc: Any, options: dict[str, Any], stats: dict[str, int] | None = None,
              ctx: Any = None) -> Iterator[Hit]:
    from rapidfuzz import fuzz

    text = doc.text
    lay = doc_layout(doc, None, ctx)
    seen: _Seen | _PlainSeen | None = None
    flagged_until = -1
    min_ratio, window = options["min_ratio"], options["window"]
    for ln in lay:
        if ln.role != "body":
            continue
        units = [(ln.start, ln.end)]
        units += [(s.start, s.end) for s in sentences(text, ln.start, ln.end)]
        for a, b in units:
            if a < flagged_until:
                continue
            piece = _fold(text[a:b])
            if len(piece) < options["min_chars"]:
                continue
            if seen is None:
                plain = len(text) <= _PLAIN_ALWAYS or (len(text) <= _PLAIN_CHARS
                                                       and not heavy.numpy_loaded())
                seen = _PlainSeen(window) if plain else _Seen(_class_table(text), window)
            # (the piece's counts are computed only if the window is scanned)
            for i in seen.candidates(piece, a, min_ratio):
                prev, pa, pb = seen.pieces[i]
                seen.compared += 1
                score = fuzz.ratio(prev, piece)
                if score >= min_ratio:
                    line, _col = doc.position(pa)
                    yield Hit(a, b, fields={"what": f"repeats line {line}"},
                              suggestion="delete the repeat", related=doc.id,
                              related_start=pa, related_end=pb, value=round(score, 1))
                    flagged_until = b
                    break
            else:
                seen.add(piece, a, b)
    if stats is not None:
        stats["compared"] = seen.compared if seen is not None else 0
        stats["rows"] = len(seen.lens) if seen is not None else 0
        stats["scanned"] = seen.scanned if seen is not None else 0


def _headlines(doc: Any, options: dict[str, Any], ctx: Any = None) -> Iterator[Hit]:
    from rapidfuzz import fuzz

    from ._layout import word_count

    lay = doc_layout(doc, None, ctx)
    for prev, cur in zip(lay, lay[1:]):
        if prev.role not in ("heading", "byline") or cur.role not in ("heading", "byline"):
            continue
        if not (3 <= word_count(prev.text) <= options["max_words"]
                and 3 <= word_count(cur.text) <= options["max_words"]):
            continue
        score = fuzz.ratio(_fold(prev.text), _fold(cur.text))
        if score >= options["min_ratio"]:
            line, _col = doc.position(prev.start)
            yield Hit(cur.start, cur.end, fields={"what": f"variant of the heading on line {line}"},
                      suggestion="keep one headline", related=doc.id, related_start=prev.start,
                      related_end=prev.end, value=round(score, 1))


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    unit = options["unit"]
    if unit == "word":
        yield from _words(doc, options, ctx)
    elif doc.meta.get("memory"):
        return  # the units of a translation memory are not one article's passages or headlines
    elif unit == "passage":
        yield from _passages(doc, options, ctx=ctx)
    else:
        yield from _headlines(doc, options, ctx)
