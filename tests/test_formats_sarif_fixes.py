"""SARIF fixes: a finding with an exact replacement carries a fix that, applied, repairs
the text; the document stays valid against the official 2.1.0 schema."""

from __future__ import annotations

import json

import pytest

from conftest import need_shared, run_cli

TEXT = ("The minister  spoke in Kyiv, and the the talks went on.\n"
        "Prices at the CafÃ© rose.\n"
        "وصل الوزير  إلى جنيف يوم الخميس.\n"
        "部长<b>抵达</b>日内瓦。\n")
REPAIRED = ("The minister spoke in Kyiv, and the talks went on.\n"
            "Prices at the Café rose.\n"
            "وصل الوزير إلى جنيف يوم الخميس.\n"
            "部长抵达日内瓦。\n")
ARGS = ("--isolated", "--no-progress", "--select", "TQ301,TQ305,TQ306,TQ307", "--format", "sarif")


def _apply(text: str, results: list[dict]) -> str:
    """Apply every fix, as a SARIF viewer would: regions in code points, 1-based."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    edits = []
    for r in results:
        for fix in r.get("fixes", []):
            for change in fix["artifactChanges"]:
                for rep in change["replacements"]:
                    d = rep["deletedRegion"]
                    a = starts[d["startLine"] - 1] + d["startColumn"] - 1
                    b = starts[d["endLine"] - 1] + d["endColumn"] - 1
                    edits.append((a, b, rep["insertedContent"]["text"]))
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    return text


@pytest.fixture
def sarif(tmp_path):
    (tmp_path / "mixed.md").write_text(TEXT, encoding="utf-8")
    code, out = run_cli(*ARGS, str(tmp_path))
    return json.loads(out)


def test_fixes_repair_the_text_when_applied(sarif):
    results = sarif["runs"][0]["results"]
    with_fix = [r for r in results if "fixes" in r]
    assert {r["ruleId"] for r in with_fix} == {"TQ301", "TQ305", "TQ306", "TQ307"}
    assert _apply(TEXT, results) == REPAIRED
    tag = next(r for r in with_fix if r["ruleId"] == "TQ305")
    assert tag["fixes"][0]["description"]["text"].startswith("delete '<")
    change = tag["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"].endswith("mixed.md")


def test_a_hint_is_not_a_fix(tmp_path):
    (tmp_path / "open.en.txt").write_text("The minister (who arrived on Thursday spoke in Geneva.\n",
                                          encoding="utf-8")
    (tmp_path / "bad.en.txt").write_text("Lost characters: \ufffd\ufffd here.\n", encoding="utf-8")
    out = run_cli("--isolated", "--select", "TQ302,TQ310", "--format", "sarif", str(tmp_path))[1]
    results = json.loads(out)["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"TQ302", "TQ310"}
    assert all("fixes" not in r for r in results)  # advice, not an exact replacement
    assert all("Suggestion:" in r["message"]["text"] for r in results)


def test_sarif_with_fixes_validates_against_the_official_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads(need_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(sarif)]
    assert errors == []
    broken = json.loads(json.dumps(sarif))
    fix = next(r for r in broken["runs"][0]["results"] if "fixes" in r)["fixes"][0]
    fix["artifactChanges"] = []  # a fix must change something: the schema says so
    assert list(validator.iter_errors(broken))
