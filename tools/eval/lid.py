"""Language identification on real text: ``python -m tools.eval lid [DIR] [--mode M]``.

DIR holds ``<iso>.txt`` files, one text per line (default:
``../shared/devset/lid/lingua-sentences``). Modes:

* ``lines``: every line is one text (sentences, or the headline-like word pairs);
* ``articles``: 20 consecutive lines of one language joined make one "article"
  (25 articles from 500 sentences);
* ``passages``: the passage check (TQ102) on built articles: clean articles of
  language A (paragraphs of 2-4 sentences) and the same articles with one paragraph
  of language B (at least ``--min-chars`` characters) inserted. Prints recall on the
  foreign paragraphs and false positives per clean article;
* ``sentences``: TQ102's sentence pass: one sentence of language B (a devset line of
  at least ``--min-chars`` characters) inside a paragraph of 3-5 sentences of A, and
  the same articles clean;
* ``bench``: articles per second of the language checks against detecting every
  paragraph with langdetect, in the same process, median of ``--repeat`` rounds.

Only languages the detector supports are scored (``lid.supported``); a line is
*correct* when the detected language is the file's (zh-cn and zh-tw both count as
zh), *undetermined* when the detector declines, *wrong* otherwise. Prints one row per
language, the macro average, and the most frequent confusion pairs. ``--limit N``
reads only the first N lines per language (for quick runs and the tests).

``--split even|odd`` keeps only the even or odd lines of every file (0-based): the
close-neighbour second opinion (``lid.CONFUSABLE``) was designed and its thresholds
chosen on the even lines, so the odd lines are its held-out test. ``--words off``
turns that second opinion off (the "before" column).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from tqcheck.analysis import langs, lid

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "devset" / "lid" / "lingua-sentences"


def same(expected: str, found: str | None) -> bool:
    if found is None:
        return False
    return set(lid.profiles_for(expected)) & set(lid.profiles_for(found)) != set() \
        or langs.base(expected) == langs.base(found)


def read(folder: Path, limit: int | None, split: str = "all") -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for f in sorted(folder.glob("*.txt")):
        iso = f.stem
        if not lid.supported(iso) or iso == "nn":
            continue  # nn (Nynorsk) has no profile of its own: "no" is Bokmål
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        lines = lines[:limit] if limit else lines
        if split != "all":
            lines = lines[split == "odd" :: 2]
        data[iso] = lines
    return data


def score(data: dict[str, list[str]], mode: str, words: bool = True) -> dict[str, dict[str, float]]:
    """Per language: n, correct, undetermined, wrong (shares), and confusions."""
    table: dict[str, dict[str, float]] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    for iso, lines in data.items():
        texts = [" ".join(lines[i : i + 20]) for i in range(0, len(lines) - 19, 20)] \
            if mode == "articles" else lines
        ok = und = 0
        for t in texts:
            d = lid.detect(t, words=words)
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


def build_sentence_articles(data: dict[str, list[str]], n: int, min_chars: int, seed: int = 5):
    """(a, b, clean, mixed, span): one sentence of B (>= min_chars) inside a paragraph of A.

    Articles of A have paragraphs of 3-5 sentences; the foreign sentence goes between
    two sentences of one paragraph, never first or last, so that the paragraph as a
    whole stays in A. Only devset lines that ``text.sentences`` reads as one sentence
    are used: a line that the splitter cuts at "Dr." or "1." into pieces shorter than
    ``min_chars`` is not a sentence of that length for the check either.
    """
    from tqcheck.analysis.text import sentences

    def one_sentence(line: str) -> bool:
        return len(line) >= min_chars and len(list(sentences(line))) == 1 \
            and line.rstrip()[-1:] in ".!?。！？؟।"

    rng = random.Random(seed)
    long_lines = {iso: [ln for ln in lines if one_sentence(ln)] for iso, lines in data.items()}
    foreign = sorted(iso for iso, ls in long_lines.items() if len(ls) >= 3)
    isos = sorted(data)
    out = []
    for _ in range(n):
        a = rng.choice(isos)
        b = rng.choice([x for x in foreign if x != a])
        start = rng.randrange(0, max(1, len(data[a]) - 20))
        sents = data[a][start : start + 16]
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(3, 5)
            paras.append(sents[i : i + k])
            i += k
        paras = [p for p in paras if len(p) >= 2]
        target = rng.randrange(len(paras))
        cut = rng.randint(1, len(paras[target]) - 1)
        line = rng.choice(long_lines[b])
        before = " ".join(paras[target][:cut]) + " "
        mixed_para = before + line + " " + " ".join(paras[target][cut:])
        clean = "\n\n".join(" ".join(p) for p in paras)
        head = "\n\n".join(" ".join(p) for p in paras[:target])
        offset = len(head) + (2 if head else 0) + len(before)
        mixed = "\n\n".join([*(" ".join(p) for p in paras[:target]), mixed_para,
                              *(" ".join(p) for p in paras[target + 1 :])])
        assert mixed[offset : offset + len(line)] == line
        out.append((a, b, clean, mixed, (offset, offset + len(line))))
    return out


def sentence_passages(data: dict[str, list[str]], n: int, min_chars: int) -> int:
    arts = build_sentence_articles(data, n, min_chars)
    found = as_sentence = fp_articles = fp = 0
    misses: Counter[tuple[str, str]] = Counter()
    fps: Counter[str] = Counter()
    t0 = time.perf_counter()
    for a, b, clean, mixed, (s, e) in arts:
        hits = [h for h in _run_passage(mixed, a) if h.start < e and h.end > s]
        if hits:
            found += 1
            as_sentence += any(h.fields.get("unit") == "sentence" for h in hits)
        else:
            misses[(a, b)] += 1
        ch = _run_passage(clean, a)
        fp += len(ch)
        fp_articles += bool(ch)
        for h in ch:
            fps[f"{a}:{h.fields.get('found')}:{h.fields.get('unit')}"] += 1
    print(f"sentence pass: {n} articles with one foreign sentence >= {min_chars} chars inside a "
          f"paragraph of 3-5 sentences, and the same {n} articles clean")
    print(f"recall     {found}/{n} = {found / n:.2%} ({as_sentence} reported as a sentence)")
    print(f"false pos. {fp_articles}/{n} clean articles = {fp_articles / n:.2%} ({fp} findings)")
    print("misses (article->foreign):", ", ".join(f"{x}->{y}: {c}" for (x, y), c in misses.most_common(10)) or "none")
    print("false positives (article:found:unit):", ", ".join(f"{k}: {c}" for k, c in fps.most_common(10)) or "none")
    print(f"time: {time.perf_counter() - t0:.1f} s for {2 * n} articles")
    return 0


def _run_passage(text: str, lang: str, baseline: bool = False):
    from tqcheck.checks import language_passage
    from tqcheck.corpus.txt import from_text
    from tqcheck.engine import Context

    doc = from_text(f"a.{lang}.txt", text, lang=lang)
    ctx = Context()
    opts = dict(language_passage.OPTIONS)
    if baseline:
        opts["min_margin"] = float("-inf")  # no margin settles a passage: detect them all
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


def bench(data: dict[str, list[str]], n: int, repeat: int = 5) -> int:
    """Articles per second of the passage check on ~4 KB articles vs every paragraph detected.

    Both paths run in the same process on the same articles, ``repeat`` times,
    alternating which goes first, so a burst of load from other jobs hits both. Each
    round gives a ratio; the medians are reported, in wall-clock time and in CPU time
    (``time.process_time``: what this process itself spent, which other jobs on a
    shared machine do not inflate).
    """
    import statistics

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
    hits = {}
    for base in (False, True):  # warm the per-process profile caches for both, untimed
        hits[base] = sum(len(_run_passage(text, a, base)) for a, text in arts)
    labels = {False: "cheap signal first (TQ102)", True: "langdetect on every paragraph"}
    wall: dict[bool, list[float]] = {False: [], True: []}
    cpu: dict[bool, list[float]] = {False: [], True: []}
    print(f"{n} clean ~4 KB articles, {repeat} rounds, both paths in every round "
          f"(findings: {hits[False]} vs {hits[True]})")
    print(f"{'round':>5} {'cheap art/s':>12} {'every art/s':>12} {'wall ratio':>11} {'cpu ratio':>10}")
    for r in range(repeat):
        order = (False, True) if r % 2 == 0 else (True, False)
        for base in order:
            w0, c0 = time.perf_counter(), time.process_time()
            for a, text in arts:
                _run_passage(text, a, base)
            wall[base].append(time.perf_counter() - w0)
            cpu[base].append(time.process_time() - c0)
        print(f"{r + 1:5d} {n / wall[False][-1]:12.1f} {n / wall[True][-1]:12.1f} "
              f"{wall[True][-1] / wall[False][-1]:10.2f}x {cpu[True][-1] / cpu[False][-1]:9.2f}x")
    med = statistics.median
    for base in (False, True):
        print(f"{labels[base]:32} median {n / med(wall[base]):8.1f} articles/s wall, "
              f"{n / med(cpu[base]):8.1f} articles/s CPU")
    wr = med(b / a for a, b in zip(wall[False], wall[True]))
    cr = med(b / a for a, b in zip(cpu[False], cpu[True]))
    print(f"speed-up (median of {repeat} rounds): {wr:.1f}x wall, {cr:.1f}x CPU")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.eval lid")
    ap.add_argument("dir", nargs="?", default=str(DEFAULT))
    ap.add_argument("--mode", choices=("lines", "articles", "passages", "sentences", "bench"),
                    default="lines")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("-n", type=int, default=400, help="articles for passages/bench")
    ap.add_argument("--min-chars", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=5, help="bench rounds (median reported)")
    ap.add_argument("--split", choices=("all", "even", "odd"), default="all",
                    help="score every line, or only the even (design) / odd (held-out) lines")
    ap.add_argument("--words", choices=("on", "off"), default="on",
                    help="the close neighbours' word second opinion (off: langdetect alone)")
    args = ap.parse_args(argv)
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"not a folder: {folder}")
        return 2
    data = read(folder, args.limit, args.split)
    if args.mode == "passages":
        return passages(data, args.n, args.min_chars)
    if args.mode == "sentences":
        return sentence_passages(data, args.n, args.min_chars)
    if args.mode == "bench":
        return bench(data, args.n, args.repeat)
    t0 = time.perf_counter()
    print(f"{folder} ({args.mode}, {args.split} lines, words {args.words}), detector: {lid.describe()}")
    print_table(score(data, args.mode, args.words == "on"))
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0
