"""Baselines: accept the findings a repository has today, fail only on new ones.

``tqcheck --write-baseline tqcheck-baseline.json news/`` records every current
finding; ``tqcheck --baseline tqcheck-baseline.json news/`` (or ``baseline = "..."``
in the config) then reports only findings that are not in it.

Method. A finding is keyed by its story, its document path, its rule id and the
flagged text with white space collapsed, never by line or column: an edit elsewhere
in the article, or re-wrapping the paragraph, does not make an accepted finding new.
Keys are counted, so an article that had a misspelt name twice and now has it three
times shows one new finding. Article-level findings (empty flagged text) are keyed by
story, path and rule alone: the message is left out of the key on purpose, because
messages carry scores and detected values that move with every edit.

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

from .errors import TQError
from .report import Report

FORMAT_VERSION = 1
Key = tuple[str, str, str, str]


def key(row: dict[str, Any]) -> Key:
    return (row["story"], row["path"], row["rule_id"], " ".join((row["text"] or "").split()))


def entries(report: Report) -> list[dict[str, Any]]:
    counts = Counter(key(r) for r in report.findings.to_dicts())
    return [{"story": s, "path": p, "rule": r, "text": t, "count": n}
            for (s, p, r, t), n in sorted(counts.items())]


def write(report: Report, path: Path) -> int:
    """Record the report's findings in ``path``; returns the number of findings recorded."""
    data = {"tqcheck_baseline": FORMAT_VERSION, "tqcheck": report.signature.get("tqcheck"),
            "entries": entries(report)}
    from . import atomic

    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return report.findings.height


def read(path: Path) -> Counter[Key]:
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
            k = (str(e["story"]), str(e["path"]), str(e["rule"]), str(e["text"]))
            n = int(e.get("count", 1))
        except (TypeError, KeyError, ValueError) as exc:
            raise TQError(f"baseline entry {i + 1} needs story, path, rule, text and count",
                          shown, 1) from exc
        counts[k] += n
    return counts


def apply(report: Report, path: Path) -> Report:
    """The report with the findings recorded in ``path`` removed, and the counts in stats."""
    from .report import FINDINGS_SCHEMA, frame

    left = read(path)
    kept: list[dict[str, Any]] = []
    suppressed = 0
    for row in report.findings.to_dicts():  # in the report's (sorted) order: deterministic
        k = key(row)
        if left[k] > 0:
            left[k] -= 1
            suppressed += 1
        else:
            kept.append(row)
    gone = sum(n for n in left.values() if n > 0)
    stats = {**report.stats, "suppressed_by_baseline": suppressed, "baseline_entries_gone": gone}
    return replace(report, findings=frame(kept, FINDINGS_SCHEMA), stats=stats)
