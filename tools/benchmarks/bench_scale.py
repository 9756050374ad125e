"""Benchmark: tqcheck on a news archive against a plain script, at several sizes.

    python tools/benchmarks/bench_scale.py                 # 1000 3000 10000 articles, --jobs 1 and 2
    python tools/benchmarks/bench_scale.py --sizes 200     # a quick run
    python tools/benchmarks/bench_scale.py --sizes 1000 --jobs 2 --big-mb 10
    python tools/benchmarks/bench_scale.py --sizes 1000 10000 --paired   # ratio side by side too

The corpus is built from real sentences of ``../shared/devset/lid/lingua-sentences``
(many languages and scripts) and real name pairs of ``names/translit_pairs.tsv``:
stories of 3-5 versions of about 4 KB each (a source, translations declared with
``translation_of``, sometimes a same-language rewrite), one folder per story, with some
damage (mojibake, doubled words, a cut ending, a foreign passage, HTML residue, a
dropped name). The same seed gives the same corpus.

Measured in the same run, each as a separate process (CPU seconds of the process and
its children, wall seconds, peak RSS of the largest process):

* ``plain``: a plain script doing the same kinds of checks with the same libraries and
  no engine (langdetect on every article, ftfy, regexes for doubled words and
  spaces, rapidfuzz over the story's names, sacrebleu BLEU and chrF for same-language
  pairs, a polars frame of the findings written as JSON);
* ``tqcheck --jobs N --format json -o out.json corpus/`` for each N of ``--jobs``;
* ``plain`` again (``plain (after)``): these machines are shared, and their speed drifts
  over the minutes the runs take (the same tqcheck run has cost 7% more or less CPU from
  one hour to the next), so the ratios are to the mean of the baseline before and after.

With ``--paired``, also ``tqcheck --jobs 1`` with the plain script run over and over
beside it on the other core (``paired``): the ratio of CPU per article of runs made in
the same minutes, which drifts less than that of runs made one after the other.

Printed: CPU per article and its ratio to the plain script's (the mean of its two
runs), articles per second (wall), peak RSS, and the per-article cost at each size
relative to the smallest. For
each tqcheck run, also the highest resident size reached by each tenth of the run
(sampled from /proc every half second): memory that levels off shows as the same figure
in the later tenths, memory that grows with the articles done keeps rising. With
``--big-mb X``: one article of X MB (devset sentences, one story) timed alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
DEVSET = ROOT.parent / "shared" / "devset"

# version languages and the name table (translit_pairs.tsv) their script takes names from
LANGS = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "cs", "ro", "hu", "id",
         "ru", "uk", "bg", "ar", "fa", "he", "ja", "ko", "zh", "el", "hi"]
NAME_TABLE = {"ru": "rus", "uk": "rus", "bg": "rus", "ar": "ara", "fa": "ara", "he": "heb",
              "ja": "jpn", "ko": "kor", "zh": "zho"}
SOURCES = ["en", "en", "en", "fr", "de", "ru", "es", "ar"]


def _sentences() -> dict[str, list[str]]:
    base = DEVSET / "lid" / "lingua-sentences"
    return {lang: [s for s in (base / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
            for lang in LANGS}


def _names() -> list[dict[str, str]]:
    """Latin names with a native form in Russian and Arabic at least (and others if known)."""
    by_latin: dict[str, dict[str, tuple[int, str]]] = {}
    with open(DEVSET / "names" / "translit_pairs.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            lang, lat, nat, count, _src = line.rstrip("\n").split("\t")
            if not lat.isalpha() or len(lat) < 4:
                continue
            cur = by_latin.setdefault(lat, {})
            if lang not in cur or int(count or 0) > cur[lang][0]:
                cur[lang] = (int(count or 0), nat)
    out = []
    for lat in sorted(by_latin):
        forms = by_latin[lat]
        if "rus" in forms and "ara" in forms and sum(c for c, _ in forms.values()) >= 20:
            out.append({"latin": lat.capitalize(), **{k: v[1] for k, v in forms.items()}})
    return out


def _name_in(name: dict[str, str], lang: str) -> str:
    table = NAME_TABLE.get(lang)
    return name.get(table, name["latin"]).capitalize() if table else name["latin"]


def _article(rng: random.Random, sents: list[str], lang: str, people: list[tuple[dict, dict]],
             size: int) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        s = rng.choice(sents)
        if rng.random() < 0.15 and people:
            first, last = rng.choice(people)
            if NAME_TABLE.get(lang) in ("jpn", "zho"):
                s = f"{_name_in(last, lang)}、{s}"
            else:
                s = f"{_name_in(first, lang)} {_name_in(last, lang)}: {s}"
        parts.append(s)
        n += len(s.encode("utf-8")) + 1
    paras = [" ".join(parts[i:i + 4]) for i in range(0, len(parts), 4)]
    return "\n\n".join(paras) + "\n"


def _damage(rng: random.Random, text: str, other: list[str]) -> str:
    kind = rng.choice(["mojibake", "doubled", "cut", "foreign", "html", "spaces"])
    if kind == "mojibake":
        i = rng.randrange(len(text) // 2)
        j = text.find(" ", i + 40)
        seg = text[i:j if j > 0 else i + 40]
        try:
            bad = seg.encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            bad = seg.encode("utf-8").decode("latin-1")
        return text[:i] + bad + text[i + len(seg):]
    if kind == "doubled":
        words = text.split(" ")
        k = rng.randrange(len(words))
        words.insert(k, words[k])
        return " ".join(words)
    if kind == "cut":
        return text[: int(len(text) * 0.8)].rstrip() + "\n"
    if kind == "foreign":
        return text.rstrip() + "\n\n" + " ".join(rng.sample(other, 3)) + "\n"
    if kind == "html":
        return text.replace(". ", ". &amp;nbsp;", 1)
    return text.replace(" ", "  ", 3)


def build(n_articles: int, out: Path, seed: int = 11, size: int = 4000) -> int:
    """Write about ``n_articles`` versions (whole stories) into ``out``; return the count."""
    rng = random.Random(seed)
    sents, names = _sentences(), _names()
    out.mkdir(parents=True, exist_ok=True)
    written = story_no = 0
    while written < n_articles:
        story_no += 1
        k = min(rng.randint(3, 5), max(1, n_articles - written))
        src = rng.choice(SOURCES)
        others = rng.sample([x for x in LANGS if x != src], k - 1)
        if k >= 3 and rng.random() < 0.3:
            others[-1] = src  # a same-language rewrite: BLEU, chrF and TER are computed
        people = [(rng.choice(names), rng.choice(names)) for _ in range(2)]
        folder = out / f"story{story_no:05d}"
        folder.mkdir(exist_ok=True)
        src_name = f"v0.{src}.txt"
        for i, lang in enumerate([src, *others]):
            body = _article(rng, sents[lang], lang, people if rng.random() > 0.1 else people[:1], size)
            if rng.random() < 0.15:
                body = _damage(rng, body, sents[rng.choice(LANGS)])
            front = [f"lang: {lang}", f"story: s{story_no:05d}"]
            if i and lang != src:
                front.append(f"translation_of: {src_name}")
            (folder / f"v{i}.{lang}.txt").write_text("---\n" + "\n".join(front) + "\n---\n" + body,
                                                     encoding="utf-8")
            written += 1
    return written


def build_big(mb: float, out: Path, seed: int = 11) -> Path:
    rng = random.Random(seed)
    sents = _sentences()["en"]
    out.mkdir(parents=True, exist_ok=True)
    p = out / "big.en.txt"
    p.write_text(_article(rng, sents, "en", [], int(mb * 1_000_000)), encoding="utf-8")
    return p


# --- the plain script: the same kinds of checks, the same libraries, no engine -------

PLAIN = r'''
import json, re, sys
from pathlib import Path
import ftfy, polars as pl, sacrebleu
from langdetect import DetectorFactory, detect_langs
from rapidfuzz import fuzz, process
from anyascii import anyascii

DetectorFactory.seed = 0
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
CAPS = re.compile(r"\b[A-Z\u0400-\u042f][\w-]{2,}")
rows = []
stories = {}
for p in sorted(Path(sys.argv[1]).rglob("*.txt")):
    raw = p.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    meta = dict(l.split(": ", 1) for l in front.splitlines())
    stories.setdefault(meta["story"], []).append((str(p), meta, body))
for sid in sorted(stories):
    docs = stories[sid]
    for path, meta, body in docs:
        langs = detect_langs(body[:4000])
        if langs[0].lang.split("-")[0] != meta["lang"]:
            rows.append((path, "lang", 0, langs[0].lang))
        for para in body.split("\n\n"):
            if len(para) > 200:
                top = detect_langs(para)[0]
                if top.lang.split("-")[0] != meta["lang"]:
                    rows.append((path, "passage", 0, top.lang))
        if ftfy.badness.is_bad(body):
            rows.append((path, "mojibake", 0, ftfy.fix_text(body)[:20]))
        for m in DOUBLED.finditer(body):
            rows.append((path, "doubled", m.start(), m.group()))
        for m in re.finditer(r"  +|&[a-z]+;", body):
            rows.append((path, "space-html", m.start(), m.group()))
        if not body.rstrip().endswith((".", "!", "?", "\u3002", '"')):
            rows.append((path, "cut", len(body), ""))
    folded = {path: [anyascii(w).lower() for w in set(CAPS.findall(body))] for path, _, body in docs}
    for path, meta, body in docs:
        for other, _, _ in docs:
            if other == path:
                continue
            for name in folded[path][:20]:
                if process.extractOne(name, folded[other], scorer=fuzz.ratio, score_cutoff=70) is None:
                    rows.append((other, "name", 0, name))
    for i, (pa, ma, ba) in enumerate(docs):
        for pb, mb, bb in docs[i + 1:]:
            if ma["lang"] == mb["lang"]:
                bleu = sacrebleu.corpus_bleu([bb], [[ba]]).score
                chrf = sacrebleu.corpus_chrf([bb], [[ba]]).score
                rows.append((pb, "score", int(bleu), f"{chrf:.1f}"))
frame = pl.DataFrame(rows, schema=["path", "kind", "start", "text"], orient="row")
frame.sort(["path", "start", "kind"]).write_json(sys.argv[2])
'''


# The libraries the checks use (each imported when a check first needs it; a small
# English run such as ``tqcheck seeds/`` no longer needs wordfreq or ftfy): the start-up
# measurement times importing them alone beside the bare import.
CHECK_LIBRARIES = ("polars", "sacrebleu", "langdetect", "rapidfuzz", "numpy", "wordfreq", "ftfy",
                   "regex", "anyascii", "pathspec", "stopwordsiso")


def _isolated(cmd: list[str]) -> list[str]:
    """Run ``cmd`` under a small Python wrapper that reports the peak RSS and the CPU
    seconds of its own children (``_report``), so every measurement starts from zero
    and two run at once are told apart."""
    code = ("import resource,subprocess,sys,json;r=subprocess.run(sys.argv[1:]).returncode;"
            "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
            "sys.stderr.write('@@'+json.dumps([u.ru_maxrss,u.ru_utime+u.ru_stime])+'\\n');sys.exit(r)")
    return [sys.executable, "-c", code, *cmd]


def _report(err: str) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of the command ``_isolated`` ran, from its stderr."""
    rss_kb, cpu = [json.loads(line[2:]) for line in err.splitlines() if line.startswith("@@")][-1]
    return rss_kb / 1024, cpu


