"""CSV and Parquet exports of a CMS: one article per row, the columns of the JSON Lines
feed (``id``, ``story``, ``lang``, ``title``, ``text``, ``translation_of``,
``reference_of``; only ``text`` is required, other columns are ignored).

Each row is read exactly as a feed line is (``jsonl.record``): its id is the ``id``
cell or ``<file>#<n>``, a title is checked as the first paragraph, a row without text
is a finding at that row, a repeated id is reported. Findings are located as in a
feed: under the article's id, at the line and column inside its text.

CSV is read with the standard library's ``csv`` module, after the same decoding as
every text file (UTF-8 with or without BOM, UTF-16/32 with a BOM; anything else is
TQ004 with the first bad byte): unlike a data-frame reader it knows the line of the
file where each record starts (a quoted cell may span lines), which is the ``n`` in
``<file>#<n>``, so an editor finds the row. The delimiter is the one of ``,``, ``;``,
tab and ``|`` that makes a ``text`` column in the header (spreadsheets in many
European locales export with ``;``). Parquet is read with polars (already a
dependency), from the bytes read under the size limit; ``n`` is the 1-based row.
Integer cells (a numeric id) are read as their digits; lists and structs are ignored.

A table without a ``text`` column is not an article export (a data table kept beside
the articles): it is reported as a format tqcheck does not read (TQ005), with its
columns. ``--fix`` never rewrites CSV or Parquet files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import Document, Problem, decode, read_then
from .jsonl import _clean, record

_DELIMITERS = (",", ";", "\t", "|")


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes)


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    if path.suffix.lower() == ".parquet":
        yield from _parquet(data, shown, path)
    else:
        yield from _csv(data, shown, path)


def _no_text(shown: str, path: Path, columns: list[str], kind: str) -> Document:
    cols = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
    return Document(id=shown, text="", source=str(path), problem=Problem(
        "unsupported", f"this {kind} has no \"text\" column, so it is not an article export "
                       f"tqcheck reads (columns: {cols or 'none'}); an export needs at least "
                       "\"text\", and may have id, story, lang, title, translation_of, "
                       "reference_of"))


def _csv(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    text, _bom, problem = decode(data)
    if problem is not None:
        yield Document(id=shown, text="", source=str(path), problem=problem)
        return
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in _DELIMITERS
                      if "text" in (c.strip().strip('"').lower() for c in first.split(d))), ",")
    # a long feature in one cell is longer than csv's default field limit (128 KiB)
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 27))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        yield Document(id=shown, text="", source=str(path),
                       problem=Problem("undecodable", f"line 1 is not valid CSV: {exc}"))
        return
    if "text" not in header:
        yield _no_text(shown, path, header, "CSV file")
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Document(id=f"{shown}#{start}", text="", source=str(path), problem=Problem(
                "undecodable", f"the record at line {start} is not valid CSV: {exc}"))
            break
        n, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        rec = {k: v for k, v in zip(header, row, strict=False) if k and v.strip()}
        yield record(rec, f"{shown}#{n}", shown, path, n, f"the row at line {n}")


def _parquet(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    import polars as pl

    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - polars raises its own errors for each kind of damage
        why = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        yield Document(id=shown, text="", source=str(path), problem=Problem(
            "undecodable", f"not a readable Parquet file: {why}"))
        return
    columns = {c.strip().lower(): c for c in frame.columns}
    if "text" not in columns:
        yield _no_text(shown, path, list(frame.columns), "Parquet file")
        return
    wanted = [c for k, c in columns.items()
              if k in ("id", "story", "lang", "title", "text", "translation_of", "reference_of")]
    for n, row in enumerate(frame.select(wanted).iter_rows(named=True), 1):
        rec: Any = _clean({k.strip().lower(): v for k, v in row.items() if v is not None})
        yield record(rec, f"{shown}#{n}", shown, path, n, f"row {n}")
