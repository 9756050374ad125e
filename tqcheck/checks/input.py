"""Files that could not be checked: unreadable, empty, binary, wrongly encoded, or of a
format tqcheck does not read.

The loader never drops a file: it records a ``Problem`` on the Document, and this kind
reports it, so a run over a folder tells editors about every file it could not read
while it goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Document
from .base import Hit

SCOPE = "article"
OPTIONS = {"problem": "unreadable"}  # which Problem.code this rule reports
CODES = ("unreadable", "empty", "binary", "undecodable", "unsupported")


def validate(options: dict, rule: object) -> None:
    if options["problem"] not in CODES:
        raise ValueError(f"problem must be one of {', '.join(CODES)}", "problem")


def check(doc: Document, options: dict, ctx: object) -> Iterator[Hit]:
    p = doc.problem
    if p is not None and p.code == options["problem"]:
        yield Hit(0, 0, fields={"problem": p.message}, value=float(p.offset))
