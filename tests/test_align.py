from tqcheck.analysis.align import align, align_texts, segments

from conftest import need_shared, need_tools


def test_merge_split_drop_insert():
    a = ["The minister resigned on Friday after the vote.",
         "Police arrested fourteen people outside the parliament building.",
         "The opposition called for early elections in September.",
         "Markets fell sharply in early trading on Monday morning.",
         "Analysts expect the central bank to cut interest rates soon."]
    b = ["The minister resigned on Friday after the vote, police arrested fourteen people outside the parliament building.",
         "Markets fell sharply in early trading.", "On Monday morning, that is.",
         "An unrelated sentence about football results and weather.",
         "Analysts expect the central bank to cut interest rates soon."]
    links = [(l.a, l.b) for l in align(a, b)]
    assert ((0, 1), (0,)) in links          # merge
    assert ((2,), ()) in links              # drop
    assert ((), (3,)) in links              # insert
    assert ((4,), (4,)) in links


def test_cross_language_anchors():
    en = "Talks began in Geneva on Monday.\nPutin met Trump for 90 minutes.\nThe weather was fine."
    ru = "Переговоры начались в Женеве в понедельник.\nПутин встретился с Трампом на 90 минут."
    al = align_texts(en, ru, same_language=False)
    pairs = [(l.a, l.b) for l in al.links if l.a and l.b]
    assert ((1,), (1,)) in pairs


def test_segments_do_not_cross_lines():
    t = "Heading without stop\nFirst sentence. Second one!"
    assert [s.of(t) for s in segments(t)] == ["Heading without stop", "First sentence.", "Second one!"]


def test_eval_align_meets_targets(capsys):
    devset = need_shared("devset", "lid", "lingua-sentences")
    main = need_tools("tools.eval.align").main

    main([str(devset.parent.parent), "--docs", "10", "--langs", "en,ru"])
    row = [l for l in capsys.readouterr().out.splitlines() if l.startswith("all")][0].split()
    lp, lr, op, orr = (float(x.rstrip("%")) for x in row[3:7])
    assert lp >= 95 and lr >= 95 and op >= 90 and orr >= 90


def _reference_align(a, b, same):
    """The plain dynamic programme that the optimised one must equal."""
    from tqcheck.analysis.align import BAND, BAND_CELLS, MERGE_PENALTY, TAU_CROSS, TAU_SAME, _Sim

    n, m = len(a), len(b)
    band = None if n * m <= BAND_CELLS else BAND
    sim = _Sim(a, b, same, full=True)
    f = {(1, 1): sim.s11, (2, 1): sim.s21, (1, 2): sim.s12}
    tau = TAU_SAME if same else TAU_CROSS
    NEG = -1e18
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if (band is not None and abs(j - (i * m / n if n else 0)) > band and not (i == n and j == m)) or i == j == 0:
                continue
            top, arg = NEG, None
            for di, dj in ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1)):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi][pj] == NEG:
                    continue
                if di == 0 or dj == 0:
                    s, gain = 0.0, 0.0
                else:
                    s = f[(di, dj)](pi, pj)
                    gain = (s - tau) * (di + dj) - (MERGE_PENALTY if di + dj == 3 else 0.0)
                    if gain <= 0 and di + dj == 3:
                        continue
                if best[pi][pj] + gain > top + 1e-12:
                    top, arg = best[pi][pj] + gain, (pi, pj)
            best[i][j], back[i][j] = top, arg
    out, i, j = [], n, m
    while i or j:
        pi, pj = back[i][j] if back[i][j] else ((i - 1, j) if i else (i, j - 1))
        out.append((tuple(range(pi, i)), tuple(range(pj, j))))
        i, j = pi, pj
    return out[::-1]


def test_optimised_programme_equals_plain_one():
    devset = need_shared("devset", "lid", "lingua-sentences")
    import random

    _m = need_tools("tools.eval.align")

    _usable, make_pair = _m._usable, _m.make_pair

    pool = _usable((devset / "en.txt").read_text(encoding="utf-8").splitlines())
    rng = random.Random(7)
    for k in (9, 20, 40):
        a, b, _ = make_pair(pool, rng, k=k)
        sa, sb = [s.of(a) for s in segments(a)], [s.of(b) for s in segments(b)]
        for same in (True, False):
            raw = [(l.a, l.b) for l in align(sa, sb, same)]
            ref = _reference_align(sa, sb, same)
            # align() then splits sub-threshold 1-1 links into 1-0 + 0-1: compare before that
            merged = []
            for x in raw:
                if merged and not x[0] and merged[-1][0] and not merged[-1][1] and (merged[-1][0], x[1]) in ref:
                    merged[-1] = (merged[-1][0], x[1])
                else:
                    merged.append(x)
            assert merged == ref


