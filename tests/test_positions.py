"""Offsets map to line and column in code points, in every script."""

from __future__ import annotations

import pytest

from tqcheck.corpus.txt import from_text

CASES = [
    ("Latin", "Héllo wörld\nSecond café line", "café", (2, 8)),
    ("Cyrillic", "Первая строка\nВторая строка с Путиным", "Путиным", (2, 17)),
    ("Arabic", "السطر الأول\nقال ويتكوف إن المحادثات", "ويتكوف", (2, 5)),
    ("CJK", "第一行。\n美国和俄罗斯恢复军事对话。", "军事", (2, 9)),
    ("astral", "😀 emoji first\nthen 𝐛old", "old", (2, 7)),
]


@pytest.mark.parametrize("script,text,needle,expected", CASES, ids=[c[0] for c in CASES])
def test_line_and_column(script, text, needle, expected):
    doc = from_text("x.txt", text)
    assert doc.position(doc.text.index(needle)) == expected


def test_crlf_and_cr_do_not_shift_columns():
    doc = from_text("x.txt", "one\r\ntwo three\r\nfour")
    assert doc.position(doc.text.index("three")) == (2, 5)
    assert doc.position(doc.text.index("four")) == (3, 1)
    assert from_text("y.txt", "a\rb").position(2) == (2, 1)


def test_sentences_keep_ordinal_dates_and_split_every_script():
    from tqcheck.analysis.text import sentences

    text = ("Die Frist endete am 5. Februar. Danach kam nichts.\nEr zählte bis 12.\nNeu.\n"
            "停火协议已经生效。双方都表示欢迎！\nهل انتهت المحادثات؟ لا أحد يعرف.")
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["Die Frist endete am 5. Februar.", "Danach kam nichts.", "Er zählte bis 12.", "Neu.",
                   "停火协议已经生效。", "双方都表示欢迎！", "هل انتهت المحادثات؟", "لا أحد يعرف."]
