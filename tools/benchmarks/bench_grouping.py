"""How automatic story grouping scales with the number of documents.

Builds N articles of 12 real sentences each (../shared/devset/lid/lingua-sentences, 75
languages, no sentence used twice), plus every article again as a light rewrite (sentences dropped and
shuffled), so that half of the documents have a sibling to find. Reports the time of
``group()`` for growing N as a ratio to the time of extracting anchors alone (the
unavoidable linear part, measured in the same run), and whether every rewrite found its
original and nothing else.

    python tools/benchmarks/bench_grouping.py [DEVSET]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tqcheck.corpus.grouping import anchors, group  # noqa: E402
from tqcheck.corpus.txt import from_text  # noqa: E402

def build(devset: Path, n: int, rng: random.Random):
    """n documents: n/2 articles of 12 sentences (no sentence used twice) and a rewrite of each."""
    folder = devset / "lid" / "lingua-sentences"
    langs = sorted(p.stem for p in folder.glob("*.txt"))
    pools = {}
    for lang in langs:
        lines = folder.joinpath(f"{lang}.txt").read_text("utf-8").splitlines()
        rng.shuffle(lines)
        pools[lang] = lines
    docs = []
    for k in range(n // 2):
        lang = langs[k % len(langs)]
        sents = pools[lang][:12]
        del pools[lang][:12]
        if len(sents) < 12:
            raise SystemExit(f"not enough sentences for {n} documents")
        docs.append(from_text(f"{lang}/{k}.txt", "\n".join(sents)))
        rewrite = sents[:]
        del rewrite[rng.randrange(len(rewrite))]
        rng.shuffle(rewrite)
        docs.append(from_text(f"{lang}/{k}.rewrite.txt", "\n".join(rewrite)))
    return docs


def main(argv: list[str]) -> int:
    devset = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "devset"
    rng = random.Random(1)
    print(f"{'docs':>6} {'anchors s':>10} {'group s':>9} {'ratio':>6} {'pairs found':>12} {'wrong':>6}")
    for n in (200, 1000, 3000):
        docs = build(devset, n, rng)
        t0 = time.perf_counter()
        for d in docs:
            anchors(d)
        t_anchor = time.perf_counter() - t0
        t0 = time.perf_counter()
        stories = group(docs)
        t_group = time.perf_counter() - t0
        found = wrong = 0
        for s in stories:
            ids = sorted(d.id for d in s.documents)
            if len(ids) == 2 and ids[0].replace(".rewrite", "") == ids[1].replace(".rewrite", ""):
                found += 1
            elif len(ids) > 1:
                wrong += 1
        print(f"{len(docs):>6} {t_anchor:>10.2f} {t_group:>9.2f} {t_group / t_anchor:>6.2f} "
              f"{found:>5}/{n // 2:<6} {wrong:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
