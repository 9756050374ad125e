"""Benchmark: align and score N pairs of ~4 KB articles (python benchmarks/bench_pairs.py).

Pairs are made from real devset sentences (../shared/devset/lid/lingua-sentences/en.txt)
as in ``tqcheck.eval align``: the second version merges, splits, drops, inserts and
lightly edits sentences. Reported, measured in the same run:

* baseline: segmenting both texts and tokenizing them with sacrebleu's 13a tokenizer
  (the least any scorer must do);
* align: ``tqcheck.align.align_texts``;
* sacrebleu: article BLEU + chrF, TER over the aligned segments, and sentence BLEU/chrF
  of every segment (what ``tqcheck.pairs.score`` and ``segment_rows`` compute);
* total = align + sacrebleu, as pairs per second and as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from tqcheck.align import align_texts, segments
    from tqcheck.eval.align import _usable, make_pair
    from tqcheck.pairs import _metrics, _sentence_metrics, aligned_segments, flatten

    p = argparse.ArgumentParser()
    p.add_argument("--pairs", type=int, default=1000)
    p.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset"))
    args = p.parse_args()
    pool = _usable((Path(args.devset) / "lid/lingua-sentences/en.txt").read_text(encoding="utf-8").splitlines())
    rng = random.Random("bench")
    pairs = []
    while len(pairs) < args.pairs:
        a, b, _ = make_pair(pool, rng, k=40)
        pairs.append((a, b))
    size = sum(len(a) + len(b) for a, b in pairs) / (2 * len(pairs))
    bleu, chrf, ter = _metrics("13a")
    sbleu, schrf = _sentence_metrics("13a")
    tok = bleu.tokenizer

    t0 = time.perf_counter()
    for a, b in pairs:
        for t in (a, b):
            for s in segments(t):
                tok(s.of(t))
    t_base = time.perf_counter() - t0

    t_align = t_sacre = 0.0
    for a, b in pairs:
        t0 = time.perf_counter()
        al = align_texts(a, b, True)
        segs = aligned_segments(al, a, b)
        t1 = time.perf_counter()
        h, r = flatten(b), flatten(a)
        bleu.corpus_score([h], [[r]])
        chrf.corpus_score([h], [[r]])
        ter.corpus_score([s[1] for s in segs], [[s[2] for s in segs]])
        for _, hs, rs in segs:
            if hs and rs:
                sbleu.sentence_score(hs, [rs])
                schrf.sentence_score(hs, [rs])
        t_sacre += time.perf_counter() - t1
        t_align += t1 - t0
    total = t_align + t_sacre
    n = len(pairs)
    print(f"pairs: {n}, mean article size: {size:.0f} characters")
    print(f"{'step':<22} {'seconds':>8} {'pairs/s':>8} {'x baseline':>10} {'share':>6}")
    for name, t in (("baseline (segment+tok)", t_base), ("align", t_align), ("sacrebleu", t_sacre),
                    ("total (align+score)", total)):
        share = f"{t / total:.0%}" if name in ("align", "sacrebleu") else ""
        print(f"{name:<22} {t:>8.2f} {n / t:>8.1f} {t / t_base:>10.1f} {share:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
