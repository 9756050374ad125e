"""Language checks (TQ101-TQ105) and the detector behind them (tqcheck/analysis/lid.py)."""

from __future__ import annotations

import pytest
from conftest import SEEDS, need_shared

from tqcheck.analysis import lid
from tqcheck.engine.config import Config, from_dict
from tqcheck.corpus import Story
from tqcheck.corpus.txt import from_text
from tqcheck.engine import build_rules, run, run_stories

EN = ("The United States and Russia agreed on Thursday to resume high-level military dialogue, "
      "hours after the New START treaty expired.")
FR = ("Les États-Unis et la Russie ont convenu jeudi de reprendre un dialogue militaire de haut "
      "niveau, quelques heures après l'expiration du traité.")
AR = "اتفقت الولايات المتحدة وروسيا يوم الخميس على استئناف الحوار العسكري رفيع المستوى بين البلدين بعد انتهاء المعاهدة."
HE = "ארצות הברית ורוסיה הסכימו ביום חמישי לחדש את הדיאלוג הצבאי ברמה גבוהה, שעות ספורות לאחר שפג תוקפה של האמנה."
ZH = "美国和俄罗斯周四同意恢复两国之间的高级别军事对话，这是在新削减战略武器条约到期几个小时之后。"
RU = "Соединённые Штаты и Россия договорились в четверг возобновить военный диалог на высоком уровне после истечения срока действия договора."
HI = "संयुक्त राज्य अमेरिका और रूस ने गुरुवार को उच्च स्तरीय सैन्य वार्ता फिर से शुरू करने पर सहमति व्यक्त की।"


def findings(text, lang=None, rule="TQ1", config=None):
    cfg = from_dict(config) if config else Config()
    cfg.select = [rule]
    doc = from_text(f"a.{lang}.txt" if lang else "a.txt", text, lang=lang)
    rep = run_stories([Story("s", [doc], explicit=True)], cfg, build_rules(cfg))
    return rep.findings.select("rule_id", "text", "message").rows()


@pytest.mark.parametrize("text,lang", [(EN, "en"), (AR, "ar"), (HE, "he"), (ZH, "zh"), (RU, "ru"),
                                       (HI, "hi"), (FR, "fr")])
def test_detects_scripts(text, lang):
    d = lid.detect(text)
    assert d.lang is not None and d.lang.split("-")[0] == lang
    assert findings(text, lang) == []


@pytest.mark.parametrize("text,declared", [(AR, "en"), (HE, "ar"), (ZH, "ja"), (RU, "uk"), (HI, "en")])
def test_mismatch_in_many_scripts(text, declared):
    rows = findings(text, declared, "TQ101")
    assert [r[0] for r in rows] == ["TQ101"]


def test_zh_regions_one_language_unless_configured():
    tw = "美國和俄羅斯週四同意恢復兩國之間的高級別軍事對話，這是在新削減戰略武器條約到期幾個小時之後。"
    assert lid.detect(tw).lang == "zh-tw"
    assert findings(tw, "zh-cn", "TQ101") == []
    assert [r[0] for r in findings(tw, "zh-cn", "TQ101", {"distinguish-regions": True})] == ["TQ101"]


def test_unsupported_declared_language_is_not_a_mismatch():
    ms = "Amerika Syarikat dan Rusia bersetuju pada hari Khamis untuk menyambung semula dialog ketenteraan."
    assert findings(ms, "ms", "TQ101") == []


@pytest.mark.parametrize("article,foreign,lang", [(EN, FR, "en"), (AR, EN, "ar"), (HE, RU, "he"),
                                                  (RU, ZH, "ru"), (HI, EN, "hi"), (ZH, EN, "zh")])
def test_foreign_passage_in_many_scripts(article, foreign, lang):
    text = f"{article}\n\n{foreign}\n\n{article}"
    rows = findings(text, lang, "TQ102")
    assert [r[1] for r in rows] == [foreign]


FR_LONG = ("Les deux délégations ont convenu jeudi de reprendre un dialogue militaire de haut "
           "niveau, quelques heures après l'expiration du traité sur les armes stratégiques.")
EN_LONG = ("The two delegations agreed on Thursday to resume a high-level military dialogue, "
           "only a few hours after the treaty on strategic nuclear weapons had expired.")


@pytest.mark.parametrize("article,foreign,lang", [(EN, FR_LONG, "en"), (AR, EN_LONG, "ar"),
                                                  (FR, EN_LONG, "fr")])
def test_foreign_sentence_inside_a_paragraph(article, foreign, lang):
    assert len(foreign) >= 150
    text = f"{article} {foreign} {article}\n\n{article}"
    rows = findings(text, lang, "TQ102")
    assert [r[1] for r in rows] == [foreign]
    assert rows[0][2].startswith("sentence in ")
    # the same sentence cut to under 150 characters is left alone (a quote, a title)
    short = foreign[:foreign.index(",")] + "."
    assert findings(f"{article} {short} {article}\n\n{article}", lang, "TQ102") == []


