"""Inline suppression markers that name no rule: a typo that silently accepts nothing.

An editor accepts a finding with ``<!-- tqcheck: ignore TQ301 -->`` (tqcheck/engine/suppress.py).
When the rule is mistyped (``TQ3O1`` with a letter O, ``TQ2011`` with a digit too many,
``name-authority-varient``), the marker accepts nothing for it and says nothing: the
editor believes the finding is accepted and the next run flags it again, or the marker
stays in the text as a false record of what was accepted.

Method. Every marker is read with the same regular expression the suppression uses.
Its rule list (the text before a parenthesis, which starts the reason) is split into
words of any script, and each word must be what suppression understands: an ASCII id,
prefix or name that names at least one rule known to the run, built in or from the
newsroom's rule folders, whether or not the run selects it. A word that is not is
flagged at its own span inside the marker, so the table, the HTML report and SARIF
point at the typo itself.

The suggestion repairs what editors' keyboards do to an id, in this order: width and
script look-alikes folded to ASCII (full-width ``ＴＱ３０１`` from a CJK input method,
Cyrillic or Greek capitals that look Latin, Arabic-Indic or other decimal digits);
then a letter O, I or l among the digits read as 0 or 1; then the closest id or name
by edit similarity (``difflib``, ratio at least 0.75: one wrong or missing character
in a five-character id, a slipped letter in a name). A suggestion is only given when
it names a rule; otherwise the hint says where reasons go.

Adjacent words that resemble no rule (a reason written without parentheses, ``ignore
TQ301 spelled as in the filing``) make one finding together; a word that resembles a
rule makes its own, with the repair as an exact replacement.

Known false positives: that reason without parentheses is flagged; that is intended,
since the marker really does read those words as rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..analysis.tokens import LOOKALIKE  # capitals of Cyrillic and Greek drawn like Latin ones
from ..corpus import Document
from ..corpus.markers import MARKER_RE
from ..corpus.markers import RULE_WORD_RE as _WORD
from ..engine.select import match_len
from .base import Analyses, Hit

SCOPE = "article"
OPTIONS: dict[str, Any] = {}

# what suppression reads as a rule token (tqcheck/corpus/markers.py RULE_WORD_RE), whole
_ASCII_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
# letters typed for digits inside an id's number
_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "i": "1"})
# 0.75: one changed or missing character in a five-character id ("TQ31" vs "TQ301"
# is 0.89, "TQ310" vs "TQ301" 0.8) or a slip in a rule name; below it, ids of
# unrelated rules start to look alike ("TQ1" vs "TQ101" is exactly 0.75, and a
# three-character prefix is never a typo candidate since it already names rules).
MIN_SIMILARITY = 0.75


def names_rule(token: str, known: tuple[tuple[str, str], ...]) -> bool:
    """Does suppression read ``token`` as naming at least one rule? (its own test)"""
    if not _ASCII_TOKEN.fullmatch(token):
        return False
    return any(match_len(token, rid, name, ignore_case=True) > 0 for rid, name in known)


def _fold(token: str) -> str:
    s = unicodedata.normalize("NFKC", token).translate(LOOKALIKE)
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in s)


def suggest(token: str, known: tuple[tuple[str, str], ...]) -> str | None:
    """The rule the editor most likely meant, or None."""
    import difflib

    folded = _fold(token)
    if names_rule(folded, known):
        return folded.upper() if re.fullmatch(r"[A-Za-z]{1,4}[0-9]*", folded) else folded
    m = re.fullmatch(r"([A-Za-z]{2,4})([0-9OoIil]{3})", folded)
    if m:
        cand = m.group(1).upper() + m.group(2).translate(_DIGIT_LOOKALIKE)
        if names_rule(cand, known):
            return cand
    ids = [rid for rid, _ in known]
    close = difflib.get_close_matches(folded.upper(), ids, n=1, cutoff=MIN_SIMILARITY)
    if close:
        return close[0]
    close = difflib.get_close_matches(folded.lower(), [n for _, n in known], n=1, cutoff=MIN_SIMILARITY)
    return close[0] if close else None


def check(doc: Document, options: dict[str, Any], ctx: Analyses) -> Iterator[Hit]:
    if "tqcheck" not in doc.text.lower():
        return
    known: tuple[tuple[str, str], ...] | None = None
    for m in MARKER_RE.finditer(doc.text):
        body = m.group("body").split("(", 1)[0]
        base = m.start("body")
        run: list[re.Match[str]] = []  # adjacent words that look like no rule: one finding
        for w in _WORD.finditer(body):
            if known is None:
                known = ctx.known_rules()
            token = w.group()
            if names_rule(token, known):
                yield from _words(run, base, doc.text)
                run = []
                continue
            guess = suggest(token, known)
            if guess is not None:  # a typo of one rule: a finding of its own
                yield from _words(run, base, doc.text)
                run = []
                start = base + w.start()
                yield Hit(start, start + len(token), fields={"token": token}, suggestion=guess,
                          replacement=guess)
            elif run and body[run[-1].end():w.start()].strip():  # a comma between: separate
                yield from _words(run, base, doc.text)
                run = [w]
            else:
                run.append(w)
        yield from _words(run, base, doc.text)


def _words(run: list[re.Match[str]], base: int, text: str) -> Iterator[Hit]:
    """Adjacent words that name no rule and resemble none (a reason written without
    parentheses, as a rule): one finding over all of them."""
    if run:
        start, end = base + run[0].start(), base + run[-1].end()
        yield Hit(start, end, fields={"token": text[start:end]},
                  suggestion="a rule id, prefix or name (tqcheck --list-rules); "
                             "a reason goes in parentheses")
