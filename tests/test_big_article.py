"""One long article: the checks' work grows with the text, not with its square.

No timings: each test counts the work a shortcut leaves (pairs compared, texts scanned,
documents read) or proves the shortcut gives the answers of the slow path it replaces.
"""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from tqcheck.analysis.text import sentences
from tqcheck.checks import repetition
from tqcheck.checks._layout import layout
from tqcheck.corpus import Document
from tqcheck.corpus import grouping
from tqcheck.engine import suppress

from conftest import lid_trigrams

PASSAGE = dict(repetition.OPTIONS, unit="passage")

# letters of four scripts: the bound works on code points, whatever the script
ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzäöüéèß",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыьэюя",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
}


def _word(rng: random.Random, letters: str) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))


def _sentence(rng: random.Random, letters: str) -> str:
    return " ".join(_word(rng, letters) for _ in range(rng.randint(6, 22))).capitalize() + "."


def _edit(rng: random.Random, s: str, rate: float, letters: str) -> str:
    """``s`` with about ``rate`` of its characters deleted, inserted or replaced."""
    out = list(s)
    for _ in range(int(len(s) * rate)):
        i = rng.randrange(len(out))
        op = rng.random()
        if op < 0.33:
            del out[i]
        elif op < 0.66:
            out.insert(i, rng.choice(letters))
        else:
            out[i] = rng.choice(letters)
    return "".join(out)


def _article(seed: int, letters: str, paragraphs: int = 120) -> str:
    """Paragraphs of new sentences, with earlier sentences and paragraphs repeated
    exactly or with 2-15% of their characters changed (both sides of the threshold)."""
    rng = random.Random(seed)
    written: list[str] = []
    paras: list[str] = []
    for _ in range(paragraphs):
        r = rng.random()
        if r < 0.1 and paras:
            paras.append(_edit(rng, rng.choice(paras), rng.choice([0.0, 0.02, 0.05, 0.1, 0.15]), letters))
            continue
        sents = []
        for _ in range(rng.randint(1, 4)):
            if written and rng.random() < 0.25:
                sents.append(_edit(rng, rng.choice(written), rng.choice([0.0, 0.03, 0.06, 0.12]), letters))
            else:
                sents.append(_sentence(rng, letters))
                written.append(sents[-1])
        paras.append(" ".join(sents))
    return "\n\n".join(paras) + "\n"


def _passages_every_pair(doc: Document, options: dict) -> list[tuple]:
    """The repeated-passage search pair by pair: every unit of the window, in order,
    after an exact repeat of a unit before it."""
    window = options["window"]
    text = doc.text
    seen: list[tuple[str, int, int]] = []
    flagged_until = -1
    out = []
    for ln in layout(text, None):
        if ln.role != "body":
            continue
        for a, b in [(ln.start, ln.end)] + [(s.start, s.end) for s in sentences(text, ln.start, ln.end)]:
            if a < flagged_until:
                continue
            piece = " ".join(text[a:b].casefold().split())
            if len(piece) < options["min_chars"]:
                continue
            before = [u for u in seen[:-window] if u[0] == piece and u[2] <= a][:1]
            for prev, pa, pb in before or seen[-window:]:
                if pb <= a and abs(len(prev) - len(piece)) <= 0.2 * len(piece) \
                        and fuzz.ratio(prev, piece) >= options["min_ratio"]:
                    out.append((a, b, pa, pb, round(fuzz.ratio(prev, piece), 1)))
                    flagged_until = b
                    break
            else:
                seen.append((piece, a, b))
    return out


def _hits(doc: Document, options: dict, stats: dict | None = None) -> list[tuple]:
    return [(h.start, h.end, h.related_start, h.related_end, h.value)
            for h in repetition._passages(doc, options, stats)]


def test_passage_bounds_leave_out_no_repeat():
    """The letter and bigram bounds only drop pairs that cannot reach the ratio: the
    hits are those of comparing every pair, in four scripts and at several thresholds."""
    found = 0
    for name, letters in ALPHABETS.items():
        for seed in range(3):
            doc = Document(id=f"{name}{seed}.txt", text=_article(seed, letters), lang=None)
            for min_ratio in (70.0, 90.0, 97.0):
                opts = dict(PASSAGE, min_ratio=min_ratio)
                want = _passages_every_pair(doc, opts)
                assert _hits(doc, opts) == want, (name, seed, min_ratio)
                found += len(want)
    assert found > 100  # the articles do hold repeats on both sides of the thresholds


def test_passage_window_keeps_near_repeats_close_and_exact_ones_anywhere():
    """With a window of a few dozen units, an article of hundreds: near repeats are found
    among the window's units, exact ones anywhere before, as the pair-by-pair search does,
    and the count arrays hold at most twice the window (64 rows at least) however long
    the article."""
    found = far = 0
    for name, letters in ALPHABETS.items():
        for seed in range(2):
            doc = Document(id=f"{name}{seed}.txt", text=_article(seed, letters, 400), lang=None)
            for window in (1, 7, 40):
                opts = dict(PASSAGE, window=window)
                want = _passages_every_pair(doc, opts)
                stats: dict = {}
                assert _hits(doc, opts, stats) == want, (name, seed, window)
                assert stats["rows"] <= window + max(64, window)
                found += len(want)
                if window == 1:  # nearly every exact repeat is of a unit before the window
                    far += sum(v == 100.0 for *_, v in want)
    assert found > 200 and far > 50


