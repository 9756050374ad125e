"""House style: two accepted spellings of one thing used both ways ("US" and "U.S.").

The pairs are data (``rules/data/house-style.toml``): for each, two or more forms (regular
expressions matched case-sensitively as whole words), the language they apply to, and
optionally the house's preferred form. When an article uses more than one form of a
pair, the occurrences of the form to change are flagged: every non-preferred form when
the pair names a preference, else the form used less often (on a tie, the one that
appears later — the first use sets the article's style). The finding names the other
form and where it is first used. Lines written in capitals (an all-caps headline) are
not counted: there "US" may be the pronoun.

``check_story`` (kind ``house_style_story``) does the same across the same-language
versions of a story: the form to change is decided over all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import tomlindex
from ..analysis.text import ascii_case_counts, lines
from .base import Hit
from ._layout import cached_toml, data, register_data

SCOPE = "article"
OPTIONS: dict[str, Any] = {"pairs": "data/house-style.toml"}


@dataclass(frozen=True)
class Pair:
    lang: str
    forms: tuple[Any, ...]  # userregex.UserPattern
    names: tuple[str, ...]
    preferred: int | None


def _parse_pairs(raw: dict[str, Any], path: Path) -> tuple[Pair, ...]:
    from ..errors import TQError, line_of_key
    from ..analysis.userregex import compile_user, table_lines
    from ._layout import _text_of

    text = _text_of(path)
    lazy = tomlindex.indexed(text)  # the built-in forms: compiled when a text holds them
    pairs = []
    items = raw.get("pair", [])
    if not isinstance(items, list):
        raise TQError("'pair' must be an array of tables ([[pair]])", str(path), line_of_key(text, "pair"))
    heads = table_lines(text, "pair")
    for i, p in enumerate(items):
        at = heads[i] if i < len(heads) else 1

        def bad(msg: str, key: str | None = None) -> TQError:
            return TQError(f"pair {i + 1}: {msg}", str(path), line_of_key(text, key, at) if key else at)

        if not isinstance(p, dict):
            raise bad(f"each pair must be a table with 'forms' ([[pair]]), not {type(p).__name__}", "pair")
        forms = p.get("forms", [])
        if not isinstance(forms, list) or not all(isinstance(f, str) and f for f in forms):
            raise bad("'forms' must be a list of regular expressions (strings)", "forms")
        if len(forms) < 2:
            raise bad("give at least two forms", "forms")
        try:
            rx = tuple(compile_user(rf"(?<![\w.]){f}(?!\w)", 0, f"pair {i + 1} of {path.name}",
                                    lazy) for f in forms)
        except ValueError as exc:
            raise bad(f"'forms': {exc}", "forms") from exc
        names = p.get("names", forms)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) \
                or len(names) != len(forms):
            raise bad("'names' must be a list of strings, one per form", "names")
        pref = p.get("preferred")
        if pref is not None and (not isinstance(pref, int) or isinstance(pref, bool)
                                 or not 0 <= pref < len(forms)):
            raise bad(f"'preferred' must be the index of a form, 0 to {len(forms) - 1}", "preferred")
        lang = p.get("lang", "*")
        if not isinstance(lang, str):
            raise bad("'lang' must be a string", "lang")
        pairs.append(Pair(lang, rx, tuple(names), pref))
    return tuple(pairs)


def load_pairs(path: Path) -> tuple[Pair, ...]:
    return cached_toml(path, "house-style pairs", _parse_pairs)


def validate(options: dict[str, Any], rule: Any) -> None:
    register_data(options, "pairs", rule, load_pairs)


def _caps_line(s: str) -> bool:
    if s.isascii():
        n_letters, n_upper = ascii_case_counts(s)
        return n_letters >= 8 and n_upper >= 0.6 * n_letters
    letters = "".join(filter(str.isalpha, s))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) >= 0.6 * len(letters)


def searched_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines the forms are looked for in (all-caps lines are not):
    found once per document and shared by every pair."""
    return [(sp.start, sp.end) for sp in lines(text) if not _caps_line(text[sp.start:sp.end])]


def occurrences(text: str, pair: Pair, spans: list[tuple[int, int]] | None = None,
                ) -> list[tuple[int, int, int]]:
    """(form index, start, end) of every use of the pair's forms, in text order.
    ``spans``: ``searched_lines(text)``, when the caller has it."""
    from ..analysis.linescan import finditer_lines
    from ..analysis.text import DisjointSpans

    spans = searched_lines(text) if spans is None else spans
    out = []
    # the uses kept: a use never overlaps another line's, so one set for the text keeps,
    # form by form, what one set per line kept line by line
    taken = DisjointSpans()
    for k, rx in enumerate(pair.forms):
        # each line on its own, in one scan of the text where that is the same
        for a, b in finditer_lines(rx, text, spans):
            if taken.overlaps(a, b):
                continue
            taken.add(a, b)
            out.append((k, a, b))
    return sorted(out, key=lambda o: (o[1], o[0]))


def to_change(occ: list[tuple[Any, int, int, int]], pair: Pair) -> set[int]:
    """Form indexes to flag, given (doc key, form, start, end) occurrences in order."""
    used = sorted({o[1] for o in occ})
    if len(used) < 2:
        return set()
    if pair.preferred is not None and pair.preferred in used:
        return set(used) - {pair.preferred}
    counts = {k: sum(1 for o in occ if o[1] == k) for k in used}
    first = {}
    for o in occ:
        first.setdefault(o[1], len(first))
    keep = max(used, key=lambda k: (counts[k], -first[k]))
    return set(used) - {keep}


def lang_ok(pair: Pair, lang: str | None) -> bool:
    return pair.lang == "*" or (lang is not None and lang.split("-")[0] == pair.lang)


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    lang = ctx.language(doc) if ctx is not None else doc.lang
    spans = None
    for pair in data(options, "pairs", load_pairs):
        if not lang_ok(pair, lang):
            continue
        if spans is None:
            spans = searched_lines(doc.text)
        occ = [(doc.id, k, a, b) for k, a, b in occurrences(doc.text, pair, spans)]
        flag = to_change(occ, pair)
        # the first use of a kept form: what every flagged use points at
        other = next((o for o in occ if o[1] not in flag), None)
        for _d, k, a, b in occ:
            if k not in flag or other is None:
                continue
            line, _c = doc.position(other[2])
            yield Hit(a, b, fields={"form": pair.names[k], "other": pair.names[other[1]],
                                    "where": f"line {line}"},
                      suggestion=pair.names[other[1]], replacement=pair.names[other[1]], related=doc.id,
                      related_start=other[2], related_end=other[3])
