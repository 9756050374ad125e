"""The same name spelled two ways in one article or across the versions of a story.

Mentions of every version (``tqcheck.analysis.names.extract``) are grouped by language: names
are compared only within one language, because languages legitimately transliterate
differently (Zelensky, Selenskyj, Zelenski). Within a language:

1. tokens that are forms of one name (``morph.stems``: Путин / Путина, Putin's) are
   merged into one *form*;
2. two forms are the same name spelled differently when their folds
   (``translit.fold``) are equal (Tymoshenko / Timoshenko, Zelensky / Zelenskyy), or,
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
(Горбачёв votes for Gorbachev over Gorbachov, ويتكوف for Witkoff over Witkov). On a tie the form met
first (by version path, then position) is taken as the reference.

Uncased scripts take part in this same-language comparison through authority tokens
only (their plain tokens cannot be told from ordinary words). They take part through a
*Latin anchor* instead (``_anchored``): for each unknown surname of the story's
Latin-script versions, the Arabic, Hebrew and Cyrillic words of its other versions that
the learned transliteration model matches with it (``translit.cross_score`` at least
``min_vote_score``) are candidates, and two of them whose ``translit.native_key``
spellings (clitics and case endings removed) are ``min_native_similarity`` alike are
one name spelled two ways (غروشيفسكي / غروشفسكي beside Grushevsky in the English
version). The less frequent spelling is flagged; on a tie, the one that writes doubled
letters unlike the Latin name (Cyrillic), then the one the model finds less probable as
its transliteration.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from . import _names as names
from ..corpus import Story
from ..analysis import heavy
from ..analysis.names import translit
from ..analysis.unionfind import UnionFind
from .base import Analyses, Hit

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
    # Arabic, Hebrew and Cyrillic spellings anchored by one Latin name (see the module
    # docstring): rapidfuzz ratio (0-100) of the two ``translit.native_key`` spellings,
    # clitic prefixes and case endings removed. Both words already match the same
    # Latin name (``min_vote_score``), so one dropped or doubled letter is enough (86
    # in a 4-letter key, 89-91 in a 5-letter one). On 150 + 150 evaluation stories
    # (seed 2: English + Arabic, English + Russian) 80 raised Arabic false positives
    # from 0.7 to 2.0 per 100 clean articles for 3 more of 150 errors; 90 lost a
    # quarter of the recall (76% -> 59%).
    "min_native_similarity": 85.0,
    # Shortest native key compared at all (without a leading ال); as TQ201's
    # ``min_native_length``: 3-letter Arabic words are too often one letter apart (at
    # 3, Arabic false positives rose from 0.7 to 2.7 per 100 clean articles on the
    # seed-2 set, recall +1 point).
    "min_native_length": 4,
}
validate = names.validate


# Forms of one name group (language and script) compared pair by pair with ``fuzz.ratio``
# while numpy is not loaded, rather than with ``process.cdist`` (which imports numpy, about
# 0.1 s): 60 forms are 3,600 calls, about a millisecond.
_PLAIN_FORMS = 60


def _ratios(folds: list[str], cutoff: float) -> Any:
    """``process.cdist(folds, folds, scorer=fuzz.ratio, score_cutoff=cutoff)``: its
    float32 matrix, or for a small group without numpy the same values as rows of
    ``array("f")`` (each score rounded to float32 as cdist stores it)."""
    from rapidfuzz import fuzz, process

    if heavy.numpy_loaded() or len(folds) > _PLAIN_FORMS:
        return process.cdist(folds, folds, scorer=fuzz.ratio, score_cutoff=cutoff)
    from array import array

    return [array("f", [fuzz.ratio(a, b, score_cutoff=cutoff) for b in folds]) for a in folds]


def _close_pairs(scores: Any, cutoff: float) -> list[tuple[int, int]]:
    """The pairs of forms (i, j), i < j, in the order of a loop over i then j, whose
    score (``_ratios``) is not under ``cutoff``: the pairs ``check`` compares (it leaves
    the others at once; equal folds score 100, over any cutoff rapidfuzz takes). A
    group of a few hundred forms has tens of thousands of pairs and few close ones:
    numpy finds those in the matrix, instead of a Python step per pair."""
    k = len(scores)  # (a square matrix: one row per form)
    if isinstance(scores, list):  # (a small group scored without numpy)
        return [(i, j) for i in range(k) for j in range(i + 1, k) if not scores[i][j] < cutoff]
    import numpy as np

    rows, cols = np.nonzero(np.triu(~(scores < cutoff), 1))  # (row by row, as the loop)
    return list(zip(rows.tolist(), cols.tolist()))


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:

    docs = [d for d in story.documents if d.problem is None]
    order = {d.id: i for i, d in enumerate(sorted(docs, key=lambda d: d.id))}
    auth = names.authority_for(options, ctx)
    # (language, script, surname): surnames are compared with every other name of their
    # language and script (surname ""); a given name only with the given names of the
    # same surname: Oleksandr and Aleksandr are different people, but Tyller Herro
    # beside Tyler Herro is one person misspelt
    by_lang: dict[tuple[str, str | None, str], list] = defaultdict(list)
    # (script, stem) of every mention, with how many mentions it stands for: a name
    # recurs, and each of its mentions is one vote, the same answer asked once
    others: dict[tuple[str | None, str], int] = defaultdict(int)
    flagged: set[tuple[str, int]] = set()  # (doc, start) of every finding
    for d in docs:
        ms = names.mentions(d, options, ctx).mentions
        last = {m.seq: m for m in ms if m.seq_len > 1 and m.seq_pos == m.seq_len - 1}
        for m in ms:
            if m.acronym or m.caps_line or len(translit.fold(m.text)) < 3:
                continue
            group = ""
            if m.seq_len > 1 and m.seq_pos < m.seq_len - 1:
                if m.seq_pos != m.seq_len - 2 or m.seq not in last:
                    continue
                group = translit.fold(last[m.seq].text)
            by_lang[(m.lang, m.script, group)].append((d.id, m))
            if not group:
                others[(m.script, min(m.stems, key=len) if m.stems else m.text)] += 1
    for (lang, script, group), items in sorted(by_lang.items(),
                                               key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2])):
        # 1. merge forms of one name
        uf: UnionFind[str] = UnionFind()
        stem_owner: dict[str, str] = {}
        for _, m in items:
            low = m.text.lower()
            uf.add(low)
            for s in sorted(m.stems):
                if s in stem_owner:
                    owner = stem_owner[s]
                    if len(owner) == len(low) == len(s) + 1 and owner != low:
                        continue  # a swapped last letter (Nagoya / Nagoye) is no inflection
                    uf.union(owner, low)
                else:
                    stem_owner[s] = low
        forms: dict[str, list] = defaultdict(list)
        for did, m in items:
            forms[uf.find(m.text.lower())].append((did, m))
        keys = sorted(forms)
        if len(keys) < 2:
            continue
        folds = [translit.fold(min(forms[k], key=lambda dm: len(dm[1].text))[1].text) for k in keys]
        known = [any(m.entities for _, m in forms[k]) for k in keys]
        scores = _ratios(folds, options["min_similarity"])
        seen: set[int] = set()
        for i, j in _close_pairs(scores, options["min_similarity"]):
            exact = folds[i] == folds[j]
            if not exact:
                if min(len(folds[i]), len(folds[j])) < options["min_fuzzy_length"]:
                    continue
            if known[i] and known[j]:
                continue  # two forms the authority knows (Sergey / Sergei)
            if all(m.initial for _, m in forms[keys[i]] + forms[keys[j]]):
                continue  # sentence-initial words only: no evidence of a name
            a, b = forms[keys[i]], forms[keys[j]]

            # mentions in other scripts vote for the spelling their transliteration
            # matches better (learned model, ``translit.cross_score``)
            ta, tb = (min(fs, key=lambda dm: len(dm[1].text))[1].text for fs in (a, b))
            va = vb = 0
            for (sc, tok), count in others.items():
                if sc == script:
                    continue
                # (max(cross_score(tok, ta), cross_score(tok, tb)) under the bar,
                # asked without the model's lattice where its bound settles it)
                bar = options["min_vote_score"]
                if not (translit.cross_score_at_least(tok, ta, bar)
                        or translit.cross_score_at_least(tok, tb, bar)):
                    continue
                # doubled letters written alike (Sparre votes for Спарре over
                # Спаре), the model's score, the plain score, then its
                # log-probability (the scores are capped at 100)
                xa, xb = ((-_doubling(tok, t), translit.model_part(tok, t),
                           translit.plain_cross_score(tok, t), _logprob(tok, t))
                          for t in (ta, tb))
                if xa != xb:
                    va, vb = (va + count, vb) if xa > xb else (va, vb + count)

            def weight(fs: list, votes: int) -> tuple:
                first = min((order[did], m.start) for did, m in fs)
                return (len(fs) + votes, tuple(-x for x in first))

            ref, bad = (a, b) if weight(a, va) >= weight(b, vb) else (b, a)
            if known[i] or known[j]:
                # one spelling is a place the authority knows, the other a near
                # spelling the article uses less (Vyetnam beside Vietnam): TQ201
                # matches place names only when their folds are equal, because a
                # place lends its spelling to adjectives and streets elsewhere; two
                # spellings of one place in one article are evidence enough. People
                # and organisations are TQ201's.
                ref, bad = (a, b) if known[i] else (b, a)
                ents = {e for _, m in ref for e in m.entities}
                if not ents or any(auth.entities[e].kind != "place" for e in ents) \
                        or len(bad) > len(ref) or exact:
                    continue  # equal folds of a place are TQ201's
            if id(bad) in seen:
                continue
            if _words_not_names(bad, ref, lang):
                continue
            seen.add(id(bad))
            rdid, rm = min(ref, key=lambda dm: (order[dm[0]], dm[1].start))
            for did, m in bad:
                flagged.add((did, m.start))
                yield Hit(m.start, m.end, doc=did,
                          fields={"suggestion": rm.text, "other": rdid,
                                  "count": len(ref)},
                          suggestion=rm.text, replacement=rm.text, value=float(scores[i][j]) if not exact else 100.0,
                          related=rdid, related_start=rm.start, related_end=rm.end)
    yield from _anchored(docs, order, options, ctx, flagged)


def _words_not_names(bad: list, ref: list, lang: str | None) -> bool:
    """Two spellings that are words, not one name spelled twice: the rarer spelling is
    itself an ordinary word of the language (Position beside Opposition, Schüler beside
    Schule; German capitalises every noun), or one spelling is the other with a whole
    word added in front or behind (Veranstaltung / Veranstaltungsort, Staatsanwaltschaft
    / Bezirksstaatsanwaltschaft: compounds)."""
    from ..analysis.langs import is_common_word

    if all(is_common_word(m.text, lang) for _, m in bad):
        return True
    x, y = sorted((min(fs, key=lambda dm: len(dm[1].text))[1].text.lower() for fs in (bad, ref)),
                  key=len)
    return len(y) - len(x) >= 3 and (y.startswith(x) or y.endswith(x))


def _keys(stems: frozenset[str]) -> frozenset[str]:
    """Stems with the Arabic and Hebrew spelling conventions made equal (أ/ا, ي/ى, ة/ه,
    final letters: ``translit.native_key``): two spellings that differ only so are one
    form, never a finding."""
    return frozenset(translit.native_key(x) for x in stems)


_NO_DOUBLES = ("Arabic", "Hebrew")  # scripts that do not write doubled consonants
_DOUBLE = re.compile(r"(.)\1")


def _doubling(x: str, y: str) -> int:
    """How many more doubled letters one token writes than the other; in Arabic and
    Hebrew, which do not write doubled consonants, how many it writes. The learned model reads Latin doubles as
    single letters, so it cannot tell Спарре from Спаре for Sparre, nor Донни from
    Дони for Doni; this can."""
    from ..analysis.names.authority import script_key

    for a, b in ((x, y), (y, x)):
        if script_key(a) in _NO_DOUBLES:  # any doubled letter there is a slip
            return sum(1 for c in _DOUBLE.findall(a) if c not in "וי")  # Hebrew וו, יי are letters
    return abs(len(_DOUBLE.findall(x.lower())) - len(_DOUBLE.findall(y.lower())))


def _logprob(x: str, y: str) -> float:
    """``translit.logprob`` of a native and a Latin token given in either order; 0 for
    two Latin or two native tokens (no tie is broken)."""
    a, b = translit.model_lang(x), translit.model_lang(y)
    if (a is None) == (b is None):
        return 0.0
    return translit.logprob(y, x) if a is None else translit.logprob(x, y)


# Scripts whose unknown spellings are compared through a Latin anchor: Arabic and
# Hebrew (no case, so their names are only found this way) and Cyrillic.
ANCHORED_SCRIPTS = ("Arabic", "Cyrillic", "Hebrew")


def _split(tok: str, stem: str) -> tuple[str, str]:
    """(prefix, core) of ``tok`` for one of its stems: و + غروشيفسكي; ("", tok) when
    the stem is not a suffix of the token (a case ending was removed instead)."""
    if stem and tok.lower().endswith(stem):
        return tok[: len(tok) - len(stem)], tok[len(tok) - len(stem):]
    return "", tok


class _Cand(NamedTuple):
    """A native word that the model matches with an anchor (one Latin name)."""

    doc: str
    start: int
    end: int
    token: str
    stems: frozenset[str]
    rank: tuple[int, float]  # ties: doubled letters as in the Latin name, then log-probability
    stem: str  # the stem that matched the anchor best
    initial: bool  # sentence-initial: weak evidence of a name


def _anchored(docs, order, options, ctx, flagged):  # type: ignore[no-untyped-def]
    """Two spellings of one unknown name in a non-Latin script, found through the
    name's Latin spelling in another version of the story.

    Anchors are the unknown surnames (or lone names) of the story's Latin-script
    versions. For each anchor, the Arabic, Hebrew and Cyrillic words of the other
    versions (Arabic and Hebrew plain tokens, Cyrillic unknown surnames) whose
    cross-script score (``translit.cross_score``) with it is at least
    ``min_vote_score`` are its *candidates*; candidates that share a stem
    (``morph.stems``: و+name, Грушевского / Грушевский) are one *form*. Two forms of
    one language whose ``native_key`` spellings are ``min_native_similarity`` alike
    are one name spelled two ways: the form with fewer mentions is flagged (on a tie,
    the one whose doubled letters differ from the anchor's, then the one the model
    finds less probable as its transliteration, then the one met later)."""
    anchors, natives = _anchors_and_natives(docs, options, ctx)
    if not anchors or not natives:
        return
    anchors_in_order = sorted(anchors)
    groups = {gkey: _stem_group(toks, anchors_in_order, options["min_native_length"])
              for gkey, toks in natives.items()}
    for k, anchor in enumerate(anchors_in_order):
        for gkey, toks in sorted(natives.items()):
            if not _may_pair(anchor, k, groups[gkey], options):
                continue
            cands = _candidates(anchor, k, toks, groups[gkey], options)
            if len(cands) < 2:
                continue
            forms = _forms(cands, order)
            if len(forms) >= 2:
                yield from _two_spellings(forms, order, options, flagged)


def _anchors_and_natives(docs, options, ctx):  # type: ignore[no-untyped-def]
    """The anchors (unknown Latin surnames or lone names) of the story's versions, and
    their native words by (language, script): (doc, start, end, token, stems, initial)."""
    from ..analysis.names import morph
    from ..analysis.names.authority import script_key

    minlen = options["min_native_length"]
    anchors: set[str] = set()
    natives: dict[tuple[str, str], list] = defaultdict(list)  # (lang, script) -> tokens
    for d in docs:
        ex = names.mentions(d, options, ctx)
        for m in ex.mentions:
            if m.entities or m.acronym or m.caps_line:
                continue
            if m.seq_len > 1 and m.seq_pos < m.seq_len - 1:
                continue  # given names: see ``check``
            if m.script == "Latin":
                base = m.text.split("'")[0].split("\u2019")[0]
                if not m.initial and len(translit.fold(base)) >= minlen:
                    anchors.add(base)
            elif m.script == "Cyrillic":
                natives[(m.lang, m.script)].append((d.id, m.start, m.end, m.text, m.stems,
                                                    m.initial))
        lang = morph.base_lang(ctx.language(d))
        for a, b, tok in ex.plain:
            sc = script_key(tok)
            if sc in ANCHORED_SCRIPTS:
                natives[(lang, sc)].append((d.id, a, b, tok, morph.stems(tok, lang), False))
    return anchors, natives


class _Group(NamedTuple):
    """One (language, script) group of a story's native words, prepared once for all
    of the story's anchors."""

    stems_of: dict[frozenset[str], list[str]]  # a word's stems as scored: long ones first
    toks_of: dict[frozenset[str], list[int]]  # the words (indices) with those stems
    keys_of: dict[str, list[frozenset[str]]]  # the stem sets a stem belongs to
    uniq: list[str]  # every stem scored, sorted
    near: list[list[int]]  # per anchor, the indices (in uniq) of its shortlisted stems
    plain: list[list[float]]  # per anchor, those stems' ``translit.plain_cross_score``
    keys: list[str]  # per stem of uniq, its ``translit.native_key`` (``_may_pair``)


