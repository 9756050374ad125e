"""One single-byte code page read as another: "Ïðåçèäåíò" for "Президент" (not a kind).

Text stored in a legacy code page (Windows-1251, KOI8-R, Windows-1253, Windows-1250,
ISO-8859-2/5/7, ...) and decoded with a Western one (Windows-1252, Latin-1), or the
reverse, keeps every byte: only the letters change. ftfy does not repair these (it
undoes UTF-8 misreadings only), and no character in them is impossible on its own
("Ïðåçèäåíò" is a row of Latin-1 letters), so the judgement is by words:

* every non-ASCII word of a paragraph is re-encoded in the code page it would have been
  read through and decoded in the one it was written in, for each (written, read) pair
  of ``PAIRS``; the pair must turn the words into letters of the written code page's
  script (a French word read back as Cyrillic keeps its ASCII letters and turns into a
  mixed-script word; at most ``MAX_MIXED_SHARE`` of the letters may), never into
  controls or modifier symbols;
* the re-decoded words are looked up in wordfreq's word lists ("small": the most frequent
  10^4-10^5 words of each language) of the languages that code page is used for; the
  original words in the list of the document's declared language, or, when it is
  undeclared or has no list, in the lists of the languages of the original's own script.
  Only words with a changed run of two letters or more count, weighed by letters;
* the original's letters are checked against the declared language's alphabet (the
  characters of its langdetect profile, ``_alphabet``): "ø" in Czech, "õ" in Hungarian,
  "ý" in Turkish, "¿" or "³" against a letter anywhere are letters the language does not
  write, and a list entry that holds one is web text misread the same way ("elsõ");
* the paragraph is mojibake under a pair when at least ``MIN_KNOWN_SHARE`` of its
  changed letters become words of one such language and at most ``MAX_ORIGINAL_SHARE``
  were words as they stood (no rarer than their repair). When the originals hold
  foreign letters and the repair gives only the declared language's own letters in a
  code page written for it, less will do (``MIN_KNOWN_SHARE_NATIVE``, or a third of
  the words, from two letters on); without foreign letters, six letters are needed, or
  three when the repaired words are common (``MIN_LOG_GAIN``), and a declared language
  without a word list is not judged.

Clean accented text (French, German, Portuguese, Icelandic, Vietnamese...) passes
because its words are words of its language, its letters are letters its language
writes, and their re-decodings are not words of any language of the other code page.
The repair with the most known letters wins, then the one of commoner words. The repaired paragraph is the suggestion; it is
also the fix when a single repair wins (two pairs may give the same text: Windows-1252
and Latin-1 readings agree on letters).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import compress

from ..analysis.langs import has_word_list, word_frequencies, wordfreq_code

# (written in, read as): text in the first code page decoded with the second.
# Cyrillic, Greek, Central/Eastern European, Baltic, Turkish, Hebrew and Arabic code
# pages read as Western ones; Western text read as the Cyrillic, Greek or Central
# European page of a misconfigured system; and the two Cyrillic families read as
# each other (KOI8 and Windows-1251, DOS 866 and Windows-1251).
# Words recur across paragraphs and articles, and every paragraph with a non-ASCII letter
# is tried under each code-page pair: the per-word answers below are kept for the
# last this many words (each cache a few MB at most).
_WORD_MEMO = 16384

_WESTERN = ("cp1252", "latin-1")
PAIRS: tuple[tuple[str, str], ...] = tuple(
    (w, r) for w in ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "cp1253", "iso8859_7",
                     "cp1250", "iso8859_2", "cp1257", "iso8859_13", "cp1254", "cp1255", "cp1256")
    for r in _WESTERN
) + (
    ("cp1252", "cp1251"), ("cp1252", "cp1253"), ("cp1252", "cp1250"), ("cp1252", "iso8859_2"),
    ("koi8_r", "cp1251"), ("cp1251", "koi8_r"), ("cp866", "cp1251"), ("cp1251", "cp866"),
)

# The languages (wordfreq list names) each code page writes, and their script.
_CYRILLIC = ("ru", "uk", "bg", "mk")
_CENTRAL = ("pl", "cs", "sk", "sl", "hu", "ro", "sh")
_WEST = ("en", "fr", "de", "es", "pt", "it", "nl", "ca", "da", "nb", "sv", "fi", "is", "id",
         "ms", "fil", "tr")
LANGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cp1251": ("Cyrillic", _CYRILLIC), "koi8_r": ("Cyrillic", ("ru", "bg")),
    "koi8_u": ("Cyrillic", ("uk", "ru")), "iso8859_5": ("Cyrillic", _CYRILLIC),
    "cp866": ("Cyrillic", ("ru", "uk", "bg")),
    "cp1253": ("Greek", ("el",)), "iso8859_7": ("Greek", ("el",)),
    "cp1250": ("Latin", _CENTRAL), "iso8859_2": ("Latin", _CENTRAL),
    "cp1257": ("Latin", ("lt", "lv")), "iso8859_13": ("Latin", ("lt", "lv", "pl")),
    "cp1254": ("Latin", ("tr",)), "cp1255": ("Hebrew", ("he",)),
    "cp1256": ("Arabic", ("ar", "fa", "ur")), "cp1252": ("Latin", _WEST),
}
# The script of languages a code page writes, for those without a word list or a
# profile as much as for those with one.
_WRITTEN_IN = {**{lg: "Cyrillic" for lg in ("ru", "uk", "bg", "mk", "be", "sr", "kk", "ky", "mn", "tg",
                                             "tt", "ba")},
               "el": "Greek", "he": "Hebrew", "yi": "Hebrew", "ar": "Arabic", "fa": "Arabic", "ur": "Arabic"}
# Lists for the original's own script, when the declared language has none.
_BY_SCRIPT = {"Latin": _WEST + _CENTRAL + ("lt", "lv"), "Cyrillic": _CYRILLIC, "Greek": ("el",),
              "Hebrew": ("he",), "Arabic": ("ar", "fa", "ur")}

# Shares are of the changed words' letters, so that a short word that happens to be a
# word either way ("ПО", "ОБ" in KOI8 read as Windows-1251) weighs little.
# Share of the changed words that must become words of one language under the pair.
MIN_KNOWN_SHARE = 0.6
# ... when the original words hold letters the declared language does not write and the
# repair gives only letters it writes, in a code page written for it: a fifth will do
# (Czech "podpìtí, pøepìtí" are rare compounds, "Pøistroj" a typo; "èasy" is "časy"),
# or a third of the words.
MIN_KNOWN_SHARE_NATIVE = 0.2
# Share of the changed letters that may come out in two scripts.
MAX_MIXED_SHARE = 0.2
# Share of the changed words that may already be words as they stand.
MAX_ORIGINAL_SHARE = 0.2
# Letters the changed words must hold between them ("Ïðåçèäåíò" has 9) when the
# document's language is not declared or has no profile to judge its letters by;
# and when it is, and the original words hold letters it does not write ("mìl" in
# Czech, "ni¿" in Polish) and the repair is in a code page written for it: then two will
# do ("će" for "æe" in Croatian, "niż" for "ni¿").
MIN_LETTERS = 6
MIN_LETTERS_FOREIGN = 2
# Without foreign letters, fewer than MIN_LETTERS will do (down to MIN_LETTERS_WORDS)
# when the repaired words are common: 10^4 over the lists' floor is one word of
# frequency 1e-4, "člen" in Slovene.
MIN_LETTERS_WORDS = 3
MIN_LOG_GAIN = 3.0
# Share of the changed words that must hold such a foreign letter or symbol, when the
# declared language has a profile: clean text writes its own letters.
MIN_FOREIGN_SHARE = 0.5
# A character is one a language writes when it is at least this share of the
# characters of its langdetect profile (Czech "ř" 0.9 %, Dutch "è" 0.02 %; "ø" in
# Czech, "õ" in Hungarian and "ã" in Romanian are at most 0.001 %).
_NATIVE = 1.5e-4
# The closest language with a profile, for those without one: what they write beyond
# ASCII is (nearly) a subset of its letters.
_ALPHABET_OF = {"bs": "hr", "sr": "hr", "me": "hr", "be": "uk", "nn": "no", "ms": "id"}

_LETTERS = re.compile(r"[^\W\d_]+")
# Words are split at ASCII white space only: a byte read as U+00A0 is a letter in DOS
# code page 866 ("а" is 0xA0).
_TOKEN = re.compile(r"[^ \t\n\r\f\v]+")


# Romanian s and t with a cedilla (the legacy code pages' only form) are written with a
# comma below in wordfreq's list.
_LOOKUP = str.maketrans("şţŞŢ", "șțȘȚ")
# Punctuation that may stand against a word in real text ("«так»", "„so“", "l·l").
_WORD_PUNCT = set("„“”‘’«»‹›…–—·‐‑¿¡")
# What may stand inside a word between its letters: apostrophes, hyphens, the Catalan
# middle dot, full stops of abbreviations. Anything else there ("Bu“da") is no word.
_INSIDE = re.compile(r"[^\w'’\-‐‑·.]")


def _core(word: str) -> str:
    """``word`` without the punctuation at its edges."""
    i, j = 0, len(word)
    while i < j and not word[i].isalnum():
        i += 1
    while j > i and not word[j - 1].isalnum():
        j -= 1
    return word[i:j]


@lru_cache(maxsize=_WORD_MEMO)
def _odd_char(word: str) -> bool:
    """A non-ASCII symbol or punctuation mark against a letter ("ni¿", "p³atn¹"; an
    inverted mark only opens a word), or a superscript or fraction in it ("p³atn¹")."""
    import unicodedata

    for i, ch in enumerate(word):
        if ch.isascii() or ch.isalpha():
            continue
        if unicodedata.category(ch) == "No":
            return True
        after = i > 0 and word[i - 1].isalpha()
        before = i + 1 < len(word) and word[i + 1].isalpha()
        if ch in "¿¡":
            if after:
                return True
        elif ch not in _WORD_PUNCT and unicodedata.category(ch)[0] != "M" and (after or before):
            return True
    return False


@lru_cache(maxsize=_WORD_MEMO)
def _runs(word: str) -> tuple[str, ...]:
    """The runs of two or more letters of ``word`` as the word lists write them
    (case-folded, Romanian cedillas as commas); none when it holds a symbol against a
    letter or a character no word has inside ("ni¿" is not the word "ni"). What
    ``_freq`` looks up, whatever the language: worked out once per word, not once per
    word and language."""
    if _odd_char(word) or _INSIDE.search(_core(word)):
        return ()
    return tuple(r for r in (r.casefold().translate(_LOOKUP) for r in _LETTERS.findall(word))
                 if len(r) > 1)


@lru_cache(maxsize=_WORD_MEMO)
def _freq(word: str, lang: str) -> float:
    """wordfreq's frequency of ``word`` in ``lang``: of its rarest run of two or more
    letters (``_runs``); 0 when a run is missing, or when it has none."""
    runs = _runs(word)
    if not runs:
        return 0.0
    freqs = word_frequencies(lang)
    return min(freqs.get(r, 0.0) for r in runs)


def _known(word: str, lang: str) -> bool:
    return _freq(word, lang) > 0.0


@lru_cache(maxsize=_WORD_MEMO)
def _script(word: str) -> str | None:
    """The one script of ``word``'s letters: None when it has no letters, "mixed" when
    it has letters of several."""
    from ..analysis.text import script_of

    # (each distinct letter once: the letters are found and deduplicated by C)
    scripts = set(map(script_of, set(filter(str.isalpha, word))))
    scripts.discard(None)
    if len(scripts) > 1:
        return "mixed"
    return scripts.pop() if scripts else None


def _redecode(word: str, written: str, read: str) -> str | None:
    """``word`` encoded in ``read`` and decoded in ``written``; None when it cannot be.
    A C1 control stands for the byte of its value: a byte the reading code page leaves
    undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252) comes out so."""
    try:
        raw = word.encode(read)
    except UnicodeEncodeError:
        try:
            raw = b"".join(bytes([ord(ch)]) if 0x80 <= ord(ch) < 0xA0 else ch.encode(read) for ch in word)
        except UnicodeEncodeError:
            return None
    try:
        return raw.decode(written)
    except UnicodeDecodeError:
        return None


_C1 = re.compile("[\x80-\x9f]")
_UNREADABLE = b"\x00unreadable"


def _encoded(words: list[str], read: str) -> bytes | None:
    """The words joined by a NUL, encoded in ``read``; ``_UNREADABLE`` when a word cannot
    be, None when a word must take ``_redecode``'s own path (a C1 control in it, or a
    NUL of its own). Every code page here is single-byte, so the joined words encode
    and decode as each word does alone: one encoding per reading (``repair`` keeps it
    for the pairs that share it) and one decoding per pair (``_decoded``), instead of
    two calls per word."""
    joined = "\x00".join(words)
    if joined.count("\x00") != len(words) - 1:  # a word holds a NUL of its own
        return None
    try:
        return joined.encode(read)
    except UnicodeEncodeError:
        # without a C1 control to stand for its byte, the word that failed here fails
        # alone too: no pair with this reading
        return None if _C1.search(joined) else _UNREADABLE


def _decoded(words: list[str], raw: bytes | None, written: str, read: str) -> list[str] | None:
    """``[_redecode(w, written, read) for w in words]``, or None when one of them is None,
    from the reading's ``_encoded`` bytes."""
    if raw is _UNREADABLE:
        return None
    if raw is None:
        outs = []
        for w in words:
            out = _redecode(w, written, read)
            if out is None:
                return None
            outs.append(out)
        return outs
    try:
        return raw.decode(written).split("\x00")
    except UnicodeDecodeError:
        return None