def _tree_rss(pid: int) -> float:
    """Resident MB of the largest process under ``pid`` (its children and theirs), read
    from /proc; 0 where /proc is not there or the processes are gone."""
    largest, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                largest = max(largest, int(line.split()[1]))
        todo.extend(int(c) for c in children)
    return largest / 1024


def measure(cmd: list[str], trace: bool = False) -> dict[str, Any]:
    """CPU, wall and peak RSS of ``cmd``; with ``trace``, also the resident size of its
    largest process sampled every half second (``rss_trace``: [(seconds, MB)]), which
    shows whether memory levels off during a long run or keeps rising with the number
    of articles done (a run works through its stories at an even pace)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(_isolated(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[tuple[float, float]] = []
    if trace:
        while proc.poll() is None:
            samples.append((time.perf_counter() - t0, _tree_rss(proc.pid)))
            time.sleep(0.5)
    err = proc.communicate()[1].decode()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    rss = _report(err)[0]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss": rss, "rss_trace": samples}


def paired(cmd: list[str], baseline: list[str]) -> tuple[float, list[float]]:
    """CPU seconds of ``cmd``, and of each run of ``baseline`` made meanwhile on the
    other core, one after another, that finished before ``cmd`` did (the one still
    running then is stopped). Both see the host as it is in the same minutes, so their
    ratio does not drift with it as much as that of runs made one after the other."""
    proc = subprocess.Popen(_isolated(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    beside: list[float] = []
    while proc.poll() is None:
        other = subprocess.Popen(_isolated(baseline), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while other.poll() is None and proc.poll() is None:
            time.sleep(0.2)
        if other.poll() is None:  # ``cmd`` is done first: this run is not all beside it
            other.terminate()
            other.communicate()
            break
        err = other.communicate()[1].decode()
        if other.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(baseline)} failed ({other.returncode}):\n{err[-2000:]}")
        beside.append(_report(err)[1])
    err = proc.communicate()[1].decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return _report(err)[1], beside


def _trace_line(samples: list[tuple[float, float]], wall: float) -> str:
    """The highest resident size seen up to each tenth of the run."""
    points = []
    for tenth in range(1, 11):
        seen = [mb for t, mb in samples if t <= wall * tenth / 10]
        points.append(f"{max(seen, default=0):.0f}")
    return " ".join(points)


def main(argv: list[str] | None = None) -> int:
    global DEVSET
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--big-mb", type=float, default=0.0, help="also time one article of this many MB")
    ap.add_argument("--paired", action="store_true",
                    help="also run tqcheck --jobs 1 and the plain script side by side, one per core")
    ap.add_argument("--keep", metavar="DIR", help="build the corpora in DIR and keep them")
    ap.add_argument("--devset", metavar="DIR", default=str(DEVSET), help=f"default: {DEVSET}")
    args = ap.parse_args(argv)
    DEVSET = Path(args.devset)
    if not (DEVSET / "lid").is_dir():
        print(f"no devset at {DEVSET}: nothing to measure", file=sys.stderr)
        return 2
    exe = [sys.executable, "-m", "tqcheck"]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tq-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    plain = work / "plain.py"
    plain.write_text(PLAIN, encoding="utf-8")
    print(f"corpora in {work}; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    # Start-up as installed: pip writes bytecode at install time, so a development
    # environment that forbids writing it (PYTHONDONTWRITEBYTECODE) would time the
    # compilation of every module instead. One warm-up run each, then the best of five
    # (wall time on a shared machine only ever gets longer than the true cost).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    bare = [sys.executable, "-c", "import polars, sacrebleu, langdetect, rapidfuzz"]
    libs = [sys.executable, "-c", "import " + ", ".join(CHECK_LIBRARIES)]
    seeds_cmd = [*exe, "--no-progress", str(ROOT / "seeds")]
    best = {}
    for name, cmd in (("bare", bare), ("libs", libs), ("seeds", seeds_cmd)):
        measure(cmd)
        best[name] = min(measure(cmd)["wall"] for _ in range(5))
    print(f"start-up (best of 5, wall): tqcheck seeds/ {best['seeds']:.2f} s; bare import of polars+"
          f"sacrebleu+langdetect+rapidfuzz {best['bare']:.2f} s; ratio {best['seeds'] / best['bare']:.2f}; "
          f"import of every library the checks use ({best['libs']:.2f} s) alone is "
          f"{best['libs'] / best['bare']:.2f}x the bare import")
    header = f"{'articles':>8} {'run':<14} {'CPU s':>8} {'CPU ms/art':>10} {'x plain':>8} {'wall s':>7} {'art/s':>7} {'RSS MB':>7}"
    print(header)
    first: dict[str, float] = {}
    results = []
    for n in args.sizes:
        corpus = work / f"corpus{n}"
        if not corpus.is_dir():
            n = build(n, corpus)
        else:
            n = sum(1 for _ in corpus.rglob("*.txt"))
        plain_cmd = [sys.executable, str(plain), str(corpus), str(work / f"plain{n}.json")]
        runs = {"plain": measure(plain_cmd)}
        for j in args.jobs:
            runs[f"tqcheck -j{j}"] = measure([*exe, "--no-progress", "--jobs", str(j), "--format", "json",
                                              "-o", str(work / f"tq{n}-j{j}.json"), str(corpus)], trace=True)
        # the baseline again after tqcheck's runs: a shared host's speed drifts over the
        # minutes they take, and the ratios are to the mean of the two
        runs["plain (after)"] = measure(plain_cmd)
        base = (runs["plain"]["cpu"] + runs["plain (after)"]["cpu"]) / 2 / n * 1000
        for name, r in runs.items():
            per = r["cpu"] / n * 1000
            first.setdefault(name, per)
            print(f"{n:>8} {name:<14} {r['cpu']:>8.1f} {per:>10.1f} {per / base:>8.2f} "
                  f"{r['wall']:>7.1f} {n / r['wall']:>7.1f} {r['rss']:>7.0f}")
            results.append({"articles": n, "run": name, **r})
        for name, r in runs.items():
            if r["rss_trace"]:
                print(f"{'':>8} {name:<14} peak RSS MB by tenth of the run: {_trace_line(r['rss_trace'], r['wall'])}")
        outs = [work / f"tq{n}-j{j}.json" for j in args.jobs]
        same = len({o.read_bytes() for o in outs}) == 1
        print(f"{'':>8} outputs of --jobs {' and '.join(map(str, args.jobs))} byte-identical: {same}")
        if args.paired:
            tq, beside = paired([*exe, "--no-progress", "--jobs", "1", "--format", "json",
                                 "-o", str(work / f"tq{n}-paired.json"), str(corpus)], plain_cmd)
            if beside:
                mean = sum(beside) / len(beside)
                print(f"{'':>8} side by side, one per core: tqcheck -j1 {tq:.1f} CPU s, plain "
                      f"{' '.join(f'{c:.1f}' for c in beside)} CPU s ({len(beside)} run(s) beside it); "
                      f"CPU per article {tq / n * 1000:.1f} / {mean / n * 1000:.1f} ms = {tq / mean:.2f}x")
            else:
                print(f"{'':>8} side by side: no plain run finished while tqcheck -j1 ran")
    if len(args.sizes) > 1:
        for name in first:
            last = [r for r in results if r["run"] == name][-1]
            print(f"per-article CPU {name}: {args.sizes[-1]} vs {args.sizes[0]} articles = "
                  f"{last['cpu'] / last['articles'] * 1000 / first[name]:.2f}x")
    if args.big_mb:
        big = build_big(args.big_mb, work / "big")
        r = measure([*exe, "--no-progress", "--jobs", "1", "--format", "json", "-o", str(work / "big.json"),
                     str(big)])
        print(f"one {args.big_mb:g} MB article: {r['wall']:.1f} s wall, {r['cpu']:.1f} CPU s, {r['rss']:.0f} MB")
    (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