# Stems x anchors of a story shortlisted call by call while numpy is not loaded (three
# rapidfuzz calls a cell: 5,000 cells are some 15,000 calls, a few ms).
_PLAIN_CELLS = 5_000


def _stem_group(toks, anchors, minlen) -> _Group:  # type: ignore[no-untyped-def]
    """The stems each word of a group is scored by (long ones first, those too short to
    compare left out), and the shortlist of every anchor (``translit.SHORTLIST``): all
    computed once per story. A word's answer depends only on its stems, so words
    met again (the same stems) are looked up, not scored; the shortlist is three
    rapidfuzz calls for all stems and all anchors at once, each cell the score the
    per-anchor calls gave (the same scorer on the same two strings)."""
    from rapidfuzz import fuzz, process

    def core_len(stem: str) -> int:
        return len(translit.native_key(stem).removeprefix("ال"))

    stems_of: dict[frozenset[str], list[str]] = {}
    toks_of: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, (*_, stems, _initial) in enumerate(toks):
        key = frozenset(stems)
        if key not in stems_of:
            stems_of[key] = [st for st in sorted(stems, key=lambda x: (-len(x), x))
                             if core_len(st) >= minlen]
        toks_of[key].append(i)
    keys_of: dict[str, list[frozenset[str]]] = defaultdict(list)
    for key, sts in stems_of.items():
        for st in sts:
            keys_of[st].append(key)
    uniq = sorted(keys_of)
    native = list(map(translit.native_key, uniq))
    near: list[list[int]] = []
    plain_of: list[list[float]] = []
    if uniq:
        # (the keys of all stems and anchors at once: ``translit.folds_and_skeletons``)
        roms = translit.folds_of([translit.romanise(st) for st in uniq])
        folds, skels = translit.folds_and_skeletons(uniq)
        afolds, askels = translit.folds_and_skeletons(anchors)
        # max(ratio of the romanisation's fold, plain_cross_score) >= translit.SHORTLIST,
        # the plain score as ``translit.plain_cross_score`` adds it up
        if not heavy.numpy_loaded() and len(uniq) * len(anchors) <= _PLAIN_CELLS:
            # without numpy: the same cells call by call, each anchor's shortlist a list
            near, plain_of = [], []
            for af, ak in zip(afolds, askels):
                cells = [(i, (fuzz.ratio(folds[i], af) + fuzz.ratio(skels[i], ak)) / 2)
                         for i in range(len(uniq))]
                kept = [(i, p) for i, p in cells
                        if max(fuzz.ratio(roms[i], af), p) >= translit.SHORTLIST]
                near.append([i for i, _ in kept])
                plain_of.append([p for _, p in kept])
            return _Group(stems_of, dict(toks_of), dict(keys_of), uniq, near, plain_of, native)
        import numpy as np

        rom = process.cdist(roms, afolds, scorer=fuzz.ratio, dtype=np.float64)
        plain = (process.cdist(folds, afolds, scorer=fuzz.ratio, dtype=np.float64)
                 + process.cdist(skels, askels, scorer=fuzz.ratio, dtype=np.float64)) / 2
        shortlisted = np.maximum(rom, plain) >= translit.SHORTLIST  # stems x anchors
        near = [np.flatnonzero(col).tolist() for col in shortlisted.T]
        plain_of = [plain[idx, k].tolist() for k, idx in enumerate(near)]
    return _Group(stems_of, dict(toks_of), dict(keys_of), uniq, near, plain_of, native)


