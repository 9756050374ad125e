"""tools/benchmarks/memory_trace.py: the story-by-story memory trace of a run gives the
command's own report and exit code, one line per story, and names the run's memos."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

TOOL = ROOT / "tools" / "benchmarks" / "memory_trace.py"


def _stories(tmp_path, n):
    """``n`` small two-version stories (an English source and its German translation)."""
    root = tmp_path / "corpus"
    for i in range(n):
        d = root / f"story{i:02d}"
        d.mkdir(parents=True)
        (d / "v0.en.txt").write_text(f"The council of town {i} approved the budget on Monday.\n",
                                     encoding="utf-8")
        (d / "v1.de.txt").write_text(f"Der Rat der Stadt {i} billigte am Montag den Haushalt.\n",
                                     encoding="utf-8")
    return root


def test_trace_has_a_line_per_story_and_the_same_report(tmp_path):
    if not TOOL.is_file():
        pytest.skip("tools/ is part of the checkout, not the wheel")
    corpus = _stories(tmp_path, 4)
    trace, traced, plain = tmp_path / "t.jsonl", tmp_path / "traced.json", tmp_path / "plain.json"
    run = subprocess.run([sys.executable, str(TOOL), "-o", str(trace), "--every", "2", "--",
                          "--no-progress", "--format", "json", "-o", str(traced), str(corpus),
                          str(SEEDS)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    subprocess.run([sys.executable, "-m", "tqcheck", "--no-progress", "--format", "json", "-o",
                    str(plain), str(corpus), str(SEEDS)], capture_output=True, check=False)
    assert traced.read_bytes() == plain.read_bytes()  # tracing changes no answer
    recs = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    stories = json.loads(plain.read_text(encoding="utf-8"))["summary"]["stories"]
    assert [r["stories"] for r in recs] == list(range(1, stories + 1))
    assert all(r["rss"] > 0 and r["user"] > 0 for r in recs)
    detailed = [r for r in recs if "caches" in r]
    assert [r["stories"] for r in detailed] == list(range(2, stories + 1, 2))
    assert any("lid n-gram memos" in r["caches"] or any(k.startswith(("memo ", "lru "))
               for k in r["caches"]) for r in detailed)
    assert "peak RSS MB by tenth" in run.stderr
    back = subprocess.run([sys.executable, str(TOOL), "-o", str(trace), "--summary"],
                          capture_output=True, text=True, check=True).stdout
    assert back.startswith(f"{stories} stories;")


def test_trace_asks_for_the_commands_arguments(tmp_path):
    if not TOOL.is_file():
        pytest.skip("tools/ is part of the checkout, not the wheel")
    run = subprocess.run([sys.executable, str(TOOL), "-o", str(tmp_path / "t.jsonl")],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "after --" in run.stderr
