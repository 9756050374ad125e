"""TQ006: an inline marker whose rule word names no rule is reported, never silently dead."""

from __future__ import annotations

import json

from conftest import run_cli

from tqcheck.engine import suppress
from tqcheck.checks import marker
from tqcheck.engine.rules import builtin_dir, load_dirs

KNOWN = tuple((r.id, r.name) for r in load_dirs([builtin_dir()]))
DOUBLED = "The minister  spoke on Thursday in the capital."


def _run(*argv):
    code, out = run_cli("--isolated", "--no-progress", "--format", "json", *argv)
    return json.loads(out)


def test_suggestions_repair_what_keyboards_do():
    assert marker.suggest("TQ3O1", KNOWN) == "TQ301"          # letter O for zero
    assert marker.suggest("TQ3l2", KNOWN) == "TQ312"          # letter l for one
    assert marker.suggest("ТQ301", KNOWN) == "TQ301"          # Cyrillic Т
    assert marker.suggest("ΤQ301", KNOWN) == "TQ301"          # Greek Τ
    assert marker.suggest("ＴＱ３０１", KNOWN) == "TQ301"      # full-width, from a CJK IME
    assert marker.suggest("TQ٣٠١", KNOWN) == "TQ301"          # Arabic-Indic digits
    assert marker.suggest("TQ2011", KNOWN) == "TQ201"
    assert marker.suggest("name-autority-variant", KNOWN) == "name-authority-variant"
    assert marker.suggest("filing", KNOWN) is None
    assert marker.names_rule("tq3", KNOWN) and marker.names_rule("doubled-space", KNOWN)
    assert not marker.names_rule("TQ3O1", KNOWN) and not marker.names_rule("ＴＱ３０１", KNOWN)


def test_a_non_ascii_rule_word_is_not_a_bare_ignore():
    """Before TQ006, a marker whose only rule was typed in full-width or Cyrillic letters
    lost the word and became a bare ignore that accepted every finding on its line."""
    (mk,) = suppress.markers("Text  here. <!-- tqcheck: ignore ＴＱ３０６ -->")
    assert mk.rules == ("ＴＱ３０６",)
    row = {"rule_id": "TQ306", "rule_name": "doubled-space", "start": 4, "end": 6}
    assert suppress.suppressed_by(row, [mk]) is None


def test_typo_is_reported_and_the_finding_it_meant_stays(tmp_path):
    (tmp_path / "a.en.md").write_text(DOUBLED + " <!-- tqcheck: ignore TQ3O6 -->\n", encoding="utf-8")
    found = _run("--select", "TQ006,TQ306", str(tmp_path))["findings"]
    assert [(f["rule_id"], f["text"], f["suggestion"]) for f in found] == [
        ("TQ306", "  ", " "), ("TQ006", "TQ3O6", "TQ306")]
    # the repaired marker accepts the finding and TQ006 has nothing to say
    (tmp_path / "a.en.md").write_text(DOUBLED + " <!-- tqcheck: ignore TQ306 -->\n", encoding="utf-8")
    data = _run("--select", "TQ006,TQ306", str(tmp_path))
    assert data["findings"] == [] and data["summary"]["suppressed_inline"] == 1


def test_tq006_is_not_hidden_by_its_own_marker_but_can_be_accepted(tmp_path):
    (tmp_path / "a.en.md").write_text("Text. <!-- tqcheck: ignore TQ9X9 -->\n", encoding="utf-8")
    assert len(_run("--select", "TQ006", str(tmp_path))["findings"]) == 1
    (tmp_path / "a.en.md").write_text("Text. <!-- tqcheck: ignore TQ9X9 -->\n"
                                      "<!-- tqcheck: ignore-file TQ006 (legacy markers) -->\n",
                                      encoding="utf-8")
    assert _run("--select", "TQ006", str(tmp_path))["findings"] == []


def test_newsroom_rules_count_as_known_even_when_not_selected(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    (house / "HS101.toml").write_text(
        'id = "HS101"\nname = "house-dateline"\nkind = "characters"\nseverity = "info"\n'
        'message = "m"\ndescription = "d"\nenabled = false\n[options]\ncategory = "spaces"\n',
        encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.en.md").write_text("Text. <!-- tqcheck: ignore HS101, house-dateline -->\n",
                                  encoding="utf-8")
    assert len(_run("--select", "TQ006", str(news))["findings"]) == 2
    assert _run("--select", "TQ006", "--rules", str(house), str(news))["findings"] == []
