"""The one rule of direction, and the tables that say what the package holds.

``tqcheck/analysis/`` is the bottom layer: pure text libraries. It never imports the
engine, the checks, the rules, the configuration or the command line; the corpus
(loaders) never imports the engine or the checks either. Every import statement of
every module is read from its syntax tree (relative imports resolved), including the
imports inside functions, which is where the lazy ones live.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tqcheck

PACKAGE = Path(tqcheck.__file__).resolve().parent


def imports_of(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``path``, the file of ``module``
    (by default the module name its place in the package gives)."""
    parts = module.split(".") if module else \
        list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts[:-1]
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((node.lineno, mod))
            # ``from tqcheck import engine`` imports a module too
            out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return out


FORBIDDEN = {
    "analysis": ("tqcheck.engine", "tqcheck.checks", "tqcheck.cli", "tqcheck.corpus",
                 "tqcheck.formats", "tqcheck.report", "tqcheck.distributed"),
    "corpus": ("tqcheck.engine", "tqcheck.checks", "tqcheck.cli", "tqcheck.formats"),
    "checks": ("tqcheck.engine", "tqcheck.cli", "tqcheck.formats", "tqcheck.distributed"),
}
# the rule matcher is a leaf shared upward: TQ006 reads marker words as suppression does
ALLOWED = {"tqcheck.engine.select", "tqcheck.engine.select.match_len"}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_upper_ones(layer):
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert len(files) > 3
    wrong = [f"{f.relative_to(PACKAGE.parent)}:{line}: imports {mod}"
             for f in files for line, mod in imports_of(f)
             if mod not in ALLOWED
             and any(mod == b or mod.startswith(b + ".") for b in FORBIDDEN[layer])]
    assert wrong == []


def test_the_shared_rule_matcher_is_a_leaf():
    mods = [m for _, m in imports_of(PACKAGE / "engine" / "select.py")]
    assert not [m for m in mods if m.startswith("tqcheck")], mods


def test_the_direction_test_sees_relative_and_lazy_imports(tmp_path):
    """The walker itself: lazy, relative and package-level imports are all resolved."""
    probe = tmp_path / "probe.py"
    probe.write_text("from . import text\n"
                     "def f():\n    from ...engine import rules\n"
                     "    from .. import checks\n    import tqcheck.cli\n", encoding="utf-8")
    found = [m for _, m in imports_of(probe, "tqcheck.analysis.names.probe")]
    assert "tqcheck.analysis.names.text" in found
    assert "tqcheck.engine.rules" in found and "tqcheck.analysis.checks" in found
    assert "tqcheck.cli" in found


def test_the_kinds_table_is_the_kind_modules():
    from tqcheck import checks

    modules = {p.stem for p in (PACKAGE / "checks").glob("*.py")
               if not p.stem.startswith("_") and p.stem != "base"}
    assert set(checks.KINDS) == modules
    for name in checks.KINDS:
        module = checks.load_kind(name)
        assert module.SCOPE in ("article", "story") and callable(module.check)
    with pytest.raises(LookupError, match="invalid kind"):
        checks.load_kind("../x")
    with pytest.raises(LookupError, match="unknown kind"):
        checks.load_kind("base")  # a helper module is not a kind


def test_checks_never_see_the_config():
    """A check is given analyses (checks/base.py ``Analyses``), never a Config."""
    wrong = []
    for f in sorted((PACKAGE / "checks").glob("*.py")):
        text = f.read_text(encoding="utf-8")
        for i, line in enumerate(text.splitlines(), 1):
            if "ctx.config" in line:
                wrong.append(f"{f.name}:{i}")
        wrong += [f"{f.name}:{n}: imports {m}" for n, m in imports_of(f)
                  if m.startswith("tqcheck.engine.config")]
    assert wrong == []


def test_rule_files_write_only_what_differs_from_the_defaults():
    """Tuning values equal to the kind's default are not restated in rules/*.toml (the
    code's comment says why that number); the option that names a rule's variant of
    its kind (``category``, ``unit``, ``what``, ``direction``, ...) may be."""
    import tomllib

    from tqcheck.engine.rules import builtin_dir

    variant = {"problem", "category", "unit", "what", "direction", "token", "report",
               "quotes", "brackets"}
    restated = []
    for p in sorted(builtin_dir().glob("*.toml")):
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        if "kind" not in data:
            continue
        defaults = getattr(tqcheck.checks.load_kind(data["kind"]), "OPTIONS", {})
        restated += [f"{p.name}: {k}" for k, v in data.get("options", {}).items()
                     if k not in variant and k in defaults and defaults[k] == v]
    assert restated == []
