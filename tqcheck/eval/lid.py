"""Language identification on real text: ``python -m tqcheck.eval lid [DIR] [--mode M]``.

DIR holds ``<iso>.txt`` files, one text per line (default:
``../shared/devset/lid/lingua-sentences``). Modes:

* ``lines``: every line is one text (sentences, or the headline-like word pairs);
* ``articles``: 20 consecutive lines of one language joined make one "article"
  (25 articles from 500 sentences);
* ``passages``: the passage check (TQ102) on built articles: clean articles of
  language A (paragraphs of 2-4 sentences) and the same articles with one paragraph
  of language B (at least ``--min-chars`` characters) inserted. Prints recall on the
  foreign paragraphs and false positives per clean article, and the speed of the
  language checks against detecting every paragraph with langdetect.

Only languages the detector supports are scored (``lid.supported``); a line is
*correct* when the detected language is the file's (zh-cn and zh-tw both count as
zh), *undetermined* when the detector declines, *wrong* otherwise. Prints one row per
language, the macro average, and the most frequent confusion pairs. ``--limit N``
reads only the first N lines per language (for quick runs and the tests).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from .. import langs, lid

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "devset" / "lid" / "lingua-sentences"


def same(expected: str, found: str | None) -> bool:
    if found is None:
        return False
    return set(lid.profiles_for(expected)) & set(lid.profiles_for(found)) != set() \
        or langs.base(expected) == langs.base(found)


def read(folder: Path, limit: int | None) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for f in sorted(folder.glob("*.txt")):
        iso = f.stem
        if not lid.supported(iso) or iso == "nn":
            continue  # nn (Nynorsk) has no profile of its own: "no" is Bokmål
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        data[iso] = lines[:limit] if limit else lines
    return data


def score(data: dict[str, list[str]], mode: str) -> dict[str, dict[str, float]]:
    """Per language: n, correct, undetermined, wrong (shares), and confusions."""
    table: dict[str, dict[str, float]] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    for iso, lines in data.items():
        texts = [" ".join(lines[i : i + 20]) for i in range(0, len(lines) - 19, 20)] \
            if mode == "articles" else lines
        ok = und = 0
        for t in texts:
            d = lid.detect(t)
            if d.lang is None:
                und += 1
            elif same(iso, d.lang):
                ok += 1
            else:
                confusions[(iso, d.lang)] += 1
        n = len(texts)
        table[iso] = {"n": n, "correct": ok / n, "undetermined": und / n, "wrong": (n - ok - und) / n}
    table["_confusions"] = dict(confusions.most_common(15))  # type: ignore[assignment]
    return table


def print_table(table: dict[str, dict[str, float]]) -> dict[str, float]:
    confusions = table.pop("_confusions")
    print(f"{'lang':6} {'n':>5} {'correct':>8} {'undet.':>8} {'wrong':>8}")
    for iso, row in table.items():
        print(f"{iso:6} {int(row['n']):5d} {row['correct']:8.2%} {row['undetermined']:8.2%} {row['wrong']:8.2%}")
    k = len(table)
    macro = {m: sum(r[m] for r in table.values()) / k for m in ("correct", "undetermined", "wrong")}
    worst = min(table, key=lambda x: (table[x]["correct"], x))
    print(f"{'macro':6} {sum(int(r['n']) for r in table.values()):5d} {macro['correct']:8.2%} "
          f"{macro['undetermined']:8.2%} {macro['wrong']:8.2%}   ({k} languages; lowest: {worst} "
          f"{table[worst]['correct']:.2%})")
    print("confusions (expected -> found: count):", ", ".join(
        f"{a}->{b}: {c}" for (a, b), c in confusions.items()) or "none")  # type: ignore[attr-defined]
    return macro


# --- passages ------------------------------------------------------------------------

def build_articles(data: dict[str, list[str]], n: int, min_chars: int, seed: int = 7):
    """(clean, mixed, span) triples: mixed has one paragraph of another language."""
    rng = random.Random(seed)
    isos = sorted(data)
    out = []
    for _ in range(n):
        a, b = rng.sample(isos, 2)
        start = rng.randrange(0, max(1, len(data[a]) - 20))
        sents = data[a][start : start + 16]
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(2, 4)
            paras.append(" ".join(sents[i : i + k]))
            i += k
        j = rng.randrange(0, len(data[b]))
        foreign = ""
        while len(foreign) < min_chars:
            foreign = (foreign + " " + data[b][j % len(data[b])]).strip()
            j += 1
        pos = rng.randint(1, len(paras))
        mixed_paras = paras[:pos] + [foreign] + paras[pos:]
        clean = "\n\n".join(paras)
        mixed = "\n\n".join(mixed_paras)
        fstart = len("\n\n".join(mixed_paras[:pos])) + 2
        out.append((a, b, clean, mixed, (fstart, fstart + len(foreign))))
    return out


def _run_passage(text: str, lang: str, baseline: bool = False):
    from ..checks import language_passage
    from ..config import Config
    from ..corpus.txt import from_text
    from ..engine import Context

    doc = from_text(f"a.{lang}.txt", text, lang=lang)
    ctx = Context(config=Config())
    opts = dict(language_passage.OPTIONS)
    if baseline:
        opts["always_detect"] = True
    return list(language_passage.check(doc, opts, ctx))


def passages(data: dict[str, list[str]], n: int, min_chars: int) -> int:
    arts = build_articles(data, n, min_chars)
    found = fp = fp_articles = 0
    misses: Counter[tuple[str, str]] = Counter()
    fps: Counter[str] = Counter()
    t0 = time.perf_counter()
    for a, b, clean, mixed, (s, e) in arts:
        hits = _run_passage(mixed, a)
        if any(h.start < e and h.end > s for h in hits):
            found += 1
        else:
            misses[(a, b)] += 1
        ch = _run_passage(clean, a)
        fp += len(ch)
        fp_articles += bool(ch)
        for h in ch:
            fps[f"{a}:{h.fields.get('found')}"] += 1
    elapsed = time.perf_counter() - t0
    print(f"passage check: {n} mixed articles (one foreign paragraph >= {min_chars} chars) "
          f"and {n} clean articles")
    print(f"recall     {found}/{n} = {found / n:.2%}")
    print(f"false pos. {fp_articles}/{n} clean articles = {fp_articles / n:.2%} ({fp} findings)")
    print("misses (article->foreign):", ", ".join(f"{x}->{y}: {c}" for (x, y), c in misses.most_common(10)) or "none")
    print("false positives (article:found):", ", ".join(f"{k}: {c}" for k, c in fps.most_common(10)) or "none")
    print(f"time: {elapsed:.1f} s for {2 * n} articles")
    return 0


def bench(data: dict[str, list[str]], n: int) -> int:
    """Articles per second of the passage check on ~4 KB articles vs every paragraph detected."""
    rng = random.Random(3)
    isos = sorted(data)
    arts = []
    for _ in range(n):
        a = rng.choice(isos)
        lines = data[a]
        j = rng.randrange(len(lines))
        paras, size = [], 0
        while size < 4000:
            p = " ".join(lines[(j + k) % len(lines)] for k in range(3))
            j += 3
            paras.append(p)
            size += len(p) + 2
        arts.append((a, "\n\n".join(paras)))
    results = {}
    for a, text in arts:  # warm the per-process profile caches for both, untimed
        _run_passage(text, a, False)
        _run_passage(text, a, True)
    for label, base in (("cheap signal first (TQ102)", False), ("langdetect on every paragraph", True)):
        t0 = time.perf_counter()
        hits = 0
        for a, text in arts:
            hits += len(_run_passage(text, a, base))
        dt = time.perf_counter() - t0
        results[label] = n / dt
        print(f"{label:32} {n / dt:8.1f} articles/s  ({hits} findings on {n} clean ~4 KB articles)")
    vals = list(results.values())
    print(f"speed-up: {vals[0] / vals[1]:.1f}x")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tqcheck.eval lid")
    ap.add_argument("dir", nargs="?", default=str(DEFAULT))
    ap.add_argument("--mode", choices=("lines", "articles", "passages", "bench"), default="lines")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("-n", type=int, default=400, help="articles for passages/bench")
    ap.add_argument("--min-chars", type=int, default=150)
    args = ap.parse_args(argv)
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"not a folder: {folder}")
        return 2
    data = read(folder, args.limit)
    if args.mode == "passages":
        return passages(data, args.n, args.min_chars)
    if args.mode == "bench":
        return bench(data, args.n)
    t0 = time.perf_counter()
    print(f"{folder} ({args.mode}), detector: {lid.describe()}")
    print_table(score(data, args.mode))
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0
