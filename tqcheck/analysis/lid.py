"""Language identification: langdetect's model, deterministic and cheap to start.

Method
------
langdetect (a port of Shuyo's language-detection) scores a text with per-language
frequencies of character 1-3-grams ("profiles", one JSON file per language in the
langdetect package). Its stock factory loads all 55 profiles and builds one
55-column probability table for every n-gram of every profile: about 0.3 s of the
0.4 s a one-story run used to spend on language identification.

This module keeps langdetect's model and scoring (``langdetect.detector.Detector``)
and changes only how the model is fed and how fast its steps run:

* **Profiles by script.** A text's letters say which languages are possible at all: a
  Cyrillic text cannot be French. ``SCRIPT_LANGS`` maps every script to the langdetect
  languages written in it (``tests/test_lid.py`` checks the map against the profiles'
  own letter statistics). Only those profiles are read, once per process each.
* **A lazy table.** The n-gram -> probabilities table is built per n-gram when the
  detector first asks for it, so a 3 KB article touches a few hundred entries
  instead of 185,000.
* **Candidates.** ``detect(text, languages=[...])`` restricts the answer to the
  languages a newsroom publishes (``languages`` in the config) when the text's best
  language is one of them: it separates close neighbours (da/no, hr/sl, id/ms) better
  than a 55-way guess. A text whose best language is *not* published keeps that
  answer, so a check can say so.
* **langdetect's steps, fewer Python calls.** The detector is langdetect's own with
  five methods rewritten to the same results (``_detector_class``): the text is taken
  in and cleaned with regular expressions, the n-grams are extracted in one loop over the
  once-normalised text, and each n-gram drawn updates
  and normalises the probabilities by whole rows, with the same arithmetic in the same
  order, so the same seed draws the same n-grams and gives the same probabilities.
* **Determinism.** Profiles are read in sorted order and every detector is seeded
  (``SEED``): the same text gives the same answer, byte for byte, on every run.

Weak evidence is reported, not guessed: fewer than ``MIN_LETTERS`` letters, or a
script no langdetect profile covers (Armenian, Georgian, Ethiopic, ...), gives
``Detection(None, 0.0)`` with the ``reason``.

**Close neighbours** (``CONFUSABLE``). langdetect's character 1-3-grams cannot tell
some related languages apart in one sentence: Catalan is read as Spanish, Bokmål and
Danish as each other, Czech as Slovak, Croatian as Slovene, Bulgarian as Macedonian.
Words tell them apart where letters do not ("els", "amb" vs "los", "con"; "af",
"nogle" vs "av", "noen"). When langdetect's best answer belongs to such a group, the
text's words are scored against the word frequencies of every member the scripts
allow (``wordfreq``'s "small" lists, the most frequent 10^4-10^5 words of each
language from web, subtitle, news and Wikipedia text): a unigram naive Bayes with a
floor for unknown words. The words override langdetect only when another member is
more likely by ``WORD_MARGIN`` (a factor of ten); names and numbers score the floor
in every member and so decide nothing. Measured on the devset (held-out odd lines),
single sentences went from 96.66 % to 97.27 % macro correct and word-pair wrong
answers from 1.39 % to 1.14 % (``python -m tools.eval lid --words off`` for before).

``profile_scores(text, langs)`` is the cheap signal the passage check uses before
paying for a detection: a deterministic naive-Bayes score of the same profiles.
"""

from __future__ import annotations

import json
import re
import sys
import weakref
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, reduce
from itertools import chain, compress, repeat
from operator import add
from pathlib import Path
from typing import Any

from . import heavy
from .memo import CacheInfo, Memo, bounded

# a word for the word lists and trigrams: letters only (digits and apostrophes split it)
_LETTERS = re.compile(r"[^\W\d_]+")
SEED = 0
# Below this much evidence langdetect guesses more than it detects: Latin two-word
# headlines (about 12 letters) are wrong about one time in eight on the devset.
MIN_LETTERS = 20
# Between SHORT_LETTERS and MIN_LETTERS an answer would be given only when langdetect
# is this sure. Measured on the devset's word pairs, a band from 12 letters took wrong
# answers from 1 % to 8 % (langdetect says 1.0 for many wrong short answers), so the
# band is closed: SHORT_LETTERS = MIN_LETTERS.
SHORT_LETTERS = MIN_LETTERS
SHORT_CONFIDENCE = 0.999
# A script that only one language with a profile uses (Greek, Hebrew, Thai, Hangul,
# Bengali, ...) names the language from this many letters on.
SCRIPT_ONLY_LETTERS = 4
# An ideograph or a Hangul syllable carries the information of several Latin letters:
# a seven-character Chinese headline is as much evidence as 20 Latin letters.
_WEIGHT = {"Han": 3, "Hangul": 2}
# A script takes part in the candidate set when it has at least this share of the
# letters: a Russian quote in an English article (or "COVID" in Russian text) does not
# make every Latin-script language possible, a Cyrillic paragraph does.
MIN_SCRIPT_SHARE = 0.15

# Every langdetect 1.0.9 language, by the script it is written in. Han is shared by
# Chinese and Japanese; kana mark Japanese, Hangul Korean.
SCRIPT_LANGS: dict[str, tuple[str, ...]] = {
    "Latin": ("af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu",
              "id", "it", "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq",
              "sv", "sw", "tl", "tr", "vi"),
    "Cyrillic": ("bg", "mk", "ru", "uk"),
    "Arabic": ("ar", "fa", "ur"),
    "Hebrew": ("he",),
    "Greek": ("el",),
    "Devanagari": ("hi", "mr", "ne"),
    "Bengali": ("bn",),
    "Gurmukhi": ("pa",),
    "Gujarati": ("gu",),
    "Tamil": ("ta",),
    "Telugu": ("te",),
    "Kannada": ("kn",),
    "Malayalam": ("ml",),
    "Thai": ("th",),
    "Hangul": ("ko",),
    "Hiragana": ("ja",),
    "Katakana": ("ja",),
    "Han": ("ja", "zh-cn", "zh-tw"),
}
SUPPORTED = tuple(sorted({lang for langs in SCRIPT_LANGS.values() for lang in langs}))

