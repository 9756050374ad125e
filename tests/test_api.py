"""The Python API: check() with config as keywords or a mapping, check_texts() for a CMS."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS

from tqcheck import check, check_texts
from tqcheck.engine.config import Config
from tqcheck.errors import TQError

DOUBLED = "The minister  spoke in Kyiv on Thursday about the  talks."
ARTICLES = [
    {"id": "a", "lang": "en", "story": "s1",
     "text": "The foreign minister arrived in Geneva on Thursday for talks on the grain deal."},
    {"id": "b", "lang": "de", "translation_of": "a",
     "text": "Der Außenminister traf am Donnerstag zu Gesprächen über das Getreideabkommen in Genf ein."},
    {"id": "c", "lang": "ar", "story": "s2", "text": "השר הגיע לז'נבה ביום חמישי לשיחות על עסקת התבואה."},
]


def test_check_takes_config_as_keywords_a_mapping_or_a_config():
    by_kw = check(SEEDS, select=["TQ3"], fail_on="info")
    by_map = check([str(SEEDS)], {"select": ["TQ3"]})
    assert by_kw.findings.equals(by_map.findings)
    assert set(by_kw.findings["rule_id"].to_list()) <= {f"TQ3{n:02d}" for n in range(100)}
    # keywords win over the mapping; hyphenated keys work as in the file
    over = check(SEEDS, {"select": ["TQ1"], "fail-on": "never"}, select=["TQ3"])
    assert over.findings.equals(by_kw.findings)
    cfg = Config(select=["TQ1"])
    assert check(SEEDS, cfg, select=["TQ3"]).findings.equals(by_kw.findings)
    assert cfg.select == ["TQ1"]  # the caller's Config is not changed
    with pytest.raises(TQError, match="unknown config key 'colour'"):
        check(SEEDS, colour="red")
    with pytest.raises(TQError, match="fail-on must be one of"):
        check(SEEDS, fail_on="sometimes")


def test_check_texts_gives_the_report_the_cli_gives_for_the_same_feed(tmp_path):
    from tqcheck.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    mem = check_texts(ARTICLES, ignore=["TQ501"])
    assert mem.findings.equals(check(feed, ignore=["TQ501"]).findings)
    assert mem.documents.equals(check(feed, ignore=["TQ501"]).documents)
    got = {(f["path"], f["rule_id"]) for f in mem.findings.to_dicts()}
    assert ("c", "TQ101") in got  # Hebrew declared Arabic: a language mismatch
    assert mem.documents.filter(mem.documents["path"] == "b")["story"].to_list() == ["s1"]
    import io

    out = io.StringIO()
    assert main(["--isolated", "--ignore", "TQ501", "--format", "json", str(feed)], stdout=out) == 1
    assert json.loads(out.getvalue())["findings"] == json.loads(
        json.dumps(mem.findings.to_dicts(), ensure_ascii=False))


def test_check_texts_accepts_a_string_a_mapping_and_a_list_of_strings():
    one = check_texts(DOUBLED, select=["TQ306"])
    assert one.findings["path"].to_list() == ["text-1", "text-1"]
    two = check_texts(["Clean text here.", DOUBLED], select=["TQ306"])
    assert set(two.findings["path"].to_list()) == {"text-2"}
    assert check_texts({"text": DOUBLED, "id": "x"}, select=["TQ306"]).findings["path"][0] == "x"
    # lines and columns count code points of the text as given, in any script
    zh = check_texts({"id": "z", "lang": "zh", "text": "部长周四抵达日内瓦。\n会谈  恢复。"}, select=["TQ306"])
    assert zh.findings.select("line", "column").to_dicts() == [{"line": 2, "column": 3}]
    ar = check_texts({"id": "r", "lang": "ar", "text": "وصل الوزير إلى جنيف.\r\nوبدأت  المحادثات يوم الخميس."},
                     select=["TQ306"])
    assert ar.findings.select("line", "column").to_dicts() == [{"line": 2, "column": 6}]


def test_check_texts_reports_empty_text_and_rejects_mistakes():
    empty = check_texts([{"id": "e", "text": "  \n"}], select=["TQ002"])
    assert empty.findings["rule_id"].to_list() == ["TQ002"]
    for bad, fragment in [
        ([{"id": "a", "txt": "x"}], "unknown key 'txt'"),
        ([{"id": "a", "text": 3}], "'text' must be a string"),
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "id 'a' is used twice"),
        ([{"id": "a", "text": "x", "lang": "xx-nowhere"}], "unknown language code"),
        ([{"id": "a", "text": "x", "translation_of": "zzz"}], "names no document"),
        ([42], "expected a string or a mapping"),
    ]:
        with pytest.raises(TQError, match=fragment):
            check_texts(bad)


def test_a_baseline_in_the_config_applies_as_in_the_cli(tmp_path, monkeypatch):
    from tqcheck.engine import baseline

    monkeypatch.chdir(tmp_path)
    first = check_texts([{"id": "a", "text": DOUBLED}], select=["TQ306"])
    assert first.findings.height == 2
    baseline.write(first, tmp_path / "b.json")
    again = check_texts([{"id": "a", "text": DOUBLED + " And  more."}], select=["TQ306"],
                        baseline="b.json")
    assert again.findings["column"].to_list() == [len(DOUBLED) + 5]  # only the new one
    assert again.stats["suppressed_by_baseline"] == 2
