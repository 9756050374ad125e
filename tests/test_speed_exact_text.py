"""The text analyses' shortcuts are exact: numbers, code-page repair and language
identification give the answers of the slow paths they replace, on varied input in
several scripts."""

from __future__ import annotations

import random
import re
import sys

import pytest

from tqcheck.analysis import numbers

from conftest import lid_trigrams

# Pieces of number-bearing text in many languages and scripts, with the letters that
# fold beyond upper and lower case in a case-insensitive pattern (Kelvin sign, long s,
# final sigma, dotted and dotless i, sharp s) and the words the number patterns know.
_PARTS = [
    "5", "6", "1,5", "2.000", "60", "80万", "三", "十万", "one", "six", "a half", "two and a half",
    "million", "Millionen", "billion", "to", "bis", "and", "a", "-", "–", "or", "und", "%",
    "per cent", "$", "€", "twice", "tenfold", "Dreifach", "first", "dritte", "3 days ago",
    "in two weeks", "1980s", "the eighties", "Achtzigern", "May 5", "5 March", "2024-05-01",
    "1.30pm", "three pm", "Three P.M.", "13:30", "13 Uhr", "9 am", "7h15", "20 h", "5 UHR",
    "1990S", "1970's", "2000er", "80ER", "10 persons", "3.", "下午1点", "八十年代", "3,5亿",
    "百分之五", "第三", "20多万", "5美元", "10ドル", "عام", "٣", "و",
    "إلى", "بعد ثلاثة أيام", "до", "пять", "тысяч", "три дня назад", "drei", "Uhr", "x", "K",
    "\u212a", "ΣΙΣ", "ς", "İki", "ıki", "dreißig", "STRAßE", "twenty-one",
    "ninety-nine", "half a million", "a quarter of a million", "per million", "zweieinhalb",
    "cinq", "cinquante", "dix-huit", "veinte", "ventitré", "dreizehn", "septembre", "Septembre",
    "mars", "März", "décembre", "десять", "двадцать", "января", "五月", "٥ مايو", "trois heures",
    "vingt", "douze", "quarante", "hours later", "jours après", "Tage später", "\u00a0", "\u2009",
    "\u0663\u066b\u0665", "\uff15\uff10\uff05", "１２", "०९", "๕", "٫", "٬",
]