# Codes a newsroom declares -> the langdetect profile(s) that stand for them.
_TO_PROFILES = {"zh": ("zh-cn", "zh-tw"), "nb": ("no",), "nn": ("no",)}
# langdetect's answers -> the codes reports show (Norwegian is Bokmål in its profile).
_FROM_PROFILE = {"no": "nb"}

# langdetect's known confusable groups (profile names): related languages whose
# character n-grams overlap so much that single sentences go to the neighbour. On the
# devset's sentences before this second opinion: ca->es 36, nb->da 36, da->nb 22,
# cs->sk 15, hr->sl 13, cs->sl 11, bg->mk 11, uk->ru 10, sv->nb 9 (of 500 each).
# af/nl is confusable too but wordfreq has no Afrikaans list, so it is not a group.
CONFUSABLE: tuple[tuple[str, ...], ...] = (
    ("ca", "es", "pt"),
    ("da", "no", "sv"),
    ("cs", "hr", "sk", "sl"),
    ("bg", "mk", "ru", "uk"),
)
_GROUP_OF = {m: g for g in CONFUSABLE for m in g}
# The words must make another member this much more likely (log10 of the likelihood
# ratio) before langdetect's answer is changed: 1 = ten times. On the devset's even
# lines 0.5, 1 and 2 gave the same macro accuracy within 0.03 points; 1 is the middle.
WORD_MARGIN = 1.0
# Frequency given to a word a list does not have: the "small" lists stop near 1e-6,
# so an unknown word is taken as ten times rarer than the rarest listed one.
WORD_FLOOR = 1e-7


@dataclass(frozen=True)
class Detection:
    lang: str | None  # None: undetermined
    confidence: float
    # The runner-up languages with their probabilities, best first (lang included).
    ranking: tuple[tuple[str, float], ...] = ()
    letters: int = 0
    reason: str = ""  # why undetermined: "too short", "no profile for <script>"
    # The best language among all candidates of the script, before restricting to
    # the published ones: differs from ``lang`` only when config languages apply.
    unrestricted: str | None = None


def profiles_for(code: str) -> tuple[str, ...]:
    """langdetect profile names that stand for a declared language code."""
    c = code.lower()
    if c in _TO_PROFILES:
        return _TO_PROFILES[c]
    if c in SUPPORTED:
        return (c,)
    base = c.split("-", 1)[0]
    if base in _TO_PROFILES:
        return _TO_PROFILES[base]
    return (base,) if base in SUPPORTED else ()


def supported(code: str | None) -> bool:
    """Can the detector answer ``code`` at all (else a mismatch cannot be judged)?"""
    return bool(code) and bool(profiles_for(code or ""))


def report_code(profile: str) -> str:
    return _FROM_PROFILE.get(profile, profile)


@lru_cache(maxsize=1)
def _profile_dir() -> Path:
    import langdetect

    return Path(langdetect.__file__).resolve().parent / "profiles"


@cache
def _profile(lang: str) -> tuple[dict[str, int], tuple[float, ...]]:
    """One profile's n-gram counts and n-gram totals, read once per process."""
    with open(_profile_dir() / lang, encoding="utf-8") as f:
        data = json.load(f)
    # n-grams interned: 87,600 distinct ones make the 184,000 entries of the 55
    # profiles (the languages of one script share most), held once instead of once
    # per profile, and the same objects as the trigrams of ``_word_trigrams``
    raw = data["freq"]
    freq = dict(zip(map(sys.intern, raw), raw.values()))  # (in C: a third faster)
    return freq, tuple(float(n) for n in data["n_words"])


# -- The prebuilt profile index ---------------------------------------------------------
#
# Reading a script's profiles (json.load of 31 files for a Latin text, 104,000 n-grams put
# in dicts) took about 40 ms of a one-story run, which looks up a few hundred n-grams.
# The profiles change only with langdetect, so they are turned around once
# (``tools/lid_profiles.py``) into one file shipped beside this module, of four lines:
#   1. a JSON header: the profiles' names, n-gram totals and the sha256 of each file;
#   2. every n-gram of every profile, sorted, separated by tabs (no n-gram holds one);
#   3. where each n-gram's entry starts in line 4, six hexadecimal digits each;
#   4. the entries: the profiles that have the n-gram and its count there, as
#      "profile,count,profile,count" (one split and a dict made in C, per n-gram).
# Loading it is one split of the n-grams (a list for ``bisect``); an entry is read only
# when a text asks for its n-gram. A profile is read from the index only when the
# installed file hashes to the header's (``_indexed``); a table of any other profile
# reads the profiles as before. tests/test_start.py checks that the shipped index is
# what ``build_profile_index`` makes of the installed profiles and that a table's rows
# are the same either way.

PROFILE_INDEX = Path(__file__).with_name("lid-profiles.txt")
PROFILE_INDEX_FORMAT = 2
_AT = 6  # hexadecimal digits of an entry's start


def _profile_sha(lang: str) -> str | None:
    import hashlib

    try:
        return hashlib.sha256((_profile_dir() / lang).read_bytes()).hexdigest()
    except OSError:
        return None


