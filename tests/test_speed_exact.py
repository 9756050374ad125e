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
    """``_codepage._decoded`` of a reading's ``_encoded`` bytes (one encoding per
    reading, one decoding per pair) answers as ``_redecode`` on each word, with C1
    controls, NULs, and words a reading cannot encode."""
    from tqcheck.checks import _codepage

    rng = random.Random(8)
    pool = [*"aé€Ïðåçèäòü", "\x81", "\x9d", "\x00", "Ж", "ą", "ğ", "ש", "ب", "中", "™", "’"]
    for _ in range(3000):
        words = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 5))]
        raws = {read: _codepage._encoded(words, read) for read in {r for _, r in _codepage.PAIRS}}
        for written, read in _codepage.PAIRS:
            one = [_codepage._redecode(w, written, read) for w in words]
            want = None if any(o is None for o in one) else one
            assert _codepage._decoded(words, raws[read], written, read) == want, (words, written, read)


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


def _candidates_one_anchor(anchor, toks, options):  # type: ignore[no-untyped-def]
    """TQ202's candidates as they were found before the story's groups were prepared
    once: every word walked for every anchor, with its own rapidfuzz shortlist."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from tqcheck.checks.names_consistency import _Cand, _doubling

    def core_len(stem):  # type: ignore[no-untyped-def]
        return len(translit.native_key(stem).removeprefix("ال"))

    order_of = {}
    for *_, stems, _initial in toks:
        key = frozenset(stems)
        if key not in order_of:
            order_of[key] = [st for st in sorted(stems, key=lambda x: (-len(x), x))
                             if core_len(st) >= options["min_native_length"]]
    uniq = sorted({st for sts in order_of.values() for st in sts})
    if not uniq:
        return []
    afold, askel = translit.fold(anchor), translit.skeleton(anchor)
    rom = process.cdist([translit.fold(translit.romanise(st)) for st in uniq], [afold],
                        scorer=fuzz.ratio, dtype=np.float64)[:, 0]
    plain = (process.cdist([translit.fold(st) for st in uniq], [afold], scorer=fuzz.ratio,
                           dtype=np.float64)[:, 0]
             + process.cdist([translit.skeleton(st) for st in uniq], [askel], scorer=fuzz.ratio,
                             dtype=np.float64)[:, 0]) / 2
    short = {st for st, keep in zip(uniq, np.maximum(rom, plain) >= translit.SHORTLIST) if keep}
    cands, seen = [], {}
    for did, a, b, tok, stems, initial in toks:
        key = frozenset(stems)
        best = seen[key] if key in seen else None
        for st in () if key in seen else order_of[key]:
            if st not in short or not translit.cross_score_at_least(st, anchor, options["min_vote_score"]):
                continue
            sc = translit.cross_score(st, anchor)
            if best is None or sc > best[0]:
                best = (sc, st)
        seen[key] = best
        if best is not None:
            cands.append(_Cand(did, a, b, tok, stems,
                               (-_doubling(tok, anchor), translit.logprob(best[1], anchor)),
                               best[1], initial))
    return cands


def test_story_groups_give_each_anchor_its_candidates():
    """TQ202 prepares a story's native words once for all its Latin anchors (stem sets,
    one shortlist matrix) and scores a shortlisted stem once per anchor: the candidates
    of every anchor are those of walking every word for that anchor alone. Real names
    of three scripts, with clitics (و, ال, ה), case endings, words met again and
    unrelated words, against their own Latin spellings and others."""
    from tqcheck.analysis.names import morph
    from tqcheck.checks import names_consistency as nc

    path = need_shared("devset", "names", "translit_pairs.tsv")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    rng = random.Random(23)
    options = dict(nc.OPTIONS)
    found = 0
    for lang3, lang, prefixes, endings in (("ara", "ar", ["", "و", "ال", "بال"], [""]),
                                           ("heb", "he", ["", "ו", "ה", "ל"], [""]),
                                           ("rus", "ru", [""], ["", "а", "у", "ом", "ым"])):
        pool = [r for r in rows if r[0] == lang3]
        people = rng.sample(pool, 40)
        toks = []
        for i in range(160):
            r = people[i % 40] if i % 3 else rng.choice(pool)
            tok = rng.choice(prefixes) + r[2] + rng.choice(endings)
            if rng.random() < 0.1:  # a letter dropped: a second spelling
                k = rng.randrange(len(r[2]))
                tok = tok.replace(r[2], r[2][:k] + r[2][k + 1:])
            toks.append((f"v{i % 3}", i * 10, i * 10 + len(tok), tok, morph.stems(tok, lang), i % 7 == 0))
        anchors = sorted({r[1].capitalize() for r in people[:25]} | {"Witkoff", "Grushevsky", "Lee"})
        group = nc._stem_group(toks, anchors, options["min_native_length"])
        for k, anchor in enumerate(anchors):
            # the shortlist's plain scores, which ``_candidates`` hands on, are
            # ``plain_cross_score``'s floats
            assert group.plain[k] == [translit.plain_cross_score(group.uniq[i], anchor)
                                      for i in group.near[k]]
            want = _candidates_one_anchor(anchor, toks, options)
            assert nc._candidates(anchor, k, toks, group, options) == want, (lang3, anchor)
            found += len(want)
    assert found > 100  # the anchors match words: the candidates, not only empty lists, agree


def test_article_look_ups_at_once_are_process_extract():
    """TQ201's look-ups of an article's names at once (``prefetch_near``: one cdist per
    script and fold length) answer as ``process.extract`` on each name: the same known
    folds and scores, the best five, ties by index."""
    from pathlib import Path

    from rapidfuzz import fuzz, process

    import tqcheck
    from tqcheck.analysis.names import authority

    data = Path(tqcheck.__file__).resolve().parent.parent / "rules" / "data" / "names"
    if not data.is_dir():
        import pytest

        pytest.skip("the built-in name authority is not beside the package")
    rng = random.Random(29)

    def reference(auth, token, min_score, limit):  # type: ignore[no-untyped-def]
        sc, f = authority.script_key(token), translit.fold(token)
        if len(f) < 3:
            return []
        auth._index(sc)
        choices = [c for n in range(len(f) - 2, len(f) + 3) for c in auth._buckets.get((sc, n), ())]
        if not choices:
            return []
        out = [(low, float(score))
               for choice, score, _ in process.extract(f, choices, scorer=fuzz.ratio,
                                                       score_cutoff=min_score, limit=limit)
               for low in sorted(auth._fold_tokens[(sc, choice)])]
        return sorted(out, key=lambda p: (-p[1], p[0]))

    base = authority.load([data])
    known = sorted(base._token_langs) if hasattr(base, "_token_langs") else []
    for sc in ("Latin", "Cyrillic", "Greek"):
        base._index(sc)
    folds = sorted({f for (sc, _), fs in base._buckets.items() for f in fs})
    tokens = []
    for f in rng.sample(folds, 300):  # known names, and one letter dropped, doubled, changed
        k = rng.randrange(len(f))
        tokens += [f, f[:k] + f[k + 1:], f[:k] + f[k] + f[k:], f[:k] + "x" + f[k + 1:]]
    tokens += ["Путин", "Путина", "Зеленский", "Αθήνα", "ab", "Kushne", "Hgseth", *known[:50]]
    hits = 0
    for min_score, limit in ((80.0, 5), (85.0, 5), (100.0, 5), (60.0, 2)):
        auth = authority.load([data])
        auth.prefetch_near(tokens, min_score, limit)
        for t in tokens:
            want = reference(auth, t, min_score, limit)
            assert auth.near(t, min_score, limit) == want, (t, min_score, limit)
            hits += bool(want)
    assert hits > 1000


def test_likeliest_emission_is_the_rows_max():
    for table in translit.load_model().values():
        for row in table.values():
            if row:
                assert translit._likeliest(row) == max(row.items(), key=lambda kv: (kv[1], kv[0]))
