"""--jobs: stories checked in several processes give the report of one process, byte for byte."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_jobs_give_the_same_report(tmp_path, fmt):
    outs = []
    for jobs in (1, 2, 3):
        out = tmp_path / f"j{jobs}.{fmt}"
        code, _ = run_cli("--no-progress", "--jobs", str(jobs), "--format", fmt, "-o", str(out),
                          str(FIXTURES), str(SEEDS))
        assert code == 1  # the fixtures hold findings
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    if fmt == "json":
        rep = json.loads(outs[0])
        stories = {f["story"] for f in rep["findings"]}
        assert len(stories) > 20  # enough stories for the work to be split


def test_jobs_use_other_processes():
    from tqcheck import engine
    from tqcheck.engine.config import Config
    from tqcheck.corpus import load
    from tqcheck.corpus.grouping import group
    from tqcheck.engine.loop import _results

    cfg = Config()
    rules = engine.build_rules(cfg)
    stories = sorted(group(load([str(FIXTURES)])), key=lambda s: s.id)
    got = list(_results(stories, engine.Context.for_config(cfg), rules, 2))
    assert [s.id for s, _ in got] == [s.id for s in stories]  # put back in story order
    pids = {r.pid for _, r in got}
    assert os.getpid() not in pids and len(pids) == 2
    one = list(_results(stories, engine.Context.for_config(cfg), rules, 1))
    assert {r.pid for _, r in one} == {os.getpid()}
    assert [r.rows for _, r in one] == [r.rows for _, r in got]


def test_jobs_must_be_positive(tmp_path):
    assert run_cli("--jobs", "0", str(SEEDS))[0] == 2
    assert run_cli("--jobs", "many", str(SEEDS))[0] == 2
