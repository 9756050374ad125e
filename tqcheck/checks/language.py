"""Is the article in the language it claims to be?

The article is detected once (``tqcheck/lid.py``, deterministic) and compared with its
declared language (file-name suffix, front matter, feed column, manifest). Regional
variants compare as one language (zh-cn = zh-tw) unless the config sets
``distinguish-regions``. Too little text to detect, or a detection below
``min_confidence``, is never a mismatch: editors are not told a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import langs
from ..corpus import Document
from . import Hit

SCOPE = "article"
OPTIONS = {
    # langdetect's probability for its best language. Clean articles of a few
    # sentences score above 0.99; below 0.8 the text is mixed or too short to say.
    "min_confidence": 0.8,
}


def check(doc: Document, options: dict, ctx) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    if doc.lang is None:
        return
    det = ctx.detection(doc)
    if det.lang is None or det.confidence < options["min_confidence"]:
        return
    if langs.base(det.lang) != langs.base(doc.lang):
        yield Hit(0, 0, fields={"detected": langs.name(det.lang), "declared": langs.name(doc.lang)},
                  value=det.confidence, suggestion=f"declare the article as {det.lang}, or translate it")
