"""Pair scores as sacrebleu computes them: BLEU, chrF and TER, whole articles and
aligned segments, each with sacrebleu's signature so that a score can be reproduced
with its command line. Which versions form a pair is ``tqcheck/corpus/pairs.py``;
the run's cache of alignments and the report rows are the engine's
(``tqcheck/engine/context.py``, ``tqcheck/engine/scores.py``).

The tokenizer is chosen from the target language (``zh`` for Chinese, ``char`` for
Japanese, Korean and Thai, which have no word spaces or need a segmenter that would
have to be downloaded, ``13a`` otherwise).

TER is the exception: sacrebleu's TER searches shifts over the whole segment, and on a
whole 3-4 KB article that takes 17 s (measured on the seeds with sacrebleu 2.6). So TER is
computed as a corpus over the *aligned segments* (``tqcheck/analysis/align.py``): every
link is a segment, a sentence with no counterpart is scored against an empty one (all
its words are edits). Its signature gets ``|seg:aligned`` appended to say so. BLEU and
chrF are over the whole article, exactly as the sacrebleu command line would give them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import heavy, langs

CHAR_TOKENIZED = {"ja", "ko", "th", "lo", "km", "my"}


def tokenizer_for(lang: str | None) -> str:
    b = langs.base(lang)
    if b == "zh":
        return "zh"
    if b in CHAR_TOKENIZED:
        return "char"
    return "13a"


@lru_cache(maxsize=16)
def _metrics(tokenize: str) -> tuple[Any, Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return BLEU(tokenize=tokenize), CHRF(), TER()


def flatten(text: str) -> str:
    """An article as one segment: its paragraphs joined by spaces."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def aligned_segments(al: Any, ref: str, hyp: str) -> list[tuple[Any, str, str]]:
    """(link, hyp text, ref text) per link; an unmatched side is the empty string."""
    out = []
    for link in al.links:
        sa, sb = al.span_a(link), al.span_b(link)
        r = ref[sa[0] : sa[1]] if sa else ""
        h = hyp[sb[0] : sb[1]] if sb else ""
        out.append((link, " ".join(h.split()), " ".join(r.split())))
    return out


def score(hyp: str, ref: str, lang: str | None, aligned: Any = None) -> dict[str, Any]:
    """BLEU and chrF of the whole texts, TER over their aligned segments (``aligned``:
    their same-language alignment, computed here when not given)."""
    if aligned is None:
        from .align import align_texts

        aligned = align_texts(ref, hyp, True)
    tokenize = tokenizer_for(lang)
    bleu, chrf, ter = _metrics(tokenize)
    h, r = flatten(hyp), flatten(ref)
    segs = aligned_segments(aligned, ref, hyp)
    ter_value = ter_score(ter, [s[1] for s in segs], [s[2] for s in segs]) if segs else 0.0
    # A one-segment corpus: the same statistics as corpus_score([h], [[r]]) (see below).
    bleu_value = bleu_scores(bleu, [h], [r])[0]
    chrf_value = chrf_scores(chrf, [h], [r])[0]
    bleu_sig, chrf_sig, ter_sig = _signatures(tokenize)
    return {
        "bleu": round(bleu_value, 4),
        "chrf": round(chrf_value, 4),
        "ter": round(ter_value, 4),
        "bleu_signature": bleu_sig,
        "chrf_signature": chrf_sig,
        "ter_signature": ter_sig + "|seg:aligned",
    }


