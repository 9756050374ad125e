"""Script-independent keys for names: transliteration, folding, similarity.

* ``latin(s)``: anyascii's ASCII transliteration (ISC licence), lower-cased, letters
  only. ``Костюков`` -> ``kostyukov``, ``ويتكوف`` -> ``wytkwf``, ``ヴィトコフ`` ->
  ``vitokofu``.
* ``fold(s)``: ``latin`` with the letters that translation and transliteration swap
  made equal: w/v/f and ph, y/j/i, ie/ei, ck/k, and doubled letters collapsed. Two
  spellings with one fold (Kostyukov / Kostiukov, Sergey / Sergei, Witkoff / Witkov)
  are the same name written two ways.
* ``similarity(a, b)``: rapidfuzz's normalised Indel similarity (0-100) of the folds.
  Checks compare a threshold on it (rule options), never raw edit distances, so that
  long and short names are judged alike.
* ``skeleton`` (consonant key, shared with story grouping in
  ``tqcheck/corpus/grouping.py``) links forms across scripts where vowels are not
  written (Arabic, Hebrew): ``Kushner``, ``Кушнер`` and ``كوشنر`` share ``kshnr``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..corpus.grouping import skeleton

__all__ = ["latin", "fold", "similarity", "skeleton", "cross_score"]

_NONLETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=65536)
def latin(s: str) -> str:
    from anyascii import anyascii

    return _NONLETTER.sub("", anyascii(s).lower())


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    t = latin(s)
    t = t.replace("ph", "f").replace("ck", "k").replace("ie", "i").replace("ei", "i")
    t = t.translate(str.maketrans("wvyj", "ffii"))
    return re.sub(r"(.)\1+", r"\1", t)


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(a), fold(b))


def cross_score(native: str, latin_form: str) -> float:
    """How well a native-script token matches a Latin one (0-100).

    The mean of the similarity of the folded transliteration (which keeps vowels where
    the script writes them) and of the consonant skeletons (robust where vowels are
    not written, as in Arabic and Hebrew).
    """
    from rapidfuzz import fuzz

    return (fuzz.ratio(fold(native), fold(latin_form))
            + fuzz.ratio(skeleton(native), skeleton(latin_form))) / 2
