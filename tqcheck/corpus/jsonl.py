"""JSON Lines feeds, the shape newsroom CMS exports take: one article per line.

Each line is an object with ``text`` and optionally ``id``, ``story``, ``lang``,
``title``, ``translation_of``, ``reference_of``. A document's id is its ``id`` (or
``<file>#<line>``; a repeated id is reported and that line not checked); a title, when present, is checked as the first paragraph. A line
that is not valid JSON or has no text becomes a Document with a problem, located at
that line of the feed, and the rest of the feed is read: so does a line too deeply
nested for the parser. Lines end at ``\n`` only (U+2028, U+2029 and U+0085 are valid
inside JSON strings), integers of any length are read, and a lone surrogate escape
(``\ud800``) becomes U+FFFD, which TQ302 reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..analysis import langs
from . import ROLES, Document, Problem, clean_id, clean_text, decode, normalise_newlines, read_then


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes)


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    text, _bom, problem = decode(data)
    if problem is not None:
        yield Document(id=shown, text="", source=str(path), problem=problem)
        return
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{shown}#{n}"
        try:
            rec = json.loads(line, parse_int=_int)
        except json.JSONDecodeError as exc:
            yield Document(id=where, text="", source=str(path),
                           problem=Problem("undecodable", f"line {n} is not valid JSON: {exc.msg}"))
            continue
        except RecursionError:
            yield Document(id=where, text="", source=str(path),
                           problem=Problem("undecodable", f"line {n} is nested too deeply to read"))
            continue
        yield record(_clean(rec), where, shown, path, n, f"line {n}")


def record(rec: object, where: str, shown: str, path: Path, n: int, what: str) -> Document:
    """The Document of one feed record (a JSON line, a CSV or Parquet row): ``where`` is
    its location (``file#n``), the id of a record without one; ``what`` names it in
    messages ("line 3", "row 3")."""
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        return Document(id=where, text="", source=str(path),
                        problem=Problem("empty", f"{what} has no \"text\" string"))
    body, newline = normalise_newlines(rec["text"])
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    if title and not body.lstrip().startswith(title.strip()):
        body = f"{title.strip()}\n\n{body}"
    doc = Document(
        id=clean_id(str(rec.get("id") or where)), text=body, source=str(path), newline=newline,
        lang=langs.normalise(str(rec.get("lang") or "")), title=title,
        story=str(rec["story"]) if rec.get("story") else None,
        meta={"feed_line": n, "feed_where": where},
    )
    for role in ROLES:
        if rec.get(role):
            doc.role, doc.of = role, clean_id(str(rec[role]))
            doc.meta["role_where"] = (shown, n)
    return doc


def _int(digits: str) -> int | str:
    # Python refuses to turn more than 4,300 digits into an int (CVE-2020-10735); an id
    # that long is kept as the digits.
    return int(digits) if len(digits) <= 4000 else digits


def _clean(rec: object) -> object:
    """The record's fields as tqcheck reads them: strings without lone surrogates (one for
    one, offsets unchanged); a field that is not a string or a number (a list, a table)
    is left out, as if it were absent."""
    if not isinstance(rec, dict):
        return rec
    out = {}
    for k, v in rec.items():
        if isinstance(v, str):
            out[clean_text(k)] = clean_text(v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out[clean_text(k)] = v
    return out