class ProfileIndex:
    """langdetect's profiles as one sorted n-gram table (see above)."""

    def __init__(self, head: dict[str, Any], grams: list[str], starts: str, entries: str) -> None:
        self.langs: list[str] = head["langs"]
        self.col = {lang: i for i, lang in enumerate(self.langs)}
        self.totals = [tuple(float(n) for n in words) for words in head["n_words"]]
        self.sha256: list[str] = head["sha256"]
        self.grams, self._starts, self._entries = grams, starts, entries
        from bisect import bisect_left

        # (held here: an import statement in ``cells`` cost a third of a look-up)
        self._bisect = bisect_left

    def counts(self, gram: str) -> dict[str, str]:
        """{profile number: count} (as written: decimal strings) of every profile that
        has ``gram``."""
        cells = iter(self.cells(gram))
        return dict(zip(cells, cells))

    def cells(self, gram: str) -> list[str]:
        """``gram``'s entry as written: [profile number, count, profile number, count,
        ...], every profile that has it (empty when none has). A table's row reads these
        pairs directly, a dict of them made first cost about as much as the row."""
        grams = self.grams
        i = self._bisect(grams, gram)
        if i == len(grams) or grams[i] != gram:
            return []
        at = self._starts
        start = int(at[i * _AT : (i + 1) * _AT], 16)
        end = int(at[(i + 1) * _AT : (i + 2) * _AT], 16) if i + 1 < len(grams) else len(self._entries)
        return self._entries[start:end].split(",")


@lru_cache(maxsize=1)
def profile_index() -> ProfileIndex | None:
    """The shipped index, or None when it is missing or not of this format."""
    try:
        head, grams, starts, entries = PROFILE_INDEX.read_bytes().split(b"\n")[:4]
        meta = json.loads(head)
        if meta.get("format") != PROFILE_INDEX_FORMAT:
            return None
        keys = grams.decode("utf-8").split("\t")
        if len(starts) != _AT * len(keys):
            return None
        return ProfileIndex(meta, keys, starts.decode("ascii"), entries.decode("ascii"))
    except (OSError, ValueError, KeyError):
        return None


@lru_cache(maxsize=64)  # (langdetect has 55 profiles)
def _indexed(lang: str) -> bool:
    """Is profile ``lang`` in the shipped index, built from the bytes installed now?"""
    index = profile_index()
    return (index is not None and lang in index.col
            and index.sha256[index.col[lang]] == _profile_sha(lang))


@cache
def profile_letters(lang: str) -> tuple[dict[str, int], float]:
    """Profile ``lang``'s single characters with their counts, and its count of single
    characters (the first n-gram total): what the code-page check reads of a profile
    (``checks/_codepage._alphabet``). Read from the index when the profile is indexed,
    so that check does not load whole profiles beside it (all 55 of them, some 20 MB,
    in an archive of many languages); else from the profile itself."""
    if _indexed(lang):
        index = profile_index()
        assert index is not None  # (``_indexed``)
        col = str(index.col[lang])
        out = {}
        for gram in _single_grams(index):
            count = index.counts(gram).get(col)
            if count is not None:
                out[gram] = int(count)
        return out, index.totals[index.col[lang]][0]
    freq, totals = _profile(lang)
    return {k: v for k, v in freq.items() if len(k) == 1}, totals[0]


@lru_cache(maxsize=1)
def _single_grams(index: ProfileIndex) -> tuple[str, ...]:
    return tuple(g for g in index.grams if len(g) == 1)


def build_profile_index() -> bytes:
    """The index file of the installed langdetect profiles (``tools/lid_profiles.py``)."""
    langs = sorted(p.name for p in _profile_dir().iterdir() if p.is_file())
    cells: dict[str, list[str]] = {}
    n_words = []
    for i, lang in enumerate(langs):
        with open(_profile_dir() / lang, encoding="utf-8") as f:
            data = json.load(f)
        n_words.append(data["n_words"])
        for gram, count in data["freq"].items():
            if not gram or "\t" in gram or "\n" in gram or type(count) is not int:
                raise ValueError(f"profile {lang}: n-gram {gram!r} ({count!r}) cannot be indexed")
            cells.setdefault(gram, []).append(f"{i},{count}")
    grams = sorted(cells)
    starts, entries, at = [], [], 0
    for gram in grams:
        entry = ",".join(cells[gram])
        starts.append(f"{at:0{_AT}x}")
        entries.append(entry)
        at += len(entry)
    if at >= 16 ** _AT:
        raise ValueError("the entries outgrow the index's offsets")
    head = {"format": PROFILE_INDEX_FORMAT, "langs": langs, "n_words": n_words,
            "sha256": [_profile_sha(lang) for lang in langs]}
    return "\n".join([json.dumps(head, separators=(",", ":")), "\t".join(grams),
                      "".join(starts), "".join(entries), ""]).encode("utf-8")


# Cells (one float per language of a row) that the n-gram memos of this module hold
# together before they start again: ``_LazyTable``'s probability rows and
# ``profile_scores``' log rows, one memo per set of candidate languages. The n-grams
# met grow with an archive (about 77,000 rows in 14 tables and 59,000 log rows in 13
# after 300 articles of 25 languages; a row of 31 languages is about 1 KB), and each
# memo used to be capped alone or not at all, so their sum grew with the number of
# language sets met. 1,000,000 cells are at most about 32 MB and keep a run's
# common n-grams; a row is recomputed from the profiles when asked again, so the
# answers do not change.
_CELLS_CAP = 1_000_000


