"""Is the article in the language it claims to be?

The article is detected once (``tqcheck/analysis/lid.py``, deterministic, memoised by the
engine as ``ctx.detection``; the config's ``languages`` narrow the candidates) and
compared with its declared language (file-name suffix, front matter, feed column,
manifest). Regional variants compare as one language (zh-cn = zh-tw) unless the config
sets ``distinguish-regions``; Norwegian Bokmål/Nynorsk (nb, nn) compare with the
detector's "no". Too little text to detect, a detection below ``min_confidence``, or a
declared language the detector has no profile for (it could only name a neighbour:
Malay is detected as Indonesian) is never a mismatch: editors are not told a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis import langs, lid
from ..corpus import Document
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS = {
    # langdetect's probability for its best language. Clean articles of a few
    # sentences score above 0.99; below 0.8 the text is mixed or too short to say.
    "min_confidence": 0.8,
}


def matches_declared(declared: str, detected: str, distinguish_regions: bool) -> bool:
    """Declared vs detected: regions count only when asked and when both give one, and
    languages that share a detection profile (Malay and Indonesian) match. (Whether two
    *versions* are in one language is ``ctx.same_language``; which versions pair up,
    ``corpus.pairs``.)"""
    if distinguish_regions and "-" in declared and "-" in detected:
        return declared == detected
    if langs.base(declared) == langs.base(detected):
        return True
    return bool(set(lid.profiles_for(declared)) & set(lid.profiles_for(detected)))


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    if doc.lang is None or not lid.supported(doc.lang):
        return
    det = ctx.detection(doc)
    if det.lang is None or det.confidence < options["min_confidence"]:
        return
    if not matches_declared(doc.lang, det.lang, ctx.distinguish_regions):
        yield Hit(0, 0, fields={"detected": langs.name(det.lang), "declared": langs.name(doc.lang)},
                  value=det.confidence, suggestion=f"declare the article as {det.lang}, or translate it")
