"""CSV: the findings frame, one row per finding, every column of the schema.

Streamed (``head``/``rows``): the header, then each story's rows as soon as the story
is checked (``engine.stream``), written by the same polars writer as ``render``, so
the file is the same byte for byte."""

from __future__ import annotations

from typing import Any

from ..report import FINDINGS_SCHEMA, Report, frame

BINARY = False


def head() -> str:
    return frame([], FINDINGS_SCHEMA).write_csv()


def rows(found: list[dict[str, Any]]) -> str:
    return frame(found, FINDINGS_SCHEMA).write_csv(include_header=False) if found else ""


def render(report: Report) -> str:
    return report.findings.write_csv()
