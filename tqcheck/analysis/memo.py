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

import os
from collections.abc import Callable, Hashable, Iterator
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


# --- The memos' memory budget ---------------------------------------------------------
#
# Every memo is bounded, but a bound is reached only when an archive has shown the memo
# that many distinct words, names or sentences: at 10,000 articles the word memos of
# transliteration, stems, language detection and sacrebleu's tokenisers were still
# filling, and the process grew by some 90 MB from the first tenth of the run to the
# last (tools/benchmarks/bench_scale.py). So the run also holds them to a budget of
# resident memory: once the process holds more than ``BUDGET_MB`` after a story, the
# per-item memos are emptied, and they fill again with what the next stories use. A
# memo is only a shortcut (the same call gives the same answer whether or not it is
# remembered, as when a bounded memo drops its oldest entries), so the findings do not
# change; what the emptying costs is the recomputation of what was dropped.
#
# 400 MB, the default (a newsroom sets its own with ``memory-budget`` or ``--memory-budget``:
# ``set_budget``): a one-job run of that benchmark holds about 380 MB after its first 1,000
# articles of 25 languages, some 210 MB of which are the word lists, language
# profiles, name models and libraries every run loads; the budget leaves the memos
# room for a few hundred stories' words. A run that never reaches it (most runs)
# never empties a memo. Measured on its 3,000 articles (one job, in-process, budget
# set to 360 MB to see several emptyings): the peak fell from 414 to 373 MB, the
# resident size stayed within 355-373 MB over the last two thirds of the run (it rose
# 364 -> 413 MB there without the budget), CPU 153.0 against 152.5 s.
BUDGET_MB = DEFAULT_BUDGET_MB = 400
# After an emptying the process may still hold more than the budget: without glibc the
# freed blocks stay with the allocator (``give_back`` cannot hand them back), and with it
# what the run holds apart from the memos may itself be over. So the next emptying waits
# until it holds this much more than just after the last one: otherwise such a process
# would empty its memos after every story. 8 MB: four emptyings in those 3,000 articles
# (without ``give_back``); with 32 MB the size still climbed (355 -> 387 MB) between two.
_STEP_MB = 8
# What counts as a per-item memo: a bound of at least this many entries (words,
# sentences, names). Smaller caches hold loaded models, compiled patterns and tables
# (bounds of 1 to 1,024), which are not emptied.
_PER_ITEM = 4096

_trim_at: float | None = None  # the resident size (MB) that empties the memos next


def set_budget(mb: float | None) -> None:
    """Hold the memos to ``mb`` MB of resident memory from now on (None: the default,
    ``DEFAULT_BUDGET_MB``); the config key ``memory-budget`` and ``--memory-budget``.
    Set before a run's workers are forked, which inherit it. A budget under what the
    loaded models and word lists take (some 210 MB for many languages) empties the memos
    after nearly every story: slower, the same findings."""
    global BUDGET_MB, _trim_at
    mb = DEFAULT_BUDGET_MB if mb is None else mb
    # every run sets it: the same budget again keeps where the emptying had got to
    if mb != BUDGET_MB:
        BUDGET_MB, _trim_at = mb, None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_mb() -> float | None:
    """The resident size of this process in MB, or None where ``/proc`` does not give
    it (then the memos are held to their bounds alone)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * _PAGE / 1048576


def trim() -> bool:
    """Empty the per-item memos (``clear_memos``) when the process holds more than
    ``BUDGET_MB``; True when it did. Called after each story by the run loop, in the
    process that checked it."""
    global _trim_at
    rss = resident_mb()
    if rss is None:
        return False
    if _trim_at is None:
        _trim_at = float(BUDGET_MB)
    if rss < _trim_at:
        return False
    clear_memos()
    give_back()
    _trim_at = max(_trim_at, (resident_mb() or rss) + _STEP_MB)
    return True


_malloc_trim: Any = None  # glibc's, found on first use; False where there is none


def give_back() -> bool:
    """Hand the memory the allocator holds free back to the system (glibc's
    ``malloc_trim``); True when it could be asked. Emptied memos free their blocks to
    the C allocator, which keeps them, in the middle of its heap, for later requests:
    the memos filling again reuse some, and the process grew after each emptying
    (from 356 to 364 to 372 MB after three emptyings, corpus3000 held to 360 MB). Given
    back, it fell by some 30 MB at each (361 -> 330 MB) and stayed there. On corpus10000
    (in-process, 400 MB): a peak of 400 MB instead of 425, 14 emptyings instead of 4
    (the memos fill up to the budget again sooner from the lower size), about 2% more
    CPU. A system without glibc (musl, macOS) keeps the blocks; nothing else changes."""
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = False
        try:
            import ctypes

            fn = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            return False
        fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
        _malloc_trim = fn
    if _malloc_trim is False:
        return False
    _malloc_trim(0)  # (0: keep no free memory at the heap's top either)
    return True


def caches(prefixes: tuple[str, ...] = ("tqcheck.",)) -> Iterator[tuple[str, Any]]:
    """(name, cache) of every memo of the loaded modules whose names start with one
    of ``prefixes``: ``bounded`` memos and ``lru_cache``s (anything with
    ``cache_parameters`` and ``cache_clear``), each under the module that defines it
    (not where it is imported), and the ``__call__`` caches of the classes a module
    defines (sacrebleu's tokenisers). In name order."""
    import sys

    for name in sorted(k for k in list(sys.modules) if k.startswith(prefixes)):
        module = sys.modules.get(name)
        for attr, obj in sorted(vars(module).items()) if module is not None else ():
            if isinstance(obj, type):
                if obj.__module__ != name:
                    continue
                obj, attr = obj.__dict__.get("__call__"), f"{attr}.__call__"
            owner = getattr(obj, "__self__", None)
            if isinstance(owner, Memo):
                obj, home = owner, owner.__wrapped__.__module__
            else:
                home = getattr(obj, "__module__", None)
            if home == name and hasattr(obj, "cache_parameters") and hasattr(obj, "cache_clear"):
                yield f"{name}.{attr}", obj


def clear_memos() -> list[str]:
    """Empty every per-item memo (a bound of at least ``_PER_ITEM`` entries) of the
    package and of sacrebleu's tokenisers (whose caches hold up to 65,536 whole
    segments each); gives their names, in order. Found by walking the loaded modules
    (``caches``), so a memo added to the package is covered without being listed here
    (tests/test_memory.py checks that none is missed)."""
    done: list[str] = []
    for name, cache in caches(("tqcheck.", "sacrebleu.tokenizers.")):
        if (cache.cache_parameters()["maxsize"] or 0) >= _PER_ITEM:
            cache.cache_clear()
            done.append(name)
    return done