class _Family:
    """Memos counted together against one cap (``maxsize``) that all start again when
    it is reached; emptied by the memory budget too (``memo.clear_memos`` finds
    ``cache_clear`` here). ``emptied`` counts the times they started again."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.memos: list[weakref.ref[Any]] = []
        self.held = 0
        self.emptied = 0

    def cache_parameters(self) -> dict[str, Any]:
        return {"maxsize": self.maxsize, "typed": False}

    def cache_info(self) -> CacheInfo:  # (hits and misses are not counted)
        return CacheInfo(0, 0, self.maxsize, self.held)

    def cache_clear(self) -> None:
        for ref in self.memos:
            memo = ref()
            if memo is not None:
                memo.clear()
        self.memos[:] = [ref for ref in self.memos if ref() is not None]  # (dropped ones)
        self.held = 0
        self.emptied += 1

    def join(self, memo: Any) -> Any:
        self.memos.append(weakref.ref(memo))
        return memo

    def count(self, n: int) -> None:
        """Make room for ``n`` more (emptying all the memos when they would pass the
        cap), then count them."""
        if self.held + n > self.maxsize:
            self.cache_clear()
        self.held += n


# the n-gram rows of ``_LazyTable`` and ``_LogRows`` (``_Memo``), under ``_CELLS_CAP``
_ROWS = _Family(_CELLS_CAP)


class _Memo(dict):  # type: ignore[type-arg]
    """An n-gram -> row memo under the cap all such memos share (``_ROWS``)."""

    def keep(self, key: str, row: Any, cells: int) -> None:
        _ROWS.count(cells)  # (first: it may empty the memos; memory flat however many texts)
        self[key] = row


# Words -> their n-grams under one table (``_LazyTable.word_ngrams``): every table's
# memo counts against one cap, and all start again together when it is reached. A
# word's n-grams are read from the profiles once, not at each of its occurrences
# (langdetect extracts every n-gram of an article before it samples a few hundred).
# 65,536 words: corpus1000's articles met 53,000 (words times sets of candidate
# languages), held in 18 MB.
_WORDS_CAP = 65536
_WORD_NGRAMS = _Family(_WORDS_CAP)

# Cells of the words' log rows (``_LogRows.word_rows``), all sets of profiles together:
# 2,000,000 are 16 MB of numpy rows, some 75,000 words of 25 profiles (corpus1000's
# paragraphs met 77,000 words per set of profiles). Apart from ``_CELLS_CAP``: under
# one cap the words pushed out the n-gram rows langdetect reads, and the run was slower
# than before the words had rows.
_WORD_CELLS_CAP = 2_000_000
_WORD_ROWS = _Family(_WORD_CELLS_CAP)


class _Words(dict):  # type: ignore[type-arg]
    """word -> (row number, trigram count) of one ``_LogRows`` (a dict that its family
    can hold a weak reference to)."""

    __slots__ = ("__weakref__",)


class _WordNgrams(dict):  # type: ignore[type-arg]
    """word -> ``fn(word)``, computed on the first lookup (``__getitem__`` is a dict
    lookup in C on a hit), under ``_WORDS_CAP`` with the other tables' memos."""

    __slots__ = ("__weakref__", "fn")

    def __init__(self, fn: Any) -> None:
        super().__init__()
        self.fn = fn
        _WORD_NGRAMS.join(self)

    def __missing__(self, word: str) -> tuple[str, ...]:
        _WORD_NGRAMS.count(1)
        value = self[word] = self.fn(word)
        return value


def _memo() -> _Memo:
    return _ROWS.join(_Memo())


class _LazyTable:
    """langdetect's word -> [probability per language] table, built on demand."""

    __slots__ = ("_cols", "_index", "_profiles", "_rows", "_totals", "langs", "word_ngrams")

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.langs = langs
        # the shipped index when it was built from these profiles' bytes (``_indexed``),
        # else the profiles themselves
        index = profile_index() if all(map(_indexed, langs)) else None
        self._index = index
        self._profiles = [] if index is not None else [_profile(lang) for lang in langs]
        # (index) each profile number as the index writes it -> its column, and the totals
        self._cols = {} if index is None else {str(index.col[lang]): i for i, lang in enumerate(langs)}
        self._totals = [] if index is None else [index.totals[index.col[lang]] for lang in langs]
        self._rows = _memo()  # n-gram -> row, or None for an n-gram no profile has
        # a word followed by a space -> its n-grams (``ngrams_of``), memoised
        self.word_ngrams = _WordNgrams(self._spaced).__getitem__

    def _row(self, word: str) -> array[float] | None:
        row = self._rows.get(word, 0)
        if row != 0:
            return row  # type: ignore[return-value]
        n = len(word)
        found = False
        out = [0.0] * len(self.langs)
        if self._index is not None:
            # the same counts as the profiles', divided by the same totals: the entry's
            # (profile, count) pairs of this table's profiles
            cells, cols, col_totals = iter(self._index.cells(word)), self._cols, self._totals
            for profile, written in zip(cells, cells):
                i = cols.get(profile)
                if i is not None:
                    found = True
                    if 1 <= n <= 3:
                        out[i] = int(written) / col_totals[i][n - 1]
        else:
            for i, (freq, totals) in enumerate(self._profiles):
                c = freq.get(word)
                if c is not None:
                    found = True
                    if 1 <= n <= 3:
                        out[i] = c / totals[n - 1]
        # one array of doubles (the same floats): a list held a float object (24 bytes)
        # per non-zero cell beside its pointer, so a row of 31 languages half filled took
        # about twice the bytes with its key and memo entry (20% filled: 1.3 times), and
        # those floats were most of the small objects freed and made again each time
        # the memos start again
        result = array("d", out) if found else None
        self._rows.keep(word, result, len(out) if found else 1)
        return result

    def ngrams_of(self, seg: str) -> tuple[str, ...]:
        """langdetect's n-grams of ``seg`` read from a fresh buffer, those some profile of
        this table has: its 1-3 character windows (a leading space counts as one),
        skipped in a run of capitals, in its buffer's order. ``seg`` is one word of the
        normalised text, with or without the space that ends it."""
        known, row = self._rows.get, self._row
        if not any(map(str.isupper, seg[1:])):
            # no capital after the first character, so no run of two capitals: every
            # window is read, and they are made by slicing, looked up in C
            return self._windows(seg)
        result: list[str] = []
        append = result.append
        grams, capital = " ", False
        for ch in seg:
            last = grams[-1]
            if len(grams) >= 3:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in (1, 2, 3):
                if len(grams) < n:
                    break
                w = grams[-n:]
                if w != " ":
                    got = known(w, _ABSENT)
                    if got is _ABSENT:
                        got = row(w)
                    if got is not None:
                        append(w)
        return tuple(map(sys.intern, result))

    def _windows(self, seg: str) -> tuple[str, ...]:
        """``ngrams_of(seg)`` for a ``seg`` without a run of capitals: after each
        character the buffer's last 1, 2 and 3 characters (a leading space counts as
        one), the lone space left out, those some profile of this table has."""
        t = " " + seg
        twos = list(map(add, t[:-1], t[1:]))  # t[j - 1:j + 1] for j = 1..
        threes = list(map(add, twos[:-1], t[2:]))  # t[j - 2:j + 1] for j = 2..
        wins = [t[1], twos[0]]
        wins += chain.from_iterable(zip(t[2:], twos[1:], threes))
        if len(wins) > 2 and wins[-3] == " ":  # (a space ends the word: not an n-gram)
            del wins[-3]
        rows = self._rows
        got = list(map(rows.get, wins, repeat(_ABSENT)))
        if _ABSENT in got:
            row = self._row
            got = [row(w) if g is _ABSENT else g for w, g in zip(wins, got)]
        return tuple(map(sys.intern, compress(wins, [g is not None for g in got])))

    def _spaced(self, word: str) -> tuple[str, ...]:
        return self.ngrams_of(word + " ")

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._row(word) is not None

    def __getitem__(self, word: str) -> array[float]:
        row = self._row(word)
        if row is None:
            raise KeyError(word)
        return row


