"""The config's JSON Schema (tqcheck/schema/config.schema.json) and config.py do not drift.

Every key config.py accepts is in the schema (hyphen and underscore forms), every key
the schema allows is accepted by config.py, and real configs (the README's example, the
fixtures' configs, a pyproject.toml table) validate.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from conftest import ROOT
from tqcheck.engine import config as config_mod

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")

SCHEMA = config_mod.schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _schema_keys() -> set[str]:
    return {k.replace("-", "_") for k in SCHEMA["properties"]}


def missing_from_schema(keys: set[str]) -> list[str]:
    """Config keys without both spellings in the schema."""
    props = set(SCHEMA["properties"])
    return sorted(k for k in keys if not {k, k.replace("_", "-")} <= props)


def test_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["additionalProperties"] is False


def test_every_config_key_is_in_the_schema():
    assert missing_from_schema(set(config_mod._KEYS)) == []


def test_a_key_added_to_config_without_the_schema_fails(monkeypatch):
    monkeypatch.setattr(config_mod, "_KEYS", {*config_mod._KEYS, "max_findings"})
    assert missing_from_schema(set(config_mod._KEYS)) == ["max_findings"]


def test_the_schema_allows_no_key_config_py_refuses():
    extra = _schema_keys() - set(config_mod._KEYS)
    assert not extra, f"schema keys config.py does not accept: {sorted(extra)}"


SAMPLES = {  # a valid value per key, accepted by config.py and by the schema
    "select": ["TQ1", "name-authority-variant"], "ignore": ["TQ501"], "fail_on": "warning",
    "languages": ["en", "ar", "zh-tw"], "distinguish_regions": True, "rule_dirs": ["."],
    "severity": {"TQ101": "info"}, "per_path_ignores": {"archive/*": ["TQ3"]},
    "options": {"TQ501": {"min_chrf": 20.0}}, "baseline": "tqcheck-baseline.json",
    "exclude": ["drafts/"], "extend_exclude": ["*.bak.md"], "respect_gitignore": False,
    "force_exclude": True,
    "memory_budget": 800,
}


@pytest.mark.parametrize("key", sorted(config_mod._KEYS))
def test_each_key_is_accepted_by_both_in_both_spellings(key, tmp_path):
    assert key in SAMPLES, f"add a sample value for the new config key {key!r}"
    for spelled in {key, key.replace("_", "-")}:
        data = {spelled: SAMPLES[key]}
        assert not list(VALIDATOR.iter_errors(data)), spelled
        config_mod.from_dict(data, base=tmp_path)


@pytest.mark.parametrize("data", [
    {"fail-on": "sometimes"}, {"select": "TQ1"}, {"severity": {"TQ101": "fatal"}},
    {"per-path-ignores": {"a/*": "TQ1"}}, {"colour": "red"}, {"distinguish-regions": "yes"},
    {"options": {"TQ501": 3}},
])
def test_mistakes_config_py_refuses_are_refused_by_the_schema(data, tmp_path):
    assert list(VALIDATOR.iter_errors(data))
    with pytest.raises(Exception):
        config_mod.from_dict(data, base=tmp_path)


def _readme_config() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Configuration"):]
    block = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert block, "the README's configuration section has no toml example"
    return tomllib.loads(block.group(1))


def test_readme_config_example_validates():
    data = _readme_config()
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert {"select", "per-path-ignores", "severity", "options"} <= set(data)


def test_real_configs_validate():
    found = [p for p in (ROOT / "tests" / "fixtures").glob("*/config.toml")]
    for p in found:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        assert not [e.message for e in VALIDATOR.iter_errors(data)], p
    table = tomllib.loads('[tool.tqcheck]\nselect = ["TQ1"]\nfail_on = "info"\nrule-dirs = ["house"]\n')
    assert not list(VALIDATOR.iter_errors(table["tool"]["tqcheck"]))
