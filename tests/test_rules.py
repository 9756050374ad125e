"""Every rule carries evidence, and its examples behave; rule files fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from tqcheck.errors import TQError
from tqcheck.engine.examples import verify
from tqcheck.engine.rules import Rule, builtin_dir, load_dirs, load_file, selected

RULES = load_dirs([builtin_dir()])


def test_rules_exist_and_ids_are_unique():
    assert len(RULES) >= 6
    assert len({r.id for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_evidence(rule: Rule):
    assert len(rule.description) >= 80, "describe what it catches, why, and false positives"
    assert rule.flag, f"{rule.id} has no example it must flag"
    assert rule.passes, f"{rule.id} has no example it must leave alone"
    assert Path(f"tqcheck/checks/{rule.kind}.py").name  # the code is one step away
    assert (Path(__file__).parent.parent / "tqcheck" / "checks" / f"{rule.kind}.py").is_file()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule):
    assert verify(rule) == []


def _write(tmp_path: Path, body: str, name: str = "TQ900-x.toml") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


GOOD = '''id = "TQ900"
name = "house-test"
kind = "language"
severity = "warning"
message = "m"
description = "d"
'''


@pytest.mark.parametrize("body,line,fragment", [
    (GOOD + "colour = 1\n", 7, "unknown key 'colour'"),
    (GOOD.replace('kind = "language"', 'kind = "nope"'), 3, "unknown kind 'nope'"),
    (GOOD + "[options]\nmin_confidence = \"high\"\n", 8, "must be float"),
    (GOOD + "[options]\nmax_len = 3\n", 8, "unknown option 'max_len'"),
    (GOOD.replace('severity = "warning"', 'severity = "fatal"'), 4, "severity must be"),
    (GOOD + "[[flag]\n", 7, "invalid TOML"),
    (GOOD.replace('id = "TQ900"', 'id = "900"'), 1, "must look like TQ101"),
    (GOOD + "[[flag]]\nlang = \"en\"\n", 7, "needs 'text'"),
])
def test_rule_file_errors_are_located(tmp_path, body, line, fragment):
    p = _write(tmp_path, body)
    with pytest.raises(TQError) as err:
        load_file(p)
    assert err.value.line == line, str(err.value)
    assert fragment in err.value.message
    assert str(err.value).startswith(f"{p}:{line}: ")


def test_bad_regex_option_is_located(tmp_path):
    p = _write(tmp_path, GOOD.replace('kind = "language"', 'kind = "input"') + '[options]\nproblem = "odd"\n')
    with pytest.raises(TQError) as err:
        load_file(p)
    assert err.value.line == 8


def test_duplicate_id_across_folders(tmp_path):
    _write(tmp_path, GOOD.replace("TQ900", "TQ101"))
    with pytest.raises(TQError, match="duplicate rule id TQ101"):
        load_dirs([builtin_dir(), tmp_path])


def test_selection_longest_prefix_wins():
    r = next(r for r in RULES if r.id == "TQ101")
    assert selected(r, None, [])
    assert not selected(r, None, ["TQ1"])
    assert selected(r, ["TQ101"], ["TQ1"])
    assert not selected(r, ["TQ1"], ["TQ101"])
    assert not selected(r, ["TQ1"], ["language-mismatch"])
    assert selected(r, ["language-mismatch"], ["TQ"])
    assert not selected(r, ["TQ5"], [])


def _pair_rules() -> list[str]:
    return sorted(r.id for r in load_dirs([builtin_dir()]) if "pair_types" in r.options)


@pytest.mark.parametrize("rule_id", _pair_rules())
def test_a_mistyped_pair_type_stops_the_run_at_its_line(rule_id, tmp_path, capsys):
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text(f'[options.{rule_id}]\npair_types = ["translations"]\n', encoding="utf-8")
    code, _ = run_cli("--config", str(cfg), str(SEEDS))
    assert code == 2 and f"{cfg}:2: unknown pair type 'translations'" in capsys.readouterr().err
