"""tqcheck: translation-quality and consistency checks for multilingual news.

The public API is small and cheap to import (heavy libraries load lazily):

    from tqcheck import check
    report = check(["seeds/"])
    report.findings   # polars DataFrame, one row per finding
    report.scores     # polars DataFrame, one row per scored pair of versions
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report


def check(paths: list[str], config: Any = None) -> "Report":
    """Check the files and folders in ``paths`` and return a Report."""
    from .config import Config
    from .engine import run

    return run(paths, config if config is not None else Config())


__all__ = ["__version__", "check"]
