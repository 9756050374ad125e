"""Line formats are streamed: each story's findings are written when the story is
checked (engine.stream), and the file is the one the whole report gives, byte for byte.
JSON is written from rows spooled story by story (engine.stream_report), byte for byte
the whole report's rendering too."""

from __future__ import annotations

import io
import json

import pytest

from conftest import ROOT, SEEDS, run_cli
from tqcheck import check, engine, formats
from tqcheck.engine.config import Config

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_streamed_output_is_the_report_rendered(tmp_path, fmt):
    report = check([str(FIXTURES), str(SEEDS)])
    whole = formats.get(fmt).render(report)
    out = tmp_path / f"run.{fmt}"
    code, _ = run_cli("--no-progress", "--jobs", "1", "--format", fmt, "-o", str(out),
                      str(FIXTURES), str(SEEDS))
    assert out.read_text(encoding="utf-8") == whole
    assert code == report.exit_code("error") == 1
    code, printed = run_cli("--no-progress", "--jobs", "2", "--format", fmt, str(FIXTURES), str(SEEDS))
    assert printed == whole and code == 1


def test_rows_are_written_story_by_story():
    written: list[list[dict]] = []
    summary = engine.stream([str(FIXTURES)], Config(), written.append)
    assert len(written) > 20  # one call per story with findings, not one at the end
    stories = [rows[0]["story"] for rows in written]
    assert stories == sorted(stories) and all(len({r["story"] for r in rows}) == 1 for rows in written)
    assert sum(summary.counts.values()) == sum(len(rows) for rows in written)
    assert "fix" not in written[0][0] and "replacement" in written[0][0]  # report columns only


def test_baseline_applies_to_streamed_rows(tmp_path):
    base = tmp_path / "base.json"
    assert run_cli("--no-progress", "--write-baseline", str(base), str(SEEDS))[0] == 0
    code, printed = run_cli("--no-progress", "--format", "jsonl", "--baseline", str(base), str(SEEDS))
    assert (code, printed) == (0, "")
    # a finding the baseline does not hold is still written
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.en.txt").write_text("The the council met on Monday.\n", encoding="utf-8")
    code, printed = run_cli("--no-progress", "--format", "jsonl", "--baseline", str(base),
                            str(SEEDS), str(story))
    rows = [json.loads(line) for line in printed.splitlines()]
    assert [r["rule_id"] for r in rows] == ["TQ307"]


def test_an_error_leaves_the_old_output_file(tmp_path):
    out = tmp_path / "run.jsonl"
    out.write_text("old\n", encoding="utf-8")
    code, _ = run_cli("--no-progress", "--format", "jsonl", "-o", str(out), "--select", "TQ999",
                      str(SEEDS))
    assert code == 2 and out.read_text(encoding="utf-8") == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tqtmp")]


def test_quiet_streams_nothing_but_keeps_the_exit_code():
    buf = io.StringIO()
    from tqcheck.cli import main

    assert main(["--no-progress", "-q", "--format", "csv", str(SEEDS)], stdout=buf) == 1
    assert buf.getvalue() == ""


def test_json_report_is_spooled_story_by_story():
    from tqcheck.formats import json_format

    written: list = []
    summary = engine.stream_report([str(FIXTURES), str(SEEDS)], Config(), written.append)
    report = check([str(FIXTURES), str(SEEDS)])
    assert len(written) == report.documents["story"].n_unique() > 20  # every story, one call each
    assert [r for part in written for r in part.findings] == report.findings.to_dicts()
    assert [r for part in written for r in part.segments] == report.segments.to_dicts()
    assert [r for part in written for r in part.documents] == report.documents.to_dicts()
    assert summary.scores == report.scores.to_dicts() and summary.signature == report.signature
    writer = json_format.Writer()
    for part in written:
        writer.story(part)
    chunks: list[str] = []
    writer.finish(chunks.append, summary)
    writer.close()
    assert "".join(chunks) == json_format.render(report)


def test_json_report_of_nothing_found_is_the_reports(tmp_path):
    """Empty lists are written as the whole report writes them."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.en.txt").write_text("The council met on Monday to discuss the budget.\n",
                                    encoding="utf-8")
    report = check([str(story)])
    code, printed = run_cli("--no-progress", "--format", "json", "--select", "TQ307", str(story))
    assert code == 0 and printed == formats.get("json").render(check([str(story)], select=["TQ307"]))
    assert json.loads(printed)["findings"] == [] and report.documents.height == 1


def test_baseline_applies_to_the_json_report_as_to_the_whole_one(tmp_path):
    from tqcheck.engine import baseline as baseline_mod

    base = tmp_path / "base.json"
    assert run_cli("--no-progress", "--write-baseline", str(base), str(SEEDS))[0] == 0
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.en.txt").write_text("The the council met on Monday.\n", encoding="utf-8")
    code, printed = run_cli("--no-progress", "--format", "json", "--baseline", str(base),
                            str(SEEDS), str(story))
    whole = baseline_mod.apply(check([str(SEEDS), str(story)]), base)
    assert printed == formats.get("json").render(whole)
    assert code == 0 and [r["rule_id"] for r in json.loads(printed)["findings"]] == ["TQ307"]
    assert json.loads(printed)["summary"]["suppressed_by_baseline"] > 0


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_an_error_leaves_the_old_output_file_whatever_the_format(tmp_path, fmt):
    out = tmp_path / f"run.{fmt}"
    out.write_text("old\n", encoding="utf-8")
    code, _ = run_cli("--no-progress", "--format", fmt, "-o", str(out), "--select", "TQ999",
                      str(SEEDS))
    assert code == 2 and out.read_text(encoding="utf-8") == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name != out.name]
