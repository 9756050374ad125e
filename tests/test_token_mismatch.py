"""URL, e-mail, handle and code mismatches (TQ603-TQ606) and their boundary with TQ601:
the tokens themselves, cross-script codes (Cyrillic, Arabic with Arabic-Indic digits,
CJK), and the one-finding-per-mistake rule between codes and numbers."""

from __future__ import annotations

import pytest

from conftest import run_pair

from tqcheck.analysis.tokens import find


def run(src, hyp, *ids, kind="translation_of", options=None):
    """Findings of ``ids`` on a two-version story: src = (lang, text), hyp = (lang, text)."""
    return run_pair(src, hyp, *ids, kind=kind, options=options)


def tokens(text, kind=None):
    return [(t.kind, t.text) for t in find(text) if kind is None or t.kind == kind]


# --- what a token is ----------------------------------------------------------------

@pytest.mark.parametrize("text,codes", [
    ("The F-35 and two F-16s flew over.", ["F-35", "F-16"]),
    ("Flight LH 400 and SU 100 landed.", ["LH 400", "SU 100"]),
    ("COVID-19-Pandemie, SARS-CoV-2 and H5N1.", ["COVID-19", "SARS-CoV-2", "H5N1"]),
    ("Самолёты Ту-154 и МС-21, договор СНВ-3.", ["Ту-154", "МС-21", "СНВ-3"]),
    ("Apple's iPhone 15 and the A320 at the G20-Gipfel.", ["iPhone 15", "A320", "G20"]),
    ("طائرات إف-١٦ وإصابات كوفيد-19", ["إف-١٦", "كوفيد-19"]),
    ("国产歼-20战机和苹果iPhone15手机", ["歼-20", "iPhone15"]),
    ("מטוסי ה-F-35 נחתו", ["F-35"]),
])
def test_codes_are_found(text, codes):
    assert [t for k, t in tokens(text) if k == "code"] == codes


@pytest.mark.parametrize("text", [
    "In mid-2020 the over-50s voted.",  # lower-case words and digits
    "Mid-2020 saw the first wave.",  # a capitalised word and a year
    "PM 2.5 levels and 27% of voters; the #1 hit; page 5.",
    "The Boeing 737 and Windows 11.",  # a word, a space and a number is a number
])
def test_not_codes(text):
    assert tokens(text, "code") == []


def test_urls_emails_handles_hashtags():
    text = ("See https://www.bbc.com/news/world-123/. Write to Desk@Example.org or "
            "@BBCWorld, @user@mastodon.social, #Kyiv, bbc.co.uk.")
    got = find(text)
    assert [(t.kind, t.text) for t in got] == [
        ("url", "https://www.bbc.com/news/world-123/"), ("email", "Desk@Example.org"),
        ("handle", "@BBCWorld"), ("handle", "@user@mastodon.social"), ("hashtag", "#Kyiv"),
        ("url", "bbc.co.uk")]
    url = got[0]
    assert url.key == "bbc.com/news/world-123" and url.strong
    assert not got[-1].strong  # a bare domain
    for t in got:
        assert text[t.start:t.end] == t.text


# --- codes across scripts -----------------------------------------------------------

@pytest.mark.parametrize("src,hyp", [
    (("ru", "Самолёты Ту-154 и МС-21 показали на авиасалоне."),
     ("en", "The Tu-154 and MC-21 aircraft were shown at the air show.")),
    (("en", "The F-16 jets arrived, and COVID-19 cases fell."),
     ("ar", "وصلت طائرات إف-١٦، وتراجعت إصابات كوفيد-١٩.")),
    (("zh", "歼-20战机和东风-41导弹亮相。"), ("en", "The J-20 fighter and the DF-41 missile were shown.")),
    (("en", "The Covid-19 rules ended."), ("de", "Die COVID-19-Regeln endeten.")),
])
def test_same_code_across_scripts(src, hyp):
    assert run(src, hyp, "TQ606", "TQ601") == []


@pytest.mark.parametrize("src,hyp,bad,good", [
    (("ru", "Самолёт Ту-154 вылетел из Сочи."), ("en", "The Tu-134 plane left Sochi."), "Tu-134", "Ту-154"),
    (("en", "Flight LH 400 landed in Frankfurt."), ("de", "Flug LH 401 landete in Frankfurt."), "LH 401", "LH 400"),
    (("en", "The F-16 jets arrived."), ("ar", "وصلت طائرات إف-١٨."), "إف-١٨", "F-16"),
    (("en", "The H5N1 strain spread."), ("zh", "H1N1毒株扩散。"), "H1N1", "H5N1"),
])
def test_changed_code_is_one_finding(src, hyp, bad, good):
    assert run(src, hyp, "TQ606", "TQ601") == [("TQ606", bad, good)]


def test_f35_for_f16_is_tq606_not_tq601():
    got = run(("en", "Poland ordered 32 F-35 fighter jets, the ministry said."),
              ("de", "Polen bestellte 32 F-16-Kampfjets, teilte das Ministerium mit."),
              "TQ601", "TQ606")
    assert got == [("TQ606", "F-16", "F-35")]


def test_real_number_change_is_still_tq601():
    got = run(("en", "Poland ordered 32 F-35 fighter jets, the ministry said."),
              ("de", "Polen bestellte 23 F-35-Kampfjets, teilte das Ministerium mit."),
              "TQ601", "TQ606")
    assert got == [("TQ601", "23", None)]


