"""Inline suppression markers: <!-- tqcheck: ignore RULE --> in Markdown and plain text."""

from __future__ import annotations

import json

from conftest import run_cli
from test_formats_support import probe, probe_args  # noqa: F401

from tqcheck.engine import suppress


def _findings(*argv):
    code, out = run_cli("--format", "json", *argv)
    data = json.loads(out)
    return data["findings"], data["summary"]


def _rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_marker_at_end_of_line_accepts_that_line_only(probe):
    story, _ = probe
    before, _ = _findings(*probe_args(probe))
    _rewrite(story / "report.en.md", "said <talks>", "said <talks> <!-- tqcheck: ignore TT901 -->")
    after, summary = _findings(*probe_args(probe))
    gone = {(f["path"], f["line"], f["text"]) for f in before} - {(f["path"], f["line"], f["text"]) for f in after}
    assert [(line, text) for _, line, text in gone] == [(4, "Moscow")]
    assert len(after) == len(before) - 1 and summary["suppressed_inline"] == 1
    # the other Moscow (line 3) and the finding that starts on line 3 and ends on line 4 stay
    assert {(f["line"], f["text"]) for f in after if f["path"].endswith("en.md") and f["rule_id"] == "TT901"} \
        == {(3, "Moscow"), (3, "high-level\nmilitary")}


def test_marker_on_its_own_line_accepts_the_next_line_with_text(probe):
    story, _ = probe
    _rewrite(story / "report.ar.md", "\n\nاتفقت", "\n\n<!-- tqcheck: ignore probe-word (اسم المدينة) -->\n\nاتفقت")
    after, summary = _findings(*probe_args(probe))
    assert not [f for f in after if f["path"].endswith("ar.md") and f["rule_id"] == "TT901"]
    assert summary["suppressed_inline"] == 1


def test_marker_names_the_rule(probe):
    story, _ = probe
    _rewrite(story / "report.zh.md", "表示欢迎。", "表示欢迎。<!-- tqcheck: ignore TQ999 -->")
    after, summary = _findings(*probe_args(probe))
    assert len([f for f in after if f["path"].endswith("zh.md") and f["rule_id"] == "TT901"]) == 2
    # the one accepted finding is the probe's caret at the first space, which now falls inside
    # the marker itself; no TT901 finding was accepted by a marker naming another rule
    assert summary["suppressed_inline"] == 1
    assert not [f for f in after if f["path"].endswith("zh.md") and f["rule_id"] == "TT902" and f["start"] > 0]


def test_ignore_file_and_prefix(probe):
    story, _ = probe
    _rewrite(story / "report.he.md", "\n\n", "\n<!-- tqcheck: ignore-file tt9 -->\n\n")
    after, summary = _findings(*probe_args(probe))
    assert not [f for f in after if f["path"].endswith("he.md")]
    assert summary["suppressed_inline"] == 3


def test_marker_spans_and_bare_ignore():
    text = ("Headline\n"
            "<!-- tqcheck: ignore TQ301, name-authority-variant -->\n"
            "\n"
            "Body line one. <!-- tqcheck: ignore -->\n"
            "Body line two.\n")
    m1, m2 = suppress.markers(text)
    assert m1.rules == ("TQ301", "name-authority-variant") and not m1.whole_file
    assert text[m1.target_start:m1.target_end] == "Body line one. <!-- tqcheck: ignore -->"
    assert m2.rules == () and text[m2.target_start:m2.target_end] == "Body line one. <!-- tqcheck: ignore -->"
    row = {"rule_id": "TQ205", "rule_name": "other", "start": text.index("Body"), "end": text.index("Body") + 4}
    assert suppress.suppressed_by(row, [m1]) is None and suppress.suppressed_by(row, [m2]) is m2
    row2 = {**row, "start": text.index("two"), "end": text.index("two") + 3}
    assert suppress.suppressed_by(row2, [m1, m2]) is None
    # a finding inside the marker itself (a rule about HTML comments) is accepted
    inside = {"rule_id": "TQ401", "rule_name": "markup", "start": m1.start, "end": m1.end}
    assert suppress.suppressed_by(inside, [m1]) is m1


def test_marker_at_end_of_text_covers_nothing():
    (m,) = suppress.markers("Text.\n<!-- tqcheck: ignore TQ1 -->\n")
    assert m.target_start == m.target_end
    row = {"rule_id": "TQ101", "rule_name": "language-mismatch", "start": 0, "end": 0}
    assert suppress.suppressed_by(row, [m]) is None
