from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"
SEEDS = ROOT / "seeds"
if (ROOT / "tools").is_dir() and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ (evaluations, trainer) is not installed


def need_tools(module: str) -> ModuleType:
    """A module of tools/ (the evaluations and the model trainer live in the checkout,
    not in the wheel), or a skip with the reason when the tests run outside it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not exc.name.startswith("tools"):
            raise
        pytest.skip(f"{module} is not importable: tools/ is part of the checkout, not the wheel")


def lid_trigrams(text: str) -> list[str]:
    """The letter trigrams ``lid.profile_scores`` scores: every word's, in order
    (acronyms have none); their number is the count it returns."""
    from tqcheck.analysis import lid

    return [g for w in lid._LETTERS.findall(text) for g in lid._word_trigrams(w)]


def need_shared(*parts: str) -> Path:
    """A path under ../shared, or a skip with the reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not present (development data is not shipped)")
    return p


def run_cli(*argv: str) -> tuple[int, str]:
    from tqcheck.cli import main

    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def run_pair(src: tuple[str, str], hyp: tuple[str, str], *ids: str,
             kind: str | None = "translation_of", options: dict | None = None
             ) -> list[tuple[str, str, str | None]]:
    """(rule id, flagged text, suggestion) of the built-in rules ``ids`` on one story of
    two versions, src = (lang, text) and hyp = (lang, text), hyp declared ``kind`` of src;
    ``options`` set on every rule."""
    from tqcheck.corpus import Story
    from tqcheck.corpus.txt import from_text
    from tqcheck.engine import run_stories
    from tqcheck.engine.config import Config
    from tqcheck.engine.rules import builtin_dir, load_dirs

    a = from_text(f"a.{src[0]}.txt", src[1], lang=src[0])
    b = from_text(f"b.{hyp[0]}.txt", hyp[1], lang=hyp[0])
    if kind:
        b.role, b.of = kind, a.id
    rules = [r for r in load_dirs([builtin_dir()]) if r.id in ids]
    for r in rules:
        r.options.update(options or {})
    rep = run_stories([Story("s", [a, b], explicit=True)], Config(), rules)
    return [(f["rule_id"], f["text"], f["suggestion"]) for f in rep.findings.to_dicts()]


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(autouse=True)
def _vectorised_paths(monkeypatch):
    """In-process tests take the numpy paths, as a large run does, whatever earlier
    tests imported; tests/test_start.py compares the plain paths a small run takes
    (tqcheck/analysis/heavy.py) with them."""
    from tqcheck.analysis import heavy

    monkeypatch.setattr(heavy, "numpy_loaded", lambda: True)