# Letters a case-insensitive pattern folds beyond upper and lower case, in number words.
_FOLDING = ["ſeven", "ſix", "\u212aein", "ſechs", "ΣΙΣ", "ᲀосемь"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sep = rng.choice([" ", " ", "", "\n", ", "])
        out.append(sep.join(rng.choice(_PARTS + _FOLDING) for _ in range(rng.randint(1, 10))))
    return out


def test_factored_alternations_match_as_the_plain_ones():
    """Every word list of the number patterns, as an alternation grouped by first letter,
    finds what the plain alternation finds (same spans, same words), case-insensitively,
    on text that holds the words in every case and with the letters that fold beyond it."""
    lists = {
        "spelled": list(numbers.SPELLED_VALUES), "ordinals": list(numbers.ORDINALS),
        "months": list(numbers.MONTHS), "scales": list(numbers._LATIN_SCALES),
        "units": [w for ws in numbers.TIME_UNITS.values() for w in ws],
        "directions": numbers.AFTER + numbers.BEFORE, "decades": list(numbers._DECADE_WORDS),
    }
    rng = random.Random(5)
    for name, words in lists.items():
        ordered = sorted(set(words), key=len, reverse=True)
        plain = re.compile(r"(?<!\w)(?P<w>" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.I)
        fast = re.compile(r"(?<!\w)(?P<w>" + numbers._alt(words) + r")(?!\w)", re.I)
        bare_plain = re.compile("|".join(map(re.escape, ordered)), re.I)
        bare_fast = re.compile(numbers._alt(words), re.I)
        for _ in range(600):
            picks = [rng.choice(words) for _ in range(rng.randint(1, 6))]
            picks += rng.sample(_PARTS + _FOLDING, 3)
            picks = [w.upper() if rng.random() < 0.2 else w.title() if rng.random() < 0.2 else w
                     for w in picks]
            text = rng.choice([" ", "", "-"]).join(picks)
            for a, b in ((plain, fast), (bare_plain, bare_fast)):
                spans = [m.span() for m in a.finditer(text)]
                assert spans == [m.span() for m in b.finditer(text)], (name, text)


def test_first_letter_groups_never_share_a_letter():
    """No character of all of Unicode matches the first letters of two groups: the
    grouping keeps every alternative that can match in its place."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    lists = [numbers.SPELLED_VALUES, numbers.ORDINALS, numbers.MONTHS, numbers._LATIN_SCALES,
             [w for ws in numbers.TIME_UNITS.values() for w in ws], numbers.AFTER + numbers.BEFORE,
             numbers._DECADE_WORDS, numbers.EN_UNITS, numbers.DE_UNITS, numbers.PERCENT,
             numbers._CUR_LATIN, numbers.CURRENCY_CJK]
    firsts = {w[0] for words in lists for w in words if w}
    keys: dict[str, set[str]] = {}
    for ch in firsts:
        keys.setdefault(numbers._letter_key(ch), set()).add(ch)
    owner: dict[str, str] = {}
    for key, chars in keys.items():
        pattern = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]", re.I)
        for hit in pattern.findall(every):
            assert owner.setdefault(hit, key) == key, (hit, key, owner[hit])


def test_normal_is_the_join_of_its_characters():
    """``normal`` by ``str.translate`` (and its ASCII shortcut) is the character-by-character
    join, digits of every script and spaces included."""
    for text in _texts(3000, 3) + ["", "abc 123", "\t\n\x00\x7f"]:
        assert numbers.normal(text) == "".join(numbers._normal_char(c) for c in text), text


def test_extract_with_the_shortcuts_is_extract_without(monkeypatch):
    """Times and decades read by their word forms only in a text without a digit (or
    without what a form with digits needs after them), and the number-word and CJK
    numeral patterns skipped on a text with none of the words or characters they need: the quantities are those of the full
    patterns, with and without a language."""
    langs = [None, "en", "de", "fr", "ru", "zh", "ar", "es", "ja"]
    cases = [(t, langs[i % len(langs)]) for i, t in enumerate(_texts(6000, 17))]

    def run() -> list:
        return [(numbers._extract_uncached(t, lg),
                 numbers._extract_uncached(t, lg, figures_only=True)) for t, lg in cases]

    fast = run()
    monkeypatch.setattr(numbers, "_TIME_WORDS_RE", numbers._Gated(numbers._TIME_RE))
    monkeypatch.setattr(numbers, "_DECADE_WORDS_RE", numbers._Gated(numbers._DECADE_RE))
    monkeypatch.setattr(numbers._Gated, "may_match", lambda self, norm, low: True)
    monkeypatch.setattr(numbers, "_TIME_DIGIT_NEED", re.compile(""))
    monkeypatch.setattr(numbers, "_DECADE_DIGIT_NEED", re.compile(""))
    monkeypatch.setattr(numbers, "_CJK_NEED", re.compile(""))
    slow = run()
    for (t, lg), a, b in zip(cases, fast, slow):
        assert a == b, (t, lg)
    # the texts are full of quantities, times, decades and number words: not an empty comparison
    kinds = {q.kind for full, _ in fast for q in full}
    assert {"time", "decade", "number", "date", "reltime"} <= kinds
    assert sum(1 for full, _ in fast for q in full if q.kind == "time" and q.spelled is False
               and not any(c.isdigit() for c in q.text)) > 0


# Clean sentences of the languages the code pages write, and of others.
_CLEAN = {
    "ru": "Президент заявил, что правительство примет новые меры в ближайшее время.",
    "uk": "Уряд оголосив про нові заходи щодо підтримки економіки країни.",
    "bg": "Правителството обяви нови мерки за подкрепа на икономиката.",
    "el": "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στήριξη της οικονομίας.",
    "pl": "Rząd ogłosił nowe środki wsparcia dla gospodarki i przedsiębiorców.",
    "cs": "Vláda oznámila nová opatření na podporu ekonomiky a podniků.",
    "hu": "A kormány új intézkedéseket jelentett be a gazdaság támogatására.",
    "tr": "Hükümet ekonomiyi desteklemek için yeni önlemler açıkladı.",
    "he": "הממשלה הודיעה על צעדים חדשים לתמיכה בכלכלה.",
    "ar": "أعلنت الحكومة عن إجراءات جديدة لدعم الاقتصاد.",
    "de": "Die Regierung kündigte neue Maßnahmen zur Stärkung der Wirtschaft an.",
    "fr": "Le gouvernement a annoncé de nouvelles mesures pour soutenir l'économie française.",
    "es": "El gobierno anunció nuevas medidas para apoyar la economía española.",
    "lt": "Vyriausybė paskelbė naujas priemones ekonomikai paremti.",
}
_WRITTEN = {"ru": "cp1251", "uk": "koi8_u", "bg": "cp866", "el": "cp1253", "pl": "iso8859_2",
            "cs": "cp1250", "hu": "cp1250", "tr": "cp1254", "he": "cp1255", "ar": "cp1256",
            "de": "cp1252", "fr": "cp1252", "es": "cp1252", "lt": "cp1257"}


def _misread(text: str, written: str, read: str) -> str | None:
    try:
        return text.encode(written).decode(read)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def test_unclean_pattern_refuses_what_the_word_test_refuses():
    """``_codepage._unclean()`` matches exactly the characters, of all those the code
    pages decode a byte to, that ``_clean_repair`` refuses: its fast test over the
    re-decoded words passes only when every word would pass."""
    from tqcheck.checks import _codepage as cp

    chars = cp.decoded_chars()
    # every byte of every code page, ASCII included, decodes to one of these or to ASCII
    for codec in {c for pair in cp.PAIRS for c in pair}:
        for b in range(256):
            try:
                ch = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                continue
            assert ch.isascii() or ch in chars, (codec, b)
    refused = {ch for ch in chars if not cp._clean_repair(ch)}
    assert refused and len(refused) < len(chars)
    assert {ch for ch in chars if cp._unclean().search(ch)} == refused
    assert not any(cp._unclean().search(chr(i)) for i in range(128))  # ASCII always passes


def test_codepage_pairs_judged_once_per_reading():
    """A code-page pair whose re-decoding repeats another's (Windows-1252 and Latin-1
    readings agree outside 0x80-0x9F) is judged once: the repair and its certainty are
    those of judging every pair, on clean and misread paragraphs of many languages,
    declared, undeclared and mis-declared."""
    from tqcheck.checks import _codepage

    rng = random.Random(9)
    paragraphs = []
    for lang, text in _CLEAN.items():
        paragraphs.append((text, lang))
        for read in ("cp1252", "latin-1", "cp1251", "cp1250", "koi8_r"):
            bad = _misread(text, _WRITTEN[lang], read)
            if bad and bad != text:
                paragraphs += [(bad, lang), (bad, None), (bad, rng.choice(list(_CLEAN))),
                               (bad + " " + rng.choice(list(_CLEAN.values())), lang)]
    assert sum(1 for p, lg in paragraphs if _codepage.repair(p, lg)) >= 10  # repairs to compare

    fast = [_codepage.repair(p, lg) for p, lg in paragraphs]
    seen = []

    def every_pair(words, read):  # type: ignore[no-untyped-def]
        # no bytes to recognise a repeated pair by: each pair decoded word by word
        # (``_redecode``) and judged
        seen.append(read)
        return None

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_codepage, "_encoded", every_pair)
        slow = [_codepage.repair(p, lg) for p, lg in paragraphs]
    assert seen  # (the reference did take the word-by-word path)
    for (p, lg), a, b in zip(paragraphs, fast, slow):
        assert a == b, (p, lg)


def test_ftfy_leaves_a_paragraph_that_is_not_bad_as_it_is():
    """TQ301 asks ftfy's ``is_bad`` once per paragraph (``mojibake._is_bad``) and skips
    ``fix_encoding`` and ``badness`` when it says no: that is exact only while ftfy leaves
    such text unchanged and scores it 0. Checked on clean paragraphs of many languages,
    UTF-8 misread as Windows-1252, Latin-1 and Windows-1251, and code pages misread;
    the answers of ``repair_and_kind`` and ``_badness`` are ftfy's own."""
    import ftfy
    from ftfy import badness

    from tqcheck.checks import mojibake

    rng = random.Random(4)
    paragraphs = list(_CLEAN.values())
    for text in _CLEAN.values():
        for read in ("cp1252", "latin-1", "cp1251"):
            bad = text.encode("utf-8").decode(read, errors="replace")
            paragraphs += [bad, text + " " + bad, bad[: rng.randrange(1, len(bad))]]
        for lang, written in _WRITTEN.items():
            bad = _misread(_CLEAN[lang], written, "cp1252")
            if bad:
                paragraphs.append(bad + " " + text)

    def reference(par: str):  # type: ignore[no-untyped-def]
        # ``repair_and_kind`` asking ftfy's ``fix_encoding`` of every paragraph
        if mojibake.ftfy_quiet(par):
            return None
        fixed = ftfy.fix_encoding_and_explain(par).text
        if fixed == par:
            return None
        if mojibake._c1_as_cp1252(par) == fixed:
            return None if mojibake._c1_isolated(par) else (fixed, "c1")
        return None if mojibake._capital_a_nbsp_only(par, fixed) else (fixed, "text")

    bad_ones = 0
    for p in paragraphs:
        if not mojibake._is_bad(p):
            assert ftfy.fix_encoding_and_explain(p).text == p and badness.badness(p) == 0, p
        else:
            bad_ones += 1
        assert mojibake.repair_and_kind(p) == reference(p), p
        assert mojibake._badness(p) == (0 if mojibake.ftfy_quiet(p) else badness.badness(p)), p
    assert bad_ones >= 20 and len(paragraphs) - bad_ones >= 10


