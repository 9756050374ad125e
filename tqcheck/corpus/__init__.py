"""The corpus model: Documents (one version of an article) and Stories (its versions).

Inputs are files and folders. Folders are walked recursively in sorted order, skipping
hidden entries (``.git``, ``.venv``, ...) and tool folders; inside folders only files
with a known format are read, while a file named on the command line is always read.
One loader module per format turns bytes into Documents (``txt.py`` for plain text and
Markdown, ``jsonl.py`` for CMS feeds); adding a format means adding a module and a line
to ``LOADERS``, nothing in the engine.

A file that cannot be read, is empty, binary or not valid text still becomes a
Document, carrying a ``problem``; the ``input`` check kind turns it into a finding
and no other check looks at it. Nothing is dropped silently.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..text import LineIndex

# File suffix -> loader module in this package.
LOADERS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".markdown": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SKIP_DIRS = {"node_modules", "__pycache__", "venv", "site-packages"}
MANIFEST = "story.toml"
ROLES = ("translation_of", "reference_of")


@dataclass(eq=False)
class Problem:
    """Why a file could not be checked: code is one of the ``input`` rule options."""

    code: str  # unreadable | empty | binary | undecodable
    message: str
    offset: int = 0  # byte offset for undecodable files


@dataclass(eq=False)
class Document:
    id: str  # the path as reports show it (posix), or the feed id
    text: str  # normalised: no BOM, "\n" line ends
    lang: str | None = None  # declared language, normalised (langs.normalise)
    story: str | None = None  # explicit story id, if declared
    title: str | None = None
    role: str | None = None  # "translation_of" or "reference_of"
    of: str | None = None  # the document id the role points at
    source: str | None = None  # file the document came from
    problem: Problem | None = None
    line_offset: int = 0  # lines before the text in its file (front matter)
    newline: str = "\n"  # the file's own line ending, restored by --fix
    bom: bool = False
    raw_prefix: str = ""  # front matter as written, restored by --fix
    meta: dict[str, Any] = field(default_factory=dict)
    _index: LineIndex | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset, as in the original file."""
        if self._index is None:
            self._index = LineIndex(self.text)
        line, col = self._index.position(offset)
        return line + self.line_offset, col


@dataclass(eq=False)
class Story:
    id: str
    documents: list[Document]
    explicit: bool = False

    def by_id(self, doc_id: str) -> Document | None:
        for d in self.documents:
            if d.id == doc_id:
                return d
        return None


def _walk(root: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith(".") or e.name in SKIP_DIRS:
            continue
        if e.is_dir(follow_symlinks=False):
            yield from _walk(Path(e.path))
        elif Path(e.name).suffix.lower() in LOADERS and (e.is_file() or e.is_symlink()):
            # a link to a folder is not followed (no loops); a broken link to an
            # article is still yielded, so that it is reported as unreadable
            if not (e.is_symlink() and e.is_dir()):
                yield Path(e.path)


def _display(arg: str, path: Path, root: Path) -> str:
    if path == root:
        return PurePosixPath(Path(arg)).as_posix()
    rel = path.relative_to(root).as_posix()
    base = PurePosixPath(Path(arg)).as_posix()
    return rel if base in ("", ".") else f"{base}/{rel}"


def load(paths: Iterable[str]) -> list[Document]:
    """Read every input into Documents, in a deterministic order."""
    from . import manifest

    docs: list[Document] = []
    seen: set[Path] = set()
    for arg in paths:
        root = Path(arg)
        if root.is_dir():
            files = list(_walk(root))
            manifests = manifest.find(root)
        elif root.exists() or root.is_symlink():
            files = [root]
            manifests = manifest.find_for_file(root)
        else:
            docs.append(
                Document(id=arg, text="", source=arg,
                         problem=Problem("unreadable", "no such file or folder"))
            )
            continue
        for f in files:
            key = f.resolve()
            if key in seen:
                continue
            seen.add(key)
            shown = _display(arg, f, root)
            loader = importlib.import_module(f"{__name__}.{LOADERS.get(f.suffix.lower(), 'txt')}")
            for doc in loader.load(f, shown):
                manifest.apply(doc, f, manifests)
                docs.append(doc)
    return docs


def read_bytes(path: Path) -> tuple[bytes | None, Problem | None]:
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Problem("unreadable", exc.strerror or str(exc))


def decode(data: bytes) -> tuple[str, bool, Problem | None]:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Returns (text, had_bom, problem). Text that is empty or only white space, that
    holds NUL bytes without a UTF-16 BOM (binary), or that is not valid UTF-8 is a
    problem; the offset of the first bad byte is kept for the finding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
        enc = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc, bom = "utf-16", True
    else:
        enc, bom = "utf-8", False
    if enc == "utf-8" and b"\x00" in data:
        first = data.index(b"\x00")
        return "", bom, Problem("binary", f"it holds NUL bytes (the first at byte {first})", first)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        hint = f"; it looks like {guess}" if guess else ""
        return "", bom, Problem(
            "undecodable",
            f"not valid {enc.upper()} at byte {exc.start}{hint}: re-save the file as UTF-8",
            exc.start,
        )
    if not text.strip():
        return "", bom, Problem("empty", "file is empty" if not text else "file holds only white space")
    return text, bom, None


def _guess_encoding(data: bytes) -> str | None:
    """Name a likely legacy encoding for the message (never used to decode silently)."""
    for enc in ("cp1252", "cp1251", "cp1256", "iso-8859-8"):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    return None


def normalise_newlines(text: str) -> tuple[str, str]:
    """Text with ``\\n`` line ends, and the line ending the file used."""
    if "\r" not in text:
        return text, "\n"
    newline = "\r\n" if "\r\n" in text else "\r"
    return text.replace("\r\n", "\n").replace("\r", "\n"), newline
