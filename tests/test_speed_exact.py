"""The speed-ups are exact: the shortcuts give the answers of the slow paths they skip."""

from __future__ import annotations

import random

from tqcheck.names import translit

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


def test_no_bound_for_two_native_tokens():
    assert translit.model_upper("Путин", "بوتين") == 100.0
    assert translit.model_upper("Putin", "Smith") == 0.0
