"""Script-independent keys for names: transliteration, folding, similarity.

* ``latin(s)``: anyascii's ASCII transliteration (ISC licence), lower-cased, letters
  only. ``Костюков`` -> ``kostyukov``, ``ويتكوف`` -> ``wytkwf``, ``ヴィトコフ`` ->
  ``vitokofu``.
* ``fold(s)``: ``latin`` with the letters that translation and transliteration swap
  made equal: w/v/f and ph, y/j/i, ie/ei, ck/k, and doubled letters collapsed. Two
  spellings with one fold (Tymoshenko / Timoshenko, Sergey / Sergei, Witkoff / Witkov)
  are the same name written two ways.
* ``folds_and_skeletons(words)`` (and ``folds_of``): the folds and skeletons of a
  whole list of words at once, the same strings as word by word (the coverage and
  consistency checks key every word of a version this way).
* ``similarity(a, b)``: rapidfuzz's normalised Indel similarity (0-100) of the folds.
  Checks compare a threshold on it (rule options), never raw edit distances, so that
  long and short names are judged alike.
* ``skeleton`` (consonant key, shared with story grouping in
  ``tqcheck/corpus/grouping.py``) links forms across scripts where vowels are not
  written (Arabic, Hebrew): ``Kushner``, ``Кушнер`` and ``كوشنر`` share ``kshnr``.
"""

from __future__ import annotations

import math
import operator
import re
import sys
from functools import lru_cache
from itertools import compress
from typing import Any

from ..lazyre import Lazy
from ..memo import bounded
from ..text import _SKELETON_FOLD  # the letters ``text.skeleton`` folds, one table
from ..text import skeleton

__all__ = ["latin", "fold", "folds_of", "folds_and_skeletons", "similarity", "skeleton",
           "cross_score", "plain_cross_score", "model_part", "units", "model_lang",
           "load_model", "logprob", "forward", "romanise", "model_score", "native_key", "model_upper",
           "cross_score_at_least", "upper_reaches", "at_least_each", "reaching", "model_at_least"]

_NONLETTER = re.compile(r"[^a-z]")


_FOLD_LETTERS = str.maketrans("wvyj", "ffii")
_DOUBLES = re.compile(r"(.)\1+")


@bounded(65536)  # dict entries only: memo.py
def latin(s: str) -> str:
    if s.isascii():  # anyascii leaves ASCII as it is; skip the call
        return _NONLETTER.sub("", s.lower())
    from anyascii import anyascii

    return _NONLETTER.sub("", anyascii(s).lower())


@bounded(65536)  # dict entries only: memo.py
def fold(s: str) -> str:
    t = latin(s)
    t = t.replace("ph", "f").replace("ck", "k").replace("ie", "i").replace("ei", "i")
    return _DOUBLES.sub(r"\1", t.translate(_FOLD_LETTERS))


# ``fold`` and ``skeleton`` of many words at once (``folds_and_skeletons``): the words
# joined by this separator, which no step of either key matches or removes
_SEP = "\n"
_NONLETTER_SEP = re.compile(r"[^a-z\n]")
_VOWELS_SEP = re.compile(r"[aeiouwyh]")


def folds_of(words: list[str]) -> list[str]:
    """``[fold(w) for w in words]``, computed for the whole list at once
    (``folds_and_skeletons``)."""
    return folds_and_skeletons(words, skeletons=False)[0]


def folds_and_skeletons(words: list[str], skeletons: bool = True) -> tuple[list[str], list[str]]:
    """``[fold(w) for w in words]`` and ``[skeleton(w) for w in words]``, the same
    strings, computed for the whole list at once: every step of both keys (anyascii,
    lower-casing, the replacements, the deletions, doubled letters collapsed) reads
    one character, or two adjacent ones, of one word, so on the words joined by a
    newline (which no word holds, no step removes and ``.`` does not match) each step
    gives the words' results joined the same way. One pass of C string methods over a
    document's few thousand letters instead of a memo miss per word (a text's words
    are mostly new to the bounded memos: a tenth of the coverage check's time went
    there). Words that hold the separator, or whose transliteration does, are keyed
    one by one. Without ``skeletons``, the second list is empty."""
    if not words:
        return [], []
    joined = _SEP.join(words)
    base = _transliterate(joined).lower()
    n = len(words)
    if joined.count(_SEP) != n - 1 or base.count(_SEP) != n - 1:
        return [fold(w) for w in words], [skeleton(w) for w in words] if skeletons else []
    # fold: ``latin`` (letters a-z only), its swaps, doubled letters once
    t = _NONLETTER_SEP.sub("", base)
    t = t.replace("ph", "f").replace("ck", "k").replace("ie", "i").replace("ei", "i")
    folds = _DOUBLES.sub(r"\1", t.translate(_FOLD_LETTERS)).split(_SEP)
    if not skeletons:
        return folds, []
    # skeleton (``text.skeleton``): its swaps on the transliteration, then letters a-z
    # only, no vowels, doubled letters once
    k = base.replace("ph", "f").replace("ck", "k").replace("ts", "s").replace("kh", "k")
    k = _NONLETTER_SEP.sub("", k.translate(_SKELETON_FOLD))
    skels = _DOUBLES.sub(r"\1", _VOWELS_SEP.sub("", k)).split(_SEP)
    return folds, skels


def _transliterate(text: str) -> str:
    """``anyascii(text)``, the same string: anyascii spells each character on its own
    (ASCII as it is), so its spelling of every non-ASCII character met is kept in one
    table (``_SPELLING``: the characters of the texts' scripts, a finite set) and the
    text is spelt by ``str.translate`` in C, not by anyascii's loop per character."""
    if text.isascii():
        return text
    new = set(text) - _SPELT
    if new:
        from anyascii import anyascii

        for ch in new:
            if not ch.isascii():
                _SPELLING[ord(ch)] = anyascii(ch)
        _SPELT.update(new)
    return text.translate(_SPELLING)


# {code point: anyascii's spelling} of the non-ASCII characters ``_transliterate`` met,
# and every character met (ASCII ones stay as they are)
_SPELLING: dict[int, str] = {}
_SPELT: set[str] = set()


# Arabic and Hebrew spellings that are conventions, not misspellings, made equal:
# alef with or without hamza or madda (أ إ آ ٱ -> ا), alef maqsura and ya (ى -> ي), ta
# marbuta and ha (ة -> ه), Persian keyboard ya and kaf (ی -> ي, ک -> ك); Hebrew final
# letters (ך ם ן ף ץ) written as their medial forms. Vowel points, tatweel and the
# Hebrew cantillation marks are dropped.
_NATIVE_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                             "ی": "ي", "ک": "ك", "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ",
                             "ץ": "צ"})
_NATIVE_DROP = re.compile("[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0640]")


@bounded(65536)  # dict entries only: memo.py
def native_key(s: str) -> str:
    """An Arabic or Hebrew token with its spelling conventions normalised (see
    ``_NATIVE_MAP``), lower-cased: the key for exact and fuzzy authority look-up in
    scripts whose transliteration (anyascii) loses too much to compare folds."""
    return _NATIVE_DROP.sub("", s.lower()).translate(_NATIVE_MAP)


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(a), fold(b))


