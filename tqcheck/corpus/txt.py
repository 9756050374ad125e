"""Plain text and Markdown files.

The declared language comes from a file-name suffix (``report.fr.txt``) or from a
front-matter block at the top of the file::

    ---
    lang: fr
    story: new-start-talks
    translation_of: report.en.txt
    ---

Front matter is not checked as text; line numbers still count its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..analysis import langs
from . import ROLES, Document, decode, encoding_of, normalise_newlines, read_then

_FRONT_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def lang_from_name(path: Path) -> str | None:
    """``report.fr.txt`` -> ``fr``; ``notes.old.txt`` -> None (not a language code)."""
    stem_suffix = Path(path.stem).suffix
    return langs.normalise(stem_suffix[1:]) if stem_suffix else None


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Front-matter keys and the length of the block (0 when there is none)."""
    m = _FRONT_RE.match(text)
    if not m:
        return {}, 0
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        km = _KEY_RE.match(line)
        if km:
            meta[km.group(1).lower().replace("-", "_")] = km.group(2).strip("\"'")
    return meta, m.end()


def from_text(doc_id: str, text: str, source: str | None = None,
              lang: str | None = None) -> Document:
    """A Document from already-decoded text (used by loaders and rule examples)."""
    text, newline = normalise_newlines(text)
    meta, cut = parse_front_matter(text)
    doc = Document(id=doc_id, text=text[cut:], source=source, newline=newline,
                   raw_prefix=text[:cut], line_offset=text[:cut].count("\n"))
    doc.lang = langs.normalise(meta.get("lang") or meta.get("language")) or lang
    doc.story = meta.get("story") or None
    doc.title = meta.get("title") or None
    for role in ROLES:
        if meta.get(role):
            doc.role, doc.of = role, meta[role]
    doc.meta = meta
    if doc.of is not None:
        line = next((n for n, ln in enumerate(text[:cut].split("\n"), 1)
                     if ln.lower().replace("-", "_").startswith(doc.role or "")), 1)
        doc.meta = {**meta, "role_where": (doc_id, line), "role_raw": doc.of}
    return doc


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes, lang_from_name(path))


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    """The Document of a file's bytes (``path`` names it: language suffix, source)."""
    text, bom, problem = decode(data)
    if problem is None:
        doc = from_text(shown, text, source=str(path), lang=lang_from_name(path))
        doc.bom = bom
        doc.encoding = encoding_of(data)[0]
        if doc.of and "/" not in doc.of and "/" in shown:
            # a role names a sibling file by its name: make it a document id
            doc.of = shown.rsplit("/", 1)[0] + "/" + doc.of
        yield doc
        return
    yield Document(id=shown, text="", source=str(path), problem=problem,
                   lang=lang_from_name(path))
