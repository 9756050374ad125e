"""A version much shorter than its sibling versions in the story: probably truncated.

Length is measured in "content units" so that scripts compare: a CJK ideograph or kana
carries about as much as three Latin letters, a Hangul syllable about two, every other
non-space character one (wide ratios measured between translations of news copy run
from 0.3 to 0.4 characters of Chinese per character of English). A version is flagged
when its length is below ``min_ratio`` times the median length of the other versions
(at least ``min_siblings`` of them), and the siblings are long enough to judge
(``min_units``). Versions marked as a summary are not told apart: a story that
deliberately holds a short brief beside a full article is a known false positive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis.text import script_of
from .base import Hit

SCOPE = "story"
OPTIONS: dict[str, Any] = {
    # Translations of one article differ in length by up to about 30% once scripts are
    # weighed; a version at less than half the others lost a good part of its text.
    "min_ratio": 0.5,
    # How many other versions a story needs before lengths are compared: one is enough,
    # since the ratio is taken against the median of the others (with one sibling,
    # that sibling).
    "min_siblings": 1,
    # Below about 400 units (a few sentences) lengths vary too much to judge.
    "min_units": 400,
}
_WEIGHT = {"Han": 3.0, "Hiragana": 3.0, "Katakana": 3.0, "Hangul": 2.0}


def units(text: str) -> float:
    total = 0.0
    for ch in text:
        if ch.isspace():
            continue
        total += _WEIGHT.get(script_of(ch) or "", 1.0) if ch.isalpha() else 1.0
    return total


def _median(values: list[float]) -> float:
    """``statistics.median``, as Python computes it (the middle value, or the mean of the
    two middle ones), without importing statistics and fractions for one median."""
    ordered = sorted(values)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def check(story: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    docs = sorted((d for d in story.documents if d.problem is None), key=lambda d: d.id)
    if len(docs) < options["min_siblings"] + 1:
        return
    size = {d.id: units(d.text) for d in docs}
    for d in docs:
        others = [size[o.id] for o in docs if o.id != d.id]
        med = _median(others)
        if med < options["min_units"]:
            continue
        ratio = size[d.id] / med
        if ratio < options["min_ratio"]:
            end = len(d.text.rstrip())
            longest = max((o for o in docs if o.id != d.id), key=lambda o: size[o.id])
            yield Hit(max(0, end - 1), end, doc=d.id, value=round(ratio, 3),
                      fields={"percent": f"{100 * ratio:.0f}%", "count": len(others)},
                      related=longest.id, suggestion="compare with the longer versions")
