"""Which files a folder walk passes over: exclude patterns and ``.gitignore``, as ruff does.

``exclude`` (config key or ``--exclude``) replaces the default patterns below;
``extend-exclude`` adds to them. Patterns are globs with ``.gitignore`` semantics
(the ``pathspec`` library): ``drafts/`` is any folder named drafts, ``*.bak`` any file
ending so, ``archive/2019/*.md`` is anchored at the folder the pattern comes from (the
config file's folder for config keys, the working folder for the command line and the
defaults). A folder that matches is not entered.

``.gitignore`` files are respected by default (``respect-gitignore = false`` turns it
off): those of the repository the walk is in, from its root (the nearest folder above
with a ``.git``) down to each file, nested ones too, and ``.git/info/exclude``; a deeper
file's patterns, ``!negations`` included, win over a shallower one's. Outside a
repository the ``.gitignore`` files from the walked folder down apply. A file ignored
by git is usually build output, a local draft or a download, not an article to publish.

A file named on the command line is checked even when a pattern or ``.gitignore``
matches it (as ruff does), unless ``force-exclude`` is set, which is what the
pre-commit hook that passes staged file names wants. A folder named on the command
line is walked even when it is excluded itself (``tqcheck build/``); inside it the
patterns count from that folder and only the ``.gitignore`` files in it apply.

Hidden files and folders (``.git``, ``.venv``, ``.cache``) are never walked; this does
not depend on the patterns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The defaults, replaced by ``exclude``: tool and build folders, and the documents every
# repository carries beside its content (README, LICENSE, ...), which are not articles
# though they may be Markdown or text. Upper and lower case are both listed because
# gitignore patterns are case-sensitive and both spellings are common.
DEFAULT_EXCLUDE = (
    "node_modules/", "__pycache__/", "venv/", "site-packages/", "build/", "dist/", "_build/",
    "_site/",
    "README*", "readme*", "Readme*", "LICENSE*", "LICENCE*", "license*", "licence*",
    "COPYING*", "NOTICE*", "AUTHORS*", "CHANGELOG*", "CHANGES*", "changelog*",
    "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "CODEOWNERS",
)


def _spec(lines: list[str]) -> Any:
    """``pathspec.GitIgnoreSpec.from_lines(lines)``; patterns that are names with ``*``
    (the defaults above, a typical ``.gitignore``) are matched without importing
    pathspec (``_Names``)."""
    names = _Names.of(lines)
    if names is not None:
        return names
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _Names:
    """A gitignore spec whose every pattern is one name, maybe with ``*`` wildcards, maybe
    anchored (``/artifacts/``), maybe for folders only (``build/``): ``README*``,
    ``*.egg-info/``, ``CODEOWNERS``. Importing pathspec and compiling its expressions
    took 20-30 ms of a one-story run, for a rule as plain as this: a path is matched
    when one of its parts is (a part before the last is a folder; the last only when
    the path ends with "/"), the first part only for an anchored pattern, and ``*``
    stands for any run of characters within a part. Anything else (``**``, ``?``,
    classes, escapes, ``!`` negation, white space, a "/" inside the pattern) goes to
    pathspec. tests/test_start.py compares both on generated patterns and paths."""

    __slots__ = ("rules", "lines", "_full")

    def __init__(self, rules: list[tuple[bool, bool, list[str]]], lines: list[str]) -> None:
        self.rules = rules  # (anchored, folders only, the name split at "*")
        self.lines = lines
        self._full: Any = None  # pathspec's spec, for a path with an empty part

    @classmethod
    def of(cls, lines: list[str]) -> _Names | None:
        rules = []
        for line in lines:
            if not line or line.startswith("#"):
                continue
            if any(c in line for c in "\\!?[]{}") or "**" in line or any(c.isspace() for c in line):
                return None
            anchored = line.startswith("/")
            name = line[1:] if anchored else line
            folders = name.endswith("/")
            name = name[:-1] if folders else name
            if not name or "/" in name or name in (".", ".."):
                return None
            rules.append((anchored, folders, name.split("*")))
        return cls(rules, list(lines))

    def match_file(self, path: str) -> bool:
        folder = path.endswith("/")
        parts = path.rstrip("/").split("/")
        if "" in parts or "." in parts or ".." in parts:  # not a path a walk makes ("",
            # "/", "a//b", "./a"): pathspec decides
            return bool(self._pathspec().match_file(path))
        last = len(parts) - 1
        for anchored, folders, pieces in self.rules:
            for i, part in enumerate(parts):
                if anchored and i:
                    break
                if folders and i == last and not folder:
                    continue
                if _glob(pieces, part):
                    return True
        return False

    def check_file(self, path: str) -> Any:
        """What ``_check`` reads of pathspec's answer: ``include`` is True for a match,
        else None (no pattern here negates)."""
        return _Checked(True if self.match_file(path) else None)

    def _pathspec(self) -> Any:
        if self._full is None:
            import pathspec

            self._full = pathspec.GitIgnoreSpec.from_lines(self.lines)
        return self._full


class _Checked:
    __slots__ = ("include",)

    def __init__(self, include: bool | None) -> None:
        self.include = include


def _glob(pieces: list[str], name: str) -> bool:
    """``name`` matches the pattern that is ``pieces`` joined by ``*``."""
    if len(pieces) == 1:
        return name == pieces[0]
    first, last = pieces[0], pieces[-1]
    if len(name) < len(first) + len(last) or not name.startswith(first) or not name.endswith(last):
        return False
    at, end = len(first), len(name) - len(last)
    for piece in pieces[1:-1]:
        found = name.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True


@dataclass
class PathFilter:
    """Exclude patterns, each group with the folder it is anchored at, and git's rules."""

    groups: list[tuple[Path, list[str]]] = field(
        default_factory=lambda: [(Path.cwd(), list(DEFAULT_EXCLUDE))])
    respect_gitignore: bool = True
    force: bool = False  # force-exclude: explicit files too
    _specs: list[tuple[str, Any]] = field(default_factory=list, repr=False)
    _git: dict[str, Any] = field(default_factory=dict, repr=False)
    _roots: dict[str, str | None] = field(default_factory=dict, repr=False)
    _chains: dict[tuple[str, str], list[tuple[str, Any]]] = field(default_factory=dict, repr=False)
    _named: dict[str, bool] = field(default_factory=dict, repr=False)  # walk root excluded?

    def __post_init__(self) -> None:
        self._specs = [(os.path.abspath(base), _spec(pats)) for base, pats in self.groups if pats]

    def excluded(self, path: Path, is_dir: bool, walk_root: Path) -> bool:
        """Whether the walk passes over ``path`` (a file or folder below ``walk_root``).

        A folder named on the command line is walked even when a pattern or
        ``.gitignore`` excludes it (``tqcheck build/`` means it); inside it, the patterns
        then count from that folder, and only the ``.gitignore`` files in it apply."""
        full = os.path.abspath(path)
        root = os.path.abspath(walk_root)
        if root not in self._named:
            self._named[root] = self._match(root, True, root, None)
        if self._named[root]:
            return self._match(full, is_dir, root, root, only_root=True)
        return self._match(full, is_dir, root, None)

    def excludes_named(self, path: Path) -> bool:
        """Whether ``force-exclude`` drops a file named on the command line."""
        full = os.path.abspath(path)
        return self._match(full, False, os.path.dirname(full), None)

    def _match(self, full: str, is_dir: bool, walk_root: str, git_from: str | None,
               only_root: bool = False) -> bool:
        for base, spec in self._specs:
            rel = (None if only_root else _relative(full, base)) or _relative(full, walk_root)
            if rel and spec.match_file(rel + ("/" if is_dir else "")):
                return True
        if not self.respect_gitignore:
            return False
        return self._git_ignored(full, is_dir, git_from or walk_root, git_from is not None)

    def _git_ignored(self, full: str, is_dir: bool, walk_root: str, here: bool = False) -> bool:
        root = walk_root if here else (self._repo_root(walk_root) or walk_root)
        if not _relative(full, root):
            return False
        verdict: bool | None = None
        info = None if here else self._gitignore(os.path.join(root, ".git", "info", "exclude"))
        if info is not None:
            verdict = _check(info, _relative(full, root) or "", is_dir, verdict)
        for folder, spec in self._chain(os.path.dirname(full), root):
            verdict = _check(spec, _relative(full, folder) or "", is_dir, verdict)
        return bool(verdict)

    def _chain(self, folder: str, root: str) -> list[tuple[str, Any]]:
        """The ``.gitignore`` files that apply in ``folder``, from ``root`` down; memoised
        per folder, so a deep tree costs one lookup per folder, not one per level."""
        key = (folder, root)
        if key in self._chains:
            return self._chains[key]
        todo = []
        cur = folder
        while (cur, root) not in self._chains:
            todo.append(cur)
            if cur == root or not _relative(cur, root):
                break
            cur = os.path.dirname(cur)
        base = self._chains.get((cur, root), []) if todo[-1] != cur else []
        for d in reversed(todo):
            spec = self._gitignore(os.path.join(d, ".gitignore"))
            base = [*base, (d, spec)] if spec is not None else base
            self._chains[(d, root)] = base
        return self._chains[key]

    def _repo_root(self, start: str) -> str | None:
        if start not in self._roots:
            found = None
            for d in (start, *map(str, Path(start).parents)):
                if os.path.exists(os.path.join(d, ".git")):
                    found = d
                    break
            self._roots[start] = found
        return self._roots[start]

    def _gitignore(self, path: str) -> Any:
        if path not in self._git:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    self._git[path] = _spec(fh.read().splitlines())
            except OSError:  # none there, or unreadable: git would not apply it either
                self._git[path] = None
        return self._git[path]


def _check(spec: Any, rel: str, is_dir: bool, verdict: bool | None) -> bool | None:
    res = spec.check_file(rel + ("/" if is_dir else ""))
    return verdict if res.include is None else bool(res.include)


def _relative(full: str, base: str) -> str | None:
    if full == base:
        return None
    prefix = base.rstrip(os.sep) + os.sep
    if not full.startswith(prefix):
        return None
    return full[len(prefix):].replace(os.sep, "/")
