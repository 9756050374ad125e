"""A user pattern matched line by line, in one scan of the whole text when that is
provably the same.

House-style forms are matched on every line of an article, each line on its own (a
form must not match across lines, and an all-caps line is not searched). On a long
article that is one call per line and form: 780,000 calls on 10 MB, most of the rule's
time. One scan of the whole text gives the same matches when the pattern cannot tell
the whole text from a line, and this module decides that from the parsed pattern:

* A line of ``text.lines`` is a stretch without surrounding white space; what lies
  outside it, in the whole text, is white space (the line's margins, the newline) or
  the text's ends. Inside the line a match attempt reads the same characters either
  way. Outside it, an attempt on the line alone finds the end of the string, and one on
  the whole text finds white space.
* So the two differ only where the pattern can tell white space from the end of the
  string without consuming it: the anchors ``^ $ \\A \\Z`` (``\\b`` and ``\\B`` cannot:
  white space is not a word character either), and a look-ahead or look-behind whose
  content could match a white-space character. A pattern with neither is *line-safe*;
  anything else (a pattern Python's own parser does not read the way ``regex`` does, a
  back-reference inside a look-around, a negated class there) is not, and is matched
  line by line as before.
* A line-safe pattern can still consume white space ("per ?cent"). A match of the
  whole-text scan that leaves its line (one that holds a newline, or takes a line's
  margin) would have been different, or absent, on the line alone: then the pattern is
  matched line by line for this text. A match inside a line that is not searched (an
  all-caps line) or inside a blank line is dropped: it takes nothing from another line.
  Every other match lies inside one searched line, and the scan found it at the same
  place as the line's own scan: up to it, both scans read the same characters, and an
  attempt that read past the line failed in both (had it succeeded, its match would
  have left the line).

The time bound of ``userregex`` holds: a whole-text scan that runs out of time (or a
pattern that already ran out of time on some line) falls back to the scan line by line,
which raises ``RegexTimeout`` on the line it stops at, as before.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

# Every character ``str.strip`` removes (``str.isspace``; tests/test_big_article.py
# checks the list): what surrounds a line in the whole text.
_SPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                   "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# The pattern flags the parser needs (their values are the same in ``re`` and ``regex``).
_PARSE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


def finditer_lines(rx: Any, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of every match of ``rx`` (a ``userregex.UserPattern``) in
    ``text[a:b]`` for each span, in span order and match order: the matches of
    ``rx.finditer`` on each line's text. ``spans`` are lines of ``text.lines(text)`` (in
    order; all of them or some)."""
    if not rx.may_match(text):
        return []  # no line of the text holds what every match needs
    if spans and line_safe(rx) and not rx._slow:
        found = _whole(rx, text, spans)
        if found is not None:
            return found
    out: list[tuple[int, int]] = []
    for a, b in spans:
        out.extend((a + m.start(), a + m.end()) for m in rx.finditer(text[a:b]))
    return out


def _whole(rx: Any, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The matches of one scan of the whole text inside the spans, or None when one
    match leaves its line (or the scan runs out of time)."""
    from .userregex import REGEX_TIMEOUT

    starts = [a for a, _b in spans]
    out: list[tuple[int, int]] = []
    try:
        matches = rx.rx.finditer(text, timeout=REGEX_TIMEOUT)
        for m in matches:
            s, e = m.span()
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0 and e <= spans[i][1]:
                out.append((s, e))  # inside a searched line
                continue
            if "\n" in text[s:e]:
                return None  # across lines
            # inside one line of the text, not inside a searched span: the margin of a
            # searched line (then the line's own scan could differ), or a line that is
            # not searched, or a blank one (dropped)
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", s)
            j = bisect.bisect_left(starts, line_start)
            if j < len(spans) and (line_end == -1 or spans[j][0] <= line_end):
                return None
    except TimeoutError:
        return None
    return out


def line_safe(rx: Any) -> bool:
    """True when ``rx`` cannot tell white space outside a line from the line's end
    (module docstring); decided once per pattern."""
    # (a pattern not compiled yet has no inline flags: its given flags are its flags)
    flags = int(rx.rx.flags) if rx.compiled else rx.flags
    return _analyse(rx.pattern, flags & _PARSE_FLAGS)


@lru_cache(maxsize=4096)  # one answer per pattern and flags: a house style's forms
def _analyse(pattern: str, flags: int) -> bool:
    import warnings

    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        return False
    try:
        # a pattern Python reads with a warning ("possible nested set": a POSIX class
        # such as [[:space:]], which regex reads as a class) may mean something else
        # to regex: matched line by line
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tree = parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - any pattern Python does not read: line by line
        return False
    return _safe(list(tree), inside=False)


def _safe(items: list[Any], inside: bool) -> bool:
    """No anchor but word boundaries; inside a look-around (``inside``) nothing that can
    consume a white-space character. A literal "{" is refused everywhere: regex reads
    some braces as fuzzy-matching constraints that Python reads as text."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.LITERAL:
            if av == ord("{") or (inside and chr(av) in _SPACE):
                return False
        elif op is c.IN:
            if inside and not _set_without_space(av):
                return False
        elif op in (c.ANY, c.NOT_LITERAL):
            if inside:
                return False
        elif op is c.AT:
            if av not in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if not _safe(list(av[1]), inside=True):
                return False
        elif op is c.SUBPATTERN:
            if not _safe(list(av[3]), inside):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if not _safe(list(av[2]), inside):
                return False
        elif op is c.ATOMIC_GROUP:
            if not _safe(list(av), inside):
                return False
        elif op is c.BRANCH:
            if not all(_safe(list(b), inside) for b in av[1]):
                return False
        elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
            if inside:
                return False  # what the group holds is not known here
            if op is c.GROUPREF_EXISTS and not all(
                    _safe(list(b), inside) for b in av[1:] if b is not None):
                return False
        else:
            return False  # anything else: not proven
    return True


def _set_without_space(items: list[Any]) -> bool:
    """True when a character class can match no white-space character."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.LITERAL:
            if chr(av) in _SPACE:
                return False
        elif op is c.RANGE:
            lo, hi = av
            if any(lo <= ord(ch) <= hi for ch in _SPACE):
                return False
        elif op is c.CATEGORY:
            # letters, digits and "_" are never white space; \s, \S, \W, \D and the
            # rest may be
            if av not in (c.CATEGORY_WORD, c.CATEGORY_DIGIT):
                return False
        else:
            return False  # a negated class, or anything else
    return True
