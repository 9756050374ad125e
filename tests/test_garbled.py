"""TQ3xx: mojibake, damaged characters, repetition, brackets — behaviour and devset measures."""

from __future__ import annotations

import json

import pytest

from tests.conftest import need_shared
from tqcheck.corpus.txt import from_text
from tools.eval.garbled import flags, load_rules, make_ctx


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


def test_mojibake_through_other_code_pages_word_by_word():
    # Cyrillic Windows-1251 inside a Latin word, MacRoman, DOS code page 437
    for text, want, repaired in [("sur le mГ©dicament prescrit", "mГ©dicament", "médicament"),
                                 ("al pi√π presto", "pi√π", "più"),
                                 ("┬┐que diferencia hay?", "┬┐que", "¿que"),
                                 ("10Î&frac14;s later", "10Î&frac14;s", "10μs")]:
        (span, h), = hits("TQ301", text, None)
        assert (span, h.suggestion, h.fix) == (want, repaired, repaired)


def test_replacement_character_read_through_any_legacy_code_page():
    # the UTF-8 bytes of U+FFFD, decoded by each code page: generated, not listed
    for codec in ("cp1252", "cp1250", "cp1251", "cp1253", "cp1257", "mac_roman", "cp437", "cp866"):
        garbled = "\ufffd".encode("utf-8").decode(codec)
        got = hits("TQ301", f"Atunci cu m{garbled}nie a poruncit.", "ro")
        assert [s for s, _ in got] == [f"m{garbled}nie"], codec
        assert got[0][1].suggestion == "m\ufffdnie"


def test_mojibake_word_check_spares_real_symbols():
    for text in ["NESTLÉ® requiere personal", "AHÅ™, the new sofa", "(-1/2)! = √π", "Offering 5×£35 pin ups",
                 "2012—∞", "Bremer/Mccoy – DrÃ¥ber", "NICIODATĂ™", "Ελλάδα και Κύπρος ©2020",
                 "Жыццё ў Богу", "Ŝi iris al la urbo"]:
        assert hits("TQ301", text, None) == [], text


def test_c1_pairs_and_c1_inside_words_are_mojibake_single_c1_is_left_to_tq303():
    (_span, h), = hits("TQ301", "\x84Handwerk bringt dich überall hin\x93: Von der YOU", "de")
    assert h.suggestion == "„Handwerk bringt dich überall hin“:" and h.fix is None
    assert [s for s, _ in hits("TQ301", "barco tur\x92stico en Acapulco", "es")] == ["tur\x92stico"]
    assert hits("TQ301", "nous n'en avons pas encore beaucoup parlé\x85 Tu sais", "fr") == []


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


def test_doubled_word_letter_case_marks_grammatical_doubling():
    cases = [("de", "Aber aber aber irgendwann war es genug."),      # three in a row: deliberate
             ("ca", "Una subspècie (Perdix perdix italica)."),       # binomial tautonym
             ("nl", "de ziekte van Van der Vegt."),                  # word, then a name
             ("da", "min Can Can plakat"),                           # short reduplicated name
             ("be", "у сям’і і грамадзтве."),                        # apostrophe inside a word
             ("ar", "ولكن الغاية هي هي، والمعنى واحد")]              # allow list: "the same"
    for lang, text in cases:
        assert hits("TQ307", text, lang) == [], text
    assert [s for s, _ in hits("TQ307", "The the talks resumed.")] == ["The the"]
    assert [s for s, _ in hits("TQ307", "треньорът Станимир Станимир Стоилов", "bg")] == ["Станимир Станимир"]
    assert [s for s, _ in hits("TQ307", "Schau auf auf die Hand.", "de")] == ["auf auf"]


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
    # the mojibake rule on its own
    assert sum("TQ301" in got[r["id"]] for r in garbled) / len(garbled) >= 0.95
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


@pytest.mark.devset
def test_lingua_damage_labels_point_at_real_lines():
    from tools.eval.garbled import default_labels, load_labels

    folder = need_shared("devset", "lid", "lingua-sentences")
    labels = load_labels(default_labels())
    assert len(labels) >= 300
    kinds = {"mojibake", "c1-control", "entity", "html-tag", "invisible-char", "double-space",
             "doubled-word", "joined-heading", "residue"}
    sizes = {}
    for (lang, line), kind in labels.items():
        if lang not in sizes:
            sizes[lang] = len((folder / f"{lang}.txt").read_text(encoding="utf-8").split("\n"))
        assert 1 <= line <= sizes[lang] and kind in kinds, (lang, line, kind)


@pytest.mark.devset
def test_devset_lingua_false_positive_rate_on_unlabelled_sentences():
    from tools.eval.garbled import ISSUE_RULES, default_labels, lingua_table, load_labels

    folder = need_shared("devset", "lid", "lingua-sentences")
    on = tuple(r.id for r in load_rules(ISSUE_RULES) if r.enabled and r.scope == "article")
    t = lingua_table(folder, None, load_labels(default_labels()), on)
    assert t["total"] == 37412
    assert t["fp"] / t["clean"] <= 0.001, t["fp"]
    assert t["found"] / t["damaged"] >= 0.95, t["missed"]



