"""Language codes: which file-name suffixes and config values name a language.

ISO 639-1 codes, with the names editors read in reports. A declared language is
normalised to lower case with a hyphen (``pt_BR`` -> ``pt-br``); ``base`` drops the
region so that zh-cn and zh-tw compare as one language unless the config says not to.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from . import heavy

NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lg": "Ganda", "lo": "Lao", "lt": "Lithuanian",
    "lv": "Latvian", "mi": "Maori", "mk": "Macedonian", "ml": "Malayalam",
    "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese",
    "nb": "Norwegian Bokmål", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk",
    "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "si": "Sinhala",
    "sk": "Slovak", "sl": "Slovenian", "sn": "Shona", "so": "Somali", "sq": "Albanian",
    "sr": "Serbian", "st": "Sotho", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tl": "Tagalog",
    "tn": "Tswana", "tr": "Turkish", "ts": "Tsonga", "tt": "Tatar", "ug": "Uyghur",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "xh": "Xhosa",
    "yi": "Yiddish", "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu",
}

_CODE_RE = re.compile(r"^([a-z]{2})(?:-([a-z]{2}|[a-z]{4}|\d{3}))?$")


def normalise(code: str | None) -> str | None:
    """``pt_BR`` -> ``pt-br``; None for anything that is not a known language code."""
    if not code:
        return None
    c = code.strip().lower().replace("_", "-")
    m = _CODE_RE.match(c)
    if not m or m.group(1) not in NAMES:
        return None
    return c


def base(code: str | None) -> str | None:
    return code.split("-", 1)[0] if code else None


def name(code: str | None) -> str:
    if not code:
        return "undetermined"
    b = base(code)
    return f"{NAMES.get(b or '', code)} ({code})"


# wordfreq's list names where they differ from ours: Norwegian is in its Bokmål list,
# Croatian, Bosnian and Serbian in its Serbo-Croatian one, Tagalog in its Filipino one.
_WORDFREQ_CODE = {"no": "nb", "nn": "nb", "hr": "sh", "bs": "sh", "sr": "sh", "tl": "fil"}
# A word at least this frequent (wordfreq's Zipf scale: 3 = once per million words) is
# an ordinary word of the language. Misspellings are rare by nature: of the name
# misspellings in the names evaluation none reaches 2, while common nouns and the
# names that are words too (Montana, Reuters, Stadt, Europäer) are 3.5 and above.
COMMON_ZIPF = 3.0


def zipf_frequency(zipf: float) -> float:
    """The word frequency of a Zipf value (log10 of occurrences per billion words)."""
    return 10 ** (zipf - 9)


def wordfreq_code(lang: str | None) -> str:
    """The name of ``lang``'s word list in wordfreq."""
    code = base(lang) or ""
    return _WORDFREQ_CODE.get(code, code)


def word_frequencies(lang: str) -> Mapping[str, float]:
    """wordfreq's "small" list (the 10^4-10^5 most frequent words) of ``lang``, read
    once per process and held as a ``WordList`` (the first lists of a small run as a
    dict, ``_PLAIN_WORDS_CAP``); empty for a language wordfreq does not list."""
    global _PLAIN_WORDS
    code = wordfreq_code(lang)
    got = _FREQS.get(code)
    if got is None:
        path = _available().get(code)
        try:
            words = _read_list(path) if path else {}
        except (ValueError, OSError):
            # a list this reader does not know (a later wordfreq's format): wordfreq's
            # own reader, with the import this reader saves
            import wordfreq

            words = wordfreq.get_frequency_dict(code, "small")
            wordfreq.get_frequency_list.cache_clear()
            wordfreq.get_frequency_dict.cache_clear()
        if not heavy.numpy_loaded() and _PLAIN_WORDS + len(words) <= _PLAIN_WORDS_CAP:
            # the first lists of a run stay the dicts they were read as (the same words,
            # values and order): a WordList is built with numpy, whose import costs more
            # than the memory a few lists take
            _PLAIN_WORDS += len(words)
            got = words
        else:
            got = WordList(words)
        _FREQS[code] = got
    return got


