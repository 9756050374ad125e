"""JSON Lines feeds, the shape newsroom CMS exports take: one article per line.

Each line is an object with ``text`` and optionally ``id``, ``story``, ``lang``,
``title``, ``translation_of``, ``reference_of``. A document's id is its ``id`` (or
``<file>#<line>``); a title, when present, is checked as the first paragraph. A line
that is not valid JSON or has no text becomes a Document with a problem, located at
that line of the feed, and the rest of the feed is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .. import langs
from . import ROLES, Document, Problem, decode, normalise_newlines, read_bytes


def load(path: Path, shown: str) -> Iterator[Document]:
    data, problem = read_bytes(path)
    text = ""
    if problem is None and data is not None:
        text, _bom, problem = decode(data)
    if problem is not None:
        yield Document(id=shown, text="", source=str(path), problem=problem)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{shown}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document(id=where, text="", source=str(path),
                           problem=Problem("undecodable", f"line {n} is not valid JSON: {exc.msg}"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            yield Document(id=where, text="", source=str(path),
                           problem=Problem("empty", f"line {n} has no \"text\" string"))
            continue
        body, newline = normalise_newlines(rec["text"])
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        if title and not body.lstrip().startswith(title.strip()):
            body = f"{title.strip()}\n\n{body}"
        doc = Document(
            id=str(rec.get("id") or where), text=body, source=str(path), newline=newline,
            lang=langs.normalise(str(rec.get("lang") or "")), title=title,
            story=str(rec["story"]) if rec.get("story") else None, meta={"feed_line": n},
        )
        for role in ROLES:
            if rec.get(role):
                doc.role, doc.of = role, str(rec[role])
        yield doc
