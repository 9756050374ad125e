"""Bilingual files (XLIFF 1.2/2.0, TMX): loading, positions, inline tags, segment
alignment, hostile XML, and the segment checks TQ703-TQ707 end to end."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import run_cli
from hostile_support import clean_end
from hostile_support import findings as sub_findings
from hostile_support import run as sub_run

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _load(path: Path):
    from tqcheck.corpus import load

    return {d.id.rsplit("#", 1)[-1]: d for d in load([str(path)])}


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return p


def _rows(*argv: str) -> list[dict]:
    code, out = run_cli("--isolated", "--no-progress", "--format", "json", *argv)
    assert code in (0, 1), out
    return json.loads(out)["findings"]


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en-US" target-language="de-DE" datatype="html">
    <body>
      <group id="g" translate="no">
        <trans-unit id="dateline"><source>VIENNA</source><target>VIENNA</target></trans-unit>
      </group>
      <trans-unit id="1">
        <source>Police said <g id="1">23 people</g> were
            detained &amp; released.<x id="2"/></source>
        <target state="translated">Die Polizei nahm <g id="1">23 Menschen</g> fest.<x id="2"/></target>
        <alt-trans><target>Die Polizei sagte, 23 Menschen seien festgenommen worden.</target></alt-trans>
      </trans-unit>
      <trans-unit id="2"><source>The talks ended on Tuesday.</source><target state="new"/></trans-unit>
      <trans-unit id="3"><source>Officials expect 14 delegations in March.</source></trans-unit>
      <trans-unit id="4"><source>Officials expect 14 delegations in March.</source><target>Die Beamten erwarten 41 Delegationen im März.</target></trans-unit>
    </body>
  </file>
  <file original="b.html" source-language="en-US" target-language="ru" datatype="html">
    <body>
      <trans-unit id="5"><source>Talks resume in Vienna</source><target>Переговоры возобновились в Вене</target></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff12_segments_languages_and_roles(tmp_path):
    docs = _load(_write(tmp_path, "story.xlf", XLIFF12))
    assert sorted(docs) == ["de-de", "en-us", "ru"]
    src, de, ru = docs["en-us"], docs["de-de"], docs["ru"]
    assert src.lang == "en-us" and de.lang == "de-de" and ru.lang == "ru"
    assert (de.role, de.of) == ("translation_of", src.id) and ru.of == src.id
    assert src.role is None
    # one line per unit in both versions, tags out of the text, layout white space folded
    assert src.text.split("\n") == [
        "VIENNA", "Police said 23 people were detained & released.",
        "The talks ended on Tuesday.", "Officials expect 14 delegations in March.",
        "Officials expect 14 delegations in March.", "Talks resume in Vienna"]
    assert de.text.split("\n") == [
        "VIENNA", "Die Polizei nahm 23 Menschen fest.", "", "",
        "Die Beamten erwarten 41 Delegationen im März.", ""]
    segs = de.meta["segments"]
    assert [s["id"] for s in segs] == ["dateline", "1", "2", "3", "4", "5"]
    assert segs[0]["translate"] is False and segs[1]["translate"] is True  # inherited from the group
    assert segs[1]["state"] == "translated" and segs[2]["state"] == "new"
    assert segs[3].get("missing") and segs[5].get("absent")  # no <target>; a unit for Russian
    # alt-trans proposals are not the target
    assert "seien festgenommen" not in de.text


def test_white_space_is_layout_unless_preserved(tmp_path):
    text = XLIFF12.replace('<trans-unit id="1">', '<trans-unit id="1" xml:space="preserve">')
    docs = _load(_write(tmp_path, "story.xlf", text))
    # under preserve, the line break is one space and the indentation stays (TQ306's)
    assert docs["en-us"].text.split("\n")[1] == (
        "Police said 23 people were" + " " * 13 + "detained & released.")
    assert docs["de-de"].text.split("\n")[1] == "Die Polizei nahm 23 Menschen fest."


def test_inline_tags_kept_with_offsets(tmp_path):
    docs = _load(_write(tmp_path, "story.xlf", XLIFF12))
    src, de = docs["en-us"], docs["de-de"]
    tags = src.meta["segments"][1]["tags"]
    assert [(t.kind, t.name, t.key) for t in tags] == [
        ("open", "g", "1"), ("close", "g", "1"), ("standalone", "x", "2")]
    assert src.text[tags[0].offset:tags[1].offset] == "23 people"
    dtags = de.meta["segments"][1]["tags"]
    assert de.text[dtags[0].offset:dtags[1].offset] == "23 Menschen"
    assert "<" not in src.text and "<" not in de.text


def test_positions_point_into_the_xml_file(tmp_path):
    """Every word's line and column, as the loader reports them, is where the word
    stands in the .xlf file: across line breaks, entities and inline tags."""
    path = _write(tmp_path, "story.xlf", XLIFF12)
    raw_lines = XLIFF12.split("\n")
    docs = _load(path)
    for doc in docs.values():
        for word in ("Police", "people", "detained", "released", "Menschen", "fest", "März",
                     "Delegationen", "Переговоры", "Вене"):
            at = doc.text.find(word)
            if at < 0:
                continue
            line, col = doc.position(at)
            assert raw_lines[line - 1][col - 1:col - 1 + len(word)] == word, (doc.id, word, line, col)


def test_finding_on_segment_points_at_its_target_line(tmp_path):
    path = _write(tmp_path, "story.xlf", XLIFF12)
    rows = [r for r in _rows("--select", "TQ601", str(path))]
    assert len(rows) == 1
    r = rows[0]
    assert r["text"] == "41" and r["path"].endswith("story.xlf#de-de")
    line = XLIFF12.split("\n")[r["line"] - 1]
    assert "<target>Die Beamten erwarten 41" in line
    assert line[r["column"] - 1:r["column"] + 1] == "41"
    assert r["related_path"].endswith("story.xlf#en-us")


def test_empty_targets_do_not_shift_the_alignment(tmp_path):
    """Units 2 and 3 have no translation; unit 4 is still paired with its own source
    (the 14 -> 41 change is found there, not an omission or a shifted pair)."""
    path = _write(tmp_path, "story.xlf", XLIFF12)
    rows = _rows("--select", "TQ502,TQ503,TQ601,TQ706", str(path))
    got = sorted((r["rule_id"], r["line"]) for r in rows)
    assert got == [("TQ601", 16), ("TQ706", 14), ("TQ706", 15)], got


def test_segment_checks_on_the_sample(tmp_path):
    path = _write(tmp_path, "story.xlf", XLIFF12)
    rows = _rows("--select", "TQ703,TQ704,TQ705,TQ706,TQ707", str(path))
    ids = sorted(r["rule_id"] for r in rows)
    # the dateline is translate="no", so identical is fine; two empty targets
    assert ids == ["TQ706", "TQ706"], rows
    assert {r["message"].split(":")[0] for r in rows} == {
        "segment 2 has no translation (state new)", "segment 3 has no translation"}


XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">
 <file id="f1">
  <unit id="u1">
   <segment id="1" state="translated">
    <source>Ministers met in <pc id="1">Istanbul</pc> on Friday.<ph id="2"/></source>
    <target>اجتمع الوزراء في <pc id="1">إسطنبول</pc> يوم الجمعة.<ph id="2"/></target>
   </segment>
   <ignorable><source> </source><target> </target></ignorable>
   <segment id="2" state="initial">
    <source><sc id="3"/>The corridor stays open.<ec startRef="3"/></source>
    <target><sc id="3"/>The corridor stays open.<ec startRef="3"/></target>
   </segment>
  </unit>
 </file>
</xliff>
"""


