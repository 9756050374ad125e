"""Regular expressions that newsrooms write (residue patterns, house-style forms), with a
time bound.

Python's ``re`` has no time limit, and a pattern such as ``^(a+)+$`` takes time that
doubles with every character of a line it almost matches. User patterns are compiled
with the ``regex`` module (``re``-compatible syntax, its VERSION0) and every match call
gets ``timeout=REGEX_TIMEOUT`` seconds. A call that runs out raises ``RegexTimeout``; the
engine turns it into a finding of the rule that used the pattern, on the document it was
matched against, and the run goes on. A line that timed out once is not tried again with
the same pattern in the run.
"""

from __future__ import annotations

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
    """A compiled user pattern: ``search`` and ``finditer`` as in ``re``, time-bounded."""

    __slots__ = ("rx", "pattern", "source", "_slow")

    def __init__(self, pattern: str, flags: int = 0, source: str = "") -> None:
        import regex

        self.rx: Any = regex.compile(pattern, flags)
        self.pattern, self.source = pattern, source
        self._slow: set[str] = set()

    def _timeout(self, text: str) -> RegexTimeout:
        self._slow.add(text)
        return RegexTimeout(self.pattern, self.source, text)

    def search(self, text: str) -> Any:
        if text in self._slow:
            raise RegexTimeout(self.pattern, self.source, text)
        try:
            return self.rx.search(text, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            raise self._timeout(text) from None

    def finditer(self, text: str) -> list[Any]:
        if text in self._slow:
            raise RegexTimeout(self.pattern, self.source, text)
        try:
            return list(self.rx.finditer(text, timeout=REGEX_TIMEOUT))
        except TimeoutError:
            raise self._timeout(text) from None


def compile_user(pattern: Any, flags: int = 0, source: str = "") -> UserPattern:
    """Compile; ValueError with the reason for anything that is not a valid pattern."""
    import regex

    if not isinstance(pattern, str):
        raise ValueError(f"must be a string (a regular expression), not {type(pattern).__name__}")
    try:
        return UserPattern(pattern, flags, source)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc


IGNORECASE = 2  # regex.I == re.I


def table_lines(text: str, table: str) -> list[int]:
    """1-based lines of every ``[[table]]`` header in TOML ``text``, in one pass (a
    loader that looked each one up again read a 60-pattern file 60 times)."""
    import re

    head = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    return [lineno for lineno, line in enumerate(text.splitlines(), 1) if head.match(line)]
