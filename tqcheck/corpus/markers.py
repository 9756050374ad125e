"""The inline marker syntax editors write to accept a finding (the engine applies
them, ``tqcheck/engine/suppress.py``; TQ006 checks their rule words; the HTML loader
keeps them where a page's comments are dropped)::

    <!-- tqcheck: ignore TQ301, TQ402 (reason) -->
    <!-- tqcheck: ignore-file TQ101 -->
"""

from __future__ import annotations

import re

MARKER_RE = re.compile(
    r"<!--[ \t]*tqcheck:[ \t]*(?P<kind>ignore-file|ignore)(?![\w-])(?P<body>.*?)-->",
    re.IGNORECASE | re.DOTALL,
)
# A rule word in any script: a typo typed in Cyrillic or full-width letters (or a bare
# number) is a word that names no rule, so the marker accepts nothing for it (and TQ006
# reports it); it must not vanish and leave a bare ``ignore`` that accepts everything.
RULE_WORD_RE = re.compile(r"[^\W_][\w-]*")
