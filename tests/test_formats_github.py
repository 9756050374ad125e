"""GitHub annotations, the step summary; JUnit XML; the pre-commit hook file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import ROOT, SEEDS, run_cli
from test_formats_support import probe, probe_args, probe_report  # noqa: F401

from tqcheck.formats import github_format

ANNOTATION = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")


def _props(s: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in s.split(","))


def test_one_annotation_per_finding_then_summary(probe, monkeypatch, tmp_path):
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = run_cli("--format", "github", *probe_args(probe))
    lines = out.splitlines()
    anns = [ANNOTATION.match(line) for line in lines[:-2]]
    assert all(anns) and len(anns) == 14
    kinds = sorted(a.group(1) for a in anns)
    assert kinds == ["error"] * 7 + ["notice"] * 7
    multi = next(a for a in anns if "high-level" in a.group(3))
    props = _props(multi.group(2))
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("3", "55", "4", "9")
    assert props["title"] == "TT901 probe-word"
    assert "%0A" in multi.group(3) and "\n" not in multi.group(3)  # newlines escaped
    assert lines[-2].startswith("::error title=tqcheck summary::tqcheck: 14 findings (7 errors, 0 warnings, 7 info) "
                               "in 4 documents, 1 story")
    assert lines[-1].endswith("(full report in the step summary)")
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("earlier step\n## tqcheck")  # appended, not overwritten
    assert md.count("TT901 probe-word") == 7 and md.count("TT902 probe-point") == 7


def test_escaping_of_properties_and_data():
    f = {"path": "news/a,b:c.md", "line": 1, "column": 2, "end_line": 1, "end_column": 2,
         "rule_id": "TQ1", "rule_name": "x", "message": "100% sure\r\nnext", "text": "",
         "suggestion": None, "severity": "warning"}
    line = github_format.annotation(f)
    assert line == "::warning file=news/a%2Cb%3Ac.md,line=1,col=2,title=TQ1 x::100%25 sure%0D%0Anext"


def test_without_step_summary_no_file_is_written(probe, monkeypatch, tmp_path):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("TQCHECK_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    out = run_cli("--format", "github", *probe_args(probe))[1]
    assert "step summary" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules", "story"]
    monkeypatch.setenv("TQCHECK_SUMMARY", str(tmp_path / "full.md"))
    run_cli("--format", "github", *probe_args(probe))
    assert "moscow" in (tmp_path / "full.md").read_text(encoding="utf-8").lower()


def test_clean_run_gives_a_notice_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("TQCHECK_SUMMARY", raising=False)
    out = run_cli("--isolated", "--select", "TQ0", "--format", "github", str(SEEDS))[1]
    assert out.splitlines()[0].startswith("::notice title=tqcheck summary::tqcheck: 0 findings")


def test_junit_counts_and_failures(probe):
    code, out = run_cli("--format", "junit", *probe_args(probe))
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "18" and root.get("failures") == "14"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "probe-story"
    fails = suite.findall("testcase/failure")
    assert len(fails) == 14
    zh = [f for f in fails if "莫斯科" in (f.text or "")]
    assert len(zh) == 2 and zh[0].get("type") == "TT901 probe-word"
    assert zh[0].get("message") == "error: probe word 莫斯科"
    passing = [c for c in suite.findall("testcase") if c.find("failure") is None]
    assert len(passing) == 4  # one per document


def test_junit_survives_control_characters():
    from tqcheck.formats import junit_format

    class R:  # the smallest report: junit reads findings and documents only
        import polars as pl
        findings = pl.DataFrame([{"rule_id": "TQ1", "rule_name": "x", "severity": "error", "story": "s",
                                  "path": "a\x01.md", "line": 1, "column": 1, "message": "bad \x0b char",
                                  "text": "\x00", "suggestion": None}])
        documents = pl.DataFrame([{"story": "s", "path": "a\x01.md"}])

    out = junit_format.render(R())  # type: ignore[arg-type]
    root = ET.fromstring(out.encode("utf-8"))
    assert root.find("testsuite/testcase/failure").get("message") == "error: bad \\u000b char"


def test_pre_commit_hooks_file():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    try:
        import yaml
    except ImportError:
        hooks = [{"id": m} for m in re.findall(r"^- id: (\S+)", text, re.M)]
        assert [h["id"] for h in hooks] == ["tqcheck", "tqcheck-files"]
        assert text.count("entry: tqcheck") == 2 and text.count("language: python") == 2
        return
    hooks = yaml.safe_load(text)
    assert [h["id"] for h in hooks] == ["tqcheck", "tqcheck-files"]
    for h in hooks:
        assert h["entry"] == "tqcheck" and h["language"] == "python"
        assert re.search(h["files"], "news/report.fr.md") and not re.search(h["files"], "app.py")
    assert hooks[0]["pass_filenames"] is False and hooks[1].get("pass_filenames", True) is True
