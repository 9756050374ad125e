"""TQ4xx: truncation, cut words, residue, house style — behaviour, seeds and devset."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS, need_shared, run_cli
from tqcheck.corpus.txt import from_text
from tools.eval.garbled import flags, load_rules, make_ctx

BODY = ("Washington and Moscow agreed on Thursday to resume military dialogue.\n"
        "The decision followed recent meetings between the top commanders.\n")


def ids(text: str, lang: str = "en", rules=("TQ401", "TQ402")) -> list[str]:
    return flags(text, lang, load_rules(rules), make_ctx())


def test_complete_article_with_headings_and_byline_not_truncated():
    text = "Talks resume\n" + BODY + "Why it matters\n" + BODY + "Reporting by Jane Doe\n"
    assert ids(text) == []


def test_cut_mid_sentence_and_mid_word():
    assert ids("Talks resume\n" + BODY + "The minister said the\n") == ["TQ401"]
    assert "TQ401" in ids("Talks resume\n" + BODY + "The minister said the comman\n")


def test_scripts_sentence_punctuation():
    assert ids("标题\n美国和俄罗斯周四同意恢复高级别军事对话。\n两国军队之间的直接联系被切断。\n", "zh") == []
    assert ids("عنوان\nاتفقت واشنطن وموسكو على استئناف الحوار؟\nوجاء القرار بعد اجتماعات في\n", "ar") == ["TQ401"]
    assert ids("शीर्षक\nवार्ता फिर शुरू हुई।\nदोनों देशों ने सहमति दी।\n", "hi") == []


def test_residue_lines_are_not_the_article_end():
    text = "Talks resume\n" + BODY + "Follow us on Facebook\nSource: Reuters\n"
    assert ids(text) == []
    assert ids(text, rules=("TQ404",)) == ["TQ404"]


def test_cut_list_item_uses_known_vocabulary():
    text = "Talks resume\n" + BODY + "Follow the desk on Facebook, Instagram, Telegr\nSource: AFP\n"
    assert ids(text) == ["TQ402"]
    text_whole = text.replace("Telegr", "Telegram")
    assert ids(text_whole) == []


def test_residue_in_several_languages():
    for lang, line in [("fr", "Suivez-nous sur Facebook et Twitter"), ("de", "Lesen Sie auch: Die Lage in Kiew"),
                       ("es", "Síguenos en Twitter"), ("ru", "Читайте также: переговоры в Абу-Даби"),
                       ("ar", "تابعونا على تويتر")]:
        text = "Titre\n" + BODY + line + "\n"
        assert ids(text, lang, ("TQ404",)) == ["TQ404"], line


def test_house_style_flags_the_later_form_on_a_tie():
    rule = load_rules(("TQ405",))[0]
    doc = from_text("a.en.txt", "Talks with the US resume\nThe U.S. command confirmed it.\n", lang="en")
    got = [doc.text[h.start:h.end] for h in rule.module.check(doc, rule.options, make_ctx())]
    assert got == ["U.S."]


def test_seeds_done_criteria():
    import json

    code, out = run_cli("--format", "json", "--isolated", str(SEEDS))  # default rule set
    rows = [r for r in json.loads(out)["findings"] if r["rule_id"][:3] in ("TQ3", "TQ4")]
    got = sorted((r["path"].rsplit("/", 1)[-1][:3], r["line"], r["rule_id"]) for r in rows)
    assert got == sorted([
        ("000", 5, "TQ405"),
        ("002", 1, "TQ404"), ("002", 3, "TQ309"), ("002", 23, "TQ404"), ("002", 23, "TQ402"),
        ("002", 24, "TQ404"), ("002", 25, "TQ404"), ("002", 26, "TQ404"),
    ])
    cut = next(r for r in rows if r["rule_id"] == "TQ402")
    assert cut["text"] == "TikT" and cut["suggestion"] == "TikTok"


@pytest.mark.devset
def test_devset_truncation_recall_and_false_positives():
    need_shared("devset", "lid", "lingua-sentences")
    import io
    from contextlib import redirect_stdout

    from tools.eval import truncation

    buf = io.StringIO()
    with redirect_stdout(buf):
        truncation.main([str(need_shared("devset")), "4", "11"])
    table = buf.getvalue()
    rows = {line.split("|")[1].strip(): line.split("|")[3].strip() for line in table.splitlines()
            if line.startswith("| ") and "%" in line}
    assert float(rows["recall, all cuts"].rstrip("%")) >= 90.0
    assert float(rows["false positives on complete articles"].rstrip("%")) <= 2.0


def test_full_stop_inside_closing_quotes_of_every_style_ends_the_article():
    # the full stop before the closing mark of German „…“, Danish »…«, CJK 「…」, 『…』
    for lang, last in [("de", "Er sagte: „Die Gespräche gehen weiter.“"),
                       ("de", "Sie nannte es ‚ein gutes Zeichen.‘"),
                       ("da", "Han sagde: »Forhandlingerne fortsætter.«"),
                       ("en", 'He said: "Talks will go on."'),
                       ("ja", "首相は「協議を続ける。」"),
                       ("zh", "他说：『谈判将继续。』"),
                       ("en", "Talks will go on, the minister said. 🇺🇦")]:
        assert ids("Talks resume\n" + BODY + last + "\n", lang) == [], last
    # a cut inside the quotation is still a cut
    assert ids("Talks resume\n" + BODY + "Er sagte: „Die Gespräche gehen\n", "de") == ["TQ401"]


def test_line_in_brackets_of_any_style_is_a_credit_or_stage_direction():
    text = "标题\n美国和俄罗斯周四同意恢复高级别军事对话。\n两国军队之间的直接联系被切断。\n（掌声）\n"
    assert ids(text, "zh") == []
    assert ids(text.replace("（掌声）", "【责任编辑：王明】"), "zh") == []


POSTS = ("Good morning from the summit in Abu Dhabi\n"
         "Met the delegations from both sides this morning and the mood is calm\n"
         "We will keep you posted on every step of the talks today\n"
         "Thanks to everyone who sent questions overnight\n")


def test_a_text_that_never_ends_lines_with_a_full_stop_is_not_cut_for_lacking_one():
    # social posts, speech transcripts: the last line without a full stop proves nothing
    assert ids(POSTS + "More after the second round of talks tonight\n") == []
    # ... but a stump of a word is still a cut
    assert "TQ402" in ids(POSTS.replace("both sides", "both delegations") + "Back later with the deleg\n")
    # and an article whose paragraphs end in full stops still gets judged on its last line
    assert ids("Talks resume\n" + BODY + "Why it matters\n" + BODY + "The minister said the\n") == ["TQ401"]


def test_habit_is_learnt_from_the_paragraphs_not_the_headings():
    # many short headings without full stops, long paragraphs with them: still news
    head = "Talks resume\n" + "".join(f"Section {w}\n" + BODY for w in ("one", "two", "three"))
    assert ids(head + "The minister said the\n") == ["TQ401"]


@pytest.mark.parametrize("lang,line", [
    ("uk", "Читайте також: Як пройшли переговори в Абу-Дабі"),
    ("uk", "Дивіться також: Зеленський про переговори"),
    ("uk", "Підписуйтесь на наш Telegram-канал"),
    ("ru", "Смотрите также: как прошли переговоры"),
    ("ru", "Подписывайтесь на наш Telegram-канал"),
    ("de", "Das könnte Sie auch interessieren: Die Lage in Kiew"),
    ("fr", "À voir aussi : les négociations en images"),
    ("es", "También te puede interesar: El acuerdo de paz"),
    ("ar", "ذات صلة: كيف جرت المحادثات في أبوظبي"),
    ("zh", "相关阅读：美俄两国军方恢复直接联系"),
    ("zh", "延伸阅读"),
    ("zh", "【相关新闻】美俄恢复对话"),
    ("zh", "欢迎关注我们的微信公众号"),
    ("en", "Don't miss: the best photos of the summit"),
])
def test_see_also_and_follow_lines_are_residue_and_not_a_cut_end(lang, line):
    text = "Talks resume\n" + BODY + line + "\n"
    assert ids(text, lang, ("TQ404",)) == ["TQ404"], line
    assert ids(text, lang) == [], line  # not a truncated ending, not a cut word


@pytest.mark.parametrize("lang,line", [
    ("ru", "Рекомендуем всем гражданам оставаться дома."),
    ("es", "Relacionado con el caso, la policía detuvo a dos hombres."),
    ("uk", "По темі переговорів висловився міністр."),
    ("de", "Zum Thema Migration sagte er wenig."),
    ("zh", "相关部门表示将继续调查。"),
])
def test_box_labels_that_start_ordinary_sentences_are_not_residue(lang, line):
    assert ids("Talks resume\n" + BODY + line + "\n", lang, ("TQ404",)) == []
