"""Bounded memos of one-argument functions, held compactly: ``@bounded(65536)``.

The analyses memoise per word (transliterations, folds, consonant keys, a token's
model units), and in an archive run those memos are full after a few hundred
articles. ``functools.lru_cache`` keeps, beside each key and value, a linked-list
node of its own (about 64 bytes) for the recency order, so that a full 65,536-entry
memo of short strings held some 7.5 MB of bookkeeping for 4 MB of keys. This memo
keeps only dict entries:

* **Two generations.** New entries go into the memo itself (a ``dict``); when it holds
  half the bound, its entries become the *old* generation (the previous old one is
  dropped) and it starts empty. A key found in the old generation comes back into the
  new one. Entries used within the last two generations stay, which is what recency
  bought; at most ``maxsize`` entries are held, in two dicts and no nodes.
* **Hits in C.** The memoised name is the dict's own ``__getitem__`` (bound to the
  memo): a hit is one dict lookup, no Python frame (a little quicker than
  ``lru_cache``); only a miss runs ``__missing__``, which computes the value.

The memoised function is called with one positional, hashable argument, as the
functions it wraps are; its value is whatever the function returns (None included),
and an exception leaves nothing behind. ``cache_info``, ``cache_parameters`` and
``cache_clear`` are the memo's (``name.__self__``), as for ``lru_cache``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_ABSENT = object()


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


class Memo(dict):  # type: ignore[type-arg]
    """The memo of one function (see the module docstring): the new generation is the
    dict itself, the old one ``_old``."""

    __slots__ = ("__wrapped__", "_half", "_misses", "_old", "_promoted", "maxsize")

    def __init__(self, fn: Callable[[Any], Any], maxsize: int) -> None:
        super().__init__()
        if maxsize < 2:
            raise ValueError("a bounded memo holds at least 2 entries")
        self.__wrapped__ = fn
        self.maxsize = maxsize
        self._half = maxsize // 2
        self._old: dict[Any, Any] = {}
        self._misses = 0  # calls that ran the function
        self._promoted = 0  # calls answered by the old generation

    def __missing__(self, key: Any) -> Any:
        value = self._old.get(key, _ABSENT)
        if value is _ABSENT:
            value = self.__wrapped__(key)
            self._misses += 1
        else:
            self._promoted += 1
        if len(self) >= self._half:
            self._old = self.copy()
            self.clear()
        self[key] = value
        return value

    def cache_info(self) -> CacheInfo:
        """Misses are the calls that ran the function. Hits are not counted (a hit is
        a dict lookup with no place to count it): only those answered by the old
        generation are, so ``hits`` is a lower bound."""
        return CacheInfo(self._promoted, self._misses, self.maxsize,
                         len(self) + sum(1 for k in self._old if k not in self))

    def cache_parameters(self) -> dict[str, Any]:
        return {"maxsize": self.maxsize, "typed": False}

    def cache_clear(self) -> None:
        self.clear()
        self._old = {}
        self._misses = self._promoted = 0

    def __repr__(self) -> str:
        return f"<bounded memo of {getattr(self.__wrapped__, '__qualname__', self.__wrapped__)}>"

    # a memo is equal only to itself (a dict compares by contents)
    __eq__ = object.__eq__  # type: ignore[assignment]
    __hash__ = object.__hash__  # type: ignore[assignment]


def bounded(maxsize: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """``@bounded(65536)`` above a one-argument function: the function memoised in a
    ``Memo`` of at most ``maxsize`` entries; the name is the memo's ``__getitem__``."""
    def wrap(fn: Callable[[K], V]) -> Callable[[K], V]:
        return Memo(fn, maxsize).__getitem__

    return wrap
