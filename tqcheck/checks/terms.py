"""Glossary terms in declared translations (TQ701 term-missing, TQ702 term-forbidden).

Method: the newsroom's glossary (``tqcheck/analysis/glossary.py``: TOML, TBX or CSV; its
docstring gives the formats and how forms are matched, inflection included) lists, per
language pair, source terms, the target forms a translation must use for them, and
target forms it must not use. For each declared translation whose source and target
languages have entries:

* ``missing`` (TQ701): the pair is sentence-aligned (``tqcheck/analysis/align.py``); when a
  source passage has a glossary term and the aligned target passage has none of its
  required forms, nor does the target sentence just before or after it (the alignment
  may be one sentence off) unless that neighbour's own source has the term, the target
  passage is reported, with the
  first required form as the suggestion. A source term that is part of a name is not
  the term: one kept as written in the target passage ("President's Cup" in German),
  or one capitalised inside the sentence next to another capitalised word ("Bond
  Court"). A passage that uses a forbidden form of the
  entry is left to TQ702, so one mistake is one finding.
* ``forbidden`` (TQ702): every occurrence of a forbidden form in the translation,
  wherever it is, with the entry's first required form as the suggestion; an
  occurrence inside a required form (a required form may extend a forbidden one) is
  not one.

The glossary is the rule's ``glossary`` option: a path relative to the rule file, or to
the config file that set it; an empty string turns the rule off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..analysis import langs
from ..corpus import Story
from .base import Analyses, Hit, check_pair_types, data_path

SCOPE = "story"
OPTIONS: dict[str, Any] = {
    "glossary": "data/glossary.toml",
    "report": "missing",  # missing (TQ701) | forbidden (TQ702)
    "pair_types": ["translation"],
}


def _entries(options: dict) -> tuple[Any, ...]:
    from ..analysis.glossary import load

    if not options["glossary"]:
        return ()
    return load(data_path(options, "glossary"))


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    if options["report"] not in ("missing", "forbidden"):
        raise ValueError(f"report must be 'missing' or 'forbidden', not {options['report']!r}", "report")
    check_pair_types(options)
    try:
        _entries(options)
    except ValueError as exc:  # unreadable file; a bad one is a TQError at its own line
        raise ValueError(f"glossary: {exc}", "glossary") from exc


def _shown(forms: tuple[str, ...]) -> str:
    return " / ".join(forms)


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    # read once per run (the key names no story, so it outlives each story's memo)
    where = str(data_path(options, "glossary")) if options["glossary"] else ""
    entries = ctx.memo(("glossary", where), lambda: _entries(options))
    if not entries:
        return
    from ..analysis.glossary import find, may_occur

    for pair in ctx.pairs(story):
        if pair.kind not in options["pair_types"]:
            continue
        ls, lt = langs.base(ctx.language(pair.ref)), langs.base(ctx.language(pair.hyp))
        mine = [e for e in entries if e.source_lang == ls and e.target_lang == lt]
        if not mine:
            continue
        if options["report"] == "forbidden":
            low = pair.hyp.text.lower()
            yield from _forbidden(pair, [e for e in mine if e.forbidden and may_occur(e.forbidden, low)],
                                  lt, find)
        else:
            low = pair.ref.text.lower()
            yield from _missing(pair, [e for e in mine if e.target and may_occur(e.source, low)
                                       and find(e.source, pair.ref.text, ls)], ls, lt, ctx, find)


def _forbidden(pair, entries, lt, find) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    text = pair.hyp.text
    seen: set[tuple[int, int]] = set()
    for e in entries:  # the caller passes only entries with forbidden forms
        allowed = find(e.target, text, lt) if e.target else []
        for s, t in find(e.forbidden, text, lt):
            # inside (or equal to) a required form: "Kiev" in a required "Chicken Kiev"
            if (s, t) in seen or any(a <= s and t <= b for a, b in allowed):
                continue
            seen.add((s, t))
            yield Hit(s, t, doc=pair.hyp.id, related=pair.ref.id,
                      suggestion=e.target[0] if e.target else None,
                      fields={"term": text[s:t], "target": _shown(e.target) or "another term",
                              "lang": langs.name(lt), "where": e.where})


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _in_name(text: str, s: int, t: int, target: str, common: bool) -> bool:
    """The source term is part of a name, not the term: it is kept as written in the
    target passage ("President's Cup" in a German sentence), or a term the glossary
    writes in lower case (a common noun) is capitalised inside the sentence next to
    another capitalised word that does not start the sentence ("Bond Court", "the
    Election Commission"), in a script with capitals."""
    word = text[s:t]
    if word in target:
        return True
    if not common or not word[:1].isupper():
        return False
    words = _WORD.findall(text[:s])
    before = words[-1:] if len(words) > 1 else []  # the first word is capitalised anyway
    after = _WORD.findall(text[t:])[:1]
    return bool(words) and any(w[:1].isupper() for w in before + after)


def _missing(pair, entries, ls, lt, ctx, find) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    if not entries:
        return
    # segment by segment in a bilingual file, sentence by sentence otherwise
    al = ctx.alignment(pair)
    spans = [(sa, sb) for sa, sb in ((al.span_a(ln), al.span_b(ln)) for ln in al.links)
             if sb is not None]
    ref, hyp = pair.ref.text, pair.hyp.text
    for k, (sa, sb) in enumerate(spans):
        if sa is None:
            continue
        rt, ht = ref[sa[0]:sa[1]], hyp[sb[0]:sb[1]]
        for e in entries:
            common = not any(c.isupper() for f in e.source for c in f)
            got = [(s, t) for s, t in find(e.source, rt, ls) if not _in_name(rt, s, t, ht, common)]
            if not got:
                continue
            if find(e.target, ht, lt, True) or (e.forbidden and find(e.forbidden, ht, lt)):
                continue
            # the alignment may be a sentence off: a neighbour's required form counts,
            # unless that neighbour's own source passage has the term (then it is its own)
            if any(0 <= j < len(spans) and find(e.target, hyp[spans[j][1][0]:spans[j][1][1]], lt, True)
                   and not (spans[j][0] and find(e.source, ref[spans[j][0][0]:spans[j][0][1]], ls))
                   for j in (k - 1, k + 1)):
                continue
            s, t = got[0]
            yield Hit(sb[0], sb[1], doc=pair.hyp.id, related=pair.ref.id,
                      related_start=sa[0] + s, related_end=sa[0] + t, suggestion=e.target[0],
                      fields={"term": rt[s:t], "target": _shown(e.target),
                              "lang": langs.name(lt), "where": e.where})
