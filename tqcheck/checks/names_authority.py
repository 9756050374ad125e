"""A name close to, but not, a form in the newsroom's name authority.

For every name mention of an article (``tqcheck.names.extract``) that is not a known
token of the authority, the authority index proposes known tokens of the same script
whose folded spelling (``translit.fold``: w/v/f, y/i/j, ie/ei, doubled letters made
equal) is similar. A mention is flagged when

* its fold *equals* a known token's fold (Kostiukov -> Kostyukov, Wittkov -> Witkoff:
  the swaps translation and transliteration make), or
* it is at least ``min_fuzzy_length`` letters long and the similarity of the folds is
  at least ``min_similarity`` (a dropped or added letter: Kushne -> Kushner);

and it is not another form of the known token (``morph.stems``: Putin's, Путина,
Russian / Russia). A person's first name is matched only when the next token is that
person's known surname (many people share a first name). The suggestion is the
entity's token as the authority writes it, in the mention's script.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import names
from ..corpus import Document
from ..names import morph, translit
from . import Hit

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
}
validate = names.validate


def check(doc: Document, options: dict, ctx) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    auth = names.authority_for(options, ctx)
    ex = names.mentions(doc, options, ctx)
    present = {e for m in ex.mentions for e in m.entities}
    by_seq: dict[int, list] = {}
    for m in ex.mentions:
        by_seq.setdefault(m.seq, []).append(m)
    for m in ex.mentions:
        if m.entities or m.acronym or m.caps_line or m.source != "case":
            continue
        hit = best_match(m, by_seq.get(m.seq, []), auth, options, present)
        if hit is None:
            continue
        eid, token, score = hit
        ent = auth.entities[eid]
        suggestion = auth.surface.get((eid, token), token)
        if m.text[:1].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        yield Hit(m.start, m.end, fields={"suggestion": suggestion, "canonical": ent.canonical,
                                          "kind": ent.kind, "note": ent.note},
                  suggestion=suggestion, value=round(score, 1))


def best_match(m, seq, auth, options, present=frozenset()):  # type: ignore[no-untyped-def]
    cands = []
    mfold = {translit.fold(s) for s in m.stems}
    for stem in sorted(m.stems, key=len, reverse=True):
        for token, score in auth.near(stem, min(options["min_similarity"], 100.0)):
            cands.append((token, score, translit.fold(token) in mfold))
    out = []
    nxt = [o for o in seq if o.seq_pos == m.seq_pos + 1]
    prev = [o for o in seq if o.seq_pos == m.seq_pos - 1]
    for token, score, exact in cands:
        if not auth.usable(token, m.lang):
            continue
        if not exact and len(translit.fold(m.text)) < options["min_fuzzy_length"]:
            continue
        if len(translit.fold(m.text)) < options["min_length"]:
            continue
        if morph.stems(token, m.lang) & m.stems:
            return None  # an inflected or derived form of a known token
        ents = set(auth.distinctive.get(token, set()))
        if not ents:
            # a first name: only next to that person's surname
            ents = {e for e in auth.token_entities.get(token, set())
                    if nxt and e in nxt[0].entities}
        # one letter or a w/v swap is also how different words and different people's
        # names differ (Riccardo / Ricardo, Maire / Maier): a match needs evidence that
        # this entity is meant, its other name token next to the mention ("Steve
        # Witkof") or its known spelling elsewhere in the article
        near_ents = {e for o in prev + nxt for e in o.entities}
        ents = {e for e in ents if e in near_ents or e in present}
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
        named = {e for o in seq for e in o.entities}
        pick = sorted(rivals & named)
        if len(pick) != 1:
            return None
        top = next(t for t in out if t[1] == pick[0])
    # the entity's spelling for this language: its form in the article's language, then
    # its canonical form (Kostiukov in English -> Kostyukov, not German Kostjukow)
    from ..names.authority import lang1, tokens_of

    ent = auth.entities[top[1]]
    lang = lang1(m.lang or "")

    def rank(tok: str) -> tuple:
        in_lang = any(lang1(fl) == lang and tok in {t.lower() for t in tokens_of(f)}
                      for fl, f in ent.forms)
        in_canon = tok in {t.lower() for t in tokens_of(ent.canonical)}
        return (not in_lang, not in_canon, tok)

    same = sorted((t for sc, e, t in out if e == top[1] and sc == top[0]), key=rank)
    return top[1], same[0], top[0]
