"""The per-article shortcuts of identifier search, name matching for alignment and
code-page repair are exact: each gives the answer of the way it replaces, on varied
input in Latin, Cyrillic, Greek, Arabic, Hebrew and CJK text."""

from __future__ import annotations

import random

from tqcheck.analysis import tokens

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


def _devset_sample(rng: random.Random, per_language: int) -> list[str]:
    """Up to ``per_language`` real sentences of each devset language (the lingua
    sentences, files in name order), drawn with ``rng``; skips when ../shared is absent."""
    from conftest import need_shared

    out: list[str] = []
    for path in sorted(need_shared("devset", "lid", "lingua-sentences").glob("*.txt")):
        lines = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        out += rng.sample(lines, min(per_language, len(lines)))
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


def test_codepage_languages_left_early_give_the_same_repairs():
    """A language left as soon as its remaining words cannot make it known enough, and a
    pair left before the mean frequencies when no language can: the repair and its
    certainty are those of looking every word up in every language, on clean, misread,
    half-misread and shortened paragraphs of many languages and scripts, declared,
    undeclared and mis-declared."""
    from test_speed_exact_text import _CLEAN, _WRITTEN, _misread

    from tqcheck.checks import _codepage

    rng = random.Random(21)
    reads = sorted({r for _, r in _codepage.PAIRS})
    paragraphs = []
    for lang, text in _CLEAN.items():
        words = text.split()
        pieces = [text, " ".join(words[:2]), " ".join(words[len(words) // 2:])]
        for read in reads:
            for piece in pieces:
                bad = _misread(piece, _WRITTEN[lang], read)
                if not bad or bad == piece:
                    continue
                other = rng.choice(list(_CLEAN.values()))
                half = " ".join(rng.choice([w, b]) for w, b in zip(piece.split(), bad.split()))
                for p in (bad, bad + " " + other, half):
                    paragraphs += [(p, lang), (p, None), (p, rng.choice(list(_CLEAN)))]
        paragraphs += [(text, lang), (text, None)]
    fast = [_codepage.repair(p, lg) for p, lg in paragraphs]
    slow = [_codepage.repair(p, lg, _shortcut=False) for p, lg in paragraphs]
    for (p, lg), a, b in zip(paragraphs, fast, slow):
        assert a == b, (p, lg)
    assert sum(1 for a in fast if a) >= 50 and sum(1 for a in fast if not a) >= 50


def test_detector_takes_in_and_cleans_text_as_langdetect():
    """The detector's ``append`` and ``cleaning_text`` leave the text langdetect's own
    leave, on real sentences of every devset language (single and joined in mixed
    scripts), with runs of spaces, brackets and backquotes (inside langdetect's "A"-"z"),
    Vietnamese combining marks, URLs, e-mail addresses and text past its length limit."""
    from langdetect.detector import Detector

    from tqcheck.analysis import lid

    rng = random.Random(31)
    sentences = _devset_sample(rng, 20)
    extras = ["  ", "   \n ", "[x]", "`a`", "^_^", "\\", "Tiếng Việt", "Tie\u0302\u0301ng", "e\u0301",
              "http://example.org/a b", "x@y.org", "\u3000", "\ud800", "ẞ", "Ḁ"]
    texts = list(sentences)
    for _ in range(600):
        picks = rng.sample(sentences, rng.randint(2, 6)) + rng.sample(extras, rng.randint(0, 4))
        rng.shuffle(picks)
        texts.append(rng.choice([" ", "  ", "   ", "\n"]).join(picks))
    texts.append(" ".join(sentences[:400]))  # past max_text_length (10,000 characters)
    factory = lid._factory(lid.SCRIPT_LANGS["Latin"])
    cleaned = 0
    for text in texts:
        fast, slow = lid._detector_class()(factory), Detector(factory)
        for det in (fast, slow):
            det.append(text)
            det.append(" " + text[:50])  # a second piece: its first space is kept
        assert fast.text == slow.text, text
        before = fast.text
        fast.cleaning_text()
        slow.cleaning_text()
        assert fast.text == slow.text, text
        cleaned += fast.text != before
    assert len(texts[-1]) > 10_000
    assert 50 < cleaned < len(texts) - 50  # both sides of the cleaning were taken


def test_passage_scores_kept_per_text_answer_as_scoring_each_time(monkeypatch):
    """The passage check's profile scores kept per text give the findings of scoring each
    paragraph anew, on articles of devset sentences that share paragraphs (a rewrite in
    the same language) and hold foreign ones, read twice."""
    from conftest import need_shared

    from tqcheck.analysis import lid
    from tqcheck.checks import language_passage as lp
    from tqcheck.corpus import Document
    from tqcheck.engine.context import Context

    base = need_shared("devset", "lid", "lingua-sentences")
    rng = random.Random(8)
    sents = {lang: [s for s in (base / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
             for lang in ("en", "fr", "de", "ru", "es")}
    docs = []
    for k in range(24):
        lang = rng.choice(["en", "fr", "de"])
        paras = [" ".join(rng.sample(sents[lang], 3)) for _ in range(4)]
        if k % 3 == 0:
            paras.insert(2, " ".join(rng.sample(sents[rng.choice(["ru", "es", "en"])], 3)))
        for v in range(2):  # the article and its rewrite, sharing all but one paragraph
            if v:
                paras[1] = " ".join(rng.sample(sents[lang], 3))
            docs.append(Document(id=f"d{k}v{v}", text="\n\n".join(paras), lang=lang))

    def findings() -> list:
        ctx = Context()
        return [[(s.start, s.end, a, d.lang, u) for s, a, d, u in lp.foreign_paragraphs(doc, lp.OPTIONS, ctx)]
                for doc in docs + docs]

    lp._profile_scores.cache_clear()
    kept = findings()
    assert lp._profile_scores.cache_info().hits > 50
    monkeypatch.setattr(lp, "_profile_scores", lambda t, c: tuple(lid.profile_scores(t, c)[0].items()))
    assert findings() == kept
    assert sum(map(len, kept)) >= 8  # foreign paragraphs were found


def test_short_articles_compared_plainly_find_the_repeats_of_the_bounds(monkeypatch):
    """An article up to ``_PLAIN_ALWAYS`` characters is compared unit by unit even when
    numpy is loaded: the same repeated passages (exact, edited and none) as the count
    bounds find, on articles of devset sentences in Latin, Cyrillic, Arabic and Han."""
    import numpy  # noqa: F401  (loaded: the bounds would be used)

    from conftest import need_shared

    from tqcheck.checks import repetition
    from tqcheck.corpus import Document

    base = need_shared("devset", "lid", "lingua-sentences")
    rng = random.Random(12)
    opts = dict(repetition.OPTIONS, unit="passage")
    docs = []
    for lang in ("en", "de", "ru", "ar", "zh"):
        sents = [s for s in (base / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
        for k in range(12):
            paras = [" ".join(rng.sample(sents, rng.randint(1, 4))) for _ in range(rng.randint(3, 14))]
            for _ in range(k % 4):  # a paragraph or a sentence again, as it was or edited
                again = rng.choice(paras)
                if rng.random() < 0.5:
                    again = again.replace(" ", "  ", 1)[:-1] + "x"
                paras.insert(rng.randint(0, len(paras)), again)
            docs.append(Document(id=f"{lang}{k}.txt", text="\n\n".join(paras), lang=lang))
    short = [d for d in docs if len(d.text) <= repetition._PLAIN_ALWAYS]
    assert len(short) > 30
    got = []
    for always in (repetition._PLAIN_ALWAYS, 0):  # plain for the short ones, bounds for all
        monkeypatch.setattr(repetition, "_PLAIN_ALWAYS", always)
        got.append([[(h.start, h.end, h.related_start, h.value) for h in repetition._passages(d, opts)]
                    for d in docs])
    assert got[0] == got[1]
    assert sum(1 for hits in got[0] if hits) > 15


_GATED = ("_WORDS_NEED", "_ORD_RE", "_FOLD_RE", "_DECADE_WORDS_RE", "_TIME_WORDS_RE")


def test_case_insensitive_word_patterns_match_only_lower_case_relatives():
    """What the number-word shortcut rests on, asked of ``re`` over all of Unicode: every
    character that a case-insensitive pattern matches to a letter of the words the
    shortcut looks for (lower-cased) has that letter as its lower case, or is one of
    ``_BEYOND_CASE``, each of which is such a character. (A later Python whose tables
    relate another character would fail here, not miss a number.)"""
    import re
    import sys

    from tqcheck.analysis import numbers

    everything = "".join(map(chr, range(sys.maxunicode + 1))).encode("utf-16", "surrogatepass") \
        .decode("utf-16", "ignore")  # every code point but the surrogates
    letters = set()
    for name in _GATED:
        need = getattr(numbers, name).need()
        assert need is not None, name  # the words were read from every pattern
        words = need.pattern.replace("\\", "").split("|")
        assert all(w == w.lower() for w in words)
        letters |= set("".join(words))
    assert {"a", "i", "s", "z", "ß", "ü", "年"} <= letters
    beyond = set()
    for ch in sorted(letters):
        for other in re.findall(re.escape(ch), everything, re.I):
            if other.lower() != ch:
                beyond.add(other)
    assert beyond == set(numbers._BEYOND_CASE.pattern.strip("[]"))


def test_number_word_patterns_scanned_only_where_they_can_match(monkeypatch):
    """A word pattern that ``_Gated`` does not scan finds nothing in that text, and the
    quantities (with and without a language, figures only too) are those of scanning
    every text, on real sentences of every devset language, alone and joined, with the
    characters that fold beyond case and number words in all cases."""
    from tqcheck.analysis import numbers
    from test_speed_exact_text import _FOLDING, _PARTS

    rng = random.Random(41)
    texts = _devset_sample(rng, 40)
    pieces = _PARTS + _FOLDING + ["FIRST", "Tenfold", "TWICE", "the Eighties", "THREE PM",
                                  "İki", "ſeventh", "Dreißigern", "DREISSIGER", "Zwölfte"]
    for _ in range(1500):
        picks = rng.sample(texts, rng.randint(0, 2)) + rng.sample(pieces, rng.randint(1, 5))
        rng.shuffle(picks)
        texts.append(" ".join(picks))
    langs = [None, "en", "de", "fr", "ru", "zh", "ar"]
    skipped = {name: 0 for name in _GATED}
    for text in texts:
        norm = numbers.normal(text)
        low = numbers._lowered(norm)
        for name in _GATED:
            gated = getattr(numbers, name)
            if not gated.may_match(norm, low):
                skipped[name] += 1
                assert gated.rx.search(norm) is None, (name, text)
    assert all(n > len(texts) // 2 for n in skipped.values()), skipped

    def run() -> list:
        return [(numbers._extract_uncached(t, langs[i % len(langs)]),
                 numbers._extract_uncached(t, langs[i % len(langs)], figures_only=True))
                for i, t in enumerate(texts)]

    fast = run()
    monkeypatch.setattr(numbers._Gated, "may_match", lambda self, norm, low: True)
    assert run() == fast
    spelled = [q for full, _ in fast for q in full if q.spelled]
    assert len(spelled) > 300 and {q.kind for q in spelled} >= {"number", "decade"}


def test_script_counts_by_distinct_character_are_the_loops():
    """Letters per script (language detection's, and ``text.script_counts``), counted per distinct character, are the
    counts of a loop over every character, in the same order, on real sentences of every
    devset language, alone and mixed, with marks, digits, spaces and symbols."""
    from tqcheck.analysis import lid
    from tqcheck.analysis.text import script_counts, script_of

    def loop(text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ch in text:
            if ch.isalpha() or (ch > "\u0900" and not ch.isspace()):
                sc = script_of(ch)
                if sc is not None:
                    counts[sc] = counts.get(sc, 0) + 1
        return counts

    rng = random.Random(43)
    texts = _devset_sample(rng, 20)
    for _ in range(500):
        texts.append(" ".join(rng.sample(texts, rng.randint(2, 5))) + rng.choice(["", " ١٢", "\u0301", "ं", "\u3000"]))
    def letters(text: str) -> dict[str, int]:  # text.script_counts, as a loop
        counts: dict[str, int] = {}
        for ch in text:
            if ch.isalpha():
                sc = script_of(ch)
                if sc is not None:
                    counts[sc] = counts.get(sc, 0) + 1
        return counts

    mixed = 0
    for text in texts:
        got = lid._script_counts(text)
        assert list(got.items()) == list(loop(text).items()), text
        assert list(script_counts(text).items()) == list(letters(text).items()), text
        mixed += len(got) > 1
    assert mixed > 300
