"""Unbalanced brackets and quotation marks within a paragraph (one line).

Brackets ( ) [ ] { } and the CJK ones （ ） 【 】 「 」 『 』 《 》 〈 〉 are matched
with a stack; a closer without an opener or an opener left open is flagged at that
character. Enumerators ("1)", "a)", "iv)") at the start of a line or after a space are
not brackets.

Quotation marks differ per language, so they are counted, not stacked:

* « » and ‹ › must be equally many (French and Russian « », Danish and German » «);
* „ opens in German, Czech, Polish, Romanian, Hungarian...: its closers are “ and ”;
  the count of „ must equal the count of the closers not used by English-style pairs;
* “ ” English style: equally many; where “ never occurs, ” is used on both sides
  (Swedish, Finnish) and must come in an even number;
* the straight double quote " must come in an even number.

A quotation that runs over several paragraphs leaves its opening paragraph without a
closer by convention, and the next paragraph opens with a quotation mark again: that
case is not flagged. Single quotes are not checked (they double as apostrophes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..analysis.text import lines
from .base import Hit

SCOPE = "article"
OPTIONS: dict[str, Any] = {"quotes": True, "brackets": True}

_PAIRS = {")": "(", "]": "[", "}": "{", "）": "（", "】": "【", "」": "「", "』": "『", "》": "《",
          "〉": "〈", "〕": "〔"}
_OPENERS = set(_PAIRS.values())
_ENUM_RE = re.compile(r"(?:^|(?<=\s))\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)(?=\s)")
_QUOTE_OPEN_START = "\"“„«»‹›「『”"


def _bracket_hits(par: str) -> list[tuple[int, str]]:
    skip = set()
    for m in _ENUM_RE.finditer(par):
        skip.add(m.end() - 1)
        if par[m.start()] == "(":
            skip.add(m.start())
    stack: list[tuple[int, str]] = []
    bad: list[tuple[int, str]] = []
    for i, ch in enumerate(par):
        if ch in _OPENERS and i not in skip:
            stack.append((i, ch))
        elif ch in _PAIRS and i not in skip:
            if stack and stack[-1][1] == _PAIRS[ch]:
                stack.pop()
            elif any(o == _PAIRS[ch] for _, o in stack):
                while stack and stack[-1][1] != _PAIRS[ch]:
                    bad.append(stack.pop())
                stack.pop()
            else:
                bad.append((i, ch))
    return sorted(bad + stack)


def _quote_problem(par: str) -> tuple[int, str] | None:
    """The position of a quotation mark left unbalanced in ``par``, or None."""
    def last(chars: str) -> int:
        return max(par.rfind(c) for c in chars)

    if par.count("«") != par.count("»"):
        return last("«»"), "« »"
    if par.count("‹") != par.count("›"):
        return last("‹›"), "‹ ›"
    low = par.count("„")
    left, right = par.count("“"), par.count("”")
    if low:
        if low != left + right:
            return last("„“”"), "„ “"
    elif left:
        if left != right:
            return last("“”"), "“ ”"
    elif right % 2:
        return last("”"), "” ”"
    if par.count('"') % 2:
        return par.rfind('"'), '" "'
    return None


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    text = doc.text
    spans = list(lines(text))
    for k, sp in enumerate(spans):
        par = text[sp.start:sp.end]
        if options["brackets"]:
            for i, ch in _bracket_hits(par):
                yield Hit(sp.start + i, sp.start + i + 1, fields={"what": f"bracket {ch!r}"},
                          suggestion="close or remove the bracket")
        if options["quotes"]:
            prob = _quote_problem(par)
            if prob is None:
                continue
            nxt = text[spans[k + 1].start] if k + 1 < len(spans) else ""
            if nxt and nxt in _QUOTE_OPEN_START:
                continue  # a quotation continued in the next paragraph
            i, style = prob
            yield Hit(sp.start + i, sp.start + i + 1, fields={"what": f"quotation marks {style}"},
                      suggestion="close or remove the quotation mark")
