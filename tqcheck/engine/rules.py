"""Rules: TOML data that names a check kind and configures it.

A rule file in ``rules/`` (built in) or in a newsroom's own rule folder looks like::

    id = "TQ101"                     # stable, never reused
    name = "language-mismatch"       # readable; select/ignore accept it too
    kind = "language"                # the code: tqcheck/checks/language.py
    severity = "error"               # error | warning | info
    message = "article is in {detected}, but declared {declared}"
    description = '''What it catches, why it matters, known false positives.'''
    enabled = true                   # false: runs only when selected explicitly

    [options]                        # checked against the kind's OPTIONS
    min_chars = 40

    [[flag]]                         # examples it must flag ...
    text = "Ceci est un article écrit en français, pas en anglais."
    lang = "en"

    [[pass]]                         # ... and must leave alone
    text = "This article is written in English, as it says it is."
    lang = "en"

Examples may give ``versions`` (a list of ``{path, text, lang, translation_of,
reference_of}`` tables) for story-scope kinds, ``raw`` (bytes, one character per byte)
to go through the file loader, ``match`` (the text a flag example must mark) and
``config`` (e.g. ``{languages = ["en"]}``). Every rule's examples run in the tests.

Any mistake stops the run with ``path:line: message`` (exit code 2): invalid TOML, an
unknown key or option, a wrong type, a bad regular expression, a missing data file,
an unknown kind, a duplicate id.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ..checks.base import builtin_dir  # noqa: F401  (re-exported: the built-in rules folder)
from ..errors import TQError, line_of_key, read_toml
from ..report import SEVERITIES, SEVERITY_RANK  # noqa: F401  (re-exported)
from . import select as select_mod

_REQUIRED = ("id", "name", "kind", "severity", "message", "description")
_KEYS = {*_REQUIRED, "enabled", "options", "flag", "pass"}
_EXAMPLE_KEYS = {"text", "lang", "path", "raw", "versions", "match", "config", "note"}
_VERSION_KEYS = {"path", "text", "lang", "translation_of", "reference_of"}
_ID_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class Options(dict):  # type: ignore[type-arg]
    """A rule's options, plus where the data files they name are found.

    A relative path in an option starts from the folder of the file that set it: the
    rule file, or the config file for an option the config overrides. Kinds call
    ``tqcheck.checks.base.data_path(options, key)`` and never need to know which.
    """

    def __init__(self, values: dict[str, Any], base: Path, bases: dict[str, Path] | None = None):
        super().__init__(values)
        self.base = base
        self.bases = dict(bases or {})

    def path(self, key: str, value: str | None = None) -> Path:
        return _resolved(self.bases.get(key, self.base), self[key] if value is None else value)


@functools.lru_cache(maxsize=1024)
def _resolved(base: Path, value: str) -> Path:
    """``(base / value).resolve()``, once per process: the names rules ask for their data
    files on every document (13,000 resolutions, about half a second of a 300-article
    run), and the files do not move while tqcheck runs."""
    return (base / value).resolve()


def scope_of(module: ModuleType) -> str:
    """What a kind's check reads: "article" (one document) or "story" (all of them)."""
    return getattr(module, "SCOPE", "article")


@dataclass
class Rule:
    id: str
    name: str
    kind: str
    severity: str
    message: str
    description: str
    path: Path
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)  # an Options once loaded
    flag: list[dict[str, Any]] = field(default_factory=list)
    passes: list[dict[str, Any]] = field(default_factory=list)
    source_text: str = ""

    @property
    def module(self) -> ModuleType:
        from ..checks import load_kind

        return load_kind(self.kind)

    @property
    def scope(self) -> str:
        return scope_of(self.module)

    def line_of(self, key: str) -> int:
        return line_of_key(self.source_text, key)

    def signature(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "severity": self.severity,
                "message": self.message, "options": self.options}


def _fail(msg: str, path: Path, line: int) -> TQError:
    return TQError(msg, str(path), line)


def is_rule(data: dict[str, Any]) -> bool:
    """A TOML file in a rule folder is a rule when it says which rule it is (``id``) or
    which code runs it (``kind``); anything else there (a data file such as residue.toml,
    copied next to the rule that names it) is not loaded as a rule."""
    return "id" in data or "kind" in data


