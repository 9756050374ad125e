"""A person or organisation named in one version and missing from another.

``pairs = "declared"``: every version declared ``translation_of`` another is checked
against its source. ``pairs = "free"``: versions of a story with no declared relation
(rewrites, undeclared translations) are checked both ways; a rewrite may condense, so
only names the source mentions at least ``min_mentions`` times count.

Names of the source: authority entities of kind person or organisation found in it,
and unknown people, taken as the last token of a name sequence of two or more tokens
("Admiral Oleg Ivanenko" -> Ivanenko). A name is present in the other version when

* the authority entity is found there (any accepted form, any script, inflected), or
* some token there, or one of its stems (``morph.stems``: case endings, Arabic and
  Hebrew clitics), matches the name across scripts: ``translit.cross_score`` (the
  learned transliteration model of ``tqcheck/analysis/names/transliteration.tsv``, or the
  mean rapidfuzz similarity of the folded transliterations and of the consonant
  skeletons, whichever is higher) is at least ``min_cross_score``.

A version written in Han script (Chinese, Japanese kanji) is checked only for
entities the authority spells in that script: a transliteration of an unknown name
into characters cannot be recognised.

The finding is on the version that lacks the name (at its start), pointing at the
first mention in the other version.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import _names as names
from ..corpus import Document, Story
from ..analysis.names import translit
from .base import Analyses, Hit

SCOPE = "story"
OPTIONS = {
    **names.COMMON_OPTIONS,
    # "declared": translations declared with translation_of; "free": versions with no
    # declared relation, checked both ways.
    "pairs": "declared",
    # Mentions a name needs in the source to count. 1 for declared translations (a
    # translation keeps every name); free rewrites condense, so only a name mentioned
    # twice (a protagonist) is expected to survive.
    "min_mentions": 1,
    # Cross-script match of a token (0-100). On held-out translit_pairs.tsv pairs the
    # learned score of a true pair is 85+ for 90% of Cyrillic pairs, and an unrelated
    # pair scores under 40 in 99% of cases (python -m tools.eval names); 70 keeps
    # unrelated names out while taking most Arabic and Hebrew spellings.
    "min_cross_score": 70.0,
}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    names.validate(options, rule)
    if options["pairs"] not in ("declared", "free"):
        raise ValueError("option 'pairs' must be \"declared\" or \"free\"", "pairs")
    if options["min_mentions"] < 1:
        raise ValueError("option 'min_mentions' must be at least 1", "min_mentions")


def _pairs(story: Story, mode: str) -> list[tuple[Document, Document]]:
    docs = sorted((d for d in story.documents if d.problem is None), key=lambda d: d.id)
    ids = {d.id for d in docs}
    out = []
    if mode == "declared":
        for d in docs:
            if d.role == "translation_of" and d.of in ids and d.of != d.id:
                out.append((story.by_id(d.of), d))
        return out
    linked = {frozenset((d.id, d.of)) for d in docs if d.of}
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            if frozenset((a.id, b.id)) not in linked:
                out.extend([(a, b), (b, a)])
    return out


def _names(doc: Document, options: dict, ctx, auth):  # type: ignore[no-untyped-def]
    """{key: (label, first mention, count, entity id or None)} of people and organisations."""
    ex = names.mentions(doc, options, ctx)
    found: dict[str, list] = {}
    for m in ex.mentions:
        known = sorted(s for s in m.stems if auth.is_token(s))
        ents = sorted(e for e in m.entities if auth.entities[e].kind in ("person", "organisation")
                      and known and e in auth.distinctive_of(known[0]))
        if ents:
            for e in ents[:1]:
                rec = found.setdefault("@" + e, [auth.entities[e].canonical, m, set(), e])
                rec[2].add(m.seq)
        elif not m.entities and m.source == "case" and m.seq_len >= 2 \
                and m.seq_pos == m.seq_len - 1 and not m.caps_line:
            key = translit.fold(min(m.stems, key=len))
            rec = found.setdefault(key, [m.text, m, set(), None])
            rec[2].add(m.seq)
    return {k: (label, m, len(seqs), eid) for k, (label, m, seqs, eid) in found.items()}


def _present(label: str, eid: str | None, target: Document, options: dict, ctx, auth) -> bool | None:  # type: ignore[no-untyped-def]
    ex = names.mentions(target, options, ctx)
    if eid is not None and any(eid in m.entities for m in ex.mentions):
        return True
    from ..analysis.names.extract import HAN_RE

    if HAN_RE.search(target.text, 0, 500):  # (in its first 500 characters)
        if eid is not None and any(e == eid for _, e in auth.cjk_forms):
            return False
        return None  # cannot tell
    from itertools import repeat

    from ..analysis.names import morph
    from ..analysis.names.authority import token_spans

    lang = ctx.language(target)

    def target_words() -> tuple[list[str], list[str], list[str], list[int]]:
        # every token of 3+ letters and its stems (Уиткоффом -> Уиткофф, والكرملين -> كرملين)
        # (the stems of each distinct token once: an article repeats its words), their
        # folds and skeletons (all at once: ``translit.folds_and_skeletons``), and the
        # indices of the words the learned model reads (a native script: ``model_lang``)
        toks = {w for _, _, w in token_spans(target.text) if len(w) >= 3}
        # (stems asked with positional arguments, as its memo is keyed elsewhere)
        words = sorted(toks.union(*map(morph.stems, toks, repeat(lang))))
        folds, skels = translit.folds_and_skeletons(words)
        native = [i for i, w in enumerate(words)
                  if not w.isascii() and translit.model_lang(w) is not None]
        return words, folds, skels, native

    words, folds, skels, native = ctx.memo(("names_coverage.words", target.id, lang), target_words)
    if not words:
        return False
    import numpy as np
    from rapidfuzz import fuzz, process

    cutoff = options["min_cross_score"]
    queries = [label] if eid is None else auth.entity_tokens(eid)
    for q in queries or [label]:
        # some word scores ``translit.cross_score`` >= cutoff: the max of the plain score
        # (``translit.plain_cross_score``, here for all words at once in rapidfuzz) and
        # the model's, which is asked only for the words the plain score leaves below
        # the bar, and only when its bound can reach it (``cross_score_at_least``)
        plain = (process.cdist([translit.fold(q)], folds, scorer=fuzz.ratio, dtype=np.float64)[0]
                 + process.cdist([translit.skeleton(q)], skels, scorer=fuzz.ratio, dtype=np.float64)[0]) / 2
        if plain.max() >= cutoff:
            return True
        # (from here the cutoff is above 0, every plain score being at least 0: so the
        # model's score of two Latin words, 0, never reaches it, and a pair of words is
        # asked about only when one of them is in a script the model reads)
        if translit.model_lang(q) is None:
            # a Latin name: only the native words can match it through the model, and
            # the model is asked only about their shortlist (``translit.SHORTLIST``)
            if not native:
                continue
            roms = ctx.memo(("names_coverage.roms", target.id, lang), lambda: translit.folds_of(
                [translit.romanise(words[i]) for i in native]))
            rom = process.cdist([translit.fold(q)], roms, scorer=fuzz.ratio, dtype=np.float64)[0]
            sub = np.asarray(native, dtype=np.intp)
            idx = sub[np.maximum(rom, plain[sub]) >= translit.SHORTLIST]
        else:
            # a native name: the Latin words on the same shortlist, the name's
            # romanisation against each word (the pairs ``translit.SHORTLIST`` was
            # measured on, read from the other side: corpus1000 asked the bound about
            # 80,000 Latin words for native names, 96% of them under the bar and none
            # of those a match); the words of native scripts all asked
            rom = process.cdist([translit.fold(translit.romanise(q))], folds, scorer=fuzz.ratio,
                                dtype=np.float64)[0]
            keep = np.maximum(rom, plain) >= translit.SHORTLIST
            keep[np.asarray(native, dtype=np.intp)] = True
            idx = np.flatnonzero(keep)
        # the words closest to the name first (the answer is the same in any order, but
        # a name that is there is met sooner); ``words`` is sorted, so the index breaks
        # ties as the word itself would
        order = idx[np.argsort(-plain[idx], kind="stable")].tolist()
        if _model_finds(q, [words[i] for i in order], set(native), order, cutoff):
            return True
    return False


def _model_finds(q: str, cands: list[str], native: set[int], order: list[int],
                 cutoff: float) -> bool:
    """Whether the learned model scores one of ``cands`` (the words at indices ``order``)
    at least ``cutoff`` with ``q``, asked only where its bound can reach the cutoff.
    A Latin word's score with a native name depends on the word only through the
    Latin string the model reads (``translit.model_latin``: a token and its
    lower-cased stem, Berlin and berlin, are one string), so that string is asked
    about once."""
    seen: set[str] = set()
    # ``translit.upper_reaches(w, q, cutoff)`` for each word, with what the bound reads
    # of the name worked out once (``translit.reaching``)
    reaches = translit.reaching(q, cutoff)
    for i, w in zip(order, cands):
        if i not in native:
            key = translit.model_latin(w)
            if key in seen:
                continue
            seen.add(key)
        if reaches(w) and translit.model_at_least(w, q, cutoff):
            return True
    return False


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    auth = names.authority_for(options, ctx)
    paths, common = names.resolve_paths(options)
    extra = names.common_extra(options, ctx)
    for source, target in _pairs(story, options["pairs"]):
        # a version is the source of several pairs (free rewrites: every other version),
        # and TQ203 and TQ204 read the same names: found once per version (what
        # ``names.mentions`` and the authority read is in the key)
        found = ctx.memo(("names_coverage.names", source.id, tuple(map(str, paths)), str(common),
                          ctx.language(source)),
                         lambda: _names(source, options, ctx, auth))
        for key, (label, m, count, eid) in sorted(found.items()):
            if count < options["min_mentions"]:
                continue
            if eid is None and _translatable(label, ctx.language(source), ctx.language(target)):
                continue
            # a name several versions carry is looked for in a target once (the same
            # answer: nothing of the source enters it)
            key = ("names_coverage.present", target.id, label, eid, options["min_cross_score"],
                   id(auth), extra)
            if ctx.memo(key, lambda: _present(label, eid, target, options, ctx, auth)) is False:
                yield Hit(0, 0, doc=target.id,
                          fields={"name": label, "other": source.id, "count": count},
                          related=source.id, related_start=m.start, related_end=m.end)


def _translatable(word: str, src: str | None, tgt: str | None) -> bool:
    """A name the authority does not know that is a frequent word of the source
    language (Zipf 4 or more) and at least ten times rarer in a target language of the
    same script is translated, not carried over: the County is a Bezirk, the Court a
    Gericht, the Asian Indoor Championships Hallenmeisterschaften. Names travel, so
    Trump, Putin and Manhattan are about as frequent in German as in English. Across
    scripts word lists say nothing about a Latin token, and nothing is skipped."""
    import math

    from ..analysis.langs import word_frequencies, zipf_frequency
    from ..analysis.names.authority import script_key

    if not src or not tgt:
        return False
    low = word.lower()
    fs = word_frequencies(src).get(low, 0.0)
    if fs < zipf_frequency(4.0):
        return False
    tgt_words = word_frequencies(tgt)
    if not tgt_words or script_key(next(iter(tgt_words))) != script_key(low):
        return False
    ft = tgt_words.get(low, 0.0)
    return ft == 0.0 or math.log10(fs / ft) >= 1.0
