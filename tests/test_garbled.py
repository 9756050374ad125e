"""TQ3xx: mojibake, damaged characters, repetition, brackets — behaviour and devset measures."""

from __future__ import annotations

import json

import pytest

from tests.conftest import need_shared
from tqcheck.corpus.txt import from_text
from tqcheck.eval.garbled import flags, load_rules, make_ctx


def hits(rule_id: str, text: str, lang: str | None = "en"):
    rule = load_rules((rule_id,))[0]
    doc = from_text("t.txt", text, lang=lang)
    return [(doc.text[h.start:h.end], h) for h in rule.module.check(doc, rule.options, make_ctx())]


def test_mojibake_located_per_paragraph_with_repair():
    text = "First paragraph is fine.\nThe worldâ€™s two largest powers met.\n"
    got = hits("TQ301", text)
    assert len(got) == 1
    span, h = got[0]
    assert span == "worldâ€™s"
    assert h.fix == h.suggestion == "world’s"


def test_mojibake_leaves_real_non_ascii_alone():
    for text, lang in [("Переговоры возобновились в четверг.", "ru"),
                       ("美国和俄罗斯周四同意恢复高级别军事对话。", "zh"),
                       ("Les négociations reprendront à Abou Dhabi, « sans délai ».", "fr"),
                       ("استئناف الحوار العسكري بين واشنطن وموسكو.", "ar")]:
        assert hits("TQ301", text, lang) == []


def test_c1_control_fixed_as_windows_1252():
    (span, h), = hits("TQ303", "Il s\x92agit d\x85 rien.")[:1]
    assert span == "\x92" and h.fix == "’"


def test_entities_double_escape_fixed_in_one_go():
    got = hits("TQ305", "Smith &amp;amp; Wesson and it&#8217;s <br/> done.")
    fixes = [(s, h.fix) for s, h in got]
    assert ("&amp;amp;", "&") in fixes and ("&#8217;", "’") in fixes
    assert ("<br/>", None) in fixes


def test_joiners_allowed_where_scripts_need_them():
    assert hits("TQ304", "می\u200cخواهم", "fa") == []
    assert hits("TQ304", "क्\u200dष", "hi") == []
    assert [s for s, _ in hits("TQ304", "cease\u200cfire and cease\u200bfire")] == ["\u200c", "\u200b"]


def test_doubled_word_language_aware():
    assert [s for s, _ in hits("TQ307", "We met the the minister.")] == ["the the"]
    assert hits("TQ307", "Anak anak bermain.", "id") == []
    assert hits("TQ307", "Die Frauen, die die Kinder betreuen.", "de") == []


def test_stacked_headlines_but_not_distinct_headings():
    text = ("US and Russia reopen military talks as nuclear limits expire\n"
            "US and Russia quietly reopen military talks as nuclear treaty era ends\n"
            "Washington and Moscow are back in direct military contact.\n"
            "Why these talks matter right now\n"
            "EUCOM said keeping dialogue open is vital.\n"
            "The shadow of the New START treaty\n"
            "The treaty expired on 5 February.\n")
    got = hits("TQ309", text)
    assert [s for s, _ in got] == ["US and Russia quietly reopen military talks as nuclear treaty era ends"]


def test_quotes_per_language_conventions():
    assert hits("TQ311", "„Wir reden weiter“, sagte er.", "de") == []
    assert hits("TQ311", "Il a dit « nous continuons » hier.", "fr") == []
    assert len(hits("TQ311", "He said “we continue and left.", "en")) == 1


@pytest.mark.devset
def test_devset_mojibake_recall_and_clean_lookalikes():
    path = need_shared("devset", "mojibake.jsonl")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    rules = load_rules(("TQ301", "TQ303"))
    ctx = make_ctx()
    garbled = [r for r in rows if r["is_garbled"]]
    clean = [r for r in rows if not r["is_garbled"]]
    got = {r["id"]: flags(r["garbled"], None, rules, ctx) for r in rows}
    # encoding damage: mojibake (TQ301) or Windows-1252 bytes left as C1 controls (TQ303)
    found = sum(bool(got[r["id"]]) for r in garbled)
    assert found / len(garbled) >= 0.95
    # the mojibake rule flags none of ftfy's clean look-alikes
    assert [r["garbled"] for r in clean if "TQ301" in got[r["id"]]] == []
    # the control-character rule flags exactly the look-alikes that hold control characters
    assert all(("TQ303" in got[r["id"]]) == r["has_control_chars"] for r in clean)


@pytest.mark.devset
def test_devset_clean_sentences_default_rules_sample():
    folder = need_shared("devset", "lid", "lingua-sentences")
    ids = ("TQ301", "TQ302", "TQ304", "TQ309", "TQ401", "TQ402", "TQ404", "TQ405")
    rules = load_rules(ids)
    ctx = make_ctx()
    total = flagged = 0
    for lang in ("en", "de", "ru", "ar", "zh", "hi", "fa", "ja"):
        for s in (folder / f"{lang}.txt").read_text(encoding="utf-8").split("\n")[:300]:
            if s.strip():
                total += 1
                flagged += bool(flags(s, lang, rules, ctx))
    assert flagged / total <= 0.002, (flagged, total)
