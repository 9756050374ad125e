"""The speed-ups are exact: the shortcuts give the answers of the slow paths they skip."""

from __future__ import annotations

import random

from tqcheck.analysis.names import translit

from conftest import need_shared


def _pairs(n: int) -> list[tuple[str, str]]:
    path = need_shared("devset", "names", "translit_pairs.tsv")
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    rng = random.Random(11)
    rng.shuffle(rows)
    rows = rows[:n]
    natives, latins = [r[2] for r in rows], [r[1].capitalize() for r in rows]
    true = list(zip(natives, latins))
    unrelated = [(natives[i], latins[(i * 7 + 3) % n]) for i in range(n)]
    return true + unrelated


def test_model_upper_bounds_the_model_score():
    pairs = _pairs(1500)
    excluded = 0
    for native, lat in pairs:
        real = translit.model_part(native, lat)
        assert translit.model_upper(native, lat) >= real - 1e-9, (native, lat)
        assert translit.model_upper(lat, native) >= real - 1e-9, (lat, native)
        excluded += translit.model_upper(native, lat) < 70
    # the bound is only worth having if it settles most unrelated pairs
    assert excluded > len(pairs) * 0.4


def test_cross_score_at_least_is_cross_score_with_a_cutoff():
    for native, lat in _pairs(800):
        for cutoff in (0.0, 40.0, 70.0, 85.0, 100.0):
            assert translit.cross_score_at_least(native, lat, cutoff) == \
                (translit.cross_score(native, lat) >= cutoff), (native, lat, cutoff)


def test_model_upper_bounds_two_native_tokens():
    """Two native tokens (a Russian name sought in a Hebrew or Arabic version) are
    bounded through each one's romanisation: never under ``model_part``, in either
    order, for the same name in two scripts and for unrelated names, and low enough
    to settle most unrelated pairs (it was 100, no bound, before)."""
    path = need_shared("devset", "names", "translit_pairs.tsv")
    by_lang: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        lang, lat, native = line.split("\t")[:3]
        by_lang.setdefault(lang, {}).setdefault(lat, native)
    rng = random.Random(17)
    shared = sorted(set(by_lang["rus"]) & set(by_lang["ara"]) & set(by_lang["heb"]) & set(by_lang["kor"]))
    names = rng.sample(shared, 150)
    checked = excluded = same = 0
    for i, lat in enumerate(names):
        other = names[(i * 7 + 3) % len(names)]
        for a, b in (("rus", "ara"), ("rus", "heb"), ("heb", "ara"), ("kor", "rus"), ("rus", "rus")):
            for x, y in ((by_lang[a][lat], by_lang[b][lat]), (by_lang[a][lat], by_lang[b][other])):
                real = translit.model_part(x, y)
                for p, q in ((x, y), (y, x)):
                    assert translit.model_upper(p, q) >= real - 1e-9, (p, q)
                checked += 1
                same += real >= 70
                excluded += translit.model_upper(x, y) < 70
    assert same > 50  # true pairs reach the bar, so the bound is tested where it matters
    assert excluded > checked * 0.4
    assert translit.model_upper("Putin", "Smith") == 0.0


