"""Segment pairs and comparison keys shared by the segment checks (TQ703-TQ707).

A **segment pair** is a source passage and its translation. In a bilingual file (XLIFF,
TMX) the file declares them: segment *i* of the target translates segment *i* of the
source (``tqcheck.corpus.pairs.segment_alignment``), and each side carries its unit id, state
and inline tags (``corpus/bilingual.py``). In an ordinary declared translation (two
articles) they are the 1-1 links of the sentence alignment (``tqcheck/analysis/align.py``):
merged (2-1, 1-2) and unlinked sentences are left out, since their counterpart is not
one sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..corpus import Document


@dataclass(frozen=True)
class SegmentPair:
    src: tuple[int, int]  # span in the source document
    tgt: tuple[int, int]  # span in the target document
    src_text: str
    tgt_text: str
    src_meta: dict[str, Any] | None  # bilingual files only: id, state, tags, ...
    tgt_meta: dict[str, Any] | None

    @property
    def declared(self) -> bool:
        """The pair comes from a bilingual file, not from sentence alignment."""
        return self.tgt_meta is not None


def untranslatable(doc: Document) -> list[tuple[int, int]]:
    """The spans of ``doc``'s units that its bilingual file marks ``translate="no"``
    (a statement quoted as issued, a product name): they stay in the source language on
    purpose, so the checks of language and translation (TQ102, TQ106) leave them alone."""
    return [(s["start"], s["end"]) for s in doc.meta.get("segments") or ()
            if not s.get("translate", True)]


def outside(start: int, spans: list[tuple[int, int]]) -> bool:
    """``start`` falls in none of ``spans``."""
    return not any(a <= start < b for a, b in spans)


def segment_pairs(pair: Any, ctx: Any) -> list[SegmentPair]:
    """Every segment pair of a story pair (``tqcheck.corpus.pairs.Pair``), in source order; in a
    bilingual file empty and absent targets included (``tgt_meta`` says which)."""
    from ..corpus.pairs import same_bilingual_file

    ref, hyp = pair.ref, pair.hyp
    out = []
    if same_bilingual_file(ref, hyp):
        for s, t in zip(ref.meta["segments"], hyp.meta["segments"]):
            out.append(SegmentPair((s["start"], s["end"]), (t["start"], t["end"]),
                                   ref.text[s["start"]:s["end"]], hyp.text[t["start"]:t["end"]],
                                   s, t))
        return out
    al = ctx.sentence_alignment(pair)
    for link in al.links:
        if len(link.a) != 1 or len(link.b) != 1:
            continue
        sa, sb = al.span_a(link), al.span_b(link)
        out.append(SegmentPair(sa, sb, ref.text[sa[0]:sa[1]], hyp.text[sb[0]:sb[1]], None, None))
    return out


def pairs_of(story: Any, ctx: Any, pair_types: list[str]) -> list[Any]:
    return [p for p in ctx.pairs(story) if p.kind in pair_types]


_QUOTES = dict.fromkeys(map(ord, "\"'`´‘’‚‛“”„‟«»‹›「」『』〝〞＂"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_WS = re.compile(r"\s+")
# Sentence-final and list punctuation of the scripts tqcheck reads; a translation that
# ends a heading with a full stop where another does not is not a different translation.
_TRAILING = " .,;:!?…。，、；：！？｡؟،؛۔।॥"


def normalise(text: str) -> str:
    """The comparison key of a segment: NFKC, case folded, quotes dropped, dashes
    unified, white space collapsed, trailing punctuation removed."""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    s = _WS.sub(" ", s.casefold()).strip()
    return s.rstrip(_TRAILING).lstrip(" ")


def loose(text: str) -> str:
    """Case and white space only (TQ705: a copy is a copy even with its punctuation)."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@lru_cache(maxsize=1)
def _cjk() -> re.Pattern[str]:
    # compiled when first needed: a class of 50,000 code points takes milliseconds to
    # compile, and a run whose rules never size a segment does not need it
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_WORD = re.compile(r"[^\W\d_]+")


def size(text: str) -> float:
    """Words in ``text``; in Chinese, Japanese and Korean runs, two characters count as
    a word (a Chinese word is 1.5-2 characters long)."""
    n = 0.0
    findall = _cjk().findall
    for m in _WORD.finditer(text):
        w = m.group()
        cjk = len(findall(w))
        n += cjk / 2 + (1 if cjk < len(w) else 0)
    return n


def excerpt(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis (for messages)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def line_of(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]
