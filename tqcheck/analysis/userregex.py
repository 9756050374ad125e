"""Regular expressions that newsrooms write (residue patterns, house-style forms), with a
time bound.

Python's ``re`` has no time limit, and a pattern such as ``^(a+)+$`` takes time that
doubles with every character of a line it almost matches. User patterns are compiled
with the ``regex`` module (``re``-compatible syntax, its VERSION0) and every match call
gets ``timeout=REGEX_TIMEOUT`` seconds. A call that runs out raises ``RegexTimeout``; the
engine turns it into a finding of the rule that used the pattern, on the document it was
matched against, and the run goes on. A line that timed out once is not tried again with
the same pattern in the run.

Compiling is the costly part of a pattern for a short run: the 99 built-in residue and
house-style patterns took 30-60 ms of a one-story run, more than searching them. So a
pattern also carries what every match of it must contain (``required``: one of a few
literal strings, read from the pattern by a small parser that knows only syntax that
``re`` and ``regex`` read alike and gives up on anything else), and a text that holds
none of them is answered "no match" without searching it. A pattern of the built-in
files (``lazy``: the package's tests compile every one) is compiled only when a text
first holds one of its strings, so an English story never compiles the Arabic footer
patterns; a newsroom's own file is compiled when it loads, as before, so that a bad
pattern is still reported at its line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Seconds one search may take. The built-in patterns need well under a millisecond on
# the longest line of the devset.
REGEX_TIMEOUT = 1.0


class RegexTimeout(Exception):
    def __init__(self, pattern: str, source: str, text: str) -> None:
        super().__init__(pattern, source, text)
        self.pattern, self.source, self.text = pattern, source, text

    def describe(self) -> str:
        shown = self.pattern if len(self.pattern) <= 80 else self.pattern[:77] + "..."
        return (f"the regular expression {shown!r} ({self.source}) took more than "
                f"{REGEX_TIMEOUT:g} s on one line and was stopped")


class UserPattern:
    """A compiled user pattern: ``search`` and ``finditer`` as in ``re``, time-bounded.
    ``rx`` is the ``regex`` pattern (compiled on first use when ``lazy``)."""

    __slots__ = ("_rx", "pattern", "flags", "source", "needs", "_slow")

    def __init__(self, pattern: str, flags: int = 0, source: str = "", lazy: bool = False) -> None:
        self.pattern, self.flags, self.source = pattern, flags, source
        self.needs = required(pattern, flags)
        self._rx: Any = None
        self._slow: set[str] = set()
        if not lazy or self.needs is None:
            self._compile()

    def _compile(self) -> Any:
        import regex

        self._rx = regex.compile(self.pattern, self.flags)
        return self._rx

    @property
    def rx(self) -> Any:
        return self._rx if self._rx is not None else self._compile()

    @property
    def compiled(self) -> bool:
        return self._rx is not None

    def may_match(self, text: str) -> bool:
        """False when ``text`` holds none of the strings every match needs (then no
        search of it, or of any part of it, can match)."""
        needs = self.needs
        if needs is None:
            return True
        if self.flags & IGNORECASE:
            text = folded(text)
        return any(n in text for n in needs)

    def _timeout(self, text: str) -> RegexTimeout:
        self._slow.add(text)
        return RegexTimeout(self.pattern, self.source, text)

    def search(self, text: str) -> Any:
        if not self.may_match(text):
            return None
        if text in self._slow:
            raise RegexTimeout(self.pattern, self.source, text)
        try:
            return self.rx.search(text, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            raise self._timeout(text) from None

    def finditer(self, text: str) -> list[Any]:
        if not self.may_match(text):
            return []
        if text in self._slow:
            raise RegexTimeout(self.pattern, self.source, text)
        try:
            return list(self.rx.finditer(text, timeout=REGEX_TIMEOUT))
        except TimeoutError:
            raise self._timeout(text) from None


def compile_user(pattern: Any, flags: int = 0, source: str = "", lazy: bool = False) -> UserPattern:
    """Compile; ValueError with the reason for anything that is not a valid pattern.
    ``lazy``: the pattern is known to be valid (a built-in one), compile it on first use."""
    import regex

    if not isinstance(pattern, str):
        raise ValueError(f"must be a string (a regular expression), not {type(pattern).__name__}")
    try:
        return UserPattern(pattern, flags, source, lazy)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc


IGNORECASE = 2  # regex.I == re.I


def table_lines(text: str, table: str) -> list[int]:
    """1-based lines of every ``[[table]]`` header in TOML ``text``, in one pass (a
    loader that looked each one up again read a 60-pattern file 60 times)."""
    import re

    head = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    return [lineno for lineno, line in enumerate(text.splitlines(), 1) if head.match(line)]


# -- what every match needs ------------------------------------------------------------

# Case-insensitive matching is regex's own (simple case folding, and its Unicode tables,
# which may be newer than Python's: a capital added to Unicode after the lower-case
# letter, a whole new cased script). So ``str.casefold`` cannot stand for it. Instead each
# character of a case-insensitive pattern's required strings is entered, with every
# character regex matches to it, and to those in turn, into ``_CASES``, all mapped to the
# least of them; a text is translated through that table. A character regex matches to
# a required one is then the same after translation, and a required string found in the
# text ignoring case is a substring of the translated text (tests/test_start.py checks
# the table's source, regex's ``get_all_cases``, against regex's matching for every
# cased character).
_CASES: dict[int, str] = {}
_last_fold: tuple[str, str] = ("", "")


def _enter_cases(chars: str) -> bool:
    """Enter ``chars`` and their case relatives into ``_CASES``; False when this regex
    does not tell its case relations (then no case-insensitive shortcut is taken)."""
    global _last_fold
    try:
        import regex
        from regex._regex import get_all_cases  # type: ignore[import-not-found]
    except ImportError:
        return False
    flags = int(regex.IGNORECASE | regex.UNICODE)
    for ch in chars:
        if ord(ch) in _CASES:
            continue
        group, todo = {ord(ch)}, [ord(ch)]
        while todo:  # the closure: regex's relation is not always transitive (I, i, İ)
            try:
                more = set(get_all_cases(flags, todo.pop())) - group
            except Exception:  # noqa: BLE001 - another regex's internals: no shortcut
                return False
            group |= more
            todo.extend(more)
        if not group.isdisjoint(_CASES):
            # reached from a character entered before, but not the other way round: a
            # one-way relation would make the table depend on the order of entry
            return False
        least = chr(min(group))
        _CASES.update(dict.fromkeys(group, least))
        _last_fold = ("", "")  # a text folded before may fold otherwise now
    return True


def fold(text: str) -> str:
    """``text`` with every character entered in ``_CASES`` replaced by the least of its
    case relatives (character by character, so a part of a text folds to a part)."""
    return text.translate(_CASES)


def folded(text: str) -> str:
    """``fold(text)``, kept for the last text: a line is tried by every residue pattern
    in turn."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    out = fold(text)
    _last_fold = (text, out)
    return out