def test_xliff20_units_segments_and_codes(tmp_path):
    docs = _load(_write(tmp_path, "s.xliff", XLIFF20))
    src, ar = docs["en"], docs["ar"]
    assert src.text.split("\n") == ["Ministers met in Istanbul on Friday.", "The corridor stays open."]
    assert ar.text.split("\n")[0] == "اجتمع الوزراء في إسطنبول يوم الجمعة."
    assert [s["id"] for s in ar.meta["segments"]] == ["u1:1", "u1:2"]
    assert [(t.kind, t.name, t.key) for t in src.meta["segments"][1]["tags"]] == [
        ("open", "sc", "3"), ("close", "ec", "3")]
    rows = _rows("--select", "TQ705,TQ707", str(tmp_path / "s.xliff"))
    assert [(r["rule_id"], r["text"]) for r in rows] == [("TQ705", "The corridor stays open.")]
    assert "(state initial)" in rows[0]["message"]
    # skip_states leaves out segments still in work
    (tmp_path / "tqcheck.toml").write_text('[options.TQ705]\nskip_states = ["initial"]\n')
    code, out = run_cli("--config", str(tmp_path / "tqcheck.toml"), "--no-progress", "--format",
                        "json", "--select", "TQ705", str(tmp_path / "s.xliff"))
    assert code == 0 and json.loads(out)["findings"] == []


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
         srclang="*all*" datatype="plaintext"/>
 <body>
  <tu tuid="7">
   <tuv xml:lang="EN-GB"><seg>Rainfall reached <hi x="1">201.9 millimetres</hi> in one hour.</seg></tuv>
   <tuv xml:lang="zh-CN"><seg>一小时降雨量达到<hi x="1">201.9毫米</hi>。</seg></tuv>
   <tuv xml:lang="de"><seg>Der Niederschlag erreichte 201,9 Millimeter in einer Stunde.</seg></tuv>
  </tu>
  <tu tuid="8">
   <tuv xml:lang="en-GB"><seg>Officials said the dam was stable.</seg></tuv>
   <tuv xml:lang="de"><seg/></tuv>
  </tu>
 </body>
