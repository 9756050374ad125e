"""JSON Lines: one finding per line, for log pipelines and jq.

Streamed (``head``/``rows``): a run writes each story's findings as soon as the story
is checked (``engine.stream``); the lines are the same as ``render``'s."""

from __future__ import annotations

import json
from typing import Any

from ..report import Report

BINARY = False


def head() -> str:
    return ""


def rows(found: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found)


def render(report: Report) -> str:
    return rows(report.findings.to_dicts())
