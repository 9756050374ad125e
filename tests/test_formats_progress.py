"""The progress bar: on a terminal only, never in CI, erased before the report."""

from __future__ import annotations

import io
import sys

from conftest import run_cli
from test_formats_support import probe, probe_args  # noqa: F401

from tqcheck import progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_enabled_only_on_a_terminal_outside_ci():
    assert progress.enabled(Tty(), {})
    assert not progress.enabled(io.StringIO(), {})
    assert not progress.enabled(Tty(), {"CI": "true"})
    assert progress.enabled(Tty(), {"CI": "false"})
    assert not progress.enabled(Tty(), {"TERM": "dumb"})
    assert not progress.enabled(Tty(), {"TQCHECK_NO_PROGRESS": "1"})


def test_bar_draws_and_erases(monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(progress, "MIN_INTERVAL", 0.0)
    s = Tty()
    bar = progress.Bar(s, width=60)
    bar(1, 4, "story-one")
    bar(4, 4, "a-very-long-story-name-" * 5)
    assert "[" in s.getvalue() and "1/4 stories story-one" in s.getvalue()
    last = s.getvalue().split("\r")[-1]
    assert "4/4 stories …" in last and len(last) <= 59
    bar.close()
    assert s.getvalue().endswith("\r" + " " * 59 + "\r")


def test_engine_reports_each_story_and_cli_stays_quiet_off_terminal(probe, monkeypatch):
    from tqcheck.engine import config
    from tqcheck import engine

    story, rules = probe
    calls = []
    engine.run([str(story)], config.Config(select=["TT9"], rule_dirs=[rules]),
               progress=lambda d, t, s: calls.append((d, t, s)))
    assert calls == [(1, 1, "probe-story")]
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    run_cli(*probe_args(probe))
    assert err.getvalue() == ""


def test_cli_draws_on_a_terminal(probe, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TQCHECK_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    code, out = run_cli(*probe_args(probe))
    assert "1/1 stories probe-story" in err.getvalue() and err.getvalue().endswith("\r")
    assert "\r" not in out
    err2 = Tty()
    monkeypatch.setattr(sys, "stderr", err2)
    run_cli("--no-progress", *probe_args(probe))
    assert err2.getvalue() == ""
