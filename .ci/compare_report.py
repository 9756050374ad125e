"""Compare a JSON report with the reviewed expected one.

Library versions inside signatures (``version:2.6.0``, ``langdetect 1.0.9``) may differ
on a new machine and are masked; everything else must be equal. On a difference the
script prints a unified diff and exits 1. To accept a reviewed change::

    tqcheck --format json -o .ci/expected/seeds.json seeds/
"""

from __future__ import annotations

import difflib
import json
import re
import sys


def normalise(path: str) -> str:
    data = json.loads(open(path, encoding="utf-8").read())
    data.get("signature", {}).pop("sacrebleu", None)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    text = re.sub(r"version:[0-9][\w.]*", "version:*", text)
    return re.sub(r"(langdetect|tqcheck\") [0-9][\w.]*", r"\1 *", text)


def main() -> int:
    expected, actual = normalise(sys.argv[1]), normalise(sys.argv[2])
    if expected == actual:
        print(f"report matches {sys.argv[1]}")
        return 0
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                               sys.argv[1], sys.argv[2]))
    return 1


if __name__ == "__main__":
    sys.exit(main())