def _changed_run(before: str, after: str) -> bool:
    """``after`` has a run of two or more letters that ``before`` does not have."""
    old = set(_LETTERS.findall(before))
    return any(len(r) > 1 and r not in old for r in _LETTERS.findall(after))


@lru_cache(maxsize=_WORD_MEMO)
def _letters(word: str) -> int:
    return sum(len(r) for r in _LETTERS.findall(word))


@lru_cache(maxsize=_WORD_MEMO)
def _clean_repair(word: str) -> bool:
    """A repair gives letters, marks, punctuation and ASCII, never a control, a modifier
    symbol or a superscript digit: real text read the wrong way comes back as words."""
    import unicodedata

    for ch in word:
        if ch.isascii() or ch == "№":
            continue
        cat = unicodedata.category(ch)
        if cat[0] not in "LMP" or cat == "Lm":
            return False
    return True


def decoded_chars() -> set[str]:
    """Every non-ASCII character the code pages of ``PAIRS`` decode a byte to: all a
    re-decoded word can hold beyond ASCII."""
    chars = set()
    for codec in {cp for pair in PAIRS for cp in pair}:
        for b in range(0x80, 0x100):
            try:
                chars.add(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars


@lru_cache(maxsize=1)  # one pattern, made on first use
def _unclean() -> re.Pattern[str]:
    """The characters a re-decoded word may hold that ``_clean_repair`` refuses, as one
    pattern (of ``decoded_chars``: no other can come out of a re-decoding)."""
    bad = sorted(ch for ch in decoded_chars() if not _clean_repair(ch))
    return re.compile("[" + "".join(map(re.escape, bad)) + "]") if bad else re.compile("(?!)")


@cache
def _alphabet(lang: str) -> frozenset[str] | None:
    """The letters ``lang`` writes, from its langdetect profile: every single character
    with at least ``_NATIVE`` of the profile's character count (lower case). None when
    the detector has no profile for the language."""
    from ..analysis import lid

    profiles = lid.profiles_for(lang) or lid.profiles_for(_ALPHABET_OF.get(lang, ""))
    if not profiles:
        return None
    out: set[str] = set()
    for prof in profiles:
        letters, total = lid.profile_letters(prof)
        floor = _NATIVE * total
        out.update(k.lower() for k, v in letters.items() if v >= floor)
    return frozenset(out)


@lru_cache(maxsize=_WORD_MEMO)
def _foreign(word: str, alphabet: frozenset[str]) -> bool:
    """``word`` has a non-ASCII letter its declared language does not write, or a symbol
    against a letter."""
    return any(not ch.isascii() and ch.isalpha() and ch.lower() not in alphabet for ch in word) \
        or _odd_char(word)


def _native(word: str, alphabet: frozenset[str]) -> bool:
    return all(ch.isascii() or not ch.isalpha() or ch.lower() in alphabet for ch in word)


def repair(par: str, lang: str | None, _shortcut: bool = True) -> tuple[str, bool] | None:
    """(repaired paragraph, unambiguous) when ``par`` is one legacy code page read as
    another (see the module docstring), else None. ``_shortcut=False`` looks every word
    up in every language first, as the tests' reference for the early leaving below."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(par) if not m.group().isascii()]
    if not tokens:
        return None
    alphabet = _alphabet(lang) if lang else None
    own_lists: dict[str | None, tuple[str, ...]] = {}

    def original_lists(word: str) -> tuple[str, ...]:
        if has_word_list(lang):
            return (lang,)  # type: ignore[return-value]
        sc = _script(word)
        if sc not in own_lists:
            own_lists[sc] = _BY_SCRIPT.get(sc or "", ())
        return own_lists[sc]

    best: list[tuple[float, str]] = []
    unclean = _unclean().search
    texts = [w for _, _, w in tokens]
    raws: dict[str, bytes | None] = {}
    # (written, bytes read) already judged: Windows-1252 and Latin-1 readings give the
    # same bytes for every character but the 0x80-0x9F ones, and the judgement depends
    # on the code page written and the re-decoded words alone, so a pair that repeats
    # another's would add the same candidate again (``best`` is read as a set)
    judged: set[tuple[str, bytes]] = set()
    for written, read in PAIRS:
        script, langs = LANGS[written]
        if read not in raws:
            raws[read] = _encoded(texts, read)
        raw = raws[read]
        if raw is _UNREADABLE:
            continue  # a word this reading cannot have produced: no pair with it
        if raw is not None:
            # (before the decoding: a pair judged already decodes to the same words,
            # or fails to again)
            if (written, raw) in judged:
                continue
            judged.add((written, raw))
        outs = _decoded(texts, raw, written, read)
        if outs is None:
            continue  # a word this reading cannot have produced: not this pair
        changed = [(s, e, w, out) for (s, e, w), out in zip(tokens, outs) if out != w]
        if not changed:
            continue
        # (the words' characters tested in C first: when none could fail the test, no
        # changed word fails it)
        if any(map(unclean, outs)) and any(not _clean_repair(c[3]) for c in changed):
            continue
        # a repair into the code page's script; a few words that come out in two scripts
        # (a Latin "A" typed into a Greek word) are left out of the count, more are a
        # sign of text in another script altogether
        # (each changed word's script and letters looked up once, for both tests)
        own = [_script(c[3]) in (script, None) for c in changed]
        sizes = list(map(_letters, [c[3] for c in changed]))
        mixed = sum(compress(sizes, [not o for o in own]))
        if mixed > MAX_MIXED_SHARE * sum(sizes):
            continue
        # words whose letters change, in a run of two letters or more: a symbol read as
        # another symbol is no evidence, nor is "vis-à-vis" read as "vis-ą-vis"
        counted = [c for c, o in zip(changed, own) if o and _letters(c[2]) > 1
                   and _changed_run(c[2], c[3])]
        n = len(counted)
        if not n:
            continue
        letters = sum(_letters(c[3]) for c in counted)
        # the original's own letters: foreign to its declared language is strong evidence
        foreign = alphabet is not None and \
            sum(_foreign(c[2], alphabet) for c in counted) >= MIN_FOREIGN_SHARE * n
        # the repair writes the declared language's own letters, in its own code page
        native = foreign and wordfreq_code(lang) in langs \
            and all(_native(c[3], alphabet) for c in counted)  # type: ignore[arg-type]
        # or: the declared language is written in the code page's script, and the
        # original is not (Serbian or Belarusian shown as Latin-1 letters)
        if lang is not None and script != "Latin" and _WRITTEN_IN.get(lang) == script \
                and all(_script(c[2]) == "Latin" for c in counted):
            native = foreign = True
        if foreign:
            if letters < (MIN_LETTERS_FOREIGN if native else MIN_LETTERS):
                continue
        elif letters < MIN_LETTERS_WORDS or (lang is not None and not has_word_list(lang)):
            # letters the declared language writes: only its word list can tell that
            # the words are not words (KOI8 read as Windows-1251 is Cyrillic either way)
            continue
        # the language of the code page whose words the repair makes most of, by letters
        weights = [_letters(c[3]) for c in counted]
        total = sum(weights)
        # Without native letters a language must know MIN_KNOWN_SHARE of the letters
        # (below): one is left (-1) as soon as the words still to look up cannot bring it
        # there, and a pair that no language can bring there, or that knows no word at
        # all (a native repair then has no known word either), is left before the mean
        # frequencies. The tests below would leave it, so the answer is the same.
        need = 0.0 if native or not _shortcut else MIN_KNOWN_SHARE * total
        hits = []
        for lg in langs:
            f, hit, left = [], 0, total
            for c, w in zip(counted, weights):
                x = _freq(c[3], lg)
                f.append(x)
                left -= w
                if x > 0:
                    hit += w
                elif hit + left < need:
                    hit = -1
                    break
            hits.append((hit, lg, f))
        # the most known letters, then the commoner words: the mean frequency only
        # decides between the languages that tie on letters (the first of equals wins)
        known = max(h[0] for h in hits)
        if _shortcut and (known <= 0 or known < need):
            continue
        outs_counted = [c[3] for c in counted]
        logf, f_rep = max(((_log_freq(outs_counted, lg), f) for hit, lg, f in hits if hit == known),
                          key=lambda t: t[0])
        words = sum(x > 0 for x in f_rep)
        if native:
            # agglutinative languages' long forms are rare in any list: a known third of
            # the words will do as well as a known share of the letters
            if not words or (known < MIN_KNOWN_SHARE_NATIVE * total and words < n / 3):
                continue
        elif known < MIN_KNOWN_SHARE * total:
            continue
        elif letters < MIN_LETTERS and not foreign:
            # a short repair ("èlen" -> "člen") only when its words are common: together
            # at least 10^MIN_LOG_GAIN times as frequent as the list's floor
            import math

            gain = sum(math.log10(x / 1e-8) for x in f_rep if x > 0)
            if gain < MIN_LOG_GAIN:
                continue
        # the original words that are words as they stand, and no rarer than their repair
        # (word lists of web text hold common misreadings too: Hungarian "elsõ")
        before = 0
        for c, w, fr in zip(counted, weights, f_rep):
            if alphabet is not None and _foreign(c[2], alphabet):
                continue  # letters the language does not write: a list that has the word
                # has it from web text read the same wrong way (Croatian "æe", "meðu")
            fo = max((_freq(c[2], lg) for lg in original_lists(c[2])), default=0.0)
            if fo > 0 and fo >= fr:
                before += w
        if before > MAX_ORIGINAL_SHARE * total:
            continue
        pieces, pos = [], 0
        for s, e, _w, out in changed:
            pieces.append(par[pos:s])
            pieces.append(out)
            pos = e
        pieces.append(par[pos:])
        best.append((round(logf, 6), "".join(pieces)))
    if not best:
        return None
    top = max(score for score, _ in best)
    winners = sorted({fixed for score, fixed in best if score == top})
    return winners[0], len(winners) == 1


def _log_freq(words: list[str], lang: str) -> float:
    """Mean log10 frequency of the letter runs of ``words`` in ``lang``'s list (a run the
    list lacks counts as 1e-9): the better of two repairs is the one of commoner words."""
    import math

    freqs = word_frequencies(lang)
    runs = [r.casefold() for w in words for r in _LETTERS.findall(w)]
    if not runs:
        return -9.0
    return sum(math.log10(freqs.get(r, 0.0) + 1e-9) for r in runs) / len(runs)
