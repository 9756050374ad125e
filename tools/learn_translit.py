"""Learn the cross-script transliteration table from name pairs (offline).

``python -m tools.learn_translit [DEVSET] [--out PATH] [--holdout 5]``

Reads ``names/translit_pairs.tsv`` of the devset (native-script / Latin name-token
pairs per language) and writes ``tqcheck/analysis/names/transliteration.tsv`` (package
data beside the code that reads it), the table
``translit.cross_score`` uses at run time. Only rows whose source is
``wikidata-netx`` (steveash/NETransliteration-COLING2018, CC0-1.0) are used, so the
derived table is CC0 too; the ``wikipedia-ar2en`` rows (google/transliteration,
Apache-2.0) are left for evaluation.

Method (a many-to-many character aligner, as in m2m-aligner, Jiampojamarn et al.
2007): a native token is cut into *units* (``translit.units``: letters, Hangul
syllables split into jamo, a letter with its geresh). Each segment of 1 or 2 units
emits a Latin segment of 0 to ``translit.MAX_LATIN`` letters (doubled Latin
letters written once, ``translit.model_latin``) with probability
P(latin | native); a pair's probability sums over every segmentation and alignment
(forward algorithm, ``translit.forward``: the code the run-time scorer uses, here
without its back-off). Expectation-maximisation from uniform emissions: the forward
and backward passes give each (native segment, Latin segment) its expected count,
the counts are normalised per native segment. After ``ITERATIONS`` rounds the small
probabilities are pruned (``MIN_PROB``, ``MIN_COUNT``), which keeps the table under
1 MB.

Held-out split: a pair is left out of training when its Latin token hashes (crc32)
into bucket 0 of ``--holdout`` buckets (default 5: 20%), so the evaluation
(``python -m tools.eval names``) ranks Latin names the model never saw. Training
is deterministic (no sampling; pairs in file order).
"""

from __future__ import annotations

import argparse
import zlib
from collections import defaultdict
from pathlib import Path

from tqcheck.analysis.names import translit

ITERATIONS = 5
# Pruning of the learned table: an emission below 1% of its segment's mass, or with
# under 2 expected occurrences in training, is noise from odd pairs (a Latin token
# that is a translation, not a transliteration).
MIN_PROB = 0.01
MIN_COUNT = 2.0
# Pairs per language used for training (most frequent first): enough for every
# letter and common digraph, and training stays under a few minutes in pure Python.
MAX_PAIRS = 30000


def held_out(latin_token: str, buckets: int) -> bool:
    return zlib.crc32(latin_token.encode("utf-8")) % buckets == 0


