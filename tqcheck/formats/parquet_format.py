"""Parquet: the findings frame in FILE, the other frames beside it.

``--output run.parquet`` writes ``run.parquet`` (findings), ``run.scores.parquet``,
``run.segments.parquet`` and ``run.documents.parquet``: every frame keeps its schema.
"""

from __future__ import annotations

from pathlib import Path

from ..report import Report

BINARY = True


def write(report: Report, path: Path) -> None:
    stem = path.with_suffix("")
    report.findings.write_parquet(path)
    for name in ("scores", "segments", "documents"):
        getattr(report, name).write_parquet(stem.with_name(f"{stem.name}.{name}.parquet"))
