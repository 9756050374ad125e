"""JSON Lines: one finding per line, for log pipelines and jq."""

from __future__ import annotations

import json

from ..report import Report

BINARY = False


def render(report: Report) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in report.findings.to_dicts())
