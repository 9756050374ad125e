"""The built-in rule and data files, parsed once when the package is built.

Python's TOML reader is written in Python: parsing the 50 built-in rule files and the
residue, house-style, glossary and names data (150 KB, mostly the rules' descriptions and
examples) took about 20 ms of a one-story run. Their parsed contents ship beside this
module (``toml-index.jsonl``, built by ``tools/toml_index.py``): a header line, then
one line per file, the sha256 of its text, a tab, and its data as JSON, which Python
reads in C. ``loads(text)`` answers from the index only for a text that hashes to a
line's key, so it is the data of exactly those bytes; any other text (a newsroom's
rule, an edited copy of a built-in one) is parsed by ``tomllib`` as before, with its
errors and their lines. A file whose data JSON cannot hold exactly (a date, a float
that is not finite) is left out of the index. tests/test_start.py fails until the
shipped index is the one built from the files.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

INDEX = Path(__file__).with_name("toml-index.jsonl")
FORMAT = 1


def key(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def _entries() -> dict[str, str]:
    try:
        lines = INDEX.read_text(encoding="utf-8").split("\n")
        if json.loads(lines[0]).get("format") != FORMAT:
            return {}
        return dict(line.split("\t", 1) for line in lines[1:] if line)
    except (OSError, ValueError):
        return {}


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``; read from the index when ``text`` is a built-in file's.
    (Each call returns new objects, as tomllib's do, so a caller may change them.)"""
    entry = _entries().get(key(text))
    if entry is not None:
        return json.loads(entry)  # type: ignore[no-any-return]
    import tomllib  # (imported only for a file not in the index)

    return tomllib.loads(text)


def indexed(text: str) -> bool:
    """True when ``text`` is a built-in file's (its data is in the index)."""
    return key(text) in _entries()


def decode_error() -> type[Exception]:
    """``tomllib.TOMLDecodeError``, for an ``except`` clause (evaluated only when an
    exception is matched, so a run that parses no TOML does not import tomllib)."""
    import tomllib

    return tomllib.TOMLDecodeError


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)


def build(files: list[Path]) -> str:
    """The index of ``files`` (TOML, read as the loaders read them: UTF-8, a BOM dropped)."""
    import tomllib

    lines = [json.dumps({"format": FORMAT})]
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
        try:
            dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):
            continue  # a date or an infinite float: JSON cannot hold it exactly
        if _same(json.loads(dumped), data):
            lines.append(f"{key(text)}\t{dumped}")
    return "\n".join([lines[0], *sorted(set(lines[1:]))]) + "\n"


def builtin_files(rules: Path) -> list[Path]:
    """The files indexed: the rules and the TOML data files in the built-in folder."""
    return sorted([*rules.glob("*.toml"), *(rules / "data").glob("*.toml"),
                   *(rules / "data" / "names").glob("*.toml")])