</tmx>
"""


def test_tmx_languages_and_missing_variants(tmp_path):
    docs = _load(_write(tmp_path, "m.tmx", TMX))
    assert sorted(docs) == ["de", "en-gb", "zh-cn"]  # *all*: the first variant is the source
    assert docs["zh-cn"].text == "一小时降雨量达到201.9毫米。\n"
    assert docs["zh-cn"].meta["segments"][1].get("absent")
    assert [(t.kind, t.name) for t in docs["zh-cn"].meta["segments"][0]["tags"]] == [
        ("open", "hi"), ("close", "hi")]
    rows = _rows("--select", "TQ706,TQ707,TQ601", str(tmp_path / "m.tmx"))
    got = sorted((r["rule_id"], r["path"].rsplit("#", 1)[1]) for r in rows)
    # the German variant lacks the <hi> and its second segment is empty; no variant of
    # unit 8 in Chinese is not an empty segment; 201.9 = 201,9 is not a number mismatch
    assert got == [("TQ706", "de"), ("TQ707", "de")], rows


def test_tags_do_not_count_as_html_residue(tmp_path):
    path = _write(tmp_path, "s.xliff", XLIFF20)
    assert _rows("--select", "TQ305", str(path)) == []


def test_fixture_rules_find_nothing_else_surprising():
    """The bilingual fixtures under the default rules: article rules that make no sense
    on segments (a truncated ending at the last unit) stay silent."""
    rows = _rows(*[str(FIXTURES / r) for r in ("TQ703", "TQ704", "TQ706", "TQ707")])
    assert not [r for r in rows if r["rule_id"] in ("TQ401", "TQ502", "TQ503")], rows
    assert not [r for r in rows if r["rule_id"] == "TQ308" and ".tmx" in r["path"]], rows


def test_manifest_does_not_override_languages_inside_the_file(tmp_path):
    _write(tmp_path, "story.xlf", XLIFF12)
    (tmp_path / "story.toml").write_text('id = "talks"\n[files."story.xlf"]\nlang = "fr"\n')
    from tqcheck.corpus import load

    docs = load([str(tmp_path)])
    assert {d.lang for d in docs} == {"en-us", "de-de", "ru"}
    assert {d.story for d in docs} == {"talks"}


def test_same_output_twice_and_inputs_untouched(tmp_path):
    path = _write(tmp_path, "story.xlf", XLIFF12)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    a = run_cli("--isolated", "--no-progress", "--format", "json", str(tmp_path))
    b = run_cli("--isolated", "--no-progress", "--format", "json", str(tmp_path))
    assert a == b
    run_cli("--isolated", "--no-progress", "--fix", str(tmp_path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# -- Hostile XML ---------------------------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff version="1.2"><file source-language="en" target-language="de"><body>
<trans-unit id="1"><source>&lol9;</source><target>x</target></trans-unit>
</body></file></xliff>
"""