def _may_pair(anchor, k, group, options) -> bool:  # type: ignore[no-untyped-def]
    """False when the ``k``-th anchor cannot give ``_two_spellings`` a pair, so that
    its words need not be scored (``_candidates``): a pair is two candidates in
    different forms whose matched stems, which are then different stems of its
    shortlist, have ``translit.native_key`` spellings ``min_native_similarity`` alike,
    and both reach the anchor's bar. So when no two stems of the shortlist are that
    alike with both reaching the bar, there is no pair. (Compared with a margin of
    1e-6 under the bar, so that no pair ``_two_spellings`` would compare is missed.)
    On the evaluation's stories and the benchmark's, most anchors end here."""
    from rapidfuzz import fuzz

    idx = group.near[k] if group.uniq else []
    if len(idx) < 2:
        return False
    if len(idx) > _PAIRED_AT_MOST:
        return True  # (the pairs of a long shortlist are not compared: scored as before)
    keys = [group.keys[i] for i in idx]
    bar = options["min_native_similarity"] - 1e-6
    if len(keys) <= _PAIRED_PLAIN or not heavy.numpy_loaded():
        alike = [(a, b) for a in range(len(keys)) for b in range(a + 1, len(keys))
                 if fuzz.ratio(keys[a], keys[b]) >= bar]
    else:  # (the same scores, all pairs at once)
        import numpy as np
        from rapidfuzz import process

        close = np.triu(process.cdist(keys, keys, scorer=fuzz.ratio, dtype=np.float64) >= bar, 1)
        alike = [(int(a), int(b)) for a, b in zip(*np.nonzero(close))]
    if not alike:
        return False
    # the stems asked one by one (``translit.judge``), those with most pairs first; a
    # stem whose every partner has failed the bar is not asked
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in alike:
        partners[a].append(b)
        partners[b].append(a)
    at_least = translit.judge(anchor, options["min_vote_score"])
    reached: dict[int, bool] = {}
    for x in sorted(partners, key=lambda x: (-len(partners[x]), x)):
        if all(reached.get(y) is False for y in partners[x]):
            continue
        reached[x] = at_least(group.uniq[idx[x]], group.plain[k][x])
        if reached[x] and any(reached.get(y) for y in partners[x]):
            return True
    return False