CODEPAGE_CASES = [
    # (language, clean text, written in, read as)
    ("ru", "Президент России заявил, что переговоры продолжатся в четверг.", "cp1251", "cp1252"),
    ("uk", "Президент України заявив, що переговори триватимуть і надалі.", "cp1251", "cp1252"),
    ("bg", "Президентът заяви, че преговорите ще продължат в четвъртък.", "cp1251", "cp1252"),
    ("ru", "Президент России заявил, что переговоры продолжатся.", "koi8_r", "cp1252"),
    ("ru", "Президент России заявил, что переговоры продолжатся.", "iso8859_5", "latin-1"),
    ("ru", "Президент России заявил, что переговоры продолжатся.", "koi8_r", "cp1251"),
    ("el", "Ο πρωθυπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν.", "cp1253", "cp1252"),
    ("pl", "Premier powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu.", "cp1250", "cp1252"),
    ("cs", "Předseda vlády řekl, že jednání budou pokračovat ve čtvrtek.", "cp1250", "cp1252"),
    ("hu", "A miniszterelnök szerint a tárgyalások jövő héten folytatódnak.", "iso8859_2", "latin-1"),
    ("tr", "Başbakan, görüşmelerin gelecek hafta süreceğini söyledi.", "cp1254", "cp1252"),
    ("he", "ראש הממשלה אמר כי השיחות יימשכו בשבוע הבא.", "cp1255", "cp1252"),
    ("ar", "قال رئيس الوزراء إن المحادثات ستستمر الأسبوع المقبل.", "cp1256", "cp1252"),
    ("fr", "Le président a déclaré que les négociations reprendront à Genève.", "cp1252", "cp1251"),
]


@pytest.mark.parametrize("lang,clean,written,read", CODEPAGE_CASES)
def test_one_code_page_read_as_another_is_mojibake_with_its_repair(lang, clean, written, read):
    garbled = clean.encode(written).decode(read)
    assert garbled != clean
    got = hits("TQ301", garbled, lang)
    assert len(got) == 1, (garbled, got)
    span, h = got[0]
    assert garbled.replace(span, h.suggestion) == clean
    assert h.fix == h.suggestion  # one reading wins: safe to apply


def test_code_page_mojibake_found_without_a_declared_language():
    garbled = "Президент России заявил, что переговоры продолжатся в четверг.".encode("cp1251").decode("cp1252")
    (span, h), = hits("TQ301", garbled, None)
    assert garbled.replace(span, h.suggestion) == "Президент России заявил, что переговоры продолжатся в четверг."
    (_span, h), = hits("TQ301", "Ïðåçèäåíò Ðîññèè", "ru")
    assert h.suggestion == "Президент России"


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le président a déclaré que les négociations reprendront à Genève, « sans délai »."),
    ("de", "Über die Größe der Häuser wurde in Zürich nicht gesprochen, sagte Müller."),
    ("pt", "A reunião não começou às três horas, disse o ministro português."),
    ("is", "Það er gott að vera hér í dag, sagði ráðherrann við blaðamenn."),
    ("vi", "Thủ tướng cho biết các cuộc đàm phán sẽ tiếp tục vào tuần tới."),
    ("es", "El señor Muñoz dijo que la reunión en São Paulo será el próximo año."),
    ("da", "Ministeren sagde på mødet, at forhandlingerne fortsætter i år."),
    ("hu", "A miniszterelnök szerint a tárgyalások jövő héten folytatódnak."),
    ("tr", "Başbakan, görüşmelerin gelecek hafta süreceğini söyledi."),
    ("pl", "Premier powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu."),
    ("af", "Dis Hý wat sterk en geweldig is en wat élke stryd oorwin het."),
    ("sq", "Ai ka shërbyer në këtë funksion nga marsi deri në mars, kur doli në pension."),
    ("so", "Bu´da waxaa ku dahaaran xuub kale oo iyada uun gaar u ah."),
    ("ro", "Cu MobiLsi, apelantul te sună pe un număr fix, costă 0.12 €/minut."),
    (None, "MÄ£ÄM ÌÑÌ Q £ÄGÌ GÄLÄW ÑÍCH SÖÄ£ ÑÝÄ $ÚÄMÌ"),
    # loanwords whose accented letter stands alone between hyphens, or in short words
    ("en", "The differences between us and our position vis-à-vis others now seem important."),
])
def test_clean_accented_text_is_not_code_page_mojibake(lang, text):
    assert hits("TQ301", text, lang) == []


def test_ftfy_no_longer_half_repairs_code_page_text_into_other_mojibake():
    # Ukrainian in Windows-1251 shown as Windows-1252: ftfy took "Â³" for UTF-8 and
    # suggested "³äîìî"; the code-page reading gives the words back
    garbled = "Відомо, що Д. Менделєєв саме уві сні зміг скласти періодичну систему.".encode("cp1251").decode("cp1252")
    (_span, h), = hits("TQ301", garbled, "uk")
    assert h.suggestion.startswith("Відомо, що Д. Менделєєв")
