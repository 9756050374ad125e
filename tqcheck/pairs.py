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


def score(hyp: str, ref: str, lang: str | None) -> dict[str, Any]:
    bleu, chrf, _ter = _metrics(tokenizer_for(lang))
    h, r = flatten(hyp), flatten(ref)
    return {
        "bleu": round(bleu.corpus_score([h], [[r]]).score, 4),
        "chrf": round(chrf.corpus_score([h], [[r]]).score, 4),
        "bleu_signature": str(bleu.get_signature()),
        "chrf_signature": str(chrf.get_signature()),
    }
