"""CSV: the findings frame, one row per finding, every column of the schema."""

from __future__ import annotations

from ..report import Report

BINARY = False


def render(report: Report) -> str:
    return report.findings.write_csv()
