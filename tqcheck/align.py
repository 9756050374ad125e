"""Sentence alignment between two versions of an article.

Method: both texts are cut into sentences (``tqcheck.text.sentences`` inside each line,
so a heading without a full stop stays its own segment). A monotonic dynamic programme
in the style of Gale & Church (1993) then links them with 1-1, 2-1, 1-2, 1-0 and 0-1
links, maximising

    sum over links of  (sim(link) - TAU) * sentences_in_link  - MERGE_PENALTY * [2-1 or 1-2]

where 1-0 and 0-1 links (a sentence with no counterpart) score zero. A link is therefore
only made when its similarity beats TAU, and a merge only when the merged similarity
beats the 1-1 link plus a skip.

``sim`` depends on whether the two versions share a language:

* **same language**: Dice coefficient of the sets of character 4-grams of the
  lower-cased, space-normalised sentences (spaces included, so word boundaries count).
  Unrelated sentences in one language score about 0.05-0.15, paraphrases 0.3-0.6,
  copies 1.0. The union of two sentences' grams stands for their concatenation.
* **different languages**: what survives translation -- numbers (normalised digits,
  any script), names (consonant skeletons of their transliteration, as in
  ``tqcheck.corpus.grouping.skeleton``), URLs -- compared with a Dice coefficient, and
  the length ratio compared with the ratio of the whole documents (Gale-Church's
  observation that translated sentence lengths are proportional). Without any anchor on
  either side the link rests on length alone, and is scored lower.

Cost: O(n*m) similarity evaluations; for long documents the programme is restricted
to a band around the diagonal (``BAND``), which keeps 1,000-sentence documents linear.
The 4-gram sets are built once per sentence and intersected once per sentence pair; merge
scores follow by inclusion-exclusion (``_Sim``), so a 40x40 article costs about 1,600 set
intersections, not 4,800 unions. The result is identical to the plain programme (tests/
test_align.py compares them); round 2 of issue 6 made aligning 3.2x faster this way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .text import Span, lines, sentences

# Same-language links need a 4-gram Dice above this. Measured on devset sentences
# (python -m tqcheck.eval align): unrelated English/French/German sentence pairs
# score below 0.2 in 99% of cases, a sentence and its light edit above 0.5.
TAU_SAME = 0.25
# Cross-language: the combined anchor/length score of a true pair is usually > 0.5,
# a random neighbour's is mostly length agreement alone (< 0.35).
TAU_CROSS = 0.3
# A merge must earn its place: it costs this much on top of its similarity.
MERGE_PENALTY = 0.1
# Share of each merged sentence's 4-grams that must occur in its counterpart. A sentence
# unrelated to the counterpart shares 10-25% (common words and endings); a sentence that
# was really merged, even lightly edited, keeps 60% or more.
MERGE_COVERAGE = 0.45
# Half-width of the diagonal band (in sentences) once n*m exceeds BAND_CELLS.
BAND = 40
BAND_CELLS = 40_000


@dataclass(frozen=True)
class Link:
    a: tuple[int, ...]  # sentence indexes in version a (empty for 0-1)
    b: tuple[int, ...]
    sim: float

    @property
    def kind(self) -> str:
        return f"{len(self.a)}-{len(self.b)}"


def segments(text: str) -> list[Span]:
    """Sentences of ``text``, never crossing a line break."""
    out: list[Span] = []
    for ln in lines(text):
        for s in sentences(text, ln.start, ln.end):
            # German, Scandinavian and Slavic ordinals ("am 14. März", "5. Februar") end in
            # a full stop that does not end the sentence: keep them with what follows.
            if out and out[-1].end > ln.start and _ORDINAL_END.search(text, out[-1].start, out[-1].end):
                out[-1] = Span(out[-1].start, s.end)
            else:
                out.append(s)
    return out


_ORDINAL_END = re.compile(r"(?<![\d.,])\d{1,2}\.$")


_WS = re.compile(r"\s+")


def _grams(s: str) -> frozenset[str]:
    s = " " + _WS.sub(" ", s.lower()).strip() + " "
    if len(s) < 4:
        return frozenset([s])
    return frozenset([s[i : i + 4] for i in range(len(s) - 3)])


def _dice(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|gov|int)\b", re.I)
_QUOTE = re.compile(r"[\"«“„「『].{3,}?[\"»”“」』]")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _anchors(s: str) -> frozenset[str]:
    from .corpus.grouping import skeleton
    from .numbers import extract
    from .text import script_of

    out: set[str] = set()
    for q in extract(s):
        if q.kind == "date":
            out.update(f"d{m}-{d}" for m, d in q.values)
        elif q.kind != "reltime" and not q.spelled:
            out.update(f"#{v:g}" for v in q.values)
    for m in _URL.finditer(s):
        out.add("u" + m.group().lower())
    for m in _WORD.finditer(s):
        w = m.group()
        sc = script_of(w[0])
        cased = sc in ("Latin", "Cyrillic", "Greek")
        if (cased and w[0].isupper() and len(w) > 1) or (not cased and len(w) >= 3):
            k = skeleton(w)
            if len(k) >= 3:
                out.add(k)
    if _QUOTE.search(s):
        out.add("q")
    return frozenset(out)


class _Sim:
    """Similarity of candidate links, computed from cached per-sentence features.

    ``s11(i, j)`` scores a[i]-b[j], ``s21(i, j)`` a[i]+a[i+1]-b[j], ``s12(i, j)``
    a[i]-b[j]+b[j+1]. Same-language scores only need the sizes of 4-gram sets and of their
    pairwise intersections: |x ∪ y| and |(x ∪ y) ∩ z| follow by inclusion-exclusion, so
    no union set is ever built, and the three-way intersection is only counted for merges
    that pass the coverage test (few do). Results equal the plain definition exactly
    (integer counts, then one division).
    """

    def __init__(self, a: list[str], b: list[str], same_language: bool, full: bool = True) -> None:
        self.same = same_language
        self.la = [len(x) for x in a]
        self.lb = [len(x) for x in b]
        if same_language:
            self.fa = [_grams(x) for x in a]
            self.fb = [_grams(x) for x in b]
        else:
            fa = [_anchors(x) for x in a]
            fb = [_anchors(x) for x in b]
            # Only anchors found in both documents can link sentences: a German noun is
            # capitalised like a name but has no counterpart to find in the English text.
            shared = frozenset().union(*fa) & frozenset().union(*fb)
            self.fa = [x & shared for x in fa]
            self.fb = [x & shared for x in fb]
            la = sum(self.la) or 1
            lb = sum(self.lb) or 1
            self.ratio = lb / la  # expected length of b per character of a
        self.na = [len(x) for x in self.fa]
        self.nb = [len(x) for x in self.fb]
        # x[i][j] = |fa[i] ∩ fb[j]|, each needed by up to five candidate links. Computed at
        # once (C-level set intersections) unless the programme is banded, then on demand.
        fb_ = self.fb
        self.x: Any = (
            [[len(f & g) for g in fb_] for f in self.fa] if full else _LazyRows(self.fa, self.fb)
        )

    def s11(self, i: int, j: int) -> float:
        if self.same:
            na, nb = self.na[i], self.nb[j]
            if not na or not nb:
                return 0.0
            return 2 * self.x[i][j] / (na + nb)
        return self._cross((i,), (j,))

    def s21(self, i: int, j: int) -> float:
        if not self.same:
            return self._cross((i, i + 1), (j,))
        # A merge needs each merged sentence to be found in the other side: without this
        # a dropped sentence hides inside a 2-1 link with its neighbour.
        x0, x1 = self.x[i][j], self.x[i + 1][j]
        if x0 < MERGE_COVERAGE * self.na[i] or x1 < MERGE_COVERAGE * self.na[i + 1]:
            return 0.0
        f0, f1, g = self.fa[i], self.fa[i + 1], self.fb[j]
        both = f0 & f1
        return _dice_counts(x0 + x1 - len(both & g), self.na[i] + self.na[i + 1] - len(both), self.nb[j])

    def s12(self, i: int, j: int) -> float:
        if not self.same:
            return self._cross((i,), (j, j + 1))
        x0, x1 = self.x[i][j], self.x[i][j + 1]
        if x0 < MERGE_COVERAGE * self.nb[j] or x1 < MERGE_COVERAGE * self.nb[j + 1]:
            return 0.0
        g0, g1, f = self.fb[j], self.fb[j + 1], self.fa[i]
        both = g0 & g1
        return _dice_counts(x0 + x1 - len(both & f), self.na[i], self.nb[j] + self.nb[j + 1] - len(both))

    def _cross(self, ia: tuple[int, ...], ib: tuple[int, ...]) -> float:
        fa = self.fa[ia[0]] if len(ia) == 1 else self.fa[ia[0]] | self.fa[ia[1]]
        fb = self.fb[ib[0]] if len(ib) == 1 else self.fb[ib[0]] | self.fb[ib[1]]
        la = sum(self.la[i] for i in ia) * self.ratio
        lb = sum(self.lb[i] for i in ib)
        length = _length_score(la, lb)
        if len(ia) + len(ib) == 3:
            # Merge only when the lengths agree better than without the extra sentence,
            # and every merged sentence with anchors shares one with the other side.
            two, feats, other = (ia, self.fa, fb) if len(ia) == 2 else (ib, self.fb, fa)
            lens = self.la if len(ia) == 2 else self.lb
            scale = self.ratio if len(ia) == 2 else 1.0  # la is already in b units
            single = max(lens[i] for i in two) * scale
            target = lb if len(ia) == 2 else la
            if _length_score(single, target) >= length or any(feats[i] and not feats[i] & other for i in two):
                return 0.0
        if not fa and not fb:
            return 0.5 * length
        return 0.6 * _dice(fa, fb) + 0.4 * length


class _LazyRows:
    """``x[i][j] = |fa[i] ∩ fb[j]|`` computed on first use (banded programmes)."""

    def __init__(self, fa: list[frozenset], fb: list[frozenset]) -> None:
        self.fa, self.fb = fa, fb
        self.rows: dict[int, _LazyRow] = {}

    def __getitem__(self, i: int) -> "_LazyRow":
        r = self.rows.get(i)
        if r is None:
            r = self.rows[i] = _LazyRow(self.fa[i], self.fb)
        return r


class _LazyRow(dict):
    def __init__(self, f: frozenset, fb: list[frozenset]) -> None:
        super().__init__()
        self.f, self.fb = f, fb

    def __missing__(self, j: int) -> int:
        v = self[j] = len(self.f & self.fb[j])
        return v


def _dice_counts(inter: int, na: int, nb: int) -> float:
    if not na or not nb:
        return 0.0
    return 2 * inter / (na + nb)


def _length_score(la: float, lb: float) -> float:
    return math.exp(-abs(math.log((lb + 10) / (la + 10))) * 2.0)


def align(a: list[str], b: list[str], same_language: bool = True) -> list[Link]:
    """Monotonic alignment of sentence lists ``a`` and ``b`` (see the module docstring)."""
    n, m = len(a), len(b)
    band = None if n * m <= BAND_CELLS else BAND
    sim = _Sim(a, b, same_language, full=band is None)
    s11, s21, s12 = sim.s11, sim.s21, sim.s12
    tau = TAU_SAME if same_language else TAU_CROSS
    NEG = -1e18
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    # The five moves are tried in a fixed order -- 1-1, 2-1, 1-2, 1-0, 0-1 -- and a later
    # one wins only when strictly better (by 1e-12), so ties always resolve the same way.
    for i in range(n + 1):
        centre = i * m / n if n else 0
        row, up, up2 = best[i], best[i - 1] if i else None, best[i - 2] if i > 1 else None
        brow = back[i]
        for j in range(m + 1):
            if band is not None and abs(j - centre) > band and not (i == n and j == m):
                continue
            if i == 0 and j == 0:
                continue
            top, arg = NEG, None
            if up is not None and j:
                p = up[j - 1]
                if p != NEG:
                    s = s11(i - 1, j - 1)
                    top, arg = p + ((s - tau) * 2 - 0.0), (i - 1, j - 1, s)
                if up2 is not None:
                    p = up2[j - 1]
                    if p != NEG:
                        s = s21(i - 2, j - 1)
                        gain = (s - tau) * 3 - MERGE_PENALTY
                        if gain > 0 and p + gain > top + 1e-12:
                            top, arg = p + gain, (i - 2, j - 1, s)
                if j > 1:
                    p = up[j - 2]
                    if p != NEG:
                        s = s12(i - 1, j - 2)
                        gain = (s - tau) * 3 - MERGE_PENALTY
                        if gain > 0 and p + gain > top + 1e-12:
                            top, arg = p + gain, (i - 1, j - 2, s)
            if up is not None:
                p = up[j]
                if p != NEG and p + 0.0 > top + 1e-12:
                    top, arg = p + 0.0, (i - 1, j, 0.0)
            if j:
                p = row[j - 1]
                if p != NEG and p + 0.0 > top + 1e-12:
                    top, arg = p + 0.0, (i, j - 1, 0.0)
            row[j] = top
            brow[j] = arg
    links: list[Link] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step is None:  # outside the band: fall back to skips
            if i:
                links.append(Link((i - 1,), (), 0.0))
                i -= 1
            else:
                links.append(Link((), (j - 1,), 0.0))
                j -= 1
            continue
        pi, pj, s = step
        links.append(Link(tuple(range(pi, i)), tuple(range(pj, j)), round(s, 4)))
        i, j = pi, pj
    links.reverse()
    # A 1-1 link below the threshold is two unmatched sentences, not a pair.
    out: list[Link] = []
    for ln in links:
        if ln.a and ln.b and ln.sim < tau:
            out.extend([Link(ln.a, (), 0.0), Link((), ln.b, 0.0)])
        else:
            out.append(ln)
    return out


@dataclass(frozen=True)
class Aligned:
    """An alignment of two documents: sentence spans and links between them."""

    a_spans: list[Span]
    b_spans: list[Span]
    links: list[Link]

    def span_a(self, link: Link) -> tuple[int, int] | None:
        if not link.a:
            return None
        return self.a_spans[link.a[0]].start, self.a_spans[link.a[-1]].end

    def span_b(self, link: Link) -> tuple[int, int] | None:
        if not link.b:
            return None
        return self.b_spans[link.b[0]].start, self.b_spans[link.b[-1]].end


def align_texts(a: str, b: str, same_language: bool = True) -> Aligned:
    sa, sb = segments(a), segments(b)
    links = align([s.of(a) for s in sa], [s.of(b) for s in sb], same_language)
    return Aligned(sa, sb, links)
