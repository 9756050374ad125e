"""Repetition loops: a word or phrase repeated over and over, as a machine translation
system that has lost its place writes it ("Bern, Bern, Bern, Bern, Bern, ...", "the
government said the government said the government said").

Tokens are words (letters and digits), and single characters in scripts written
without spaces (Han, Kana, Thai), so loops inside Chinese text count too. A loop is a
unit of 1 to ``max_unit`` tokens repeated back to back, with only spaces and
punctuation between the copies, at least ``min_repeats`` times; a one-token unit needs
``min_word_repeats`` (people say "no, no, no" and "ding, ding, ding" on purpose; the
repeated-word rule TQ307 sees a single doubling). Letter case is ignored.

Cost: for each unit length k the tokens are compared once with the token k places
on (in C), so the check is linear in the text for any input shape.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from itertools import compress
from operator import eq
from typing import Any

from ..corpus import Document
from ..analysis.names.authority import MARKS
from ..analysis.text import DisjointSpans
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS = {
    # Longest unit, in tokens, looked for: MT loops repeat a word, a name or a clause.
    "max_unit": 8,
    # Copies of a unit of two tokens or more that make a loop. Three copies of a
    # phrase never occurred in the clean MQM references nor in the devset's lingua
    # sentences (python -m tools.eval mqm --rules; tests/test_precision.py).
    "min_repeats": 3,
    # Copies of a single word: speech repeats a word three or four times on purpose
    # ("no, no, no, no"); five copies and more are a loop.
    "min_word_repeats": 5,
}

_SPACELESS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
# a word (letters, digits and the combining marks name tokens take: Indic vowel signs,
# Hebrew and Arabic points), or one character of a script written without spaces
_TOKEN = re.compile(rf"[{_SPACELESS}]|(?:[^\W_{_SPACELESS}]|[{MARKS}])+", re.U)
_ONE_CHAR = re.compile(rf"[{_SPACELESS}]")
# A unit of fewer characters than this in a script without spaces is one word or less
# (叮叮叮, 哈哈哈, a Thai word spelled out), so it needs this many copies.
SHORT_CJK_UNIT, SHORT_CJK_REPEATS = 4, 10


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    text = doc.text
    words, joined, where = _tokens(text)
    found = _runs(words, joined, options)
    # one finding per stretch: the longest loop wins, then the shortest unit
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, int, int]] = []
    places = DisjointSpans()  # a scan of every kept loop per loop was quadratic in the loops
    for a, b, k, copies in found:
        if not places.overlaps(a, b):
            places.add(a, b)
            taken.append((a, b, k, copies))
    for a, b, k, copies in sorted(taken):
        start, end = where(a)[0], where(b - 1)[1]
        unit = text[start:where(a + k - 1)[1]]
        yield Hit(start, end, fields={"unit": unit, "copies": copies}, value=float(copies))


def _tokens(text: str) -> tuple[list[str], list[bool], Callable[[int], tuple[int, int]]]:
    """The case-folded tokens of ``text``; for each token, whether the next one is on
    the same line (copies of a unit must follow each other within a line); and a
    function that gives a token's (start, end).

    Tokens never hold a newline, so the text is read line by line with ``findall``
    (C loops: a match object per token cost most of the check on a long article), and
    a token's place is looked up only for the few tokens a finding names."""
    words: list[str] = []
    joined: list[bool] = []
    firsts: list[int] = []  # index of each line's first token
    starts: list[int] = []  # and the line's offset
    pos = 0
    for raw in text.split("\n"):
        got = _TOKEN.findall(raw)
        if got:
            firsts.append(len(words))
            starts.append(pos)
            words += got
            joined += [True] * (len(got) - 1)
            joined.append(False)
        pos += len(raw) + 1
    words = list(map(str.casefold, words))
    spans: dict[int, list[tuple[int, int]]] = {}

    def where(i: int) -> tuple[int, int]:
        line = bisect.bisect_right(firsts, i) - 1
        if line not in spans:
            at = starts[line]
            end = text.find("\n", at)
            stop = len(text) if end == -1 else end
            spans[line] = [m.span() for m in _TOKEN.finditer(text, at, stop)]
        return spans[line][i - firsts[line]]

    return words, joined, where


def _runs(words: list[str], joined: list[bool],
          options: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    """Every loop: (start token, end token, unit length, copies), by unit length.
    ``joined[i]``: token ``i + 1`` is on token ``i``'s line."""
    n = len(words)
    found: list[tuple[int, int, int, int]] = []
    for k in range(1, options["max_unit"] + 1):
        # positions j with words[j] == words[j + k], the copies joined within a line
        # (no line break after token j + k - 1, the end of one copy); the equal pairs
        # are found by C loops (map, compress), the rest is per match
        same = [j for j in compress(range(n - k), map(eq, words, words[k:])) if joined[j + k - 1]]
        same.append(n)  # a sentinel that ends the last run (positions are below n - k)
        first_i = 0
        for i in range(1, len(same)):
            if same[i] == same[i - 1] + 1:
                continue
            # a run of equal positions same[first_i] .. same[i - 1]; the first unequal is j
            j, run = same[i - 1] + 1, i - first_i
            first_i = i
            need = options["min_word_repeats"] if k == 1 else options["min_repeats"]
            if k < SHORT_CJK_UNIT and all(_ONE_CHAR.fullmatch(words[x]) for x in range(j - k, j)):
                need = SHORT_CJK_REPEATS
            if run >= (need - 1) * k:
                # of the rotations of the unit, the one whose last copy ends the run
                # ("the government said" x3, not "said the government" x3)
                first = j - run + run % k
                copies = run // k + 1
                found.append((first, first + copies * k, k, copies))
    return found