def _random_texts(alphabet: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def test_passage_cleaning_is_the_noise_pattern():
    from tqcheck.checks.language_passage import _NOISE_RE, _clean

    alphabet = [*"ab1@#w.h:/tps ", "http://", "https://", "www.", "@", " ", "\n", "\u0663", "x_y", "é"]
    for t in _random_texts(alphabet, 20000, 5):
        assert _clean(t) == _NOISE_RE.sub(" ", t), repr(t)


def test_words_before_a_doubled_word_read_from_a_window():
    import re

    from tqcheck.checks.repetition import _OPENERS, _before, _prev_word

    alphabet = ["talks", "The", " ", "  ", "\t", "(", "\u201c", ".", ":", "x" * 70, " " * 70, "(" * 70]
    for t in _random_texts(alphabet, 600, 7):
        for end in range(0, len(t) + 1, 3):
            want = re.search(r"(\w+)\s+$", t[:end])
            got = _prev_word(t, end)
            assert (want.group(1) if want else None) == (got.group(1) if got else None), (t, end)
            full = t[:end].rstrip().rstrip(_OPENERS).rstrip()
            assert _before(t, end)[-1:] == full[-1:], (t, end)


def test_bound_holds_where_one_segment_is_the_whole_word():
    # the bound sums only prefixes for the first segment, suffixes for the last, and s
    # itself for a segment that is the whole word: short natives (1-3 units: a Han
    # character, a two-letter Arabic name) against Latin words of every length test
    # those ends, including a word too long for one segment
    path = need_shared("devset", "names", "translit_pairs.tsv")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    own = {}
    for r in rows:
        if 1 <= len(translit.units(r[2])) <= 3:
            own.setdefault(r[2], r[1])
    short = sorted(own)[:400]
    rng = random.Random(3)
    latins = [r[1] for r in rng.sample(rows, 60)] + ["a", "li", "wang", "abc", "zhangwei"]
    checked = 0
    for native in short:
        for lat in [own[native], *rng.sample(latins, 6)]:
            real = translit.model_part(native, lat)
            assert translit.model_upper(native, lat) >= real - 1e-9, (native, lat)
            checked += real > 0
    assert checked > 300  # the pairs reach the lattice, not only the length cut


def test_alignment_tables_are_the_cell_scores():
    """``_Sim.tables`` (numpy, every cell at once) gives exactly the floats of the per-cell
    ``s11``/``s21``/``s12``, same-language and across languages, on real sentences with
    merges, splits, drops and shared numbers and names."""
    from tqcheck.analysis.align import _Sim

    base = need_shared("devset", "lid", "lingua-sentences")
    rng = random.Random(4)
    texts = {lang: [s for s in (base / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
             for lang in ("en", "de", "ru", "ar", "zh")}
    merges = checked = 0
    for trial in range(40):
        la, lb = rng.choice(list(texts)), rng.choice(list(texts))
        a = rng.sample(texts[la], rng.randint(1, 14))
        a = [f"{s} {rng.randint(1, 99)}" if rng.random() < 0.4 else s for s in a]
        b = list(a) if trial % 2 else rng.sample(texts[lb], rng.randint(1, 14))
        if trial % 2:  # an edited version: a merge, a split, a drop
            if len(b) > 2:
                b[0:2] = [b[0] + " " + b[1]]
            if len(b) > 3:
                del b[2]
            if b and " " in b[-1]:
                h = b[-1].split(" ")
                b[-1:] = [" ".join(h[: len(h) // 2]), " ".join(h[len(h) // 2:])]
        for same in (True, False):
            sim = _Sim(a, b, same, full=True)
            t11, t21, t12 = sim.tables()
            for i in range(len(a)):
                for j in range(len(b)):
                    assert t11[i][j] == sim.s11(i, j), (trial, same, i, j)
                    if i + 1 < len(a):
                        assert t21[i][j] == sim.s21(i, j), (trial, same, i, j)
                        merges += t21[i][j] > 0
                    if j + 1 < len(b):
                        assert t12[i][j] == sim.s12(i, j), (trial, same, i, j)
                        merges += t12[i][j] > 0
                    checked += 1
    assert checked > 1000 and merges > 50  # the merge branches were exercised


def test_redecoding_a_paragraph_at_once_is_word_by_word():
    """``_codepage._redecode_all`` (one encoding per reading) answers as ``_redecode`` on
    each word, with C1 controls, NULs, and words a reading cannot encode."""
    from tqcheck.checks import _codepage

    rng = random.Random(8)
    pool = [*"aé€Ïðåçèäòü", "\x81", "\x9d", "\x00", "Ж", "ą", "ğ", "ש", "ب", "中", "™", "’"]
    for _ in range(3000):
        words = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 5))]
        raws: dict = {}
        for written, read in _codepage.PAIRS:
            one = [_codepage._redecode(w, written, read) for w in words]
            want = None if any(o is None for o in one) else one
            assert _codepage._redecode_all(words, written, read, raws) == want, (words, written, read)


def test_figures_are_the_figures_of_extract():
    """``numbers.figures`` (no word patterns) finds exactly the figures of ``extract``:
    texts built of figures, spelled numbers, scales, separators and relative times in
    every order, where a spelled number sits between two figures of a range."""
    from tqcheck.analysis import numbers

    parts = ["5", "6", "1,5", "2.000", "60", "80万", "三", "十万", "one", "six", "a half", "two and a half",
             "million", "Millionen", "billion", "to", "bis", "and", "a", "-", "–", "or", "und", "%",
             "per cent", "$", "€", "twice", "tenfold", "first", "dritte", "3 days ago", "in two weeks",
             "1980s", "the eighties", "May 5", "5 March", "2024-05-01", "1.30pm", "13:30", "下午1点",
             "عام", "2", "٣", "و", "إلى", "до", "пять", "drei", "Uhr", "年代", "八十年代", "x"]
    rng = random.Random(21)
    for _ in range(6000):
        text = " ".join(rng.choice(parts) for _ in range(rng.randint(1, 9)))
        want = tuple(q for q in numbers.extract(text) if not q.spelled and q.kind != "reltime")
        assert numbers.figures(text) == want, text
