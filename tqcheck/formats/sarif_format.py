"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run, tool ``tqcheck``, with every rule of the run set (stable id, readable name,
the first sentence of its description as ``shortDescription``, the whole description
as ``fullDescription``, its severity as ``defaultConfiguration.level``) and one result
per finding. Regions give ``startLine``/``startColumn``/``endLine``/``endColumn``
(1-based, end column exclusive, as SARIF defines them) and the run declares
``columnKind: unicodeCodePoints``, which is how tqcheck counts columns.

``partialFingerprints["tqcheck/v1"]`` identifies a finding across edits the same way a
baseline does (the path from the project root, rule, flagged text, and which occurrence
of that key it is), so a dashboard keeps tracking a finding when lines move above it
and whichever folder tqcheck ran from.

A finding whose suggestion is an exact replacement of the flagged text (the
``replacement`` column: a repaired name, mojibake undone, a doubled space or word made
single) carries ``fixes``: one ``artifactChange`` whose ``replacement`` deletes the
flagged region and inserts the new text, which SARIF viewers offer to apply.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from ..engine.baseline import key
from ..report import Report

BINARY = False
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    for end in (". ", "? ", "! "):
        i = flat.find(end)
        if i != -1:
            return flat[: i + 1]
    return flat


def fingerprint(row: dict[str, Any], occurrence: int, locations: dict[str, str] | None = None) -> str:
    blob = json.dumps([*key(row, locations), occurrence], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _fix(f: dict[str, Any], region: dict[str, Any]) -> dict[str, Any]:
    """The finding's suggestion as a SARIF fix: the flagged span replaced by the exact
    replacement text (deleting it when the replacement is empty)."""
    new = f["replacement"]
    what = f"replace {f['text']!r} with {new!r}" if new else f"delete {f['text']!r}"
    deleted = {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn")}
    return {
        "description": {"text": what},
        "artifactChanges": [{
            "artifactLocation": {"uri": f["path"], "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": new}}],
        }],
    }


def as_dict(report: Report) -> dict[str, Any]:
    rules = sorted(report.rules, key=lambda r: r["id"])
    known = {r["id"] for r in rules}
    # A finding of a rule not in report.rules (a report assembled by hand): describe it briefly.
    for f in report.findings.select("rule_id", "rule_name", "severity").unique().sort("rule_id").to_dicts():
        if f["rule_id"] not in known:
            rules.append({"id": f["rule_id"], "name": f["rule_name"], "severity": f["severity"],
                          "description": f["rule_name"], "message": ""})
            known.add(f["rule_id"])
    rules.sort(key=lambda r: r["id"])
    index = {r["id"]: i for i, r in enumerate(rules)}
    seen: Counter[Any] = Counter()
    results = []
    for f in report.findings.to_dicts():
        k = key(f, report.locations)
        seen[k] += 1
        region: dict[str, Any] = {"startLine": f["line"], "startColumn": f["column"],
                                  "endLine": f["end_line"], "endColumn": f["end_column"]}
        if f["text"]:
            region["snippet"] = {"text": f["text"]}
        message = f["message"] + (f"\nSuggestion: {f['suggestion']}" if f["suggestion"] else "")
        result: dict[str, Any] = {
            "ruleId": f["rule_id"], "ruleIndex": index[f["rule_id"]], "level": LEVEL[f["severity"]],
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f["path"], "uriBaseId": "%SRCROOT%"}, "region": region}}],
            "partialFingerprints": {"tqcheck/v1": fingerprint(f, seen[k], report.locations)},
            "properties": {"story": f["story"], "language": f["language"], "ruleName": f["rule_name"]},
        }
        if f["related_path"]:
            rel: dict[str, Any] = {"artifactLocation": {"uri": f["related_path"], "uriBaseId": "%SRCROOT%"}}
            if f["related_line"]:
                rel["region"] = {"startLine": f["related_line"], "startColumn": f["related_column"]}
            result["relatedLocations"] = [{"id": 1, "physicalLocation": rel,
                                           "message": {"text": "the other version"}}]
        if f["value"] is not None:
            result["properties"]["value"] = f["value"]
        if f.get("replacement") is not None:
            result["fixes"] = [_fix(f, region)]
        results.append(result)
    driver = {
        "name": "tqcheck", "version": str(report.signature.get("tqcheck", "")),
        "rules": [{
            "id": r["id"], "name": r["name"],
            "shortDescription": {"text": _first_sentence(r["description"]) or r["name"]},
            "fullDescription": {"text": " ".join(r["description"].split()) or r["name"]},
            "defaultConfiguration": {"level": LEVEL[r["severity"]]},
            "properties": {"kind": r.get("kind", ""), "message": r.get("message", "")},
        } for r in rules],
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the folder tqcheck ran in"}}},
        "results": results,
        "properties": {"signature": report.signature, "stats": report.stats},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