def _read_list(path: Path) -> dict[str, float]:
    """One of wordfreq's installed word lists as ``wordfreq.get_frequency_dict`` gives
    it (same words, order and values; ``tests/test_start.py`` compares them), read
    without importing wordfreq. Importing wordfreq loads ftfy, langcodes and regex for
    its tokenizer and language matching (about 80 ms of CPU in a small run), while this
    module only reads its lists: a list is a gzipped msgpack "cBpack", a header
    then one bucket of words per centibel of frequency (bucket ``i`` holds the words of
    frequency 10^(-i/100)). Our codes are wordfreq's own list names (``wordfreq_code``),
    so its language matching always picks the list of that name."""
    import gzip

    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq word list (header {header!r})")
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        freq = 10 ** (-index / 100)  # wordfreq's cB_to_freq(-index)
        for word in bucket:
            freqs[word] = freq  # as wordfreq: a word in two buckets keeps the later value
    return freqs


def _array(code: str, values: Any) -> array[int]:
    """A numpy integer array as a compact ``array.array`` (which ``bisect`` and
    indexing read in C without numpy's per-item scalars)."""
    out = array(code)
    out.frombytes(values.astype(f"{'i' if code.islower() else 'u'}{out.itemsize}").tobytes())
    return out


# Words of the lists a process keeps as plain dicts while numpy is not loaded (about
# 100 bytes a word, against a WordList's 27): two or three lists, 15 MB at most, cost
# less than importing numpy (about 0.1 s) to build their WordLists; the lists after them
# are WordLists.
_PLAIN_WORDS_CAP = 150_000
_PLAIN_WORDS = 0


class WordList(Mapping[str, float]):
    """A word list (word -> frequency) in a few flat arrays instead of a dict.

    wordfreq's dict of a language holds a string object and a dict slot per word,
    about 100 bytes; the 30-odd lists a multilingual archive meets took some 150 MB,
    a third of a run's memory. Here the words are one blob of UTF-8, each with its
    offset and the index of its frequency among the list's few hundred distinct values
    (wordfreq's frequencies are bins of 1 centibel), and beside them the words'
    ``hash`` in sorted order with the word each belongs to: about 27 bytes a word. A
    lookup is a binary search of the hash (``bisect``, in C) and a comparison of the
    word's bytes with the blob's, so an answer is exact, never a hash collision; it
    takes about a microsecond against a dict's 0.1, and a run makes about a thousand
    lookups per article. Same keys, values and order as the mapping it is built from
    (``dict(wl) == freqs``). Python salts ``hash`` per process, so a pickled list is
    rebuilt (``__reduce__``)."""

    __slots__ = ("_blob", "_starts", "_levels", "_values", "_hashes", "_words")

    def __init__(self, freqs: Mapping[str, float]) -> None:
        import numpy as np

        # numpy for the per-word passes: in Python loops, building a 60,000-word list
        # took 0.14 s, five times wordfreq's own reading of it
        words = list(freqs)
        n = len(words)
        keys = np.fromiter(map(hash, words), dtype=np.int64, count=n)
        by_hash = np.argsort(keys, kind="stable")
        levels, level_of = np.unique(np.fromiter(freqs.values(), dtype=np.float64, count=n),
                                     return_inverse=True)
        # the words joined by NUL (which no word of a list holds), each word's bytes
        # starting after the NUL before it
        blob = "\0".join(words).encode("utf-8", "surrogatepass")
        ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 0)
        if len(ends) != max(n - 1, 0):
            raise ValueError("a word list's words hold no NUL character")
        self._blob = blob
        self._starts = _array("I", np.concatenate(([0], ends + 1, [len(blob) + 1])))
        self._levels = tuple(levels.tolist())
        self._values = _array("H", level_of.reshape(-1))
        self._hashes = _array("q", keys[by_hash])
        self._words = _array("I", by_hash)  # the word of each hash, in ``freqs`` order

    def _find(self, word: object) -> int:
        """The index of ``word`` in the list's order, or -1."""
        if not isinstance(word, str):
            return -1
        h = hash(word)
        hashes = self._hashes
        i = bisect_left(hashes, h)
        n = len(hashes)
        if i == n or hashes[i] != h:
            return -1
        raw = word.encode("utf-8", "surrogatepass")
        starts, blob, words = self._starts, self._blob, self._words
        while i < n and hashes[i] == h:
            k = words[i]
            if blob[starts[k]:starts[k + 1] - 1] == raw:
                return k
            i += 1
        return -1

    def get(self, word: object, default: float | None = None) -> float | None:  # type: ignore[override]
        k = self._find(word)
        return default if k < 0 else self._levels[self._values[k]]

    def __getitem__(self, word: str) -> float:
        k = self._find(word)
        if k < 0:
            raise KeyError(word)
        return self._levels[self._values[k]]

    def __contains__(self, word: object) -> bool:
        return self._find(word) >= 0

    def __iter__(self) -> Iterator[str]:
        starts, blob = self._starts, self._blob
        for k in range(len(self._values)):
            yield blob[starts[k]:starts[k + 1] - 1].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[type[WordList], tuple[dict[str, float]]]:
        return (WordList, (dict(self.items()),))


