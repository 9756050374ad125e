"""Automatic grouping of documents into stories."""

from __future__ import annotations

import random

import pytest

from conftest import SEEDS, need_shared
from tqcheck.corpus import load
from tqcheck.corpus.grouping import group, skeleton
from tqcheck.corpus.txt import from_text


def test_seed_versions_are_one_story():
    stories = group(load([str(SEEDS)]))
    assert len(stories) == 1 and len(stories[0].documents) == 2


def test_skeleton_matches_across_scripts():
    assert skeleton("Kushner") == skeleton("Кушнер") == skeleton("كوشنر")
    assert skeleton("Witkoff") == skeleton("ويتكوف")
    assert skeleton("Putin") == skeleton("Путин")


def test_unrelated_articles_from_real_sentences_stay_apart():
    lid = need_shared("devset", "lid", "lingua-sentences")
    rng = random.Random(7)
    docs = []
    for lang in ("en", "de", "fr", "es", "ru"):
        lines = (lid / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        rng.shuffle(lines)
        for k in range(8):  # 8 articles of 12 unrelated real sentences per language
            docs.append(from_text(f"{lang}/{k}.txt", "\n".join(lines[k * 12:(k + 1) * 12])))
    stories = group(docs)
    assert len(stories) == len(docs), [s.id for s in stories if len(s.documents) > 1]


def test_seeds_stay_apart_from_real_articles():
    lid = need_shared("devset", "lid", "lingua-sentences")
    lines = (lid / "en.txt").read_text(encoding="utf-8").splitlines()
    docs = load([str(SEEDS)]) + [from_text(f"en/{k}.txt", "\n".join(lines[k * 15:(k + 1) * 15]))
                                 for k in range(20)]
    sizes = sorted(len(s.documents) for s in group(docs))
    assert sizes == [1] * 20 + [2]


def test_explicit_story_and_roles_win():
    a = from_text("a.txt", "Alpha Beta Gamma 1234 5678")
    b = from_text("b.txt", "Nothing in common here at all.")
    b.role, b.of = "translation_of", "a.txt"
    c = from_text("c.txt", "Also nothing.")
    c.story = "s1"
    d = from_text("d.txt", "Different text.")
    d.story = "s1"
    stories = {s.id: sorted(x.id for x in s.documents) for s in group([a, b, c, d])}
    assert stories == {"a": ["a.txt", "b.txt"], "s1": ["c.txt", "d.txt"]}


def test_union_find_roots_do_not_depend_on_the_order_of_unions():
    from tqcheck.analysis.unionfind import UnionFind

    pairs = [("zelenskyy", "zelensky"), ("kyiv", "kiev"), ("zelensky", "zelenskyi")]
    roots = []
    for order in (pairs, pairs[::-1], [(b, a) for a, b in pairs]):
        uf: UnionFind[str] = UnionFind()
        for a, b in order:
            uf.add(a)
            uf.add(b)
            uf.union(a, b)
        roots.append({x: uf.find(x) for x in uf.parent})
    assert roots[0] == roots[1] == roots[2]
    assert roots[0]["zelenskyi"] == "zelensky" and roots[0]["kiev"] == "kiev"
    ints = UnionFind(range(5))
    ints.union(4, 2)
    ints.union(3, 4)
    assert [ints.find(i) for i in range(5)] == [0, 1, 2, 2, 2]


@pytest.mark.devset
def test_grouping_does_not_depend_on_string_hashing(tmp_path):
    """Python walks a set of strings in an order that changes with each process's hash
    seed; the stories must not. 4,000 short articles of real sentences in 8 languages
    (unrelated, some sharing a name or a figure) are grouped in processes with two
    different seeds."""
    import os
    import subprocess
    import sys

    folder = need_shared("devset", "lid", "lingua-sentences")
    rng = random.Random(3)
    langs = ["en", "de", "fr", "ru", "ar", "zh", "es", "it"]
    pool = {lang: [s for s in (folder / f"{lang}.txt").read_text(encoding="utf-8").split("\n")
                   if s.strip()] for lang in langs}
    for i in range(4000):
        lang = rng.choice(langs)
        (tmp_path / f"a{i:05d}.{lang}.txt").write_text("\n\n".join(rng.sample(pool[lang], 3)) + "\n",
                                                       encoding="utf-8")
    code = ("import hashlib, sys\n"
            "from tqcheck.corpus import load\n"
            "from tqcheck.corpus.grouping import group\n"
            "st = group(load([sys.argv[1]]))\n"
            "print(len(st), hashlib.sha1(repr([(s.id, [d.id for d in s.documents]) for s in st])"
            ".encode()).hexdigest())\n")
    outs = {subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1, outs
