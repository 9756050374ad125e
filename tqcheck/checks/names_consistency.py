"""The same name spelled two ways in one article or across the versions of a story.

Mentions of every version (``tqcheck.names.extract``) are grouped by language: names
are compared only within one language, because languages legitimately transliterate
differently (Zelensky, Selenskyj, Zelenski). Within a language:

1. tokens that are forms of one name (``morph.stems``: Путин / Путина, Putin's) are
   merged into one *form*;
2. two forms are the same name spelled differently when their folds
   (``translit.fold``) are equal (Kostyukov / Kostiukov, Zelensky / Zelenskyy), or,
   for folds of at least ``min_fuzzy_length`` letters, when their similarity
   (rapidfuzz ratio of the folds, all pairs of the story's forms at once with
   ``process.cdist``) is at least ``min_similarity``;
3. pairs where both forms are known to the authority are never flagged (accepted
   variants, or two different known people); pairs where one is known are left to
   TQ201, which suggests the authority's form.

Given names (every token of a name sequence but the last) are not compared: people
who share a story often have similar first names (Oleksandr / Aleksandr).

The form with fewer mentions is flagged at each of its mentions, with the other as
the suggestion; mentions of the name in other scripts count as votes for the form
their transliteration matches better under the learned cross-script model
(Костюков votes for Kostyukov over Kostiukov, ويتكوف for Witkoff over Witkov). On a tie the form met
first (by version path, then position) is taken as the reference.

Uncased scripts take part through authority tokens only (their plain tokens cannot be
told from ordinary words).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .. import names
from ..corpus import Story
from ..names import translit
from . import Hit

SCOPE = "story"
OPTIONS = {
    **names.COMMON_OPTIONS,
    # Fold similarity (0-100) above which two unknown names are one name spelled two
    # ways. Higher than TQ201's 80: without an authority both forms may be real words
    # or names. 85 takes one dropped letter in a 6-letter name (Kovalenko/Kovalnko 94,
    # Moreno/Moren 91); at 88 recall on the devset fell from 84% to 67%.
    "min_similarity": 85.0,
    # Folds shorter than this must be equal: 4-letter names one letter apart (Mara /
    # Marta, Ivan / Ivana) are usually different people.
    "min_fuzzy_length": 5,
    # A mention in another script votes for one of two spellings when its cross-script
    # score (``translit.cross_score``, 0-100) with the closer one is at least this: the
    # same bar as the coverage rules' ``min_cross_score`` (an unrelated pair scores
    # under 40 in 99% of held-out pairs).
    "min_vote_score": 70.0,
}
validate = names.validate


def check(story: Story, options: dict, ctx) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    from rapidfuzz import fuzz, process

    docs = [d for d in story.documents if d.problem is None]
    order = {d.id: i for i, d in enumerate(sorted(docs, key=lambda d: d.id))}
    by_lang: dict[tuple[str, str | None], list] = defaultdict(list)
    others: list[tuple[str | None, str]] = []  # (script, stem) of every mention
    for d in docs:
        for m in names.mentions(d, options, ctx).mentions:
            if m.acronym or m.caps_line or len(translit.fold(m.text)) < 3:
                continue
            if m.seq_len > 1 and m.seq_pos < m.seq_len - 1:
                continue  # a given name: Oleksandr and Aleksandr are different people
            by_lang[(m.lang, m.script)].append((d.id, m))
            others.append((m.script, min(m.stems, key=len) if m.stems else m.text))
    for (lang, script), items in sorted(by_lang.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        # 1. merge forms of one name
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        stem_owner: dict[str, str] = {}
        for _, m in items:
            low = m.text.lower()
            parent.setdefault(low, low)
            for s in sorted(m.stems):
                if s in stem_owner:
                    a, b = find(stem_owner[s]), find(low)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                else:
                    stem_owner[s] = low
        forms: dict[str, list] = defaultdict(list)
        for did, m in items:
            forms[find(m.text.lower())].append((did, m))
        keys = sorted(forms)
        if len(keys) < 2:
            continue
        folds = [translit.fold(min(forms[k], key=lambda dm: len(dm[1].text))[1].text) for k in keys]
        known = [any(m.entities for _, m in forms[k]) for k in keys]
        scores = process.cdist(folds, folds, scorer=fuzz.ratio, score_cutoff=options["min_similarity"])
        seen: set[int] = set()
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                exact = folds[i] == folds[j]
                if not exact:
                    if scores[i][j] < options["min_similarity"]:
                        continue
                    if min(len(folds[i]), len(folds[j])) < options["min_fuzzy_length"]:
                        continue
                if known[i] or known[j]:
                    continue
                if all(m.initial for _, m in forms[keys[i]] + forms[keys[j]]):
                    continue  # sentence-initial words only: no evidence of a name
                a, b = forms[keys[i]], forms[keys[j]]

                # mentions in other scripts vote for the spelling their transliteration
                # matches better (learned model, ``translit.cross_score``)
                ta, tb = (min(fs, key=lambda dm: len(dm[1].text))[1].text for fs in (a, b))
                va = vb = 0
                for sc, tok in others:
                    if sc == script:
                        continue
                    if max(translit.cross_score(tok, ta), translit.cross_score(tok, tb)) \
                            < options["min_vote_score"]:
                        continue
                    xa, xb = ((translit.model_part(tok, t), translit.plain_cross_score(tok, t))
                              for t in (ta, tb))
                    if xa != xb:
                        va, vb = (va + 1, vb) if xa > xb else (va, vb + 1)

                def weight(fs: list, votes: int) -> tuple:
                    first = min((order[did], m.start) for did, m in fs)
                    return (len(fs) + votes, tuple(-x for x in first))

                ref, bad = (a, b) if weight(a, va) >= weight(b, vb) else (b, a)
                if id(bad) in seen:
                    continue
                seen.add(id(bad))
                rdid, rm = min(ref, key=lambda dm: (order[dm[0]], dm[1].start))
                for did, m in bad:
                    yield Hit(m.start, m.end, doc=did,
                              fields={"suggestion": rm.text, "other": rdid,
                                      "count": len(ref)},
                              suggestion=rm.text, value=float(scores[i][j]) if not exact else 100.0,
                              related=rdid, related_start=rm.start, related_end=rm.end)
