"""Source text left untranslated in a declared translation.

For every declared translation (``translation_of``) whose language differs from its
source's, two kinds of left-over source text are reported on the translation:

* **Source-script runs**: letters of a script the source is written in and the
  translation is not (Han in an English translation of a Chinese article, Cyrillic in a
  German translation of a Russian one), however short: machine translation leaves
  single words and whole clauses untranslated. A run in parentheses right after a word
  of the translation's own script is a gloss written on purpose ("Xi Jinping (习近平)")
  and is not reported.
* **Copied source words** (both versions in one script): a word of the translation
  that occurs in the source, is an ordinary word of the source language (wordfreq
  Zipf ``min_source_zipf`` or more) and at least ``min_ratio`` times rarer in the
  target language ("next door to a retirement village", "the" left in German).
  Names and loanwords are about as frequent in both languages (Trump, Team, Online,
  Hotel) and are not reported. Only words written in lower case in both versions
  count: a capitalised copy is a name, an acronym or a title kept on purpose as often
  as not (Sherwood, DHS, "Pistol Brace Rule" in professional German translations),
  and so is a small word between two capitalised ones ("Department of Natural
  Resources").
Adjacent reported words form one finding.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit

SCOPE = "story"
OPTIONS = {
    # An ordinary word of the source language: wordfreq Zipf 3 (once per million words)
    # or more. Rarer words are names, terms or misspellings, copied on purpose or not.
    "min_source_zipf": 3.0,
    # How much rarer the word must be in the target language (a factor). Loanwords in
    # German news (Team 2.8x, Manager 2.6x, Start 4.6x, Show 7.4x) stay below 10; words
    # an MT system left in German that the MQM raters marked (Drink 19x, Watch 28x,
    # School 36x, "the" 129x) are above it.
    "min_ratio": 10.0,
    # Source-script runs shorter than this many letters are not reported (1: every Han
    # character counts; Cyrillic or Arabic single letters are usually list markers).
    "min_script_letters": 1,
}


def _words(text: str) -> list[tuple[int, int, str]]:
    from ..analysis.names.authority import token_spans

    return [(s, e, tok.rstrip("'’ʼ")) for s, e, tok in token_spans(text)]


def _script_runs(text: str, script: str, min_letters: int) -> list[tuple[int, int]]:
    """Spans of runs of letters of ``script`` (with the spaces and punctuation inside)."""
    from ..analysis.text import script_of

    out: list[tuple[int, int]] = []
    start = last = -1
    letters = 0
    for i, ch in enumerate(text):
        sc = script_of(ch) if ch.isalpha() else None
        if sc == script:
            if start < 0:
                start, letters = i, 0
            last, letters = i, letters + 1
        elif sc is not None or ch == "\n":
            if start >= 0 and letters >= min_letters:
                out.append((start, last + 1))
            start = -1
    if start >= 0 and letters >= min_letters:
        out.append((start, last + 1))
    return out


def _gloss(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return before.endswith(("(", "（")) and after.startswith((")", "）"))


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    from ._segments import outside, untranslatable

    kept = {d.id: untranslatable(d) for d in story.documents}
    for hit in _check(story, options, ctx):
        if outside(hit.start, kept.get(hit.doc or "", [])):
            yield hit


def _check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    from ..analysis.text import dominant_script

    docs = {d.id: d for d in story.documents if d.problem is None}
    for tgt in sorted(docs.values(), key=lambda d: d.id):
        src = docs.get(tgt.of or "") if tgt.role == "translation_of" else None
        if src is None or src is tgt:
            continue
        ls, lt = ctx.language(src), ctx.language(tgt)
        if not ls or not lt or ctx.same_language(ls, lt):
            continue
        s_main, t_main = dominant_script(src.text), dominant_script(tgt.text)
        if s_main is None or t_main is None:
            continue
        if s_main != t_main:
            for a, b in _script_runs(tgt.text, s_main, options["min_script_letters"]):
                if _gloss(tgt.text, a, b):
                    continue
                yield Hit(a, b, doc=tgt.id, fields={"what": "source-script text"},
                          related=src.id)
            continue
        yield from _copied(src, tgt, ls, lt, options)


def _copied(src, tgt, ls, lt, options) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    from ..analysis.langs import word_frequencies, zipf_frequency

    fs, ft = word_frequencies(ls), word_frequencies(lt)
    if not fs or not ft:
        return
    floor = zipf_frequency(options["min_source_zipf"])
    # only words the source writes in lower case somewhere: an ordinary word there,
    # not a name or an acronym (Sherwood, Derry, DHS are copied rightly)
    in_source = {w for _, _, w in _words(src.text) if w.islower()}
    ratio = options["min_ratio"]
    spans: list[tuple[int, int]] = []
    words = _words(tgt.text)
    for k, (a, b, w) in enumerate(words):
        low = w.lower()
        if low not in in_source or not w.islower():
            continue
        if 0 < k < len(words) - 1 and words[k - 1][2][:1].isupper() and words[k + 1][2][:1].isupper():
            continue  # inside a name kept in its language (Department of Natural Resources)
        f_src = fs.get(low, 0.0)
        if f_src < floor:
            continue
        f_tgt = ft.get(low, 0.0)
        if f_tgt and math.log10(f_src / f_tgt) < math.log10(ratio):
            continue
        if spans and not tgt.text[spans[-1][1]:a].strip(" \u00a0'’\"-"):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    for a, b in spans:
        yield Hit(a, b, doc=tgt.id, fields={"what": "source-language words"}, related=src.id)
