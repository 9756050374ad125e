"""Inline tags of a source segment missing from its translation, added, or out of order.

Method: for every segment pair (``checks/_segments.py``) the inline tags of both sides
are compared as multisets keyed by element and id: XLIFF 1.2 ``<g>``, ``<x/>``,
``<bx/>``/``<ex/>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<it>``; XLIFF 2.0 ``<pc>``,
``<ph/>``, ``<sc/>``/``<ec/>``; TMX ``<bpt>``/``<ept>``, ``<ph>``, ``<it>``, ``<hi>``
(``corpus/bilingual.py`` keeps them per segment, with their place in the text). HTML
tags written in the text (``<b>``, ``<a href>``, escaped in the file or in a plain
article) are compared by name the same way, in bilingual files and on the 1-1 sentence
links of two articles. A tag of the source that the target lacks is reported on the
target segment; a tag the target adds, at its place. Paired tags (an opening and its
closing tag both in the target) must nest: a closing tag before its opening one, or one
that closes over another still open (``<b><i>...</b></i>``), is reported. A tool
rebuilding the file from such a translation fails or produces broken markup.

Tags are matched by id, as CAT tools write them (``<g id="1">`` in the source and the
target); a pair split across two segments (``<sc/>`` in one, ``<ec/>`` in the next) is
compared as two single tags.

Known false positives: a translation that legitimately merges or drops formatting (two
bold runs made one), which CAT tools also report; HTML-like text that is not markup
("a <b> grade" written with angle brackets in running text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..corpus import Story
from .base import Analyses, Hit, check_pair_types
from ._segments import pairs_of, segment_pairs

if TYPE_CHECKING:
    from ..corpus.bilingual import Tag

SCOPE = "story"
OPTIONS = {
    "pair_types": ["translation"],
    # Compare HTML tags written in the text too (<b>, <a href>, <br/>).
    "html": True,
}


def validate(options: dict[str, Any], rule: Any) -> None:
    check_pair_types(options)

# An HTML tag in running text: a known element name, so that "a <3" or "x < y > z" is
# not taken for markup.
HTML_ELEMENTS = ("a|abbr|b|big|blockquote|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|"
                 "kbd|li|mark|ol|p|q|s|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul")
_HTML = re.compile(rf"<(/?)({HTML_ELEMENTS})(?:\s[^<>]*?)?\s*(/?)>", re.IGNORECASE)
VOID = {"br", "hr", "img"}
# The element that opens what another closes (bpt ... ept, bx ... ex, sc ... ec).
PAIR_OF = {"ept": "bpt", "ex": "bx", "ec": "sc"}


def html_tags(text: str, base: int) -> list[Tag]:
    from ..corpus.bilingual import Tag  # (the bilingual readers' module: not for a plain-text run)

    out = []
    for m in _HTML.finditer(text):
        name = m.group(2).lower()
        kind = "close" if m.group(1) else "standalone" if (m.group(3) or name in VOID) else "open"
        out.append(Tag(kind, name, "", base + m.start(), 0, 0))
    return out


def _identity(t: Tag) -> tuple[str, str, str]:
    return t.kind, t.name, t.key


def _pair_name(t: Tag) -> str:
    return PAIR_OF.get(t.name, t.name)


def nesting_faults(tags: list[Tag]) -> list[tuple[Tag, str]]:
    """Closing tags that break the nesting of the paired tags among ``tags``."""
    opens = {(_pair_name(t), t.key) for t in tags if t.kind == "open"}
    closes = {(_pair_name(t), t.key) for t in tags if t.kind == "close"}
    both = opens & closes
    stack: list[Tag] = []
    seen: set[tuple[str, str]] = set()
    out = []
    for t in tags:
        k = (_pair_name(t), t.key)
        if k not in both:
            continue
        if t.kind == "open":
            stack.append(t)
            seen.add(k)
            continue
        if k not in seen:
            out.append((t, "comes before its opening tag"))
            continue
        if stack and (_pair_name(stack[-1]), stack[-1].key) == k:
            stack.pop()
            continue
        inner = stack[-1] if stack else None
        stack[:] = [s for s in stack if (_pair_name(s), s.key) != k]
        if inner is not None:
            out.append((t, f"closes while {inner.label()} is still open (tags cross)"))
    return out


def _merge_pairs(tags: list[Tag]) -> list[tuple[Tag, str]]:
    """Missing tags to report: an opening and its closing tag, both missing, are one
    finding (``<g id="1">…</g>``)."""
    out: list[tuple[Tag, str]] = []
    used: set[int] = set()
    for i, t in enumerate(tags):
        if i in used:
            continue
        if t.kind == "open":
            j = next((j for j in range(i + 1, len(tags)) if j not in used and tags[j].kind == "close"
                      and _pair_name(tags[j]) == _pair_name(t) and tags[j].key == t.key), None)
            if j is not None:
                used.add(j)
                close = tags[j].label().split(" (id")[0]
                out.append((t, f"{t.label()}…{close}" if close != t.label() else t.label()))
                continue
        out.append((t, t.label()))
    return out


def check(story: Story, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    for pair in pairs_of(story, ctx, options["pair_types"]):
        for sp in segment_pairs(pair, ctx):
            if not sp.tgt_text.strip() or not sp.src_text.strip():
                continue  # an empty target is TQ706's
            src: list[Tag] = list(sp.src_meta["tags"]) if sp.src_meta else []
            tgt: list[Tag] = list(sp.tgt_meta["tags"]) if sp.tgt_meta else []
            if options["html"]:
                src += html_tags(sp.src_text, sp.src[0])
                tgt += html_tags(sp.tgt_text, sp.tgt[0])
            if not src and not tgt:
                continue
            src.sort(key=lambda t: t.offset)
            tgt.sort(key=lambda t: t.offset)
            want, have = Counter(map(_identity, src)), Counter(map(_identity, tgt))
            unit = sp.tgt_meta.get("id") if sp.tgt_meta else None
            where = f" (unit {unit})" if unit else ""
            missing = []
            for t in src:
                k = _identity(t)
                if have[k] < want[k]:
                    want[k] -= 1
                    missing.append(t)
            for t, label in _merge_pairs(missing):
                yield Hit(sp.tgt[0], sp.tgt[1], doc=pair.hyp.id, related=pair.ref.id,
                          related_start=t.offset, related_end=t.offset,
                          fields={"tag": label, "problem": "is missing from the translation" + where})
            want = Counter(map(_identity, src))
            for t in tgt:
                k = _identity(t)
                if have[k] > want[k]:
                    have[k] -= 1
                    yield Hit(t.offset, t.offset, doc=pair.hyp.id, related=pair.ref.id,
                              related_start=sp.src[0], related_end=sp.src[1],
                              fields={"tag": t.label(), "problem": "is not in the source" + where})
            for t, why in nesting_faults(tgt):
                yield Hit(t.offset, t.offset, doc=pair.hyp.id, related=pair.ref.id,
                          related_start=sp.src[0], related_end=sp.src[1],
                          fields={"tag": t.label(), "problem": why + where})
