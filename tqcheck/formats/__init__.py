"""Output formats. One module per format; each receives only the Report.

A format module defines ``BINARY`` (True when it needs an output file) and
``render(report) -> str | bytes``, or ``write(report, path)`` for formats that write
several files. No check prints; only formats produce output.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS = ("table", "csv", "json", "jsonl", "parquet", "html", "sarif", "github", "junit")


def get(name: str) -> ModuleType:
    if name not in FORMATS:
        raise LookupError(name)
    return importlib.import_module(f"{__name__}.{name}_format")
