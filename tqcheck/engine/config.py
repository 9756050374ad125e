"""Configuration: ``tqcheck.toml`` or ``[tool.tqcheck]`` in ``pyproject.toml``.

Found by walking up from the working directory (the first ``tqcheck.toml``, or the first
``pyproject.toml`` that has a ``[tool.tqcheck]`` table); ``--config FILE`` names one.
Command-line flags override the file. Keys (hyphens or underscores)::

    select = ["TQ1", "name-authority-variant"]      # ids, prefixes or names; default: all enabled
    ignore = ["TQ103"]
    fail-on = "error"                     # error | warning | info | never
    languages = ["en", "ar", "ru"]        # the languages the newsroom publishes in
    distinguish-regions = false           # true: zh-cn and zh-tw are different languages
    rule-dirs = ["house-rules"]           # extra rule folders, relative to this file
    [severity]                            # per-rule severity
    TQ101 = "warning"
    [per-path-ignores]                    # glob on the path from this file's folder -> rules
    "archive/*" = ["TQ3"]
    [options.TQ501]                       # per-rule options
    min_chrf = 25.0
    exclude = ["drafts/"]                 # folder-walk patterns (gitignore globs); replaces
                                          # the defaults (tool and build folders, README...)
    extend-exclude = ["*.bak.md"]         # added to the defaults; both anchored at this file
    respect-gitignore = true              # pass over what .gitignore ignores (default)
    force-exclude = false                 # true: patterns apply to files named explicitly too
    memory-budget = 400                   # MB a process may hold before its memos are emptied

A mistake stops the run with ``file:line: message`` and exit code 2. The same keys are
described as a JSON Schema in ``tqcheck/schema/config.schema.json`` (for editors' TOML
tooling; ``schema()`` returns it), kept in step with ``_KEYS`` by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import langs
from ..analysis.memo import DEFAULT_BUDGET_MB
from . import paths
from ..errors import TQError, line_of_key, read_toml
from .rules import SEVERITIES

FAIL_ON = ("error", "warning", "info", "never")
_KEYS = {"select", "ignore", "fail_on", "languages", "distinguish_regions", "rule_dirs",
         "severity", "per_path_ignores", "options", "baseline", "exclude", "extend_exclude",
         "respect_gitignore", "force_exclude", "memory_budget"}


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    languages: list[str] | None = None
    distinguish_regions: bool = False
    rule_dirs: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    baseline: Path | None = None
    exclude: list[str] | None = None  # None: corpus.exclude.DEFAULT_EXCLUDE
    exclude_base: Path | None = None  # the folder exclude patterns are anchored at
    extend_exclude: list[tuple[Path, list[str]]] = field(default_factory=list)  # (anchor, globs)
    respect_gitignore: bool = True
    force_exclude: bool = False
    memory_budget: int | None = None  # MB (analysis/memo.py); None: its default
    stdin_filename: str | None = None  # command line only: the name standard input stands for
    source: str | None = None  # the file it was read from
    root: Path | None = None  # the project root: the config file's folder (tqcheck/engine/paths.py)
    source_text: str = ""

    def path_filter(self) -> Any:
        """What folder walks pass over (tqcheck/corpus/exclude.py)."""
        from ..corpus.exclude import DEFAULT_EXCLUDE, PathFilter

        pats = list(DEFAULT_EXCLUDE) if self.exclude is None else self.exclude
        groups = [(self.exclude_base or Path.cwd(), pats), *self.extend_exclude]
        return PathFilter(groups=groups, respect_gitignore=self.respect_gitignore,
                          force=self.force_exclude)

    def ignored_for(self, where: "str | paths.Location") -> list[str]:
        """The rules ``[per-path-ignores]`` turns off for a document, given its location
        (tqcheck/engine/paths.py; a plain string is taken as a root-relative path)."""
        loc = where if isinstance(where, paths.Location) else paths.Location(where, None)
        out: list[str] = []
        for pattern, codes in self.per_path_ignores.items():
            if paths.glob_matches(pattern, loc):
                out.extend(codes)
        return out

    def where(self, key: str) -> int:
        return line_of_key(self.source_text, key)


def schema() -> dict[str, Any]:
    """The JSON Schema of the config keys (tqcheck/schema/config.schema.json)."""
    import json
    from importlib import resources

    return json.loads(resources.files("tqcheck").joinpath("schema/config.schema.json")
                      .read_text(encoding="utf-8"))


def discover(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        t = d / "tqcheck.toml"
        if t.is_file():
            return t
        p = d / "pyproject.toml"
        if p.is_file():
            # A pyproject.toml that cannot be read may hold the [tool.tqcheck] the user
            # meant: stop with its error rather than run with the defaults.
            text, data = read_toml(p, "pyproject.toml")
            tool = data.get("tool", {})
            if not isinstance(tool, dict):
                raise TQError("'tool' must be a table", str(p), line_of_key(text, "tool"))
            if "tqcheck" in tool:
                return p
    return None


def _str_list(value: Any, key: str, shown: str, text: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TQError(f"{key!r} must be a list of strings", shown, line_of_key(text, key))
    return list(value)


def _globs(value: Any, key: str, shown: str, text: str) -> list[str]:
    """Exclude patterns: a list of gitignore-style globs; one that cannot be compiled
    stops the run at its key."""
    pats = _str_list(value, key, shown, text)
    import re

    import pathspec

    for p in pats:
        try:
            pathspec.GitIgnoreSpec.from_lines([p])
        except (ValueError, TypeError, re.error) as exc:
            raise TQError(f"{key!r}: bad pattern {p!r}: {exc}", shown, line_of_key(text, key)) from exc
    return pats


def memory_budget(value: Any, what: str, shown: str, line: int | None) -> int:
    """A memory budget in MB: a whole number, at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TQError(f"{what} must be a whole number of MB, at least 1 (default "
                      f"{DEFAULT_BUDGET_MB}), not {value!r}", shown, line)
    return value