def test_passage_pairs_compared_stay_few_on_a_long_article(monkeypatch):
    """An article of 1,500 paragraphs drawn from 200 sentences (every paragraph new,
    every sentence a repeat): the old search gave rapidfuzz every earlier paragraph
    of a similar length, some 790,000 pairs. The bounds leave fewer than one per unit."""
    rng = random.Random(5)
    pool = [_sentence(rng, ALPHABETS["latin"]) for _ in range(200)]
    text = "\n\n".join(" ".join(rng.sample(pool, 4)) for _ in range(1500)) + "\n"
    doc = Document(id="long.en.txt", text=text, lang="en")
    calls = []
    real = fuzz.ratio
    monkeypatch.setattr(fuzz, "ratio", lambda a, b: calls.append(1) or real(a, b))
    stats: dict = {}
    hits = _hits(doc, PASSAGE, stats)
    units = 1500 * 5
    assert len(hits) > 1500 * 3  # the repeated sentences are all found
    assert len(calls) == stats["compared"] < units  # fewer than one comparison per unit


def test_passage_bound_survives_a_piece_of_one_repeated_pair():
    """A single line of 40,000 copies of one character pair overflows a 16-bit count:
    clipped counts still find the repeat."""
    line = "ab" * 40000 + "."
    doc = Document(id="one.en.txt", text=f"{line}\n\n{line}\n", lang="en")
    assert _hits(doc, PASSAGE) == _passages_every_pair(doc, PASSAGE) != []


class _CountingText(str):
    """A document text that counts how often it is searched."""

    scans = 0

    def __contains__(self, sub: object) -> bool:
        type(self).scans += 1
        return super().__contains__(sub)  # type: ignore[operator]


def test_suppression_reads_each_document_once_whatever_its_findings(monkeypatch):
    read = []
    real = suppress.markers
    monkeypatch.setattr(suppress, "markers", lambda text: read.append(1) or real(text))
    _CountingText.scans = 0
    plain = _CountingText("word " * 1000)
    marked = _CountingText("first line <!-- tqcheck: ignore TQ308 -->\nsecond line\n" * 50)
    rows = [{"path": p, "start": i, "end": i + 1, "rule_id": "TQ308", "rule_name": "repeated-passage",
             "kind": "repetition"} for p in ("plain.txt", "marked.txt") for i in range(2000)]
    kept, stats = suppress.apply(rows, {"plain.txt": plain, "marked.txt": marked})
    assert _CountingText.scans == 2 and len(read) == 1  # once per document, not per row
    assert stats["suppressed_inline"] > 0 and all(r["path"] == "plain.txt" or r["start"] >= 0 for r in kept)
    assert len([r for r in kept if r["path"] == "plain.txt"]) == 2000


def test_a_lone_document_is_not_read_for_grouping(monkeypatch):
    calls = []
    real = grouping.anchors
    monkeypatch.setattr(grouping, "anchors", lambda d: calls.append(d.id) or real(d))
    one = Document(id="a.en.txt", text="Olaf Scholz met Emmanuel Macron in Berlin on 12 May.", lang="en")
    assert [[d.id for d in s.documents] for s in grouping.group([one])] == [["a.en.txt"]]
    assert calls == []
    two = Document(id="b.de.txt", text="Olaf Scholz traf Emmanuel Macron am 12. Mai in Berlin.", lang="de")
    stories = grouping.group([one, two])
    assert sorted(calls) == ["a.en.txt", "b.de.txt"] and len(stories) == 1


def _overlapping_every(spans: list[tuple[int, int]]) -> list[bool]:
    """Which spans a first-come list keeps, scanning every kept span (as before)."""
    taken: list[tuple[int, int]] = []
    out = []
    for s, e in spans:
        free = not any(a < e and s < b for a, b in taken)
        if free:
            taken.append((s, e))
        out.append(free)
    return out


def test_disjoint_spans_keep_what_a_scan_of_every_span_keeps():
    from tqcheck.analysis.text import DisjointSpans

    rng = random.Random(3)
    for _ in range(300):
        spans = []
        for _ in range(rng.randint(1, 60)):
            s = rng.randrange(100)
            spans.append((s, s + rng.choice([0, 0, 1, 2, 3, 5, 8])))  # empty spans too
        taken = DisjointSpans()
        got = []
        for s, e in spans:
            free = not taken.overlaps(s, e)
            if free:
                taken.add(s, e)
            got.append(free)
        assert got == _overlapping_every(spans), spans


