"""Rebuild the prebuilt data of the built-in rule and data files.

    python tools/toml_index.py

writes ``tqcheck/toml-index.jsonl`` from ``rules/*.toml`` and the TOML files of ``rules/data/`` (see
``tqcheck/tomlindex.py``). Run it after editing a built-in rule or data file;
tests/test_start.py fails until the shipped index is the one built from the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqcheck import tomlindex  # noqa: E402


def main() -> int:
    files = tomlindex.builtin_files(ROOT / "rules")
    data = tomlindex.build(files).encode("utf-8")
    tomlindex.INDEX.write_bytes(data)
    indexed = len(data.splitlines()) - 1
    print(f"{tomlindex.INDEX} ({len(data):,} bytes, {indexed} of {len(files)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