class _Factory:
    """What ``langdetect.detector.Detector`` reads from its factory."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.langlist = list(langs)
        self.word_lang_prob_map = _LazyTable(langs)
        self.seed = SEED


@lru_cache(maxsize=64)
def _factory(langs: tuple[str, ...]) -> _Factory:
    return _Factory(langs)


def _script_counts(text: str) -> dict[str, int]:
    """Letters and combining marks per script (Indic vowel signs are evidence too)."""
    from .text import script_counts

    return script_counts(text, marks=True)


def evidence(counts: dict[str, int]) -> int:
    """Letters, with ideographs and Hangul syllables weighted as several letters."""
    return sum(n * _WEIGHT.get(sc, 1) for sc, n in counts.items())


def candidates_for(text: str, counts: dict[str, int] | None = None) -> tuple[str, ...]:
    """The langdetect languages the scripts of ``text`` make possible (sorted)."""
    counts = _script_counts(text) if counts is None else counts
    total = sum(counts.values())
    if not total:
        return ()
    out: set[str] = set()
    kana = counts.get("Hiragana", 0) + counts.get("Katakana", 0)
    for script, n in counts.items():
        if n < MIN_SCRIPT_SHARE * total and script != max(counts, key=lambda s: (counts[s], s)):
            continue
        langs = SCRIPT_LANGS.get(script, ())
        if script == "Han" and kana >= 0.05 * total:
            langs = ("ja",)  # Chinese is never written with kana
        elif script == "Han" and counts.get("Hangul", 0) >= 0.15 * total:
            langs = ("ko",)  # hanja inside Korean text
        out.update(langs)
    return tuple(sorted(out))


def _word_freqs(lang: str) -> Mapping[str, float]:
    """wordfreq's small list for a langdetect profile, read once per process."""
    from .langs import word_frequencies

    return word_frequencies(lang)


def word_scores(text: str, langs: tuple[str, ...]) -> dict[str, float]:
    """log10 likelihood of the words of ``text`` under each language's word list.

    Words are split at anything that is not a letter (apostrophes too, as wordfreq's
    own tokenizer does for "l'enemic") and case-folded; a word a list lacks counts as
    ``WORD_FLOOR``.
    """
    import math

    words = [w.casefold() for w in _LETTERS.findall(text)]
    out = {}
    for lang in langs:
        freqs = _word_freqs(lang)
        out[lang] = sum(math.log10(freqs.get(w, 0.0) + WORD_FLOOR) for w in words)
    return out


def _second_opinion(text: str, ranking: list[tuple[str, float]],
                    cands: tuple[str, ...]) -> list[tuple[str, float]]:
    """Re-rank a confusable group's members by the text's words (see CONFUSABLE).

    Changes nothing unless another member of the best answer's group is more likely
    by ``WORD_MARGIN``. Then the group keeps langdetect's total probability, shared
    among its members by the words' posterior, so the confidence stays honest: "one
    of these neighbours, and by the words this one".
    """
    top = ranking[0][0]
    group = _GROUP_OF.get(top)
    if group is None:
        return ranking
    members = tuple(m for m in group if m in cands)
    if len(members) < 2:
        return ranking
    scores = word_scores(text, members)
    best = max(members, key=lambda m: (scores[m], m == top, m))
    if best == top or scores[best] - scores[top] < WORD_MARGIN:
        return ranking
    mass = sum(p for lang, p in ranking if lang in members)
    z = sum(10 ** (scores[m] - scores[best]) for m in members)
    shared = {m: round(mass * 10 ** (scores[m] - scores[best]) / z, 4) for m in members}
    out = [(lang, p) for lang, p in ranking if lang not in members]
    out += [(m, p) for m, p in shared.items() if p > 0]
    return sorted(out, key=lambda lp: (-lp[1], lp[0]))


def _ngram_normal(cp: int) -> str:
    """langdetect's ``NGram.normalize`` of one code point."""
    from langdetect.utils.ngram import NGram

    return NGram.normalize(chr(cp))


# code point -> its normal form, for ``str.translate``: filled as characters are met
# (a bounded memo: every letter of a few scripts)
_NGRAM_NORMAL = Memo(_ngram_normal, 131072)
_ABSENT = object()
# a run of spaces, which langdetect's ``Detector.append`` keeps as one
_SPACES = re.compile(" {2,}")
# what langdetect's ``Detector.cleaning_text`` counts: its "Latin" characters (the
# range "A"-"z", brackets and all) and the characters from U+0300 on
_ASCII_LATIN = re.compile("[A-z]")
_FROM_U0300 = re.compile("[\u0300-\U0010ffff]")


