"""The C library's allocator in a long run: freed heap pages given back (glibc).

Python serves objects of up to 512 bytes from its own arenas; anything larger comes
from the C library's ``malloc``: the hash tables of the memos (a full 65,536-entry
memo's tables are about 2 MB: ``analysis/memo.py``, ``functools.lru_cache``), a
document's text, the language detector's row tables, a story's temporary lists and
arrays. A run replaces the tables again and again (a memo starts a new generation, a
full ``lru_cache`` rebuilds its table once its deleted slots are used up).

glibc serves these blocks from one heap, which it gives back to the system only from
its top; it maps a block apart only above a threshold that it raises to the size of
every mapped block freed (up to 32 MiB). So the tables come from the heap too, and
each one freed leaves a hole that the next, slightly larger or smaller, only partly
reuses while blocks that live on settle around it. The holes' pages stay resident:
in a 3,000-article run the heap's free space grew from 10 to 33 MB while what it held
stayed at 115-120 MB, and resident memory kept rising after the memos were full
(about 6 MB per 1,000 articles late in a 10,000-article run).

``malloc_trim(0)`` gives the free pages inside the heap back to the system (they stay
the heap's: a page used again is a fresh zero page). ``settle`` does it once before
the stories, and ``story_done`` every ``TRIM_EVERY`` stories after. Keeping large
blocks out of the heap instead (a fixed ``M_MMAP_THRESHOLD``) also flattened the curve,
but every large temporary of a story then came as fresh pages from the system: twice
the system time, 2-3% of the run's CPU; a trim costs a walk of the heap's free lists.
The answers never depend on either.

Only the ``tqcheck`` command does it (``cli.entry`` calls ``allow``: the command owns
its process, as for its garbage collector's threshold; Python callers of ``cli.main``
or ``tqcheck.check`` keep their process as it is), only for a run of at least
``MIN_STORIES`` stories (a short run ends before holes matter, and does not import
``ctypes``), and only where the C library is glibc (other C libraries keep their heaps
differently, and nothing is called there). Each worker process of ``--jobs`` (forked
after ``settle``) trims its own heap after its own stories.
"""

from __future__ import annotations

import os
from typing import Any

# a trim every 25 stories (about 100 articles of the benchmark corpus): less often lets
# holes pile up between trims, more often walks the free lists for little
TRIM_EVERY = 25
# about 200 articles: the heap's holes were a few MB at 50 stories of the 3,000-article
# benchmark corpus and grew from there; below this a run does not pay for ``ctypes``
MIN_STORIES = 50

_allowed = False
_trim: Any = None  # glibc's malloc_trim, once settled
_since = 0  # stories since the last trim


def allow() -> None:
    """The process belongs to the ``tqcheck`` command: ``settle`` may tune its
    allocator."""
    global _allowed
    _allowed = True


def glibc() -> bool:
    """Is the C library glibc (the only one called here)?"""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None  # e.g. "glibc 2.36"
    except (AttributeError, ValueError, OSError):  # not a glibc system
        return False


def settle(stories: int) -> bool:
    """Before a run of ``stories`` stories: when the command allowed it and the run is
    long, give back the heap's free pages now and have ``story_done`` do it as the run
    goes. True when trimming is on (now or since an earlier run of the process)."""
    global _trim
    if _trim is not None:
        return True
    if not _allowed or stories < MIN_STORIES or not glibc():
        return False
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # no malloc_trim to call: the allocator as it is
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)  # what reading the inputs and loading the rules left free
    _trim = trim
    return True


def story_done() -> None:
    """A story is checked: every ``TRIM_EVERY`` stories, the heap's free pages go back
    (nothing unless ``settle`` turned it on)."""
    global _since
    if _trim is None:
        return
    _since += 1
    if _since >= TRIM_EVERY:
        _since = 0
        _trim(0)