def load_file(path: Path, loaded: tuple[str, dict[str, Any]] | None = None) -> Rule:
    text, data = loaded or read_toml(path, "rule file")

    def where(key: str) -> int:
        return line_of_key(text, key)

    for key in data:
        if key not in _KEYS:
            raise _fail(f"unknown key {key!r} (expected: {', '.join(sorted(_KEYS))})", path, where(key))
    for key in _REQUIRED:
        if key not in data:
            raise _fail(f"missing required key {key!r}", path, 1)
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(f"{key!r} must be a non-empty string", path, where(key))
    if not _ID_RE.match(data["id"]):
        raise _fail(f"id {data['id']!r} must look like TQ101 (letters, then three digits)", path, where("id"))
    if not _NAME_RE.match(data["name"]):
        raise _fail(f"name {data['name']!r} must be lower-case words joined by hyphens", path, where("name"))
    if data["severity"] not in SEVERITIES:
        raise _fail(f"severity must be one of {', '.join(SEVERITIES)}", path, where("severity"))
    _check_message(data["message"], path, where("message"))
    if "enabled" in data and not isinstance(data["enabled"], bool):
        raise _fail("'enabled' must be true or false", path, where("enabled"))

    from ..checks import load_kind

    try:
        module = load_kind(data["kind"])
    except LookupError as exc:
        raise _fail(str(exc), path, where("kind")) from exc

    rule = Rule(
        id=data["id"], name=data["name"], kind=data["kind"], severity=data["severity"],
        message=data["message"], description=data["description"].strip(), path=path.resolve(),
        enabled=data.get("enabled", True), source_text=text,
    )
    raw_opts = data.get("options", {})
    if not isinstance(raw_opts, dict):
        raise _fail("'options' must be a table", path, where("options"))
    rule.options = validate_options(rule, module, raw_opts, str(path), text)

    for key, target in (("flag", rule.flag), ("pass", rule.passes)):
        examples = data.get(key, [])
        if not isinstance(examples, list) or not all(isinstance(e, dict) for e in examples):
            raise _fail(f"{key!r} must be an array of tables ([[{key}]])", path, where(key))
        for ex in examples:
            for k in ex:
                if k not in _EXAMPLE_KEYS:
                    raise _fail(f"unknown key {k!r} in a [[{key}]] example "
                                f"(expected: {', '.join(sorted(_EXAMPLE_KEYS))})", path, where(k))
            if not any(k in ex for k in ("text", "raw", "versions", "path")):
                raise _fail(f"a [[{key}]] example needs 'text', 'raw', 'versions' or 'path'",
                            path, where(key))
            for v in ex.get("versions", []):
                for k in v:
                    if k not in _VERSION_KEYS:
                        raise _fail(f"unknown key {k!r} in an example version", path, where(k))
            target.append(ex)
    return rule


def _check_message(message: str, path: Path, line: int) -> None:
    """A message names its fields ({text}, {detected}): no positional ({0}, {}), no
    attribute or index access, and every brace balanced."""
    import string

    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise _fail(f"message: {exc} (write a literal brace as {{{{ or }}}})", path, line) from exc
    for _lit, name, _spec, _conv in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise _fail(f"message: field {{{name}}} must be a name such as {{text}} "
                        "(no positions, attributes or indexes)", path, line)


def validate_options(rule: Rule, module: ModuleType, raw: dict[str, Any], shown: str,
                     text: str, bases: dict[str, Path] | None = None) -> Options:
    """Merge ``raw`` over the kind's defaults, checking names and types.

    ``bases`` names the folder relative data paths start from, per option, when it is
    not the rule file's own folder (options a config file sets).
    """
    defaults: dict[str, Any] = dict(getattr(module, "OPTIONS", {}))
    opts = dict(defaults)
    for key, value in raw.items():
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise TQError(f"unknown option {key!r} for kind {rule.kind!r} (known: {known})",
                          shown, line_of_key(text, key))
        want = defaults[key]
        ok = (isinstance(value, type(want)) and not (isinstance(value, bool) and not isinstance(want, bool))) \
            or (isinstance(want, float) and isinstance(value, int) and not isinstance(value, bool)) \
            or want is None
        if not ok:
            raise TQError(f"option {key!r} must be {type(want).__name__}, not {type(value).__name__}",
                          shown, line_of_key(text, key))
        opts[key] = float(value) if isinstance(want, float) and isinstance(value, int) else value
    result = Options(opts, rule.path.parent, bases)
    validate = getattr(module, "validate", None)
    if validate is not None:
        try:
            validate(result, rule)
        except ValueError as exc:
            key = exc.args[1] if len(exc.args) > 1 else None
            raise TQError(str(exc.args[0]), shown, line_of_key(text, key) if key else 1) from exc
    return result


def load_dirs(dirs: list[Path]) -> list[Rule]:
    """Every rule in ``dirs`` (``*.toml``, sorted), refusing duplicate ids and names."""
    rules: list[Rule] = []
    by_id: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for d in dirs:
        if not d.is_dir():
            raise TQError(f"rule folder not found: {d}")
        for path in sorted(d.glob("*.toml")):
            loaded = read_toml(path, "rule file")
            if not is_rule(loaded[1]):
                continue
            rule = load_file(path, loaded)
            if rule.id in by_id:
                raise _fail(f"duplicate rule id {rule.id} (also in {by_id[rule.id].path})",
                            path, rule.line_of("id"))
            if rule.name in by_name:
                raise _fail(f"duplicate rule name {rule.name} (also in {by_name[rule.name].path})",
                            path, rule.line_of("name"))
            by_id[rule.id] = by_name[rule.name] = rule
            rules.append(rule)
    return sorted(rules, key=lambda r: r.id)


def selected(rule: Rule, select: list[str] | None, ignore: list[str]) -> bool:
    """Is ``rule`` in the run? (``select.selected``: the longest match wins.)"""
    return select_mod.selected(rule.id, rule.name, rule.enabled, select, ignore)


def digest(rules: list[Rule]) -> str:
    blob = json.dumps([r.signature() for r in rules], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
