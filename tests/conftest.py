from __future__ import annotations

import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"
SEEDS = ROOT / "seeds"


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
