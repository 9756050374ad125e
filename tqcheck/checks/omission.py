"""A passage of one version with no counterpart in a declared translation of it.

Method: the pair is sentence-aligned (``tqcheck/analysis/align.py``: monotonic, 1-1/1-2/2-1/1-0/0-1
links). A run of consecutive sentences of the source (the document a translation or
reference declares) that are linked to nothing is an **omission**; a run of sentences of
the translation linked to nothing is an **addition** (``direction`` option). A run is
reported once, as one passage, on the translation, naming where it sits in the source.

Only declared pairs are checked by default: undeclared same-language rewrites drop and
add material on purpose (``pair_types``). Very short sentences (a dateline, "News") are
not reported on their own (``min_chars``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from ..analysis.text import lines
from ._segments import excerpt
from .base import Analyses, Hit, check_pair_types

SCOPE = "story"
OPTIONS = {
    "direction": "omission",  # omission | addition
    # Pair types to check: translation, reference, rewrite.
    "pair_types": ["translation", "reference"],
    # A passage shorter than this many characters is not reported: datelines, bylines
    # and one-word headings are dropped by editors on purpose. 20 characters is about
    # four words, less than any sentence that carries a fact.
    "min_chars": 20,
    # Length evidence (omissions only): the source passage from the linked sentence
    # before a run to the linked one after it, against the translation between the
    # same links. When the translation's share there is at least this fraction of its
    # share over the whole pair (its characters per source character), the material is
    # there, merged into a neighbour or reworded past alignment, not dropped. On the
    # MQM human references (en-de news, zh-en talks) 0.85 removed most omissions
    # reported on professional translations while most on drafts with an expert-marked
    # omission stayed (python -m tools.eval mqm --rules); 0 turns the test off.
    "length_evidence": 0.85,
}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    if options["direction"] not in ("omission", "addition"):
        raise ValueError("direction must be 'omission' or 'addition'", "direction")
    check_pair_types(options)


def runs(links, side: str) -> list[list]:  # type: ignore[no-untyped-def]
    """Runs of consecutive links that have sentences only on ``side`` ('a' or 'b')."""
    out: list[list] = []
    cur: list = []
    for ln in links:
        mine, other = (ln.a, ln.b) if side == "a" else (ln.b, ln.a)
        if mine and not other:
            cur.append(ln)
        elif other and not mine:
            continue  # an unmatched sentence on the other side does not break a run
        else:
            if cur:
                out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    omission = options["direction"] == "omission"
    for pair in ctx.pairs(story):
        if pair.kind not in options["pair_types"]:
            continue
        al = ctx.alignment(pair)
        paragraphs = (list(lines(pair.ref.text)), list(lines(pair.hyp.text))) if omission else None
        # a = reference/source, b = hypothesis/translation.
        for run in runs(al.links, "a" if omission else "b"):
            if omission:
                s, e = al.a_spans[run[0].a[0]].start, al.a_spans[run[-1].a[-1]].end
                text = pair.ref.text[s:e]
            else:
                s, e = al.b_spans[run[0].b[0]].start, al.b_spans[run[-1].b[-1]].end
                text = pair.hyp.text[s:e]
            if len(text.strip()) < options["min_chars"]:
                continue
            if omission and _length_explains(al, run, paragraphs) >= options["length_evidence"] > 0:
                continue
            n = len(run)
            fields = {"sentences": f"{n} sentence{'s' if n > 1 else ''}", "pair": pair.kind,
                      "excerpt": excerpt(text)}
            if omission:
                at = _anchor(al, run, "b")
                yield Hit(at, at, doc=pair.hyp.id, related=pair.ref.id, related_start=s,
                          related_end=e, value=float(n), fields=fields)
            else:
                yield Hit(s, e, doc=pair.hyp.id, related=pair.ref.id,
                          related_start=_anchor(al, run, "a"), value=float(n), fields=fields)


def _length_explains(al, run, paragraphs) -> float:  # type: ignore[no-untyped-def]
    """The translation's length around ``run`` relative to what the pair's overall
    length ratio predicts: about 1 when nothing is missing there, lower by the dropped
    passage's share when it is. When both versions have the same number of paragraphs
    (translators keep the paragraphing), "around" is the run's paragraph and its
    counterpart; otherwise from the link before the run to the link after it."""
    pa, pb = paragraphs  # lines of the source and of the translation (text.lines)
    if len(pa) == len(pb) >= 2:
        start = al.a_spans[run[0].a[0]].start
        k = max((i for i, p in enumerate(pa) if p.start <= start), default=0)
        total_a = sum(p.end - p.start for p in pa)
        total_b = sum(p.end - p.start for p in pb)
        near_a, near_b = pa[k].end - pa[k].start, pb[k].end - pb[k].start
        if near_a and total_a and total_b:
            return (near_b / near_a) / (total_b / total_a)
        return 0.0
    links = al.links
    i, j = links.index(run[0]), links.index(run[-1])
    while i > 0 and not (links[i - 1].a and links[i - 1].b):
        i -= 1
    while j + 1 < len(links) and not (links[j + 1].a and links[j + 1].b):
        j += 1
    lo, hi = max(0, i - 1), min(len(links), j + 2)

    def size(spans, idx) -> int:  # type: ignore[no-untyped-def]
        return sum(spans[k].end - spans[k].start for k in idx)

    near_a = size(al.a_spans, [k for ln in links[lo:hi] for k in ln.a])
    near_b = size(al.b_spans, [k for ln in links[lo:hi] for k in ln.b])
    all_a = size(al.a_spans, range(len(al.a_spans)))
    all_b = size(al.b_spans, range(len(al.b_spans)))
    if not (near_a and all_a and all_b):
        return 0.0
    return (near_b / near_a) / (all_b / all_a)


def _anchor(al, run, side: str) -> int:  # type: ignore[no-untyped-def]
    """Where a passage missing from ``side`` ("a" or "b") would go: after the last
    sentence of that side linked before ``run``."""
    spans = al.a_spans if side == "a" else al.b_spans
    last = 0
    for ln in al.links:
        if ln is run[0]:
            break
        idx = ln.a if side == "a" else ln.b
        if idx:
            last = spans[idx[-1]].end
    return last
