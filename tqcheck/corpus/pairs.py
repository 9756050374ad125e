"""Which versions of a story pair up, and the alignment a bilingual file declares.

* a declared reference (``reference_of``): the document it names is the hypothesis;
* a declared translation (``translation_of``): the translation is the hypothesis, its
  source the reference; it is aligned but not scored with BLEU or chrF, which need a
  reference in the same language;
* two versions in the same language with no declared role: a rewrite pair, the later
  path scored against the earlier one (BLEU is not symmetric; the order is stable).
  "The same language" here is the base language (``en-GB`` and ``en-US`` versions are
  rewrites of one another whatever ``distinguish-regions`` says: that setting is about
  what an article declares, not about which versions compare).

The languages are given per document (declared, else detected: the engine's
``Context.language``), so choosing pairs needs nothing but the story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis import langs
from . import Document, Story

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.align import Aligned


@dataclass(frozen=True)
class Pair:
    hyp: Document
    ref: Document
    kind: str  # "reference" | "rewrite" | "translation"


def story_pairs(story: Story, languages: Mapping[str, str | None]) -> list[Pair]:
    """Pairs to score or align in ``story``; ``languages[doc.id]`` is each readable
    document's language (declared, else detected; None when unknown)."""
    docs = [d for d in story.documents if d.problem is None]
    out: list[Pair] = []
    declared: set[tuple[str, ...]] = set()
    for d in docs:
        other = story.by_id(d.of) if d.of else None
        if other is None or other.problem is not None:
            continue
        if d.role == "reference_of":
            out.append(Pair(hyp=other, ref=d, kind="reference"))
        elif d.role == "translation_of":
            out.append(Pair(hyp=d, ref=other, kind="translation"))
        declared.add(tuple(sorted((d.id, other.id))))
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if tuple(sorted((a.id, b.id))) in declared:
                continue
            la, lb = langs.base(languages.get(a.id)), langs.base(languages.get(b.id))
            if la is not None and la == lb:
                out.append(Pair(hyp=b, ref=a, kind="rewrite"))
    return sorted(out, key=lambda p: (p.hyp.id, p.ref.id))


def same_bilingual_file(ref: Document, hyp: Document) -> bool:
    """Both versions carry the segments of one bilingual file, unit for unit."""
    a, b = ref.meta.get("segments"), hyp.meta.get("segments")
    return (a is not None and b is not None and len(a) == len(b)
            and bool(ref.meta.get("bilingual")) and ref.meta.get("bilingual") == hyp.meta.get("bilingual"))


def segment_alignment(ref: Document, hyp: Document) -> Aligned | None:
    """Line *i* of ``ref`` linked 1-1 to line *i* of ``hyp`` when both carry the segments
    of one bilingual file (``corpus/bilingual.py``), else None. A segment that is empty
    on either side (an untranslated or absent target) gets no link at all: TQ706 reports
    it, and omission or number checks do not report it a second time."""
    from ..analysis.align import Aligned, Link
    from ..analysis.text import Span

    if not same_bilingual_file(ref, hyp):
        return None
    a, b = ref.meta["segments"], hyp.meta["segments"]
    sa = [Span(s["start"], s["end"]) for s in a]
    sb = [Span(s["start"], s["end"]) for s in b]
    links = [Link((i,), (i,), 1.0) for i in range(len(a))
             if ref.text[sa[i].start : sa[i].end].strip() and hyp.text[sb[i].start : sb[i].end].strip()]
    return Aligned(sa, sb, links)