def plain_cross_score(native: str, latin_form: str) -> float:
    """The model-free cross-script score (0-100): the mean of the similarity of the
    folded anyascii transliteration (which keeps vowels where the script writes them)
    and of the consonant skeletons (robust where vowels are not written, as in Arabic
    and Hebrew)."""
    ratio = _ratio()
    return (ratio(fold(native), fold(latin_form)) + ratio(skeleton(native), skeleton(latin_form))) / 2


@lru_cache(maxsize=1)
def _ratio():  # type: ignore[no-untyped-def]
    """rapidfuzz's ``fuzz.ratio``, imported on first use (not at start-up) and then
    kept: an import statement in a function called millions of times is not free."""
    from rapidfuzz import fuzz

    return fuzz.ratio


# The pair scores (``cross_score``, ``model_part``, ``_upper``, ``logprob``)
# are memoised for the pairs that recur within a story: 3-11% of calls hit in an
# archive run, and 32,768 entries (about 7 MB each when full; 262,144 were ~80 MB) hit
# no more than 4,096 do (300 articles: 11,099 against 10,355 of 98,836 bound calls,
# 960 against 952 of 26,735 log-probabilities, the report byte-identical)
@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def cross_score(native: str, latin_form: str) -> float:
    """How well a native-script token matches a Latin one (0-100; either order, or
    two native scripts through the romanisation of each): the higher of the
    learned model's score (``model_score``; Уиткофф / Witkoff, ويتكوف / Witkoff) and
    the model-free ``plain_cross_score`` (which still reads scripts and letters the
    model has not learned, such as Ukrainian і/ї/є or Greek)."""
    return max(model_part(native, latin_form), plain_cross_score(native, latin_form))


# The shortlist before the learned model (a pure-Python lattice per pair, and its bound
# ``model_upper``): a native word is scored against a Latin name (and a Latin word against
# a native name: the same pair from the other side) only when the rapidfuzz ratio of the
# folds of the native word's most probable romanisation (``romanise``) and of the Latin
# one, or their plain cross-script score, reaches this. Of 8,581 real Wikidata pairs (Arabic,
# Hebrew, Russian; 3,000 each, ``names/translit_pairs.tsv``) whose ``cross_score`` reaches
# the rules' bar of 70, 13 (0.15%) fall under 50 (3 under 40, 45 under 55): a true
# spelling is almost never one whose romanisation misses the name by half. 50 rather than
# 40 halves the words that reach the bound (a tenth of a run's time went there).
SHORTLIST = 50.0


def cross_score_at_least(native: str, latin_form: str, cutoff: float) -> bool:
    """``cross_score(native, latin_form) >= cutoff``, the same answer, cheaper: the
    model-free score first, then a bound on the learned model's score
    (``model_upper``), and the model's lattice only when neither settles it."""
    if plain_cross_score(native, latin_form) >= cutoff:
        return True
    # the bound is exact arithmetic apart from rounding (~1e-13 relative); the margin
    # keeps a score that equals the cutoff from being excluded by it
    if not upper_reaches(native, latin_form, cutoff):
        return False
    return model_at_least(native, latin_form, cutoff)


def at_least_each(natives: list[str], latin_form: str, cutoff: float,
                  plain: list[float] | None = None) -> list[bool]:
    """``[cross_score_at_least(x, latin_form, cutoff) for x in natives]``, the same
    answers, for one Latin name against many words (TQ202 asks each anchor about a
    story's native words): what the bound reads of the name alone (its Latin string,
    the need per word length, each unit's and each pair's sums against it) is worked
    out once for all the words (``_reacher``), not once per word. ``plain``: each
    word's ``plain_cross_score`` with the name when the caller has it already."""
    at_least = judge(latin_form, cutoff)
    if plain is None:
        plain = [plain_cross_score(x, latin_form) for x in natives]
    return list(map(at_least, natives, plain))


def judge(latin_form: str, cutoff: float):  # type: ignore[no-untyped-def]
    """``lambda x, plain: cross_score_at_least(x, latin_form, cutoff)``, given ``plain``,
    ``plain_cross_score(x, latin_form)``: ``at_least_each`` one word at a time, for a
    caller that decides which word to ask next from the answers so far."""
    reaches = reaching(latin_form, cutoff)

    def at_least(x: str, plain: float) -> bool:
        return plain >= cutoff or (reaches(x) and model_at_least(x, latin_form, cutoff))
    return at_least


def upper_reaches(x: str, y: str, cutoff: float) -> bool:
    """``model_upper(x, y) >= cutoff - 1e-6``, the same answer, usually without
    finishing the bound: callers only ask whether the bound reaches a bar, and most
    pairs fall short of it within their first units (``_reaches``)."""
    bar = cutoff - 1e-6
    a, b = model_lang(x), model_lang(y)
    if a is None and b is None:
        return 0.0 >= bar
    if a is None:
        return _reaches(y, x, bar)
    if b is None:
        return _reaches(x, y, bar)
    return _reaches(x, romanise(y), bar) or _reaches(y, romanise(x), bar)


def model_upper(x: str, y: str) -> float:
    """An upper bound of ``model_part(x, y)``, in O(units) once a Latin token's sums
    are known (``_unit_mass``). Two native tokens are scored by ``model_part`` each
    against the other's romanisation, so the bound is the higher of the two bounds of
    those (Latin) romanisations: half the cost of the two lattices it replaces, and
    on a run of an archive 98% of such pairs end there."""
    a, b = model_lang(x), model_lang(y)
    if a is None and b is None:
        return 0.0
    if a is None:
        return _upper(y, x)
    if b is None:
        return _upper(x, y)
    return max(_upper(x, romanise(y)), _upper(y, romanise(x)))


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def _upper(native: str, latin_form: str, path: str | None = None) -> float:
    """``model_score``'s value with P(s | u) replaced by an upper bound.

    Every path of the lattice (``forward``) cuts the units into segments of one or two
    units and gives each segment one substring of s; a path is fixed by its segment
    cut and the tuple of strings. Summing, for each segment, its emissions of *every*
    distinct substring of s (``_unit_mass``) and multiplying over the segments counts
    every path's product and more (all terms are >= 0), so the sum over the cuts
    (a recursion over units only) bounds P(s | u). A unit that can emit nothing s
    contains gets only its back-off floor, which is what keeps unrelated words low.

    The first segment of every path emits a prefix of s and the last one a suffix (a
    segment that is both emits all of s), so those segments sum only those substrings
    (``_PREFIX``, ``_SUFFIX``, ``_WHOLE``): the same reasoning, a bound several times
    tighter at the two ends."""
    import math

    lang = model_lang(native)
    u, s = units(native), model_latin(latin_form)
    if lang is None or not u or not s:
        return 0.0
    maxl = _maxl(lang)
    n = len(u)
    if len(s) > maxl * n:
        return 0.0
    table = load_model(path).get(lang, _NO_TABLE)
    c = [0.0] * (n + 1)
    c[0] = 1.0
    for i in range(n):
        v = c[i]
        if v == 0.0:
            continue
        c[i + 1] += v * _unit_mass(table, u[i], s, maxl, True, _ends(i, i + 1, n))
        if i + 2 <= n and table.get(u[i] + u[i + 1]):
            c[i + 2] += v * _unit_mass(table, u[i] + u[i + 1], s, maxl, False, _ends(i, i + 2, n))
    z = c[n]
    if z <= 0.0:
        return 0.0
    return max(0.0, min(100.0, 100.0 + MODEL_SCALE * math.log(z) / n))