def _lid_texts(n: int, seed: int) -> list[str]:
    """Texts of mixed scripts, cases, spaces and punctuation: words of the clean sentences,
    capitals, acronyms, kana, Hangul, Han, Vietnamese, Romanian comma letters, digits."""
    words = [w for t in _CLEAN.values() for w in t.split()] + [
        "NATO", "UNESCO", "McDonald", "ÉCOLE", "Ålesund", "şi", "ţară", "și", "țară", "Việt",
        "Nguyễn", "ひらがな", "カタカナ", "東京都", "中华人民共和国", "한국어", "ㄅㄆ", "ﬁ", "—",
        "…", "«", "»", "12", "3,5", "e-mail", "x@y.org", "http://a.b/c", "Ünal", "ÆØÅ", "ß",
    ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        picks = [rng.choice(words) for _ in range(rng.randint(1, 25))]
        picks = [w.upper() if rng.random() < 0.1 else w for w in picks]
        out.append(rng.choice([" ", "  ", " \n", ", "]).join(picks))
    return out


def test_ngram_extraction_in_one_loop_is_langdetects():
    """The detector's one-loop n-gram extraction gives langdetect's own n-grams, in its
    order, under every set of candidate profiles."""
    from langdetect.detector import Detector

    from tqcheck.analysis import lid

    fast_class = lid._detector_class()
    sets = [lid.SUPPORTED, lid.SCRIPT_LANGS["Latin"], lid.SCRIPT_LANGS["Cyrillic"],
            ("ja", "ko", "zh-cn", "zh-tw"), ("ar", "fa", "he", "ur"), ("el", "en")]
    compared = 0
    for i, text in enumerate(_lid_texts(1500, 4)):
        factory = lid._factory(sets[i % len(sets)])
        fast, slow = fast_class(factory), Detector(factory)
        fast.append(text)
        slow.append(text)
        fast.cleaning_text()
        slow.cleaning_text()
        got = fast._extract_ngrams()
        assert got == slow._extract_ngrams(), text
        compared += len(got)
    assert compared > 10_000


def test_word_ngrams_by_slicing_are_the_buffers():
    """A word without a capital after its first character has its n-grams made by
    slicing (``_LazyTable._windows``): the same n-grams, in the same order, as
    langdetect's buffer stepped one character at a time; words with runs of capitals
    (whose n-grams the buffer skips) and letters that are capitals without a small
    form (Greek ϒ) or are title case (ǅ) are compared too."""
    from tqcheck.analysis import lid

    def buffered(table, seg: str) -> tuple[str, ...]:
        out, grams, capital = [], " ", False
        for ch in seg:
            last = grams[-1]
            grams = (grams[1:] if len(grams) >= 3 else grams) + ch
            capital = ch.isupper() and (capital or last.isupper())
            if not capital:
                out += [w for w in (grams[-n:] for n in (1, 2, 3) if len(grams) >= n)
                        if w != " " and table._row(w) is not None]
        return tuple(out)

    words = {w for t in _lid_texts(600, 12) for w in t.translate(lid._NGRAM_NORMAL).split(" ") if w}
    words |= {"a", "ab", "abc", "Ab", "AB", "aB", "ϒ", "Aϒ", "aϒb", "ǅa", "aǅ", "NATOs", "McDonald"}
    sliced = stepped = 0
    for langs in (lid.SCRIPT_LANGS["Latin"], ("el", "en"), ("ja", "ko", "zh-cn", "zh-tw")):
        table = lid._factory(langs).word_lang_prob_map
        for w in sorted(words):
            for seg in (w, w + " "):
                assert table.ngrams_of(seg) == buffered(table, seg), (langs, seg)
                if any(map(str.isupper, seg[1:])):
                    stepped += 1
                else:
                    sliced += 1
    assert sliced > 500 and stepped > 50  # both ways were compared


def test_word_trigrams_are_padded_and_skip_acronyms():
    """A word's trigrams, padded with a space each side; an acronym (two capitals or
    more, nothing else) has none, as langdetect skips runs of capitals."""
    from tqcheck.analysis import lid

    assert lid._word_trigrams("Putin") == (" Pu", "Put", "uti", "tin", "in ")
    assert lid._word_trigrams("a") == (" a ",)
    assert lid._word_trigrams("Ёж") == (" Ёж", "Ёж ")
    assert lid._word_trigrams("NATO") == () and lid._word_trigrams("I") == (" I ",)
    assert lid_trigrams("NATO said Putin") == [" sa", "sai", "aid", "id ", " Pu", "Put", "uti",
                                               "tin", "in "]


def _word_then_text_sums(text: str, langs: tuple[str, ...]) -> tuple[dict[str, float], int]:
    """What ``lid.profile_scores`` computes, written plainly: each word's trigram
    log-probabilities added left to right, the words' sums added left to right, divided
    by the number of trigrams."""
    import math
    from functools import reduce
    from operator import add

    from tqcheck.analysis import lid

    table = lid._factory(langs).word_lang_prob_map
    floor = [math.log(lid._FLOOR)] * len(langs)
    words = []
    n = 0
    for w in lid._LETTERS.findall(text):
        grams = lid._word_trigrams(w)
        if not grams:
            continue
        n += len(grams)
        rows = [[math.log(p + lid._FLOOR) for p in row] if (row := table._row(g)) is not None
                else floor for g in grams]
        words.append([reduce(add, col) for col in zip(*rows)])
    if not words:
        return {lang: 0.0 for lang in langs}, 0
    return {lang: reduce(add, col) / n for lang, col in zip(langs, zip(*words))}, n


def test_profile_scores_are_the_mean_log_probabilities_of_the_trigrams():
    """``lid.profile_scores``, with its word rows and trigram rows numbered and
    gathered, is each word's trigram log-probabilities added in order, then the words
    added in text order (the same floats), and within rounding of the plain mean of the
    trigrams' log-probabilities. Scored twice, the second time from the rows kept."""
    import math

    from tqcheck.analysis import lid

    sets = [lid.SCRIPT_LANGS["Latin"], ("de", "en", "fr"), lid.SCRIPT_LANGS["Cyrillic"]]
    lid._log_rows.cache_clear()
    texts = _lid_texts(200, 8)
    for again in (False, True):
        for i, text in enumerate(texts):
            langs = sets[i % len(sets)]
            grams = lid_trigrams(text)
            got, n = lid.profile_scores(text, langs)
            assert n == len(grams)
            assert (got, n) == _word_then_text_sums(text, langs), text
            if not grams:
                continue
            table = lid._factory(langs).word_lang_prob_map
            floor = [math.log(lid._FLOOR)] * len(langs)
            rows = [[math.log(p + lid._FLOOR) for p in row] if (row := table._row(g)) is not None
                    else floor for g in grams]
            mean = {lang: math.fsum(col) / n for lang, col in zip(langs, zip(*rows))}
            assert all(math.isclose(got[lang], mean[lang], rel_tol=1e-12) for lang in langs)
        assert again or any(len(r.words) for r in map(lid._log_rows, sets))

def test_words_matched_through_a_folded_letter_read_as_their_plain_forms():
    """A number word matched through a letter that folds beyond case (the long "ſ" of
    old print, the Kelvin sign) is read as the plain word, not a crash."""
    pairs = [("ſechs Tage ſpäter", "sechs Tage später", "de"), ("ſix pm", "six pm", "en"),
             ("the ſixties", "the sixties", "en"), ("the ſixth man", "the sixth man", "en"),
             ("\u212aein Problem, ſieben Stunden ſpäter", "Kein Problem, sieben Stunden später", "de"),
             ("three hours later", "three hours later", "en")]
    for odd, plain, lang in pairs:
        got = [(q.kind, sorted(map(str, q.values))) for q in numbers.extract(odd, lang)]
        want = [(q.kind, sorted(map(str, q.values))) for q in numbers.extract(plain, lang)]
        assert got == want, odd
        assert got, odd


def test_detector_probabilities_are_langdetects():
    """The detector with the one-loop extraction and whole-row updates gives langdetect's
    own probabilities, to the last bit, under several sets of candidate profiles."""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import LangDetectException

    from tqcheck.analysis import lid

    fast_class = lid._detector_class()
    sets = [lid.SCRIPT_LANGS["Latin"], lid.SCRIPT_LANGS["Cyrillic"], ("ja", "ko", "zh-cn", "zh-tw"),
            ("ar", "fa", "he", "ur"), ("el", "en", "ru")]
    detected = 0
    for i, text in enumerate(_lid_texts(300, 12)):
        factory = lid._factory(sets[i % len(sets)])
        answers = []
        for cls in (fast_class, Detector):
            det = cls(factory)
            det.append(text)
            try:
                answers.append([(p.lang, p.prob) for p in det.get_probabilities()])
            except LangDetectException as e:
                answers.append(str(e))
        assert answers[0] == answers[1], text
        detected += isinstance(answers[0], list)
    assert detected > 200


def test_word_repair_memo_answers_as_the_function():
    """``mojibake.word_repair`` kept per word answers as the function on the words of
    clean and misread paragraphs, asked twice (the second time from the memo)."""
    from tqcheck.checks import mojibake

    words = []
    for text in _CLEAN.values():
        words += text.split()
        for codec in ("cp1252", "latin-1", "cp1251", "cp1250"):
            try:
                words += text.encode("utf-8").decode(codec).split()
            except UnicodeDecodeError:
                pass
    words += ["caf&eacute;", "Ã©tÃ©", "â€™s", "\ufffd", "ï»¿Text"]
    assert sum(1 for w in words if mojibake.word_repair.__wrapped__(w)) >= 10
    for _ in range(2):
        for w in words:
            assert mojibake.word_repair(w) == mojibake.word_repair.__wrapped__(w), w