# Stems on one anchor's shortlist compared pairwise by ``_may_pair`` (a few dozen is the
# usual); beyond this many the anchor's words are scored without that test.
_PAIRED_AT_MOST = 200
# ... and up to this many in Python, pair by pair, more at once by ``process.cdist``:
# measured on alike 8-letter keys, 14 stems take 27 µs pair by pair and 48 µs through
# cdist and its numpy steps, 20 stems 62 µs against 30 µs
_PAIRED_PLAIN = 20


def _candidates(anchor, k, toks, group, options) -> list[_Cand]:  # type: ignore[no-untyped-def]
    """The words of one group that the model matches with ``anchor`` (the ``k``-th of
    the story's anchors, in sorted order), each with the stem that matched best: the
    stem of highest ``translit.cross_score``, the first of its word's stems on a tie."""
    if not group.uniq:
        return []
    cutoff = options["min_vote_score"]
    short = [group.uniq[i] for i in group.near[k]]
    # each shortlisted stem scored once, and asked about the bar first, all of them
    # against the anchor at once (``translit.at_least_each``: ``cross_score_at_least``
    # per stem, with what the bound reads of the anchor worked out once, and the plain
    # scores the shortlist computed)
    score: dict[str, float | None] = {
        st: translit.cross_score(st, anchor) if ok else None
        for st, ok in zip(short, translit.at_least_each(short, anchor, cutoff, group.plain[k]))}
    # only the stem sets with a stem on the shortlist can match
    keys = {key for st in short for key in group.keys_of[st]}
    found: list[tuple[int, float, str]] = []
    for key in keys:
        best: tuple[float, str] | None = None
        for st in group.stems_of[key]:
            sc = score.get(st)
            if sc is not None and (best is None or sc > best[0]):
                best = (sc, st)
        if best is not None:
            found.extend((i, *best) for i in group.toks_of[key])
    cands: list[_Cand] = []
    for i, _sc, st in sorted(found):  # in the order of the words
        did, a, b, tok, stems, initial = toks[i]
        cands.append(_Cand(did, a, b, tok, stems,
                           (-_doubling(tok, anchor), translit.logprob(st, anchor)), st, initial))
    return cands


