"""A name close to, but not, a form in the newsroom's name authority.

For every name mention of an article (``tqcheck.analysis.names.extract``) that is not a known
token of the authority, the authority index proposes known tokens of the same script
whose folded spelling (``translit.fold``: w/v/f, y/i/j, ie/ei, doubled letters made
equal) is similar. A mention is flagged when

* its fold *equals* a known token's fold (Timoshenko -> Tymoshenko, Wittkov -> Witkoff:
  the swaps translation and transliteration make), or
* it is at least ``min_fuzzy_length`` letters long and the similarity of the folds is
  at least ``min_similarity`` (a dropped or added letter: Kushne -> Kushner);

and it is not another form of the known token (``morph.stems``: Putin's, Путина,
Russian / Russia). A person's first name is matched only when the next token is that
person's known surname (many people share a first name). The suggestion is the
entity's token as the authority writes it, in the mention's script.

Arabic and Hebrew have no case, so every unknown word of 4+ letters (after clitic
prefixes, ``morph.stems``) is looked up in the authority's people and organisations
by ``Authority.near_native``: rapidfuzz ratio of ``translit.native_key`` spellings, in
which the conventions أ/إ/ا, ي/ى, ة/ه and Hebrew final letters are equal (so those are
known tokens, never findings). It needs the same evidence (the entity named elsewhere
in the article or by the neighbouring word) and never takes a person's name through the
definite article (البروتين is not بوتين). The suggestion keeps the word's prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import _names as names
from ..corpus import Document
from ..analysis.names import morph, translit
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS = {
    **names.COMMON_OPTIONS,
    # Fold similarity (rapidfuzz ratio, 0-100) above which an unknown name is taken for
    # a misspelling of a known one. Every match also needs the entity named next to the
    # mention or elsewhere in the article, so this can be low enough for one dropped
    # letter in a 5-letter surname (Rubo/Rubio 89, Hgseth/Hegseth 92); at 75 the
    # devset evaluation doubled its false positives, at 85 recall fell from 92% to 74%.
    "min_similarity": 80.0,
    # Folds shorter than this need an exact fold match (4: every name the rule checks).
    "min_fuzzy_length": 4,
    # Shortest fold checked at all: 3-letter tokens (Ban, Lee) are too often one letter
    # from an ordinary word of some language.
    "min_length": 4,
    # Arabic and Hebrew (no case, so every unknown word is a candidate): similarity
    # (rapidfuzz ratio, 0-100) of the ``translit.native_key`` spellings, after clitic
    # prefixes are removed. One dropped or doubled letter scores 86 in a 4-letter
    # name, 89-91 in a 5-letter one; two changes in 5 letters score 80. On 200 Arabic
    # and 200 Hebrew evaluation stories (seed 2) 80 gave 4.5 false positives per 100
    # clean articles (سالماً/سلمان, עקרון/מקרון), 85 gave none at the same recall; 90
    # loses every 4-letter name (recall 93% -> 68% on the default set).
    "min_native_similarity": 85.0,
    # Shortest native key (after prefix and article removal) compared fuzzily: at 3
    # Arabic false positives rose to 11.7 per 100 clean articles, at 5 recall fell to
    # 72% (Arabic surnames such as بوتين lose a letter and have 4 left).
    "min_native_length": 4,
}
validate = names.validate


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    auth = names.authority_for(options, ctx)
    ex = names.mentions(doc, options, ctx)
    present = {e for m in ex.mentions for e in m.entities}
    by_seq: dict[int, list] = {}
    for m in ex.mentions:
        by_seq.setdefault(m.seq, []).append(m)
    checked = [m for m in ex.mentions
               if not (m.entities or m.acronym or m.caps_line or m.source != "case")]
    # the authority look-ups of ``best_match``, for the whole article at once
    auth.prefetch_near([s for m in checked for s in sorted(m.stems, key=len, reverse=True)],
                       min(options["min_similarity"], 100.0))
    # a name recurs in a long article: ``best_match`` depends only on the mention's
    # text, stems and language and on the entities of its sequence (the tokens next to
    # it, and all of them), so it is asked once per distinct such key
    answers: dict[tuple, tuple | None] = {}
    for m in checked:
        seq = by_seq.get(m.seq, [])
        key = (m.text, m.stems, m.lang, _neighbours(m, seq))
        if key not in answers:
            answers[key] = best_match(m, seq, auth, options, present)
        hit = answers[key]
        if hit is None:
            continue
        eid, token, score = hit
        ent = auth.entities[eid]
        suggestion = auth.surface(eid, token) or token
        if m.text[:1].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        yield Hit(m.start, m.end, fields={"suggestion": suggestion, "canonical": ent.canonical,
                                          "kind": ent.kind, "note": ent.note},
                  suggestion=suggestion, replacement=suggestion, value=round(score, 1))
    yield from _native(doc, ex, auth, options, present, ctx.language(doc))


def _native(doc, ex, auth, options, present, lang):  # type: ignore[no-untyped-def]
    """Arabic and Hebrew: unknown tokens close to a known token of a person or
    organisation (``Authority.near_native``), with the evidence TQ201 asks of cased
    names: the entity named elsewhere in the article or by the neighbouring token."""
    from ..analysis.langs import word_in_its_own_right
    from ..analysis.names.authority import NATIVE_SCRIPTS, script_key

    toks = sorted([(m.start, m.end, m.text, m.entities) for m in ex.mentions
                   if m.source == "authority"]
                  + [(a, b, t, frozenset()) for a, b, t in ex.plain])
    text = doc.text

    def joined(i: int, j: int) -> bool:
        gap = text[toks[i][1]:toks[j][0]]
        return gap.strip(" \u00a0") == "" and "\n" not in gap

    def long_enough(stem: str) -> bool:
        # length without a leading article: الأم ("the mother") is no 4-letter name
        core = translit.native_key(stem)
        core = core[2:] if core.startswith("ال") else core
        return len(core) >= options["min_native_length"]

    # the authority look-ups of the loop below, for the whole article at once
    auth.prefetch_native([stem for _, _, tok, ents in toks
                          if not ents and script_key(tok) in NATIVE_SCRIPTS
                          for stem in sorted(morph.stems(tok, None), key=lambda x: (-len(x), x))
                          if long_enough(stem)], options["min_native_similarity"])
    for i, (start, end, tok, ents) in enumerate(toks):
        if ents or script_key(tok) not in NATIVE_SCRIPTS:
            continue
        near_ents = set()
        if i > 0 and joined(i - 1, i):
            near_ents |= toks[i - 1][3]
        if i + 1 < len(toks) and joined(i, i + 1):
            near_ents |= toks[i + 1][3]
        best = None
        low = tok.lower()
        for stem in sorted(morph.stems(tok, None), key=lambda x: (-len(x), x)):
            prefix = low[: len(low) - len(stem)] if low.endswith(stem) else ""
            # the definite article (Arabic ال, Hebrew ה) is never written on a person's
            # name: البروتين is "the protein", not a misspelt بوتين
            article = "ال" in prefix or prefix.endswith("لل") or "ה" in prefix
            if not long_enough(stem):
                continue
            for known, score in auth.near_native(stem, options["min_native_similarity"]):
                if any(word_in_its_own_right(w, known, lang, dense=True) for w in (tok, stem)):
                    continue  # an ordinary word (المتحدث, "the spokesman"), not a misspelling
                cands = {e for e in auth.distinctive_of(known)
                         if auth.entities[e].kind != "place" and (e in present or e in near_ents)
                         and not (article and auth.entities[e].kind == "person")}
                for e in sorted(cands):
                    cand = (-score, len(tok) - len(stem), e, known, stem)
                    if best is None or cand < best:
                        best = cand
        if best is None:
            continue
        score, _, eid, known, stem = -best[0], best[1], best[2], best[3], best[4]
        ent = auth.entities[eid]
        prefix = low[: len(low) - len(stem)] if low.endswith(stem) else ""
        suggestion = prefix + (auth.surface(eid, known) or known)
        yield Hit(start, end, fields={"suggestion": suggestion, "canonical": ent.canonical,
                                      "kind": ent.kind, "note": ent.note},
                  suggestion=suggestion, replacement=suggestion, value=round(score, 1))


def _neighbours(m, seq):  # type: ignore[no-untyped-def]
    """What ``best_match`` reads of a mention's sequence: the entities of the next
    token, of the tokens on either side, and of the whole sequence."""
    nxt = [o for o in seq if o.seq_pos == m.seq_pos + 1]
    prev = [o for o in seq if o.seq_pos == m.seq_pos - 1]
    return (nxt[0].entities if nxt else frozenset(),
            frozenset(e for o in prev + nxt for e in o.entities),
            frozenset(e for o in seq for e in o.entities))


def best_match(m, seq, auth, options, present=frozenset()):  # type: ignore[no-untyped-def]
    from ..analysis.langs import word_in_its_own_right

    cands = []
    mfold = {translit.fold(s) for s in m.stems}
    for stem in sorted(m.stems, key=len, reverse=True):
        for token, score in auth.near(stem, min(options["min_similarity"], 100.0)):
            cands.append((token, score, translit.fold(token) in mfold))
    out = []
    # all it reads of the sequence, as the per-article memo's key holds it
    next_ents, near_ents, named = _neighbours(m, seq)
    for token, score, exact in cands:
        if not auth.usable(token, m.lang):
            continue
        if word_in_its_own_right(m.text, token, m.lang):
            continue  # an ordinary word (Reuters, Montana, Stadt), not a misspelling
        if not exact and len(translit.fold(m.text)) < options["min_fuzzy_length"]:
            continue
        if len(translit.fold(m.text)) < options["min_length"]:
            continue
        if morph.stems(token, m.lang) & m.stems:
            return None  # an inflected or derived form of a known token
        ents = set(auth.distinctive_of(token))
        if not ents:
            # a first name: only next to that person's surname
            ents = {e for e in auth.entities_of(token) if e in next_ents}
        # one letter or a w/v swap is also how different words and different people's
        # names differ (Riccardo / Ricardo, Maire / Maier): a match needs evidence that
        # this entity is meant, its other name token next to the mention ("Steve
        # Witkof") or its known spelling elsewhere in the article
        ents = {e for e in ents if e in near_ents or e in present}
        # a form written for another language is no model here, and an acronym form
        # is matched only exactly (OTAN is not "Ottoman", START is not "Stadt")
        surface = auth.surface
        ents = {e for e in ents if auth.applies(e, token, m.lang)
                and (exact or not (surface(e, token) or "").isupper())}
        if not exact:
            # place names lend their spelling to adjectives, saints and streets
            # (Libertas / Liberia, Colombini / Colombia): only folds equal to a place count
            ents = {e for e in ents if auth.entities[e].kind != "place"}
        for e in sorted(ents):
            out.append((100.0 if exact else score, e, token))
    if not out:
        return None
    out.sort(key=lambda t: (-t[0], t[1], t[2]))
    top = out[0]
    rivals = {e for s, e, _ in out if s == top[0]}
    if len(rivals) > 1 and len({auth.entities[e].canonical for e in rivals}) > 1:
        # two known entities equally close: prefer one the article names elsewhere
        pick = sorted(rivals & named)
        if len(pick) != 1:
            return None
        top = next(t for t in out if t[1] == pick[0])
    # the entity's spelling for this language: its form in the article's language, then
    # its canonical form (Timoshenko in English -> Tymoshenko, not German Timoschenko)
    from ..analysis.names.authority import lang1, tokens_of

    ent = auth.entities[top[1]]
    lang = lang1(m.lang or "")

    def rank(tok: str) -> tuple:
        in_lang = any(lang1(fl) == lang and tok in {t.lower() for t in tokens_of(f)}
                      for fl, f in ent.forms)
        in_canon = tok in {t.lower() for t in tokens_of(ent.canonical)}
        return (not in_lang, not in_canon, tok)

    same = sorted((t for sc, e, t in out if e == top[1] and sc == top[0]), key=rank)
    return top[1], same[0], top[0]
