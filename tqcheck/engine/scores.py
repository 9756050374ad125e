"""The report's pair scores and aligned segments of one story (``SCORES_SCHEMA``,
``SEGMENTS_SCHEMA``): every pair of versions (``corpus/pairs.py``) aligned, each link a
segment row, and each same-language pair scored as a whole (``analysis/metrics.py``)."""

from __future__ import annotations

from typing import Any

from ..analysis.metrics import (_sentence_metrics, aligned_segments, bleu_scores, chrf_scores,
                                tokenizer_for)
from ..corpus import Story
from ..corpus.pairs import Pair
from .context import Context


def story_scores(story: Story, ctx: Context) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(score rows, segment rows) of ``story``'s pairs; translations get segment rows
    only (BLEU and chrF need a reference in the same language)."""
    scores: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    for pair in ctx.pairs(story):
        same = ctx.same_language(ctx.language(pair.hyp), ctx.language(pair.ref))
        segments.extend(segment_rows(story.id, pair, ctx, same))
        if pair.kind == "translation":
            continue
        scores.append({
            "story": story.id, "hyp_path": pair.hyp.id, "ref_path": pair.ref.id,
            "hyp_lang": ctx.language(pair.hyp), "ref_lang": ctx.language(pair.ref),
            "pair_type": pair.kind, **ctx.pair_score(pair),
        })
    return scores, segments


def segment_rows(story_id: str, pair: Pair, ctx: Context, same_language: bool) -> list[dict[str, Any]]:
    """One row per aligned link of ``pair``; scores for one language only."""
    hyp, ref = pair.hyp.text, pair.ref.text
    al = ctx.alignment(pair)
    bleu, chrf = _sentence_metrics(tokenizer_for(ctx.language(pair.ref)))
    segs = aligned_segments(al, ref, hyp)
    scored = [(h, r) for _, h, r in segs if same_language and h and r]
    bleus = iter(bleu_scores(bleu, [x[0] for x in scored], [x[1] for x in scored]))
    chrfs = iter(chrf_scores(chrf, [x[0] for x in scored], [x[1] for x in scored]))
    rows = []
    for link, h, r in segs:
        sa, sb = al.span_a(link), al.span_b(link)
        both = same_language and h and r
        rows.append({
            "story": story_id, "hyp_path": pair.hyp.id, "ref_path": pair.ref.id, "link": link.kind,
            "hyp_start": sb[0] if sb else None, "hyp_end": sb[1] if sb else None,
            "ref_start": sa[0] if sa else None, "ref_end": sa[1] if sa else None,
            "hyp_line": pair.hyp.position(sb[0])[0] if sb else None,
            "ref_line": pair.ref.position(sa[0])[0] if sa else None,
            "hyp_text": h or None, "ref_text": r or None,
            "bleu": round(next(bleus), 4) if both else None,
            "chrf": round(next(chrfs), 4) if both else None,
        })
    return rows
