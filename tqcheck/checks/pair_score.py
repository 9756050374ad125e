"""A pair of versions whose overlap is too low for what the pair claims to be.

A declared reference and its hypothesis (a human and a machine translation of one
source) should agree closely; a chrF far below the threshold means one of them is
incomplete, misaligned or not the same story. Same-language rewrites share facts but
not wording, so their threshold is much lower. Scores come from the run's pair scores
(``tqcheck/analysis/metrics.py``); the finding sits on the hypothesis and names the reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit

SCOPE = "story"
OPTIONS = {
    # chrF of independent professional translations of one news text is usually 45-65;
    # below 30 the two texts share little more than names and numbers.
    "min_chrf_reference": 30.0,
    # Rewrites of one story share facts, not wording: the two seed versions (different
    # outlets) measure chrF 52.8 / BLEU 7.8. Below 15 two texts share little beyond
    # function words, i.e. they are not the same story. 0 turns the check off.
    "min_chrf_rewrite": 15.0,
}


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    for pair in ctx.pairs(story):
        if pair.kind == "translation":
            continue
        floor = options["min_chrf_reference" if pair.kind == "reference" else "min_chrf_rewrite"]
        s = ctx.pair_score(pair)
        if s["chrf"] < floor:
            yield Hit(0, 0, doc=pair.hyp.id, related=pair.ref.id, related_start=0,
                      value=s["chrf"], fields={"chrf": f"{s['chrf']:.1f}", "bleu": f"{s['bleu']:.1f}",
                                               "min": f"{floor:g}", "pair": pair.kind})
