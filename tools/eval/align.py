"""Sentence alignment and omission detection on real sentences with known edits.

    python -m tools.eval align [DEVSET] [--docs 40] [--langs en,de,fr,ru,es]

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
    from tqcheck.analysis.align import segments

    out = []
    for s in lines:
        s = " ".join(s.split())
        # Chinese sentences are shorter in characters (and end in 。！？): 12 instead of 30.
        if (12 if s[-1] in "。！？" else 30) <= len(s) <= 300 and len(segments(s)) == 1 and s[-1] in ".!?。！？؟":
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

    from tqcheck.analysis.align import align_texts

    p = argparse.ArgumentParser(prog="python -m tools.eval align")
    p.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "devset"))
    p.add_argument("--docs", type=int, default=40)
    p.add_argument("--langs", default="en,de,fr,ru,es")
    p.add_argument("--edit", type=float, default=EDIT, help="share of words edited in kept sentences")
    p.add_argument("--cross", metavar="en-ru,en-ar,...", help="cross-language evaluation of these pairs instead")
    p.add_argument("--anchor-rate", type=float, default=0.6, help="--cross: share of sentences given anchors")
    args = p.parse_args(argv)
    if args.cross:
        return cross_main(Path(args.devset), args.cross.split(","), args.docs, args.anchor_rate)
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
            _count(al, gold, c)
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


# -- Cross-language alignment (--cross en-ru,en-ar,en-zh,en-de) ----------------------------
#
# The devset has no parallel text, so the two versions of a document are real sentences
# of language A and of language B whose CONTENT DOES NOT CORRESPOND: only the anchors that
# survive translation do. At every aligned position both sides get the same anchors --
# a name (Latin form in English, the native form from names/translit_pairs.tsv in
# Russian, Arabic and Chinese; the same Latin form in German), a number written in each
# locale's style (1,550 / 1.550 / 1 550 / ١٬٥٥٠ / 1550), a percentage or a date
# (5 February / 5. Februar / 5 февраля / 5 فبراير / 2月5日) -- placed at a random word
# boundary. The B sentence is chosen among real B sentences with a length near the
# English one times a typical translation length ratio (Gale-Church: translated sentence
# lengths are proportional), so length carries the signal it carries in real translations.
# Merges, splits, drops and inserts are made at known places as in the same-language
# evaluation; an inserted sentence carries no anchor of the other side. The aligner only
# sees anchors and lengths, so these figures measure exactly that, not sentence content.

_LEN_RATIO = {"de": 1.15, "ru": 1.05, "ar": 0.95, "zh": 0.32}  # characters per English character
_TRANSLIT = {"ru": "rus", "ar": "ara", "zh": "zho"}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_ENDS = ".!?。！？؟"


def _names(devset: Path, lang: str) -> list[tuple[str, str]]:
    """(Latin, native) name pairs, frequent ones, Latin of at least 4 letters."""
    code = _TRANSLIT.get(lang, "rus")
    out = []
    for row in (devset / "names" / "translit_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        f = row.split("\t")
        if len(f) >= 4 and f[0] == code and len(f[1]) >= 4 and f[1].isalpha() and f[3].isdigit() and int(f[3]) >= 20:
            lat = f[1].capitalize()
            out.append((lat, lat if lang == "de" else (f[2].capitalize() if lang == "ru" else f[2])))
    return out


def _anchor(rng: random.Random, lang: str, names: list[tuple[str, str]]) -> tuple[str, str]:
    kind = rng.choice(["name", "name", "number", "number", "percent", "date"])
    if kind == "name":
        return rng.choice(names)
    if kind == "number":
        v = rng.choice([rng.randint(11, 999), rng.randint(1001, 99999)])
        en = f"{v:,}"
        x = {"de": en.replace(",", "."), "ru": en.replace(",", "\u00a0"), "zh": str(v),
             "ar": en.replace(",", "٬").translate(_AR_DIGITS)}[lang]
        return en, x
    if kind == "percent":
        v = f"{rng.randint(1, 99)}.{rng.randint(1, 9)}"
        x = {"de": v.replace(".", ",") + " %", "ru": v.replace(".", ",") + "%", "zh": v + "%", "ar": v + "%"}[lang]
        return v + "%", x
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    en = f"{d} {_MONTHS['en'].split()[m - 1]}"
    x = f"{m}月{d}日" if lang == "zh" else (f"{d}. " if lang == "de" else f"{d} ") + _MONTHS[lang].split()[m - 1]
    return en, x


def _put(s: str, token: str, rng: random.Random, spaced: bool) -> str:
    """``token`` inserted at a random word boundary inside ``s`` (any character inside a
    Chinese sentence), never before the first word or after the final punctuation."""
    if spaced:
        w = s.split(" ")
        i = rng.randint(1, max(1, len(w) - 1))
        return " ".join(w[:i] + [token] + w[i:])
    i = rng.randint(1, max(1, len(s) - 2))
    return s[:i] + token + s[i:]


def make_cross_pair(pool_a: list[str], pool_b: list[str], lang: str, names: list[tuple[str, str]],
                    rng: random.Random, k: int = 20, rate: float = 0.6):  # type: ignore[no-untyped-def]
    """(English text, text in ``lang``, gold links): see the comment above."""
    spaced = lang != "zh"
    by_len = sorted(pool_b, key=len)
    lens = [len(x) for x in by_len]

    def partner(s: str) -> str:
        import bisect

        target = len(s) * _LEN_RATIO[lang]
        lo, hi = bisect.bisect_left(lens, target * 0.85), bisect.bisect_right(lens, target * 1.15)
        if hi <= lo:
            lo = max(0, min(len(lens) - 1, bisect.bisect_left(lens, target)))
            hi = lo + 1
        return by_len[rng.randrange(lo, hi)]

    src = rng.sample(pool_a, k)
    anchors = []
    for _ in range(k):
        n = 0 if rng.random() >= rate else (2 if rng.random() < 0.3 else 1)
        anchors.append([_anchor(rng, lang, names) for _ in range(n)])
    a_sents = []
    for s, an in zip(src, anchors):
        for en, _x in an:
            s = _put(s, en, rng, True)
        a_sents.append(s)

    def dress(s: str, an: list[tuple[str, str]]) -> str:
        for _en, x in an:
            s = _put(s, x, rng, spaced)
        return s

    ops = ["keep"] * k
    for p, op in zip(rng.sample(range(1, k - 2), 6), ["merge", "split", "drop", "insert", "drop", "merge"]):
        ops[p] = op
    b: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i = 0
    comma = ", " if spaced else "，"
    while i < k:
        op = ops[i]
        if op == "merge" and i + 1 < k and ops[i + 1] == "keep":
            first = dress(partner(src[i]), anchors[i]).rstrip(_ENDS)
            b.append(first + comma + dress(partner(src[i + 1]), anchors[i + 1]))
            gold.append(((i, i + 1), (len(b) - 1,)))
            i += 2
            continue
        if op == "split":
            whole = partner(src[i])
            cut = whole.find(comma, len(whole) // 4)
            if cut < 0 or cut > 3 * len(whole) // 4:
                cut = whole.find(" ", len(whole) // 3) if spaced else len(whole) // 2
            if cut <= 0:
                cut = len(whole) // 2
            one, two = whole[:cut].rstrip(",，") + ("." if spaced else "。"), whole[cut:].lstrip(" ,，")
            two = two[:1].upper() + two[1:]
            an = anchors[i]
            half = [an[:1], an[1:]] if len(an) == 2 else ([an, []] if rng.random() < 0.5 else [[], an])
            b.extend([dress(one, half[0]), dress(two, half[1])])
            gold.append(((i,), (len(b) - 2, len(b) - 1)))
        elif op == "drop":
            gold.append(((i,), ()))
        elif op == "insert":
            b.append(partner(rng.choice(pool_a)))
            gold.append(((), (len(b) - 1,)))
            b.append(dress(partner(src[i]), anchors[i]))
            gold.append(((i,), (len(b) - 1,)))
        else:
            b.append(dress(partner(src[i]), anchors[i]))
            gold.append(((i,), (len(b) - 1,)))
        i += 1
    sep = " " if spaced else ""
    text_b = "\n".join(sep.join(b[j : j + 3]) for j in range(0, len(b), 3)) + "\n"
    return _lines(a_sents), text_b, gold


def _count(al, gold, c: list[int]) -> None:  # type: ignore[no-untyped-def]
    from tqcheck.checks.omission import runs

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


def cross_main(devset: Path, pairs: list[str], docs: int, rate: float) -> int:
    from tqcheck.analysis.align import align_texts

    print(f"cross-language, anchor rate {rate:.0%} (sentence content does not correspond; only anchors do)")
    print(f"{'pair':<6} {'docs':>4} {'links':>6} {'link P':>7} {'link R':>7} {'omit P':>7} {'omit R':>7} {'run P':>6} {'run R':>6}")
    tot = [0] * 10
    for pair in pairs:
        la, lb = pair.split("-")
        pool_a = _usable((devset / "lid" / "lingua-sentences" / f"{la}.txt").read_text(encoding="utf-8").splitlines())
        pool_b = _usable((devset / "lid" / "lingua-sentences" / f"{lb}.txt").read_text(encoding="utf-8").splitlines())
        names = _names(devset, lb)
        rng = random.Random(f"cross-{pair}-{rate}")
        c = [0] * 10
        for _ in range(docs):
            a, b, gold = make_cross_pair(pool_a, pool_b, lb, names, rng, rate=rate)
            _count(align_texts(a, b, False), gold, c)
        for i in range(10):
            tot[i] += c[i]
        _row(pair, docs, c)
    _row("all", docs * len(pairs), tot)
    return 0
