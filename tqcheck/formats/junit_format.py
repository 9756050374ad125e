"""JUnit XML, for CI systems that chart test results (Jenkins, GitLab, Azure, CircleCI).

One ``<testsuite>`` per story; in it one ``<testcase>`` per document (classname the
story, name the path) that passes when the document has no finding, and one failing
``<testcase>`` per finding (name ``RULE path:line:col``) whose ``<failure>`` carries the
rule as ``type``, the message, and the flagged text and suggestion as its body. Every
finding fails, whatever its severity (the severity is in the failure's message); CI
pass/fail is the exit code's business, governed by ``--fail-on``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from ..report import Report

BINARY = False


def _clean(s: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: show them as \\uXXXX."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                   and ch not in "\ufffe\uffff" else f"\\u{ord(ch):04x}" for ch in s)


def render(report: Report) -> str:
    findings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in report.findings.to_dicts():
        findings[f["path"]].append(f)
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in report.documents.to_dicts():
        stories[d["story"]].append(d)
    root = ET.Element("testsuites", name="tqcheck", tests="0", failures="0")
    total = fails = 0
    for story, docs in stories.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(story))
        n = nf = 0
        for d in docs:
            rows = findings.get(d["path"], [])
            n += 1
            ET.SubElement(suite, "testcase", classname=_clean(story), name=_clean(d["path"]))
            for f in rows:
                n += 1
                nf += 1
                case = ET.SubElement(suite, "testcase", classname=_clean(story),
                                     name=_clean(f"{f['rule_id']} {f['path']}:{f['line']}:{f['column']}"))
                fail = ET.SubElement(case, "failure", type=f"{f['rule_id']} {f['rule_name']}",
                                     message=_clean(f"{f['severity']}: {f['message']}"))
                body = [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule_id']} {f['message']}"]
                if f["text"]:
                    body.append(f"flagged: {f['text']}")
                if f["suggestion"]:
                    body.append(f"suggestion: {f['suggestion']}")
                fail.text = _clean("\n".join(body))
        suite.set("tests", str(n))
        suite.set("failures", str(nf))
        suite.set("errors", "0")
        total += n
        fails += nf
    root.set("tests", str(total))
    root.set("failures", str(fails))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