def read_pairs(devset: Path) -> list[tuple[str, str, str, int, str]]:
    rows = []
    for line in (devset / "names/translit_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        lang, lat, nat, count, src = line.split("\t")
        rows.append((lang, lat, nat, int(count) if count else 0, src))
    return rows


def _forward(u: tuple[str, ...], s: str, table, maxl: int):  # type: ignore[no-untyped-def]
    """The forward lattice: the run-time scorer's own (``translit.forward``), with the
    table's learned rows as they are for one- and two-unit segments (no back-off)."""
    return translit.forward(u, s, maxl, table.get, table.get)


def _backward(u: tuple[str, ...], s: str, table, maxl: int):  # type: ignore[no-untyped-def]
    """b[i][j]: the probability that the units ``u[i:]`` emit the Latin ``s[j:]``."""
    n, m = len(u), len(s)
    a = [[0.0] * (m + 1) for _ in range(n + 1)]
    a[n][m] = 1.0
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            t = 0.0
            for k in (1, 2):
                if i + k > n:
                    break
                row = table.get("".join(u[i:i + k]))
                if row is None:
                    continue
                for b in range(0, min(maxl, m - j) + 1):
                    p = row.get(s[j:j + b])
                    if p:
                        t += p * a[i + k][j + b]
            a[i][j] = t
    return a


def train(pairs: list[tuple[tuple[str, ...], str, float]], maxl: int,
          iterations: int = ITERATIONS) -> dict[str, dict[str, float]]:
    # uniform start: every native segment of the data may emit every Latin segment
    # of the data that fits somewhere
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for u, s, _ in pairs:
        for i in range(len(u)):
            for k in (1, 2):
                if i + k > len(u):
                    break
                ns = "".join(u[i:i + k])
                row = table[ns]
                row.setdefault("", 1.0)
                for j in range(len(s)):
                    for b in range(1, maxl + 1):
                        if j + b <= len(s):
                            row.setdefault(s[j:j + b], 1.0)
    for _ in range(iterations):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for u, s, w in pairs:
            fa = _forward(u, s, table, maxl)
            z = fa[len(u)][len(s)]
            if z <= 0.0:
                continue
            ba = _backward(u, s, table, maxl)
            n, m = len(u), len(s)
            for i in range(n):
                for j in range(m + 1):
                    v = fa[i][j]
                    if v == 0.0:
                        continue
                    for k in (1, 2):
                        if i + k > n:
                            break
                        ns = "".join(u[i:i + k])
                        row = table.get(ns)
                        if row is None:
                            continue
                        for b in range(0, min(maxl, m - j) + 1):
                            ls = s[j:j + b]
                            p = row.get(ls)
                            if p:
                                c = v * p * ba[i + k][j + b] / z
                                if c > 1e-6:
                                    counts[ns][ls] += w * c
        new: dict[str, dict[str, float]] = {}
        for ns, row in counts.items():
            tot = sum(row.values())
            kept = {ls: c / tot for ls, c in row.items() if c / tot >= 1e-4}
            if kept:
                new[ns] = kept
        table = new
    # final pruning and renormalisation, counts kept for the MIN_COUNT test
    out: dict[str, dict[str, float]] = {}
    for ns, row in sorted(counts.items()):
        tot = sum(row.values())
        kept = {ls: c for ls, c in row.items() if c >= MIN_COUNT and c / tot >= MIN_PROB}
        if kept:
            t2 = sum(kept.values())
            out[ns] = {ls: c / t2 for ls, c in sorted(kept.items())}
    return out


def learn(devset: Path, holdout: int, max_pairs: int = MAX_PAIRS,
          iterations: int = ITERATIONS, langs: list[str] | None = None) -> dict[str, dict]:
    by_lang: dict[str, list] = defaultdict(list)
    for lang, lat, nat, count, src in read_pairs(devset):
        if src != "wikidata-netx" or held_out(lat.lower(), holdout):
            continue
        if langs and lang not in langs:
            continue
        u, s = translit.units(nat), translit.model_latin(lat)
        if u and s:
            by_lang[lang].append((u, s, count))
    model = {}
    for lang in sorted(by_lang):
        rows = sorted(by_lang[lang], key=lambda r: (-r[2], r[1], r[0]))[:max_pairs]
        # every distinct pair counts once: frequent names must not drown the rare letters
        pairs = [(u, s, 1.0) for u, s, _ in rows]
        model[lang] = train(pairs, translit.MAX_LATIN.get(lang, 3), iterations)
    return model


HEADER = """\
# Cross-script transliteration table: P(latin segment | native segment) per language.
# Derived data. Source: steveash/NETransliteration-COLING2018 (commit 5d5f59e561ec),
# data/wd_*.normalized.aligned.tokens and data/wd_russian_*, Latin/native name-token
# pairs mined from Wikidata: CC0-1.0 (data/LICENSE). Taken through the tqcheck devset
# names/translit_pairs.tsv, rows with source "wikidata-netx" only (the Apache-2.0
# "wikipedia-ar2en" rows were not used). Licence of this table: CC0-1.0.
# Made by: python -m tools.learn_translit ../shared/devset --holdout {holdout}
# (pairs whose Latin token falls in crc32 bucket 0 of {holdout} were held out for
# evaluation). Columns: lang (ISO 639-3), native segment (1-2 units, see
# tqcheck.analysis.names.translit.units), Latin segment ("-" = nothing), probability.
"""


def write(model: dict[str, dict], path: Path, holdout: int) -> None:
    lines = [HEADER.format(holdout=holdout).rstrip("\n")]
    for lang in sorted(model):
        for ns in sorted(model[lang]):
            for ls, p in sorted(model[lang][ns].items()):
                lines.append(f"{lang}\t{ns}\t{ls or '-'}\t{p:.4g}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.learn_translit")
    ap.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[1].parent
                                                     / "shared" / "devset"))
    ap.add_argument("--out", default=translit.default_model_path())
    ap.add_argument("--holdout", type=int, default=5)
    ap.add_argument("--max-pairs", type=int, default=MAX_PAIRS)
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    ap.add_argument("--langs", nargs="*")
    args = ap.parse_args(argv)
    model = learn(Path(args.devset), args.holdout, args.max_pairs, args.iterations, args.langs)
    write(model, Path(args.out), args.holdout)
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {sum(len(r) for m in model.values() for r in m.values())} rows, "
          f"{size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
