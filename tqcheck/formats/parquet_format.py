"""Parquet: the findings frame in FILE, the other frames beside it.

``--output run.parquet`` writes ``run.parquet`` (findings), ``run.scores.parquet``,
``run.segments.parquet`` and ``run.documents.parquet``: every frame keeps its schema.
"""

from __future__ import annotations

from pathlib import Path

from ..report import Report

BINARY = True


def write(report: Report, path: Path) -> None:
    """Each file atomically (tqcheck/atomic.py); all four are staged before any is renamed."""
    from .. import atomic

    stem = path.with_suffix("")
    targets = [(path, report.findings)] + [
        (stem.with_name(f"{stem.name}.{name}.parquet"), getattr(report, name))
        for name in ("scores", "segments", "documents")]
    staged = []
    try:
        for target, df in targets:
            staged.append(atomic.stage(target, writer=df.write_parquet))
    except BaseException:
        for s in staged:
            s.discard()
        raise
    atomic.commit_all(staged)