def test_cross_language_eval_runs(capsys):
    devset = need_shared("devset", "lid", "lingua-sentences")
    main = need_tools("tools.eval.align").main

    main([str(devset.parent.parent), "--docs", "4", "--cross", "en-de,en-zh"])
    out = capsys.readouterr().out
    assert "content does not correspond" in out
    row = [l for l in out.splitlines() if l.startswith("all")][0].split()
    assert float(row[3].rstrip("%")) > 50  # well above chance, far from perfect: see the note


def test_cross_script_names_match_through_the_model():
    """Names the consonant skeleton misses (Джон/John: "dzn" vs "n") are matched by the
    learned transliteration model; Chinese names are found inside running Han text."""
    from tqcheck.analysis.align import _name_tokens, name_matches

    en = ["Talks with John Bolton ended.", "Then Putin spoke to Trump on Monday."]
    ru = ["Переговоры с Джоном Болтоном закончились.", "Затем Путин говорил с Трампом."]
    keys = name_matches(sorted({t for s in en for t in _name_tokens(s)}),
                        sorted({t for s in ru for t in _name_tokens(s)}))
    assert keys[(0, "Putin")] == keys[(1, "Путин")]
    assert keys[(0, "Bolton")] == keys[(1, "Болтоном")]
    assert (0, "Talks") not in keys  # sentence-initial words are not candidates
    zh = "他说希拉里将于周一访问。"
    assert "希拉里" in _name_tokens(zh) and "周一" not in _name_tokens(zh)
    k = name_matches(["Hillary", "Monday"], list(_name_tokens(zh)))
    assert k.get((0, "Hillary")) is not None and k[(0, "Hillary")] == k.get((1, "希拉里"))
    assert (0, "Monday") not in k


def test_gale_church_length_and_one_to_one_preference():
    from tqcheck.analysis.align import _gc_length

    assert _gc_length(100, 100, 1.0) == 1.0
    assert _gc_length(100, 110, 1.0) > 0.5 > _gc_length(100, 160, 1.0) > _gc_length(100, 200, 1.0)
    # relative spread is the same whatever the ratio c (Chinese is about 0.3 of English)
    assert abs(_gc_length(30, 33, 0.3) - _gc_length(100, 110, 1.0)) < 0.05
    # Anchor-less sentences between anchored ones stay linked 1-1 even with a middling
    # length match; the sentence without a counterpart is the one skipped.
    en = ["Prices rose 4,250 points.", "Nobody expected this at all in the city.",
          "The weather was cold and grey all week long.", "On 5 March the index fell 17.5%."]
    de = ["Die Preise stiegen um 4.250 Punkte.", "Niemand hatte das in der Stadt so erwartet.",
          "Am 5. März fiel der Index um 17,5 %."]
    links = [(l.a, l.b) for l in align(en, de, same_language=False)]
    assert ((0,), (0,)) in links and ((3,), (2,)) in links
    assert sum(1 for a, b in links if a and not b) == 1


def test_script_weight_counts_every_letter_once():
    """The script prior, counted per distinct letter, is the per-character count's."""
    import random

    from tqcheck.analysis.align import _DENSE, _script_weight
    from tqcheck.analysis.text import script_of

    def by_character(text: str) -> float:
        letters = sum(ch.isalpha() for ch in text)
        dense = sum(ch.isalpha() and script_of(ch) in ("Han", "Hiragana", "Katakana") for ch in text)
        return (letters - dense + dense * _DENSE) / letters if letters else 1.0

    rng = random.Random(2)
    for _ in range(2000):
        text = "".join(chr(rng.choice([rng.randint(32, 0x3000), rng.randint(0x3040, 0x9fff),
                                       rng.randint(0x20000, 0x2a000)])) for _ in range(rng.randint(0, 30)))
        assert _script_weight(text) == by_character(text), text
    assert _script_weight("東京で会議 talks") < 1.0 == _script_weight("talks 123")
