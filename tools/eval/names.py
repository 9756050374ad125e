"""Evaluate the name rules (TQ201, TQ202) and cross-script matching on real data.

``python -m tools.eval names [DEVSET] [--stories N] [--seed S]``

Stories are built from real sentences (``lid/lingua-sentences/<lang>.txt``) carrying
real names: people from ``names/names.tsv`` (Wikidata labels, two Latin tokens) for
Latin-script languages, Russian name tokens from ``names/translit_pairs.tsv`` for
Russian, and country names in each language from ``names.tsv``. A name enters a
sentence as its speaker ("<name> said that <sentence>", in the language); the first
mention is the full name, later ones the surname. Every story has two versions in one
language. Half of the sampled people are written to a temporary newsroom authority
file (rule option ``extra_authority``), the other half are unknown.

In the *planted* half of the stories one later surname mention in the second version
is misspelled the way translation and transliteration do it (doubled or dropped
letter, w/v, ff/f, -ov/-off/-ow, y/i/j, ie/ei). The expected rule is TQ201 for a
person in the authority and TQ202 for an unknown person. A finding counts as true
when it covers a planted misspelling. The *clean* half has no error: every TQ201 and
TQ202 finding there is a false positive.

Arabic and Hebrew authority names (``build_uncased``, TQ201) and unknown names in
Arabic and Russian versions anchored by an English version (``build_anchored``, TQ202
across scripts, name tokens the transliteration model never saw) are two more planted
sets, each with its own random stream.

Cross-script: for each native-script token of ``translit_pairs.tsv`` (a sample per
language), is its Latin token the best match (``translit.cross_score``) among all
Latin tokens of that language? Ties with the best count as a hit.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import defaultdict
from pathlib import Path

LANGS = {  # lingua file -> (names.tsv language, connective "said that")
    "en": ("eng", "{name} said that {s}"),
    "de": ("deu", "{name} sagte, {s}"),
    "fr": ("fra", "{name} a déclaré que {s}"),
    "es": ("spa", "{name} dijo que {s}"),
    "it": ("ita", "{name} ha detto che {s}"),
    "pl": ("pol", "{name} powiedział, że {s}"),
    "ru": ("rus", "{name} заявил, что {s}"),
}
PLACE = {"en": "in {c}", "de": "in {c}", "fr": "à {c}", "es": "en {c}", "it": "in {c}",
         "pl": "w {c}", "ru": "в {c}"}


def _sentences(devset: Path, lang: str) -> list[str]:
    """Devset sentences of ``lang`` of a news sentence's length (40-220 characters)."""
    lines = (devset / f"lid/lingua-sentences/{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if 40 <= len(s.strip()) <= 220]


def _covers(r: dict, p: tuple) -> bool:
    """Does finding ``r`` overlap planted error ``p`` (story, doc, start, end, ...)?"""
    return r["path"] == p[1] and r["start"] < p[3] and p[2] < r["end"]


def misspell(name: str, rng: random.Random) -> tuple[str, str] | None:
    """A plausible misspelling of ``name`` and its kind, or None."""
    ops = []
    low = name.lower()
    for i in range(1, len(name) - 1):
        if name[i].isalpha() and name[i] not in "aeiouyаеиоуыэюя" and name[i] != name[i - 1] \
                and name[i] != name[i + 1]:
            ops.append(("double", name[: i + 1] + name[i] + name[i + 1:]))
        if name[i].isalpha() and name[i] != name[i - 1]:
            ops.append(("drop", name[:i] + name[i + 1:]))
    for a, b in (("w", "v"), ("v", "w"), ("ff", "f"), ("y", "i"), ("i", "y"), ("j", "y"),
                 ("ie", "ei"), ("ei", "ie"), ("в", "ф"), ("ф", "в")):
        k = low.find(a, 1)
        if k != -1:
            ops.append((f"{a}/{b}", name[:k] + b + name[k + len(a):]))
    for a, b in (("ov", "off"), ("ov", "ow"), ("off", "ov"), ("ow", "ov"), ("ев", "ефф")):
        if low.endswith(a):
            ops.append((f"-{a}/-{b}", name[: -len(a)] + b))
    if not ops:
        return None
    kind, out = rng.choice(sorted(ops))
    return (out, kind) if out.lower() != low else None


def _persons(devset: Path, rng: random.Random, n: int) -> list[tuple[str, str]]:
    rows = []
    for line in (devset / "names/names.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        eid, typ, lang, variant, _ = line.split("\t")
        if typ == "PER" and lang == "eng" and re.fullmatch(r"[A-Z][a-z]{3,} [A-Z][a-z]{4,}", variant):
            rows.append(variant)
    rows = sorted(set(rows))
    rng.shuffle(rows)
    # one person per surname: two different people sharing one are not an error
    seen, out = set(), []
    for r in rows:
        first, last = r.split()
        if last not in seen:
            seen.add(last)
            out.append((first, last))
    return out[:n]


def _ru_persons(devset: Path, rng: random.Random, n: int) -> list[tuple[str, str]]:
    firsts, lasts = [], []
    for line in (devset / "names/translit_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        lang, lat, nat, count, _ = line.split("\t")
        if lang != "rus" or not re.fullmatch(r"[а-яё]{4,}", nat) or int(count) < 3:
            continue
        if re.search(r"(ов|ев|ин|ский|ко)$", nat):
            lasts.append(nat.capitalize())
        elif len(nat) <= 7:
            firsts.append(nat.capitalize())
    firsts, lasts = sorted(set(firsts)), sorted(set(lasts))
    rng.shuffle(lasts)
    return [(rng.choice(firsts), last) for last in lasts[:n]]


def _countries(devset: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line in (devset / "names/names.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        eid, typ, lang, variant, kind = line.split("\t")
        if typ == "LOC" and kind == "common" and " " not in variant:
            out[lang].append(variant)
    return {k: sorted(set(v)) for k, v in out.items()}


def build(devset: Path, n_stories: int, seed: int):  # type: ignore[no-untyped-def]
    from tqcheck.corpus import Story
    from tqcheck.corpus.txt import from_text

    rng = random.Random(seed)
    latin_people = _persons(devset, rng, 2000)
    ru_people = _ru_persons(devset, rng, 600)
    known = latin_people[: len(latin_people) // 2]
    known_set = {p[1] for p in known}
    countries = _countries(devset)
    stories, planted = [], []  # planted: (story, doc id, start, end, expected rule, kind)
    for lang, (l3, pattern) in LANGS.items():
        sents = _sentences(devset, lang)
        people = ru_people if lang == "ru" else latin_people
        for k in range(n_stories):
            sid = f"{lang}-{k:03d}"
            chosen = rng.sample(people, 2)
            place = rng.choice(countries.get(l3, ["X"]))
            plant = k % 2 == 0
            versions = []
            for v in range(2):
                body = rng.sample(sents, 6)
                spans: list[tuple[int, int, str]] = []
                parts = []
                pos = 0
                slot = 0
                for i, s in enumerate(body):
                    if i in (0, 2, 3, 5):
                        first, last = chosen[slot % 2]
                        name = f"{first} {last}" if i < 2 or (i == 2 and slot == 0 and False) else last
                        if i == 0 or i == 2 and slot == 1:
                            name = f"{first} {last}"
                        lead = name + " " + PLACE[lang].format(c=place) if i == 0 else name
                        s2 = pattern.format(name=lead, s=s[0].lower() + s[1:])
                        spans.append((pos + len(lead) - len(lead) + (len(name) - len(last)),
                                      pos + len(name), last))
                        slot += 1
                    else:
                        s2 = s
                    parts.append(s2)
                    pos += len(s2) + 1
                text = "\n".join(parts) + "\n"
                did = f"{sid}/v{v}.{lang}.txt"
                if plant and v == 1:
                    later = [sp for sp in spans[2:]]
                    st, en, last = rng.choice(later)
                    bad = misspell(last, rng)
                    if bad is not None:
                        text = text[:st] + bad[0] + text[en:]
                        rule = "TQ201" if last in known_set else "TQ202"
                        planted.append((sid, did, st, st + len(bad[0]), rule, bad[1]))
                versions.append(from_text(did, text, lang=lang))
            stories.append((Story(sid, versions, explicit=True), plant))
    return stories, planted, known


UNCASED = {  # lingua file -> (countries.tsv language, "said that", "in <country>", clitic "and")
    "ar": ("ara", "{name} قال إن {s}", "{name} في {c}", "و"),
    "he": ("heb", "{name} אמר כי {s}", "{name} ב{c}", "ו"),
}


def _variant(word: str, rng: random.Random) -> str:
    """An Arabic spelling that differs by convention only (أ/إ/ا, final ي/ى, ة/ه)."""
    out = word
    if rng.random() < 0.5:
        out = out.replace("أ", "ا").replace("إ", "ا")
    if out.endswith("ي") and rng.random() < 0.5:
        out = out[:-1] + "ى"
    if out.endswith("ة"):
        out = out[:-1] + "ه"
    return out


def build_uncased(devset: Path, n_stories: int, seed: int):  # type: ignore[no-untyped-def]
    """Arabic and Hebrew stories: real sentences of ``lid/lingua-sentences`` carrying
    the built-in authority's Arabic and Hebrew forms of people (``people.toml``) and
    countries (``countries.tsv``). Later mentions of a person are the surname, a third
    of them with the clitic "and" written on; in Arabic a third of all mentions use a
    conventional variant (أ/ا, ي/ى, ة/ه), which must not be flagged. In the planted half
    one later surname of the second version has a dropped or doubled letter (TQ201)."""
    from tqcheck.corpus import Story
    from tqcheck.corpus.txt import from_text
    from tqcheck.analysis.names.authority import _load_toml, _load_tsv, tokens_of
    from tqcheck.engine.rules import builtin_dir

    data = builtin_dir() / "data/names"
    people = _load_toml(data / "people.toml")
    countries = _load_tsv(data / "countries.tsv")
    rng = random.Random(seed + 7919)  # its own stream: the Latin/Cyrillic set is unchanged
    stories, planted = [], []
    for lang, (l3, said, place_pat, clitic) in UNCASED.items():
        persons = sorted({tuple(tokens_of(f)) for e in people if e.kind == "person"
                          for fl, f in e.forms if fl == lang})
        places = sorted({f for e in countries for fl, f in e.forms
                         if fl == l3 and len(tokens_of(f)) == 1})
        sents = _sentences(devset, lang)
        for k in range(n_stories):
            sid = f"{lang}-{k:03d}"
            chosen = rng.sample(persons, 2)
            place = rng.choice(places)
            plant = k % 2 == 0
            versions = []
            for v in range(2):
                body = rng.sample(sents, 6)
                spans: list[tuple[int, int, str]] = []
                parts, pos, slot = [], 0, 0
                for i, s in enumerate(body):
                    if i in (0, 2, 3, 5):
                        toks = list(chosen[slot % 2])
                        if lang == "ar":
                            toks = [_variant(t, rng) if rng.random() < 0.33 else t for t in toks]
                        full = i == 0 or (i == 2 and slot == 1)
                        name = " ".join(toks) if full else toks[-1]
                        pre = "" if full or rng.random() >= 0.33 else clitic
                        lead = place_pat.format(name=pre + name, c=place) if i == 0 else pre + name
                        s2 = said.format(name=lead, s=s)
                        a = pos + len(pre) + len(name) - len(toks[-1])
                        spans.append((a, a + len(toks[-1]), toks[-1]))
                        slot += 1
                    else:
                        s2 = s
                    parts.append(s2)
                    pos += len(s2) + 1
                text = "\n".join(parts) + "\n"
                did = f"{sid}/v{v}.{lang}.txt"
                if plant and v == 1:
                    st, en, last = rng.choice(spans[2:])
                    bad = misspell(last, rng)
                    if bad is not None:
                        text = text[:st] + bad[0] + text[en:]
                        planted.append((sid, did, st, st + len(bad[0]), "TQ201", bad[1]))
                versions.append(from_text(did, text, lang=lang))
            stories.append((Story(sid, versions, explicit=True), plant))
    return stories, planted


def evaluate_uncased(devset: Path, n_stories: int, seed: int,
                     options: dict | None = None) -> dict:
    """TQ201 on the Arabic and Hebrew stories, per language."""
    stories, planted = build_uncased(devset, n_stories, seed)
    rows = _run_names_rules(stories, {"TQ201": options or {}})
    return _score(rows, stories, planted, list(UNCASED))


def _run_names_rules(stories: list, options: dict[str, dict]) -> list[dict]:
    """The findings rows of the built-in TQ201 and TQ202 on ``stories`` ((story, planted)
    pairs), each rule with ``options[rule id]`` over its own."""
    from tqcheck.engine.config import Config
    from tqcheck.engine import run_stories
    from tqcheck.engine.rules import builtin_dir, load_dirs

    rules = [r for r in load_dirs([builtin_dir()]) if r.id in ("TQ201", "TQ202")]
    for r in rules:
        r.options.update(options.get(r.id, {}))
    return run_stories([s for s, _ in stories], Config(), rules).findings.to_dicts()


ANCHORED = {  # native language -> (translit_pairs language, "<name> said that", clitic "and")
    "ar": ("ara", "{name} قال إن {s}", "و"),
    "ru": ("rus", "{name} заявил, что {s}", ""),
}
_NATIVE_WORD = {"ar": re.compile(r"[\u0621-\u064a]{4,}"), "ru": re.compile(r"[а-яё]{4,}")}


def _anchored_people(devset: Path, l3: str, lang: str, rng: random.Random,
                     n: int) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """People as ((Latin first, native first), (Latin last, native last)), from the
    name-token pairs of ``translit_pairs.tsv`` that ``learn.held_out`` kept out of the
    model's training, so the model has never seen these spellings."""
    from tools.learn_translit import held_out

    tokens = []
    for line in (devset / "names/translit_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        pl, lat, nat, count, _ = line.split("\t")
        if pl != l3 or not held_out(lat.lower(), 5) or not re.fullmatch(r"[a-z]{4,}", lat) \
                or not _NATIVE_WORD[lang].fullmatch(nat) or int(count or 0) < 2:
            continue
        tokens.append((lat.capitalize(), nat.capitalize() if lang == "ru" else nat))
    tokens = sorted(set(tokens))
    rng.shuffle(tokens)
    seen_lat, seen_nat, uniq = set(), set(), []
    for lat, nat in tokens:  # one native spelling per Latin name and the other way round
        if lat not in seen_lat and nat not in seen_nat:
            seen_lat.add(lat)
            seen_nat.add(nat)
            uniq.append((lat, nat))
    half = len(uniq) // 2
    firsts, lasts = uniq[:half], uniq[half:]
    return [(rng.choice(firsts), last) for last in lasts[:n]]


def build_anchored(devset: Path, n_stories: int, seed: int):  # type: ignore[no-untyped-def]
    """Stories of an English version and an Arabic or Russian version of it, about two
    people who are in no authority (name tokens held out from the transliteration
    model's training). Each person is named twice in each version: the full name, then
    the surname (in Arabic a third of surnames carry the clitic "and"). In the planted
    half one of the two native mentions of one person's surname (either) has a dropped
    or doubled letter: TQ202 must find it through the English spelling. Every TQ201 or
    TQ202 finding in the clean half is a false positive."""
    from tqcheck.corpus import Story
    from tqcheck.corpus.txt import from_text

    rng = random.Random(seed + 104729)  # its own stream: the other sets are unchanged
    en_sents = _sentences(devset, "en")
    stories, planted = [], []
    for lang, (l3, said, clitic) in ANCHORED.items():
        people = _anchored_people(devset, l3, lang, rng, 2 * n_stories)
        sents = _sentences(devset, lang)
        for k in range(n_stories):
            sid = f"x{lang}-{k:03d}"
            chosen = people[2 * k: 2 * k + 2]
            plant = k % 2 == 0
            versions = []
            for v, (vl, pat, body_src) in enumerate((("en", LANGS["en"][1], en_sents),
                                                     (lang, said, sents))):
                body = rng.sample(body_src, 6)
                spans: list[tuple[int, int, str, int]] = []  # start, end, surname, person
                parts, pos = [], 0
                for i, s in enumerate(body):
                    if i in (0, 1, 3, 4):
                        who = 0 if i in (0, 3) else 1
                        (lf, nf), (ll, nl) = chosen[who]
                        first, last = (lf, ll) if v == 0 else (nf, nl)
                        full = i in (0, 1)
                        pre = clitic if v == 1 and not full and rng.random() < 0.33 else ""
                        name = f"{first} {last}" if full else pre + last
                        s2 = pat.format(name=name, s=s[0].lower() + s[1:] if v == 0 else s)
                        spans.append((pos + len(name) - len(last), pos + len(name), last, who))
                    else:
                        s2 = s
                    parts.append(s2)
                    pos += len(s2) + 1
                text = "\n".join(parts) + "\n"
                did = f"{sid}/v{v}.{vl}.txt"
                if plant and v == 1:
                    who = rng.randrange(2)
                    st, en, last, _ = rng.choice([sp for sp in spans if sp[3] == who])
                    bad = misspell(last, rng)
                    if bad is not None:
                        text = text[:st] + bad[0] + text[en:]
                        planted.append((sid, did, st, st + len(bad[0]), "TQ202", bad[1]))
                versions.append(from_text(did, text, lang=vl))
            stories.append((Story(sid, versions, explicit=True), plant))
    return stories, planted


def evaluate_anchored(devset: Path, n_stories: int, seed: int,
                      options: dict | None = None) -> dict:
    """TQ201 + TQ202 on the English + Arabic / Russian stories, per language."""
    stories, planted = build_anchored(devset, n_stories, seed)
    rows = _run_names_rules(stories, {"TQ202": options or {}})
    return _score(rows, stories, planted, [f"x{x}" for x in ANCHORED])


def _score(rows: list[dict], stories: list, planted: list, prefixes: list[str]) -> dict:
    plant_of = {s.id: p for s, p in stories}
    out: dict = {}
    for pre in prefixes + ["any"]:
        def ours(sid: str, pre: str = pre) -> bool:
            return pre == "any" or sid.startswith(pre + "-")
        mine = [r for r in rows if ours(r["story"])]
        exp = [p for p in planted if ours(p[0])]
        got = [r for r in mine if plant_of[r["story"]]]
        clean_docs = sum(len(s.documents) for s, p in stories if not p and ours(s.id))
        fp_clean = [r for r in mine if not plant_of[r["story"]]]
        out[pre] = {"expected": len(exp), "found": sum(any(_covers(r, p) for r in got) for p in exp),
                    "findings": len(got), "true": sum(any(_covers(r, p) for p in planted) for r in got),
                    "articles": clean_docs, "false_positives": len(fp_clean),
                    "per_100": 100.0 * len(fp_clean) / max(clean_docs, 1),
                    "examples": [(r["path"], r["text"], r["suggestion"]) for r in fp_clean[:10]],
                    "missed": [p for p in exp if not any(_covers(r, p) for r in got)],
                    "fp_planted": [(r["path"], r["text"], r["suggestion"]) for r in got
                                   if not any(_covers(r, p) for p in planted)]}
        o = out[pre]
        o["precision"] = o["true"] / o["findings"] if o["findings"] else 1.0
        o["recall"] = o["found"] / o["expected"] if o["expected"] else 0.0
    return out


def _authority_file(known: list[tuple[str, str]], folder: Path) -> Path:
    p = folder / "newsroom.toml"
    lines = ["# evaluation authority: people sampled from names.tsv (CC0-1.0)"]
    for i, (first, last) in enumerate(known):
        lines += ["[[entity]]", f'id = "eval-{i}"', 'kind = "person"',
                  f'canonical = "{first} {last}"', "[entity.forms]", f'en = ["{first} {last}"]', ""]
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def evaluate_rules(devset: Path, n_stories: int, seed: int) -> dict:
    stories, planted, known = build(devset, n_stories, seed)
    with tempfile.TemporaryDirectory() as tmp:
        extra = {"extra_authority": [str(_authority_file(known, Path(tmp)))]}
        rows = _run_names_rules(stories, {"TQ201": extra, "TQ202": extra})
    plant_of = {s.id: p for s, p in stories}
    stats: dict = {}
    for rule in ("TQ201", "TQ202", "any"):
        exp = [p for p in planted if rule == "any" or p[4] == rule]
        got = [r for r in rows if (rule == "any" or r["rule_id"] == rule) and plant_of[r["story"]]]
        tp_f = sum(any(_covers(r, p) for p in planted) for r in got)
        found = sum(any(_covers(r, p) for r in got) for p in exp)
        stats[rule] = {"expected": len(exp), "found": found, "findings": len(got),
                       "true": tp_f,
                       "precision": tp_f / len(got) if got else 1.0,
                       "recall": found / len(exp) if exp else 0.0}
    clean = [s for s, p in stories if not p]
    clean_docs = sum(len(s.documents) for s in clean)
    fp_clean = [r for r in rows if not plant_of[r["story"]]]
    stats["clean"] = {"articles": clean_docs, "false_positives": len(fp_clean),
                      "per_100": 100.0 * len(fp_clean) / max(clean_docs, 1),
                      "examples": [(r["path"], r["text"], r["suggestion"]) for r in fp_clean[:10]]}
    by_kind: dict = defaultdict(lambda: [0, 0])
    for p in planted:
        by_kind[p[5].split("/")[0] if p[5] in ("double", "drop") else p[5]][0] += 1
        if any(_covers(r, p) for r in rows):
            by_kind[p[5].split("/")[0] if p[5] in ("double", "drop") else p[5]][1] += 1
    stats["by_kind"] = dict(sorted(by_kind.items()))
    stats["missed"] = [p for p in planted
                       if not any(_covers(r, p) for r in rows)]
    stats["fp_planted"] = [(r["path"], r["text"], r["suggestion"]) for r in rows
                           if plant_of[r["story"]] and not any(_covers(r, p) for p in planted)]
    return stats


def cross_script(devset: Path, sample: int, seed: int, holdout: int = 5,
                 shortlist: int = 40) -> dict[str, dict]:
    """Recall@1 of the old and the learned cross-script scorer on held-out pairs.

    Test pairs are those whose Latin token ``learn.held_out`` left out of training
    (every source, so Arabic includes the Apache-2.0 ``wikipedia-ar2en`` rows the model
    never saw); candidates are all Latin tokens of the language. *before*: the old
    ``cross_score`` (mean of fold and skeleton ratios) over all candidates. *after*:
    a shortlist of ``shortlist`` candidates by rapidfuzz ratio of the model's
    romanisation and by the old score, ranked by ``translit.logprob``. Ties with the
    best count as a hit. numpy is imported here only (rapidfuzz's cdist matrices).
    """
    import math

    import numpy as np
    from rapidfuzz import fuzz, process

    from tqcheck.analysis.names import translit
    from tools.learn_translit import held_out

    pairs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in (devset / "names/translit_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        lang, lat, nat, _count, src = line.split("\t")
        pairs[lang].append((translit.latin(lat), nat, src))
    rng = random.Random(seed)
    out = {}
    for lang in sorted(pairs):
        lat_all = sorted({lt for lt, _, _ in pairs[lang] if lt})
        items = sorted({(lt, n) for lt, n, _ in pairs[lang] if lt and held_out(lt, holdout)})
        rng.shuffle(items)
        items = items[:sample]
        lat_fold = [translit.fold(x) for x in lat_all]
        lat_skel = [translit.skeleton(x) for x in lat_all]
        q_fold = [translit.fold(n) for _, n in items]
        q_skel = [translit.skeleton(n) for _, n in items]
        old = (process.cdist(q_fold, lat_fold, scorer=fuzz.ratio, dtype=np.float32)
               + process.cdist(q_skel, lat_skel, scorer=fuzz.ratio, dtype=np.float32)) / 2
        rom = process.cdist([translit.fold(translit.romanise(n)) for _, n in items], lat_fold,
                            scorer=fuzz.ratio, dtype=np.float32)
        index = {x: i for i, x in enumerate(lat_all)}
        before = after = listed = 0
        true_scores, other_scores, old_true, old_other = [], [], [], []
        for qi, (lt, nat) in enumerate(items):
            t = index[lt]
            before += bool(old[qi][t] >= old[qi].max())
            cand = set(np.argsort(-rom[qi], kind="stable")[:shortlist].tolist())
            cand |= set(np.argsort(-old[qi], kind="stable")[:shortlist // 4].tolist())
            listed += t in cand
            lp = {c: translit.logprob(nat, lat_all[c]) for c in sorted(cand)}
            best = max(lp.values())
            after += bool(t in lp and lp[t] >= best and best > -math.inf)
            true_scores.append(translit.model_score(nat, lt))
            old_true.append(translit.plain_cross_score(nat, lt))
            o = lat_all[rng.randrange(len(lat_all))]
            if o != lt:
                other_scores.append(translit.model_score(nat, o))
                old_other.append(translit.plain_cross_score(nat, o))
        pct = lambda xs, q: float(np.percentile(np.array(xs), q)) if xs else 0.0  # noqa: E731
        out[lang] = {"n": len(items), "latin_tokens": len(lat_all),
                     "before": before / len(items), "after": after / len(items),
                     "shortlisted": listed / len(items),
                     "true_p10": pct(true_scores, 10), "other_p99": pct(other_scores, 99),
                     "old_true_p10": pct(old_true, 10), "old_other_p99": pct(old_other, 99),
                     "true_scores": true_scores, "other_scores": other_scores}
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.eval names")
    ap.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[2].parent
                                                     / "shared" / "devset"))
    ap.add_argument("--stories", type=int, default=60, help="stories per language")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cross-sample", type=int, default=1000)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--cross-only", action="store_true", help="only the cross-script table")
    args = ap.parse_args(argv)
    devset = Path(args.devset)
    if not (devset / "names/names.tsv").is_file():
        print(f"no devset at {devset}")
        return 2
    if args.cross_only:
        return _print_cross(devset, args)
    s = evaluate_rules(devset, args.stories, args.seed)
    print(f"Name rules on {args.stories} stories x {len(LANGS)} languages ({', '.join(LANGS)}), "
          f"2 versions each, seed {args.seed}")
    print(f"{'rule':8} {'planted':>8} {'found':>6} {'findings':>9} {'precision':>10} {'recall':>7}")
    for rule in ("TQ201", "TQ202", "any"):
        r = s[rule]
        print(f"{rule:8} {r['expected']:8d} {r['found']:6d} {r['findings']:9d} "
              f"{100 * r['precision']:9.1f}% {100 * r['recall']:6.1f}%")
    c = s["clean"]
    print(f"clean articles: {c['articles']}, false positives (TQ201+TQ202): {c['false_positives']} "
          f"= {c['per_100']:.2f} per 100 articles")
    print("recall by misspelling kind: " + ", ".join(
        f"{k} {v[1]}/{v[0]}" for k, v in s["by_kind"].items()))
    u = evaluate_uncased(devset, args.stories, args.seed)
    print(f"\nArabic and Hebrew (authority forms, {args.stories} stories each, 2 versions, "
          f"rule TQ201 on native spellings)")
    print(f"{'lang':8} {'planted':>8} {'found':>6} {'findings':>9} {'precision':>10} {'recall':>7}"
          f" {'clean':>6} {'FP':>4} {'FP/100':>7}")
    for lang, r in u.items():
        print(f"{lang:8} {r['expected']:8d} {r['found']:6d} {r['findings']:9d} "
              f"{100 * r['precision']:9.1f}% {100 * r['recall']:6.1f}% {r['articles']:6d} "
              f"{r['false_positives']:4d} {r['per_100']:7.2f}")
    x = evaluate_anchored(devset, args.stories, args.seed)
    print(f"\nUnknown names in Arabic and Russian versions, anchored by the English version "
          f"({args.stories} stories each: en + ar or en + ru; TQ202 across scripts)")
    print(f"{'lang':8} {'planted':>8} {'found':>6} {'findings':>9} {'precision':>10} {'recall':>7}"
          f" {'clean':>6} {'FP':>4} {'FP/100':>7}")
    for key, r in x.items():
        print(f"{key.lstrip('x'):8} {r['expected']:8d} {r['found']:6d} {r['findings']:9d} "
              f"{100 * r['precision']:9.1f}% {100 * r['recall']:6.1f}% {r['articles']:6d} "
              f"{r['false_positives']:4d} {r['per_100']:7.2f}")
    a, t, xa = u["any"], s["any"], x["any"]
    n_found = t["found"] + a["found"] + xa["found"]
    n_exp = t["expected"] + a["expected"] + xa["expected"]
    n_true, n_got = t["true"] + a["true"] + xa["true"], t["findings"] + a["findings"] + xa["findings"]
    n_fp = c["false_positives"] + a["false_positives"] + xa["false_positives"]
    n_art = c["articles"] + a["articles"] + xa["articles"]
    print(f"overall (all three sets): precision {100 * n_true / max(n_got, 1):.1f}%, recall "
          f"{100 * n_found / max(n_exp, 1):.1f}%, clean false positives {n_fp}/{n_art} = "
          f"{100 * n_fp / max(n_art, 1):.2f} per 100")
    if args.verbose:
        for r in x.values():
            for y in r["examples"] + r["fp_planted"]:
                print("  anchored FP:", y)
            for p in r["missed"][:20]:
                print("  anchored missed:", p)
        for r in u.values():
            for x in r["examples"] + r["fp_planted"]:
                print("  ar/he FP:", x)
            for p in r["missed"][:20]:
                print("  ar/he missed:", p)
        for x in c["examples"]:
            print("  clean FP:", x)
        for x in s["fp_planted"][:20]:
            print("  FP:", x)
        for p in s["missed"][:30]:
            print("  missed:", p)
    return _print_cross(devset, args)


def _print_cross(devset: Path, args: argparse.Namespace) -> int:
    cs = cross_script(devset, args.cross_sample, args.seed)
    print("\nCross-script recall@1 on held-out pairs (translit_pairs.tsv: native token -> "
          "best of all Latin tokens of the language)")
    print(f"{'lang':6} {'sample':>7} {'latin tokens':>13} {'before':>7} {'after':>7} "
          f"{'shortlist':>10}  {'score p10 true / p99 other':>27} (old)")
    for lang, r in cs.items():
        print(f"{lang:6} {r['n']:7d} {r['latin_tokens']:13d} {100 * r['before']:6.1f}% "
              f"{100 * r['after']:6.1f}% {100 * r['shortlisted']:9.1f}%  "
              f"{r['true_p10']:12.1f} / {r['other_p99']:5.1f} "
              f"({r['old_true_p10']:.1f} / {r['old_other_p99']:.1f})")
    return 0
