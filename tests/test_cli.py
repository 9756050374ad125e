"""The command line, in process: formats, exit codes, config and rule errors, determinism."""

from __future__ import annotations

import csv
import io
import json

import polars as pl
import pytest

from conftest import SEEDS, run_cli

FRENCH_AS_EN = ("Les États-Unis et la Russie ont convenu jeudi de reprendre un dialogue militaire "
                "de haut niveau, quelques heures après l'expiration du traité.\n")


@pytest.fixture
def mismatch(tmp_path):
    (tmp_path / "story.en.txt").write_text(FRENCH_AS_EN, encoding="utf-8")
    return tmp_path


def test_seeds_one_story_both_english_with_scores():
    code, out = run_cli("--format", "json", str(SEEDS))
    data = json.loads(out)
    docs = data["documents"]
    assert len(docs) == 2 and len({d["story"] for d in docs}) == 1
    assert [d["detected_lang"] for d in docs] == ["en", "en"]
    assert len(data["scores"]) == 1
    s = data["scores"][0]
    assert 0 < s["bleu"] < 100 and 0 < s["chrf"] < 100
    assert s["bleu_signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert data["signature"]["language_detector"].startswith("langdetect")
    assert code in (0, 1)


def test_output_is_byte_identical_across_runs():
    assert run_cli("--format", "json", str(SEEDS))[1] == run_cli("--format", "json", str(SEEDS))[1]
    assert run_cli(str(SEEDS))[1] == run_cli(str(SEEDS))[1]


def test_exit_codes(mismatch, tmp_path):
    assert run_cli(str(mismatch))[0] == 1
    assert run_cli("--fail-on", "never", str(mismatch))[0] == 0
    assert run_cli("--severity", "TQ101=warning", str(mismatch))[0] == 0
    assert run_cli("--severity", "TQ101=warning", "--fail-on", "warning", str(mismatch))[0] == 1
    assert run_cli("--ignore", "TQ1", str(mismatch))[0] == 0
    assert run_cli("--select", "TQ101", str(mismatch))[0] == 1
    assert run_cli("--select", "TQ9", str(mismatch))[0] == 2
    assert run_cli("--no-such-flag")[0] == 2
    assert run_cli()[0] == 2


def test_table_fits_100_columns(mismatch):
    code, out = run_cli(str(mismatch))
    assert "TQ101" in out and "French (fr)" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.rstrip().splitlines()[-1].startswith("1 document in 1 story: 1 error")


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_text_formats_carry_the_finding(fmt, mismatch):
    code, out = run_cli("--format", fmt, str(mismatch))
    assert code == 1
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["rule_id"] == "TQ101" and rows[0]["line"] == "1"
    elif fmt == "json":
        data = json.loads(out)
        assert data["findings"][0]["rule_name"] == "language-mismatch"
        assert data["summary"]["error"] == 1
    else:
        assert json.loads(out.splitlines()[0])["severity"] == "error"


def test_parquet_writes_every_frame(mismatch, tmp_path):
    target = tmp_path / "out" / "run.parquet"
    target.parent.mkdir()
    assert run_cli("--format", "parquet", "-o", str(target), str(mismatch))[0] == 1
    assert pl.read_parquet(target)["rule_id"].to_list() == ["TQ101"]
    assert pl.read_parquet(target.parent / "run.scores.parquet").columns[:3] == ["story", "hyp_path", "ref_path"]
    assert run_cli("--format", "parquet", str(mismatch))[0] == 2


def test_empty_run_has_every_column(tmp_path):
    from tqcheck import check
    from tqcheck.report import FINDINGS_SCHEMA, SCORES_SCHEMA

    (tmp_path / "ok.en.txt").write_text("The talks resumed on Thursday in the capital, officials said.")
    report = check([str(tmp_path)])
    assert report.findings.height == 0
    assert report.findings.columns == list(FINDINGS_SCHEMA)
    assert report.scores.columns == list(SCORES_SCHEMA)


def test_bad_inputs_become_findings_and_the_run_goes_on(tmp_path, capsys):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cp1252.txt").write_bytes("d\u00e9j\u00e0 vu".encode("cp1252"))
    (tmp_path / "good.en.txt").write_text(FRENCH_AS_EN, encoding="utf-8")
    code, out = run_cli("--format", "json", str(tmp_path), str(tmp_path / "missing.txt"))
    rules = sorted(f["rule_id"] for f in json.loads(out)["findings"])
    assert rules == ["TQ001", "TQ002", "TQ003", "TQ004", "TQ101"]
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err


def test_config_error_exits_2_with_location(tmp_path, capsys, mismatch):
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text("select = ['TQ1']\nfail_on = 'loud'\n")
    assert run_cli("--config", str(cfg), str(mismatch))[0] == 2
    assert f"{cfg}:2: fail-on must be" in capsys.readouterr().err


def test_broken_user_rule_exits_2_with_location(tmp_path, capsys, mismatch):
    d = tmp_path / "house"
    d.mkdir()
    (d / "TQ900.toml").write_text('id = "TQ900"\nname = "x"\nkind = "language"\nseverity = "info"\n'
                                  'message = "m"\ndescription = "d"\n[options]\nmin_confidence = "x"\n')
    assert run_cli("--rules", str(d), str(mismatch))[0] == 2
    assert f"{d / 'TQ900.toml'}:8: option 'min_confidence' must be float" in capsys.readouterr().err


def test_per_path_ignores_and_config_severity(tmp_path, mismatch):
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text(f'[per-path-ignores]\n"{mismatch}/*" = ["TQ101"]\n')
    assert run_cli("--config", str(cfg), str(mismatch))[0] == 0
    cfg.write_text("[severity]\nlanguage-mismatch = 'info'\n")
    code, out = run_cli("--config", str(cfg), "--format", "json", str(mismatch))
    assert code == 0 and json.loads(out)["findings"][0]["severity"] == "info"


def test_per_path_ignores_match_rules_as_select_does(tmp_path, mismatch):
    """One matcher (engine/select.py): a name, a prefix and ALL ignore per path as they
    select; ALL was accepted by the config but matched nothing before."""
    cfg = tmp_path / "tqcheck.toml"
    for token in ("language-mismatch", "TQ1", "ALL"):
        cfg.write_text(f'[per-path-ignores]\n"{mismatch}/*" = ["{token}"]\n')
        code, out = run_cli("--config", str(cfg), "--format", "json", str(mismatch))
        assert code == 0 and json.loads(out)["findings"] == [], token
    cfg.write_text(f'[per-path-ignores]\n"{mismatch}/*" = ["TQ2"]\n')
    code, out = run_cli("--config", str(cfg), "--format", "json", str(mismatch))
    assert code == 1 and {f["rule_id"] for f in json.loads(out)["findings"]} == {"TQ101"}


def test_list_rules_and_explain(capsys):
    code, out = run_cli("--list-rules")
    assert code == 0 and "TQ101" in out and "language-mismatch" in out
    code, out = run_cli("--explain", "TQ101")
    assert code == 0 and "tqcheck/checks/language.py" in out and "flags:" in out
    assert run_cli("--explain", "TQ999")[0] == 2


def test_rule_names_in_readme_and_help_exist():
    """Every rule id or name the README or --help shows an editor must select something."""
    import re

    from conftest import ROOT
    from tqcheck.cli import EPILOG
    from tqcheck.engine.rules import builtin_dir, load_dirs
    from tqcheck.engine.select import match_len

    rules = load_dirs([builtin_dir()])
    text = (ROOT / "README.md").read_text(encoding="utf-8") + EPILOG
    tokens = set()
    for m in re.finditer(r"--(?:select|ignore)[ =]([\w,-]+)|ignore(?:-file)? ([\w, -]+?)(?: \(|\s*-->)", text):
        tokens.update(t.strip() for t in (m.group(1) or m.group(2)).split(",") if t.strip())
    tokens = {t for t in tokens if t not in ("RULES", "ID")}
    assert tokens, "the README shows no rule selection"
    for t in sorted(tokens):
        assert any(match_len(t, r.id, r.name) > 0 for r in rules), f"README/--help names {t!r}, which matches no rule"
