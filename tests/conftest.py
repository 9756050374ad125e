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


@pytest.fixture
def cli():
    return run_cli
