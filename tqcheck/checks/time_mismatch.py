"""Dates and relative times that disagree between aligned passages of two versions.

Method: as ``number_mismatch`` (sentence alignment, then greedy pairing inside each
linked passage), for two kinds of mention extracted by ``tqcheck/analysis/numbers.py``: calendar
dates (day and month in any order and several languages: ``5 February`` = ``February 5``
= ``5 février`` = ``2月5日``) and relative times (a unit and a direction: "hours after",
"days later", "quelques heures après", "Stunden nach"). A passage is flagged only when
**both** sides carry a mention of the kind and they disagree: one says "hours after",
the other "days after"; one says 5 February, the other 6 February. A mention on one
side only is not a disagreement (a rewrite may leave the timing out).

Known false positives: two relative times that refer to different events in one
sentence pair ("days after the vote, hours before the deadline") when the alignment
merged them with another sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types
from .number_mismatch import validate  # noqa: F401  (same options)

SCOPE = "story"
OPTIONS = {
    "pair_types": ["translation", "reference", "rewrite"],
    "unpaired": [],  # kept for symmetry with number_mismatch: one-sided times are not reported
}


def validate(options: dict[str, Any], rule: Any) -> None:
    check_pair_types(options)


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    from ..analysis.numbers import compare, extract

    for pair in ctx.pairs(story):
        if pair.kind not in options["pair_types"]:
            continue
        lh, lr = ctx.language(pair.hyp), ctx.language(pair.ref)
        al = ctx.alignment(pair)
        for sa, sb in al.linked():
            qa = extract(pair.ref.text[sa[0] : sa[1]], lr)
            qb = extract(pair.hyp.text[sb[0] : sb[1]], lh)
            for kind in ("date", "reltime"):
                left_r, left_h = compare(qa, qb, (kind,))
                for h, r in zip(left_h, left_r):
                    if kind == "reltime" and h.unit != r.unit:
                        continue  # "hours after" vs "hours before" two events, not one
                    yield Hit(sb[0] + h.start, sb[0] + h.end, doc=pair.hyp.id, related=pair.ref.id,
                              related_start=sa[0] + r.start, related_end=sa[0] + r.end,
                              fields={"hyp": h.text, "ref": r.text, "pair": pair.kind,
                                      "what": "date" if kind == "date" else "relative time"})
