"""Baselines: record today's findings, fail only on new ones, count what went away."""

from __future__ import annotations

import json

from conftest import run_cli
from test_formats_support import probe, probe_args  # noqa: F401


def _json(*argv):
    code, out = run_cli("--format", "json", *argv)
    return code, json.loads(out)


def test_write_then_apply_suppresses_everything(probe, tmp_path):
    base = tmp_path / "baseline.json"
    args = probe_args(probe)
    code, out = run_cli("--write-baseline", str(base), *args)
    assert code == 0 and base.is_file()
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["tqcheck_baseline"] == 1
    moscow = [e for e in data["entries"] if e["text"] == "Moscow"]
    assert len(moscow) == 1 and moscow[0]["count"] == 2 and moscow[0]["rule"] == "TT901"
    assert all("line" not in e for e in data["entries"])
    code, rep = _json("--baseline", str(base), *args)
    assert rep["findings"] == []
    assert rep["summary"]["suppressed_by_baseline"] == 14
    assert rep["summary"]["baseline_entries_gone"] == 0


def test_edits_elsewhere_keep_the_baseline_and_new_findings_show(probe, tmp_path):
    story, _ = probe
    base = tmp_path / "baseline.json"
    args = [a for a in probe_args(probe) if a != "never"]
    args = [a for a in args if a != "--fail-on"]
    run_cli("--write-baseline", str(base), *args)
    en = story / "report.en.md"
    text = en.read_text(encoding="utf-8")
    # lines move (a new first paragraph), one Moscow is re-wrapped, a third Moscow appears
    en.write_text("Breaking news\n\n" + text.replace("Officials in Moscow said", "Officials in\nMoscow said")
                  + "Moscow again.\n", encoding="utf-8")
    code, rep = _json("--baseline", str(base), *args)
    new = [(f["rule_id"], f["text"], f["line"]) for f in rep["findings"]]
    assert new == [("TT901", "Moscow", 8)]  # the third one, the last in document order
    assert code == 1  # a new error fails the build
    assert rep["summary"]["suppressed_by_baseline"] == 14
    assert rep["summary"]["baseline_entries_gone"] == 0
    # the table's summary line says it too
    out = run_cli("--baseline", str(base), *args)[1]
    assert out.rstrip().splitlines()[-1].endswith("; 0 baseline entries gone; 14 suppressed by baseline")


def test_fixed_findings_are_counted_as_gone(probe, tmp_path):
    story, _ = probe
    base = tmp_path / "baseline.json"
    args = probe_args(probe)
    run_cli("--write-baseline", str(base), *args)
    zh = story / "report.zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("莫斯科表示欢迎", "克里姆林宫表示欢迎"), encoding="utf-8")
    code, rep = _json("--baseline", str(base), *args)
    assert rep["findings"] == []
    assert rep["summary"]["baseline_entries_gone"] == 1
    assert rep["summary"]["suppressed_by_baseline"] == 13


def test_config_key_and_bad_files(probe, tmp_path):
    base = tmp_path / "bl.json"
    story, rules = probe
    run_cli("--write-baseline", str(base), *probe_args(probe))
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('baseline = "bl.json"\nselect = ["TT9"]\nrule-dirs = ["rules"]\nfail-on = "never"\n',
                   encoding="utf-8")
    code, rep = _json("--config", str(cfg), str(story))
    assert rep["findings"] == [] and rep["summary"]["suppressed_by_baseline"] == 14
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert run_cli("--baseline", str(bad), *probe_args(probe))[0] == 2
    bad.write_text('{"entries": []}', encoding="utf-8")
    assert run_cli("--baseline", str(bad), *probe_args(probe))[0] == 2
    assert run_cli("--baseline", str(tmp_path / "missing.json"), *probe_args(probe))[0] == 2


def test_baseline_file_is_deterministic(probe, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run_cli("--write-baseline", str(a), *probe_args(probe))
    run_cli("--write-baseline", str(b), *probe_args(probe))
    assert a.read_bytes() == b.read_bytes()