def test_cjk_name_forms_taken_as_before_in_a_long_article():
    from types import SimpleNamespace

    from tqcheck.analysis.names.extract import _cjk_substrings

    forms = [("习近平", "e1"), ("近平", "e2"), ("普京", "e3"), ("京", "e4"), ("东京", "e5")]
    rng = random.Random(8)
    text = "".join(rng.choice(["习近平", "普京", "东京", "说", "在", "北京", "。"]) for _ in range(20000))
    found = [(m.start, m.end, m.text) for m in _cjk_substrings(text, "zh", SimpleNamespace(cjk_forms=forms))]
    # the old way: every find against every kept place
    want, taken = [], []
    for form, _eid in forms:
        pos = text.find(form)
        while pos != -1:
            e = pos + len(form)
            if not any(a < e and pos < b for a, b in taken):
                taken.append((pos, e))
                want.append((pos, e, form))
            pos = text.find(form, e)
    assert found == want and len(found) > 5000


def test_house_style_reads_each_line_once_for_all_its_pairs(monkeypatch):
    from tqcheck.checks import house_style
    from tqcheck.engine.config import Config
    from tqcheck.engine.loop import build_rules

    rule = next(r for r in build_rules(Config()) if r.kind == "house_style")
    n_pairs = len(house_style.data(rule.options, "pairs", house_style.load_pairs))
    assert n_pairs > 3
    seen = []
    real = house_style._caps_line
    monkeypatch.setattr(house_style, "_caps_line", lambda s: seen.append(s) or real(s))
    # one long line with many uses of both forms of a pair, and many short lines
    body = " ".join(["email", "e-mail"] * 3000) + ".\n"
    text = body + "The minister wrote an e-mail.\n" * 500
    doc = Document(id="style.en.txt", text=text, lang="en")
    hits = list(house_style.check(doc, rule.options, None))
    assert len(seen) == 501  # each line once, not once per pair
    # the kept form's first use is what every flagged use points at
    assert hits and len({(h.related_start, h.related_end) for h in hits}) == 1


class _CountingPattern:
    """The marker pattern, counting how often a stretch of text is searched for markers
    to blank out."""

    def __init__(self, rx):
        self.rx, self.subs = rx, 0

    def finditer(self, text):
        return self.rx.finditer(text)

    def sub(self, repl, text):
        self.subs += 1
        return self.rx.sub(repl, text)


def test_many_markers_on_a_line_or_in_a_run_of_lines_read_each_line_once(monkeypatch):
    rx = _CountingPattern(suppress.MARKER_RE)
    monkeypatch.setattr(suppress, "MARKER_RE", rx)
    n = 2000
    text = ("The minister said so. " + "<!-- tqcheck: ignore TQ101 --> " * n + "\n"
            + "<!-- tqcheck: ignore TQ308 -->\n" * n + "\nThe last line.\n")
    marks = suppress.markers(text)
    assert len(marks) == 2 * n
    first_line = text.index("\n")
    last = text.index("The last line.")
    assert {(m.target_start, m.target_end) for m in marks[:n]} == {(0, first_line)}
    assert {(m.target_start, m.target_end) for m in marks[n:]} == {(last, last + len("The last line."))}
    assert rx.subs <= n + 2  # each line once (the old way: some 2,000,000)


def test_profile_scores_are_the_plain_sums_of_the_trigram_rows():
    """The rows gathered and summed by numpy give, bit for bit, the plain sums: each
    word's trigram log-probabilities left to right, then the words left to right, over
    the trigram count; and within rounding of the mean of the trigrams taken one by
    one (what the scores were)."""
    import math

    from test_speed_exact_text import _word_then_text_sums

    from tqcheck.analysis import lid
    from tqcheck.analysis.text import script_counts

    rng = random.Random(4)
    texts = ["The minister said on Monday that the talks would resume next week.",
             "Der Minister sagte am Montag, die Gespräche würden nächste Woche fortgesetzt.",
             "Министр заявил в понедельник, что переговоры возобновятся на следующей неделе.",
             "قال الوزير يوم الاثنين إن المحادثات ستستأنف الأسبوع المقبل.",
             "השר אמר ביום שני כי השיחות יתחדשו בשבוע הבא.",
             "部长周一表示，会谈将于下周恢复。", "NATO UN EU", "", "x"]
    texts += [" ".join(_word(rng, ALPHABETS["latin"]) for _ in range(rng.randint(1, 200))) for _ in range(50)]
    # longer than one block of words (lid._BLOCK), several times
    texts.append(" ".join(_word(rng, ALPHABETS["latin"]) for _ in range(13000)))
    assert len(lid._LETTERS.findall(texts[-1])) > 3 * lid._BLOCK
    for text in texts:
        langs = tuple(lid.candidates_for(text, script_counts(text))) or ("en", "fr")
        table = lid._factory(langs).word_lang_prob_map
        grams = lid_trigrams(text)
        rows = [tuple(math.log(p + lid._FLOOR) for p in table[g]) if g in table
                else (math.log(lid._FLOOR),) * len(langs) for g in grams]
        mean = {lang: math.fsum(col) / len(rows) for lang, col in zip(langs, zip(*rows))} if rows \
            else {lang: 0.0 for lang in langs}
        got, n = lid.profile_scores(text, langs)
        assert (got, n) == _word_then_text_sums(text, langs) and n == len(rows), text
        assert all(math.isclose(got[lang], mean[lang], rel_tol=1e-12) for lang in langs), text