def load(path: Path) -> Config:
    shown = str(path)
    text, data = read_toml(path, "config")
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise TQError("'tool' must be a table", shown, line_of_key(text, "tool"))
        data = tool.get("tqcheck", {})
        if not isinstance(data, dict):
            raise TQError("'tool.tqcheck' must be a table: [tool.tqcheck]", shown,
                          line_of_key(text, "tqcheck"))
    cfg = from_dict(data, shown, text, path.parent)
    cfg.root = path.parent.resolve()
    return cfg


def from_dict(data: dict[str, Any], shown: str = "<config>", text: str = "",
              base: Path | None = None) -> Config:
    """A Config from a mapping of config keys (as in the file); TQError on a mistake."""
    if not isinstance(data, dict):
        raise TQError(f"config must be a table of keys, not {type(data).__name__}", shown, 1)
    cfg = Config(source=shown, source_text=text)
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        line = line_of_key(text, raw_key)
        if key not in _KEYS:
            raise TQError(f"unknown config key {raw_key!r} "
                          f"(known: {', '.join(sorted(k.replace('_', '-') for k in _KEYS))})", shown, line)
        if key in ("select", "ignore"):
            setattr(cfg, key, _str_list(value, raw_key, shown, text))
        elif key == "fail_on":
            if not isinstance(value, str) or value not in FAIL_ON:
                raise TQError(f"fail-on must be one of {', '.join(FAIL_ON)}", shown, line)
            cfg.fail_on = value
        elif key == "languages":
            codes = _str_list(value, raw_key, shown, text)
            bad = [c for c in codes if langs.normalise(c) is None]
            if bad:
                raise TQError(f"unknown language code {bad[0]!r}", shown, line)
            cfg.languages = [langs.normalise(c) for c in codes]  # type: ignore[misc]
        elif key in ("distinguish_regions", "respect_gitignore", "force_exclude"):
            if not isinstance(value, bool):
                raise TQError(f"{raw_key!r} must be true or false", shown, line)
            setattr(cfg, key, value)
        elif key in ("exclude", "extend_exclude"):
            pats = _globs(value, raw_key, shown, text)
            if key == "exclude":
                cfg.exclude, cfg.exclude_base = pats, base or Path.cwd()
            else:
                cfg.extend_exclude = [(base or Path.cwd(), pats)]
        elif key == "rule_dirs":
            cfg.rule_dirs = [(base or Path.cwd()) / p for p in _str_list(value, raw_key, shown, text)]
            for d in cfg.rule_dirs:
                if not d.is_dir():
                    raise TQError(f"rule folder not found: {d}", shown, line)
        elif key == "memory_budget":
            cfg.memory_budget = memory_budget(value, f"{raw_key!r}", shown, line)
        elif key == "baseline":
            if not isinstance(value, str):
                raise TQError("'baseline' must be a file path", shown, line)
            cfg.baseline = (base or Path.cwd()) / value
        elif key == "severity":
            if not isinstance(value, dict):
                raise TQError("'severity' must be a table of rule = severity", shown, line)
            for rule, sev in value.items():
                if not isinstance(sev, str) or sev not in SEVERITIES:
                    raise TQError(f"severity of {rule} must be one of {', '.join(SEVERITIES)}",
                                  shown, line_of_key(text, rule))
            cfg.severity = dict(value)
        elif key == "per_path_ignores":
            if not isinstance(value, dict):
                raise TQError("'per-path-ignores' must be a table of glob = [rules]", shown, line)
            cfg.per_path_ignores = {g: _str_list(v, g, shown, text) for g, v in value.items()}
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise TQError("'options' must hold one table per rule: [options.TQ501]", shown, line)
            cfg.options = {k: dict(v) for k, v in value.items()}
    return cfg