# How far under the score a bar needs ``_reaches`` must prove the final sum before it
# stops early: 1e-7 relative is 2.5e-6/n score points, a million times the rounding of
# the sums (~1e-15 relative per operation, a few dozen operations), so a pair the bound
# would carry over the bar is never stopped; pairs in that sliver are finished exactly.
_SAFE = 1.0 - 1e-7


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def _reaches(native: str, latin_form: str, bar: float) -> bool:
    """``_upper(native, latin_form) >= bar``, the same answer, stopping as soon as the
    sum cannot reach the bar.

    ``_upper`` is 100 + MODEL_SCALE * ln(z) / n clamped to 0-100, so over a bar in
    (0, 100] it reaches it exactly when z >= exp((bar - 100) * n / MODEL_SCALE). Its
    recursion adds, unit after unit, c[i] times a segment's mass into c[i + 1] and
    c[i + 2]; before unit i is read, c[i] is complete and c[i + 1] holds the two-unit
    segments that end there, so z = c[i] * Z(i) + c[i + 1] * Z(i + 1), where Z(k) is
    what the units k..n add for this s (Z(n) = 1, Z(n + 1) = 0).

    R(k) >= Z(k): the last unit's sum (a suffix of s) is read first, Z(n - 1) = x
    exactly; Z(n - 2) = (the unit before it, any substring) * x + (the two last units
    together, a suffix) <= M1 * x + that pair's real sum = y, M1 the unit's bound over
    every Latin string (``_seg_mass``); below that each unit and pair is bounded by
    ``_seg_mass`` alone, which makes R(k) = A(k) * x + B(k) * y with A, B from the
    model only (``_plan``). Once c[i] * R(i) + c[i + 1] * R(i + 1) falls under the z
    the bar needs, the answer is no. Otherwise the c[i] are computed exactly as
    ``_upper`` computes them (the same operations in the same order, on the same
    sums: ``_unit_mass``'s memo, and ``_pair_mass``, which gives ``_unit_mass``'s float
    for a two-unit segment), and the last comparison is ``_upper``'s own value
    against the bar."""
    if bar <= 0.0:  # _upper is never negative
        return True
    if bar > 100.0:
        return False
    lang = model_lang(native)
    u, s = units(native), model_latin(latin_form)
    if lang is None or not u or not s:
        return False
    maxl = _maxl(lang)
    n = len(u)
    if len(s) > maxl * n:
        return False
    table, steps, basis, penult = _plan(lang, u)
    need = math.exp((bar - 100.0) * n / MODEL_SCALE) * _SAFE
    return _walk(table, steps, basis, penult, n, maxl, need, bar, s)


def _walk(table, steps, basis, penult, n: int, maxl: int, need: float, bar: float,  # type: ignore[no-untyped-def]
          s: str) -> bool:
    """``_reaches``' answer from its plan of the native word (``_plan``), the need of
    its length and the model's Latin string ``s``."""
    mass = _unit_mass
    pair = _pair_mass
    memo = _MASS
    tid = id(table)
    # the string each kind of segment's sum is keyed by (``_unit_mass``): s, its first
    # maxl letters, its last maxl letters, s; a sum already known is read here, without
    # the call
    keyed = (s, s[:maxl], s[-maxl:], s)
    one, ends1, _, _ = steps[-1]
    x = memo.get((tid, one, keyed[ends1], True, ends1))
    if x is None:
        x = mass(table, one, s, maxl, True, ends1)
    y = 0.0
    if n >= 2:
        two, ends2 = steps[-2][2:]
        y = (penult * x + (pair(two, s, ends2) if two is not None else 0.0)) * _ROUND
    # the recursion with c[i] and c[i + 1] in hand (v, w) and R(i), R(i + 1) computed
    # as they are reached (most pairs stop within their first units): the same
    # operations on the same values, in the same order, as on whole lists
    v, w = 1.0, 0.0
    ra, rb = basis[0]
    r = ra * x + rb * y
    for i, (one, ends1, two, ends2) in enumerate(steps):
        if i + 1 < n:
            ra, rb = basis[i + 1]
            r_next = ra * x + rb * y
        else:
            r_next = 1.0
        if v * r + w * r_next < need:
            return False
        nxt = 0.0  # c[i + 2], which only this unit's two-unit segment has reached
        if v != 0.0:
            m = memo.get((tid, one, keyed[ends1], True, ends1))
            if m is None:
                m = mass(table, one, s, maxl, True, ends1)
            w += v * m
            if two is not None:
                nxt += v * pair(two, s, ends2)
        v, w, r = w, nxt, r_next
    z = v
    if z <= 0.0:
        return False
    return max(0.0, min(100.0, 100.0 + MODEL_SCALE * math.log(z) / n)) >= bar


def _native_reacher(native: str, bar: float):  # type: ignore[no-untyped-def]
    """``lambda latin_form: _reaches(native, latin_form, bar)``, the same answers, for
    one native word against many Latin strings (TQ203 asks a native name about every
    Latin word of a version): the word's plan and the need of its length made once."""
    if bar <= 0.0:  # as ``_reaches``, in its order
        return lambda latin_form: True
    if bar > 100.0:
        return lambda latin_form: False
    lang = model_lang(native)
    u = units(native)
    if lang is None or not u:
        return lambda latin_form: False
    maxl = _maxl(lang)
    n = len(u)
    table, steps, basis, penult = _plan(lang, u)
    need = math.exp((bar - 100.0) * n / MODEL_SCALE) * _SAFE

    def reaches(latin_form: str) -> bool:
        s = model_latin(latin_form)
        if not s or len(s) > maxl * n:
            return False
        return _walk(table, steps, basis, penult, n, maxl, need, bar, s)

    return reaches


def reaching(y: str, cutoff: float):  # type: ignore[no-untyped-def]
    """``lambda x: upper_reaches(x, y, cutoff)``, the same answers, for one word ``y``
    against many: what the bound reads of ``y`` alone is worked out once (a Latin
    ``y``: ``_reacher``; a native one: ``_native_reacher``, and for native words both
    the reacher of its romanisation and its own, as ``upper_reaches`` asks them)."""
    bar = cutoff - 1e-6
    if model_lang(y) is None:
        latin = _reacher(y, bar)

        def reaches(x: str) -> bool:
            if model_lang(x) is None:
                return 0.0 >= bar
            return latin(x)
        return reaches
    own = _native_reacher(y, bar)
    by_rom: list[Any] = []  # the reacher of y's romanisation, made when first needed

    def reaches_native(x: str) -> bool:
        if model_lang(x) is None:
            return own(x)
        if not by_rom:
            by_rom.append(_reacher(romanise(y), bar))
        return by_rom[0](x) or own(romanise(x))
    return reaches_native


