"""Segments of a bilingual file left untranslated: a copy of the source, or no target.

Method: for every declared segment pair of an XLIFF or TMX file
(``checks/_segments.py``), with ``what = "copy"`` (TQ705) a target equal to its source
after folding case and white space is reported, unless the source has nothing to
translate: no letters (a number, a score, a date in figures), only a URL, e-mail
address, handle or code, or a name. A name is a short run of capitalised words
(at most ``max_name_words`` of them, 5 by default, with lower-case particles such as "of", "de" or
"al" between them: "Ararat Mirzoyan", "Department of State"), or a single word. Acronyms
(NATO, UN) and words with digits (G7, COVID-19) are codes. Chinese, Japanese and
Korean need ``min_cjk`` characters, since a name there is two to four characters. With
``what = "empty"`` (TQ706) a target that is empty, or a unit with no target element
at all, is reported. Units marked ``translate="no"`` are never reported: they are meant
to stay as they are. A TMX unit without a variant in some language is not reported
either: a translation memory need not hold every language for every unit.

Both rules look only at bilingual files, where a segment is a declared unit; in two
articles a sentence left in the source language is TQ106's (untranslated-text).

``skip_states`` leaves out segments whose XLIFF state says the work is not done
(``new``, ``needs-translation``, SDL's ``Draft``); empty by default, since a file that
is about to be published should have none, and ApSIC Xbench reports them too.

Measured (``python -m tools.eval copies``): of 5,943 Latin-script person names of
the development name list, 0.17% would be reported if a segment were just the name
kept as it is ("Marilyn vos Savant", "Fujiwara no Fuhito"); of 37,414 real sentences
in 75 languages, 99.7% would be reported if copied unchanged (the rest are title-case
fragments such as "Agenda Municipal de Cultura", which read as names). The MQM drafts
hold no copied segment; on their human references TQ705 and TQ706 report nothing
(``python -m tools.eval mqm --rules --by-segment``).

Known false positives: a title or slogan kept in the source language on purpose
(a film title, a motto in Latin) of more than ``max_name_words`` words; a quotation
given in the original language; two languages that write some words alike (Chinese and
Japanese Han names, Serbian and Croatian).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types
from ._segments import _cjk, excerpt, loose, pairs_of, segment_pairs

SCOPE = "story"
OPTIONS = {
    "what": "copy",  # copy (TQ705) | empty (TQ706)
    "pair_types": ["translation"],
    # XLIFF states (and SDL confirmation levels) whose segments are not reported.
    "skip_states": [],
    # A run of up to this many capitalised words is a name, kept on purpose ("Jeyhun
    # Bayramov", "José Luis Rodríguez Zapatero", "Aung San Suu Kyi"). Of the 5,943
    # Latin-script person names in the development name list (../shared/devset/names),
    # 99.9% have five words or fewer (95.9% three or fewer); a longer
    # capitalised run is a title-case headline more often than a name.
    "max_name_words": 5,
    # Chinese/Japanese/Korean: a copied segment needs this many characters to count
    # as text; names there are two to four characters (习近平, 東京都).
    "min_cjk": 5,
}

_URLISH = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#][\w.]+|\S*[\\/]\S*|\S+\.\w{2,4}\b",
    re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Codes: figures with the Latin letters glued to them (G7, A320, 3D, COVID-19's 19) and
# identifiers with underscores; a CJK run next to a figure (2016年度) stays text.
_CODE = re.compile(r"[A-Za-z]*\d[A-Za-z0-9]*|[A-Za-z0-9]*_[A-Za-z0-9_]*")
# Lower-case words that belong inside names: "Department of State", "Charles de Gaulle",
# "Ludwig van Beethoven", "Abd al-Aziz", "Bashar al Assad".
PARTICLES = {"of", "the", "and", "for", "on", "de", "del", "della", "dei", "di", "da", "do",
             "dos", "das", "du", "des", "la", "le", "las", "los", "van", "von", "der", "den",
             "ter", "zu", "al", "el", "bin", "ben", "bint", "ibn", "abu", "bar", "wa", "y", "e",
             "und", "et", "für"}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    if options["what"] not in ("copy", "empty"):
        raise ValueError("what must be 'copy' or 'empty'", "what")
    check_pair_types(options)


def translatable(text: str, max_name_words: int = 5, min_cjk: int = 5) -> bool:
    """Whether ``text`` holds words a translation should change (not a number, a URL,
    a code or a name)."""
    rest = _CODE.sub(" ", _URLISH.sub(" ", text))
    cjk = _cjk()
    if len(cjk.findall(rest)) >= min_cjk:
        return True
    words = [w for w in _LETTERS.findall(rest) if not cjk.search(w)]
    words = [w for w in words if not (len(w) > 1 and w.isupper())]  # acronyms: NATO, UN
    if len(words) < 2:
        return False
    cased = [w for w in words if w.lower() != w.upper()]
    if len(cased) < len(words) * 0.5:  # mostly words of an uncased script (Arabic, Hebrew)
        return True
    # a capital anywhere makes a name part: Moo-hyun, d'Héricourt, al-Assad, McCain
    caps = [w for w in cased if w.lower() != w]
    lower = [w for w in cased if w.lower() == w]
    if all(w.lower() in PARTICLES for w in lower) and len(caps) <= max_name_words:
        return False  # a name: capitalised words and particles
    return True


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    copy = options["what"] == "copy"
    skip = {s.casefold() for s in options["skip_states"]}
    from ..corpus.pairs import same_bilingual_file

    for pair in pairs_of(story, ctx, options["pair_types"]):
        if not same_bilingual_file(pair.ref, pair.hyp):
            continue  # only a bilingual file says which unit is which: no alignment for it
        for sp in segment_pairs(pair, ctx):
            meta = sp.tgt_meta or {}
            if meta.get("absent") or not meta.get("translate", True) or not sp.src_text.strip():
                continue
            state = meta.get("state")
            if state and state.casefold() in skip:
                continue
            fields = {"unit": meta.get("id") or "?", "pair": pair.kind,
                      "source": excerpt(sp.src_text),
                      "state": f" (state {state})" if state else ""}
            if copy:
                if not sp.tgt_text.strip() or loose(sp.tgt_text) != loose(sp.src_text):
                    continue
                if not translatable(sp.src_text, options["max_name_words"], options["min_cjk"]):
                    continue
                yield Hit(sp.tgt[0], sp.tgt[1], doc=pair.hyp.id, related=pair.ref.id,
                          related_start=sp.src[0], related_end=sp.src[1], fields=fields)
            elif not sp.tgt_text.strip():
                fields["why"] = "no <target> element" if meta.get("missing") else "the target is empty"
                yield Hit(sp.tgt[0], sp.tgt[0], doc=pair.hyp.id, related=pair.ref.id,
                          related_start=sp.src[0], related_end=sp.src[1], fields=fields)
