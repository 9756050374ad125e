"""Check kinds: the code behind rules. One module per kind, ``tqcheck/checks/<kind>.py``.

A kind module defines:

* ``SCOPE``: ``"article"`` (``check`` receives one Document) or ``"story"`` (``check``
  receives a Story, all versions of one news item);
* ``OPTIONS``: the options a rule may set, with their defaults (their types are checked
  when rules load);
* ``check(target, options, ctx) -> Iterable[Hit]``: context-free hits;
* optionally ``validate(options, rule)``: raise ``ValueError(message, option_name)``
  for an option value that cannot work (a bad regex, a missing data file).

A check knows nothing about files, configuration or severity: it returns spans and the
fields of the rule's message. The engine (``tqcheck/engine.py``) locates hits and turns
them into findings.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

_KIND_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Hit:
    start: int  # code-point offsets into Document.text
    end: int
    doc: str | None = None  # document id; required for story-scope kinds
    fields: dict[str, Any] = field(default_factory=dict)  # fills the rule's message
    suggestion: str | None = None
    value: float | None = None  # a score, a ratio, a confidence
    related: str | None = None  # id of the other document, for story-scope findings
    related_start: int | None = None
    related_end: int | None = None
    fix: str | None = None  # replacement text that is safe to apply with --fix
    # the exact text that would replace [start, end) if an editor accepts the suggestion
    # (a SARIF fix); None when the suggestion is advice. ``fix`` implies it.
    replacement: str | None = None


def data_path(options: Any, key: str, value: str | None = None) -> Path:
    """The data file that option ``key`` names (or ``value``, one item of a list option).

    Relative to the rule file, or to the config file that set the option
    (``tqcheck.rules.Options``); options given as a plain dict, as tests and the
    evaluations do, start from the built-in rules folder.
    """
    if hasattr(options, "path"):
        return options.path(key, value)
    from ..rules import builtin_dir

    return (builtin_dir() / (options[key] if value is None else value)).resolve()


def load_kind(name: str) -> ModuleType:
    if not isinstance(name, str) or not _KIND_RE.match(name):
        raise LookupError(f"invalid kind name {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            raise LookupError(f"unknown kind {name!r}: no module tqcheck/checks/{name}.py") from exc
        raise
    if not hasattr(module, "check"):
        raise LookupError(f"kind {name!r} has no check() function")
    return module
