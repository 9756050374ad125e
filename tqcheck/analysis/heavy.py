"""numpy where it pays for its import.

Importing numpy takes about 0.1 s, more than checking a short story: a one-story run
(``tqcheck seeds/``) would spend a sixth of its time on it. The vectorised paths that
need numpy (language-profile sums, word-list arrays, passage-repeat bounds, alignment
tables, bulk BLEU and chrF counts, rapidfuzz's ``cdist``) each have a plain path that
gives the same results (``tests/test_start.py`` compares them), and take it for a small
input while the process has not imported numpy; a large input, or any input once numpy
is loaded (the import is then paid), takes the vectorised one. So a small run never
imports numpy and a large one imports it once, early.
"""

from __future__ import annotations

import sys


def numpy_loaded() -> bool:
    """Has this process imported numpy already (so that using it costs nothing more)?"""
    return "numpy" in sys.modules
