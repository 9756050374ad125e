"""Per-rule fixtures: ``tests/fixtures/<RULE_ID>/`` holds a small story (text files,
optionally a ``config.toml``) and ``expected.json``, the findings of that rule alone,
reviewed like a snapshot. Paths in ``expected.json`` are relative to the fixture folder.

Write or refresh a fixture's expected findings after reviewing them::

    python tests/fixture_support.py TQ301 [TQ302 ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEYS = ("path", "line", "column", "end_line", "end_column", "text", "severity", "related_path")


def findings(rule_id: str) -> list[dict]:
    from tqcheck.engine.config import Config, load
    from tqcheck.engine import run

    folder = FIXTURES / rule_id
    cfg_file = folder / "config.toml"
    cfg = load(cfg_file) if cfg_file.is_file() else Config()
    cfg.select = [rule_id]
    report = run([str(folder)], cfg)
    prefix = str(folder) + "/"
    out = []
    for row in report.findings.to_dicts():
        row = {k: row[k] for k in KEYS}
        for k in ("path", "related_path"):
            if row[k] and row[k].startswith(prefix):
                row[k] = row[k][len(prefix):]
        out.append(row)
    return out


def main(ids: list[str]) -> None:
    for rule_id in ids:
        got = findings(rule_id)
        (FIXTURES / rule_id / "expected.json").write_text(
            json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{rule_id}: {len(got)} findings written")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1:])
