"""Articles whose language cannot be determined: say so instead of guessing.

The article's detection (memoised, ``lid.detect``) is undetermined when the text has
fewer than ``lid.MIN_LETTERS`` letters (headlines, captions), is in a script no
detector profile covers (Armenian, Georgian, Ethiopic, ...), or its best language's
probability is below ``min_confidence`` (mixed text). Such an article's language
rests on its declaration alone; the finding is information for the editor (rules of
this kind should stay at severity info: weak evidence is never an error).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis import langs
from ..corpus import Document
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS = {
    # Below this probability langdetect's best answer is a guess between neighbours
    # or a mixed text; matches TQ101's threshold, so every article is either checked
    # for a mismatch or reported here.
    "min_confidence": 0.8,
    # Empty articles are TQ002's; a text with no letters at all (a table of figures)
    # has no language to determine.
    "min_letters": 1,
}


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    det = ctx.detection(doc)
    if det.letters < options["min_letters"]:
        return
    if det.lang is not None and det.confidence >= options["min_confidence"]:
        return
    if det.lang is None:
        reason = det.reason or "no evidence"
        if reason == "too short":
            reason = f"only {det.letters} letter{'' if det.letters == 1 else 's'}"
    else:
        runner = [f"{langs.name(c)} {p:.0%}" for c, p in det.ranking[:3]]
        reason = "mixed or ambiguous: " + ", ".join(runner)
    yield Hit(0, 0, fields={"reason": reason, "declared": langs.name(doc.lang) if doc.lang else "none"},
              value=det.confidence)
