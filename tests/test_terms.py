"""Glossary rules TQ701 (term-missing) and TQ702 (term-forbidden): the three glossary
formats, their errors at file:line, matching in several scripts with inflection, and the
rules on declared translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.errors import TQError
from tqcheck.analysis.glossary import find, load

from conftest import run_cli, run_pair

TOML = '''
[[term]]
source_lang = "en"
source = ["ceasefire", "truce"]
target_lang = "de"
target = ["Waffenruhe"]
forbidden = ["Feuerpause"]

[[term]]
source_lang = "en"
source = "European Union"
target_lang = "ru"
target = ["Европейский союз", "Евросоюз", "ЕС"]

[[term]]
source_lang = "en"
source = "ceasefire"
target_lang = "zh"
target = ["停火"]
forbidden = ["休战"]

[[term]]
source_lang = "en"
source = "ceasefire"
target_lang = "ar"
target = ["وقف إطلاق النار"]
forbidden = ["هدنة"]

[[term]]
source_lang = "en"
source = "ceasefire"
target_lang = "he"
target = ["הפסקת אש"]
forbidden = ["הודנה"]
'''

TBX = '''<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="c1">
   <langSet xml:lang="en">
    <tig><term>ceasefire</term></tig>
   </langSet>
   <langSet xml:lang="de">
    <tig><term>Waffenruhe</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>Feuerpause</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
   </langSet>
  </termEntry>
 </body></text>
</martif>
'''

CSV = '''source_lang,source,target_lang,target,forbidden,note
en,ceasefire|truce,de,Waffenruhe,Feuerpause,agency usage
'''


def write(tmp_path: Path, name: str, body: str) -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def run(src, hyp, glossary, *ids, kind="translation_of"):
    return run_pair(src, hyp, *ids, kind=kind, options={"glossary": str(glossary)})


# --- formats ------------------------------------------------------------------------

@pytest.mark.parametrize("name,body", [("g.toml", TOML), ("g.tbx", TBX), ("g.csv", CSV)])
def test_three_formats_give_the_same_entry(tmp_path, name, body):
    entries = [e for e in load(write(tmp_path, name, body))
               if (e.source_lang, e.target_lang) == ("en", "de")]
    assert len(entries) == 1
    e = entries[0]
    assert e.target == ("Waffenruhe",) and e.forbidden == ("Feuerpause",)
    assert "ceasefire" in e.source


def test_tbx_gives_both_directions(tmp_path):
    entries = load(write(tmp_path, "g.tbx", TBX))
    back = [e for e in entries if (e.source_lang, e.target_lang) == ("de", "en")]
    assert back and back[0].source == ("Waffenruhe", "Feuerpause") and back[0].target == ("ceasefire",)


@pytest.mark.parametrize("name,body,line,fragment", [
    ("g.toml", "[[term]\n", 1, "invalid TOML"),
    ("g.toml", '[[term]]\nsource_lang = "en"\nsource = "a"\ntarget_lang = "xx"\ntarget = "b"\n', 4,
     "unknown language code 'xx'"),
    ("g.toml", '[[term]]\nsource_lang = "en"\ntarget_lang = "de"\ntarget = "b"\n', 1, "missing 'source'"),
    ("g.toml", '[[term]]\nsource_lang = "en"\nsource = "a"\ntarget_lang = "de"\n\ntarget = 1\n', 6,
     "target must be a string or a list of strings"),
    ("g.toml", '[[term]]\nsource_lang = "en"\nsource = "a"\ntarget_lang = "de"\ncolour = 1\n', 5,
     "unknown key 'colour'"),
    ("g.csv", "source_lang,source,target\nen,a,b\n", 1, "missing column 'target_lang'"),
    ("g.csv", "source_lang,source,target_lang,target\nen,a,de,b\nen,c,zz,d\n", 3,
     "unknown language code 'zz'"),
    ("g.csv", "source_lang,source,target_lang,target\nen,,de,b\n", 2, "no source term"),
    ("g.tbx", TBX.replace('xml:lang="de"', 'xml:lang="deu-x"'), 8, "unknown language code"),
    ("g.tbx", TBX.replace("</termEntry>", ""), 15, "invalid XML"),
    ("g.txt", "x", None, "unknown format"),
])
def test_bad_glossary_is_located(tmp_path, name, body, line, fragment):
    p = write(tmp_path, name, body)
    with pytest.raises((TQError, ValueError)) as exc:
        load(p)
    assert fragment in str(exc.value)
    if line is not None:
        assert isinstance(exc.value, TQError) and exc.value.line == line and exc.value.path == str(p.resolve())


def test_xml_entity_bomb_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
            '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig>'
            '</langSet></termEntry></body></text></martif>\n')
    with pytest.raises(TQError, match="refused XML"):
        load(write(tmp_path, "g.tbx", bomb))


def test_bad_glossary_stops_the_cli_with_exit_2(tmp_path):
    g = write(tmp_path, "glossary.csv", "source_lang,source,target_lang,target\nen,a,de,b\nen,c,zz,d\n")
    cfg = write(tmp_path, "tqcheck.toml", '[options.TQ701]\nglossary = "glossary.csv"\n')
    story = tmp_path / "news"
    story.mkdir()
    (story / "a.en.txt").write_text("The truce held on Tuesday.\n", encoding="utf-8")
    code, _out = run_cli("--config", str(cfg), "--select", "TQ701", str(story))
    assert code == 2
    code, out = run_cli("--config", str(cfg), "--select", "TQ701", "--format", "json", str(story))
    assert code == 2 and "Traceback" not in out
    assert g.read_text(encoding="utf-8").endswith("zz,d\n")  # inputs are never modified


def test_bad_glossary_message_names_file_and_line(tmp_path, capsys):
    write(tmp_path, "glossary.csv", "source_lang,source,target_lang,target\nen,a,de,b\nen,c,zz,d\n")
    cfg = write(tmp_path, "tqcheck.toml", '[options.TQ702]\nglossary = "glossary.csv"\n')
    (tmp_path / "a.en.txt").write_text("Text.\n", encoding="utf-8")
    from tqcheck.cli import main

    assert main(["--config", str(cfg), str(tmp_path / "a.en.txt")]) == 2
    err = capsys.readouterr().err
    assert "glossary.csv:3: " in err and "unknown language code 'zz'" in err


# --- matching -----------------------------------------------------------------------

@pytest.mark.parametrize("form,lang,text,found", [
    ("Киев", "ru", "Переговоры в Киеве и под Киевом.", ["Киеве", "Киевом"]),
    ("Москва", "ru", "Делегация прибыла в Москву.", ["Москву"]),
    ("Европейский союз", "ru", "решение Европейского союза", ["Европейского союза"]),
    ("Bundestag", "de", "im Bundestages und des Bundestags", ["Bundestages", "Bundestags"]),
    ("Kyiv", "en", "Kyiv's mayor; Kyivan? no.", ["Kyiv's"]),
    ("ceasefire", "en", "two ceasefires; the ceasefire-line", ["ceasefires", "ceasefire"]),
    ("停火", "zh", "双方同意停火协议。", ["停火"]),
    ("كييف", "ar", "وصل إلى وكييف والكييفيون", ["وكييف"]),
    ("קייב", "he", "הוא הגיע לקייב וה-קייב", ["לקייב", "וה-קייב"]),
    ("Kiev", "en", "Chicken Kievan Rus and KIEV", ["KIEV"]),
])
def test_matching_in_scripts_and_inflection(form, lang, text, found):
    assert [text[s:e] for s, e in find((form,), text, lang)] == found


def test_inflection_is_bounded():
    # four more letters is another word (an adjective), not a case ending
    assert find(("Киев",), "киевский торт", "ru") == []
    # English gets no case endings
    assert find(("Kiev",), "Kievan", "en") == []


# --- the rules ----------------------------------------------------------------------

def test_missing_and_forbidden_german(tmp_path):
    g = write(tmp_path, "g.toml", TOML)
    src = ("en", "The ceasefire held overnight.\nBoth sides accepted a truce on Tuesday.")
    good = ("de", "Die Waffenruhe hielt über Nacht.\nBeide Seiten akzeptierten am Dienstag eine Waffenruhe.")
    assert run(src, good, g, "TQ701", "TQ702") == []
    bad = ("de", "Die Feuerpause hielt über Nacht.\nBeide Seiten akzeptierten am Dienstag eine Einigung.")
    got = run(src, bad, g, "TQ701", "TQ702")
    assert ("TQ702", "Feuerpause", "Waffenruhe") in got
    assert [r for r in got if r[0] == "TQ701"] == [
        ("TQ701", "Beide Seiten akzeptierten am Dienstag eine Einigung.", "Waffenruhe")]
    assert len(got) == 2  # the sentence with the forbidden form is TQ702's alone


@pytest.mark.parametrize("hyp,rule,text", [
    (("zh", "双方周二同意休战。"), "TQ702", "休战"),
    (("ar", "اتفق الطرفان على هدنة يوم الثلاثاء."), "TQ702", "هدنة"),
    (("he", "הצדדים הסכימו ביום שלישי על הודנה."), "TQ702", "הודנה"),
    (("ru", "Решение приняли страны ЕС во вторник."), None, None),
    (("ru", "Решение приняли страны Евросоюза во вторник."), None, None),
    (("ru", "Решение приняли страны союза во вторник."), "TQ701", "Решение приняли страны союза во вторник."),
])
def test_scripts(tmp_path, hyp, rule, text):
    g = write(tmp_path, "g.toml", TOML)
    src = ("en", "The sides agreed a ceasefire on Tuesday." if hyp[0] != "ru"
           else "The European Union countries decided on Tuesday.")
    got = run(src, hyp, g, "TQ701", "TQ702")
    assert [(r, t) for r, t, _s in got] == ([(rule, text)] if rule else [])


def test_only_declared_translations_and_the_right_direction(tmp_path):
    g = write(tmp_path, "g.toml", TOML)
    src = ("en", "The sides agreed a ceasefire on Tuesday.")
    hyp = ("de", "Die Seiten einigten sich am Dienstag auf eine Feuerpause.")
    assert run(src, hyp, g, "TQ701", "TQ702", kind=None) == []  # not a declared translation
    # German source, English translation: the en->de entry does not apply
    assert run(hyp, src, g, "TQ701", "TQ702") == []


def test_builtin_glossary_and_empty_option(tmp_path):
    src = ("ru", "Переговоры в Киеве возобновились во вторник.")
    hyp = ("en", "The talks in Kiev resumed on Tuesday.")
    assert run_pair(src, hyp, "TQ701", "TQ702") == [("TQ702", "Kiev", "Kyiv")]
    assert run_pair(src, hyp, "TQ701", "TQ702", options={"glossary": ""}) == []


def test_deterministic(tmp_path):
    g = write(tmp_path, "g.tbx", TBX)
    src = ("en", "The ceasefire held.\nA second ceasefire failed.")
    hyp = ("de", "Die Feuerpause hielt.\nEine zweite Einigung scheiterte.")
    first = run(src, hyp, g, "TQ701", "TQ702")
    assert len(first) == 2
    assert all(run(src, hyp, g, "TQ701", "TQ702") == first for _ in range(3))


def test_required_form_inside_a_german_compound(tmp_path):
    g = write(tmp_path, "g.csv", "source_lang,source,target_lang,target\nen,government,de,Regierung\n")
    src = ("en", "The government spokesman declined to comment.")
    assert run(src, ("de", "Der Regierungssprecher wollte sich nicht äußern."), g, "TQ701") == []
    got = run(src, ("de", "Der Sprecher wollte sich nicht äußern."), g, "TQ701")
    assert [r for r, _t, _s in got] == ["TQ701"]


@pytest.mark.parametrize("src,hyp,flag", [
    ("The suspect will appear at Bond Court on Saturday.", "Der Verdächtige erscheint am Samstag vor dem Bond Court.", False),
    ("Derry won the President's Cup on Friday.", "Derry gewann am Freitag den President's Cup.", False),
    ("The Court ruled on Friday.", "Die Richter entschieden am Freitag.", True),  # first word of the sentence
    ("He spoke in the election district on Friday.", "Er sprach am Freitag im Wahlkreis.", False),
])
def test_terms_inside_names_and_compounds(tmp_path, src, hyp, flag):
    g = write(tmp_path, "g.csv", "source_lang,source,target_lang,target\n"
                                 "en,court,de,Gericht\nen,president,de,Präsident\nen,election,de,Wahl\n")
    got = run(("en", src), ("de", hyp), g, "TQ701")
    assert bool(got) == flag
