"""Truncation (TQ401 truncated-ending, TQ402 cut-word): recall on cut articles, false
positives on complete ones.

``python -m tools.eval truncation [DEVSET] [ARTICLES_PER_LANGUAGE] [SEED]``

For every language in ``lid/lingua-sentences`` (75), ARTICLES_PER_LANGUAGE (default 20)
articles are built from real sentences that end with sentence punctuation: a headline
(the first words of a sentence, without its full stop), body paragraphs of one to three
sentences, and one or two section headings (again the first words of a sentence), in
the layout of news copy (one paragraph per line). Each complete article is checked
(a finding is a false positive), then two cut copies: one cut inside a word, one cut
between two words of a sentence, at a random point of a random body paragraph after
the first; text after the cut is dropped (a finding is a hit). Random choices come
from ``random.Random(SEED)`` (default 5), so the table is reproducible.

Texts that never end a line with a full stop (social posts, transcripts): every
article is also written without its final punctuation on any line. Complete, a finding
is a false positive (its last line is no evidence); cut inside a word of a random line
after the second, only TQ402 can tell (the stump of a word the text uses whole), and
that recall is printed apart. These choices come from ``random.Random(SEED + 1)``, so
the table above them does not move.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

from tools.eval.garbled import _default_devset, flags, load_rules, make_ctx, pct

RULES = ("TQ401", "TQ402")
_NO_SPACE_LANGS = {"zh", "ja", "th"}


def _complete(s: str) -> bool:
    from tqcheck.checks._layout import ends_sentence

    return ends_sentence(s)


def _heading(s: str, lang: str, rng: random.Random) -> str:
    from tqcheck.checks._layout import strip_closers
    from tqcheck.analysis.text import SENTENCE_END

    if lang in _NO_SPACE_LANGS:
        out = s[: rng.randint(6, 14)]
    else:
        words = s.split()
        out = " ".join(words[: rng.randint(3, 8)])
    return strip_closers(out).rstrip(SENTENCE_END + ",;:-– ")


def build(sents: list[str], lang: str, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """An article and the (start, end) offsets of its body paragraphs."""
    pool = list(sents)
    rng.shuffle(pool)
    it = iter(pool)
    parts: list[str] = [_heading(next(it), lang, rng)]
    bodies: list[int] = []
    sections = rng.randint(1, 2)
    for sec in range(sections + 1):
        if sec:
            parts.append(_heading(next(it), lang, rng))
        for _ in range(rng.randint(2, 3)):
            joiner = "" if lang in ("zh", "ja") else " "
            bodies.append(len(parts))
            parts.append(joiner.join(next(it) for _ in range(rng.randint(1, 3))))
    text = ""
    spans: dict[int, tuple[int, int]] = {}
    for i, p in enumerate(parts):
        spans[i] = (len(text), len(text) + len(p))
        text += p + "\n"
    return text, [spans[i] for i in bodies]


def cut(text: str, span: tuple[int, int], mode: str, rng: random.Random) -> str | None:
    a, b = span
    par = text[a:b]
    if mode == "word":
        cands = [i for i in range(1, len(par) - 1) if par[i - 1].isalpha() and par[i].isalpha()]
    else:
        from tqcheck.checks._layout import ends_sentence

        cands = [i for i in range(1, len(par)) if par[i] == " " and par[i - 1] != " "
                 and not ends_sentence(par[:i])]
    if not cands:
        return None
    i = rng.choice(cands)
    return text[: a + i].rstrip() + "\n"


def _unpunctuated(text: str) -> str:
    from tqcheck.checks._layout import strip_closers
    from tqcheck.analysis.text import SENTENCE_END

    return "".join(strip_closers(ln).rstrip(SENTENCE_END + " ") + "\n" for ln in text.rstrip("\n").split("\n"))


def _posts(folder: Path, per_lang: int, seed: int, rules: list, ctx: object) -> dict[str, int]:
    """Articles without final punctuation on any line: false positives when complete,
    TQ402 recall when cut inside a word."""
    rng = random.Random(seed)
    out = {"n": 0, "fp": 0, "cuts": 0, "hit": 0}
    for f in sorted(folder.glob("*.txt")):
        lang = f.stem
        sents = [s.strip() for s in f.read_text(encoding="utf-8").split("\n") if _complete(s.strip())]
        for k in range(per_lang):
            text, _bodies = build(sents, lang, rng)
            text = _unpunctuated(text)
            out["n"] += 1
            out["fp"] += bool(flags(text, lang, rules, ctx, f"{lang}-post-{k}"))
            lines_ = text.rstrip("\n").split("\n")
            starts = [sum(len(x) + 1 for x in lines_[:i]) for i in range(len(lines_))]
            i = rng.randrange(2, len(lines_))
            cut_text = cut(text, (starts[i], starts[i] + len(lines_[i])), "word", rng)
            if cut_text is None:
                continue
            out["cuts"] += 1
            out["hit"] += "TQ402" in flags(cut_text, lang, rules, ctx, f"{lang}-post-{k}-cut")
    return out


def main(argv: list[str]) -> int:
    devset = Path(argv[0]) if argv else _default_devset()
    per_lang = int(argv[1]) if len(argv) > 1 else 20
    seed = int(argv[2]) if len(argv) > 2 else 5
    folder = devset / "lid" / "lingua-sentences"
    if not folder.is_dir():
        print(f"devset not found under {devset}")
        return 2
    rules = load_rules(RULES)
    ctx = make_ctx()
    rng = random.Random(seed)
    n = {"complete": 0, "fp": 0, "word": 0, "word_hit": 0, "sentence": 0, "sentence_hit": 0}
    fp_by_lang: Counter[str] = Counter()
    miss_by_lang: Counter[str] = Counter()
    fps: list[tuple[str, str]] = []
    misses: list[tuple[str, str]] = []
    for f in sorted(folder.glob("*.txt")):
        lang = f.stem
        sents = [s.strip() for s in f.read_text(encoding="utf-8").split("\n") if _complete(s.strip())]
        for k in range(per_lang):
            text, bodies = build(sents, lang, rng)
            n["complete"] += 1
            if flags(text, lang, rules, ctx, f"{lang}-{k}"):
                n["fp"] += 1
                fp_by_lang[lang] += 1
                fps.append((lang, text.rstrip().rsplit("\n", 1)[-1]))
            for mode in ("word", "sentence"):
                span = rng.choice(bodies[1:])
                cut_text = cut(text, span, mode, rng)
                if cut_text is None:
                    continue
                n[mode] += 1
                if flags(cut_text, lang, rules, ctx, f"{lang}-{k}-{mode}"):
                    n[mode + "_hit"] += 1
                else:
                    miss_by_lang[lang] += 1
                    misses.append((lang, cut_text.rstrip().rsplit("\n", 1)[-1]))
    posts = _posts(folder, per_lang, seed + 1, rules, ctx)
    print(f"truncation: {len(list(folder.glob('*.txt')))} languages x {per_lang} articles, seed {seed}")
    print("| measure | count | rate | target |\n|---|---|---|---|")
    hits = n["word_hit"] + n["sentence_hit"]
    cuts = n["word"] + n["sentence"]
    print(f"| recall, cut mid-word | {n['word_hit']}/{n['word']} | {pct(n['word_hit'], n['word'])} | |")
    print(f"| recall, cut mid-sentence | {n['sentence_hit']}/{n['sentence']} | {pct(n['sentence_hit'], n['sentence'])} | |")
    print(f"| recall, all cuts | {hits}/{cuts} | {pct(hits, cuts)} | >= 90% |")
    print(f"| false positives on complete articles | {n['fp']}/{n['complete']} | {pct(n['fp'], n['complete'])} | <= 2% |")
    print(f"| unpunctuated texts: false positives on complete ones | {posts['fp']}/{posts['n']} "
          f"| {pct(posts['fp'], posts['n'])} | |")
    print(f"| unpunctuated texts: cut mid-word, found by TQ402 | {posts['hit']}/{posts['cuts']} "
          f"| {pct(posts['hit'], posts['cuts'])} | |")
    print("\nmisses by language: " + ", ".join(f"{k} {v}" for k, v in miss_by_lang.most_common()))
    print("false positives by language: " + ", ".join(f"{k} {v}" for k, v in fp_by_lang.most_common()))
    print("\nmissed cuts (last line):")
    for lang, s in misses[:60]:
        print(f"  {lang} {s[-80:]!r}")
    print("false positives (last line):")
    for lang, s in fps[:40]:
        print(f"  {lang} {s[-80:]!r}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