def test_code_digits_written_as_a_number_are_no_mismatch():
    # "F 35" is not a code on the German side; its 35 is F-35's digits, for neither rule
    got = run(("en", "Poland ordered 32 F-35 jets."), ("de", "Polen bestellte 32 Jets vom Typ F 35."),
              "TQ601", "TQ606")
    assert got == []


def test_missing_code_only_when_asked():
    src, hyp = ("ru", "Договор СНВ-3 истекает в феврале."), ("en", "The New START treaty expires in February.")
    assert run(src, hyp, "TQ606", "TQ601") == []
    got = run(src, hyp, "TQ606", options={"unpaired": ["translation"]})
    assert got == [("TQ606", "", "СНВ-3")]  # at the passage, the source's code as suggestion


# --- URLs, e-mails, handles ---------------------------------------------------------

def test_url_normalised_and_localised_site_accepted():
    assert run(("en", "Details at https://www.who.int/news/item/5/ today."),
               ("ru", "Подробности на who.int/news/item/5 сегодня."), "TQ603", "TQ601") == []
    assert run(("en", "More at https://www.bbc.com/news every day."),
               ("ar", "المزيد على https://www.bbc.com/arabic كل يوم."), "TQ603") == []
    # the same URL with another path in a rewrite is reported
    got = run(("en", "Details at https://www.who.int/news/item/5 today."),
              ("en", "Details are at https://www.who.int/news/item/6 today."), "TQ603", kind=None)
    assert got == [("TQ603", "https://www.who.int/news/item/6", "https://www.who.int/news/item/5")]


def test_url_other_host_and_dropped_url():
    got = run(("en", "Details at https://www.who.int/news today."),
              ("de", "Details unter https://www.who.org/news heute."), "TQ603", "TQ601")
    assert got == [("TQ603", "https://www.who.org/news", "https://www.who.int/news")]
    got = run(("en", "Read the ruling at https://curia.europa.eu/juris/c-311 before the hearing."),
              ("ru", "Решение суда можно прочитать до начала слушаний."), "TQ603")
    assert [r for r, _t, _s in got] == ["TQ603"]


def test_url_in_another_sentence_is_not_missing():
    src = ("en", "The court ruled on Tuesday. Read it at https://curia.europa.eu/c-311 now.")
    hyp = ("de", "Das Gericht entschied am Dienstag, nachzulesen unter https://curia.europa.eu/c-311. Jetzt.")
    assert run(src, hyp, "TQ603") == []


def test_email_and_handle():
    got = run(("en", "Write to tips@example.org or follow @OSCE for updates."),
              ("fr", "Écrivez à tips@exmaple.org ou suivez @OSZE pour les mises à jour."),
              "TQ604", "TQ605")
    assert sorted(got) == [("TQ604", "tips@exmaple.org", "tips@example.org"),
                           ("TQ605", "@OSZE", "@OSCE")]
    assert run(("en", "Write to Tips@Example.org or follow @OSCE."),
               ("he", "כתבו ל-tips@example.org או עקבו אחרי @osce."), "TQ604", "TQ605") == []


def test_hashtags_across_languages_only_when_asked():
    src = ("en", "The ministry wrote: we will rebuild #StandWithUkraine.")
    hyp = ("ru", "Министерство написало: мы всё восстановим #ВместеСУкраиной.")
    assert run(src, hyp, "TQ605") == []
    got = run(src, hyp, "TQ605", options={"hashtags_across_languages": True})
    assert got == [("TQ605", "#ВместеСУкраиной", "#StandWithUkraine")]


def test_deterministic():
    src = ("ru", "Самолёт Ту-154 и рейс SU 100, сайт https://example.ru/a, @mid_rf.")
    hyp = ("en", "The Tu-134 and flight SU 101, site https://example.com/a, @mfa_russia.")
    first = run(src, hyp, "TQ603", "TQ604", "TQ605", "TQ606")
    assert first and all(run(src, hyp, "TQ603", "TQ604", "TQ605", "TQ606") == first for _ in range(3))


def test_bilingual_files_are_compared_segment_by_segment(tmp_path):
    """In an XLIFF file the units say which target translates which source: a changed
    code or URL is found in its own unit and located on its <target> line."""
    import json

    from conftest import run_cli

    xlf = tmp_path / "airshow.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file original="a.html" source-language="en" target-language="ru" datatype="html">\n'
        '    <body>\n'
        '      <trans-unit id="1">\n'
        '        <source>The Tu-214 and the MC-21 were shown at the air show on Tuesday.</source>\n'
        '        <target>Ту-214 и МС-21 показали на авиасалоне во вторник.</target>\n'
        '      </trans-unit>\n'
        '      <trans-unit id="2">\n'
        '        <source>Details are at https://example.org/airshow/2024 on the organisers\' site.</source>\n'
        '        <target>Подробности на сайте организаторов https://exmaple.org/airshow/2024.</target>\n'
        '      </trans-unit>\n'
        '      <trans-unit id="3">\n'
        '        <source>The Il-114 flew for the first time in public.</source>\n'
        '        <target>Ил-96 впервые пролетел публично.</target>\n'
        '      </trans-unit>\n'
        '    </body>\n'
        '  </file>\n'
        '</xliff>\n', encoding="utf-8")
    _code, out = run_cli("--no-progress", "--isolated", "--select", "TQ603,TQ606", "--format", "jsonl",
                         str(xlf))
    rows = [json.loads(line) for line in out.splitlines()]
    got = sorted((r["rule_id"], r["path"].rsplit("#", 1)[-1], r["line"], r["text"]) for r in rows)
    assert got == [("TQ603", "ru", 11, "https://exmaple.org/airshow/2024"),
                   ("TQ606", "ru", 15, "Ил-96")]
