"""Benchmark: align and score N pairs of ~4 KB articles (python tools/benchmarks/bench_pairs.py).

Pairs are made from real devset sentences (../shared/devset/lid/lingua-sentences/en.txt)
as in ``tools.eval align``: the second version merges, splits, drops, inserts and
lightly edits sentences. Reported, measured in the same run:

* baseline: segmenting both texts and tokenizing them with sacrebleu's 13a tokenizer
  (the least any scorer must do);
* align: ``tqcheck.analysis.align.align_texts``;
* score: what the report computes per pair -- ``tqcheck.analysis.metrics.score`` (article BLEU and
  chrF, TER over the aligned segments) and the segment rows' sentence BLEU and chrF
  (``bleu_scores``/``chrf_scores``, the bulk statistics);
* total = align + score, as pairs per second and as a ratio to the baseline;
* with ``--legacy``: the plain scoring path, one sacrebleu ``sentence_score`` per
  segment and ``corpus_score`` per article, timed on the same pairs, and every score of
  the new path checked to be equal to it (the run fails if one differs);
* with ``--profile``: the share of run time spent inside sacrebleu's own code
  (cProfile, summed over functions defined in the sacrebleu package; a second pass).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))


def _new_path(a: str, b: str, t: dict[str, float]) -> tuple[dict, list[float], list[float]]:
    from tqcheck.analysis.align import align_texts
    from tqcheck.analysis.metrics import (_sentence_metrics, aligned_segments, bleu_scores,
                                          chrf_scores, score)

    t0 = time.perf_counter()
    al = align_texts(a, b, True)  # score() below reuses it, as the engine's context does
    t1 = time.perf_counter()
    sc = score(b, a, "en", al)
    sbleu, schrf = _sentence_metrics("13a")
    both = [(h, r) for _, h, r in aligned_segments(al, a, b) if h and r]
    hs, rs = [x[0] for x in both], [x[1] for x in both]
    bl, ch = bleu_scores(sbleu, hs, rs), chrf_scores(schrf, hs, rs)
    t2 = time.perf_counter()
    t["align"] += t1 - t0
    t["score"] += t2 - t1
    return sc, bl, ch


def _legacy_path(a: str, b: str, al: object) -> tuple[dict, list[float], list[float]]:
    from tqcheck.analysis.metrics import _metrics, _sentence_metrics, aligned_segments, flatten

    bleu, chrf, ter = _metrics("13a")
    sbleu, schrf = _sentence_metrics("13a")
    segs = aligned_segments(al, a, b)
    h, r = flatten(b), flatten(a)
    sc = {
        "bleu": round(bleu.corpus_score([h], [[r]]).score, 4),
        "chrf": round(chrf.corpus_score([h], [[r]]).score, 4),
        "ter": round(ter.corpus_score([s[1] for s in segs], [[s[2] for s in segs]]).score, 4),
    }
    bl = [sbleu.sentence_score(hs, [rs]).score for _, hs, rs in segs if hs and rs]
    ch = [schrf.sentence_score(hs, [rs]).score for _, hs, rs in segs if hs and rs]
    return sc, bl, ch


def main() -> int:
    from tqcheck.analysis.align import align_texts, segments
    from tools.eval.align import _usable, make_pair
    from tqcheck.analysis.metrics import _metrics

    p = argparse.ArgumentParser()
    p.add_argument("--pairs", type=int, default=1000)
    p.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset"))
    p.add_argument("--legacy", action="store_true", help="also time the plain per-segment sacrebleu scoring and check equality")
    p.add_argument("--profile", type=int, default=0, metavar="N", help="share of time in sacrebleu over N pairs")
    args = p.parse_args()
    pool = _usable((Path(args.devset) / "lid/lingua-sentences/en.txt").read_text(encoding="utf-8").splitlines())
    rng = random.Random("bench")
    pairs = []
    while len(pairs) < args.pairs:
        a, b, _ = make_pair(pool, rng, k=40)
        pairs.append((a, b))
    size = sum(len(a) + len(b) for a, b in pairs) / (2 * len(pairs))
    tok = _metrics("13a")[0].tokenizer

    t0 = time.perf_counter()
    for a, b in pairs:
        for t in (a, b):
            for s in segments(t):
                tok(s.of(t))
    t_base = time.perf_counter() - t0
    _cold()  # sacrebleu's tokenizers memoise lines: start each timed step cold

    times = {"align": 0.0, "score": 0.0}
    results = [_new_path(a, b, times) for a, b in pairs]
    total = times["align"] + times["score"]
    n = len(pairs)
    rows = [("baseline (segment+tok)", t_base, ""), ("align", times["align"], f"{times['align'] / total:.0%}"),
            ("score (bulk)", times["score"], f"{times['score'] / total:.0%}"), ("total (align+score)", total, "")]
    if args.legacy:
        _cold()
        t_leg, differ = 0.0, 0
        for (a, b), (sc, bl, ch) in zip(pairs, results):
            al = align_texts(a, b, True)
            t0 = time.perf_counter()
            lsc, lbl, lch = _legacy_path(a, b, al)
            t_leg += time.perf_counter() - t0
            differ += any(sc[k] != lsc[k] for k in lsc) or bl != lbl or ch != lch
        rows.append(("score (sacrebleu per segment)", t_leg, ""))
        rows.append(("total with per-segment score", times["align"] + t_leg, ""))
    print(f"pairs: {n}, mean article size: {size:.0f} characters")
    print(f"{'step':<30} {'seconds':>8} {'pairs/s':>8} {'x baseline':>10} {'share':>6}")
    for name, t, share in rows:
        print(f"{name:<30} {t:>8.2f} {n / t:>8.1f} {t / t_base:>10.1f} {share:>6}")
    if args.legacy:
        print(f"pairs whose scores differ from the plain path: {differ}")
    if args.profile:
        print(f"share of time inside sacrebleu (cProfile, {args.profile} pairs): {_sacrebleu_share(pairs[: args.profile]):.0%}")
    return 1 if args.legacy and differ else 0


def _cold() -> None:
    from tqcheck.analysis.metrics import _metrics

    clear = getattr(type(_metrics("13a")[0].tokenizer).__call__, "cache_clear", None)
    if clear:
        clear()


def _sacrebleu_share(pairs: list[tuple[str, str]]) -> float:
    import cProfile
    import pstats


    _cold()
    prof = cProfile.Profile()
    t = {"align": 0.0, "score": 0.0}
    prof.enable()
    for a, b in pairs:
        _new_path(a, b, t)
    prof.disable()
    st = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    inside = sum(v[2] for k, v in st.items() if "/sacrebleu/" in k[0])
    return inside / sum(v[2] for v in st.values())


if __name__ == "__main__":
    sys.exit(main())
