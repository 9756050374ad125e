"""The per-article shortcuts of identifier search, profile scoring and name matching for
alignment are exact: each gives the answer of the way it replaces, on varied input in
Latin, Cyrillic, Greek, Arabic, Hebrew and CJK text."""

from __future__ import annotations

import math
import random

from tqcheck.analysis import lid, tokens

# Pieces of text with the things identifiers are made of, in many scripts, and the
# letters and signs that sit next to them: schemes and "www" in every case, top-level
# domains in both cases, "@" and "#", codes with hyphens of three kinds, and the
# letters a case-insensitive pattern folds beyond upper and lower case.
_PARTS = [
    "https://www.Example.org/a/", "HTTP://EXAMPLE.COM", "httpſ://x.org", "ftp://files.net/x",
    "WWW.Example.Com", "Www.bbc.co.uk", "wWw.", "www", "ru.wikipedia.org", "EXAMPLE.COM",
    "example.Com", "bbc.com/news", ".com", "a.b", "e.g.", "@user", "@user@mastodon.social",
    "name@example.org", "NAME@EXAMPLE.ORG", "#Hashtag", "#2024", "&#39;", "F-35", "F35",
    "LH 400", "iPhone 15", "FrontPage 2002", "Ту-154", "МС-21", "SARS-CoV-2", "COVID-19",
    "إف-16", "كوفيد-19", "ב-10", "歼-20", "歼‐20", "Mid-2020", "over-50s", "A320", "G20",
    "The", "minister", "said", "Министр", "заявил", "Ο", "υπουργός", "قال", "الوزير",
    "השר", "אמר", "部长", "表示", "会谈", "ſ", "\u212a", "İ", "ı", "ß", "-", "‑", "/", ".",
    ",", ":", "(", ")", "«", "»", "\u00a0", "５０", "٣", "2026", "12", "7",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sep = rng.choice([" ", " ", "", "\n", ", ", "."])
        out.append(sep.join(rng.choice(_PARTS) for _ in range(rng.randint(1, 12))))
    return out


def test_identifier_patterns_are_skipped_only_where_they_find_nothing(monkeypatch):
    """``tokens._may_hold`` is a necessary condition of each pattern it stands for, and
    ``find`` with it gives every token ``find`` gives when every pattern always runs."""
    from tqcheck.analysis.numbers import normal

    texts = _texts(3000, 11) + _PARTS
    skipped = [0] * 6
    for text in texts:
        norm = normal(text)
        held = tokens._may_hold(norm)
        for k, (rx, ok) in enumerate(zip((tokens.URL_RE, tokens.DOMAIN_RE, tokens.HANDLE_RE,
                                          tokens.HASHTAG_RE, tokens.CODE_SPACE_RE,
                                          tokens.CODE_UNCASED_RE), held)):
            if not ok:
                skipped[k] += 1
                assert rx.search(norm) is None, (rx.pattern[:30], text)
        if not held[2]:
            assert tokens.EMAIL_RE.search(norm) is None, text
    assert all(skipped), skipped  # each test did spare its pattern somewhere
    fast = [tokens.find.__wrapped__(t) for t in texts]
    monkeypatch.setattr(tokens, "_may_hold", lambda norm: (True,) * 6)
    assert [tokens.find.__wrapped__(t) for t in texts] == fast
    assert sum(map(len, fast)) > len(texts)  # tokens were found, of every kind
    assert {t.kind for ts in fast for t in ts} == {"url", "email", "handle", "hashtag", "code"}


_WORDS = {
    "latin": "the minister said talks would resume next week der Minister sagte Gespräche "
             "würden fortgesetzt le ministre a déclaré que les négociations reprendraient "
             "NATO UN EU ĳssel",
    "cyrillic": "министр заявил что переговоры возобновятся на следующей неделе ООН",
    "greek": "ο υπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν",
    "arabic": "قال الوزير يوم الاثنين إن المحادثات ستستأنف الأسبوع المقبل",
    "hebrew": "השר אמר ביום שני כי השיחות יתחדשו בשבוע הבא",
    "cjk": "部长 周一 表示 会谈 将于 下周 恢复 東京 会議",
}


def _plain_scores(text: str, langs: tuple[str, ...]) -> tuple[dict[str, float], int]:
    """profile_scores as its definition reads: the trigrams' log rows summed in order."""
    table = lid._factory(langs).word_lang_prob_map
    rows = [tuple(math.log(p + lid._FLOOR) for p in table[g]) if g in table
            else (math.log(lid._FLOOR),) * len(langs) for g in lid._trigrams(text)]
    if not rows:
        return {lang: 0.0 for lang in langs}, 0
    return {lang: sum(col) / len(rows) for lang, col in zip(langs, zip(*rows))}, len(rows)


def test_profile_scores_read_word_by_word_are_the_trigram_sums(monkeypatch):
    """Row numbers kept per word give the plain sums bit for bit, in every script, with
    words recurring across texts, and while the shared budget empties the memos again
    and again in the middle of texts (both the Python and the numpy sums)."""
    from tqcheck.analysis import heavy
    from tqcheck.analysis.text import script_counts

    monkeypatch.setattr(lid, "_NUMPY_AFTER", 10 ** 9)
    rng = random.Random(7)
    texts = []
    for _ in range(120):
        pool = [w for s in rng.sample(sorted(_WORDS), rng.randint(1, 3)) for w in _WORDS[s].split()]
        texts.append(" ".join(rng.choice(pool) for _ in range(rng.randint(0, 60))))
    texts += ["", "NATO UN", "x", "12 345"]
    for cap in (10 ** 6, 400, 60):
        for plain in (True, False):
            monkeypatch.setattr(heavy, "numpy_loaded", lambda plain=plain: not plain)
            monkeypatch.setattr(lid, "_CELLS_CAP", cap)
            lid._factory.cache_clear()
            lid._log_rows.cache_clear()
            kept = 0
            for text in texts:
                langs = tuple(lid.candidates_for(text, script_counts(text))) or ("en", "fr")
                assert lid.profile_scores(text, langs) == _plain_scores(text, langs), (cap, text)
                rows = lid._log_rows(langs)
                kept = max(kept, len(rows.words))
                assert (rows.rows is not None) == plain or not lid._trigrams(text)
            assert kept and lid._CELLS_HELD <= cap


def test_name_facts_are_the_key_and_model_language():
    """The per-token memo of alignment's name matching holds what was computed per pair:
    the fold of the romanisation (of the token itself when Latin) and the model language."""
    from tqcheck.analysis import align
    from tqcheck.analysis.names.translit import fold, model_lang, romanise

    toks = ["Witkoff", "Уиткофф", "ويتكوف", "ויטקוף", "特朗普", "トランプ", "Τραμπ", "Zürich",
            "İstanbul", "Hillary", "Клинтон", "كلينتون", "קלינטון", "Straße", "Μόσχα"]
    for t in toks:
        lang = model_lang(t)
        assert align._name_facts(t) == ((fold(romanise(t)) if lang else fold(t)), lang), t
    assert {align._name_facts(t)[1] for t in toks} >= {None, "rus", "ara", "heb"}


def test_ngrams_kept_per_word_are_langdetects_under_the_budget(monkeypatch):
    """The detector's n-grams, kept per word and set of profiles, are langdetect's own
    in its order, also while the shared budget empties every memo in the middle of a text
    (each text is extracted twice: the second time mostly from what was kept)."""
    from langdetect.detector import Detector
    from test_speed_exact_text import _lid_texts

    fast_class = lid._detector_class()
    sets = [lid.SCRIPT_LANGS["Latin"], lid.SCRIPT_LANGS["Cyrillic"], ("ja", "ko", "zh-cn", "zh-tw"),
            ("ar", "fa", "he", "ur"), ("el", "en")]
    texts = _lid_texts(400, 9)
    for cap in (10 ** 6, 300):
        monkeypatch.setattr(lid, "_CELLS_CAP", cap)
        lid._factory.cache_clear()
        kept = 0
        for i, text in enumerate(texts + texts):
            factory = lid._factory(sets[i % len(sets)])
            fast, slow = fast_class(factory), Detector(factory)
            for det in (fast, slow):
                det.append(text)
                det.cleaning_text()
            assert fast._extract_ngrams() == slow._extract_ngrams(), (cap, text)
            kept = max(kept, len(factory.word_lang_prob_map._grams))
        assert kept and lid._CELLS_HELD <= cap


def test_word_row_numbers_start_again_with_the_rows():
    """Rows are numbered again when the trigram memo is found empty (as when a word's own
    entry was what reached the budget, and the memos were emptied before it was kept): the
    row numbers kept per word start again with them, so no word reads another's rows."""
    langs = ("de", "en", "fr")
    lid._log_rows.cache_clear()
    texts = ["the talks resume next week", "die Gespräche werden fortgesetzt",
             "les négociations reprendront", "the talks resume"]
    for text in texts:
        assert lid.profile_scores(text, langs) == _plain_scores(text, langs)
        lid._log_rows(langs).index.clear()  # the next text starts the rows again
    assert lid.profile_scores(texts[0], langs) == _plain_scores(texts[0], langs)