def test_sentence_pass_can_be_turned_off():
    from tqcheck.checks import language_passage
    from tqcheck.engine import Context
    doc = from_text("a.en.txt", f"{EN} {FR_LONG} {EN}", lang="en")
    opts = dict(language_passage.OPTIONS)
    assert [h.fields["unit"] for h in language_passage.check(doc, opts, Context())] \
        == ["sentence"]
    opts["sentence_min_chars"] = 0
    assert list(language_passage.check(doc, opts, Context())) == []


def test_short_quotes_names_urls_are_not_passages():
    text = (f"{EN}\n\n\"Нам нужен диалог\", said Sergei Ryabkov.\n\n"
            "https://www.example.org/fr/les-etats-unis-et-la-russie-reprennent 2026-02-05\n\n"
            "Jean-Pierre Dupont, François Lefèvre\n\n" + EN)
    assert findings(text, "en", "TQ102") == []


@pytest.mark.parametrize("word,text", [
    ("Pутин", "Президент Pутин заявил об этом в четверг."),       # Latin P in Cyrillic
    ("Russiа", "Officials in Russiа said so."),                    # Cyrillic а in Latin
    ("Αθhνας", "Η κυβέρνηση της Αθhνας ανακοίνωσε."),              # Latin h in Greek
    ("Mоscow", "Talks in Mоscow and Kyiv."),                       # Cyrillic о in Latin
])
def test_mixed_script_words(word, text):
    rows = findings(text, None, "TQ103")
    assert [r[1] for r in rows] == [word]


def test_mixed_script_fix_retypes_lookalikes():
    from tqcheck.checks import mixed_script
    doc = from_text("a.ru.txt", "Президент Pутин", lang="ru")
    hits = list(mixed_script.check(doc, dict(mixed_script.OPTIONS), None))
    assert hits[0].fix == "Рутин"  # the Latin P becomes its look-alike, Cyrillic Er


@pytest.mark.parametrize("text", [
    "Вакцина от COVID-19, формула H2O, доклад NATO, iPhone-ом.",
    "President Путин met officials in Москва.",
    "他穿着一件T恤，用iPhone手机拍照。",
    "The sample measured 5 μm and 3 kΩ.",
    "שלום world עולם",
    "مرحبا hello عالم",
])
def test_mixed_script_legit(text):
    assert findings(text, None, "TQ103") == []


def test_not_published_uses_config_and_unrestricted_detection():
    pt = "Os Estados Unidos e a Rússia concordaram na quinta-feira em retomar o diálogo militar de alto nível."
    assert findings(pt, None, "TQ104") == []  # no list: nothing to check
    rows = findings(pt, None, "TQ104", {"languages": ["en", "es"]})
    assert len(rows) == 1 and "Portuguese" in rows[0][2]
    assert findings(RU, None, "TQ104", {"languages": ["ru", "en"]}) == []
    assert len(findings(AR, "ar", "TQ104", {"languages": ["en"]})) == 1


def test_config_languages_sharpen_detection():
    no = "Regjeringen har bestemt at skolene skal holde stengt resten av uken på grunn av været."
    free = lid.detect(no)
    narrowed = lid.detect(no, languages=["nb", "en"])
    assert narrowed.lang == "nb"
    assert free.unrestricted == free.lang


# Sentences written for these tests (not from the devset) that langdetect's letters
# alone give to a neighbour: cs->sk, cs->sk, hr->sl, nb->da, bg->mk.
NEIGHBOURS = [
    ("Nikdo to tenkrát nečekal.", "cs"),
    ("To je opravdu dobrý nápad.", "cs"),
    ("Možda je to bilo previše.", "hr"),
    ("Han mener at det er noe galt med hele systemet.", "nb"),
    ("Цените на тока се повишиха отново.", "bg"),
]


@pytest.mark.parametrize("text,lang", NEIGHBOURS)
def test_close_neighbours_by_words(text, lang):
    letters_only = lid.detect(text, words=False)
    assert letters_only.lang != lang  # the case the second opinion exists for
    d = lid.detect(text)
    assert d.lang == lang
    # the group keeps langdetect's probability; the words share it out
    group = lid._GROUP_OF[lid.profiles_for(lang)[0]]
    before = sum(p for g, p in letters_only.ranking if lid.profiles_for(g)[0] in group)
    after = sum(p for g, p in d.ranking if lid.profiles_for(g)[0] in group)
    assert abs(before - after) < 0.001
    assert d.ranking[0][0] == lang and d.confidence > 0.5


