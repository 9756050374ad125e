"""Shared by the output-format tests: a probe rule kind and a multilingual story.

The built-in rules find little on clean text, so the format tests run the real engine
with two rules of a test-only kind (``tqtest_probe``, registered for the test run in
``sys.modules``): TT901 marks every occurrence of the words it is given, TT902 puts a
zero-length finding at the start of the article and one right after the first word.
The story has English, Arabic, Chinese and Hebrew versions with emoji (characters
outside the Basic Multilingual Plane) before flagged words, so a page that mixed
code points with UTF-16 code units would highlight the wrong text.
"""

from __future__ import annotations

import sys
import types

import pytest

from conftest import run_cli

PROBE_WORDS = ["Moscow", "موسكو", "莫斯科", "מוסקבה", "high-level\nmilitary"]

STORY = {
    "report.en.md": ("US and Russia reopen 🇺🇸 military talks\n\n"
                     "Washington and Moscow 🤝 agreed on Thursday to restart high-level\n"
                     "military dialogue. Officials in Moscow said <talks> & \"trust\" matter.\n"),
    "report.ar.md": ("الولايات المتحدة وروسيا تستأنفان المحادثات العسكرية\n\n"
                     "اتفقت واشنطن و😀موسكو يوم الخميس على استئناف الحوار العسكري ١٢ مرة.\n"),
    "report.zh.md": ("美俄恢复军事对话\n\n华盛顿和🚀莫斯科周四同意恢复高级别军事对话。莫斯科表示欢迎。\n"),
    "report.he.md": ("ארצות הברית ורוסיה מחדשות שיחות צבאיות\n\nוושינגטון ו𝄞מוסקבה הסכימו ביום חמישי.\n"),
}
MANIFEST = """id = "probe-story"
[files."report.ar.md"]
lang = "ar"
translation_of = "report.en.md"
[files."report.zh.md"]
lang = "zh"
translation_of = "report.en.md"
[files."report.he.md"]
lang = "he"
translation_of = "report.en.md"
"""

RULE_WORD = """id = "TT901"
name = "probe-word"
kind = "tqtest_probe"
severity = "error"
message = "probe word {text}"
description = "Test-only rule: flags every occurrence of the listed words. No false positives by design."
[options]
words = %s
"""
RULE_POINT = """id = "TT902"
name = "probe-point"
kind = "tqtest_probe"
severity = "info"
message = "probe point"
description = "Test-only rule: zero-length findings at the start and after the first word."
[options]
points = true
"""


def _probe_module() -> types.ModuleType:
    from tqcheck.checks import Hit

    mod = types.ModuleType("tqcheck.checks.tqtest_probe")
    mod.SCOPE = "article"
    mod.OPTIONS = {"words": [], "points": False}

    def check(doc, options, ctx):
        if options["points"]:
            yield Hit(0, 0, suggestion="nothing to do")
            first = doc.text.find(" ")
            if first > 0:
                yield Hit(first, first)
            return
        for w in options["words"]:
            pos = doc.text.find(w)
            while pos != -1:
                yield Hit(pos, pos + len(w), suggestion=f"«{w}» → ?")
                pos = doc.text.find(w, pos + 1)

    mod.check = check
    return mod


@pytest.fixture
def probe(monkeypatch, tmp_path):
    """(story folder, rules folder) with the probe kind registered."""
    from tqcheck import checks

    monkeypatch.setitem(sys.modules, "tqcheck.checks.tqtest_probe", _probe_module())
    monkeypatch.setitem(checks.KINDS, "tqtest_probe", "a test-only kind")  # the table of kinds
    rules = tmp_path / "rules"
    rules.mkdir()
    words = "[" + ", ".join('"' + w.replace("\n", "\\n") + '"' for w in PROBE_WORDS) + "]"
    (rules / "TT901-probe-word.toml").write_text(RULE_WORD % words, encoding="utf-8")
    (rules / "TT902-probe-point.toml").write_text(RULE_POINT, encoding="utf-8")
    story = tmp_path / "story"
    story.mkdir()
    for name, text in STORY.items():
        (story / name).write_text(text, encoding="utf-8")
    (story / "story.toml").write_text(MANIFEST, encoding="utf-8")
    return story, rules


def probe_args(probe) -> list[str]:
    story, rules = probe
    return ["--isolated", "--rules", str(rules), "--select", "TT9", "--fail-on", "never", str(story)]


def probe_report(probe):
    from tqcheck.engine import config
    from tqcheck import engine

    story, rules = probe
    cfg = config.Config(select=["TT9"], rule_dirs=[rules])
    return engine.run([str(story)], cfg)


def test_probe_finds_every_word_in_every_script(probe):
    report = probe_report(probe)
    texts = report.findings.filter(report.findings["rule_id"] == "TT901")["text"].to_list()
    assert sorted(texts) == sorted(["Moscow", "Moscow", "high-level\nmilitary", "موسكو", "莫斯科", "莫斯科",
                                    "מוסקבה"])
    assert report.texts and all(report.texts[p][f["start"]:f["end"]] == f["text"]
                                for p in report.texts for f in report.findings.to_dicts() if f["path"] == p)
    code, out = run_cli(*probe_args(probe))
    assert code == 0 and "TT901" in out
