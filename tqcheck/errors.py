"""Errors that stop a run: bad configuration, a broken rule file, a bad command line.

Each carries a location so that the message reads ``path:line: message`` and an editor
can jump to it. Problems with *input* files are not errors: they become findings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


class TQError(Exception):
    """A usage, configuration or rule error; the CLI prints it and exits with 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line or 1}: {self.message}"


def line_of_key(text: str, key: str, after_line: int = 1) -> int:
    """Best-effort 1-based line where ``key = ...`` (or ``[key]``) is written in TOML text.

    tomllib does not report positions of parsed values, so semantic errors (an unknown
    key, a bad regular expression) are located by finding the key in the source.
    """
    quoted = re.compile(rf"""^\s*(?:["']{re.escape(key)}["']\s*=|\[+[^\]]*["']{re.escape(key)}["']\s*\]+)""")
    for n, line in enumerate(text.splitlines(), 1):
        if n >= after_line and quoted.match(line):
            return n  # a quoted key that holds dots: "a.en.txt" = ..., [files."a.en.txt"]
    bare = key.split(".")[-1]
    pattern = re.compile(
        rf"""^\s*(?:["']?{re.escape(bare)}["']?\s*=|\[+\s*[\w."' -]*{re.escape(bare)}["']?\s*\]+)"""
    )
    for n, line in enumerate(text.splitlines(), 1):
        if n >= after_line and pattern.match(line):
            return n
    return after_line


def toml_decode_line(exc: Exception) -> int:
    """The line number tomllib puts in its error message, or 1."""
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) if m else 1


def read_toml(path: Path, what: str) -> tuple[str, dict[str, Any]]:
    """Text and data of a TOML file; any problem is a TQError at ``path:line``.

    ``what`` names the file for the message ("config", "rule file", "story manifest").
    """
    from . import tomlindex  # (the built-in files' data is prebuilt)

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        return text, tomlindex.loads(text)
    except OSError as exc:
        raise TQError(f"cannot read {what}: {exc.strerror}", shown, 1) from exc
    except UnicodeDecodeError as exc:
        raise TQError(f"{what} is not UTF-8", shown, 1) from exc
    except tomlindex.decode_error() as exc:
        raise TQError(f"invalid TOML: {exc}", shown, toml_decode_line(exc)) from exc