def _reacher(latin_form: str, bar: float):  # type: ignore[no-untyped-def]
    """``lambda native: _reaches(native, latin_form, bar)``, the same answers, for many
    native words against one Latin string: ``_reaches``' steps on the same values in
    the same order, with what depends only on the Latin side kept between words (the
    model's string, the need per word length, and per language each unit's sum and
    each two-unit row's sum against it, by the kind of substring: ``_unit_mass`` and
    ``_pair_mass``' floats, asked once per string instead of once per word)."""
    s = model_latin(latin_form)
    needs: dict[int, float] = {}
    per_lang: dict[str, Any] = {}
    mass = _unit_mass
    pair = _pair_mass

    def reaches(native: str) -> bool:
        if bar <= 0.0:  # as ``_reaches``
            return True
        if bar > 100.0:
            return False
        lang = model_lang(native)
        u = units(native)
        if lang is None or not u or not s:
            return False
        got = per_lang.get(lang)
        if got is None:
            # {unit: its sum} and {id(row items): (items, their sum)} per kind of substring
            got = per_lang[lang] = (_maxl(lang), ({}, {}, {}, {}), ({}, {}, {}, {}))
        maxl, units_by_end, pairs_by_end = got
        n = len(u)
        if len(s) > maxl * n:
            return False
        table, steps, basis, penult = _plan(lang, u)
        need = needs.get(n)
        if need is None:
            need = needs[n] = math.exp((bar - 100.0) * n / MODEL_SCALE) * _SAFE
        one, ends1, _, _ = steps[-1]
        known = units_by_end[ends1]
        x = known.get(one)
        if x is None:
            x = known[one] = mass(table, one, s, maxl, True, ends1)
        y = 0.0
        if n >= 2:
            two, ends2 = steps[-2][2:]
            if two is not None:
                kept = pairs_by_end[ends2].get(id(two))
                if kept is None or kept[0] is not two:  # (held with its items: the id stays theirs)
                    kept = pairs_by_end[ends2][id(two)] = (two, pair(two, s, ends2))
                y = (penult * x + kept[1]) * _ROUND
            else:
                y = (penult * x + 0.0) * _ROUND
        v, w = 1.0, 0.0
        ra, rb = basis[0]
        r = ra * x + rb * y
        for i, (one, ends1, two, ends2) in enumerate(steps):
            if i + 1 < n:
                ra, rb = basis[i + 1]
                r_next = ra * x + rb * y
            else:
                r_next = 1.0
            if v * r + w * r_next < need:
                return False
            nxt = 0.0
            if v != 0.0:
                known = units_by_end[ends1]
                m = known.get(one)
                if m is None:
                    m = known[one] = mass(table, one, s, maxl, True, ends1)
                w += v * m
                if two is not None:
                    kept = pairs_by_end[ends2].get(id(two))
                    if kept is None or kept[0] is not two:
                        kept = pairs_by_end[ends2][id(two)] = (two, pair(two, s, ends2))
                    nxt += v * kept[1]
            v, w, r = w, nxt, r_next
        z = v
        if z <= 0.0:
            return False
        return max(0.0, min(100.0, 100.0 + MODEL_SCALE * math.log(z) / n)) >= bar

    return reaches


# raises a bound by 1e-9 relative against the rounding of the sums that made it (~1e-16
# relative per operation)
_ROUND = 1.0 + 1e-9


def _seg_mass(table: dict[str, dict[str, float]], seg: str, single: bool) -> float:
    """An upper bound of ``_unit_mass(table, seg, s, ...)`` for *every* s: the sum of
    the segment's emissions over all Latin strings.

    A two-unit segment emits only through its learned row: at most the row's sum (its
    values are >= 0, and the distinct substrings of s pick some of them, each once).

    A single unit emits ``_emit``'s value: with a learned row, (1 - B) * p + B * back,
    else back, where back = the marginal's value (raised to 0.3 for the one string that
    is the unit's own anyascii letters) plus, for a string of 0-2 letters, 0.01 * 26^-len.
    Summed over distinct strings: p adds at most the row's sum, the marginal at most its
    own sum, the raise to 0.3 at most 0.3 (one string), and the floors, over every
    string of a-z of 0, 1 and 2 letters (``model_latin`` leaves only a-z), 0.01 * (1 +
    26/26 + 676/676) = 0.03. So (1 - B) * rowsum + B * (marginal + 0.33), or marginal
    + 0.33 without a row; the sum is raised by ``_ROUND`` against its own rounding."""
    key = (id(table), seg, single)
    got = _SEG_MASS.get(key)
    if got is None or got[0] is not table:
        row = table.get(seg)
        rowsum = math.fsum(row.values()) if row else 0.0
        if single:
            back = math.fsum(_marginal(table).values()) + 0.3 + 0.03
            v = (1 - _BACKOFF) * rowsum + _BACKOFF * back if row else back
        else:
            v = rowsum
        got = _SEG_MASS[key] = (table, v * _ROUND)
    return got[1]


