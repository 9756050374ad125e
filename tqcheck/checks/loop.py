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

import re
from collections.abc import Iterator
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
    toks = [(m.start(), m.end(), m.group().casefold()) for m in _TOKEN.finditer(doc.text)]
    found = _runs(doc.text, toks, options)
    # one finding per stretch: the longest loop wins, then the shortest unit
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, int, int]] = []
    places = DisjointSpans()  # a scan of every kept loop per loop was quadratic in the loops
    for a, b, k, copies in found:
        if not places.overlaps(a, b):
            places.add(a, b)
            taken.append((a, b, k, copies))
    for a, b, k, copies in sorted(taken):
        start, end = toks[a][0], toks[b - 1][1]
        unit = doc.text[toks[a][0]:toks[a + k - 1][1]]
        yield Hit(start, end, fields={"unit": unit, "copies": copies}, value=float(copies))


def _runs(text: str, toks: list[tuple[int, int, str]],
          options: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    """Every loop: (start token, end token, unit length, copies), by unit length."""
    words = [t for _, _, t in toks]
    n = len(words)
    found: list[tuple[int, int, int, int]] = []
    for k in range(1, options["max_unit"] + 1):
        # positions j with words[j] == words[j + k], the copies joined within a line;
        # the equal pairs are found by C loops (map, compress), the rest is per match
        same = [j for j in compress(range(n - k), map(eq, words, words[k:]))
                if _joined(text, toks, j, k)]
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


def _joined(text: str, toks: list[tuple[int, int, str]], j: int, k: int) -> bool:
    """Copies must follow each other within a line: the gap after token j + k - 1 (the
    end of one copy) holds no line break."""
    i = j + k - 1
    return "\n" not in text[toks[i][1]:toks[i + 1][0]]
