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
    import os

    from .report import Report


def check(paths: "str | os.PathLike[str] | list[str | os.PathLike[str]]", config: Any = None) -> "Report":
    """Check the files and folders in ``paths`` and return a Report.

    ``paths`` is one path or a list of them. ``config`` is a ``tqcheck.config.Config``,
    a mapping of config keys as in ``tqcheck.toml`` (``{"select": ["TQ1"]}``), or None
    for the defaults. A mistake in it raises ``tqcheck.errors.TQError``.
    """
    import os

    from .config import Config, from_dict
    from .engine import run

    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    paths = [os.fsdecode(p) for p in paths]  # type: ignore[union-attr]
    if config is None:
        config = Config()
    elif not isinstance(config, Config):
        from collections.abc import Mapping

        if not isinstance(config, Mapping):
            from .errors import TQError

            raise TQError(f"config must be a tqcheck.config.Config or a mapping, not "
                          f"{type(config).__name__}")
        config = from_dict(dict(config), "<config>")
    return run(paths, config)


__all__ = ["__version__", "check"]