@lru_cache(maxsize=1)  # one class, made on first use (langdetect imported lazily)
def _detector_class() -> type:
    """langdetect's ``Detector`` with its n-gram extraction done in one loop, and its
    sampling's updates by whole rows.

    langdetect walks the text through an ``NGram`` buffer, one method call per
    character (``add_char``, which normalises the character again each time), and asks
    the table for each of the last 1-3 characters through ``in``. Here the characters
    are normalised once for the text (``str.translate``, one answer per character
    memoised), the buffer's rules (a space restarts it, two capitals in a row mark a
    word of capitals whose n-grams are skipped, at most three characters) run inline
    over each space-separated word once per set of profiles (``_LazyTable.ngrams_of``,
    memoised per word), and the table's rows are read from its memo directly.
    ``append``'s and ``cleaning_text``'s loops over the characters are regular
    expressions. The n-grams and their order are langdetect's
    (``tests/test_speed_exact_text.py`` compares the two), so the random sampling that
    follows draws the same ones."""
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    class _Detector(Detector):  # type: ignore[misc]
        def append(self, text: str) -> None:
            # langdetect's loop over the characters (each kept unless it is a space
            # after a space, ``self.text += ch``): a run of spaces kept as one, in C
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            self.text += _SPACES.sub(" ", text[: self.max_text_length])

        def cleaning_text(self) -> None:
            # langdetect's two loops over the characters, as counts and one removal in
            # C: when letters "A"-"z" are fewer than half the characters from U+0300 on,
            # they are removed. (Its test also spares the Latin Extended Additional block
            # by name, but ``unicode_block`` answers a number, so it spares nothing.)
            text = self.text
            if len(_ASCII_LATIN.findall(text)) * 2 < len(_FROM_U0300.findall(text)):
                self.text = _ASCII_LATIN.sub("", text)

        def _extract_ngrams(self) -> list[str]:
            # A space restarts langdetect's buffer, so the n-grams of the text are those
            # of its space-separated words, each read from the start with the space that
            # ends it: one memo lookup per word (``_LazyTable.word_ngrams``) instead of
            # the buffer's steps per character, in C when the words are known. The last
            # word has no space after it unless the text ends with one.
            table = self.word_lang_prob_map
            words = self.text.translate(_NGRAM_NORMAL).split(" ")
            last = words.pop()
            out = list(chain.from_iterable(map(table.word_ngrams, filter(None, words))))
            if last:
                out += table.ngrams_of(last)
            return out

        # the sampling's two steps per n-gram drawn, with langdetect's arithmetic (the
        # same products and quotients, element by element) in list comprehensions
        # instead of an indexed loop
        def _update_lang_prob(self, prob: list[float], word: str, alpha: float) -> bool:
            row = self.word_lang_prob_map._row(word) if isinstance(word, str) else None
            if row is None:
                return False
            weight = alpha / self.BASE_FREQ
            prob[:] = [p * (weight + q) for p, q in zip(prob, row)]
            return True

        def _normalize_prob(self, prob: list[float]) -> float:
            sump = sum(prob)
            prob[:] = [p / sump for p in prob]
            return max(prob)  # (never below langdetect's start of 0.0: no p is negative)

    return _Detector


def _run(text: str, langs: tuple[str, ...]) -> list[tuple[str, float]]:
    from langdetect.lang_detect_exception import LangDetectException

    if len(langs) == 1:
        return [(langs[0], 1.0)]
    detector = _detector_class()(_factory(langs))
    detector.append(text)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return []
    return [(p.lang, round(p.prob, 4)) for p in probs]


# langdetect's cost grows with the text (it extracts every n-gram before sampling),
# its answer does not past a few sentences: articles of 20 sentences are 99.9 %
# correct. Longer texts are detected on SAMPLE_WINDOWS windows spread evenly over the
# text, SAMPLE_CHARS in all, so a mixed article is sampled where it changes too.
SAMPLE_CHARS = 1600
SAMPLE_WINDOWS = 4


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS * 1.25:
        return text
    size = SAMPLE_CHARS // SAMPLE_WINDOWS
    step = (len(text) - size) / (SAMPLE_WINDOWS - 1)
    parts = []
    for i in range(SAMPLE_WINDOWS):
        start = int(i * step)
        # start and end on white space so that no word is cut into false n-grams
        while start > 0 and not text[start - 1].isspace() and start > int(i * step) - 30:
            start -= 1
        end = min(len(text), start + size)
        while end < len(text) and not text[end].isspace() and end < start + size + 30:
            end += 1
        parts.append(text[start:end])
    return " \n ".join(parts)


def detect(text: str, languages: Iterable[str] | None = None, words: bool = True) -> Detection:
    """The language of ``text`` (deterministic); ``languages``: the published ones.

    ``words=False`` skips the close neighbours' second opinion (for the evaluation's
    before/after table).
    """
    text = _sample(text)
    counts = _script_counts(text)
    letters = sum(counts.values())
    weight = evidence(counts)
    cands = candidates_for(text, counts) if letters else ()
    if letters and not cands:
        script = max(sorted(counts), key=lambda s: counts[s])
        return Detection(None, 0.0, letters=letters, reason=f"no profile for {script} script")
    if len(cands) == 1 and letters >= SCRIPT_ONLY_LETTERS:
        lang = report_code(cands[0])
        if languages is None or cands[0] in {p for c in languages for p in profiles_for(c)} \
                or weight >= MIN_LETTERS:
            return Detection(lang, 1.0, ranking=((lang, 1.0),), letters=letters, unrestricted=lang)
    if weight < SHORT_LETTERS:
        return Detection(None, 0.0, letters=letters, reason="too short")
    ranking = _run(text, cands)
    if not ranking:
        return Detection(None, 0.0, letters=letters, reason="no features")
    if weight < MIN_LETTERS and ranking[0][1] < SHORT_CONFIDENCE:
        return Detection(None, 0.0, letters=letters, reason="too short")
    if words:
        ranking = _second_opinion(text, ranking, cands)
    best = ranking[0][0]
    if languages is not None:
        allowed = {p for code in languages for p in profiles_for(code)}
        narrowed = tuple(c for c in cands if c in allowed)
        if best in allowed and 1 <= len(narrowed) < len(cands):
            ranking = _run(text, narrowed) or ranking
            if words:
                ranking = _second_opinion(text, ranking, narrowed)
    top, conf = ranking[0]
    return Detection(report_code(top), conf,
                     ranking=tuple((report_code(lang), p) for lang, p in ranking),
                     letters=letters, unrestricted=report_code(best))


