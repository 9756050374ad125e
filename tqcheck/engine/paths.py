"""Where a document lives, for matching: baselines and per-path ignores.

Reports show a document's path as it was typed (``news/a.en.txt``, ``../news/a.en.txt``,
``/srv/site/news/a.en.txt``, ``./news/a.en.txt``), which is what an editor recognises.
Matching cannot use that form: the same file would be a different key from another
working folder, and a baseline or a ``[per-path-ignores]`` glob would silently stop
working. So matching uses the document's *location*:

* the **project root** is the folder of the config file in use (``tqcheck.toml`` or
  ``pyproject.toml``); without a config file (``--isolated``, or none found), the
  working folder;
* a file inside the root is located by its path relative to the root, in ``/`` form
  without ``./`` (``news/a.en.txt``), whatever folder tqcheck runs from and however
  the path was typed;
* a file outside the root is located by its absolute path (``/srv/other/a.en.txt``);
* a record of a JSON Lines feed is located by its record id (unique in a run), and
  per-path ignores also match its feed file's location, so ``"feeds/archive.jsonl"``
  ignores rules for every record of that feed.

The folders above a file are resolved (a link to the project from elsewhere, such as
``/tmp`` on macOS, gives the same location); the file name itself is not, so a linked
article keeps its own name. A ``[per-path-ignores]`` glob that starts with ``/`` is
matched against absolute paths, any other against root-relative ones (a leading
``./`` is dropped). Globs use ``fnmatch``: ``*`` also crosses ``/``.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Document


def project_root(config: Any) -> Path:
    """The folder locations are relative to: the config file's folder, else the working one."""
    root = getattr(config, "root", None)
    return Path(root) if root is not None else Path.cwd()


@functools.lru_cache(maxsize=4096)  # one lookup per folder, not per file, in a large run
def _real_dir(path: str) -> str:
    return os.path.realpath(path)


def absolute(path: str) -> str:
    """``path`` made absolute from the working folder, ``..`` and ``./`` removed and the
    folders above it resolved; ``/``-separated."""
    p = os.path.abspath(path)
    head, tail = os.path.split(p)
    if tail:
        p = os.path.join(_real_dir(head), tail)
    else:  # pragma: no cover - the root folder itself
        p = os.path.realpath(p)
    return Path(p).as_posix()


def location(path: str, root: Path) -> str:
    """The matching form of a file path: relative to ``root`` when inside it, else absolute."""
    from ..corpus import clean_id

    trailing = "/" if path.endswith(("/", os.sep)) and len(path) > 1 else ""
    p = absolute(path.rstrip("/" + os.sep) or path)
    r = Path(os.path.realpath(root)).as_posix()
    try:
        rel = PurePosixPath(p).relative_to(r).as_posix()
    except ValueError:
        return clean_id(p) + trailing
    return clean_id(rel) + trailing if rel != "." else "."


@dataclass(frozen=True)
class Location:
    relative: str  # the key: root-relative path, absolute path outside root, or feed record id
    absolute: str | None  # the file's absolute path (the feed file's for a record)
    feed: str | None = None  # a feed record: its feed file's location


def of_document(doc: "Document", root: Path) -> Location:
    if doc.meta.get("feed_line") is not None and doc.source:
        return Location(doc.id, absolute(doc.source), location(doc.source, root))
    if not doc.source:
        return Location(doc.id, None)  # a text held in memory (tqcheck.check_texts)
    src = doc.source
    if doc.id.endswith("/") and not src.endswith("/"):
        src += "/"
    return Location(location(src, root), absolute(src.rstrip("/") or src))


def locations(docs: "list[Document]", root: Path) -> dict[str, Location]:
    return {d.id: of_document(d, root) for d in docs}


def _norm_glob(glob: str) -> str:
    while glob.startswith("./"):
        glob = glob[2:]
    return glob


def glob_matches(glob: str, loc: Location) -> bool:
    """Does a ``[per-path-ignores]`` glob name this document?"""
    glob = _norm_glob(glob)
    if glob.startswith("/"):
        return loc.absolute is not None and fnmatch.fnmatchcase(loc.absolute, glob)
    if fnmatch.fnmatchcase(loc.relative, glob):
        return True
    return loc.feed is not None and fnmatch.fnmatchcase(loc.feed, glob)


def key_path(path: str, root: Path) -> str:
    """A path written in a baseline file, in matching form: relative ones are taken from
    the project root (``./`` and ``..`` removed), absolute ones inside the root made
    relative. A feed record id without ``/`` is left as it is."""
    if os.path.isabs(path):
        return location(path, root)
    if "/" not in path and "\\" not in path:
        return path
    norm = os.path.normpath(os.path.join(os.path.realpath(root), path))
    return location(norm, root)
