"""tqcheck: translation-quality and consistency checks for multilingual news.

The public API is small and cheap to import (heavy libraries load lazily):

    from tqcheck import check, check_texts
    report = check(["seeds/"], select=["TQ1", "TQ3"], fail_on="warning")
    report.findings   # polars DataFrame, one row per finding
    report.scores     # polars DataFrame, one row per scored pair of versions

    report = check_texts([
        {"id": "a", "lang": "en", "text": "...", "story": "s1"},
        {"id": "b", "lang": "de", "text": "...", "translation_of": "a"},
    ], ignore=["TQ501"])
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import os
    from collections.abc import Iterable, Mapping

    from .engine.config import Config
    from .report import Report


def _config(config: Any, options: dict[str, Any]) -> "Config":
    """A Config from a Config, a mapping of config keys or None, with ``options`` (config
    keys as keyword arguments, ``fail_on=...``) over it. A mistake raises TQError."""
    from collections.abc import Mapping

    from .engine.config import Config, from_dict
    from .errors import TQError

    if config is not None and not isinstance(config, (Config, Mapping)):
        raise TQError(f"config must be a tqcheck.engine.config.Config or a mapping, not "
                      f"{type(config).__name__}")
    if config is None or isinstance(config, Mapping):
        merged = {**{k.replace("-", "_"): v for k, v in dict(config or {}).items()},
                  **{k.replace("-", "_"): v for k, v in options.items()}}
        return from_dict(merged, "<config>") if merged else Config()
    if not options:
        return config
    import dataclasses

    given = from_dict({k.replace("-", "_"): v for k, v in options.items()}, "<config>")
    return dataclasses.replace(config, **{k.replace("-", "_"): getattr(given, k.replace("-", "_"))
                                          for k in options})


def _baseline(report: "Report", cfg: "Config") -> "Report":
    """The report without the findings the config's ``baseline`` file accepts, as the CLI."""
    if cfg.baseline is None:
        return report
    from .engine import baseline
    from .engine.paths import project_root

    return baseline.apply(report, cfg.baseline, project_root(cfg))


def check(paths: "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]", config: Any = None,
          **options: Any) -> "Report":
    """Check the files and folders in ``paths`` and return a Report (what the CLI prints).

    ``paths`` is one path or a list of them. ``config`` is a ``tqcheck.engine.config.Config``,
    a mapping of config keys as in ``tqcheck.toml`` (``{"select": ["TQ1"]}``), or None
    for the defaults (no config file is read); config keys may also be given as keyword
    arguments, which win: ``check("news/", select=["TQ1"], fail_on="warning")``. A
    mistake raises ``tqcheck.errors.TQError``. A ``baseline`` key applies that baseline
    file, as the CLI does. ``report.exit_code(fail_on)`` is the CLI's exit code.
    """
    import os

    from .engine import run

    cfg = _config(config, options)
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    return _baseline(run([os.fsdecode(p) for p in paths], cfg), cfg)  # type: ignore[arg-type]


def check_texts(texts: "str | Mapping[str, Any] | Iterable[str | Mapping[str, Any]]",
                config: Any = None, **options: Any) -> "Report":
    """Check articles held in memory (a CMS plug-in) and return the same Report.

    ``texts`` is one string, one mapping, or a list of them. A mapping has the fields of a
    JSON Lines feed record: ``text`` (required), ``id``, ``lang``, ``story``, ``title``,
    ``translation_of``, ``reference_of`` (the id of another text). A plain string gets
    the id ``text-N`` (N counts from 1). Versions are grouped into stories as files are:
    by ``story``, by their roles, else automatically. ``config`` and ``options`` as for
    ``check``. A mistake in the texts (an unknown key, a repeated id, a role naming no
    text) raises ``tqcheck.errors.TQError``.
    """
    from .corpus import _check_roles
    from .corpus.grouping import group
    from .corpus.memory import documents
    from .engine import build_rules, run_stories

    cfg = _config(config, options)
    docs = documents(texts)
    _check_roles(docs)
    return _baseline(run_stories(group(docs), cfg, build_rules(cfg)), cfg)


__all__ = ["__version__", "check", "check_texts"]
