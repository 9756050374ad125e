"""House style across a story: the same-language versions mix forms of a pair.

Same method as ``house_style`` (see there), but the form to change is decided over all
the versions of the story in one language, and each flagged use points at the first
use of the other form in another version. Versions from different outlets of one story
follow different style guides, so the built-in rule is off by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import Hit
from ._layout import data, register_data
from .house_style import lang_ok, load_pairs, occurrences, searched_lines, to_change

SCOPE = "story"
OPTIONS: dict[str, Any] = {"pairs": "data/house-style.toml"}


def validate(options: dict[str, Any], rule: Any) -> None:
    register_data(options, "pairs", rule, load_pairs)


def check(story: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    docs = [d for d in story.documents if d.problem is None]
    by_lang: dict[str, list[Any]] = {}
    for d in docs:
        lang = ctx.language(d) if ctx is not None else d.lang
        if lang:
            by_lang.setdefault(lang.split("-")[0], []).append(d)
    for lang in sorted(by_lang):
        group = sorted(by_lang[lang], key=lambda d: d.id)
        if len(group) < 2:
            continue
        spans: dict[str, list[tuple[int, int]]] = {}
        for pair in data(options, "pairs", load_pairs):
            if not lang_ok(pair, lang):
                continue
            for d in group:
                if d.id not in spans:
                    spans[d.id] = searched_lines(d.text)
            occ = [(d.id, k, a, b) for d in group for k, a, b in occurrences(d.text, pair, spans[d.id])]
            flag = to_change(occ, pair)
            # what a flagged use points at: the first use of a kept form in another
            # version, which is the first kept use, or the first in another version
            # than that one's
            kept = [o for o in occ if o[1] not in flag]
            first = kept[0] if kept else None
            second = next((o for o in kept if first is not None and o[0] != first[0]), None)
            for doc_id, k, a, b in occ:
                if k not in flag:
                    continue
                o = first if first is not None and first[0] != doc_id else second
                if o is None:
                    continue  # mixed inside one version only: the article rule's business
                yield Hit(a, b, doc=doc_id, fields={"form": pair.names[k], "other": pair.names[o[1]],
                                                    "where": o[0]},
                          suggestion=pair.names[o[1]], replacement=pair.names[o[1]],
                          related=o[0], related_start=o[2],
                          related_end=o[3])
