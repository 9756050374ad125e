"""Helpers for the hostile-input tests: run tqcheck in a subprocess with a time bound,
optionally as an unprivileged user, and check that it ended the way the project
promises (a report, or ``file:line: message`` with exit 2; never a traceback, never a
hang)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

NOBODY = 65534
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# Run as another user: the interpreter lives under /root (mode 700) where user nobody
# cannot enter, so the child starts as root, loads tqcheck and the libraries a run needs
# (a warm-up run over the seeds), then drops to nobody before the real run.
_AS_NOBODY = r"""
import contextlib, io, importlib, os, pkgutil, sys
import tqcheck.formats, tqcheck.checks, tqcheck.corpus
# what --jobs needs to fork its workers, which the one-story warm-up does not load
import multiprocessing.pool, multiprocessing.queues, multiprocessing.synchronize
import multiprocessing.connection, multiprocessing.popen_fork
# what other inputs load lazily and the English seed run does not: ftfy (with the code pages
# it registers) for mojibake, polars for report frames (CSV, Parquet, --statistics), and the
# standard modules of a rule's suggestion and of a story's sibling lengths
import ftfy, polars, difflib, statistics
from tqcheck.cli import main
for pkg in (tqcheck.formats, tqcheck.checks, tqcheck.corpus):
    for m in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{m.name}")
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(["--isolated", "--no-progress", "--format", "json", sys.argv[1]])
os.setgroups([])
os.setgid(%d)
os.setuid(%d)
sys.exit(main(sys.argv[2:]))
""" % (NOBODY, NOBODY)
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(*args: str, cwd: Path | str | None = None, timeout: float = 60, unprivileged: bool = False,
        preexec=None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """``python -m tqcheck ARGS`` in a subprocess; a hang fails the test after ``timeout``.

    ``unprivileged``: when the tests run as root, the child drops to user ``nobody``
    first, so that file permissions apply to it (root reads everything).
    """
    drop = unprivileged and AS_ROOT

    def pre() -> None:
        if preexec is not None:
            preexec()

    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    if drop:
        full_env["HOME"] = str(cwd or tempfile.gettempdir())
    try:
        head = ["-c", _AS_NOBODY, str(SEEDS)] if drop else ["-m", "tqcheck"]
        r = subprocess.run([sys.executable, *head, "--no-progress", *args], cwd=cwd,
                           capture_output=True, timeout=timeout, text=True, errors="replace",
                           env=full_env, preexec_fn=pre if preexec else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"tqcheck {' '.join(args)} did not finish in {timeout} s (a hang)")
    return r


def clean_end(r: subprocess.CompletedProcess[str]) -> None:
    """Exit 0/1 with a report, or 2 with a one-line-per-error message; no traceback."""
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode in (0, 1, 2), (r.returncode, r.stderr)
    if r.returncode == 2:
        assert r.stderr.strip(), "exit 2 without a message"


def findings(r: subprocess.CompletedProcess[str]) -> list[dict]:  # type: ignore[type-arg]
    clean_end(r)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["findings"]


def shared_tmp() -> Path:
    """A fresh folder every user can enter (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="tq-hostile-"))
    d.chmod(0o777)
    return d


def remove_deep(leaf: Path, top: Path) -> None:
    """Remove a file and the chain of folders above it up to ``top``, without recursion
    (shutil.rmtree, and pytest's clean-up with it, recurses once per level)."""
    leaf.unlink(missing_ok=True)
    d = leaf.parent
    while d != top and len(d.parts) > len(top.parts):
        d.rmdir()
        d = d.parent