# Floor probability for a trigram a profile lacks, in profile_scores: langdetect's own
# smoothing weight (alpha 0.5 / BASE_FREQ 10000).
_FLOOR = 0.5 / 10000


def _word_trigrams(w: str) -> tuple[str, ...]:
    """A word's letter trigrams, padded with spaces; none for an acronym. (Not
    memoised: ``profile_scores`` asks only about words its word rows do not hold.)"""
    if len(w) > 1 and w.isupper():
        return ()  # acronyms: langdetect ignores them too
    w = f" {w} "
    # interned: a trigram recurs in many words, and the row index keeps the strings
    return tuple(map(sys.intern, [w[i : i + 3] for i in range(len(w) - 2)]))


class _Table:
    """Rows of floats numbered from 0 in one growing table: Python tuples, or after
    ``use_numpy`` one numpy matrix (doubled when full). Row 0 is fixed; ``reset``
    frees the others. Sums add each column left to right either way, so the two ways
    give the same floats."""

    def __init__(self, first: tuple[float, ...]) -> None:
        self.rows: list[tuple[float, ...]] | None = [first]
        self.matrix: Any = None
        self.np: Any = None
        self.n = 1

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows is not None else self.matrix.shape[1]

    def use_numpy(self, np: Any) -> None:
        assert self.rows is not None
        self.np = np
        self.matrix = np.empty((max(1024, 2 * self.n), self.width))
        self.matrix[: self.n] = self.rows[: self.n]
        self.rows = None

    def reset(self) -> None:
        self.n = 1
        if self.rows is not None:
            del self.rows[1:]

    def add(self, row: Any) -> int:
        got, self.n = self.n, self.n + 1
        if self.rows is not None:
            self.rows.append(tuple(row))
        else:
            if got == len(self.matrix):
                self.matrix = self.np.concatenate([self.matrix, self.np.empty_like(self.matrix)])
            self.matrix[got] = row
        return got

    def total(self, ids: list[int], start: Any = None) -> Any:
        """The rows ``ids`` added down each column in order, continuing from ``start``
        (a previous total): a list, or a numpy array."""
        if self.rows is not None:
            cols = zip(*map(self.rows.__getitem__, ids))
            if start is None:
                return [reduce(add, col) for col in cols]
            return [reduce(add, col, t) for col, t in zip(cols, start)]
        block = self.matrix[ids]
        if start is not None:
            block[0] += start
        return self.np.add.accumulate(block, axis=0)[-1]

    def run_totals(self, ids: list[int], counts: list[int]) -> list[Any]:
        """``total`` of each run of ``counts[i]`` consecutive ``ids`` (none for an empty
        run). With numpy: the runs' rows gathered into one array padded with zero rows
        (adding 0.0 changes no sum) and run down by one running sum, ``_PADDED_RUNS`` at
        a time; a run of more than ``_PADDED`` rows alone."""
        if self.rows is not None:
            out: list[Any] = []
            at = 0
            for k in counts:
                out.append(self.total(ids[at:at + k]) if k else None)
                at += k
            return out
        np = self.np
        rows = self.matrix[ids + [0]]
        rows[-1] = 0.0  # the padding
        k = np.array(counts, dtype=np.intp)
        starts = np.cumsum(k) - k
        at = np.arange(min(int(k.max(initial=1)), _PADDED))
        out = []
        for i in range(0, len(counts), _PADDED_RUNS):  # (a few MB at a time)
            kk, ss = k[i:i + _PADDED_RUNS, None], starts[i:i + _PADDED_RUNS, None]
            where = np.where(at < kk, ss + at, len(ids))
            out.extend(np.add.accumulate(rows[where], axis=1)[:, -1])
        for i in np.flatnonzero(k > _PADDED).tolist():
            out[i] = np.add.accumulate(rows[starts[i]:starts[i] + k[i]], axis=0)[-1]
        return out


# runs of rows summed in one padded array (longer runs, words of more than 24
# trigrams, are rare), so many at a time: 512 x 24 x 31 profiles is 3 MB
_PADDED = 24
_PADDED_RUNS = 512


