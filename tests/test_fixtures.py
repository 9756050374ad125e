"""Every rule's fixture story gives exactly its reviewed findings."""

from __future__ import annotations

import json

import pytest

from fixture_support import FIXTURES, findings

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").is_file()) \
    if FIXTURES.is_dir() else []


@pytest.mark.parametrize("rule_id", CASES)
def test_fixture(rule_id):
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))
    assert findings(rule_id) == expected


def test_fixture_expectations_are_not_empty():
    """A fixture whose expected findings are empty proves nothing about flagging."""
    for rule_id in CASES:
        data = json.loads((FIXTURES / rule_id / "expected.json").read_text(encoding="utf-8"))
        assert data, f"tests/fixtures/{rule_id}/expected.json has no finding"


def test_every_rule_has_a_fixture():
    from tqcheck.engine.rules import builtin_dir, load_dirs

    missing = [r.id for r in load_dirs([builtin_dir()]) if r.id not in CASES]
    assert not missing, f"rules without tests/fixtures/<ID>/expected.json: {missing}"
