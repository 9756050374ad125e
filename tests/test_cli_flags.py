"""--statistics, -q/--quiet, --exit-zero, --output-format and the score subcommand in --help."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli

# two doubled spaces (TQ306) and one doubled word (TQ307): cheap article-level rules
TEXT = "The minister  spoke on Thursday in the  capital. She said the the talks would resume.\n"
SEL = ("--isolated", "--no-progress", "--select", "TQ306,TQ307", "--fail-on", "info")


@pytest.fixture
def story(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    (d / "talks.en.txt").write_text(TEXT, encoding="utf-8")
    return d


def test_statistics_counts_per_rule_most_frequent_first(story):
    code, out = run_cli(*SEL, "--statistics", str(story))
    lines = out.splitlines()
    assert code == 1  # the exit code is the one of the findings
    assert lines[0].split() == ["2", "TQ306", "doubled-space", "info"]
    assert lines[1].split()[:3] == ["1", "TQ307", "doubled-word"]
    assert lines[-1] == "3 findings in 2 rules"
    assert "»" not in out  # the findings themselves are not printed
    code, out = run_cli(*SEL, "--statistics", "--output-format", "json", str(story))
    assert json.loads(out)[0] == {"count": 2, "id": "TQ306", "name": "doubled-space", "severity": "info"}
    assert [r["id"] for r in json.loads(out)] == ["TQ306", "TQ307"]


def test_statistics_of_a_clean_run_and_an_unsupported_format(tmp_path, capsys):
    (tmp_path / "ok.en.txt").write_text("The minister spoke on Thursday.\n", encoding="utf-8")
    assert run_cli(*SEL, "--statistics", str(tmp_path)) == (0, "no findings\n")
    assert run_cli(*SEL, "--statistics", "--format", "sarif", str(tmp_path))[0] == 2
    assert "--statistics prints a table or JSON" in capsys.readouterr().err


def test_quiet_prints_nothing_but_keeps_exit_code_and_file(story, tmp_path, capsys):
    assert run_cli(*SEL, "-q", str(story)) == (1, "")
    target = tmp_path / "run.json"
    assert run_cli(*SEL, "--quiet", "--format", "json", "-o", str(target), str(story)) == (1, "")
    assert len(json.loads(target.read_text(encoding="utf-8"))["findings"]) == 3
    base = tmp_path / "b.json"
    assert run_cli(*SEL, "-q", "--write-baseline", str(base), str(story)) == (0, "")
    assert capsys.readouterr().err == ""  # not even "recorded N findings"
    assert run_cli(*SEL, "-q", "--select", "TQ9", str(story))[0] == 2  # errors still show
    assert "'TQ9' matches no rule" in capsys.readouterr().err


def test_exit_zero_with_findings_but_not_on_errors(story, capsys):
    code, out = run_cli(*SEL, "--exit-zero", str(story))
    assert code == 0 and "TQ306" in out  # the report is still printed
    assert run_cli(*SEL, "--exit-zero", "--select", "TQ9", str(story))[0] == 2
    assert run_cli("--exit-zero", "--format", "nope", str(story))[0] == 2
    assert run_cli("--exit-zero", "--isolated", str(story / "missing.txt"))[0] == 0


def test_output_format_is_an_alias_of_format(story):
    a = run_cli(*SEL, "--format", "json", str(story))
    b = run_cli(*SEL, "--output-format", "json", str(story))
    assert a == b and json.loads(a[1])["findings"]


def test_help_lists_score_and_score_help_works(capsys):
    assert run_cli("--help")[0] == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "tqcheck score" in ln)
    assert "score --help" in line and len(line) <= 100
    for flag in ("--statistics", "--quiet", "--exit-zero", "--output-format"):
        assert flag in out
    assert run_cli("score", "--help")[0] == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: tqcheck score") and "--tokenize" in out


def test_memory_budget_flag_overrides_the_config_and_is_checked(story, tmp_path, capsys, monkeypatch):
    from tqcheck.analysis import memo

    (tmp_path / "tqcheck.toml").write_text("memory-budget = 900\n")
    monkeypatch.chdir(tmp_path)
    code, _ = run_cli("--no-progress", "--select", "TQ306,TQ307", "--fail-on", "info", str(story))
    assert code == 1 and memo.BUDGET_MB == 900
    code, _ = run_cli("--no-progress", "--select", "TQ306,TQ307", "--fail-on", "info",
                      "--memory-budget", "300", str(story))
    assert code == 1 and memo.BUDGET_MB == 300
    code, _ = run_cli("--no-progress", "--memory-budget", "0", str(story))
    assert code == 2
    assert "--memory-budget must be a whole number of MB" in capsys.readouterr().err
    memo.set_budget(None)


def test_a_check_run_collects_garbage_less_often_and_sets_it_back(story, monkeypatch):
    """The command line's check run raises the collector's youngest threshold (see
    ``cli.GC_YOUNGEST``) for the run alone: the threshold is back afterwards, after an
    error too, and the report does not depend on it."""
    import gc

    from tqcheck import cli

    before = gc.get_threshold()
    seen = []
    real = cli._check

    def watched(args, cfg, out):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real(args, cfg, out)

    monkeypatch.setattr(cli, "_check", watched)
    code, out = run_cli(*SEL, "--format", "json", str(story))
    assert code == 1 and seen == [(cli.GC_YOUNGEST, *before[1:])]
    assert gc.get_threshold() == before
    monkeypatch.setattr(cli, "_check", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_cli(*SEL, str(story))
    assert gc.get_threshold() == before
    monkeypatch.undo()
    gc.set_threshold(100, 2, 2)  # older generations collected far more often: the same report
    try:
        assert run_cli(*SEL, "--format", "json", str(story)) == (code, out)
    finally:
        gc.set_threshold(*before)
