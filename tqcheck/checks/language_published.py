"""An article in a language the newsroom does not publish in.

Runs only when the config lists the published languages (``languages = ["en", "ar",
"ru"]``). The article's language is its declared one when it has one, else its
detection; the detection is the unrestricted best language (``Detection.unrestricted``:
before the published list narrowed the candidates), so a Portuguese text is not
bent into Spanish just because Spanish is published. Regions follow the config's
``distinguish-regions`` (zh-tw is published when zh or zh-tw is listed). A detection
below ``min_confidence``, or too short to detect, is never reported: TQ105 says
"undetermined" instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis import langs
from ..corpus import Document
from .base import Analyses, Hit
from .language import matches_declared

SCOPE = "article"
OPTIONS = {
    # As TQ101: clean articles of a few sentences detect above 0.99.
    "min_confidence": 0.8,
}


def _published(code: str, published: list[str], distinguish: bool) -> bool:
    for p in published:
        if distinguish and "-" in p and "-" in code:
            if p == code:
                return True
        elif matches_declared(p, code, distinguish):
            return True
    return False


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    published = ctx.languages
    if not published:
        return
    source = "declared"
    code = doc.lang
    value = None
    if code is None:
        det = ctx.detection(doc)
        code = det.unrestricted or det.lang
        if code is None or det.confidence < options["min_confidence"]:
            return
        source, value = "detected", det.confidence
    if _published(code, published, ctx.distinguish_regions):
        return
    yield Hit(0, 0, fields={"lang": langs.name(code), "source": source,
                            "published": ", ".join(published)},
              value=value, suggestion="check the language slot, or add the language to "
                                      "'languages' in the config")