@lru_cache(maxsize=16)
def _signatures(tokenize: str) -> tuple[str, str, str]:
    """The signatures ``corpus_score`` would record for one reference, from metric
    objects of their own (the shared scoring objects are never changed)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    metrics = (BLEU(tokenize=tokenize), CHRF(), TER())
    for m in metrics:
        m.num_refs = 1  # what corpus_score would record (one reference)
    return tuple(str(m.get_signature()) for m in metrics)  # type: ignore[return-value]


@lru_cache(maxsize=4)
def _sentence_metrics(tokenize: str) -> tuple[Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF

    return BLEU(tokenize=tokenize, effective_order=True), CHRF()


# -- Scores in bulk ------------------------------------------------------------------------
#
# sacrebleu's ``sentence_score`` is exact but slow per call (Counter-building in Python for
# every segment: 61% of the benchmark time before bulk counting). The functions below compute the *same
# integer statistics* sacrebleu computes -- per n-gram order: hypothesis n-grams, reference
# n-grams, clipped matches -- for all segments of a pair at once with numpy, and hand them
# to the metric object's own ``_compute_score_from_stats``, so the formula (smoothing,
# brevity penalty, effective order, beta) stays sacrebleu's. Tokenization is sacrebleu's
# tokenizer. tests/test_score.py checks equality with ``sentence_score``/``corpus_score``
# on real sentences for every tokenizer; ``tools/benchmarks/bench_pairs.py`` re-checks it on
# every benchmark pair.
#
# Method: all segments (hypotheses, then references) are concatenated into one integer
# array of symbols (code points for chrF, token ids for BLEU). The n-gram starting at i
# gets a rank by induction: rank_1 = symbol, rank_n[i] = dense rank of
# (rank_{n-1}[i], symbol[i+n-1]), so equal ranks <=> equal n-grams. N-grams that would
# cross a segment end are masked out; counts per (segment, rank) come from np.unique and
# matches from intersecting the hypothesis and reference (segment, rank) keys.


def _ngram_stats(hyp: list[Any], ref: list[Any], order: int) -> tuple[Any, Any, Any]:
    """Arrays (segments x order) of hypothesis n-grams, reference n-grams, clipped matches."""
    import numpy as np

    s = len(hyp)
    lens = np.array([len(x) for x in hyp] + [len(x) for x in ref], dtype=np.int64)
    n_h = np.zeros((s, order), dtype=np.int64)
    n_r = np.zeros((s, order), dtype=np.int64)
    n_m = np.zeros((s, order), dtype=np.int64)
    total = int(lens.sum())
    if s == 0 or total == 0:
        return n_h, n_r, n_m
    x = np.concatenate([np.asarray(v, dtype=np.int64) for v in hyp + ref])
    seg = np.repeat(np.arange(2 * s, dtype=np.int64), lens)
    # symbols left in the segment from position i (i included)
    left = np.repeat(np.cumsum(lens), lens) - np.arange(total, dtype=np.int64)
    k = int(x.max()) + 1
    rank = x
    for n in range(1, order + 1):
        if n > 1:
            if total - n + 1 <= 0:
                break
            key = rank[: total - n + 1] * k + x[n - 1 :]
            rank = np.unique(key, return_inverse=True)[1].astype(np.int64).reshape(-1)
        valid = left[: total - n + 1] >= n
        sg, rk = seg[: total - n + 1][valid], rank[valid]
        is_h = sg < s
        kh = rk[is_h] * s + sg[is_h]
        kr = rk[~is_h] * s + (sg[~is_h] - s)
        uh, ch = np.unique(kh, return_counts=True)
        ur, cr = np.unique(kr, return_counts=True)
        common, ih, ir = np.intersect1d(uh, ur, assume_unique=True, return_indices=True)
        n_h[:, n - 1] = np.bincount(sg[is_h], minlength=s)
        n_r[:, n - 1] = np.bincount(sg[~is_h] - s, minlength=s)
        n_m[:, n - 1] = np.bincount(common % s, weights=np.minimum(ch[ih], cr[ir]), minlength=s).astype(np.int64)
    return n_h, n_r, n_m


# Characters (hypotheses and references) scored by sacrebleu itself, pair by pair, while
# the process has not loaded numpy: the bulk counting below needs numpy, whose import
# (about 0.1 s) costs more than sacrebleu's own counting of two articles of 20,000
# characters (a few ms). sacrebleu's scores are what the bulk ones equal.
_PLAIN_CHARS = 40_000


def _plain(metric: Any, hyps: list[str], refs: list[str]) -> list[float] | None:
    """Each pair's ``metric.corpus_score([h], [[r]]).score`` (its ``sentence_score``, the
    same statistics), or None when the bulk counting should run."""
    if heavy.numpy_loaded() or sum(map(len, hyps)) + sum(map(len, refs)) > _PLAIN_CHARS:
        return None
    return [metric.corpus_score([h], [[r]]).score for h, r in zip(hyps, refs)]


def chrf_scores(chrf: Any, hyps: list[str], refs: list[str]) -> list[float]:
    """``chrf.sentence_score(h, [r]).score`` for every (h, r), in bulk (chrF, not chrF++)."""
    if not hyps:
        return []
    plain = _plain(chrf, hyps, refs)
    if plain is not None:
        return plain
    import numpy as np

    if chrf.word_order or chrf.whitespace or chrf.lowercase:  # not the default chrF: no shortcut
        return [chrf.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]

    def codes(t: str) -> Any:
        return np.frombuffer("".join(t.split()).encode("utf-32-le"), dtype="<u4")

    n_h, n_r, n_m = _ngram_stats([codes(h) for h in hyps], [codes(r) for r in refs], chrf.char_order)
    n_h = np.where(n_r > 0, n_h, 0)  # sacrebleu: no hypothesis count for an order the reference lacks
    stats = np.stack([n_h, n_r, n_m], axis=2).reshape(len(hyps), -1).tolist()
    return [chrf._compute_score_from_stats(st).score for st in stats]


def bleu_scores(bleu: Any, hyps: list[str], refs: list[str]) -> list[float]:
    """``bleu.sentence_score(h, [r]).score`` for every (h, r), in bulk (one reference)."""
    if not hyps:
        return []
    plain = _plain(bleu, hyps, refs)
    if plain is not None:
        return plain
    ids: dict[str, int] = {}
    th = [[ids.setdefault(w, len(ids)) for w in bleu._preprocess_segment(h).split()] for h in hyps]
    tr = [[ids.setdefault(w, len(ids)) for w in bleu._preprocess_segment(r).split()] for r in refs]
    n_h, n_r, n_m = _ngram_stats(th, tr, bleu.max_ngram_order)
    out = []
    for h, r, cor, tot in zip(th, tr, n_m.tolist(), n_h.tolist()):
        out.append(bleu._compute_score_from_stats([len(h), len(r)] + cor + tot).score)
    return out


def ter_score(ter: Any, hyps: list[str], refs: list[str]) -> float:
    """``ter.corpus_score(hyps, [refs]).score``; trivial segments skip the shift search.

    A segment equal to its reference has 0 edits, one with an empty side has as many edits
    as the other side has words (sacrebleu's translation_edit_rate gives exactly that);
    only the rest go through the shift search, ``translation_edit_rate`` below.
    """
    edits = length = 0
    for h, r in zip(hyps, refs):
        words_h = ter._preprocess_segment(h).split()
        words_r = ter._preprocess_segment(r).split()
        if h == r or not h or not r:
            edits += len(words_h) if not r else (0 if h == r else len(words_r))
        else:
            edits += translation_edit_rate(words_h, words_r)[0]
        length += len(words_r)
    return ter._compute_score_from_stats([edits, length]).score  # type: ignore[no-any-return]


# -- TER's edit distance, the same numbers faster --------------------------------------
#
# sacrebleu's TER (``sacrebleu.metrics.lib_ter``, after Tercom) shifts word blocks of the
# hypothesis while a shift lowers the edit distance, and scores every candidate shift
# with a beam-limited Levenshtein distance whose rows it caches by hypothesis prefix.
# That distance is nearly all of TER's time (50 ms of a one-story run), mostly spent
# making a tuple per cell and per candidate operation. ``_EditDistance`` computes the
# same rows (costs in a list, operations in a string): the same beam, the same order of
# preference among equal costs (keep/substitute, then delete, then insert), the same
# unreached cells, so the same distance and trace; the shift search is sacrebleu's own
# ``_shift``. tests/test_score.py compares both with sacrebleu's on random and real
# segments.


class _EditDistance:
    """``lib_ter.BeamEditDistance(words_ref)``: called with hypothesis words, gives
    (edit distance, trace of operations)."""

    def __init__(self, words_ref: list[str]) -> None:
        self._ref = words_ref
        n = self._n = len(words_ref)
        self._first = (list(range(n + 1)), "i" * (n + 1))  # inserting the reference
        self._cache: dict[str, Any] = {}  # word -> (next node, row): rows by prefix
        self._size = 0

    def __call__(self, words_h: list[str]) -> tuple[int, str]:
        import math

        from sacrebleu.metrics import lib_ter

        node = self._cache
        rows = [self._first]
        for w in words_h:
            hit = node.get(w)
            if hit is None:
                break
            node, row = hit
            rows.append(row)
        start = len(rows) - 1
        ref, n, n_h = self._ref, self._n, len(words_h)
        ratio = n / n_h if words_h else 1
        beam = lib_ter._BEAM_WIDTH
        if beam < ratio / 2:
            beam = math.ceil(ratio / 2 + beam)
        inf = lib_ter._INT_INFINITY
        prev = rows[-1][0]
        new = []
        for i in range(start + 1, n_h + 1):
            diag = math.floor(i * ratio)
            lo = max(0, diag - beam)
            hi = n + 1 if i == n_h else min(n + 1, diag + beam)
            cost = [inf] * (n + 1)  # unreached cells, as sacrebleu's empty row
            ops = ["x"] * (n + 1)
            w = words_h[i - 1]
            if lo == 0:
                cost[0], ops[0] = prev[0] + 1, "d"
                lo = 1
            left = cost[lo - 1]
            for j in range(lo, hi):
                # a cell starts unreached and takes a candidate only if it costs less
                if w == ref[j - 1]:
                    best, op = prev[j - 1], " "
                else:
                    best, op = prev[j - 1] + 1, "s"
                if best >= inf:
                    best, op = inf, "x"
                if best > prev[j] + 1:
                    best, op = prev[j] + 1, "d"
                if best > left + 1:
                    best, op = left + 1, "i"
                cost[j] = left = best
                ops[j] = op
            row = (cost, "".join(ops))
            new.append(row)
            rows.append(row)
            prev = cost
        if self._size < lib_ter._MAX_CACHE_SIZE:
            node = self._cache
            for k in range(start):
                node = node[words_h[k]][0]
            for w, row in zip(words_h[start:], new):
                if w not in node:
                    node[w] = ({}, row)
                    self._size += 1
                node = node[w][0]
        trace = []
        i, j = n_h, n
        while i > 0 or j > 0:
            op = rows[i][1][j]
            trace.append(op)
            if op == " " or op == "s":
                i, j = i - 1, j - 1
            elif op == "i":
                j -= 1
            elif op == "d":
                i -= 1
            else:
                raise ValueError(f"unknown operation {op!r}")
        return rows[n_h][0][n], "".join(reversed(trace))


def translation_edit_rate(words_hyp: list[str], words_ref: list[str]) -> tuple[int, int]:
    """``lib_ter.translation_edit_rate``: (number of edits, reference length)."""
    from sacrebleu.metrics import lib_ter

    if not words_ref:
        return len(words_hyp), 0
    distance = _EditDistance(words_ref)
    shifts = checked = 0
    words = words_hyp
    while True:
        delta, shifted, checked = lib_ter._shift(words, words_ref, distance, checked)
        if checked >= lib_ter._MAX_SHIFT_CANDIDATES or delta <= 0:
            break
        shifts += 1
        words = shifted
    return shifts + distance(words)[0], len(words_ref)
