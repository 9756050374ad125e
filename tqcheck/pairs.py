"""Which versions of a story are scored against each other, and their scores.

* a declared reference (``reference_of``): the document it names is the hypothesis;
* two versions in the same language with no declared role: a rewrite pair, the later
  path scored against the earlier one (BLEU is not symmetric; the order is stable);
* a declared translation (``translation_of``, two languages) is not scored with BLEU
  or chrF, which need a reference in the same language.

Scores come from sacrebleu, whose tokenizer is chosen from the target language (``zh``
for Chinese, ``char`` for Japanese, Korean and Thai, which have no word spaces or
need a segmenter that would have to be downloaded, ``13a`` otherwise); each score
carries sacrebleu's signature so that it can be reproduced with its command line.

TER is the exception: sacrebleu's TER searches shifts over the whole segment, and on a
whole 3-4 KB article that takes 17 s (measured on the seeds with sacrebleu 2.6). So TER is
computed as a corpus over the *aligned segments* (``tqcheck/align.py``): every link is a
segment, a sentence with no counterpart is scored against an empty one (all its words
are edits). Its signature gets ``|seg:aligned`` appended to say so. BLEU and chrF are
over the whole article, exactly as the sacrebleu command line would give them.

Pairs are aligned (:func:`alignment`) for segment rows and for the findings between
versions: same-language pairs by character n-grams, translations by anchors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import langs
from .corpus import Document, Story

CHAR_TOKENIZED = {"ja", "ko", "th", "lo", "km", "my"}


@dataclass(frozen=True)
class Pair:
    hyp: Document
    ref: Document
    kind: str  # "reference" | "rewrite" | "translation"


def tokenizer_for(lang: str | None) -> str:
    b = langs.base(lang)
    if b == "zh":
        return "zh"
    if b in CHAR_TOKENIZED:
        return "char"
    return "13a"


def story_pairs(story: Story, lang_of: Any) -> list[Pair]:
    """Pairs to score or align in ``story``; ``lang_of(doc)`` gives a document's language."""
    docs = [d for d in story.documents if d.problem is None]
    out: list[Pair] = []
    declared: set[tuple[str, str]] = set()
    for d in docs:
        other = story.by_id(d.of) if d.of else None
        if other is None or other.problem is not None:
            continue
        if d.role == "reference_of":
            out.append(Pair(hyp=other, ref=d, kind="reference"))
        elif d.role == "translation_of":
            out.append(Pair(hyp=d, ref=other, kind="translation"))
        declared.add(tuple(sorted((d.id, other.id))))  # type: ignore[arg-type]
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if tuple(sorted((a.id, b.id))) in declared:
                continue
            la, lb = langs.base(lang_of(a)), langs.base(lang_of(b))
            if la is not None and la == lb:
                out.append(Pair(hyp=b, ref=a, kind="rewrite"))
    return sorted(out, key=lambda p: (p.hyp.id, p.ref.id))


@lru_cache(maxsize=16)
def _metrics(tokenize: str) -> tuple[Any, Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return BLEU(tokenize=tokenize), CHRF(), TER()


def flatten(text: str) -> str:
    """An article as one segment: its paragraphs joined by spaces."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


@lru_cache(maxsize=256)
def alignment(ref: str, hyp: str, same_language: bool) -> Any:
    """The alignment of two texts (``a`` = reference/source, ``b`` = hypothesis)."""
    from .align import align_texts

    return align_texts(ref, hyp, same_language)


def aligned_segments(al: Any, ref: str, hyp: str) -> list[tuple[Any, str, str]]:
    """(link, hyp text, ref text) per link; an unmatched side is the empty string."""
    out = []
    for link in al.links:
        sa, sb = al.span_a(link), al.span_b(link)
        r = ref[sa[0] : sa[1]] if sa else ""
        h = hyp[sb[0] : sb[1]] if sb else ""
        out.append((link, " ".join(h.split()), " ".join(r.split())))
    return out


def score(hyp: str, ref: str, lang: str | None) -> dict[str, Any]:
    bleu, chrf, ter = _metrics(tokenizer_for(lang))
    h, r = flatten(hyp), flatten(ref)
    segs = aligned_segments(alignment(ref, hyp, True), ref, hyp)
    ter_score = ter.corpus_score([s[1] for s in segs], [[s[2] for s in segs]]).score if segs else 0.0
    return {
        "bleu": round(bleu.corpus_score([h], [[r]]).score, 4),
        "chrf": round(chrf.corpus_score([h], [[r]]).score, 4),
        "ter": round(ter_score, 4),
        "bleu_signature": str(bleu.get_signature()),
        "chrf_signature": str(chrf.get_signature()),
        "ter_signature": str(ter.get_signature()) + "|seg:aligned",
    }


@lru_cache(maxsize=4)
def _sentence_metrics(tokenize: str) -> tuple[Any, Any]:
    from sacrebleu.metrics import BLEU, CHRF

    return BLEU(tokenize=tokenize, effective_order=True), CHRF()


def segment_rows(story_id: str, pair: Pair, lang_of: Any, same_language: bool) -> list[dict[str, Any]]:
    """One row per aligned link of ``pair`` (SEGMENTS_SCHEMA); scores for one language only."""
    hyp, ref = pair.hyp.text, pair.ref.text
    al = alignment(ref, hyp, same_language)
    bleu, chrf = _sentence_metrics(tokenizer_for(lang_of(pair.ref)))
    rows = []
    for link, h, r in aligned_segments(al, ref, hyp):
        sa, sb = al.span_a(link), al.span_b(link)
        both = same_language and h and r
        rows.append({
            "story": story_id, "hyp_path": pair.hyp.id, "ref_path": pair.ref.id, "link": link.kind,
            "hyp_start": sb[0] if sb else None, "hyp_end": sb[1] if sb else None,
            "ref_start": sa[0] if sa else None, "ref_end": sa[1] if sa else None,
            "hyp_line": pair.hyp.position(sb[0])[0] if sb else None,
            "ref_line": pair.ref.position(sa[0])[0] if sa else None,
            "hyp_text": h or None, "ref_text": r or None,
            "bleu": round(bleu.sentence_score(h, [r]).score, 4) if both else None,
            "chrf": round(chrf.sentence_score(h, [r]).score, 4) if both else None,
        })
    return rows
