"""Configuration files: discovery, validation with locations, effects on a run."""

from __future__ import annotations

import pytest

from tqcheck.config import discover, load
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
])
def test_config_errors_are_located(tmp_path, body, line, fragment):
    p = tmp_path / "tqcheck.toml"
    p.write_text(body)
    with pytest.raises(TQError) as err:
        load(p)
    assert (err.value.line, fragment in err.value.message) == (line, True), str(err.value)