def test_neighbour_words_keep_the_right_answer():
    # the Slovak and Danish counterparts stay where langdetect put them
    assert lid.detect("To je naozaj dobrý nápad.").lang == "sk"
    assert lid.detect("Kommunen har afsat penge til nye cykelstier.").lang == "da"
    # no word evidence (unknown words score the floor everywhere): langdetect's answer stays
    ranking = [("es", 0.9), ("ca", 0.1)]
    assert lid._second_opinion("Xqzv Plokkr Zzvbt Wqrtx", ranking, ("ca", "es", "pt")) == ranking
    # languages outside the groups are never re-ranked
    for text in (EN, FR, RU):
        assert lid.detect(text) == lid.detect(text, words=False)


def test_undetermined_is_info_only():
    cfg = Config()
    cfg.select = ["TQ105"]
    rules = build_rules(cfg)
    assert all(r.severity == "info" for r in rules)
    assert [r[0] for r in findings("Talks resume", "en", "TQ105")] == ["TQ105"]
    assert findings("Переговоры", "ru", "TQ101") == []  # too short: never a mismatch
    assert findings(HE[:12], "he", "TQ105") == []  # Hebrew script names Hebrew


def test_deterministic():
    text = "\n\n".join([EN, FR, RU, ZH, HI, AR, HE]) * 2
    first = [lid.detect(p) for p in text.split("\n\n")]
    lid._factory.cache_clear()
    lid._log_rows.cache_clear()
    again = [lid.detect(p) for p in text.split("\n\n")]
    assert first == again
    assert findings(text, "en") == findings(text, "en")


def test_script_map_matches_profiles():
    """Every profile's letters are mostly in the script SCRIPT_LANGS files it under."""
    from tqcheck.analysis.text import script_of
    for script, langs in lid.SCRIPT_LANGS.items():
        for lang in langs:
            freq, _ = lid._profile(lang)
            mass: dict[str, int] = {}
            for g, c in freq.items():
                if len(g) == 1 and g.isalpha():
                    s = script_of(g)
                    mass[s] = mass.get(s, 0) + c
            assert mass.get(script, 0) > 0.05 * sum(mass.values()), (lang, script)
    assert len(lid.SUPPORTED) == len(list(lid._profile_dir().iterdir()))


def test_seeds_are_english_without_language_findings():
    cfg = Config()
    cfg.select = ["TQ1"]
    rep = run([str(SEEDS)], cfg)
    assert rep.findings.height == 0
    assert set(rep.documents["detected_lang"].to_list()) == {"en"}


@pytest.mark.devset
def test_devset_accuracy_floors():
    from tools.eval import lid as ev
    folder = need_shared("devset", "lid", "lingua-sentences")
    data = ev.read(folder, 60)
    sent = ev.score(data, "lines")
    sent.pop("_confusions")
    macro = sum(r["correct"] for r in sent.values()) / len(sent)
    assert macro >= 0.95, macro
    pairs = ev.score(ev.read(need_shared("devset", "lid", "lingua-wordpairs"), 60), "lines")
    pairs.pop("_confusions")
    assert sum(r["wrong"] for r in pairs.values()) / len(pairs) <= 0.03


@pytest.mark.devset
def test_devset_neighbours_held_out():
    """On the odd (held-out) lines of the confusable languages the words help."""
    from tools.eval import lid as ev
    data = ev.read(need_shared("devset", "lid", "lingua-sentences"), 160, "odd")
    data = {k: v for k, v in data.items() if k in ("ca", "da", "nb", "cs", "hr", "bg")}
    with_words = ev.score(data, "lines")
    letters = ev.score(data, "lines", words=False)
    with_words.pop("_confusions"), letters.pop("_confusions")
    gain = sum(with_words[k]["correct"] - letters[k]["correct"] for k in data) / len(data)
    assert gain >= 0.02, gain
    assert all(with_words[k]["correct"] >= letters[k]["correct"] - 0.02 for k in data)


@pytest.mark.devset
def test_devset_passages(capsys):
    from tools.eval import lid as ev
    data = ev.read(need_shared("devset", "lid", "lingua-sentences"), 120)
    arts = ev.build_articles(data, 80, 150, seed=11)
    found = sum(any(h.start < e and h.end > s for h in ev._run_passage(m, a)) for a, b, c, m, (s, e) in arts)
    clean_fp = sum(bool(ev._run_passage(c, a)) for a, b, c, m, span in arts)
    assert found >= 0.95 * len(arts)
    assert clean_fp <= 1


@pytest.mark.devset
def test_devset_foreign_sentences():
    from tools.eval import lid as ev
    data = ev.read(need_shared("devset", "lid", "lingua-sentences"), 200)
    arts = ev.build_sentence_articles(data, 80, 150, seed=13)
    found = sum(any(h.start < e and h.end > s for h in ev._run_passage(m, a)) for a, b, c, m, (s, e) in arts)
    clean_fp = sum(bool(ev._run_passage(c, a)) for a, b, c, m, span in arts)
    assert found >= 0.9 * len(arts), found
    assert clean_fp <= 1
