"""A regular expression compiled when a text first needs it.

Python compiles a module's patterns when the module is imported. Most of the package's
patterns are small, but a few are long alternations or classes of tens of thousands of
code points that take milliseconds each, for text that a run may never meet (number
words with scales, clock times with a.m./p.m., CJK numerals, Han and Hangul runs in an
English story). ``Lazy(pattern, flags)`` stands for ``re.compile(pattern, flags)`` and
compiles on the first search: the same matches, paid for only by a run that needs them.
tests/test_start.py checks that a one-story English run leaves them uncompiled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class Lazy:
    """``re.compile(pattern, flags)`` on first use (``finditer``, ``search``, ``sub``, ...).

    The first call compiles and puts the compiled pattern's own methods on the instance,
    so later calls go straight to them (a text's quantities call these per sentence)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._rx: re.Pattern[str] | None = None

    @property
    def compiled(self) -> bool:
        return self._rx is not None

    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            rx = self._rx = re.compile(self.pattern, self.flags)
            # (instance attributes shadow the methods below; the types are re's own)
            self.finditer = rx.finditer  # type: ignore[method-assign, assignment]
            self.search = rx.search  # type: ignore[method-assign, assignment]
            self.findall = rx.findall  # type: ignore[method-assign, assignment]
            self.sub = rx.sub  # type: ignore[method-assign, assignment]
        return self._rx

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.rx().finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx().search(text)

    def findall(self, text: str) -> list[Any]:
        return self.rx().findall(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.rx().sub(repl, text)
