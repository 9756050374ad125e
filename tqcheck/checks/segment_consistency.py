"""One source segment translated two ways, or two sources translated the same way.

Method (what ApSIC Xbench, Verifika and Okapi CheckMate call consistency checks): the
segment pairs of every declared translation (``checks/_segments.py``: the segments of
an XLIFF or TMX file, or the 1-1 sentence links of two articles) are grouped by the
normalised source (``direction = "translation"``, TQ703) or by the normalised
translation (``direction = "source"``, TQ704). Normalising folds case, Unicode forms,
quotes, dashes, white space and trailing punctuation, so "Talks resume." and "talks
resume" are one segment. In a group with more than one variant on the other side, the
most frequent variant (the first one on a tie) stands as the reference and every
segment with another variant is reported, pointing at the reference's first
occurrence. One finding per differing segment; the group is within one pair (one
source and one target language), as a translator's file is.

Short segments are left out (``min_words``): "Yes.", "Read more" or "(Applause)" are
translated by context, and a consistency warning on them is noise.

Known false positives: a repeated short sentence translated to fit its context
("He said no." as "Er sagte Nein." and "Er lehnte ab."), two sources that differ only
in spelling or a typo (TQ704), the same headline repeated as a teaser.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types
from ._segments import excerpt, line_of, normalise, pairs_of, segment_pairs, size

SCOPE = "story"
OPTIONS = {
    "direction": "translation",  # translation (TQ703) | source (TQ704)
    "pair_types": ["translation"],
    # Segments shorter than this many words (CJK: two characters a word) are not
    # compared: below three words a segment is a label, an interjection or a stage
    # direction whose translation depends on its context.
    "min_words": 3.0,
    # Skip segments a bilingual file marks translate="no" (they are not translated).
    "skip_untranslatable": True,
}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    if options["direction"] not in ("translation", "source"):
        raise ValueError("direction must be 'translation' or 'source'", "direction")
    check_pair_types(options)


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    by_source = options["direction"] == "translation"
    for pair in pairs_of(story, ctx, options["pair_types"]):
        groups: dict[str, list[tuple[str, object]]] = {}
        for sp in segment_pairs(pair, ctx):
            if not sp.src_text.strip() or not sp.tgt_text.strip():
                continue
            if options["skip_untranslatable"] and sp.tgt_meta and not sp.tgt_meta.get("translate", True):
                continue
            ns, nt = normalise(sp.src_text), normalise(sp.tgt_text)
            key, other = (ns, nt) if by_source else (nt, ns)
            if not key or size(key) < options["min_words"]:
                continue
            groups.setdefault(key, []).append((other, sp))
        for items in groups.values():
            counts = Counter(v for v, _ in items)
            if len(counts) < 2:
                continue
            # the most frequent variant; on a tie the first to appear (most_common keeps
            # the order of first appearance among equal counts)
            ref_v = counts.most_common(1)[0][0]
            ref_sp = next(sp for v, sp in items if v == ref_v)
            for v, sp in items:
                if v == ref_v:
                    continue
                if by_source:
                    yield Hit(sp.tgt[0], sp.tgt[1], doc=pair.hyp.id, related=pair.hyp.id,
                              related_start=ref_sp.tgt[0], related_end=ref_sp.tgt[1],
                              fields={"other": excerpt(ref_sp.tgt_text),
                                      "line": line_of(pair.hyp, ref_sp.tgt[0]),
                                      "pair": pair.kind})
                else:
                    yield Hit(sp.tgt[0], sp.tgt[1], doc=pair.hyp.id, related=pair.ref.id,
                              related_start=ref_sp.src[0], related_end=ref_sp.src[1],
                              fields={"other": excerpt(ref_sp.src_text),
                                      "line": line_of(pair.ref, ref_sp.src[0]),
                                      "source": excerpt(sp.src_text), "pair": pair.kind})