HOSTILE = {
    "bomb.xlf": (BOMB, "declares an entity", 3),
    "xxe.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;'
                '</seg></tuv><tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>\n',
                "declares an external entity", 2),
    "param.xlf": ('<?xml version="1.0"?>\n<!DOCTYPE x [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>\n'
                  '<xliff version="1.2"/>\n', "entity", 3),
    "undefined.xlf": ('<xliff version="1.2"><file source-language="en" target-language="de"><body>\n'
                      '<trans-unit id="1"><source>&passwd;</source><target>x</target></trans-unit>'
                      '</body></file></xliff>\n', "not well-formed XML (undefined entity", 2),
    "broken.xlf": ('<xliff version="1.2"><file source-language="en" target-language="de"><body>\n'
                   '<trans-unit id="1"><source>Hello world</source></target></trans-unit>\n',
                   "not well-formed XML (mismatched tag", 2),
    "page.xlf": ("<html><body><p>Not XLIFF</p></body></html>\n", "not an XLIFF file", 1),
    "encoding.xlf": ('<?xml version="1.0" encoding="x-no-such-codec"?>\n<xliff version="1.2"/>\n',
                     "unknown encoding", 1),
    "deep.xlf": ('<xliff version="1.2"><file source-language="en" target-language="de"><body>'
                 '<trans-unit id="1"><source>' + '<g id="1">' * 5000 + "x" + "</g>" * 5000 +
                 "</source><target>y</target></trans-unit></body></file></xliff>\n",
                 "nested more than", 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_xml_is_a_finding(tmp_path, name):
    text, says, line = HOSTILE[name]
    _write(tmp_path, name, text)
    _write(tmp_path, "ok.xlf", XLIFF20)
    r = sub_run("--isolated", "--format", "json", str(tmp_path), timeout=60)
    rows = sub_findings(r)
    mine = [x for x in rows if x["path"].endswith(name)]
    assert [x["rule_id"] for x in mine] == ["TQ004"], rows
    assert says in mine[0]["message"] and mine[0]["line"] == line, mine[0]
    assert "root:" not in r.stdout  # /etc/passwd was never read
    assert any(x["path"].endswith("ok.xlf#ar") for x in rows)  # the run went on


def test_external_dtd_is_never_fetched(tmp_path):
    """A DOCTYPE naming a DTD (as TMX files do) is not loaded: an entity it would define
    stays undefined, and the file it names is not read."""
    dtd = _write(tmp_path, "evil.dtd", '<!ENTITY secret SYSTEM "file:///etc/passwd">\n')
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">\n'
            '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&secret;'
            '</seg></tuv></tu></body></tmx>\n')
    _write(tmp_path, "m.tmx", text)
    r = sub_run("--isolated", "--format", "json", str(tmp_path / "m.tmx"), timeout=60)
    clean_end(r)
    rows = sub_findings(r)
    assert [x["rule_id"] for x in rows] == ["TQ004"]
    assert "root:" not in r.stdout


def test_empty_and_unit_less_files(tmp_path):
    _write(tmp_path, "empty.xlf", "")
    _write(tmp_path, "none.tmx", '<tmx version="1.4"><header srclang="en"/><body/></tmx>')
    rows = _rows(str(tmp_path))
    got = sorted((r["path"].rsplit("/", 1)[1], r["rule_id"]) for r in rows)
    assert got == [("empty.xlf", "TQ002"), ("none.tmx", "TQ002")], rows


def test_non_utf8_xml_with_declaration(tmp_path):
    text = XLIFF12.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        'target-language="ru"', 'target-language="fr"').replace(
        "Переговоры возобновились в Вене", "Les pourparlers reprennent à Vienne")
    path = _write(tmp_path, "u16.xlf", text.encode("utf-16"))
    docs = _load(path)
    assert "Les pourparlers reprennent à Vienne" in docs["fr"].text
    line, col = docs["fr"].position(docs["fr"].text.find("Vienne"))
    assert text.split("\n")[line - 1][col - 1:col + 5] == "Vienne"


_STATEMENT = ("This statement was issued in English by the press office of the council and is "
              "reproduced here as it was published.")


def _memo_unit(translate: str) -> str:
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="de" datatype="html">
    <body>
      <trans-unit id="1">
        <source>The finance ministers of the European Union met in Brussels on Tuesday to discuss the budget for the coming year.</source>
        <target>Die Finanzminister der Europäischen Union trafen sich am Dienstag in Brüssel, um über den Haushalt für das kommende Jahr zu beraten.</target>
      </trans-unit>
      <trans-unit id="2"{translate}>
        <source>{_STATEMENT}</source>
        <target>{_STATEMENT}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
'''


def test_units_marked_translate_no_are_left_in_their_language(tmp_path):
    """A unit the file marks translate="no" keeps its source text on purpose: no language
    or untranslated-text rule reports it; the same unit without the mark is reported."""
    marked, plain = tmp_path / "marked.xlf", tmp_path / "plain.xlf"
    marked.write_text(_memo_unit(' translate="no"'), encoding="utf-8")
    plain.write_text(_memo_unit(""), encoding="utf-8")
    rules = ("TQ101", "TQ102", "TQ106", "TQ705")

    def found(path: Path) -> set[str]:
        _code, out = run_cli("--isolated", "--no-progress", "--format", "json", str(path))
        return {f["rule_id"] for f in json.loads(out)["findings"] if f["rule_id"] in rules}

    assert found(marked) == set()
    assert {"TQ102", "TQ705"} <= found(plain)
