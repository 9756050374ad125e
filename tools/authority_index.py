"""Rebuild the prebuilt index of the built-in name authority.

    python tools/authority_index.py

writes ``tqcheck/analysis/names/authority-index.jsonl`` from ``rules/data/names``
(see the end of ``tqcheck/analysis/names/authority.py``). Run it after editing the
built-in authority files or the way the index is built; tests/test_start.py fails
until the shipped index is the one built from the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqcheck.analysis.names import authority  # noqa: E402


def main() -> int:
    data = authority.build_index([ROOT / "rules" / "data" / "names"])
    authority.INDEX.write_bytes(data)
    print(f"{authority.INDEX} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