def _forms(cands: list[_Cand], order: dict[str, int]) -> list[list[_Cand]]:
    """Candidates sharing a stem, up to spelling conventions, are one form (in story
    order, each candidate joining the first form it shares a stem with)."""
    forms: list[list[_Cand]] = []
    for c in sorted(cands, key=lambda c: (order[c.doc], c.start)):
        for f in forms:
            if any(_keys(c.stems) & _keys(o.stems) for o in f):
                f.append(c)
                break
        else:
            forms.append([c])
    return forms


def _two_spellings(forms, order, options, flagged) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    """Pairs of forms with alike native spellings: the weaker form is flagged at each
    of its mentions, with the stronger one as the suggestion."""
    from rapidfuzz import fuzz

    def weight(f: list[_Cand]) -> tuple:  # type: ignore[type-arg]
        return (len(f), max(c.rank for c in f), -order[f[0].doc], -f[0].start)

    for i in range(len(forms)):
        for j in range(i + 1, len(forms)):
            a_, b_ = forms[i], forms[j]
            if any((c.doc, c.start) in flagged for c in a_ + b_):
                continue
            if all(c.initial for c in a_ + b_):
                continue  # sentence-initial words only: no evidence of a name
            sim = max(fuzz.ratio(translit.native_key(x.stem), translit.native_key(y.stem))
                      for x in a_ for y in b_)
            if sim < options["min_native_similarity"]:
                continue
            ref, bad = (a_, b_) if weight(a_) >= weight(b_) else (b_, a_)
            r = ref[0]
            _, rcore = _split(r.token, r.stem)
            for c in bad:
                prefix, _ = _split(c.token, c.stem)
                sugg = prefix + rcore  # the flagged word's prefix kept
                flagged.add((c.doc, c.start))
                yield Hit(c.start, c.end, doc=c.doc,
                          fields={"suggestion": sugg, "other": r.doc, "count": len(ref)},
                          suggestion=sugg, replacement=sugg, value=float(sim),
                          related=r.doc, related_start=r.start, related_end=r.end)