def _joined(text: str, toks: list[tuple[int, int, str]], j: int, k: int) -> bool:
    """No line break after token j + k - 1 (the end of one copy), as the check read it."""
    i = j + k - 1
    return "\n" not in text[toks[i][1]:toks[i + 1][0]]


def _loops_token_by_token(text: str, options: dict) -> list[tuple]:
    """The repetition-loop search as it was: every token position, for every unit length."""
    from tqcheck.checks import loop

    toks = [(m.start(), m.end(), m.group().casefold()) for m in loop._TOKEN.finditer(text)]
    words, n, found = [t for _, _, t in toks], len(toks), []
    for k in range(1, options["max_unit"] + 1):
        run = 0
        for j in range(n - k + 1):
            if j + k < n and words[j] == words[j + k] and _joined(text, toks, j, k):
                run += 1
                continue
            need = options["min_word_repeats"] if k == 1 else options["min_repeats"]
            if k < loop.SHORT_CJK_UNIT and run \
                    and all(loop._ONE_CHAR.fullmatch(words[x]) for x in range(j - k, j)):
                need = loop.SHORT_CJK_REPEATS
            if run and run >= (need - 1) * k:
                first = j - run + run % k
                found.append((first, first + (run // k + 1) * k, k, run // k + 1))
            run = 0
    return found


def test_loop_runs_found_from_equal_pairs_are_those_of_every_position():
    """The loop check finds equal token pairs in C and walks only their runs, on tokens
    read line by line: the tokens and their places are those of one scan of the text,
    and the loops those of the walk over every position, in Latin, Cyrillic, Arabic and
    Han text, with line breaks (and blank lines) between copies and at several
    thresholds."""
    from tqcheck.checks import loop

    rng = random.Random(4)
    vocab = ["the", "government", "said", "Bern", ",", "no", "б", "في", "叮", "哈", "\n", "\n\n"]
    total = 0
    for _ in range(1500):
        words = [rng.choice(vocab[:rng.randint(2, len(vocab))]) for _ in range(rng.randint(0, 60))]
        text = " ".join(words).replace(" , ", ", ").replace(" \n", "\n").replace("\n ", "\n")
        toks = [(m.start(), m.end(), m.group().casefold()) for m in loop._TOKEN.finditer(text)]
        folded, joined, where = loop._tokens(text)
        assert folded == [t for _, _, t in toks]
        assert [where(i) for i in range(len(toks))] == [(a, b) for a, b, _ in toks]
        for opts in (loop.OPTIONS, dict(loop.OPTIONS, min_repeats=2, min_word_repeats=2),
                     dict(loop.OPTIONS, max_unit=3)):
            want = _loops_token_by_token(text, opts)
            assert loop._runs(folded, joined, opts) == want, text
            total += len(want)
    assert total > 1000


def _sentences_lazy(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentence splitter as it was: a lazy ``.*?`` that tries every end after every
    character, and the ordinal test searched over the whole sentence."""
    import re

    from tqcheck.analysis import text as T

    lazy = re.compile(r".*?" + T._SENT_END, re.DOTALL)
    end = len(text) if end is None else end
    chunk = text[start:end]
    out: list[tuple[int, int]] = []
    held = None
    for m in lazy.finditer(chunk):
        s, e = m.span()
        piece = chunk[s:e]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        span = (start + s + lead, start + s + lead + len(stripped))
        if held is not None:
            if T._ORDINAL_END.search(text, held[0], held[1]) and "\n" not in text[held[1]:span[0]]:
                held = (held[0], span[1])
                continue
            out.append(held)
        held = span
    if held is not None:
        out.append(held)
    return out


def test_sentences_scanned_to_punctuation_are_those_of_the_lazy_scan():
    """The splitter skips to the next punctuation or newline instead of trying every end
    after every character, and reads an ordinal from the sentence's tail: the spans are
    those of the lazy scan, on random text of four scripts with every terminator and
    closer, ordinals and German amounts, blank lines and a final newline, and on slices."""
    from tqcheck.analysis.text import CLOSERS, SENTENCE_END

    rng = random.Random(6)
    pieces = (list(SENTENCE_END) + list(CLOSERS) + list(" \n\n\t\u00a0,;:-")
              + ["am 14. ", "3,5 Mrd. ", "44 Mio.", "1.550 ", "U.S.-led ", "12.5% ", "5. Feb",
                 "x1.5."]
              + [_word(rng, letters) for letters in ALPHABETS.values() for _ in range(5)])
    n = 0
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for args in ((text,), (text, a, b), (text, a)):
            got = [(s.start, s.end) for s in sentences(*args)]
            assert got == _sentences_lazy(*args), args
            n += len(got)
    assert n > 20000


def test_class_table_ranks_characters_as_a_counter_does():
    """The character classes of the passage bound come from numpy's counts: the same
    table as a Counter of the folded text sorted by count then code point, in four
    scripts, with ties, astral characters, lone surrogates and fewer than 63 distinct
    characters."""
    from collections import Counter

    import numpy as np

    def counted(text: str):
        table = np.zeros(0x110000, dtype=np.uint8)
        common = sorted(Counter(text.casefold()).items(), key=lambda kv: (-kv[1], kv[0]))
        for k, (ch, _n) in enumerate(common[: repetition._CLASSES - 1], 1):
            table[ord(ch)] = k
        return table

    rng = random.Random(9)
    chars = "".join(ALPHABETS.values()) + "ABCÄÖÜİßẞ \n.,🎉𠀀\ud800" + "".join(
        chr(rng.randint(32, 0x2FFFF)) for _ in range(200))
    for _ in range(200):
        pool = chars[: rng.randint(1, len(chars))]
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 2000)))
        got = repetition._class_table(text)
        assert np.array_equal(got, counted(text)), text[:50]


def _per_line(rx, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(a + m.start(), a + m.end()) for a, b in spans for m in rx.finditer(text[a:b])]


def test_whole_text_scan_finds_what_each_line_scan_finds(monkeypatch):
    """A user pattern is matched on each line alone, or in one scan of the whole text
    when its parsed form proves that the same: on random lines of four scripts with
    margins, blank and skipped lines, patterns with spaces, anchors, look-arounds,
    boundaries, classes and empty matches, both ways give the same matches, and the
    whole-text scan is taken for the house-style forms and for most of the others."""
    from tqcheck.analysis import linescan
    from tqcheck.analysis.text import lines
    from tqcheck.analysis.userregex import compile_user

    bodies = ["US", "U\\.S\\.(?!A\\.)", "per ?cent", "al[- ]Qaeda", "e-?mail", "Kyiv|Kiev",
              "\\bab", "ab\\B", "a+b*", "x*", "\\w+\\s+\\w+", "\\s*US", "US\\s*", "[a-z]+ ",
              "^US", "US$", "(?<=\\s)US", "(?<= )US", "(?=\\s)", "US(?= )", "(?<![^a])b",
              "(?i)us", "(?:ab|cd)+", "(.)\\1", "(?<=(.))b", "б+", "[^\\n]+", ".", "(?s).",
              "[[:alpha:]]+", "a{e<=1}", "(?x) a b", "\\A\\w", "\\w\\Z", "[\\S]+", "[\\d]+"]
    letters = ALPHABETS["latin"] + ALPHABETS["cyrillic"] + ALPHABETS["arabic"] + ALPHABETS["han"]
    words = ["US", "U.S.", "U.S.A.", "per cent", "percent", "al Qaeda", "al-Qaeda", "email",
             "e-mail", "Kiev", "Kyiv", "ab", "aab", "cd", "б", "ббб", "x", "."]
    rng = random.Random(10)
    used = {"whole": 0, "lines": 0}
    real_whole = linescan._whole

    def counted(rx, text, spans):
        got = real_whole(rx, text, spans)
        used["whole" if got is not None else "lines"] += 1
        return got

    monkeypatch.setattr(linescan, "_whole", counted)
    safe = set()
    for body in bodies:
        for pattern in (body, rf"(?<![\w.]){body}(?!\w)"):
            rx = compile_user(pattern)
            if linescan.line_safe(rx):
                safe.add(pattern)
            needs = rx.needs
            for _ in range(40):
                # with the strings every match needs (texts without them are not
                # scanned) and without (every text takes one of the two scans)
                rx.needs = rng.choice([needs, None])
                rows = []
                for _ in range(rng.randint(0, 12)):
                    row = " ".join(rng.choice(words) if rng.random() < 0.5 else _word(rng, letters)
                                   for _ in range(rng.randint(0, 8)))
                    margin = rng.choice(["", " ", "\t", "\u3000"])
                    rows.append(margin + row + rng.choice(["", " ", "  "]))
                text = "\n".join(rows) + rng.choice(["", "\n"])
                spans = [(s.start, s.end) for s in lines(text) if rng.random() < 0.8]
                assert linescan.finditer_lines(rx, text, spans) == _per_line(rx, text, spans), \
                    (pattern, text, spans)
    assert "(?<![\\w.])U\\.S\\.(?!A\\.)(?!\\w)" in safe and "(?<![\\w.])per ?cent(?!\\w)" in safe
    refused = {"^US", "US$", "(?<=\\s)US", "US(?= )", "(?<=(.))b", "[[:alpha:]]+", "a{e<=1}"}
    assert not refused & safe
    assert len(safe) > len(bodies) and used["whole"] > 1000 and used["lines"] > 100


def test_house_style_forms_are_matched_in_one_scan(monkeypatch):
    """The built-in house-style forms are line-safe, and their uses are those of the
    search line by line (one set of kept uses per line), on an article with margins,
    blank lines and an all-caps headline."""
    from tqcheck.analysis import linescan
    from tqcheck.analysis.text import DisjointSpans
    from tqcheck.checks import house_style
    from tqcheck.engine.config import Config
    from tqcheck.engine.loop import build_rules

    rule = next(r for r in build_rules(Config()) if r.kind == "house_style")
    pairs = house_style.data(rule.options, "pairs", house_style.load_pairs)
    assert all(linescan.line_safe(rx) for p in pairs for rx in p.forms)

    def line_by_line(text, pair):
        out = []
        for start, end in house_style.searched_lines(text):
            par = text[start:end]
            taken = DisjointSpans()
            for k, rx in enumerate(pair.forms):
                for m in rx.finditer(par):
                    if not taken.overlaps(m.start(), m.end()):
                        taken.add(m.start(), m.end())
                        out.append((k, start + m.start(), start + m.end()))
        return sorted(out, key=lambda o: (o[1], o[0]))

    rng = random.Random(11)
    uses = ["US", "U.S.", "U.S.A.", "UK", "U.K.", "Kyiv", "Kiev", "per cent", "percent", "e-mail",
            "email", "al Qaeda", "Al-Qaida", "defence", "defense", "organisations", "Kiew", "Kyjiw"]
    whole = []
    real = linescan._whole
    monkeypatch.setattr(linescan, "_whole", lambda *a: whole.append(1) or real(*a))
    found = 0
    for _ in range(60):
        rows = ["THE U.S. AND THE UK SAY NO"]
        for _ in range(rng.randint(1, 30)):
            rows.append(rng.choice(["", "  "]) + " ".join(
                rng.choice(uses) if rng.random() < 0.3 else _word(rng, ALPHABETS["latin"])
                for _ in range(rng.randint(0, 12))) + rng.choice([".", " ", ""]))
        text = "\n".join(rows) + "\n"
        for pair in pairs:
            want = line_by_line(text, pair)
            assert house_style.occurrences(text, pair) == want
            found += len(want)
    assert found > 500 and len(whole) > 500


def test_caps_lines_counted_over_bytes_as_over_letters():
    from tqcheck.checks import house_style

    def letters_counted(s: str) -> bool:
        letters = "".join(filter(str.isalpha, s))
        return len(letters) >= 8 and sum(map(str.isupper, letters)) >= 0.6 * len(letters)

    rng = random.Random(12)
    pool = "abcXYZ Q.,-!09\t" + "ÄÉЖжمא中"
    seen = set()
    for _ in range(20000):
        letters = pool[: rng.choice([15, len(pool)])]
        s = "".join(rng.choice(letters) for _ in range(rng.randint(0, 30)))
        got = house_style._caps_line(s)
        assert got == letters_counted(s), s
        seen.add((s.isascii(), got))
    assert seen == {(True, True), (True, False), (False, True), (False, False)}


def test_white_space_list_is_what_strip_removes():
    from tqcheck.analysis import linescan

    assert linescan._SPACE == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_report_rows_written_as_json_dumps_writes_them():
    """The JSON report's rows are written without json's Python encoder: the text is
    ``json.dumps(row, indent=2)`` indented, byte for byte, for rows of strings in four
    scripts with quotes, controls, line and paragraph separators and lone surrogates,
    integers, floats (NaN, infinities, -0.0, tiny and huge), None, booleans, and rows
    that hold a list or a non-string key (written by json.dumps itself)."""
    import json
    import math

    from tqcheck.formats.json_format import _item

    rng = random.Random(13)
    chars = "".join(ALPHABETS.values()) + "\"\\/\n\t\r\x00\x1f\x7f\u2028\u2029\ud800é🎉 "
    values = [None, True, False, 0, -7, 2 ** 70, 0.0, -0.0, 1.5, 1e-300, 1e300, math.nan, math.inf,
              -math.inf, 0.1 + 0.2, "", [1, "a"], {"k": 1}]
    for _ in range(3000):
        row = {}
        for _ in range(rng.randint(0, 12)):
            key = "".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))
            if rng.random() < 0.6:
                row[key] = "".join(rng.choice(chars) for _ in range(rng.randint(0, 30)))
            else:
                row[key] = rng.choice(values)
        if rng.random() < 0.05:
            row[rng.choice([1, None, 2.5])] = "x"  # a key json.dumps converts
        want = "    " + json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        assert _item(row) == want, row


def test_name_extraction_counts_headline_capitals_and_line_starts_as_before():
    """Headline lines (all-caps or title case) are counted over bytes when a line is
    ASCII, and line starts found by str.find: the spans and offsets of the loops over
    letters and characters, on lines of four scripts, all-caps and title-case lines."""
    from tqcheck.analysis.names import extract
    from tqcheck.analysis.names.authority import TOKEN_RE

    def caps_lines_by_letters(text, lang=""):
        out, pos = [], 0
        for raw in text.split("\n"):
            alpha = "".join(filter(str.isalpha, raw))
            upper = sum(map(str.isupper, alpha))
            cased = upper + sum(map(str.islower, alpha))
            if cased >= 4 and upper >= 0.9 * cased:
                out.append((pos, pos + len(raw)))
            elif lang not in extract.NOUN_CAPS and raw.rstrip(" \"'”’»)").endswith(
                    tuple(extract._TITLE_END)) is False:
                words = [m.group() for m in TOKEN_RE.finditer(raw) if len(m.group()) >= 4
                         and (m.group()[0].isupper() or m.group()[0].islower())]
                if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
                    out.append((pos, pos + len(raw)))
            pos += len(raw) + 1
        return out

    rng = random.Random(14)
    pool = ["MINISTER", "SAYS", "Talks", "Resume", "in", "Berlin", "the", "said", ".", "!", "1999",
            "МИНИСТР", "Министр", "заявил", "وزير", "שר", "部长", "Ärzte", "ÉTÉ", "O'Brien"]
    kinds = {False: 0, True: 0}
    for _ in range(3000):
        rows = [" ".join(rng.choice(pool[: rng.randint(3, len(pool))])
                         for _ in range(rng.randint(0, 9))) for _ in range(rng.randint(1, 6))]
        text = "\n".join(rows) + rng.choice(["", "\n"])
        for lang in ("en", "de"):
            got = extract._caps_lines(text, lang)
            assert got == caps_lines_by_letters(text, lang), text
            kinds[bool(got)] += 1
        assert extract._line_starts(text) == {i + 1 for i, c in enumerate(text) if c == "\n"}
    assert min(kinds.values()) > 500


def _rule_and_examples(rule_id: str) -> tuple:
    """The built-in rule ``rule_id`` as a run builds it, and the texts of its [[flag]] and
    [[pass]] examples by language."""
    import tomllib

    from tqcheck.engine.config import Config
    from tqcheck.engine.loop import build_rules
    from tqcheck.engine.rules import builtin_dir

    rule = next(r for r in build_rules(Config()) if r.id == rule_id)
    data = tomllib.loads(next(builtin_dir().glob(f"{rule_id}-*.toml")).read_text(encoding="utf-8"))
    by_lang: dict[str, list[str]] = {}
    for ex in data.get("flag", []) + data.get("pass", []):
        by_lang.setdefault(ex["lang"], []).append(ex["text"])
    return rule, by_lang


class _Unequal(tuple):
    """A tuple equal only to itself."""

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


def test_name_authority_asks_once_per_distinct_mention(monkeypatch):
    """TQ201 asks ``best_match`` once per distinct (text, stems, language, sequence's
    entities): the findings are those of asking for every mention, on long articles
    of the rule's own examples in English, German, Russian, Arabic and Hebrew, shuffled
    and repeated; and far fewer questions are asked."""
    from tqcheck.checks import names_authority
    from tqcheck.engine.context import Context

    rule, examples = _rule_and_examples("TQ201")
    by_lang = {lang: [t.replace("\\n", "\n") for t in texts] for lang, texts in examples.items()}
    by_lang.setdefault("he", []).append(
        "השר אמר כי פוטין ופסקוב נפגשו עם ויטקוף, ופוטין אמר כי השיחות יימשכו.")
    rng = random.Random(15)
    calls = []
    real = names_authority.best_match
    monkeypatch.setattr(names_authority, "best_match", lambda *a: calls.append(1) or real(*a))
    neighbours = names_authority._neighbours
    found = 0
    for lang, texts in sorted(by_lang.items()):
        text = "\n".join(rng.choice(texts) for _ in range(60)) + "\n"
        doc = Document(id=f"names.{lang}.txt", text=text, lang=lang)

        def hits(doc=doc):
            return [(h.start, h.end, h.suggestion, h.value, tuple(sorted(h.fields.items())))
                    for h in names_authority.check(doc, rule.options, Context())]

        calls.clear()
        once = hits()
        asked_once = len(calls)
        with monkeypatch.context() as m:
            # the same neighbours, but no two keys equal: every mention is asked
            m.setattr(names_authority, "_neighbours", lambda *a: _Unequal(neighbours(*a)))
            calls.clear()
            every = hits()
            asked_every = len(calls)
        assert once == every, lang
        assert asked_once < asked_every or asked_every == 0
        found += len(once)
    assert found > 50


def test_foreign_passages_judged_once_per_distinct_text(monkeypatch):
    """TQ102 judges each distinct cleaned paragraph or sentence of an article once: the
    passages found are those of judging every one, on long articles of the rule's own
    examples (English, Arabic, Russian, Hebrew, Hindi) with their paragraphs and
    sentences repeated and shuffled, and far fewer passages are judged."""
    from tqcheck.checks import language_passage
    from tqcheck.engine.context import Context

    rule, examples = _rule_and_examples("TQ102")
    by_lang = {lang: [p.strip() for t in texts for p in t.split("\n") if p.strip()]
               for lang, texts in examples.items()}
    rng = random.Random(16)
    judged = []
    real = language_passage._judged
    monkeypatch.setattr(language_passage, "_judged", lambda *a: judged.append(1) or real(*a))
    found = 0
    for lang, paras in sorted(by_lang.items()):
        # paragraphs, and paragraphs of two joined (their sentences repeat inside others)
        rows = [rng.choice(paras) if rng.random() < 0.6
                else rng.choice(paras) + " " + rng.choice(paras) for _ in range(80)]
        doc = Document(id=f"passages.{lang}.txt", text="\n\n".join(rows) + "\n", lang=lang)

        def passages(doc=doc):
            return [(sp.start, sp.end, art, det.lang, det.confidence, unit) for sp, art, det, unit
                    in language_passage.foreign_paragraphs(doc, rule.options, Context())]

        judged.clear()
        once = passages()
        n_once = len(judged)
        real_foreign = language_passage._foreign
        with monkeypatch.context() as m:
            m.setattr(language_passage, "_foreign",
                      lambda text, *a, _f=real_foreign, **_kw: _f(text, *a[:5], None))  # no memo
            judged.clear()
            every = passages()
            n_every = len(judged)
        assert once == every, lang
        assert n_once < n_every
        found += len(once)
    assert found > 20


def test_line_skips_of_character_and_script_checks_leave_their_findings(monkeypatch):
    """TQ103 reads only the lines beyond ASCII, TQ304 skips ASCII lines and TQ306 lines
    without two spaces in a row: the findings are those of reading every word and line,
    on random lines of four scripts with look-alike letters, invisible characters,
    no-break spaces, doubled spaces and aligned tables."""
    from tqcheck.analysis.text import lines, script_of
    from tqcheck.checks import characters, mixed_script
    from tqcheck.engine.config import Config
    from tqcheck.engine.loop import build_rules

    rules = {r.id: r for r in build_rules(Config()) if r.id in ("TQ103", "TQ304", "TQ306")}

    def invisible_every_line(text):
        out = []
        for sp in lines(text):
            par = text[sp.start:sp.end]
            rtl = any(script_of(c) in characters._RTL for c in set(filter(str.isalpha, par)))
            out += [(sp.start + m.start(), sp.start + m.end())
                    for m in characters._INVISIBLE_RE.finditer(par)
                    if not characters._invisible_ok(par, m.start(), rtl)]
        return out

    def spaces_every_line(text):
        out = []
        for sp in lines(text):
            par = text[sp.start:sp.end]
            if characters._TABLE_RE.search(par):
                continue
            for m in characters._SPACES_RE.finditer(par):
                before = par[:m.start()].rstrip("\"'”’»)]")
                if not (before and before[-1] in characters.SENTENCE_END + ":;"):
                    out.append((sp.start + m.start(), sp.start + m.end()))
        return out

    def spans(rule, doc):
        return [(h.start, h.end) for h in rule.module.check(doc, rule.options, None)]

    rng = random.Random(17)
    pieces = ["word", "Мoсква", "Москва", "Pаris", "αβγ", "μm", "سلام", "\u200b", "\u200c",
              "\u200e", "\u2066", "\ufeff", " ", "  ", "   ", "\u00a0", ".", "\u00a0\u00a0", "x",
              "中文"]
    counts = {"TQ103": 0, "TQ304": 0, "TQ306": 0}
    for _ in range(1500):
        rows = ["".join(rng.choice(pieces[: rng.randint(2, len(pieces))])
                        for _ in range(rng.randint(0, 14))) for _ in range(rng.randint(1, 8))]
        doc = Document(id="chars.txt", text="\n".join(rows), lang=None)
        found = [(h.start, h.end, h.suggestion) for h in
                 mixed_script.check(doc, rules["TQ103"].options, None)]
        with monkeypatch.context() as m:  # every word of the text, as before
            m.setattr(mixed_script, "_words_beyond_ascii", mixed_script._WORD_RE.finditer)
            assert found == [(h.start, h.end, h.suggestion) for h in
                             mixed_script.check(doc, rules["TQ103"].options, None)]
        for rid, want in (("TQ304", invisible_every_line(doc.text)),
                          ("TQ306", spaces_every_line(doc.text))):
            got = spans(rules[rid], doc)
            assert got == want, (rid, doc.text)
            counts[rid] += len(got)
        counts["TQ103"] += len(spans(rules["TQ103"], doc))
    assert min(counts.values()) > 100


def test_layout_shared_by_rules_never_serves_another_text():
    """The lines' layout is computed once per document for the rules that read it, and
    a caller that checks many texts under one document id with one context (as the
    evaluations do) gets each text's own: the findings of the residue, truncation and
    repetition rules equal those of a fresh context for every text."""
    from tqcheck.engine.config import Config
    from tqcheck.engine.context import Context
    from tqcheck.engine.loop import build_rules

    rules = [r for r in build_rules(Config()) if r.kind in ("residue", "truncation", "repetition")]
    texts = ["Follow us on Twitter\nThe minister said the talks would resume.\nShare this article",
             "The talks resumed on Monday and the minister said the deal was clo",
             "Talks resume\nTalks resume today\nThe minister said so. The minister said so.",
             "Подписывайтесь на нас\nМинистр заявил, что переговоры возобновятся.",
             "The talks will resume, the minister said, with Berlin, Paris, and Lond"]
    shared = Context()
    compared = 0
    for _ in range(3):
        for text in texts:
            doc = Document(id="case", text=text, lang=None)
            for rule in rules:
                got = [(h.start, h.end) for h in rule.module.check(doc, rule.options, shared)]
                assert got == [(h.start, h.end) for h in rule.module.check(doc, rule.options, Context())]
                compared += len(got)
    assert compared >= 6  # the texts do hold residue, cut endings and repeats
