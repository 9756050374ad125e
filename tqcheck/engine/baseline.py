"""Baselines: accept the findings a repository has today, fail only on new ones.

``tqcheck --write-baseline tqcheck-baseline.json news/`` records every current
finding; ``tqcheck --baseline tqcheck-baseline.json news/`` (or ``baseline = "..."``
in the config) then reports only findings that are not in it.

Method. A finding is keyed by its document's location, its rule id and the flagged
text with white space collapsed, never by line or column: an edit elsewhere in the
article, or re-wrapping the paragraph, does not make an accepted finding new. The
location is the path from the project root (the config file's folder, else the
working folder; tqcheck/engine/paths.py), not the path as typed, so a baseline holds when
tqcheck runs from a subfolder, with absolute paths or with ``./`` prefixes; a feed
record is located by its id. Keys are counted, so an article that had a misspelt name
twice and now has it three times shows one new finding. Article-level findings (empty
flagged text) are keyed by location and rule alone: the message is left out of the
key on purpose, because messages carry scores and detected values that move with
every edit. The story is written in the file for readers but is not part of the key:
a story named after its folder or first file would change with the working folder,
and a document belongs to one story anyway.

Applying a baseline returns the report without the accepted findings and records two
counts in ``Report.stats``: ``suppressed_by_baseline`` (findings accepted) and
``baseline_entries_gone`` (recorded occurrences that no longer occur: the problem was
fixed, and the baseline can be rewritten to forget it).

The file is JSON, sorted, one entry per key with its count, so that it reviews well
in a diff::

    {"tqcheck_baseline": 1, "entries": [
      {"story": "...", "path": "...", "rule": "TQ301", "text": "...", "count": 1}]}
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import TQError
from ..report import Report

FORMAT_VERSION = 1
Key = tuple[str, str, str]  # location, rule id, flagged text


def key(row: dict[str, Any], locations: dict[str, str] | None = None) -> Key:
    """A finding's baseline key; ``locations`` (``Report.locations``) maps the path as
    shown to the path from the project root."""
    path = (locations or {}).get(row["path"], row["path"])
    return (path, row["rule_id"], " ".join((row["text"] or "").split()))


def entries(report: Report) -> list[dict[str, Any]]:
    rows = report.findings.to_dicts()
    counts = Counter(key(r, report.locations) for r in rows)
    story: dict[Key, str] = {}
    for r in rows:
        story.setdefault(key(r, report.locations), r["story"])
    return [{"story": story[k], "path": k[0], "rule": k[1], "text": k[2], "count": n}
            for k, n in sorted(counts.items())]


def write(report: Report, path: Path) -> int:
    """Record the report's findings in ``path``; returns the number of findings recorded."""
    data = {"tqcheck_baseline": FORMAT_VERSION, "tqcheck": report.signature.get("tqcheck"),
            "entries": entries(report)}
    from .. import atomic

    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return report.findings.height


def read(path: Path, root: Path | None = None) -> Counter[Key]:
    """The counted keys of a baseline file; its paths are taken from ``root`` (the
    project root; default: the working folder)."""
    from .paths import key_path

    root = root if root is not None else Path.cwd()
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TQError("baseline file not found (create it with --write-baseline FILE)", shown, 1) from exc
    except OSError as exc:
        raise TQError(f"cannot read baseline: {exc.strerror}", shown, 1) from exc
    except UnicodeDecodeError as exc:
        raise TQError("baseline is not UTF-8", shown, 1) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TQError(f"baseline is not valid JSON: {exc.msg}", shown, exc.lineno) from exc
    if not isinstance(data, dict) or data.get("tqcheck_baseline") != FORMAT_VERSION \
            or not isinstance(data.get("entries"), list):
        raise TQError(f"not a tqcheck baseline (version {FORMAT_VERSION}); "
                      "rewrite it with --write-baseline", shown, 1)
    counts: Counter[Key] = Counter()
    for i, e in enumerate(data["entries"]):
        try:
            k = (key_path(str(e["path"]), root), str(e["rule"]), str(e["text"]))
            n = int(e.get("count", 1))
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise TQError(f"baseline entry {i + 1} needs path, rule and text",
                          shown, 1) from exc
        counts[k] += n
    return counts


class Filter:
    """The baseline applied to rows as they come (a streamed run): ``keep(row)`` is False
    for a row the baseline still accepts, in the order rows are given, which is the
    report's order, so it accepts the same rows ``apply`` would."""

    def __init__(self, path: Path, root: Path | None = None,
                 locations: dict[str, str] | None = None) -> None:
        self.left = read(path, root)
        self.locations = locations or {}
        self.suppressed = 0

    def __call__(self, row: dict[str, Any]) -> bool:
        k = key(row, self.locations)
        if self.left[k] > 0:
            self.left[k] -= 1
            self.suppressed += 1
            return False
        return True

    def stats(self) -> dict[str, int]:
        gone = sum(n for n in self.left.values() if n > 0)
        return {"suppressed_by_baseline": self.suppressed, "baseline_entries_gone": gone}


def apply(report: Report, path: Path, root: Path | None = None) -> Report:
    """The report with the findings recorded in ``path`` removed, and the counts in stats.
    ``root``: the project root the recorded paths start from (default: the working folder)."""
    from ..report import FINDINGS_SCHEMA, frame

    keep = Filter(path, root, report.locations)
    # in the report's (sorted) order: deterministic
    kept = [row for row in report.findings.to_dicts() if keep(row)]
    stats = {**report.stats, **keep.stats()}
    return replace(report, findings=frame(kept, FINDINGS_SCHEMA), stats=stats)