# {(id(table), segment, single): (table, bound)}: the model's segments and the units met
# (letters of the native scripts), so finite; holds the table against a reused id
_SEG_MASS: dict[tuple[int, str, bool], tuple[dict[str, dict[str, float]], float]] = {}


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def _plan(lang: str, u: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """What ``_reaches`` needs of a native word, whatever the Latin side: the model's
    table; per unit i the segments ``_upper`` reads there (the unit with the kind of
    substring it emits, ``_ends``, and the two-unit segment starting at i with its
    kind, or None where the table has no row for it); (A(k), B(k)) for k = 0..n - 1;
    and the bound of the last unit but one (``_seg_mass``).

    The bound on what units k..n add, for a Latin string whose last unit's sum is x
    and with y as in ``_reaches``, is R(k) = A(k) * x + B(k) * y: R(n - 1) = x, R(n -
    2) = y, and R(k) = M1(u[k]) * R(k + 1) + M2(u[k] + u[k + 1]) * R(k + 2) below,
    the two-unit term only where ``_upper`` uses one (a learned row), each M a
    segment's bound over every Latin string. Every term of Z(k) is a product of one
    mass per segment of some cut, each no more than its bound, so Z(k) <= R(k). A and
    B follow the same recursion from (1, 0) at n - 1 and (0, 1) at n - 2, raised by
    ``_ROUND`` per unit for rounding."""
    table = load_model(None).get(lang, _NO_TABLE)
    n, maxl = len(u), _maxl(lang)
    pairs = _pair_rows(table, maxl)
    steps = []
    for i in range(n):
        # a two-unit segment's emissions that can be substrings of s, in string order
        items = pairs.get(u[i] + u[i + 1]) if i + 2 <= n else None
        steps.append((u[i], _ends(i, i + 1, n), items, _ends(i, i + 2, n)))
    a, b = [0.0] * (n + 1), [0.0] * (n + 1)
    a[n - 1] = 1.0
    if n >= 2:
        b[n - 2] = 1.0
    for k in range(n - 3, -1, -1):
        one, _, two, _ = steps[k]
        m1 = _seg_mass(table, one, True)
        va, vb = m1 * a[k + 1], m1 * b[k + 1]
        if two is not None:
            m2 = _seg_mass(table, u[k] + u[k + 1], False)
            va, vb = va + m2 * a[k + 2], vb + m2 * b[k + 2]
        a[k], b[k] = va * _ROUND, vb * _ROUND
    penult = _seg_mass(table, u[n - 2], True) if n >= 2 else 0.0
    return table, tuple(steps), tuple(zip(a[:n], b[:n])), penult


# a two-unit row's emissions as ``_pair_mass`` reads them: (strings, values)
_Items = tuple[tuple[str, ...], tuple[float, ...]]


def _pair_rows(table: dict[str, dict[str, float]], maxl: int) -> dict[str, _Items]:
    """{segment: its learned row's non-zero emissions of at most ``maxl`` letters, in
    string order, as (strings, values)} for every segment of ``table`` with a row: what
    ``_plan`` reads for each pair of units of a word, made once per table (``_plan``
    made it per word, for every word the bound met). Keyed by the table's id and
    holding the table, like ``_marginal``."""
    key = (id(table), maxl)
    got = _PAIR_ROWS.get(key)
    if got is None or got[0] is not table:
        rows: dict[str, _Items] = {}
        for seg, row in table.items():
            if row:  # (single units' rows too: never asked for, they cost nothing)
                got_items = sorted((ls, p) for ls, p in row.items() if p and len(ls) <= maxl)
                rows[seg] = (tuple(ls for ls, _ in got_items), tuple(p for _, p in got_items))
        got = _PAIR_ROWS[key] = (table, rows)
    return got[1]


_PAIR_ROWS: dict[tuple[int, int], tuple[dict[str, dict[str, float]], dict[str, _Items]]] = {}


def _pair_mass(items: _Items, s: str, ends: int) -> float:
    """``_unit_mass`` of a two-unit segment, the same float, from its row's items
    (``_plan``: the non-zero emissions of at most maxl letters, in string order).

    ``_unit_mass`` adds the row's non-zero values over the distinct substrings of s of
    0 to maxl letters (or its prefixes, suffixes, or s itself), in string order: the
    same values as the row's own emissions that are such substrings, added in the
    same order. A row holds a few emissions and s a few dozen substrings, so this
    reads the row (no memo: it costs less than the look-up would)."""
    # (the strings and the values apart, ``_pair_rows``: which strings s holds is asked
    # by C, through map, and compress keeps their values in order)
    strings, values = items
    if ends == _ANY:
        return 0.0 + sum(compress(values, map(s.__contains__, strings)))
    if ends == _PREFIX:
        return 0.0 + sum(compress(values, map(s.startswith, strings)))
    if ends == _SUFFIX:
        return 0.0 + sum(compress(values, map(s.endswith, strings)))
    return 0.0 + sum(compress(values, map(s.__eq__, strings)))


_MASS: dict[tuple[int, str, str, bool, int], float] = {}
# about 210 bytes an entry. Since two-unit segments are summed from their rows
# (``_pair_mass``), only single units come here and the memo fills slowly: 29,700
# entries after 1,000 articles, so a cap of 100,000 (21 MB) was still being reached in
# the last tenth of a 10k run, whose peak rose with it. 40,000 (8.5 MB) is reached
# early, and most of its keys are new anyway (a unit against one Latin word)
_MASS_CAP = 40_000

# which substrings of s a segment of ``_upper`` may emit: any, a prefix (it starts the
# word), a suffix (it ends it), or s itself (it is the whole word)
_ANY, _PREFIX, _SUFFIX, _WHOLE = 0, 1, 2, 3


def _ends(i: int, j: int, n: int) -> int:
    """The kind of substring a segment of units ``i`` to ``j`` (of ``n``) emits."""
    return _WHOLE if i == 0 and j == n else _PREFIX if i == 0 else _SUFFIX if j == n else _ANY


@lru_cache(maxsize=65536)
def _substrings(s: str, maxl: int, ends: int = _ANY) -> tuple[str, ...]:
    """The distinct substrings of s of 0 to maxl letters ("" included), sorted; with
    ``ends``, only the prefixes, the suffixes, or s itself (if it has maxl letters or
    fewer)."""
    m = len(s)
    if ends == _PREFIX:
        found = {s[:b] for b in range(min(maxl, m) + 1)}
    elif ends == _SUFFIX:
        found = {s[m - b:] for b in range(min(maxl, m) + 1)}
    elif ends == _WHOLE:
        found = {s} if m <= maxl else set()
    else:
        found = {s[j:j + b] for j in range(m + 1) for b in range(maxl + 1) if j + b <= m}
    # interned: the same few thousand letter groups recur in every word, so the 65,536
    # tuples held here share one object each instead of a copy per word (~50 bytes)
    return tuple(map(sys.intern, sorted(found)))


@lru_cache(maxsize=65536)
def _emitting(s: str, maxl: int, ends: int, support: frozenset[str]) -> tuple[str, ...]:
    """``_substrings(s, maxl, ends)`` without the strings of three letters or more that
    are not in ``support`` (``_support``), in the same order. For any substring, the
    b-letter ones are made b at a time by C (``map``: the (b-1)-letter ones but the last,
    each with the next letter added) and those of three letters or more met with
    ``support`` as sets, not kept one by one."""
    if ends != _ANY:
        return tuple(t for t in _substrings.__wrapped__(s, maxl, ends)
                     if len(t) <= 2 or t in support)
    found = {""}
    grams = list(s)  # s[j:j + b] for b = 1
    for b in range(1, maxl + 1):
        if b > 1:
            grams = list(map(operator.add, grams[:-1], s[b - 1:]))
        found.update(grams if b <= 2 else support.intersection(grams))
    return tuple(map(sys.intern, sorted(found)))


def _support(table: dict[str, dict[str, float]]) -> frozenset[str]:
    """The Latin strings of three letters or more that some learned row of ``table``
    emits (the marginal's strings are among them). Keyed by the table's id and holding
    the table, like ``_marginal``."""
    got = _SUPPORT.get(id(table))
    if got is None or got[0] is not table:
        got = _SUPPORT[id(table)] = (table, frozenset(ls for row in table.values() for ls in row
                                                      if len(ls) > 2))
    return got[1]


_SUPPORT: dict[int, tuple[dict[str, dict[str, float]], frozenset[str]]] = {}


def _unit_mass(table: dict[str, dict[str, float]], seg: str, s: str, maxl: int,
               single: bool, ends: int = _ANY) -> float:
    """The emissions of segment ``seg`` summed over every distinct substring of ``s``
    (or only its prefixes, suffixes or s itself: ``ends``): a one-unit segment through
    the back-off as ``logprob`` reads it, a two-unit one through its learned row only."""
    # keyed by the table's id: only ``_upper`` calls this, always with a table of
    # ``load_model`` (held in _MODELS for the whole process) or the constant _NO_TABLE,
    # so an id here never belongs to a table that is gone; a check of identity on
    # every one of these millions of calls would cost more than the sums it saves
    # a prefix of s of maxl letters or fewer is a prefix of s[:maxl], and a suffix one
    # of s[-maxl:]: keyed by those, the sums of words that begin (end) alike are shared
    if ends == _PREFIX:
        s = s[:maxl]
    elif ends == _SUFFIX:
        s = s[-maxl:]
    key = (id(table), seg, s, single, ends)
    v = _MASS.get(key)
    if v is None:
        row: Any = _backed_off(table, seg) if single else (table.get(seg) or {})
        # only the substrings that can emit something: a Latin string of three letters
        # or more emits only through a learned row of the language (the marginal is made
        # of them) or as the unit's own anyascii letters (``_emit``), so the others add
        # 0.0, which the sum skips anyway (the same values in the same order: the same
        # float); a unit whose own letters are such a string and in s is summed over all
        support = _support(table)
        lat = row.lat if single else ""
        if len(lat) > 2 and lat not in support and lat in s:
            subs = _substrings(s, maxl, ends)
        else:
            subs = _emitting(s, maxl, ends, support)
        # the loop of adding each non-zero emission in order, run by C (sum, map)
        v = 0.0 + sum(filter(None, map(row.get, subs)))
        if len(_MASS) > _MASS_CAP:  # bounded memory: both are only shortcuts
            _MASS.clear()
            _BACKED.clear()
        _MASS[key] = v
    return v


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def model_at_least(x: str, y: str, cutoff: float) -> bool:
    """``model_part(x, y) >= cutoff``, the same answer, usually without finishing a
    lattice: the rules only ask whether the model's score reaches their bar, and of
    the pairs whose bound reaches it few reach it (29 of TQ202's 5,554 on 300
    articles; ``_lattice_reaches``)."""
    a, b = model_lang(x), model_lang(y)
    if a is None and b is None:
        return 0.0 >= cutoff
    if a is None:
        return _lattice_reaches(y, x, cutoff)
    if b is None:
        return _lattice_reaches(x, y, cutoff)
    return _lattice_reaches(x, romanise(y), cutoff) or _lattice_reaches(y, romanise(x), cutoff)


def _lattice_reaches(native: str, latin_form: str, cutoff: float) -> bool:
    """``model_score(native, latin_form) >= cutoff``, the same answer, stopping the
    forward lattice (``logprob``) as soon as it cannot reach the bar.

    The score reaches a bar in (0, 100] when z = P(s | u) >= exp((bar - 100) * n /
    MODEL_SCALE). Once unit i is read, every path of the lattice either has a segment
    boundary after unit i + 1, where row a[i + 1] holds its probability so far, or
    covers units i and i + 1 with one two-unit segment, already added into row a[i +
    2]; what the units from k on add to a path from any letter j of s is at most Z(k),
    the sum of ``_upper``'s recursion over those units (each segment's emissions
    summed over every substring of s, the last over its suffixes: ``_unit_mass``, the
    same argument as ``_upper``'s). So z <= sum(a[i + 1]) * Z(i + 1) + sum(a[i + 2])
    * Z(i + 2), and once that falls under the need (with ``_SAFE``'s margin, a million
    times the rounding of the sums) the answer is no. A pair that is not stopped is
    scored by ``model_score`` itself."""
    if not 0.0 < cutoff <= 100.0:
        return model_score(native, latin_form) >= cutoff
    lang = model_lang(native)
    u, s = units(native), model_latin(latin_form)
    if lang is None or not u or not s:
        return False  # ``model_score`` is 0.0, under a bar above 0
    maxl = _maxl(lang)
    n, m = len(u), len(s)
    if m > maxl * n:
        return False
    # Z(k), k = n..1, with Z(n + 1) = 0, from the segments ``_plan`` lists (a unit and
    # the kind of substring it emits; the two-unit row starting there, or None): the
    # sums ``_upper`` reads, raised by ``_ROUND`` per unit for rounding
    table, steps, _, _ = _plan(lang, u)
    z_of = [0.0] * (n + 2)
    z_of[n] = 1.0
    for k in range(n - 1, 0, -1):
        one, ends1, two, ends2 = steps[k]
        v = _unit_mass(table, one, s, maxl, True, ends1) * z_of[k + 1]
        if two is not None:
            v += _pair_mass(two, s, ends2) * z_of[k + 2]
        z_of[k] = v * _ROUND
    need = math.exp((cutoff - 100.0) * n / MODEL_SCALE) * _SAFE
    # ``forward``'s lattice, row by row (the same rows: ``logprob``'s emissions); the
    # last unit's row is the score's own, so the rows read stop before it
    if n >= 2:
        single = {x: _backed_off(table, x) for x in u}.get
        a = [[0.0] * (m + 1) for _ in range(n + 1)]
        a[0][0] = 1.0
        for i in _forward_rows(u, s, maxl, single, table.get, a):
            if sum(a[i + 1]) * z_of[i + 1] + sum(a[i + 2]) * z_of[i + 2] < need:
                return False
            if i == n - 2:
                break
    return model_score(native, latin_form) >= cutoff


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def model_part(x: str, y: str) -> float:
    """The learned model's score (0-100) of two tokens in either order; 0 when both
    are Latin. Finer than ``plain_cross_score``, which folds y/i and w/v away: Литвиненко
    scores Litvinenko above Lytvynenko."""
    a, b = model_lang(x), model_lang(y)
    if a is None and b is None:
        return 0.0
    if a is None:  # given the other way round: the Latin form first
        return model_score(y, x)
    if b is None:
        return model_score(x, y)
    # two native scripts (Russian source, Arabic version): each against the other's
    # most probable romanisation
    return max(model_score(x, romanise(y)), model_score(y, romanise(x)))


# --- learned cross-script model ---------------------------------------------------
#
# ``tqcheck/analysis/names/transliteration.tsv`` (made by ``python -m tools.learn_translit``
# from CC0 Wikidata name pairs) gives, per language, P(Latin segment | native
# segment) for native segments of one or two *units*. The probability that a Latin
# token is a transliteration of a native one sums over every way of cutting both into
# aligned segments (forward algorithm, ``logprob``). ``model_score`` turns it into
# 0-100 as the geometric mean probability per native unit; ``romanise`` is the single
# most probable Latin spelling, used to shortlist candidates with rapidfuzz before
# the exact (slower) ``logprob`` ranks them.

_HANGUL = Lazy(r"[\uac00-\ud7a3]")  # (compiled on first use: 11,000 code points)
_GERESH = "'’ʼ\u05f3"
_DROP = "\u0640\u30fb\u00b7"  # tatweel, katakana middle dot, middle dot
_SCRIPT_LANG = {"Cyrillic": "rus", "Arabic": "ara", "Hebrew": "heb", "Katakana": "jpn",
                "Hiragana": "jpn", "Hangul": "kor", "Han": "zho"}
# Smoothing: every single unit keeps this share of its mass for emissions the table
# lacks (its anyascii letters, or any 0-2 letters), so an unseen letter or an odd
# spelling lowers a score without making it impossible.
_BACKOFF = 0.02


@bounded(65536)  # dict entries only: memo.py
def units(s: str) -> tuple[str, ...]:
    """A native token cut into the units the model aligns: lower-cased letters (NFC),
    Hangul syllables split into their jamo, a letter followed by a geresh or apostrophe
    kept as one unit (ג' = j); points and vowel signs of Arabic and Hebrew dropped."""
    import unicodedata

    t = unicodedata.normalize("NFC", s.lower())
    t = _HANGUL.sub(lambda m: unicodedata.normalize("NFD", m.group()), t)
    out: list[str] = []
    for ch in t:
        if ch in _GERESH:
            if out:
                out[-1] += "'"
            continue
        if ch in _DROP:
            continue
        if ch.isalpha() or ("\u1100" <= ch <= "\u11ff"):
            out.append(ch)
    # interned: a letter outside Latin-1 is a new string each time it is read, and the
    # 65,536 tuples held here (and the model's rows, keyed by the same letters) then
    # shared none; one object per distinct unit instead
    return tuple(map(sys.intern, out))


@bounded(65536)  # dict entries only: memo.py
def model_lang(s: str) -> str | None:
    """The model language for a native token (from its script), or None for Latin."""
    if s.isascii():  # every ASCII letter is Latin: half the words a run asks about
        return None
    from ..text import script_of

    found = None
    for ch in s:
        if ch.isalpha():
            sc = script_of(ch)
            if sc in ("Katakana", "Hiragana"):
                return "jpn"
            found = found or _SCRIPT_LANG.get(sc)
    return found


_MODELS: dict[str, dict[str, dict[str, dict[str, float]]]] = {}


@lru_cache(maxsize=1)
def default_model_path() -> str:
    """The model shipped with this module (package data, beside this file); resolved
    once per process (it was resolved on every scored pair: a third of a run's time
    went into ``Path.resolve``)."""
    from pathlib import Path

    return str(Path(__file__).resolve().with_name("transliteration.tsv"))


def load_model(path: str | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """{lang: {native segment: {latin segment: probability}}}, cached per path."""
    path = path or default_model_path()
    if path not in _MODELS:
        from pathlib import Path

        model: dict[str, dict[str, dict[str, float]]] = {}
        p = Path(path)
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                lang, ns, ls, prob = line.split("\t")
                model.setdefault(lang, {}).setdefault(ns, {})["" if ls == "-" else ls] = float(prob)
        _MODELS[path] = model
    return _MODELS[path]


def _marginal(table: dict[str, dict[str, float]]) -> dict[str, float]:
    """The language's Latin segments, each with its mean probability over the single
    units: the back-off emission of a unit for a segment its own row lacks."""
    # keyed by the table's id, and holding the table itself: the id of a table that is
    # gone may be reused by another, which must not find this one's sums
    key = id(table)
    got = _MARGINALS.get(key)
    if got is None or got[0] is not table:
        singles = [row for seg, row in table.items() if len(seg) == 1 or seg.endswith("'")
                   and len(seg) == 2]
        tot: dict[str, float] = {}
        for row in singles:
            for ls, p in row.items():
                tot[ls] = tot.get(ls, 0.0) + p / len(singles)
        got = _MARGINALS[key] = (table, tot)
    return got[1]


_MARGINALS: dict[int, tuple[dict[str, dict[str, float]], dict[str, float]]] = {}


def _emit(table: dict[str, dict[str, float]], seg: str, ls: str, single: bool) -> float:
    row = table.get(seg)
    p = row.get(ls, 0.0) if row else 0.0
    if not single:
        return p
    # back-off: the language's usual Latin segments (a vowel, "ch", "el"), or the
    # unit's anyascii letters, or any one or two letters at a small floor
    back = _marginal(table).get(ls, 0.0)
    if ls == latin(seg):
        back = max(back, 0.3)
    if len(ls) <= 2:
        back += 0.01 * 26.0 ** -len(ls)
    return (1 - _BACKOFF) * p + _BACKOFF * back if row else back


# Latin letters one native segment may emit: 3 covers "дж"->"j", "щ"->"shch"; the
# consonant letters of Arabic and Hebrew carry unwritten vowels ("ك"->"ka", "و"->"oa"),
# and a Han character a whole syllable ("斯"->"s", "蘭"->"lan"), so those get 4.
MAX_LATIN = {"ara": 4, "heb": 4, "zho": 4}


def _maxl(lang: str) -> int:
    return MAX_LATIN.get(lang, 3)


@bounded(65536)  # dict entries only: memo.py
def model_latin(s: str) -> str:
    """The Latin side as the model reads it: ``latin`` with doubled letters written
    once (Arabic, Hebrew and the other scripts do not show them: Hammoud / حمود)."""
    return re.sub(r"(.)\1+", r"\1", latin(s))


@lru_cache(maxsize=4096)  # the size: see the note above cross_score
def logprob(native: str, latin_form: str, path: str | None = None) -> float:
    """log P(latin_form | native) under the learned model (-inf when impossible)."""
    import math

    lang = model_lang(native)
    u, s = units(native), model_latin(latin_form)
    if lang is None or not u or not s:
        return -math.inf
    maxl = _maxl(lang)
    if len(s) > maxl * len(u):  # no cut reaches the end: every segment emits <= maxl per unit
        return -math.inf
    table = load_model(path).get(lang, _NO_TABLE)
    # a single unit always emits, through the back-off (``_emit``); a two-unit segment
    # only as its learned row says
    backed = {x: _backed_off(table, x) for x in u}
    z = forward(u, s, maxl, backed.get, table.get)[-1][-1]
    return math.log(z) if z > 0.0 else -math.inf


_NO_TABLE: dict[str, dict[str, float]] = {}


class _BackedOff(dict):  # type: ignore[type-arg]
    """The emissions of one single unit at run time: its learned row smoothed with the
    back-off (``_emit``), read through ``get`` like a row of the table. Each value is
    computed once per process and kept (``__missing__``): the same units meet the same
    Latin segments in every pair scored."""

    __slots__ = ("seg", "table", "row", "marg", "lat")
    get = dict.__getitem__  # type: ignore[assignment]  # a miss goes to __missing__

    def __init__(self, table: dict[str, dict[str, float]], seg: str) -> None:
        super().__init__()
        self.table, self.seg = table, seg
        # what ``_emit`` looks up on every call, looked up once per unit: a run meets
        # hundreds of thousands of new (unit, Latin segment) pairs, each read here
        self.row, self.marg, self.lat = table.get(seg), _marginal(table), latin(seg)

    def __missing__(self, ls: str) -> float:
        # ``_emit(self.table, self.seg, ls, True)``, the same operations in the same
        # order (so the same float), without its look-ups
        back = self.marg.get(ls, 0.0)
        if ls == self.lat:
            back = max(back, 0.3)
        if len(ls) <= 2:
            back += _FLOORS[len(ls)]
        row = self.row
        v = self[ls] = (1 - _BACKOFF) * row.get(ls, 0.0) + _BACKOFF * back if row else back
        return v


# ``_emit``'s floor of a Latin segment of 0, 1 or 2 letters, by its length
_FLOORS = tuple(0.01 * 26.0 ** -k for k in range(3))


_BACKED: dict[tuple[int, str], _BackedOff] = {}


def _backed_off(table: dict[str, dict[str, float]], seg: str) -> _BackedOff:
    """The memoised emissions of ``seg`` under ``table`` (a table of ``load_model``, kept
    for the process, so its id is stable)."""
    key = (id(table), seg)
    row = _BACKED.get(key)
    if row is None or row.table is not table:  # a reused id of a table that is gone
        row = _BACKED[key] = _BackedOff(table, seg)
    return row


def forward(u: tuple[str, ...], s: str, maxl: int, single, double):  # type: ignore[no-untyped-def]
    """The forward lattice of the transliteration model, shared by the run-time scorer
    (``logprob``) and the trainer (``learn.train``): ``a[i][j]`` is the probability
    that the units ``u[:i]`` emit the Latin letters ``s[:j]``, summed over every cut of
    both into aligned segments (1 or 2 units emitting 0 to ``maxl`` letters), so
    ``a[-1][-1]`` is P(s | u). ``single(seg)`` and ``double(seg)`` give the emissions of
    a one-unit and a two-unit segment as a mapping read with ``.get(latin_segment)``
    (a falsy value: no emission), or None when the segment cannot be used. The trainer
    passes its table's ``get`` for both; the run time smooths single units with the
    back-off (``_BackedOff``)."""
    a = [[0.0] * (len(s) + 1) for _ in range(len(u) + 1)]
    a[0][0] = 1.0
    for _i in _forward_rows(u, s, maxl, single, double, a):
        pass
    return a


def _forward_rows(u: tuple[str, ...], s: str, maxl: int, single, double, a):  # type: ignore[no-untyped-def]
    """Fills ``forward``'s lattice ``a`` (zeros, with a[0][0] = 1) unit by unit, giving
    i once the segments that start at unit i have been added (rows i + 1 and i + 2 then
    hold every path through them), for i = 0..n - 1: ``model_at_least`` stops reading
    when the rows show its bar out of reach."""
    n, m = len(u), len(s)
    # the Latin segments that start at each letter j (s[j:j + b], b = 0..maxl within s),
    # cut once for every unit rather than once per unit and row
    pieces = [[s[j:j + b] for b in range(min(maxl, m - j) + 1)] for j in range(m + 1)]
    for i in range(n):
        # the rows of the segments starting at unit i, looked up once (not per j); the
        # sums are added in the same order as ever, so the floats are the same
        rows = [(a[i + 1], single(u[i]))]
        if i + 2 <= n:
            rows.append((a[i + 2], double(u[i] + u[i + 1])))
        rows = [(dest, row.get) for dest, row in rows if row is not None]
        ai = a[i]
        for j in range(m + 1):
            v = ai[j]
            if v == 0.0:
                continue
            here = pieces[j]
            for dest, get in rows:
                for b, piece in enumerate(here):
                    p = get(piece)
                    if p:
                        dest[j + b] += v * p
        yield i


def model_score(native: str, latin_form: str, path: str | None = None) -> float:
    """0-100: the geometric mean emission probability per native unit, scaled so that
    a typical true pair scores 60-100 and an unrelated one under 30 (see
    ``MODEL_SCALE``)."""
    import math

    # (asked as the rules ask it, without a path, when there is none: the memo keys
    # logprob(x, y) and logprob(x, y, None) apart, and TQ202 asks both of one pair)
    lp = logprob(native, latin_form) if path is None else logprob(native, latin_form, path)
    if lp == -math.inf:
        return 0.0
    per_unit = lp / max(len(units(native)), 1)
    return max(0.0, min(100.0, 100.0 + MODEL_SCALE * per_unit))


# Points lost per nat of log-probability per native unit. With 25, on held-out pairs
# (python -m tools.eval names prints the distribution) 90% of true Cyrillic pairs
# score 76+ and 99% of unrelated pairs of every script score under 46, so the rules'
# bar of 70 separates them; Arabic and Hebrew true pairs spread lower (p10 20-26),
# which is why ``cross_score`` keeps the model-free score as a floor.
MODEL_SCALE = 25.0


_LIKELIEST: dict[int, tuple[dict[str, float], tuple[str, float]]] = {}


def _likeliest(row: dict[str, float]) -> tuple[str, float]:
    """The most probable emission of a learned row (the later string on a tie), found
    once per row: ``romanise`` asks it for every unit of every word. Keyed by the row's
    id and holding the row: rows belong to tables of ``load_model``, kept for the
    process, so the key set is the model's rows (finite)."""
    got = _LIKELIEST.get(id(row))
    if got is None or got[0] is not row:
        got = _LIKELIEST[id(row)] = (row, max(row.items(), key=lambda kv: (kv[1], kv[0])))
    return got[1]


@lru_cache(maxsize=65536)
def romanise(native: str, path: str | None = None) -> str:
    """The most probable Latin spelling of ``native`` (Viterbi over segmentations;
    anyascii for a token the model cannot read)."""
    lang = model_lang(native)
    u = units(native)
    if lang is None or not u:
        return latin(native)
    table = load_model(path).get(lang, {})
    if not table:
        return latin(native)
    likely = _likely(table)
    n = len(u)
    best: list[tuple[float, str]] = [(1.0, "")] + [(0.0, "")] * n
    for i in range(n):
        p0, s0 = best[i]
        if p0 == 0.0:
            continue
        one = u[i]
        ls, p = likely.get(one) or (latin(one), _BACKOFF)
        if p0 * p > best[i + 1][0]:
            best[i + 1] = (p0 * p, s0 + ls)
        if i + 2 <= n:
            got = likely.get(one + u[i + 1])
            if got and p0 * got[1] > best[i + 2][0]:
                best[i + 2] = (p0 * got[1], s0 + got[0])
    return best[n][1] or latin(native)


def _likely(table: dict[str, dict[str, float]]) -> dict[str, tuple[str, float]]:
    """{segment: its most probable emission (``_likeliest``)} for the segments of
    ``table`` with a learned row, made once per table: ``romanise`` reads one or two per
    unit of every word, and a row's look-up and its ``_likeliest`` were most of its
    time. Keyed by the table's id and holding the table, like ``_marginal``."""
    got = _LIKELY.get(id(table))
    if got is None or got[0] is not table:
        got = _LIKELY[id(table)] = (table, {seg: _likeliest(row) for seg, row in table.items() if row})
    return got[1]


_LIKELY: dict[int, tuple[dict[str, dict[str, float]], dict[str, tuple[str, float]]]] = {}