def word_frequency(word: str, lang: str | None) -> float:
    """wordfreq's frequency of ``word`` (any case) in ``lang``; 0 when unlisted."""
    return word_frequencies(lang).get(word.lower(), 0.0) if lang else 0.0


def is_common_word(word: str, lang: str | None) -> bool:
    """Is ``word`` (any case) an ordinary word of ``lang`` by word frequency?"""
    return word_frequency(word, lang) >= zipf_frequency(COMMON_ZIPF)


def word_in_its_own_right(word: str, model: str, lang: str | None, dense: bool = False) -> bool:
    """Is ``word`` an ordinary word of ``lang`` (Reuters, Montana, المتحدث) rather than a
    misspelling of ``model``? Frequent misspellings are frequent too (بوتن for بوتين is
    Zipf 3.1), so a word of Zipf 3 must also be at least a tenth as frequent as the
    spelling it resembles; from Zipf 4 (once per 100,000 words) it is a word whatever
    it resembles (المتحدث, "the spokesman", Zipf 4.5, beside المتحدة, 5.9). ``dense``
    scripts (Arabic, Hebrew: short consonantal words, where one dropped letter of a name
    often spells another word, ترامب / تراب) use the Zipf 4 test alone."""
    f = word_frequency(word, lang)
    if f >= zipf_frequency(4.0):
        return True
    return not dense and f >= zipf_frequency(COMMON_ZIPF) and 10 * f >= word_frequency(model, lang)


_FREQS: dict[str, Mapping[str, float]] = {}
_AVAILABLE: list[dict[str, Path]] = []


def _available() -> dict[str, Path]:
    """wordfreq's installed "small" lists by list name (``small_<name>.msgpack.gz`` in its
    data folder, as ``wordfreq.available_languages("small")`` finds them), without
    importing wordfreq; none when it is not installed."""
    if not _AVAILABLE:
        from importlib.util import find_spec

        spec = find_spec("wordfreq")
        found: dict[str, Path] = {}
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted((Path(folder) / "data").glob("small_*.msgpack.gz")):
                found.setdefault(path.name[len("small_"):-len(".msgpack.gz")], path)
        _AVAILABLE.append(found)
    return _AVAILABLE[0]


def has_word_list(lang: str | None) -> bool:
    """Does wordfreq list the words of ``lang``?"""
    return bool(lang) and bool(word_frequencies(lang or ""))
