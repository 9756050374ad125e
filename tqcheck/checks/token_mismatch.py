"""URLs, e-mail addresses, handles and codes that differ between aligned passages of two
versions (TQ603-TQ606), kept apart from numbers (TQ601).

Method: the pair is sentence-aligned (``tqcheck/analysis/align.py``), as for numbers; in every
linked passage the tokens of the rule's ``token`` kind are found on both sides by
``tqcheck/analysis/tokens.py`` (which explains how each kind is normalised) and paired one to
one, in text order, when they are the same identifier:

* ``url``: same normalised URL; across languages the same host, because a translation
  links to the localised edition of the same site (``bbc.com/news`` and
  ``bbc.com/russian``, ``en.`` and ``ru.wikipedia.org``). A wrong page of the right site
  in a translation is therefore not found; in same-language pairs (rewrites, references)
  the whole URL must agree.
* ``email``: same address, any case.
* ``handle``: same @handle, any case; #hashtags only between versions in one language
  unless ``hashtags_across_languages``: localised social copy translates its hashtags
  (#WorldCup as #ЧМ2022), while an @handle names an account and stays.
* ``code``: same transliterated or look-alike key (``Ту-154`` = ``Tu-154``, ``МС-21`` =
  ``MC-21``), or, across scripts that write the letters differently (``إف-16``, ``歼-20``),
  the same digits.

A token left over on both sides that looks like the same thing changed (a code with the
same letters or the same digits: ``F-35`` and ``F-16``; any URL, address or handle) is a
**changed** token, reported with its counterpart as the suggestion. A token left over
on one side is reported when ``unpaired`` includes the pair type, unless the other
version has it elsewhere (the alignment put it in a neighbouring sentence), it is a bare
domain (often a company's name, written in words by a translation), or it is a code
whose digits the other passage has as a plain number (``Top-10`` and "top 10").

The digits of a code, a URL, an address or a handle are not numbers for TQ601
(``tqcheck/checks/number_mismatch.py``), so ``F-35`` against ``F-16`` is one TQ606
finding and no TQ601 one.

Measured on real MT drafts with expert marks (``python -m tools.eval mqm --rules``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types

SCOPE = "story"
TOKENS = {"url": ("url",), "email": ("email",), "handle": ("handle", "hashtag"), "code": ("code",)}
OPTIONS: dict[str, Any] = {
    "token": "code",  # url | email | handle | code
    "pair_types": ["translation", "reference", "rewrite"],
    # Pair types where a token present on one side only is reported too.
    "unpaired": ["translation", "reference"],
    "hashtags_across_languages": False,
}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    if options["token"] not in TOKENS:
        raise ValueError(f"unknown token kind {options['token']!r} ({', '.join(TOKENS)})", "token")
    check_pair_types(options, "pair_types", "unpaired")


def _numbers(text: str, lang: str | None) -> set[float]:
    from ..analysis.numbers import extract

    return {v for q in extract(text, lang) if q.kind in ("number", "money", "percent")
            for v in q.values if isinstance(v, float)}


def passage_mismatches(ref_text: str, hyp_text: str, kinds: tuple[str, ...], same_language: bool,
                       ref_lang: str | None = None, hyp_lang: str | None = None,
                       ref_doc: str = "", hyp_doc: str = ""):  # type: ignore[no-untyped-def]
    """(hyp token or None, ref token or None) for every disagreement in one passage.

    ``ref_doc`` / ``hyp_doc`` are the whole documents: a token left over on one side
    that the other document has elsewhere is not reported."""
    from ..analysis.tokens import find, related, same

    host_only = not same_language
    tr = [t for t in find(ref_text) if t.kind in kinds]
    th = [t for t in find(hyp_text) if t.kind in kinds]
    used = [False] * len(tr)
    left_h = []
    for h in th:
        j = next((j for j, r in enumerate(tr) if not used[j] and same(h, r, host_only)), None)
        if j is None:
            left_h.append(h)
        else:
            used[j] = True
    left_r = [r for j, r in enumerate(tr) if not used[j]]
    out: list[tuple[Any, Any]] = []
    for h in list(left_h):
        r = next((r for r in left_r if related(h, r)), None)
        if r is not None:
            out.append((h, r))
            left_h.remove(h)
            left_r.remove(r)
    nums_h = nums_r = None
    for side, others, other_text, other_doc, other_lang in (
            ("hyp", left_h, ref_text, ref_doc, ref_lang), ("ref", left_r, hyp_text, hyp_doc, hyp_lang)):
        whole = [t for t in find(other_doc) if t.kind in kinds] if other_doc else []
        for t in others:
            if t.kind == "url" and not t.strong:
                continue  # a bare domain: often a company's name, written out in a translation
            if any(same(t, o, host_only) for o in whole):
                continue  # in the other version, in another sentence
            if t.kind == "code" and t.digits.isdigit():
                if side == "hyp":
                    nums_r = _numbers(other_text, other_lang) if nums_r is None else nums_r
                    nums = nums_r
                else:
                    nums_h = _numbers(other_text, other_lang) if nums_h is None else nums_h
                    nums = nums_h
                if float(t.digits) in nums:
                    continue  # "Top-10" and "top 10": the other side has the number
            out.append((t, None) if side == "hyp" else (None, t))
    return sorted(out, key=lambda p: (p[0].start if p[0] else -1, p[1].start if p[1] else -1))


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    for pair in ctx.pairs(story):
        if pair.kind not in options["pair_types"]:
            continue
        lh, lr = ctx.language(pair.hyp), ctx.language(pair.ref)
        same_language = ctx.same_language(lh, lr)
        kinds = TOKENS[options["token"]]
        if not same_language and not options["hashtags_across_languages"]:
            kinds = tuple(k for k in kinds if k != "hashtag")
        from ..analysis.tokens import find

        if not any(t.kind in kinds for t in find(pair.ref.text) + find(pair.hyp.text)):
            continue  # nothing to compare: no alignment needed
        al = ctx.alignment(pair)  # by segment in a bilingual file
        unpaired = pair.kind in options["unpaired"]
        for sa, sb in al.linked():
            rt, ht = pair.ref.text[sa[0]:sa[1]], pair.hyp.text[sb[0]:sb[1]]
            for h, r in passage_mismatches(rt, ht, kinds, same_language, lr, lh,
                                           pair.ref.text, pair.hyp.text):
                if (h is None or r is None) and not unpaired:
                    continue
                start, end = (sb[0] + h.start, sb[0] + h.end) if h is not None else (sb[0], sb[0])
                rs, re_ = (sa[0] + r.start, sa[0] + r.end) if r is not None else sa
                yield Hit(start, end, doc=pair.hyp.id, related=pair.ref.id, related_start=rs,
                          related_end=re_, suggestion=r.text if r is not None else None,
                          fields={"hyp": h.text if h else "nothing",
                                  "ref": r.text if r else "nothing", "pair": pair.kind})
