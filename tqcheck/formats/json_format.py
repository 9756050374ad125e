"""JSON: the run signature and every frame, for machines and for reproducing a run."""

from __future__ import annotations

import json
from typing import Any

from ..report import Report

BINARY = False


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "signature": report.signature,
        "summary": {**report.counts(), "findings": report.findings.height,
                    "documents": report.documents.height,
                    "stories": report.documents["story"].n_unique() if report.documents.height else 0,
                    **report.stats},
        "findings": report.findings.to_dicts(),
        "scores": report.scores.to_dicts(),
        "segments": report.segments.to_dicts(),
        "documents": report.documents.to_dicts(),
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
