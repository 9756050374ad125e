"""The package as installed from its wheel, not as it runs in the checkout (issue 12, item 13).

Data the checks need must travel in the wheel and be found there: the built-in rules
(``tqcheck/_rules``, force-included from ``rules/``), and the transliteration model
``tqcheck/analysis/names/transliteration.tsv`` (package data beside its code) that
TQ202/TQ203 and cross-language alignment use; the development tools (``tools/``:
evaluations, the model's trainer, benchmarks) must not be in it. In the checkout the test builds the wheel (hatchling, in the test extra),
unpacks it into a fresh folder, as an installer does into site-packages, and asks that
copy; ``.ci/run`` also runs this file against a real non-editable install outside the
checkout, where the installed package is asked directly.
"""

from __future__ import annotations

import json

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tqcheck

ROOT = Path(__file__).resolve().parent.parent
PROBE = r"""
import sys
from pathlib import Path
if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])
import tqcheck
if len(sys.argv) > 1:
    assert Path(tqcheck.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), tqcheck.__file__
from tqcheck.analysis.names import translit
from tqcheck.engine.rules import builtin_dir
model = translit.load_model()
print(builtin_dir())
print(translit.default_model_path())
print(sum(len(v) for v in model.values()))
print(Path(tqcheck.__file__).resolve().parent)
"""


def _installed() -> bool:
    """tqcheck imported from an installed wheel (not the checkout, not editable)."""
    return (Path(tqcheck.__file__).resolve().parent / "_rules").is_dir()


def _probe(site: Path | None) -> list[str]:
    args = [sys.executable, "-c", PROBE, *([] if site is None else [str(site)])]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd="/")
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if _installed():
        yield None
        return
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("neither an installed wheel nor a checkout to build one from")
    pytest.importorskip("hatchling", reason="hatchling (test extra) builds the wheel")
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-q", "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    wheel = next(out.glob("tqcheck-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(target)
    yield target


def test_transliteration_model_is_found_in_the_installed_wheel(site):
    rules_dir, model_path, entries, package = _probe(site)
    assert Path(rules_dir).name == "_rules", rules_dir  # the wheel's copy, not rules/ of a checkout
    assert Path(model_path).is_file()
    assert Path(model_path).relative_to(package).as_posix() == "analysis/names/transliteration.tsv"
    assert int(entries) > 100  # segments of the model, not the empty fallback


def test_wheel_holds_the_package_and_not_the_tools(site):
    """tools/ (evaluations, trainer, benchmarks) and the tests stay in the checkout."""
    if site is None:  # an installed wheel: its files as the installer recorded them
        from importlib import metadata

        files = [str(f) for f in metadata.distribution("tqcheck").files or []]
    else:
        files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    tops = {f.split("/")[0] for f in files}
    assert "tqcheck" in tops
    assert not tops & {"tools", "tests", "benchmarks", "seeds"}, sorted(tops)
    assert not any(f.startswith("tqcheck/eval/") or f.endswith("learn_translit.py") for f in files)


def test_installed_wheel_ships_every_rule_and_data_file(site):
    rules_dir = Path(_probe(site)[0])
    shipped = {p.relative_to(rules_dir).as_posix() for p in rules_dir.rglob("*") if p.is_file()}
    assert "data/residue.toml" in shipped and "data/names/people.toml" in shipped
    if (ROOT / "rules").is_dir() and not _installed():
        expected = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()}
        assert expected <= shipped


def test_wheel_ships_the_config_schema(site):
    base = Path(tqcheck.__file__).resolve().parent if site is None else site / "tqcheck"
    data = json.loads((base / "schema" / "config.schema.json").read_text(encoding="utf-8"))
    assert data["type"] == "object" and "select" in data["properties"]


def test_the_wheel_reads_the_name_authority_from_its_prebuilt_index(site):
    """The index prebuilt from rules/data/names ships beside its code and matches the
    wheel's copy of the files (tqcheck/_rules/data/names), so an installed tqcheck reads
    it instead of building the authority's index at start-up."""
    probe = PROBE.split("from tqcheck.analysis.names import translit")[0] + (
        "from tqcheck.analysis.names import authority\n"
        "from tqcheck.engine.rules import builtin_dir\n"
        "auth = authority.load([builtin_dir() / 'data' / 'names'])\n"
        "print(auth._prebuilt is not None, authority.INDEX.is_file(), bool(auth.entities_of('germany')))\n")
    args = [sys.executable, "-c", probe, *([] if site is None else [str(site)])]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd="/")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "True", "True"]


def test_the_wheel_reads_language_profiles_and_rule_files_from_their_prebuilt_data(site):
    """The langdetect profile index and the built-in TOML files' data ship in the
    package, and an installed tqcheck uses them: every profile hashes to the index's
    key, and every rule and data file of the wheel's copy (tqcheck/_rules) to a line of
    the TOML index."""
    probe = PROBE.split("from tqcheck.analysis.names import translit")[0] + (
        "from tqcheck import tomlindex\n"
        "from tqcheck.analysis import lid\n"
        "from tqcheck.engine.rules import builtin_dir\n"
        "files = tomlindex.builtin_files(builtin_dir())\n"
        "entries = tomlindex._entries()\n"
        "print(lid.PROFILE_INDEX.is_file(), all(lid._indexed(lang) for lang in lid.SUPPORTED),\n"
        "      len(files) >= 50, all(tomlindex.key(f.read_text('utf-8-sig')) in entries for f in files))\n")
    args = [sys.executable, "-c", probe, *([] if site is None else [str(site)])]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd="/", check=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "True", "True", "True"]
