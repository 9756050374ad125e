"""Rebuild the prebuilt index of langdetect's language profiles.

    python tools/lid_profiles.py

writes ``tqcheck/analysis/lid-profiles.txt`` from the profiles of the installed
langdetect (see "The prebuilt profile index" in ``tqcheck/analysis/lid.py``). Run it
after upgrading langdetect or changing the index format; tests/test_start.py fails
until the shipped index is the one built from the installed profiles.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqcheck.analysis import lid  # noqa: E402


def main() -> int:
    data = lid.build_profile_index()
    lid.PROFILE_INDEX.write_bytes(data)
    print(f"{lid.PROFILE_INDEX} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
