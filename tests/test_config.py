"""Configuration files: discovery, validation with locations, effects on a run."""

from __future__ import annotations

import pytest

from tqcheck.engine.config import discover, load
from tqcheck.errors import TQError


def test_discovery_prefers_tqcheck_toml_and_walks_up(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.tqcheck]\nfail-on = 'warning'\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert discover(sub) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "tqcheck.toml").write_text("fail-on = 'info'\n")
    assert discover(sub) == tmp_path / "a" / "tqcheck.toml"
    assert load(discover(sub)).fail_on == "info"


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert discover(tmp_path) in (None,) or discover(tmp_path) != tmp_path / "pyproject.toml"


@pytest.mark.parametrize("body,line,fragment", [
    ("select = ['TQ1']\ncolour = 'red'\n", 2, "unknown config key 'colour'"),
    ("fail-on = 'sometimes'\n", 1, "fail-on must be"),
    ("\nlanguages = ['en', 'xx']\n", 2, "unknown language code 'xx'"),
    ("[severity]\nTQ101 = 'fatal'\n", 2, "severity of TQ101"),
    ("select = 'TQ1'\n", 1, "must be a list"),
    ("select = [\n", 1, "invalid TOML"),
    ("fail-on = 'never'\nmemory-budget = '1 GB'\n", 2, "'memory-budget' must be a whole number of MB"),
    ("memory_budget = 0\n", 1, "must be a whole number of MB, at least 1"),
    ("memory-budget = true\n", 1, "must be a whole number of MB"),
])
def test_config_errors_are_located(tmp_path, body, line, fragment):
    p = tmp_path / "tqcheck.toml"
    p.write_text(body)
    with pytest.raises(TQError) as err:
        load(p)
    assert (err.value.line, fragment in err.value.message) == (line, True), str(err.value)


HOUSE = """
[[pair]]
lang = "en"
forms = ['Gaza Strip', 'Gaza strip']
names = ["Gaza Strip", "Gaza strip"]
"""
ARTICLE = "Aid reached the Gaza Strip on Monday.\nTrucks left the Gaza strip again on Tuesday.\n"


def test_data_file_options_resolve_from_the_file_that_sets_them(tmp_path):
    """A config's data path starts from the config's folder; a newsroom rule's from its own."""
    from tqcheck.engine.config import load
    from tqcheck.engine import run

    (tmp_path / "story.en.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "pairs.toml").write_text(HOUSE, encoding="utf-8")
    cfg_file = tmp_path / "cfg" / "tqcheck.toml"
    cfg_file.write_text('select = ["TQ405"]\n[options.TQ405]\npairs = "pairs.toml"\n', encoding="utf-8")
    found = run([str(tmp_path / "story.en.txt")], load(cfg_file)).findings
    assert found["text"].to_list() == ["Gaza strip"]

    house = tmp_path / "house"
    (house / "lists").mkdir(parents=True)
    (house / "lists" / "pairs.toml").write_text(HOUSE, encoding="utf-8")
    (house / "NR901.toml").write_text(
        'id = "NR901"\nname = "gaza-style"\nkind = "house_style"\nseverity = "warning"\n'
        'message = "{form!r} here, {other!r} at {where}"\ndescription = "house pair"\n'
        '[options]\npairs = "lists/pairs.toml"\n', encoding="utf-8")
    cfg_file.write_text(f'select = ["NR901"]\nrule-dirs = ["{house}"]\n', encoding="utf-8")
    found = run([str(tmp_path / "story.en.txt")], load(cfg_file)).findings
    assert found["rule_id"].to_list() == ["NR901"]

    cfg_file.write_text('[options.TQ405]\npairs = "missing.toml"\n', encoding="utf-8")
    with pytest.raises(TQError) as err:
        run([str(tmp_path / "story.en.txt")], load(cfg_file))
    assert err.value.line == 2 and "missing.toml" in err.value.message


def test_memory_budget_is_read_and_held_by_the_run(tmp_path, monkeypatch):
    """``memory-budget`` reaches the memos' budget at the start of a run (where the
    workers would be forked from), and the run's findings do not depend on it."""
    from tqcheck import engine
    from tqcheck.analysis import memo
    from tqcheck.engine.config import Config

    p = tmp_path / "tqcheck.toml"
    p.write_text("memory-budget = 250\n")
    assert load(p).memory_budget == 250
    assert Config().memory_budget is None
    seeds = str(pytest.importorskip("conftest").SEEDS)
    emptied = []
    real = memo.clear_memos
    monkeypatch.setattr(memo, "clear_memos", lambda: emptied.append(1) or real())
    # (a budget far over what the test process holds, however long the session)
    roomy = engine.run([seeds], Config(memory_budget=10**6)).findings
    assert memo.BUDGET_MB == 10**6 and not emptied
    if memo.resident_mb() is None:
        pytest.skip("no /proc/self/statm on this system: no budget is held")
    tiny = engine.run([seeds], Config(memory_budget=1)).findings
    assert memo.BUDGET_MB == 1 and emptied  # every story is over 1 MB
    assert tiny.equals(roomy)
    engine.run([seeds], Config())
    assert memo.BUDGET_MB == memo.DEFAULT_BUDGET_MB
