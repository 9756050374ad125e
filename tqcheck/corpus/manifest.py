"""``story.toml``: a folder that holds the versions of one story.

Every file in the folder (and below it) belongs to the story. Per-file tables set what
the file name and front matter cannot::

    id = "new-start-talks"          # optional; default: the folder's path

    [files."report.ar.txt"]
    lang = "ar"
    translation_of = "report.en.txt"

A manifest with an error stops the run with ``story.toml:LINE: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..analysis import langs
from ..errors import TQError, line_of_key, read_toml
from . import MANIFEST, ROLES, Document

_TOP_KEYS = {"id", "files"}
_FILE_KEYS = {"lang", "title", *ROLES}


@dataclass
class Manifest:
    folder: Path
    story: str
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    text: str = ""


def read(path: Path, default_id: str) -> Manifest:
    shown = str(path)
    text, data = read_toml(path, "story manifest")
    for key in data:
        if key not in _TOP_KEYS:
            raise TQError(f"unknown key {key!r} (expected one of: id, files)",
                          shown, line_of_key(text, key))
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise TQError("'files' must be a table of per-file tables", shown, line_of_key(text, "files"))
    for name, table in files.items():
        if not isinstance(table, dict):
            raise TQError(f"files.{name!r} must be a table", shown, line_of_key(text, name))
        for key, value in table.items():
            if key not in _FILE_KEYS:
                raise TQError(f"unknown key {key!r} in files.{name!r} "
                              f"(expected: {', '.join(sorted(_FILE_KEYS))})", shown, line_of_key(text, key))
            if not isinstance(value, str) or not value.strip():
                raise TQError(f"files.{name!r}: {key!r} must be a non-empty string",
                              shown, line_of_key(text, key))
            if key == "lang" and langs.normalise(str(value)) is None:
                raise TQError(f"unknown language code {value!r}", shown, line_of_key(text, key))
    story = data.get("id", default_id)
    if not isinstance(story, str) or not story:
        raise TQError("'id' must be a non-empty string", shown, line_of_key(text, "id"))
    return Manifest(folder=path.parent, story=story, files=files, path=path, text=text)


def find(root: Path) -> list[Manifest]:
    """Every manifest at or below ``root``; deeper ones win for their own files."""
    return read_found(root, list(root.rglob(MANIFEST)))


def read_found(root: Path, paths: list[Path]) -> list[Manifest]:
    """The manifests ``paths`` found below ``root``, deeper ones last."""
    found = []
    for p in sorted(paths):
        if any(part.startswith(".") for part in p.relative_to(root).parts):
            continue
        rel = p.parent.relative_to(root).as_posix()
        default = PurePosixPath(root.as_posix(), rel).as_posix() if rel != "." else root.as_posix()
        found.append(read(p, default.rstrip("/") or "."))
    return sorted(found, key=lambda m: len(m.folder.parts))


def find_for_file(path: Path) -> list[Manifest]:
    m = path.parent / MANIFEST
    return [read(m, path.parent.as_posix())] if m.is_file() else []


def index(manifests: list[Manifest]) -> dict[Path, Manifest]:
    """The manifests by folder, for ``apply``: a file's owner is found by walking up its
    own folders, so a tree with a manifest in every story folder costs each file the
    depth of its path, not the number of manifests."""
    return {m.folder: m for m in manifests}


def apply(doc: Document, path: Path, manifests: dict[Path, Manifest]) -> None:
    """Give ``doc`` the story and per-file settings of the deepest manifest above it
    (``manifests``: ``index(...)``)."""
    owner = next((manifests[d] for d in path.parents if d in manifests), None)
    if owner is None:
        return
    if doc.story is None or doc.meta.get("bilingual"):
        doc.story = owner.story or doc.story
    if doc.meta.get("bilingual"):
        return  # languages and roles are declared inside a bilingual file
    rel = path.relative_to(owner.folder).as_posix()
    table = owner.files.get(rel, {})
    if "lang" in table:
        doc.lang = langs.normalise(str(table["lang"]))
    if "title" in table:
        doc.title = str(table["title"])
    prefix = doc.id[: len(doc.id) - len(rel)] if doc.id.endswith(rel) else ""
    for role in ROLES:
        if role in table:
            doc.role, doc.of = role, prefix + str(table[role])
            table_at = next((n for n, ln in enumerate(owner.text.splitlines(), 1)
                             if ln.lstrip().startswith("[") and (f'"{rel}"' in ln or f"'{rel}'" in ln)), 1)
            line = line_of_key(owner.text, role, table_at)
            doc.meta = {**doc.meta, "role_where": (str(owner.path), line), "role_raw": str(table[role]),
                        "role_base": str(owner.folder)}
