"""Numbers that differ between aligned passages of two versions.

Method: the pair is sentence-aligned (``tqcheck/analysis/align.py``); in every linked passage the
numbers, amounts, percentages, times of day and decades of both sides are extracted and
normalised by ``tqcheck/analysis/numbers.py`` (digits of any script, the language's decimal and
grouping marks, scale words such as "million" / "Millionen" / "Mio." / "млн", Chinese
and Japanese multipliers and numerals, number words) and paired, digits with digits
first. A number left over on both sides is a **changed** number (reported with its
counterpart), unless the two are one measure in imperial and metric units (375 pounds
and 170 Kilogramm); a number left over on one side only is reported when ``unpaired``
includes the pair type (a declared translation should carry every number of its
source; a rewrite may drop a detail). An amount whose value agrees but whose currencies
clearly differ (新元, Singapore dollars, against "yuan") is reported too; "$" or a bare
元 is any dollar or any yuan and never differs from a specific one. The finding sits on
the hypothesis (translation) and points at the passage of the other version.

Measured on real MT drafts with expert marks (``python -m tools.eval mqm --rules``).

Digits inside a URL, an e-mail address, a handle or an alphanumeric code (F-35,
COVID-19, LH 400; ``tqcheck/analysis/tokens.py``) are not numbers here: TQ603-TQ606 compare
them as identifiers, so a changed code is reported once, by TQ606.

Known false positives: a paraphrase that says a figure another way ("three times
that" for 24%), a currency conversion, a year in another calendar; a sentence that
says "1,550" where the other says "about 1,500".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types

SCOPE = "story"
KINDS = ("number", "percent", "money", "time", "decade")
OPTIONS = {
    "pair_types": ["translation", "reference", "rewrite"],
    # Pair types where a number present on one side only is reported too.
    "unpaired": ["translation", "reference"],
}


def validate(options: dict, rule) -> None:  # type: ignore[no-untyped-def]
    check_pair_types(options, "pair_types", "unpaired")


# Unit conversions a translation may make (imperial to metric): the unit words on each
# side, and the factor from the first to the second. A changed pair is a conversion when
# one passage names the first unit, the other the second, and the values agree within
# the rounding of a translated figure (6%).
CONVERSIONS = [
    (r"pounds?|lbs?\.?|磅", r"kilogramm|kilo|kg|公斤|千克|kilograms?", 0.4536),
    (r"miles?|英里", r"kilometern?|km|公里|kilometres?|kilometers?", 1.609),
    (r"feet|foot|ft|英尺", r"metern?|m|米|metres?|meters?", 0.3048),
    (r"inch(?:es)?|英寸", r"zentimetern?|cm|厘米|centimetres?|centimeters?", 2.54),
    (r"yards?|码", r"metern?|m|米|metres?|meters?", 0.9144),
    (r"ounces?|oz|盎司", r"gramm|g|克|grams?", 28.35),
    (r"gallons?|加仑", r"litern?|l|升|litres?|liters?", 3.785),
    (r"acres?|英亩", r"hektar|ha|公顷|hectares?", 0.4047),
    (r"fahrenheit|°\s?F|华氏度?", r"celsius|centigrade|°\s?C|摄氏度?|grad", None),
]
@lru_cache(maxsize=1)
def _conv() -> list[tuple[re.Pattern[str], re.Pattern[str], float | None]]:
    # compiled when a pair first needs them (a run whose numbers all match never does)
    return [(re.compile(rf"(?<![^\W\d_])(?:{a})(?![^\W\d_])", re.I),
             re.compile(rf"(?<![^\W\d_])(?:{b})(?![^\W\d_])", re.I), f) for a, b, f in CONVERSIONS]


def _converted(ref_text: str, hyp_text: str, r, h) -> bool:  # type: ignore[no-untyped-def]
    """The pair is one quantity in two systems of units (375 pounds, 170 Kilogramm)."""
    for imp, met, f in _conv():
        for x_text, y_text, x, y in ((ref_text, hyp_text, r, h), (hyp_text, ref_text, h, r)):
            if not (imp.search(x_text) and met.search(y_text)):
                continue
            for a in x.values:
                for b in y.values:
                    if not isinstance(a, float) or not isinstance(b, float):
                        continue
                    want = (a - 32) * 5 / 9 if f is None else a * f
                    if abs(b - want) <= 0.06 * abs(want) + (1.0 if f is None else 0.0):
                        return True
    return False


def _figure(q) -> bool:  # type: ignore[no-untyped-def]
    """A number in words that is a figure (two billion, 两百万), not a word (one, 三, 第二)."""
    return any(isinstance(v, float) and v >= 100 for v in q.values)


def passage_mismatches(ref_text: str, hyp_text: str, ref_lang, hyp_lang, kinds, unpaired: bool):  # type: ignore[no-untyped-def]
    """(hyp quantity or None, ref quantity or None) for every disagreement in one passage."""
    from ..analysis.numbers import compare, extract, match, other_currency

    qa = _outside_tokens(extract(ref_text, ref_lang), ref_text)
    qb = _outside_tokens(extract(hyp_text, hyp_lang), hyp_text)
    left_ref, left_hyp = compare(qa, qb, kinds)
    pairs, raw_ref, raw_hyp = match(qa, qb, kinds)
    # the same amount in another currency: 1.1亿新元 (Singapore dollars) as "110 million yuan"
    out = [(h, r) for r, h in pairs if other_currency(r, h)]
    # A figure in words left over on the other side is the counterpart to show: 十亿 and
    # "two billion" are a changed number, not a number and nothing.
    words_ref = [q for q in raw_ref if q.spelled and _figure(q)]
    words_hyp = [q for q in raw_hyp if q.spelled and _figure(q)]
    n = max(len(left_ref), len(left_hyp))
    # the digits of the other version's codes, read once for the whole passage
    codes_ref = _code_digits(ref_text, hyp_text) if n else frozenset()
    codes_hyp = _code_digits(hyp_text, ref_text) if n else frozenset()
    for i in range(n):
        h = left_hyp[i] if i < len(left_hyp) else (words_hyp.pop(0) if words_hyp else None)
        r = left_ref[i] if i < len(left_ref) else (words_ref.pop(0) if words_ref else None)
        if (h is None or r is None) and not unpaired:
            continue
        if h is not None and r is not None and _converted(ref_text, hyp_text, r, h):
            continue
        # a number that is the digits of a code of the other version ("F 35" for F-35,
        # "top 10" for Top-10) is the code's, compared by TQ606
        if h is not None and h.values & codes_ref:
            h = None
        if r is not None and r.values & codes_hyp:
            r = None
        if (h is None and r is None) or ((h is None or r is None) and not unpaired):
            continue
        out.append((h, r))
    return out


def _outside_tokens(qs, text: str):  # type: ignore[no-untyped-def]
    """The quantities that are not digits inside a URL, an e-mail address, a handle or a
    code (``tqcheck/analysis/tokens.py``): those are compared as identifiers by TQ603-TQ606, so
    F-35 against F-16 is a changed code, not a changed number."""
    from ..analysis.tokens import find

    toks = find(text)
    if not toks:
        return qs
    return [q for q in qs if not any(t.start < q.end and q.start < t.end for t in toks)]


def _code_digits(text: str, other: str) -> set[float]:
    """The digits of the codes of ``text`` that ``other`` does not have as codes."""
    from ..analysis.tokens import find, same

    theirs = [t for t in find(other) if t.kind == "code"]
    return {float(t.digits) for t in find(text) if t.kind == "code" and t.digits.isdigit()
            and not any(same(t, o) for o in theirs)}


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    yield from linked_mismatches(story, options, ctx, KINDS)


def linked_mismatches(story: Story, options: dict, ctx, kinds) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
    for pair in ctx.pairs(story):
        if pair.kind not in options["pair_types"]:
            continue
        lh, lr = ctx.language(pair.hyp), ctx.language(pair.ref)
        al = ctx.alignment(pair)
        unpaired = pair.kind in options["unpaired"]
        for sa, sb in al.linked():
            rt, ht = pair.ref.text[sa[0] : sa[1]], pair.hyp.text[sb[0] : sb[1]]
            for h, r in passage_mismatches(rt, ht, lr, lh, kinds, unpaired):
                if h is not None:
                    start, end = sb[0] + h.start, sb[0] + h.end
                else:
                    start = end = sb[0]
                rs = sa[0] + r.start if r is not None else sa[0]
                re_ = sa[0] + r.end if r is not None else sa[1]
                yield Hit(start, end, doc=pair.hyp.id, related=pair.ref.id, related_start=rs,
                          related_end=re_, fields={
                              "hyp": h.text if h else "nothing",
                              "ref": r.text if r else "nothing", "pair": pair.kind},
                          value=None)
