"""Paragraphs (and long sentences) in another language than their article: untranslated or half-translated text.

Method
------
The article's language A is its declared language (else its detection, memoised by
the engine). Every paragraph (``text.paragraphs``) is then looked at in three steps,
cheapest first, and a step that says "this is A" ends the paragraph's examination:

1. **Minimum evidence.** URLs, e-mail addresses, digits and acronyms are removed; a
   paragraph with fewer than ``min_letters`` letters left is skipped (an ideograph
   or a Hangul syllable counts as three or two letters, ``lid.evidence``). Short quoted
   phrases, names, datelines, captions and tables of figures live below that line,
   and so does the point where langdetect starts to guess (see ``lid.MIN_LETTERS``).
2. **Cheap signal.** A change of script (a Cyrillic paragraph in a French article) is
   itself the signal. Otherwise the paragraph's letter trigrams are scored against
   the profiles of every language its script allows (``lid.profile_scores``, a
   deterministic naive-Bayes pass with one cached row per trigram): when no language
   leads A by ``min_margin``, the paragraph is A and nothing more is spent on it
   (a finding needs that lead in step 3 anyway, so nothing is lost). On clean
   devset articles about 1 paragraph in 20 goes further.
3. **Detection.** langdetect on the paragraph alone (all languages the paragraph's
   scripts allow, not only the published ones: an untranslated English paragraph
   must be found in any article). A finding needs langdetect's probability of at
   least ``min_confidence`` for a language B other than A *and*, when A and B share a
   script, B ahead of A in the naive-Bayes scores by ``min_margin``: two methods must
   agree before an editor is told.

**Sentences.** A paragraph found to be in A is then read sentence by sentence
(``text.sentences``): a sentence of at least ``sentence_min_chars`` characters goes
through the same three steps with the same thresholds and is reported on its own
(``unit`` = "sentence"): one untranslated sentence left in a long paragraph, which
the paragraph as a whole outvotes. Only long sentences are looked at, so the cheap
signal of step 2 costs a few cached trigram rows more per article.

The speed benchmark's baseline (``python -m tools.eval lid --mode bench``) detects every
paragraph and long sentence with enough evidence: it sets ``min_margin`` to minus
infinity, which no margin is below, so step 2 never settles a passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..analysis import langs, lid
from ..corpus import Document
from ..analysis.text import paragraphs, script_counts, sentences
from .base import Analyses, Hit
from .language import matches_declared

SCOPE = "article"
OPTIONS = {
    # Letters left after removing URLs, digits and acronyms. 60 letters is about 12
    # words or 75 characters: a one-line quote, a name list or a caption stays below;
    # on the devset, 150-character paragraphs are found 99% of the time.
    "min_letters": 60,
    # langdetect's probability for the foreign language. Clean paragraphs of one
    # language score above 0.99; real mixed text (a quote inside a sentence) lands
    # between 0.5 and 0.9 and is left alone.
    "min_confidence": 0.9,
    # Same-script languages: the paragraph's best other language must lead A by this
    # much (mean log-probability per trigram, lid.profile_scores) before langdetect is
    # asked, and the language langdetect finds must lead A by as much to be reported.
    # On the devset, 150-character paragraphs of A never let another language lead by
    # more than 0.04 (closest: no/da), real foreign paragraphs lead by 0.3 to 1.5.
    # Because a finding needs this lead anyway, the cheap signal never hides one.
    "min_margin": 0.12,
    # A sentence this long (characters) inside a paragraph of the article's language
    # is examined on its own, with the same evidence, confidence and margin: one
    # untranslated sentence in a long paragraph. 150 characters is the issue's
    # passage length and about 25 words; shorter sentences (quotes, names, titles)
    # stay the paragraph's business. 0 turns the sentence pass off.
    "sentence_min_chars": 150,
}

# A span in another script than the article's is mixed, not foreign, when at least
# this share of its letters is still in the article's script: a quarter is far more
# than a name or two, and a translated-but-not-quite paragraph has almost none.
MIXED_SHARE = 0.25

# URLs, e-mail addresses, handles and hashtags: letters, but no language evidence.
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|\d+")


# The same without its e-mail alternative, and the runs of non-space it works in.
_NOISE_NO_MAIL_RE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|\d+")
_RUN_RE = re.compile(r"\S+")


def _clean(text: str) -> str:
    r"""``_NOISE_RE.sub(" ", text)``, in linear time.

    ``\S+@\S+`` backtracks over the whole run of non-space at every position, so a
    long text without spaces (100,000 characters took 53 s) was quadratic. No
    alternative matches white space, so each run is cleaned on its own; in a run
    with an "@" after its first and before its last character the e-mail
    alternative matches at the run's start and takes all of it, and in any other run
    it never matches, which leaves the other, linear alternatives."""
    if "@" not in text:
        return _NOISE_NO_MAIL_RE.sub(" ", text)

    def run(m: re.Match[str]) -> str:
        r = m.group()
        if r.find("@", 1, len(r) - 1) != -1:
            return " "
        return _NOISE_NO_MAIL_RE.sub(" ", r)

    return _RUN_RE.sub(run, text)


def article_language(doc: Document, ctx) -> str | None:  # type: ignore[no-untyped-def]
    """The language a paragraph is measured against: declared, else detected."""
    if doc.lang and lid.supported(doc.lang):
        return doc.lang
    det = ctx.detection(doc)
    return det.lang


def _foreign(text: str, article: str, mine: set[str], options: dict, ctx, key,  # type: ignore[no-untyped-def]
             answers: dict | None = None):
    """The detection of ``text`` when it is in another language than ``article``, else None.

    Steps 1-3 of the module docstring; ``key`` memoises the detection per run.
    ``answers``: the answers given so far in this article, by cleaned text: every step
    depends only on that text (and the article's settings), so a passage repeated in
    the article (a sentence of a boilerplate paragraph, a block pasted twice) is
    judged once.
    """
    text = _clean(text)
    if answers is None:
        return _judged(text, article, mine, options, ctx, key)
    if text not in answers:
        answers[text] = _judged(text, article, mine, options, ctx, key)
    return answers[text]


# per text: the versions of a story in one language (a rewrite, a re-edit) share
# paragraphs, which are scored in each (on 300 articles, 434 of the 4,124 texts scored
# had been scored for another article); 256 paragraphs are a few stories' worth, some
# 100 KB of text. (The scores as pairs: a caller's dict could not change the memo's.)
@lru_cache(maxsize=256)
def _profile_scores(text: str, cands: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    return tuple(lid.profile_scores(text, cands)[0].items())


def _judged(text: str, article: str, mine: set[str], options: dict, ctx, key):  # type: ignore[no-untyped-def]
    """``_foreign`` of a cleaned text."""
    counts = script_counts(text)
    if lid.evidence(counts) < options["min_letters"]:
        return None
    cands = lid.candidates_for(text, counts)
    same_script = bool(mine & set(cands))
    scores: dict[str, float] = {}
    if same_script:
        scores = dict(_profile_scores(text, cands))
        own = max(scores[p] for p in mine if p in scores)
        other = max((v for k, v in scores.items() if k not in mine), default=own - 1.0)
        if other - own < options["min_margin"]:
            return None
    det = ctx.memo(key, lambda t=text: lid.detect(t))
    if det.lang is None or det.confidence < options["min_confidence"]:
        return None
    if matches_declared(article, det.lang, ctx.distinguish_regions):
        return None
    if same_script:
        found = lid.profiles_for(det.lang)
        lead = max((scores[p] for p in found if p in scores), default=None)
        own = max(scores[p] for p in mine if p in scores)
        if lead is None or lead - own < options["min_margin"]:
            return None
    # Another script than the article's, but a good share of the letters still in
    # the article's own script: mixed text (English boilerplate, names and product
    # words inside an Urdu or Hindi sentence), not an untranslated passage.
    own_scripts = {sc for sc, ls in lid.SCRIPT_LANGS.items() if mine & set(ls)}
    found_scripts = {sc for sc, ls in lid.SCRIPT_LANGS.items() if set(lid.profiles_for(det.lang)) & set(ls)}
    if not own_scripts & found_scripts:
        own_letters = sum(n for sc, n in counts.items() if sc in own_scripts)
        if own_letters >= MIXED_SHARE * sum(counts.values()):
            return None
    return det


def foreign_paragraphs(doc: Document, options: dict, ctx):  # type: ignore[no-untyped-def]
    """(span, article language, detection, unit) for every paragraph or sentence in another language.

    A paragraph in A is then read sentence by sentence: a sentence of at least
    ``sentence_min_chars`` characters in another language is reported on its own
    (a half-translated paragraph). 0 turns the sentence pass off.
    """
    article = article_language(doc, ctx)
    if article is None:
        return []
    mine = set(lid.profiles_for(article))
    if not mine:
        return []
    # When most of the article is in another language than declared, TQ101 says so
    # once; its paragraphs in that language are not reported again one by one.
    whole = ctx.detection(doc)
    whole_lang = whole.lang if whole.lang and whole.confidence >= options["min_confidence"] else None
    min_sentence = options["sentence_min_chars"]
    out = []
    answers: dict = {}  # cleaned text -> _foreign's answer, for this article
    for span in paragraphs(doc.text):
        para = span.of(doc.text)
        det = _foreign(para, article, mine, options, ctx, ("lid-passage", doc.id, span.start),
                       answers)
        if det is not None:
            out.append((span, article, det, "paragraph"))
            continue
        if not min_sentence or len(para) <= min_sentence:
            continue
        sents = list(sentences(doc.text, span.start, span.end))
        if len(sents) < 2:
            continue  # the paragraph is the sentence: already examined
        for sent in sents:
            if sent.end - sent.start < min_sentence:
                continue
            det = _foreign(sent.of(doc.text), article, mine, options, ctx,
                           ("lid-sentence", doc.id, sent.start), answers)
            if det is not None:
                out.append((sent, article, det, "sentence"))
    if whole_lang and not matches_declared(article, whole_lang, ctx.distinguish_regions):
        in_whole = [o for o in out if matches_declared(whole_lang, o[2].lang, ctx.distinguish_regions)]
        share = sum(lid.evidence(script_counts(o[0].of(doc.text))) for o in in_whole)
        if share * 2 > lid.evidence(script_counts(doc.text)):
            out = [o for o in out if o not in in_whole]
    return out


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    from ._segments import outside, untranslatable

    kept = untranslatable(doc)  # translate="no" units of a bilingual file
    for span, article, det, unit in foreign_paragraphs(doc, options, ctx):
        if not outside(span.start, kept):
            continue
        yield Hit(span.start, span.end,
                  fields={"found": langs.name(det.lang), "article": langs.name(article), "unit": unit},
                  value=det.confidence,
                  suggestion=f"translate this {unit} into {langs.name(article)}, or mark it as a quote")
