"""Sentence alignment between two versions of an article.

Method: both texts are cut into sentences (``tqcheck.analysis.text.sentences`` inside each line,
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
  any script), dates, URLs, and names -- compared with a Dice coefficient over the
  anchors both documents have, plus a Gale & Church (1993) length term: the two-sided
  p-value of the target length under a normal law around c times the source length
  (``_gc_length``; c is the ratio of the two documents' total lengths, the per-document
  estimate of the language pair's ratio). Names of the two documents are matched once
  per document pair (``name_matches``): same-script folds must be equal, cross-script
  pairs must pass the learned transliteration model (``tqcheck.analysis.names.translit.
  cross_score``, shortlisted with rapidfuzz) and be mutual best matches; Chinese names
  are looked for inside running Han text as runs of the model's transliteration
  characters. A 1-1 pair with no anchor on either side is linked unless its lengths
  clearly disagree (Gale & Church's prior strongly favours 1-1 over 1-0), so a dropped
  sentence is placed where the anchors say, not by a length coin flip.

Cost: O(n*m) similarity evaluations; for long documents the programme is restricted
to a band around the diagonal (``BAND``), which keeps 1,000-sentence documents linear.
The 4-gram sets are built once per sentence and intersected once per sentence pair; merge
scores follow by inclusion-exclusion (``_Sim``), so a 40x40 article costs about 1,600 set
intersections, not 4,800 unions. The result is identical to the plain programme (tests/
test_align.py compares them); this made aligning 3.2x faster (tools/benchmarks/bench_pairs.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import heavy
from .lazyre import Lazy
from .memo import bounded
from .text import Span, lines, sentences

# Same-language links need a 4-gram Dice above this. Measured on devset sentences
# (python -m tools.eval align): unrelated English/French/German sentence pairs
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
    return [s for ln in lines(text) for s in sentences(text, ln.start, ln.end)]


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


# a sentence is asked for again mostly within its story (against each other version),
# so some stories' worth is enough (a miss of the two costs about 0.5 ms: numbers are
# parsed); 65,536 whole sentences held about 30 MB each cache
@lru_cache(maxsize=16384)
def _anchors(s: str) -> frozenset[str]:
    """Exact anchors of a sentence: numbers ("#1550"), dates ("d2-5"), URLs, a quote."""
    from .numbers import figures

    out: set[str] = set()
    for q in figures(s):
        if q.kind == "date":
            out.update(f"d{m}-{d}" for m, d in q.values)
        else:
            out.update(f"#{v:g}" if isinstance(v, float) else f"#{v[0]}{v[1]}" for v in q.values)
    for m in _URL.finditer(s):
        out.add("u" + m.group().lower())
    if _QUOTE.search(s):
        out.add("q")
    return frozenset(out)


_HAN = Lazy(r"[\u3400-\u9fff]+")  # (compiled on first use: a class of 27,000 code points)


@lru_cache(maxsize=16384)  # as _anchors: sentences of the recent stories
def _name_tokens(s: str) -> tuple[str, ...]:
    """Name candidates of a sentence: capitalised words of cased scripts, words of 3+
    letters of uncased ones (Arabic, Hebrew), and inside Han text the runs of 2-4
    characters that the transliteration model spells foreign names with (about 7% of
    running Chinese characters are such characters, so chance runs are rare)."""
    from .text import script_of

    out: list[str] = []
    first = True
    for m in _WORD.finditer(s):
        w = m.group()
        sc = script_of(w[0])
        initial, first = first, False
        if sc == "Han":
            continue
        cased = sc in ("Latin", "Cyrillic", "Greek")
        # a sentence's first word is capitalised anyway ("In", "Но"): not a candidate
        if (cased and w[0].isupper() and len(w) > 1 and not initial) or (not cased and len(w) >= 3):
            out.append(w)
    table = _han_units()
    if table:
        for m in _HAN.finditer(s):
            run = m.group()
            i = 0
            while i < len(run):
                j = i
                while j < len(run) and run[j] in table:
                    j += 1
                if j - i >= 2:
                    # every 2-4 character window of the run: a name may sit next to other
                    # transliteration characters ("...斯和特朗普...")
                    for a in range(i, j - 1):
                        out.extend(run[a:b] for b in range(a + 2, min(j, a + 4) + 1))
                i = max(j, i + 1)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _han_units() -> frozenset[str]:
    from .names.translit import load_model

    return frozenset(k for k in load_model().get("zho", {}) if len(k) == 1)


# A cross-script name pair must score this on ``names.translit.cross_score`` (0-100) and
# be each token's best counterpart in the other document. Measured on the cross
# evaluation's documents (20 per pair, names from the devset's translit_pairs.tsv): at 70
# (the TQ2xx rules' bar) 11 of 95 Russian and 134 of 207 Arabic matched keys were wrong
# (short and common words: "City"/"Чтобы"); at 80, 1 of 84 Russian, 2 of 36 Chinese. In
# Arabic and Hebrew every word of 3+ letters is a candidate (no capitals), so those need
# 88: 7 wrong of 68 (48 of 116 at 80), for 61 of 100 inserted pairs found.
NAME_BAR = 80.0
NAME_BAR_UNCASED = 88.0
# rapidfuzz shortlist before the exact model: folded romanisations this similar (0-100).
# True pairs score 50+ on it; it keeps the model to a few dozen calls per document.
NAME_SHORTLIST = 45.0


# per token: a document's name candidates are matched against every other version of
# its story, and the model's language (a look-up per letter) was asked again per pair.
# 16,384: 26,000 distinct tokens after 1,000 articles, about 220 bytes each, and a miss
# is two look-ups in the fold and model-language memos; 65,536 held 14 MB at 10k
@bounded(16384)  # dict entries only: memo.py
def _name_facts(tok: str) -> tuple[str, str | None]:
    """(key, model language) of a name candidate: the fold of its most probable
    romanisation (of itself when it is Latin), and ``translit.model_lang``."""
    from .names.translit import fold, model_lang, romanise

    lang = model_lang(tok)
    return (fold(romanise(tok)) if lang else fold(tok)), lang


def name_matches(toks_a: list[str], toks_b: list[str]) -> dict[tuple[int, str], str]:
    """Match name candidates of two documents in different languages. Returns
    {(side, token): key} for matched tokens (side 0 = a, 1 = b); matched tokens share a
    key. Same-script tokens match when their folds are equal (3+ letters); cross-script
    ones when the transliteration model scores them NAME_BAR or more and each is the
    other's best. Cost: one rapidfuzz matrix over the folded romanisations, then
    ``cross_score`` (cached) only for shortlisted pairs."""
    from .names.translit import cross_score, cross_score_at_least

    if not toks_a or not toks_b:
        return {}
    fa = [_name_facts(t) for t in toks_a]
    fb = [_name_facts(t) for t in toks_b]
    ka = [k for k, _ in fa]
    kb = [k for k, _ in fb]
    na = [lang is not None for _, lang in fa]
    nb = [lang is not None for _, lang in fb]
    # Arabic and Hebrew: every word of 3+ letters is a candidate (NAME_BAR_UNCASED)
    ua = [lang in ("ara", "heb") for _, lang in fa]
    ub = [lang in ("ara", "heb") for _, lang in fb]
    out: dict[tuple[int, str], str] = {}
    # same script (Latin/Latin, or the same native script): equal folds
    by_fold: dict[tuple[bool, str], str] = {}
    for t, k, nat in zip(toks_a, ka, na):
        if len(k) >= 3 and not nat:
            by_fold.setdefault((nat, k), t)
    for t, k, nat in zip(toks_b, kb, nb):
        a = by_fold.get((nat, k))
        if a is not None:
            out[(0, a)] = out[(1, t)] = "n" + k
    # cross-script: shortlist with rapidfuzz, confirm with the model, mutual best only
    from rapidfuzz import fuzz, process

    # 4+ letters: short words ("It", "Ты", "حتى") match each other by chance
    ia = [i for i in range(len(toks_a)) if len(ka[i]) >= 4]
    ib = [j for j in range(len(toks_b)) if len(kb[j]) >= 4]
    if not ia or not ib:
        return out
    mat = process.cdist([ka[i] for i in ia], [kb[j] for j in ib], scorer=fuzz.ratio,
                        score_cutoff=NAME_SHORTLIST)
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for row, i in enumerate(ia):
        for col in mat[row].nonzero()[0]:
            j = ib[int(col)]
            if na[i] == nb[j]:
                continue  # same script handled above
            # the token without a model (Latin) first, the native one second
            plain, native = (toks_a[i], toks_b[j]) if nb[j] else (toks_b[j], toks_a[i])
            # below the bar is all that matters of most pairs: the model's bound settles
            # that without its lattice (``cross_score_at_least``, the same answer)
            bar = NAME_BAR_UNCASED if ua[i] or ub[j] else NAME_BAR
            if not cross_score_at_least(plain, native, bar):
                continue
            sc = cross_score(plain, native)
            if sc > best_a.get(i, (-1.0, -1))[0]:
                best_a[i] = (sc, j)
            if sc > best_b.get(j, (-1.0, -1))[0]:
                best_b[j] = (sc, i)
    for i, (sc, j) in sorted(best_a.items()):
        if best_b.get(j, (0, -1))[1] == i:
            key = out.get((0, toks_a[i])) or out.get((1, toks_b[j])) or "n" + ka[i]
            out[(0, toks_a[i])] = out[(1, toks_b[j])] = key
    return out


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
            ta = [_name_tokens(x) for x in a]
            tb = [_name_tokens(x) for x in b]
            keys = name_matches(sorted(set().union(*ta)), sorted(set().union(*tb)))
            fa = [_anchors(x) | {keys[(0, t)] for t in ts if (0, t) in keys} for x, ts in zip(a, ta)]
            fb = [_anchors(x) | {keys[(1, t)] for t in ts if (1, t) in keys} for x, ts in zip(b, tb)]
            # Only anchors found in both documents can link sentences (names are matched
            # ones already). Keeping unshared numbers as evidence against a link was tried
            # and lost 5-10 points of omission precision (cross-language evaluation): numbers
            # of the text that one version does not carry (years, counts) are common.
            shared = frozenset().union(*fa) & frozenset().union(*fb)
            self.fa = [x & shared for x in fa]
            self.fb = [x & shared for x in fb]
            la = sum(self.la) or 1
            lb = sum(self.lb) or 1
            # Expected length of b per character of a: the documents' own ratio, shrunk
            # towards a prior from their scripts when they are short (a dropped sentence
            # in a 3-sentence text would bias the ratio by a third).
            k = min(len(a), len(b))
            prior = _script_weight("".join(b)) / _script_weight("".join(a))
            self.ratio = math.exp((RATIO_PRIOR_WEIGHT * math.log(prior) + k * math.log(lb / la))
                                  / (RATIO_PRIOR_WEIGHT + k))
        self.na = [len(x) for x in self.fa]
        self.nb = [len(x) for x in self.fb]
        # x[i][j] = |fa[i] ∩ fb[j]|, each needed by up to five candidate links. Computed at
        # once (C-level set intersections) unless the programme is banded, then on demand.
        fb_ = self.fb
        self.x: Any = (
            [[len(f & g) for g in fb_] for f in self.fa] if full else _LazyRows(self.fa, self.fb)
        )

    def tables(self) -> tuple[list[list[float]], list[list[float]], list[list[float]]]:
        """``s11``, ``s21`` and ``s12`` of every cell at once: ``t11[i][j] == s11(i, j)``
        (and likewise), the same floats, computed as numpy arrays from the intersection
        counts ``x`` (a union's counts by inclusion-exclusion; the three-way intersection
        only where two merged sentences share a feature) instead of one Python call per
        cell. Needs the full ``x`` (an unbanded programme)."""
        import numpy as np

        n, m = len(self.fa), len(self.fb)
        x = np.array(self.x, dtype=np.int64).reshape(n, m)
        na = np.array(self.na, dtype=np.int64)
        nb = np.array(self.nb, dtype=np.int64)

        def triples(f: list[frozenset], g: list[frozenset], rows: bool) -> Any:
            # |f[k] & f[k+1] & g[l]| for every k, l (zero where f[k] & f[k+1] is empty)
            out = np.zeros((len(f) - 1, len(g)) if rows else (len(g), len(f) - 1), dtype=np.int64)
            for k in range(len(f) - 1):
                both = f[k] & f[k + 1]
                if both:
                    vals = [len(both & h) for h in g]
                    if rows:
                        out[k, :] = vals
                    else:
                        out[:, k] = vals
            return out

        def pairs_of(f: list[frozenset]) -> Any:
            return np.array([len(f[k] & f[k + 1]) for k in range(len(f) - 1)], dtype=np.int64)

        def dice(inter: Any, a: Any, b: Any) -> Any:
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where((a == 0) | (b == 0), 0.0, 2 * inter / (a + b))

        if self.same:
            t11 = dice(x, na[:, None], nb[None, :])
            if n > 1:
                x0, x1 = x[:-1, :], x[1:, :]
                ok = (x0 >= MERGE_COVERAGE * na[:-1, None]) & (x1 >= MERGE_COVERAGE * na[1:, None])
                both = pairs_of(self.fa)[:, None]
                t21 = np.where(ok, dice(x0 + x1 - triples(self.fa, self.fb, True),
                                        na[:-1, None] + na[1:, None] - both, nb[None, :]), 0.0)
            else:
                t21 = np.zeros((0, m))
            if m > 1:
                x0, x1 = x[:, :-1], x[:, 1:]
                ok = (x0 >= MERGE_COVERAGE * nb[None, :-1]) & (x1 >= MERGE_COVERAGE * nb[None, 1:])
                both = pairs_of(self.fb)[None, :]
                t12 = np.where(ok, dice(x0 + x1 - triples(self.fb, self.fa, False), na[:, None],
                                        nb[None, :-1] + nb[None, 1:] - both), 0.0)
            else:
                t12 = np.zeros((n, 0))
            return t11.tolist(), t21.tolist(), t12.tolist()

        c = self.ratio
        la = np.array(self.la, dtype=np.float64)
        lb = np.array(self.lb, dtype=np.float64)

        def length(expected: Any, got: Any) -> Any:
            # ``_gc_length`` elementwise: its arithmetic in numpy (IEEE, the same order),
            # its erfc through math.erfc (numpy has none), mapped in C
            var = GC_S2 * c * np.maximum(expected, 1.0)
            arg = np.abs(got - expected) / np.sqrt(2 * var)
            return np.array(list(map(math.erfc, arg.ravel().tolist()))).reshape(arg.shape)

        def score(inter: Any, fa_n: Any, fb_n: Any, ln: Any) -> Any:
            return np.where((fa_n == 0) & (fb_n == 0), TAU_CROSS + NO_ANCHOR_SLOPE * (ln - NO_ANCHOR_P),
                            0.6 * dice(inter, fa_n, fb_n) + 0.4 * ln)

        t11 = score(x, na[:, None], nb[None, :], length((la * c)[:, None], lb[None, :]))
        if n > 1:
            pair_la = (la[:-1] + la[1:]) * c
            ln = length(pair_la[:, None], lb[None, :])
            single = length((np.maximum(la[:-1], la[1:]) * c)[:, None], lb[None, :])
            x0, x1 = x[:-1, :], x[1:, :]
            lost = ((na[:-1, None] > 0) & (x0 == 0)) | ((na[1:, None] > 0) & (x1 == 0))
            union = na[:-1] + na[1:] - pairs_of(self.fa)
            t21 = np.where((single >= ln) | lost, 0.0,
                           score(x0 + x1 - triples(self.fa, self.fb, True), union[:, None], nb[None, :], ln))
        else:
            t21 = np.zeros((0, m))
        if m > 1:
            ln = length((la * c)[:, None], (lb[:-1] + lb[1:])[None, :])
            single = length(np.maximum(lb[:-1], lb[1:])[None, :] * 1.0, (la * c)[:, None])
            x0, x1 = x[:, :-1], x[:, 1:]
            lost = ((nb[None, :-1] > 0) & (x0 == 0)) | ((nb[None, 1:] > 0) & (x1 == 0))
            union = nb[:-1] + nb[1:] - pairs_of(self.fb)
            t12 = np.where((single >= ln) | lost, 0.0,
                           score(x0 + x1 - triples(self.fb, self.fa, False), na[:, None], union[None, :], ln))
        else:
            t12 = np.zeros((n, 0))
        return t11.tolist(), t21.tolist(), t12.tolist()

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
        length = _gc_length(la, lb, self.ratio)
        if len(ia) + len(ib) == 3:
            # Merge only when the lengths agree better than without the extra sentence,
            # and every merged sentence with anchors shares one with the other side.
            two, feats, other = (ia, self.fa, fb) if len(ia) == 2 else (ib, self.fb, fa)
            lens = self.la if len(ia) == 2 else self.lb
            scale = self.ratio if len(ia) == 2 else 1.0  # la is already in b units
            single = max(lens[i] for i in two) * scale
            target = lb if len(ia) == 2 else la
            if _gc_length(single, target, self.ratio) >= length or any(feats[i] and not feats[i] & other for i in two):
                return 0.0
        if not fa and not fb:
            # No anchor on either side: Gale & Church's prior P(1-1) = 0.89 against
            # P(1-0) = 0.01 says link them unless the lengths clearly disagree, so that a
            # drop is placed where the anchors put it rather than by a length coin flip.
            return TAU_CROSS + NO_ANCHOR_SLOPE * (length - NO_ANCHOR_P)
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


# Gale & Church (1993): the length of a translation is normal around c times the
# source's, with variance s2 per source character. Their s2 = 6.8 (characters, English-
# German-French); lengths here are in the target's units, so the variance is scaled by c.
GC_S2 = 6.8
# An anchor-less pair is linked (scores above TAU_CROSS) when the two-sided length
# p-value is above NO_ANCHOR_P: 0.05 rejects one true pair in 20 on length alone.
NO_ANCHOR_P = 0.05
NO_ANCHOR_SLOPE = 0.25


# Weight of the script prior on the length ratio, in sentences: a 20-sentence pair's own
# ratio counts 4 times as much as the prior.
RATIO_PRIOR_WEIGHT = 5.0
# Characters of a translation per English character, by script. Han (and kana) text is
# shorter: 0.41 is the ratio of median sentence lengths of the devset's Chinese and
# English lingua sentences (42 / 102 characters). The same estimate for other languages
# is NOT a translation ratio (Russian 64 / 102 = 0.63, though Russian translations run
# about as long as English): those corpora are not parallel, so alphabetic scripts get 1.
_DENSE = 0.41


# a document is aligned with each other version of its story: its weight is asked for
# once per pair, and the story in flight has a few versions
@lru_cache(maxsize=64)
def _script_weight(text: str) -> float:
    """Mean characters per English character implied by the scripts of ``text``."""
    from collections import Counter

    from .text import script_of

    # per distinct letter (a C count of the text first), not per character
    alpha = Counter(filter(str.isalpha, text))
    letters = sum(alpha.values())
    dense = sum(n for ch, n in alpha.items() if script_of(ch) in ("Han", "Hiragana", "Katakana"))
    if not letters:
        return 1.0
    return (letters - dense + dense * _DENSE) / letters


def _gc_length(lb_expected: float, lb: float, c: float) -> float:
    """Two-sided p-value of the observed length ``lb`` given the expected ``c * la``
    (``lb_expected``) under Gale & Church's model: 2 (1 - Phi(|delta|)),
    delta = (lb - c la) / sqrt(s2 c (c la)). 1 for equal lengths, near 0 for a 2x miss."""
    var = GC_S2 * c * max(lb_expected, 1.0)
    return math.erfc(abs(lb - lb_expected) / math.sqrt(2 * var))


# Largest programme (sentences x sentences) scored cell by cell while numpy is not
# loaded: a pair of 70-sentence articles, some 15,000 cell calls (about 20 ms, a fifth
# of numpy's import).
_PLAIN_CELLS = 5_000


def align(a: list[str], b: list[str], same_language: bool = True) -> list[Link]:
    """Monotonic alignment of sentence lists ``a`` and ``b`` (see the module docstring)."""
    n, m = len(a), len(b)
    band = None if n * m <= BAND_CELLS else BAND
    sim = _Sim(a, b, same_language, full=band is None)
    # the tables at once need numpy; a short pair, while the process has not loaded it
    # (its import costs more than the pair), asks the same cells one by one
    if band is None and n and m and (n * m > _PLAIN_CELLS or heavy.numpy_loaded()):
        t11, t21, t12 = sim.tables()

        def s11(i: int, j: int) -> float:
            return t11[i][j]

        def s21(i: int, j: int) -> float:
            return t21[i][j]

        def s12(i: int, j: int) -> float:
            return t12[i][j]
    else:
        s11, s21, s12 = sim.s11, sim.s21, sim.s12
    tau = TAU_SAME if same_language else TAU_CROSS
    NEG = -1e18
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    # The five moves are tried in a fixed order -- 1-1, 2-1, 1-2, 1-0, 0-1 -- and a later
    # one wins only when strictly better (by 1e-12), so ties always resolve the same way.
    # The moves are written out one by one rather than looped over a move table: this
    # is the hot loop of pair scoring, and unrolling it was part of the 3.2x alignment
    # speed-up (tools/benchmarks/bench_pairs.py); tests/test_align.py checks it against a plain loop.
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
    return _unpair_weak(_trace(back, n, m), tau)


def _trace(back: list[list[tuple[int, int, float] | None]], n: int, m: int) -> list[Link]:
    """The links of the best path, read back from the last cell; a cell the band left
    out is left by skips."""
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
    return links


def _unpair_weak(links: list[Link], tau: float) -> list[Link]:
    """A 1-1 link below the threshold is two unmatched sentences, not a pair."""
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

    def linked(self) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
        """(span in a, span in b) of every link with a passage on both sides: what the
        checks that compare two passages (numbers, times, tokens) read."""
        for link in self.links:
            sa, sb = self.span_a(link), self.span_b(link)
            if sa is not None and sb is not None:
                yield sa, sb


def align_texts(a: str, b: str, same_language: bool = True) -> Aligned:
    sa, sb = segments(a), segments(b)
    links = align([s.of(a) for s in sa], [s.of(b) for s in sb], same_language)
    return Aligned(sa, sb, links)