class _Unknown(Exception):
    """Syntax the parser below does not read (it then proves nothing)."""


# Escapes that match one character of a class, and zero-width escapes: the same in re
# and regex. Any other letter or digit after a backslash (\p{..}, \N{..}, \x41, a group
# number, regex's \m, \G, \L<..>) is not read.
_CLASS_ESCAPES = frozenset("dDsSwW")
_ZERO_ESCAPES = frozenset("bBAZ")
_PLAIN = re.compile(r"[^\\\[(.^$*+?{|)]+")  # characters _atom reads as themselves


@lru_cache(maxsize=4096)  # one answer per pattern: a file's patterns, parsed once
def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` (compiled with ``flags``) contains at
    least one, folded (``fold``) when the pattern ignores case; None when none is proven.

    Read: literal characters and escaped punctuation, ``. ^ $``, the escapes
    ``\\d \\s \\w \\b`` (and their capitals, ``\\A \\Z``), classes ``[...]`` without
    nested brackets, groups ``(...)``, ``(?:...)``, ``(?P<name>...)``, look-arounds,
    alternation and the quantifiers ``? * + {m} {m,} {m,n} {,n}`` (lazy or possessive).
    Anything else (inline flags, Unicode properties, back-references, POSIX classes,
    regex's fuzzy ``{e<=1}``, flags other than IGNORECASE) gives None, as does a
    pattern that matches without any literal (``\\d+``)."""
    if flags & ~IGNORECASE:
        return None
    try:
        need, end = _alternation(pattern, 0)
    except (_Unknown, IndexError, ValueError):
        return None
    if end != len(pattern) or not need:
        return None
    if flags & IGNORECASE:
        if not _enter_cases("".join(need)):
            return None
        need = {fold(n) for n in need}
    return tuple(sorted(need))


def _alternation(p: str, i: int) -> tuple[set[str] | None, int]:
    """Branches separated by "|" up to ")" or the end: the union of what each needs."""
    branches = []
    while True:
        need, i = _sequence(p, i)
        branches.append(need)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        break
    if any(b is None for b in branches):
        return None, i
    return set().union(*branches), i  # type: ignore[arg-type]


def _sequence(p: str, i: int) -> tuple[set[str] | None, int]:
    """Items up to "|", ")" or the end. Runs of single literal characters make strings;
    of every string or set some item needs, the one whose shortest string is longest
    is kept (any one is true; the longest is the rarest)."""
    found: list[set[str]] = []
    run = ""
    n = len(p)
    while i < n and p[i] not in "|)":
        plain = _PLAIN.match(p, i)
        if plain:  # plain characters (the common case, read at once), but a repeated last one
            j = plain.end()
            if j < n and p[j] in "*+?{":
                j -= 1
            if j > i:
                run += p[i:j]
                i = j
                continue
        kind, need, i = _atom(p, i)
        low, i = _quantifier(p, i)
        if kind == "zero" and low != -1:
            raise _Unknown  # a quantified anchor or look-around
        if kind == "char" and low == -1:
            run += need  # type: ignore[operator]
            continue
        if run:
            found.append({run})
            run = ""
        if kind == "char" and low >= 1:
            found.append({need})  # type: ignore[arg-type]
        elif kind == "group" and need and (low == -1 or low >= 1):
            found.append(need)  # type: ignore[arg-type]
    if run:
        found.append({run})
    if len(found) < 2:
        return (found[0] if found else None), i
    return max(found, key=lambda s: min(map(len, s))), i


def _atom(p: str, i: int) -> tuple[str, Any, int]:
    """("char", the character, next) for a literal; ("group", needs, next) for a group;
    ("any", None, next) for a class or "."; ("zero", None, next) for an anchor or a
    look-around."""
    c = p[i]
    if c == "(":
        if p.startswith("(?", i):
            for head in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
                if p.startswith(head, i):
                    break
            else:
                if p.startswith("(?P<", i):
                    close = p.index(">", i)
                    name = p[i + 4:close]
                    if not name.isidentifier():
                        raise _Unknown
                    head = p[i:close + 1]
                else:
                    raise _Unknown  # inline flags, comments, branch reset, ...
            need, j = _alternation(p, i + len(head))
            if p[j] != ")":
                raise _Unknown
            if head in ("(?:",) or head.startswith("(?P<"):
                return "group", need, j + 1
            return "zero", None, j + 1
        need, j = _alternation(p, i + 1)
        if p[j] != ")":
            raise _Unknown
        return "group", need, j + 1
    if c == "[":
        return "any", None, _class_end(p, i)
    if c == "\\":
        e = p[i + 1]
        if e in _CLASS_ESCAPES:
            return "any", None, i + 2
        if e in _ZERO_ESCAPES:
            return "zero", None, i + 2
        if e.isascii() and not e.isalnum() and e.isprintable() and e != " ":
            return "char", e, i + 2
        raise _Unknown
    if c == ".":
        return "any", None, i + 1
    if c in "^$":
        return "zero", None, i + 1
    if c in "*+?{":
        raise _Unknown  # a quantifier with nothing to repeat
    return "char", c, i + 1


def _class_end(p: str, i: int) -> int:
    """The index after the "]" closing the class that opens at ``i``."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if p[j] == "]":
        raise _Unknown  # "[]...]": read differently by different engines
    while p[j] != "]":
        c = p[j]
        if c == "[":
            raise _Unknown  # a nested set or a POSIX class ([[:alpha:]])
        if c == "\\":
            e = p[j + 1]
            if not (e in _CLASS_ESCAPES or (e.isascii() and not e.isalnum() and e != " ")):
                raise _Unknown
            j += 2
            continue
        if p.startswith(("&&", "||", "--", "~~"), j):
            raise _Unknown  # set operations in regex's other version
        j += 1
    return j + 1


def _quantifier(p: str, i: int) -> tuple[int, int]:
    """The least number of repeats of the quantifier at ``i`` (-1: none there), and the
    index after it (and after a lazy "?" or possessive "+")."""
    if i >= len(p):
        return -1, i
    c = p[i]
    if c in "*?":
        low, i = 0, i + 1
    elif c == "+":
        low, i = 1, i + 1
    elif c == "{":
        close = p.find("}", i)
        body = p[i + 1:close] if close != -1 else ""
        lo, comma, hi = body.partition(",")
        if close == -1 or not (lo.isdigit() or (comma and (lo == "" or lo.isdigit())))\
                or not (hi == "" or hi.isdigit()) or not (lo.isascii() and hi.isascii()) \
                or (lo == "" and hi == ""):
            raise _Unknown  # not a plain repeat count: regex may read it as fuzzy matching
        low = int(lo) if lo else 0
        if hi and int(hi) < low:
            raise _Unknown
        i = close + 1
    else:
        return -1, i
    if i < len(p) and p[i] in "?+":
        i += 1
    if i < len(p) and p[i] in "*+?{":
        raise _Unknown  # a repeat of a repeat
    return low, i
