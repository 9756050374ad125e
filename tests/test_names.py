"""Name rules TQ201-TQ204: must / must-not cases in several scripts, and the devset."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.engine.config import Config
from tqcheck.corpus import Story
from tqcheck.corpus.txt import from_text
from tqcheck.engine import run_stories
from tqcheck.engine.rules import builtin_dir, load_dirs

from conftest import SEEDS, need_shared, need_tools


def _rules(*ids: str):
    return [r for r in load_dirs([builtin_dir()]) if r.id in ids]


def run(versions, *ids, extra=None):
    docs = []
    for v in versions:
        d = from_text(v[0], v[1], lang=v[2])
        if len(v) > 3:
            d.role, d.of = "translation_of", v[3]
        docs.append(d)
    rules = _rules(*ids)
    if extra:
        for r in rules:
            r.options["extra_authority"] = [str(p) for p in extra]
    rep = run_stories([Story("s", docs, explicit=True)], Config(), rules)
    return rep.findings.to_dicts()


def texts(rows, rule=None):
    return sorted(r["text"] for r in rows if rule is None or r["rule_id"] == rule)


# --- TQ201 authority variant -------------------------------------------------------

@pytest.mark.parametrize("lang,text,bad,good", [
    ("en", "US envoy Steve Witkof met officials in Moscow.", "Witkof", "Witkoff"),
    ("en", "The delegation was led by Admiral Igor Kostiukov on Tuesday.", "Kostiukov", "Kostyukov"),
    ("fr", "Le porte-parole Dmitri Peskoff a parlé jeudi.", "Peskoff", "Peskov"),
    ("ru", "Делегацию возглавил адмирал Игорь Костюкоф, сообщили в Москве.", "Костюкоф", "Костюков"),
    ("en", "Jared Kushne joined the talks in Abu Dhabi.", "Kushne", "Kushner"),
])
def test_authority_variant_flagged(lang, text, bad, good):
    rows = run([("a.txt", text, lang)], "TQ201")
    assert texts(rows) == [bad]
    assert rows[0]["suggestion"] == good


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin's aide said President Vladimir Putin and V. Putin met. Sergei Lavrov and Sergey Lavrov spoke."),
    ("ru", "Путин встретился с Уиткоффом. Песков сказал, что Путину передали послание, позиция Путина прежняя. Юрием Ушаковым."),
    ("de", "Trumps Gesandter Witkoff traf Putin in Moskau. Die russischen Delegationen blieben in Abu Dhabi."),
    ("ar", "التقى ويتكوف وكوشنر بالرئيس بوتين في موسكو، وقال بيسكوف إن المحادثات كانت بناءة."),
    ("he", "השליח סטיב ויטקוף נפגש עם פוטין במוסקבה."),
    ("en", "RUSSIA AND UKRAINE RESUME TALKS\nThe Russian and Ukrainian delegations met in Abu Dhabi."),
    ("en", "Despite the talks, Hovering tensions remained. Admiral Kostyukov said so."),
])
def test_authority_variant_not_flagged(lang, text):
    assert run([("a.txt", text, lang)], "TQ201") == []


def test_two_known_people_with_similar_names(tmp_path):
    f = tmp_path / "ours.toml"
    f.write_text('[[entity]]\nid = "a"\nkind = "person"\ncanonical = "Anna Petrova"\n'
                 '[[entity]]\nid = "b"\nkind = "person"\ncanonical = "Anna Petrowa"\n', encoding="utf-8")
    rows = run([("a.txt", "Anna Petrova and Anna Petrowa are sisters; Petrowa spoke first.", "en")],
               "TQ201", "TQ202", extra=[f])
    assert rows == []


def test_newsroom_file_adds_an_entity(tmp_path):
    text = "Mayor Oleksiy Hrybenko spoke. Later Hrybenkko said more."
    assert run([("a.txt", text, "en")], "TQ201") == []
    f = tmp_path / "ours.toml"
    f.write_text('[[entity]]\nid = "h"\nkind = "person"\ncanonical = "Oleksiy Hrybenko"\n', encoding="utf-8")
    rows = run([("a.txt", text, "en")], "TQ201", extra=[f])
    assert texts(rows) == ["Hrybenkko"] and rows[0]["suggestion"] == "Hrybenko"


# --- TQ202 inconsistent spelling ----------------------------------------------------

def test_inconsistent_in_one_article():
    rows = run([("a.txt", "Envoy Oleksandr Kovalenko arrived. Later Kowalenko met them, and Kovalenko said more.", "en")],
               "TQ202")
    assert texts(rows) == ["Kowalenko"] and rows[0]["suggestion"] == "Kovalenko"


def test_inconsistent_across_versions_and_zelenskyy_style():
    rows = run([("a.en.txt", "Mediator Pavlo Hrushchenky met Bohdan Zalesky. Zalesky agreed.", "en"),
                ("b.en.txt", "Mediator Pavlo Hrushchenky met Bohdan Zaleskyy.", "en")], "TQ202")
    assert texts(rows) == ["Zaleskyy"]
    assert rows[0]["related_path"] == "a.en.txt"


def test_inconsistent_cyrillic():
    rows = run([("a.ru.txt", "Посредник Мирослав Грушевский заявил. Грушевского поддержали. Грушевский ушёл.", "ru"),
                ("b.ru.txt", "Посредник Мирослав Грушевськый заявил.", "ru")], "TQ202")
    assert texts(rows) == ["Грушевськый"]


def test_not_inconsistent():
    rows = run([("a.en.txt", "Mediator Aleksandr Grushevsky met Oleksandr Kovalenko. Sergei Lavrov and Sergey Lavrov.", "en"),
                ("b.de.txt", "Der Vermittler Alexander Gruschewski traf Kovalenko. Trumps Team und Trump.", "de"),
                ("c.ru.txt", "Посредник Александр Грушевский. Грушевского поддержали. Путина, Путину, Путин.", "ru")],
               "TQ202")
    assert rows == []


# --- TQ203 / TQ204 coverage ---------------------------------------------------------

SRC = ("Kremlin spokesperson Dmitry Peskov said Russia was ready. Admiral Igor Kostyukov led "
       "the delegation. Mediator Oleksandr Hrushevsky said the talks went well.")


def test_coverage_declared_translation():
    rows = run([("a.en.txt", SRC, "en"),
                ("a.ru.txt", "Представитель Кремля Дмитрий Песков заявил, что Россия готова. "
                             "Посредник Александр Грушевский сказал, что всё хорошо.", "ru", "a.en.txt"),
                ("a.ar.txt", "قال المتحدث باسم الكرملين دميتري بيسكوف إن روسيا مستعدة، وترأس الأدميرال إيغور كوستيوكوف الوفد.",
                 "ar", "a.en.txt")], "TQ203")
    got = sorted((r["path"], r["message"].split(" is named")[0]) for r in rows)
    assert got == [("a.ar.txt", "Hrushevsky"), ("a.ru.txt", "Igor Kostyukov")]
    assert all(r["severity"] == "warning" for r in rows)


def test_coverage_free_rewrite_is_info_and_needs_repeats():
    src = "Kremlin spokesperson Dmitry Peskov said Russia was ready. Peskov added more. Jared Kushner came."
    rows = run([("a.en.txt", src, "en"), ("b.en.txt", "The Kremlin said Russia was ready.", "en")], "TQ204")
    assert [(r["path"], r["severity"]) for r in rows] == [("b.en.txt", "info")]
    assert "Peskov" in rows[0]["message"]


# --- seeds and the devset -------------------------------------------------------------

def test_seeds_flag_only_the_misspelt_envoy():
    from tqcheck.engine import run as run_paths

    rules = [r for r in load_dirs([builtin_dir()]) if r.id.startswith("TQ2")]
    rep = run_paths([str(SEEDS)], Config(), rules)
    rows = rep.findings.to_dicts()
    assert [(r["rule_id"], r["text"], r["suggestion"]) for r in rows] == \
        [("TQ201", "Wittkopf", "Witkoff")]


def test_no_seed_strings_in_code():
    root = Path(__file__).resolve().parent.parent
    for sub in ("tqcheck", "rules"):
        for p in (root / sub).rglob("*"):
            if p.is_file() and p.suffix in (".py", ".toml", ".tsv"):
                assert "wittkopf" not in p.read_text(encoding="utf-8", errors="ignore").lower(), p


def test_devset_evaluation_floors():
    devset = need_shared("devset", "names", "names.tsv").parent.parent
    evaluate_rules = need_tools("tools.eval.names").evaluate_rules

    s = evaluate_rules(devset, 20, 1)
    # measured at 20 stories x 7 languages, seed 1 (see /tmp/notes/issue-4.md)
    assert s["TQ201"]["precision"] >= 0.85 and s["TQ201"]["recall"] >= 0.85
    assert s["TQ202"]["precision"] >= 0.85 and s["TQ202"]["recall"] >= 0.70
    assert s["clean"]["per_100"] <= 8.0


def test_cross_script_floor():
    devset = need_shared("devset", "names", "translit_pairs.tsv").parent.parent
    cross_script = need_tools("tools.eval.names").cross_script

    r = cross_script(devset, 300, 1)
    # held-out pairs; the learned model must beat the model-free score everywhere
    for lang in ("rus", "ara", "heb", "jpn", "kor"):
        assert r[lang]["after"] > r[lang]["before"] + 0.1, lang
    assert r["rus"]["after"] >= 0.85
    assert r["ara"]["after"] >= 0.60 and r["heb"]["after"] >= 0.60


def test_learned_transliteration_scores():
    from tqcheck.analysis.names import translit

    for native in ("Уиткофф", "ويتكوف", "ויטקוף"):
        assert translit.cross_score(native, "Witkoff") >= 70, native
        assert translit.cross_score("Witkoff", native) >= 70, native  # either order
        assert translit.cross_score(native, "Kushner") < 50, native
    assert translit.cross_score("Уиткофф", "ويتكوف") >= 70  # two native scripts
    cands = ["Whitaker", "Witkoff", "Wickham", "Walcott", "Tkachov"]
    for native in ("Уиткофф", "ويتكوف"):
        best = max(cands, key=lambda c: translit.logprob(native, c))
        assert best == "Witkoff", native


def test_coverage_finds_unknown_name_inflected_and_in_arabic():
    src = "Mediator Oleksandr Hrushevsky said the talks went well."
    rows = run([("a.en.txt", src, "en"),
                ("a.ru.txt", "Переговоры с посредником Грушевским прошли хорошо.", "ru", "a.en.txt"),
                ("a.ar.txt", "قال الوسيط أولكسندر غروشيفسكي إن المحادثات سارت بشكل جيد.", "ar", "a.en.txt"),
                ("a.he.txt", "המתווך אמר שהשיחות עברו היטב.", "he", "a.en.txt")], "TQ203")
    assert sorted(r["path"] for r in rows) == ["a.he.txt"]


def test_inconsistency_vote_from_another_script():
    rows = run([("a.en.txt", "Mediator Oleksandr Lytvynenko said the talks went well.", "en"),
                ("b.en.txt", "Mediator Oleksandr Litvinenko said the talks went well.", "en"),
                ("c.ru.txt", "Посредник Александр Литвиненко заявил, что переговоры прошли хорошо.", "ru")],
               "TQ202")
    assert [(r["path"], r["text"], r["suggestion"]) for r in rows] == \
        [("a.en.txt", "Lytvynenko", "Litvinenko")]


# --- Lazy authority index; Arabic and Hebrew fuzzy look-up -------------------

def _builtin_authority():
    from tqcheck.analysis.names import authority

    return authority.load([builtin_dir() / "data" / "names"])


def test_lazy_authority_builds_only_the_scripts_looked_up():
    auth = _builtin_authority()
    assert auth.known(frozenset({"witkoff"})) and auth._built == {"Latin"}
    # the look-up of one script does not depend on which scripts were built before
    other = _builtin_authority()
    for sc in ("Arabic", "Han", "Cyrillic", "Hebrew", "Hangul", "Katakana"):
        other._index(sc)
    for q in ("wittkopf", "kostiukov", "kushne", "germnay", "rubo"):
        assert auth.near(q, 80.0) == other.near(q, 80.0), q
    for tok in ("witkoff", "steve", "germany", "kremlin"):
        assert auth.entities_of(tok) == other.entities_of(tok)
        assert auth.distinctive_of(tok) == other.distinctive_of(tok)
    assert other.entities_of("ويتكوف") and other.entities_of("ויטקוף")


def test_arabic_spelling_conventions_are_known_tokens():
    auth = _builtin_authority()
    # إيجور (authority) written ايجور; غزة written غزه; Hebrew final letters
    assert auth.entities_of("ايجور") == auth.entities_of("إيجور") != set()
    assert auth.entities_of("غزه") == auth.entities_of("غزة") != set()


@pytest.mark.parametrize("lang,text,bad,good", [
    ("ar", "قال المبعوث ستيف ويتكوفف إن المحادثات مستمرة.", "ويتكوفف", "ويتكوف"),
    ("ar", "وصل ستيف ويتكف إلى موسكو.", "ويتكف", "ويتكوف"),
    ("ar", "قال بوتين إن المحادثات مفيدة. ورد الكرملين بأن وبوتن لم يقرر بعد.", "وبوتن", "وبوتين"),
    ("he", "השליח סטיב ויטקופף אמר כי השיחות נמשכות.", "ויטקופף", "ויטקוף"),
    ("he", "ולדימיר פוטין נפגש עם השליח. לדברי פוטן השיחות נמשכות.", "פוטן", "פוטין"),
])
def test_native_fuzzy_flagged(lang, text, bad, good):
    rows = run([("a." + lang + ".txt", text, lang)], "TQ201")
    assert [(r["text"], r["suggestion"]) for r in rows] == [(bad, good)]


@pytest.mark.parametrize("lang,text", [
    # conventions, not misspellings: alef without hamza, final ى, ة/ه
    ("ar", "قال ايجور كوستيوكوف إن الوفد وصل إلى غزه."),
    # no evidence that the person is meant: a lone near-miss is not flagged
    ("ar", "قال ويتكوفف إن المحادثات مستمرة."),
    # the article is never written on a person's name; too short after the article
    ("ar", "قال بوتين إن البروتين مفيد وإن الأم في المنزل."),
    # ordinary Hebrew words one letter from a name the article mentions
    ("he", "מרקו רוביו ביקר בעיר. קרובי המשפחה הגיעו לעקרון."),
])
def test_native_fuzzy_not_flagged(lang, text):
    assert run([("a." + lang + ".txt", text, lang)], "TQ201") == []


def test_devset_arabic_hebrew_floors():
    devset = need_shared("devset", "lid", "lingua-sentences", "ar.txt").parent.parent.parent
    evaluate_uncased = need_tools("tools.eval.names").evaluate_uncased

    u = evaluate_uncased(devset, 40, 1)
    for lang in ("ar", "he"):
        assert u[lang]["expected"] >= 15, lang
        assert u[lang]["precision"] >= 0.9 and u[lang]["recall"] >= 0.8, (lang, u[lang])
        assert u[lang]["per_100"] <= 5.0, (lang, u[lang])


# --- One forward pass; unknown native spellings anchored by a Latin name -----

def test_forward_pass_is_shared_by_trainer_and_scorer():
    import math

    learn = need_tools("tools.learn_translit")
    from tqcheck.analysis.names import translit

    table = {"к": {"k": 0.9, "c": 0.1}, "о": {"o": 1.0}, "т": {"t": 1.0}, "кт": {"ct": 0.5, "kt": 0.5}}
    u = ("к", "о", "т")
    a = translit.forward(u, "kot", 3, table.get, table.get)
    assert abs(a[-1][-1] - 0.9) < 1e-12  # one alignment: к=k, о=o, т=t
    assert translit.forward(u, "cot", 3, table.get, table.get)[-1][-1] == pytest.approx(0.1)
    assert translit.forward(("к", "т"), "kt", 3, table.get, table.get)[-1][-1] \
        == pytest.approx(0.9 + 0.5)  # к+т, or the two-unit segment кт
    assert translit.forward(u, "xot", 3, table.get, table.get)[-1][-1] == 0.0
    assert learn._forward(u, "kot", table, 3) == a  # the trainer uses the same pass
    # the run-time scorer: same pass, single units backed off, so an unseen letter is
    # unlikely but possible
    lp = translit.logprob("Кушнер", "Kushner")
    assert lp > translit.logprob("Кушнер", "Kushnex") > -math.inf


AR_EN = "Mediator Aleksandr Grushevsky said the talks went well. Grushevsky will return on Friday."


def test_anchored_arabic_misspelling_flagged_with_prefix():
    rows = run([("a.en.txt", AR_EN, "en"),
                ("b.ar.txt", ("قال الوسيط ألكسندر غروشيفسكي إن المحادثات سارت بشكل جيد. "
                              "وقال غروشيفسكي إنه متفائل. وسيعود وغروشفسكي يوم الجمعة."), "ar")],
               "TQ202")
    assert [(r["path"], r["text"], r["suggestion"]) for r in rows] == \
        [("b.ar.txt", "وغروشفسكي", "وغروشيفسكي")]


def test_anchored_tie_broken_by_the_latin_spelling():
    # one mention each: the model prefers the spelling that transliterates the Latin name
    for good, bad in (("غروشيفسكي", "غروشفسكي"), ("Грушевский", "Грушвский")):
        for first, second in ((good, bad), (bad, good)):
            lang = "ar" if "\u0600" <= good[0] <= "\u06ff" else "ru"
            text = (f"Посредник Александр {first} заявил о переговорах. Затем {second} уехал."
                    if lang == "ru" else
                    f"قال الوسيط ألكسندر {first} إن المحادثات سارت بشكل جيد. وسيعود {second} يوم الجمعة.")
            rows = run([("a.en.txt", AR_EN, "en"), (f"b.{lang}.txt", text, lang)], "TQ202")
            assert [(r["text"], r["suggestion"]) for r in rows] == [(bad, good)], (first, second)


@pytest.mark.parametrize("versions", [
    # no Latin version: two unknown Arabic words are never compared
    [("b.ar.txt", "قال الوسيط غروشيفسكي إن المحادثات سارت بشكل جيد. وسيعود غروشفسكي يوم الجمعة.", "ar")],
    # spelling conventions and clitics are one spelling
    [("a.en.txt", AR_EN, "en"),
     ("b.ar.txt", "قال الوسيط ألكسندر غروشيفسكي إن المحادثات سارت بشكل جيد. وسيعود وغروشيفسكى يوم الجمعة.", "ar")],
    # similar Arabic words that do not transliterate the Latin name
    [("a.en.txt", AR_EN, "en"),
     ("b.ar.txt", "قال الوسيط ألكسندر غروشيفسكي إن المحادثات سارت بشكل جيد في المدينة والمدينه.", "ar")],
])
def test_anchored_not_flagged(versions):
    assert run(versions, "TQ202") == []


def test_devset_anchored_floors():
    devset = need_shared("devset", "names", "translit_pairs.tsv").parent.parent
    evaluate_anchored = need_tools("tools.eval.names").evaluate_anchored

    x = evaluate_anchored(devset, 60, 1)
    # measured at 60 stories, seed 1: ar P 95 / R 70, ru P 90 / R 90 (python -m tools.eval names)
    for key, recall in (("xar", 0.55), ("xru", 0.75)):
        assert x[key]["expected"] >= 15, key
        assert x[key]["precision"] >= 0.8 and x[key]["recall"] >= recall, (key, x[key])
        assert x[key]["per_100"] <= 5.0, (key, x[key])


def test_anchors_without_two_alike_stems_are_not_scored(monkeypatch):
    """TQ202 scores an anchor's words only when two stems on its shortlist are alike
    (``min_native_similarity``) and both reach its bar (``_may_pair``): without that no
    two spellings can be found. On the evaluation's English + Arabic / Russian stories
    (planted misspellings and clean ones), the findings are the same with every anchor
    scored, and most anchors are not."""
    from tqcheck.checks import names_consistency as nc

    devset = need_shared("devset", "names", "translit_pairs.tsv").parent.parent
    names_eval = need_tools("tools.eval.names")
    stories, planted = names_eval.build_anchored(devset, 40, 3)
    asked = []
    may_pair = nc._may_pair

    def counted(*args):  # type: ignore[no-untyped-def]
        asked.append(may_pair(*args))
        return asked[-1]

    monkeypatch.setattr(nc, "_may_pair", counted)
    pruned = names_eval._run_names_rules(stories, {})
    monkeypatch.setattr(nc, "_may_pair", lambda *args: True)
    every = names_eval._run_names_rules(stories, {})
    assert pruned == every
    assert sum(r["rule_id"] == "TQ202" for r in every) >= 10  # findings were compared
    assert len(asked) > 100 and asked.count(False) > len(asked) / 2


def test_each_mention_in_another_script_is_one_vote():
    # two spellings met twice and once; the Russian version's mentions vote for the
    # one their transliteration matches: once makes a tie (the spelling met first is
    # kept), twice outweighs the spelling met twice (votes are counted per mention,
    # not per distinct word)
    en = [("a.en.txt", "Mediator Oleksandr Lytvynenko said the talks went well. "
                       "Later Lytvynenko added that more talks would follow.", "en"),
          ("b.en.txt", "Mediator Oleksandr Litvinenko said the talks went well.", "en")]
    once = "Посредник Александр Литвиненко заявил, что переговоры прошли хорошо."
    twice = once + " Позже Литвиненко добавил, что переговоры продолжатся."
    rows = run(en + [("c.ru.txt", once, "ru")], "TQ202")
    assert [(r["path"], r["text"]) for r in rows] == [("b.en.txt", "Litvinenko")]
    rows = run(en + [("c.ru.txt", twice, "ru")], "TQ202")
    assert sorted((r["path"], r["text"], r["suggestion"]) for r in rows) == \
        [("a.en.txt", "Lytvynenko", "Litvinenko")] * 2
