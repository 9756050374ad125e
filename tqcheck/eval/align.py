"""Sentence alignment and omission detection on real sentences with known edits.

    python -m tqcheck.eval align [DEVSET] [--docs 40] [--langs en,de,fr,ru,es]

A *document* is 20 real sentences from ``lid/lingua-sentences/<lang>.txt`` (only those
the segmenter keeps as one sentence), three to a line. Its second version applies, at
random but known places, a **merge** (two sentences joined by a comma: gold 2-1), a
**split** (a sentence cut at a comma into two: gold 1-2), a **drop** (gold 1-0, an
omission), an **insert** (a sentence from elsewhere in the file: gold 0-1), and light
edits to every other sentence (one word in six dropped or replaced: gold 1-1). The
aligner's links are compared with the gold links: precision and recall of links (all
link types), and of omissions (1-0 links) both as links and as TQ502-style runs.
"""

from __future__ import annotations

import random
from pathlib import Path


def _usable(lines: list[str]) -> list[str]:
    from tqcheck.align import segments

    out = []
    for s in lines:
        s = " ".join(s.split())
        if 30 <= len(s) <= 300 and len(segments(s)) == 1 and s[-1] in ".!?":
            out.append(s)
    return out


EDIT = 0.16  # share of words dropped or replaced in every kept sentence (--edit)


def _light_edit(s: str, rng: random.Random) -> str:
    words = s.split()
    out = []
    for i, w in enumerate(words):
        r = rng.random()
        if r < EDIT / 2 and 0 < i < len(words) - 1:
            continue
        if r < EDIT and 0 < i < len(words) - 1:
            w = w[::-1].lower()
        out.append(w)
    return " ".join(out)


def make_pair(pool: list[str], rng: random.Random, k: int = 20):  # type: ignore[no-untyped-def]
    """(text a, text b, gold links as (tuple a, tuple b), dropped a-indexes)."""
    sents = rng.sample(pool, k)
    ops = ["keep"] * k
    places = rng.sample(range(1, k - 2), 6)
    for p, op in zip(places, ["merge", "split", "drop", "insert", "drop", "merge"]):
        if op == "split" and ", " not in sents[p][5:-5]:
            op = "keep"
        ops[p] = op
    b: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i = 0
    while i < k:
        op = ops[i]
        if op == "merge" and i + 1 < k and ops[i + 1] == "keep":
            first = sents[i].rstrip(".!?")
            second = sents[i + 1]
            b.append(first + ", " + second[0].lower() + second[1:])
            gold.append(((i, i + 1), (len(b) - 1,)))
            i += 2
            continue
        if op == "split":
            s = sents[i]
            cut = s.index(", ", 5)
            b.append(s[:cut] + ".")
            b.append(s[cut + 2][0].upper() + s[cut + 3 :])
            gold.append(((i,), (len(b) - 2, len(b) - 1)))
        elif op == "drop":
            gold.append(((i,), ()))
        elif op == "insert":
            new = rng.choice([x for x in pool if x not in sents])
            b.append(new)
            gold.append(((), (len(b) - 1,)))
            b.append(_light_edit(sents[i], rng))
            gold.append(((i,), (len(b) - 1,)))
        else:
            b.append(_light_edit(sents[i], rng))
            gold.append(((i,), (len(b) - 1,)))
        i += 1
    return _lines(sents), _lines(b), gold


def _lines(sents: list[str]) -> str:
    return "\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)) + "\n"


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float]:
    return (tp / npred if npred else 1.0), (tp / ngold if ngold else 1.0)


def main(argv: list[str]) -> int:
    import argparse

    from tqcheck.align import align_texts
    from tqcheck.checks.omission import runs

    p = argparse.ArgumentParser(prog="python -m tqcheck.eval align")
    p.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "devset"))
    p.add_argument("--docs", type=int, default=40)
    p.add_argument("--langs", default="en,de,fr,ru,es")
    p.add_argument("--edit", type=float, default=EDIT, help="share of words edited in kept sentences")
    args = p.parse_args(argv)
    globals()["EDIT"] = args.edit
    print(f"{'lang':<5} {'docs':>4} {'links':>6} {'link P':>7} {'link R':>7} {'omit P':>7} {'omit R':>7} {'run P':>6} {'run R':>6}")
    tot = [0] * 10
    for lang in args.langs.split(","):
        lines = (Path(args.devset) / "lid" / "lingua-sentences" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        pool = _usable(lines)
        rng = random.Random(f"align-{lang}")
        c = [0] * 10  # tp, pred, gold, omit tp, omit pred, omit gold, run tp, run pred, run gold
        for _ in range(args.docs):
            a, b, gold = make_pair(pool, rng)
            al = align_texts(a, b, True)
            pred = {(ln.a, ln.b) for ln in al.links}
            g = set(gold)
            c[0] += len(pred & g); c[1] += len(pred); c[2] += len(g)
            po = {x for x in pred if not x[1]}
            go = {x for x in g if not x[1]}
            c[3] += len(po & go); c[4] += len(po); c[5] += len(go)
            # Runs as TQ502 reports them: a run is right when it covers exactly gold drops.
            gold_drops = {x[0][0] for x in go}
            for run in runs(al.links, "a"):
                idx = {i for ln in run for i in ln.a}
                c[7] += 1
                c[6] += idx <= gold_drops
                c[9] += len(idx & gold_drops)
            c[8] += len(gold_drops)
        for i in range(10):
            tot[i] += c[i]
        _row(lang, args.docs, c)
    _row("all", args.docs * len(args.langs.split(",")), tot)
    return 0


def _row(lang: str, docs: int, c: list[int]) -> None:
    lp, lr = prf(c[0], c[1], c[2])
    op, orr = prf(c[3], c[4], c[5])
    rp, rr = c[6] / max(c[7], 1), c[9] / max(c[8], 1)  # runs right / drops covered
    print(f"{lang:<5} {docs:>4} {c[2]:>6} {lp:>7.1%} {lr:>7.1%} {op:>7.1%} {orr:>7.1%} {rp:>6.1%} {rr:>6.1%}")
