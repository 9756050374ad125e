"""SARIF 2.1.0: valid against the official schema, stable ids and fingerprints."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, need_shared, run_cli
from test_formats_support import probe, probe_args  # noqa: F401


def _validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads(need_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_validates_against_the_official_schema(probe):
    validator = _validator()
    code, out = run_cli("--format", "sarif", *probe_args(probe))
    data = json.loads(out)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert len(run["results"]) == 14 and run["columnKind"] == "unicodeCodePoints"
    # the schema is not a rubber stamp: a broken document fails it
    bad = json.loads(out)
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(bad))


def test_sarif_on_seeds_and_on_an_input_problem_validates(tmp_path):
    validator = _validator()
    (tmp_path / "empty.en.txt").write_text("", encoding="utf-8")
    for target in (str(SEEDS), str(tmp_path)):
        data = json.loads(run_cli("--isolated", "--format", "sarif", target)[1])
        assert not list(validator.iter_errors(data))
    data = json.loads(run_cli("--isolated", "--format", "sarif", str(tmp_path))[1])
    (res,) = data["runs"][0]["results"]
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert res["ruleId"] == "TQ002" and rules[res["ruleIndex"]]["id"] == "TQ002"
    assert rules[res["ruleIndex"]]["fullDescription"]["text"].startswith("The file has no text, or only")
    assert rules[res["ruleIndex"]]["shortDescription"]["text"].endswith("was not saved.")


def test_rules_regions_and_levels(probe):
    data = json.loads(run_cli("--format", "sarif", *probe_args(probe))[1])
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TT901", "TT902"]
    assert rules[0]["shortDescription"]["text"].startswith("Test-only rule: flags every occurrence")
    assert rules[0]["defaultConfiguration"]["level"] == "error"
    assert rules[1]["defaultConfiguration"]["level"] == "note"
    multi = next(r for r in run["results"] if "high-level" in r["message"]["text"])
    reg = multi["locations"][0]["physicalLocation"]["region"]
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (3, 55, 4, 9)
    assert reg["snippet"]["text"] == "high-level\nmilitary"
    zh = [r for r in run["results"] if r["ruleId"] == "TT901"
          and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("zh.md")]
    # 华盛顿和🚀莫斯科: the emoji is one code point, so 莫 is column 6
    assert zh[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 6


def test_fingerprints_are_stable_when_lines_move(probe):
    story, _ = probe
    before = json.loads(run_cli("--format", "sarif", *probe_args(probe))[1])["runs"][0]["results"]
    en = story / "report.en.md"
    en.write_text("Breaking\n\n" + en.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run_cli("--format", "sarif", *probe_args(probe))[1])["runs"][0]["results"]

    def prints(results):
        return {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"],
                 r["partialFingerprints"]["tqcheck/v1"]) for r in results if r["ruleId"] == "TT901"}

    assert prints(before) == prints(after)
    fps = [r["partialFingerprints"]["tqcheck/v1"] for r in after]
    assert len(set(fps)) == len(fps)  # the two "Moscow" findings differ by occurrence
    lines = {r["partialFingerprints"]["tqcheck/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in after if r["ruleId"] == "TT901"}
    old = {r["partialFingerprints"]["tqcheck/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
           for r in before if r["ruleId"] == "TT901"}
    moved = [fp for fp in old if fp in lines and lines[fp] != old[fp]]
    assert len(moved) == 3  # the three English TT901 findings moved down two lines