class _LogRows:
    """The log-probability rows under one tuple of profiles: a row per trigram met so
    far (``grams``; trigrams no profile has share the floor row 0), and a row per word
    met so far, the sum of its trigrams' rows (``sums``; row 0 zeros, for a word
    without trigrams).

    A paragraph's score is the sum of its words' rows: a word recurs far more often than
    it is new (corpus1000's paragraphs: 682,000 words, 77,000 of them distinct per set
    of profiles), so a word's trigrams are read and added once, not at each of its
    occurrences.

    A long text's rows are gathered and summed by numpy rather than column by column in
    Python (which was most of the cost of scoring a long article's paragraphs); but
    importing numpy costs more than scoring a few articles, so the tables stay Python
    lists until the process has scored ``_NUMPY_AFTER`` trigrams (``use_numpy``)."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        import math

        self.table = _factory(langs).word_lang_prob_map
        # trigram -> row number, under the budget all n-gram memos share (``_CELLS_CAP``:
        # a row costs a cell per profile, a trigram no profile has one cell); word ->
        # (row number, trigram count), under the words' own (``_WORD_CELLS_CAP``)
        self.index = _memo()
        self.words: dict[str, tuple[int, int]] = _WORD_ROWS.join(_Words())
        self.emptied = (_ROWS.emptied, _WORD_ROWS.emptied)
        self.grams = _Table((math.log(_FLOOR),) * len(langs))
        self.sums = _Table((0.0,) * len(langs))

    @property
    def plain(self) -> bool:
        return self.grams.rows is not None

    def use_numpy(self) -> None:
        import numpy as np

        self.grams.use_numpy(np)
        self.sums.use_numpy(np)

    def start(self) -> None:
        """Before a block of words is scored: a memo emptied since the last block
        (``_CELLS_CAP``, ``_WORD_CELLS_CAP``) starts empty, and its table's rows are
        free again (a row number kept by an entry added after the emptying would
        otherwise be reused)."""
        if self.emptied[0] != _ROWS.emptied:
            self.index.clear()
            self.grams.reset()
        if self.emptied[1] != _WORD_ROWS.emptied:
            self.words.clear()
            self.sums.reset()
        self.emptied = (_ROWS.emptied, _WORD_ROWS.emptied)

    def ids(self, grams: list[str]) -> list[int]:
        import math

        ids = list(map(self.index.get, grams))  # the rows known already, in one C loop
        if None in ids:
            cells = self.grams.width
            # the trigrams not known yet, found by ``list.index`` (in C) rather than by
            # a Python step per trigram: a paragraph's misses are few of its trigrams
            i = ids.index(None)
            while True:
                g = grams[i]
                got = self.index.get(g)
                if got is None:
                    got = 0
                    row = self.table._row(g)  # (``g in table``, then ``table[g]``)
                    if row is not None:
                        got = self.grams.add([math.log(p + _FLOOR) for p in row])
                    self.index.keep(g, got, cells if got else 1)
                ids[i] = got
                try:
                    i = ids.index(None, i + 1)
                except ValueError:
                    break
        return ids

    def word_rows(self, words: list[str]) -> list[tuple[int, int]]:
        """(row number in ``sums``, trigram count) of each word, its row the sum of its
        trigrams' rows (a word met before is looked up; a word without trigrams, an
        acronym, is row 0 with a count of 0)."""
        got = list(map(self.words.get, words))  # the words known already, in one C loop
        if None not in got:
            return got
        new = sorted({w for w, g in zip(words, got) if g is None})
        grams = [_word_trigrams(w) for w in new]
        counts = [len(g) for g in grams]
        ids = self.ids(list(chain.from_iterable(grams)))  # (may grow the table: first)
        cells = self.sums.width
        made: dict[str, tuple[int, int]] = {}
        for w, k, row in zip(new, counts, self.grams.run_totals(ids, counts)):
            # (counted first: it may empty the memos, this one too; the rows numbered
            # here stay until the next block of words, ``start``)
            _WORD_ROWS.count(cells if k else 1)
            made[w] = self.words[w] = (self.sums.add(row) if k else 0, k)
        return [g if g is not None else made[w] for w, g in zip(words, got)]


# Trigrams the process scores in plain Python before numpy is imported for the rest:
# importing it costs about 0.1 s, which summing in Python reaches at about 50,000
# trigrams (a few dozen articles), so a run on a few articles never pays for it and a
# large run pays it once, early.
_NUMPY_AFTER = 50_000
_SCORED = 0


@lru_cache(maxsize=64)
def _log_rows(langs: tuple[str, ...]) -> _LogRows:
    return _LogRows(langs)


def profile_scores(text: str, langs: tuple[str, ...]) -> tuple[dict[str, float], int]:
    """Mean log-probability per trigram of ``text`` under each of ``langs``' profiles.

    A deterministic naive-Bayes reading of the same profiles langdetect samples from:
    no random draws, and one cached row per distinct word (its trigrams' rows added,
    ``_LogRows.word_rows``), so it costs a fraction of a detection. The sum is each
    word's trigrams added left to right, then the words in text order (within rounding
    of the trigrams added one by one: about 1e-14 of the score). Used as the cheap
    signal that decides whether a paragraph deserves a real detection. Returns ({lang:
    score}, trigram count).
    """
    global _SCORED
    rows = _log_rows(langs)
    if rows.plain and (_SCORED > _NUMPY_AFTER or heavy.numpy_loaded()):
        rows.use_numpy()
    words = _LETTERS.findall(text)
    n = 0
    total: Any = None
    # the words in blocks: a long paragraph's rows are not gathered all at once (300,000
    # words x 31 profiles is 74 MB), and the rows of its new words are numbered afresh
    # after each block when the memos were emptied meanwhile (``start``)
    for i in range(0, len(words), _BLOCK):
        rows.start()
        got = rows.word_rows(words[i:i + _BLOCK])  # (may grow the tables: first)
        ids = [wid for wid, k in got if k]
        if ids:
            n += sum(k for _, k in got)
            total = rows.sums.total(ids, total)  # (each block from the last total)
    _SCORED += n
    if not n:
        return {lang: 0.0 for lang in langs}, 0
    return {lang: v / n for lang, v in zip(langs, total if isinstance(total, list) else total.tolist())}, n


# words scored at a time: 4,096 rows of 31 profiles are 1 MB
_BLOCK = 4096


def describe() -> str:
    from importlib import metadata

    try:
        version = metadata.version("langdetect")
    except metadata.PackageNotFoundError:  # pragma: no cover
        version = "unknown"
    return f"langdetect {version} (seed {SEED}, profiles by script; close neighbours by wordfreq words)"

