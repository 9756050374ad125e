"""Start-up: what a run loads before and while it checks a small English story.

A one-story run (``tqcheck seeds/``) should cost about as much as importing the
libraries every run needs, so the heavy ones are imported by the function that needs
them, and work that a cheap test shows to be unneeded is skipped without importing its
library. These tests run tqcheck in a fresh interpreter and look at ``sys.modules``:
they fail when someone adds a module-level import of a heavy library, or a call that
loads one for text that does not need it. The shortcuts themselves are checked
against the libraries they stand in for, so that no finding can change.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from conftest import SEEDS, lid_trigrams
from tqcheck.analysis import langs
from tqcheck.checks import mojibake
from tqcheck.corpus import Document

# Libraries that cost tens to hundreds of milliseconds to import.
HEAVY = ("polars", "numpy", "sacrebleu", "langdetect", "rapidfuzz", "wordfreq", "ftfy",
         "langcodes", "regex", "pathspec", "stopwordsiso", "anyascii", "msgpack",
         "multiprocessing", "trafilatura", "lxml", "docx", "defusedxml", "dask")


def _loaded_after(code: str) -> set[str]:
    """The top-level modules of ``HEAVY`` that a fresh interpreter holds after ``code``."""
    probe = (f"{code}\nimport sys, json\n"
             f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library():
    assert _loaded_after("import tqcheck.cli, tqcheck.engine, tqcheck.report") == set()


def test_a_small_english_run_does_not_load_wordfreq_or_ftfy():
    """The seed story (English, ASCII with curly apostrophes) needs word frequencies
    (read from wordfreq's installed lists without wordfreq) and a mojibake check that
    ftfy's pattern cannot match; neither library nor their dependencies load. Nor do
    stopwordsiso (its data file is read directly), numpy (tqcheck/analysis/heavy.py) and
    pathspec (the default excludes and the checkout's .gitignore are plain names)."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, io\nfrom tqcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "assert rc in (0, 1), rc")
    loaded = _loaded_after(code)
    assert not loaded & {"wordfreq", "ftfy", "langcodes", "stopwordsiso", "numpy", "pathspec"}, loaded
    assert "langdetect" in loaded  # the run did detect languages: the probe is not vacuous


def test_word_lists_are_wordfreqs_own():
    """Reading wordfreq's installed lists directly gives what wordfreq itself gives,
    for every list it has (same words, order and frequencies)."""
    wordfreq = pytest.importorskip("wordfreq")
    available = wordfreq.available_languages("small")
    assert set(langs._available()) == set(available) and len(available) > 30
    for code in sorted(available):
        ours = langs._read_list(langs._available()[code])
        assert list(ours.items()) == list(wordfreq.get_frequency_dict(code, "small").items()), code
    # the list name is what wordfreq's language matching picks for our codes
    assert {langs.wordfreq_code(c) for c in ("no", "hr", "tl", "pt-BR")} == {"nb", "sh", "fil", "pt"}
    assert langs.word_frequencies("nn") is langs.word_frequencies("no")


def test_word_list_reader_refuses_other_files(tmp_path):
    import gzip

    import msgpack

    bad = tmp_path / "small_xx.msgpack.gz"
    with gzip.open(bad, "wb") as f:
        f.write(msgpack.packb([{"format": "other", "version": 1}, ["a"]]))
    with pytest.raises(ValueError, match="not a wordfreq word list"):
        langs._read_list(bad)


def test_a_list_in_an_unknown_format_is_read_by_wordfreq(tmp_path, monkeypatch):
    """A later wordfreq whose list format this reader does not know: the run falls back
    to wordfreq's own reader instead of stopping."""
    wordfreq = pytest.importorskip("wordfreq")
    bad = tmp_path / "small_en.msgpack.gz"
    bad.write_bytes(b"not gzip at all")
    monkeypatch.setattr(langs, "_AVAILABLE", [{"en": bad}])
    monkeypatch.setattr(langs, "_FREQS", {})
    got = langs.word_frequencies("en")
    want = wordfreq.get_frequency_dict("en", "small")
    assert len(got) == len(want) > 10000 and got["the"] == want["the"]


def _blocked(seq, allowed: set[int]) -> bool:
    """True if the parsed regex sequence ``seq`` cannot match any string whose
    characters are all in ``allowed``: some part it must match (a literal, a class
    without negation or category, a group, a repeat of at least one) has no character
    in ``allowed``. Anything else counts as able to match, so the answer errs on the
    side of 'may match'."""
    for op, av in seq:
        if op is sre_c.LITERAL:
            if av not in allowed:
                return True
        elif op is sre_c.IN:
            if any(o in (sre_c.NEGATE, sre_c.CATEGORY) for o, _ in av):
                continue
            if not any((o is sre_c.LITERAL and v in allowed)
                       or (o is sre_c.RANGE and any(v[0] <= c <= v[1] for c in allowed))
                       for o, v in av):
                return True
        elif op is sre_c.BRANCH:
            if all(_blocked(b, allowed) for b in av[1]):
                return True
        elif op is sre_c.SUBPATTERN:
            if _blocked(av[-1], allowed):
                return True
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            if av[0] >= 1 and _blocked(av[2], allowed):
                return True
    return False


def test_ftfy_cannot_match_a_quiet_paragraph():
    """Every branch of the installed ftfy's badness pattern needs a character outside
    ASCII and ``FTFY_QUIET``: such a paragraph is neither repaired nor scored by ftfy,
    so the mojibake check may skip it. (With a new ftfy whose pattern reaches one of
    these characters, this fails and the set must shrink.)"""
    pytest.importorskip("ftfy")
    import ftfy
    from ftfy.badness import BADNESS_RE

    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    quiet = set(range(128)) | {ord(c) for c in mojibake.FTFY_QUIET}
    assert _blocked(tree, quiet)
    # the analysis is not vacuous: mojibake's own characters are seen as able to match
    assert not _blocked(tree, quiet | {ord("Ã"), ord("©")})
    assert not _blocked(tree, set(range(128)) | {ord(c) for c in "â€™"})
    # and ftfy agrees on random text of these characters
    rng = random.Random(11)
    alphabet = [chr(c) for c in range(32, 127)] + sorted(mojibake.FTFY_QUIET)
    for _ in range(2000):
        par = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert mojibake.ftfy_quiet(par)
        assert ftfy.fix_encoding(par) == par and ftfy.badness.badness(par) == 0, par


def test_quiet_paragraphs_still_reach_ftfy_when_they_are_not():
    """The shortcut only skips what ftfy would leave: mojibake next to curly quotes
    is still repaired, and a C1 control is still seen."""
    assert not mojibake.ftfy_quiet("It’s the caf\u00c3\u00a9")
    assert mojibake.repair("It’s the caf\u00c3\u00a9 \u00e2\u20ac\u201c open") is not None
    assert not mojibake.ftfy_quiet("quote\x93here\x94")
    assert mojibake.ftfy_quiet("“Quoted” — and… « this »\u00a0too, 20 °C, ™ ©")
    assert mojibake.repair("“Quoted” — and… « this »\u00a0too") is None


def test_records_are_polars_rows():
    """``report.records`` gives what ``frame(...).to_dicts()`` gives, in plain Python for
    plain values and through polars for anything else (so a run that meets such a value
    converts or fails as before)."""
    import numpy as np

    from tqcheck.report import FINDINGS_SCHEMA, SCORES_SCHEMA, frame, records

    plain = [
        {"rule_id": "TQ101", "severity": "warning", "path": "a/é.txt", "line": 3, "column": 1,
         "text": "Привет «мир» 日本", "value": 2, "extra": "ignored"},
        {"rule_id": "TQ102", "severity": "info", "value": 0.25, "related_line": None, "start": -1},
        {"rule_id": "TQ103", "value": float("nan"), "end": 2 ** 63 - 1, "message": ""},
        {"value": -0.0, "suggestion": "a\x00b"},
    ]
    got = records(plain, FINDINGS_SCHEMA)
    want = frame(plain, FINDINGS_SCHEMA).to_dicts()
    assert repr(got) == repr(want)  # repr: NaN and -0.0 compare as written, not as ==
    assert list(got[0]) == list(FINDINGS_SCHEMA) and type(got[0]["value"]) is float
    assert records([], SCORES_SCHEMA) == frame([], SCORES_SCHEMA).to_dicts() == []
    # values outside the plain types: polars' own conversion
    odd = [{"value": np.float32(0.1), "line": np.int64(4)}, {"value": True, "line": True},
           {"value": 2 ** 60}]
    assert repr(records(odd, FINDINGS_SCHEMA)) == repr(frame(odd, FINDINGS_SCHEMA).to_dicts())
    # and its refusals
    for bad in ({"line": 3.0}, {"text": 5}, {"text": "a\udcff"}, {"line": 2 ** 63}):
        with pytest.raises((TypeError, UnicodeEncodeError)):
            records([{"rule_id": "TQ101"}, bad], FINDINGS_SCHEMA)


def test_streamed_table_is_the_reports_table(tmp_path, monkeypatch):
    """The command-line table, written from the streamed rows without a Report, is the
    text ``table_format.render`` gives for the Report of the same run: stories in
    several scripts, pair scores, declared and detected languages, a story without
    findings."""
    import contextlib
    import io
    import shutil

    import tqcheck
    from tqcheck.cli import main
    from tqcheck.formats import table_format

    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    corpus = tmp_path / "news"
    shutil.copytree(SEEDS, corpus / "seeds")
    (corpus / "budget").mkdir()
    (corpus / "budget" / "budget.en.txt").write_text(
        "City council approves the school budget\n\nThe city council approved the new budget for "
        "the schools on Monday evening, after a debate of three hours.\n", encoding="utf-8")
    (corpus / "budget" / "budget.ru.txt").write_text(
        "Городской совет утвердил бюджет школ\n\nГородской совет в понедельник вечером утвердил "
        "новый бюджет школ после трёхчасовых дебатов.\n", encoding="utf-8")
    (corpus / "budget" / "budget.ar.txt").write_text(
        "مجلس المدينة يقر ميزانية المدارس\n\nأقر مجلس المدينة مساء الاثنين الميزانية الجديدة "
        "للمدارس بعد نقاش دام ثلاث ساعات.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(["--no-progress", "--color", "never", "news"])
    report = tqcheck.check(["news"])
    assert out.getvalue() == table_format.render(report)
    assert rc == report.exit_code()
    assert "Pair scores (sacrebleu)" in out.getvalue() and "Russian (ru)" in out.getvalue()


# -- numpy only where it pays (tqcheck/analysis/heavy.py) -----------------------------------


def test_a_small_multilingual_run_does_not_import_numpy(tmp_path):
    """Importing numpy costs more than checking a few short stories, so a small run
    takes the plain paths: the seed story and a story of two English versions and an
    Arabic one (language profiles, word lists, passage repeats, alignment, pair scores,
    name comparisons in and across scripts) run without numpy. Undo one plain path and
    this fails. (Many word lists, as a Cyrillic text's close languages need, are built
    with numpy: ``langs._PLAIN_WORDS_CAP``.)"""
    corpus = tmp_path / "news"
    if SEEDS.is_dir():
        import shutil

        shutil.copytree(SEEDS, corpus / "seeds")
    story = corpus / "budget"
    story.mkdir(parents=True)
    en = ("Lublin approves the school budget\n\nThe council of Lublin approved a budget of 1,550 million "
          "for 38 schools on 12 March 2024, Mayor Anna Kowalski said. Kowalski said the vote "
          "followed a debate of three hours.\n\nThe council of Lublin approved a budget of 1,550 "
          "million for 38 schools.\n")
    (story / "budget.en.txt").write_text(en, encoding="utf-8")
    (story / "budget-2.en.txt").write_text(en.replace("Kowalski said the", "Kowalsky said the"),
                                           encoding="utf-8")
    (story / "budget.ar.txt").write_text(
        "لوبلين تقر ميزانية المدارس\n\nأقر مجلس لوبلين في 12 مارس 2024 ميزانية قدرها 1550 مليونا "
        "لـ 38 مدرسة، كما قالت رئيسة البلدية آنا كوالسكي.\n", encoding="utf-8")
    code = ("import contextlib, io\nfrom tqcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', '-j', '1', '--format', 'json', {str(corpus)!r}])\n"
            "assert rc in (0, 1), rc")
    loaded = _loaded_after(code)
    assert "numpy" not in loaded, loaded
    assert {"sacrebleu", "rapidfuzz", "langdetect"} <= loaded  # scores, names, languages ran


@pytest.fixture
def paths(monkeypatch):
    """``paths(plain)``: make the checks take their plain (True) or numpy (False) paths."""
    from tqcheck.analysis import heavy

    def use(plain: bool) -> None:
        monkeypatch.setattr(heavy, "numpy_loaded", lambda: not plain)

    return use


TEXTS = ["The minister said on Monday that the talks would resume next week.",
         "Der Minister sagte am Montag, die Gespräche würden nächste Woche fortgesetzt.",
         "Министр заявил в понедельник, что переговоры возобновятся на следующей неделе.",
         "قال الوزير يوم الاثنين إن المحادثات ستستأنف الأسبوع المقبل.",
         "השר אמר ביום שני כי השיחות יתחדשו בשבוע הבא.",
         "部长周一表示，会谈将于下周恢复。", "NATO UN EU", "", "x"]


def test_profile_scores_plain_equal_numpy(paths, monkeypatch):
    """Language-profile sums in Python equal numpy's running sums bit for bit (both add
    each column in text order), also when a process switches over with rows held."""
    from test_big_article import ALPHABETS, _word

    from tqcheck.analysis import lid
    from tqcheck.analysis.text import script_counts

    rng = random.Random(3)
    texts = TEXTS + [" ".join(_word(rng, ALPHABETS[a]) for _ in range(rng.randint(1, 300)))
                     for a in ("latin", "cyrillic", "arabic") for _ in range(15)]
    langs_of = [tuple(lid.candidates_for(t, script_counts(t))) or ("en", "fr") for t in texts]
    monkeypatch.setattr(lid, "_NUMPY_AFTER", 10 ** 9)
    got = {}
    for plain in (True, False):
        paths(plain)
        lid._log_rows.cache_clear()
        got[plain] = [lid.profile_scores(t, ls) for t, ls in zip(texts, langs_of)]
        assert all(lid._log_rows(ls).plain == plain
                   for t, ls in zip(texts, langs_of) if lid_trigrams(t))
    assert got[True] == got[False]
    # a switch half-way (the rows met so far move into the matrix)
    lid._log_rows.cache_clear()
    paths(True)
    half = [lid.profile_scores(t, ls) for t, ls in zip(texts[::2], langs_of[::2])]
    paths(False)
    rest = [lid.profile_scores(t, ls) for t, ls in zip(texts[1::2], langs_of[1::2])]
    assert half == got[False][::2] and rest == got[False][1::2]
    # without numpy loaded, the process switches to it after _NUMPY_AFTER trigrams
    lid._log_rows.cache_clear()
    paths(True)
    monkeypatch.setattr(lid, "_SCORED", 0)
    monkeypatch.setattr(lid, "_NUMPY_AFTER", 2000)
    again = [lid.profile_scores(t, ls) for t, ls in zip(texts, langs_of)]
    assert again == got[False] and lid._SCORED > 2000
    assert not lid._log_rows(langs_of[-1]).plain
    lid._log_rows.cache_clear()


def test_word_lists_of_a_small_run_are_the_lists(paths, monkeypatch):
    """While numpy is not loaded the first lists stay the dicts they were read as: the
    same words, frequencies and order as the WordList a larger run builds; past the cap
    (or with numpy loaded) they are WordLists."""
    monkeypatch.setattr(langs, "_FREQS", {})
    monkeypatch.setattr(langs, "_PLAIN_WORDS", 0)
    paths(True)
    plain = {c: langs.word_frequencies(c) for c in ("en", "ru")}
    assert all(type(m) is dict for m in plain.values())
    for code, words in plain.items():
        wl = langs.WordList(words)
        assert list(wl.items()) == list(words.items()) and len(wl) == len(words) > 10000
        assert all(wl.get(w) == words.get(w) for w in ("the", "и", "zzzq", "Der"))
    monkeypatch.setattr(langs, "_PLAIN_WORDS", langs._PLAIN_WORDS_CAP)
    assert isinstance(langs.word_frequencies("de"), langs.WordList)
    paths(False)
    assert isinstance(langs.word_frequencies("fr"), langs.WordList)


def test_passage_repeats_plain_equal_bounded(paths, monkeypatch):
    """Short articles compare every earlier unit of a similar length; the count bounds
    only drop pairs that cannot reach the ratio, so both find the same repeats."""
    from test_big_article import ALPHABETS, PASSAGE, _article

    from tqcheck.checks import repetition

    monkeypatch.setattr(repetition, "_PLAIN_CHARS", 10 ** 9)
    monkeypatch.setattr(repetition, "_PLAIN_ALWAYS", 0)
    found = 0
    for name, letters in ALPHABETS.items():
        for seed in range(2):
            doc = Document(id=f"{name}{seed}.txt", text=_article(seed, letters, 40), lang=None)
            for window in (3, 400):
                opts = dict(PASSAGE, window=window)
                got = {}
                for plain in (True, False):
                    paths(plain)
                    got[plain] = [(h.start, h.end, h.related_start, h.related_end, h.value)
                                  for h in repetition._passages(doc, opts)]
                assert got[True] == got[False], (name, seed, window)
                found += len(got[True])
    assert found > 50


def test_alignment_plain_equal_tables(paths, monkeypatch):
    """Cell by cell or all cells at once: the same links, in and across languages."""
    from tqcheck.analysis import align

    rng = random.Random(8)
    pool = [s for t in TEXTS if t for s in (t, t.replace(" ", "  "), t[: len(t) // 2])]
    checked = 0
    for trial in range(30):
        a = rng.sample(pool, rng.randint(1, 12))
        b = list(a) if trial % 2 else rng.sample(pool, rng.randint(1, 12))
        if len(b) > 2 and trial % 3:
            b[0:2] = [b[0] + " " + b[1]]
        for same in (True, False):
            got = {}
            for plain in (True, False):
                paths(plain)
                got[plain] = align.align(a, b, same)
            assert got[True] == got[False], (trial, same)
            checked += len(got[True])
    assert checked > 100


def test_bleu_chrf_plain_equal_bulk(paths):
    """sacrebleu's own scores per pair equal the bulk counts, for sentence and corpus BLEU."""
    from sacrebleu.metrics import BLEU, CHRF

    from tqcheck.analysis.metrics import bleu_scores, chrf_scores

    hyps = [t for t in TEXTS if t] + ["the cat", "a", "same words here"]
    refs = [t[::-1] if i % 3 == 0 else t.replace("e", "a") for i, t in enumerate(TEXTS) if t] \
        + ["the cat sat", "a b", "same words here"]
    for metric in (BLEU(effective_order=True), BLEU(), BLEU(tokenize="char"), CHRF()):
        fn = chrf_scores if isinstance(metric, CHRF) else bleu_scores
        got = {}
        for plain in (True, False):
            paths(plain)
            got[plain] = fn(metric, hyps, refs), fn(metric, [" ".join(hyps)], [" ".join(refs)])
        assert got[True] == got[False], metric


def test_name_similarities_plain_equal_cdist(paths):
    """Pair-by-pair ratios, stored as float32, are cdist's matrix: the same values and
    the same answers to every threshold, round or not."""
    from rapidfuzz import fuzz, process

    from tqcheck.checks import names_consistency

    rng = random.Random(5)
    letters = "aeioukltrsnmvwy"
    folds = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(50)})
    folds += ["kowalski", "kowalsky", "kovalski"]
    paths(True)
    for cutoff in (0.0, 70.0, 80.0, 82.3, 90.0):
        plain = names_consistency._ratios(folds, cutoff)
        assert isinstance(plain, list)
        want = process.cdist(folds, folds, scorer=fuzz.ratio, score_cutoff=cutoff)
        assert [list(r) for r in plain] == want.tolist()
        assert [[x < cutoff for x in r] for r in plain] == [[x < cutoff for x in r] for r in want]
        assert [[float(x) for x in r] for r in plain] == [[float(x) for x in r] for r in want]


def test_authority_lookups_plain_equal_cdist(paths):
    """``Authority.near`` through ``process.extract`` (one name at a time) gives what the
    batched ``cdist`` gives: the same known tokens, scores and order."""
    from tqcheck.analysis.names import authority
    from tqcheck.analysis.names.authority import script_key
    from tqcheck.analysis.names.translit import fold
    from tqcheck.engine.rules import builtin_dir

    auth = authority.load([builtin_dir() / "data" / "names"])
    words = ["Kowalsky", "Germny", "Frances", "Tymoshenko", "Washingtn", "Rusia", "Ukrane",
             "Португалия", "Германя", "Polnd", "Kanada", "Brazill", "Argentinia"]
    groups: dict = {}
    for w in words:
        groups.setdefault((script_key(w), len(fold(w))), []).append(w)
    hits = 0
    for (sc, n), toks in groups.items():
        for score in (70.0, 80.0):
            paths(True)
            plain = auth._near_batch(sc, n, toks, score, 5)
            paths(False)
            vec = auth._near_batch(sc, n, toks, score, 5)
            assert plain == vec, toks
            hits += sum(map(len, plain))
    assert hits > 10


def test_cross_script_shortlists_plain_equal_cdist(paths):
    """The stems x anchors shortlist of cross-script name votes, cell by cell or with
    three ``cdist`` matrices: the same stems on every anchor's list."""
    from tqcheck.checks import names_consistency

    stems = [["Ковальски", "Ковальск"], ["Кушнер"], ["Путина", "Путин"], ["Виткофф"], ["Москва"],
             ["كوالسكي"], ["كوشنر"], ["بوتين"], ["ويتكوف"], ["Смирнов", "Смирнова"]]
    toks = [(i, i + 1, "w", frozenset(st), False) for i, st in enumerate(stems)]
    anchors = ["Kowalski", "Kushner", "Putin", "Witkoff", "Moscow", "Smirnoff", "Lublin"]
    got = {}
    for plain in (True, False):
        paths(plain)
        got[plain] = names_consistency._stem_group(toks, anchors, 3)
    vec = got[False]
    columns = vec.near
    assert got[True].near == columns and len(columns) == len(anchors)
    assert (got[True].stems_of, got[True].toks_of, got[True].keys_of, got[True].uniq) == \
        (vec.stems_of, vec.toks_of, vec.keys_of, vec.uniq)
    assert sum(map(len, columns)) >= 5  # names and their transliterations were shortlisted
    # the plain scores kept with the shortlist, both ways: ``plain_cross_score``'s floats
    from tqcheck.analysis.names import translit

    for g in got.values():
        assert g.plain == [[translit.plain_cross_score(vec.uniq[i], a) for i in idx]
                           for a, idx in zip(anchors, columns)]


# -- the prebuilt index of the built-in name authority ---------------------------------------


def _authority_state(auth) -> dict:
    """Everything an authority has indexed, empty default entries left out."""
    def clean(d: dict) -> dict:
        return {k: v for k, v in d.items() if v}

    return {
        "entities": auth.entities, "forms": [(e.id, form, lkeys) for e, form, lkeys in auth._forms],
        "token_entities": clean(auth._token_entities), "distinctive": clean(auth._distinctive),
        "surface": auth._surface, "token_langs": clean(auth._token_langs),
        "by_script": dict(auth._by_script), "buckets": clean(auth._buckets),
        "fold_tokens": clean(auth._fold_tokens), "native": clean(auth._native),
        "built": auth._built, "folded": auth._folded, "cjk": auth.cjk_forms,
    }


def test_the_shipped_authority_index_is_built_from_the_files():
    """The index shipped in the package is what ``build_index`` makes of the built-in
    files today (run ``python tools/authority_index.py`` after editing them), and an
    authority read from it holds, script by script, what one built from the files holds."""
    from tqcheck.analysis.names import authority
    from tqcheck.engine.rules import builtin_dir

    names = [builtin_dir() / "data" / "names"]
    assert authority.INDEX.read_bytes() == authority.build_index(names), \
        "stale: run python tools/authority_index.py"
    fast, slow = authority.load(names), authority.load(names, prebuilt=False)
    assert fast._prebuilt is not None and slow._prebuilt is None
    scripts = [*fast._prebuilt.scripts, "Thai", "Ogham"]  # (a script of no token too)
    assert {"Latin", "Cyrillic", "Arabic", "Hebrew", "Han", None} <= set(scripts)
    for auth in (fast, slow):
        for sc in scripts:
            auth._index(sc)
    assert _authority_state(fast) == _authority_state(slow)
    # and the answers of the checks' look-ups
    known = 0
    for tok in ("germany", "deutschland", "германия", "ألمانيا", "גרמניה", "德国", "putin", "kushner",
                "germny", "kushne"):
        assert fast.entities_of(tok) == slow.entities_of(tok), tok
        assert fast.near(tok, 80.0) == slow.near(tok, 80.0)
        assert fast.usable(tok, "en") == slow.usable(tok, "en")
        known += bool(fast.entities_of(tok))
    assert known >= 5
    assert fast.near_native("المانيا", 85.0) == slow.near_native("المانيا", 85.0)


def test_an_edited_authority_is_built_not_read_from_the_index(tmp_path):
    """A newsroom's copy of the built-in files, once edited (one byte is enough), is
    built from its own files: the index is only for the bytes it was built from."""
    import shutil

    from tqcheck.analysis.names import authority
    from tqcheck.engine.rules import builtin_dir

    copy = tmp_path / "names"
    shutil.copytree(builtin_dir() / "data" / "names", copy)
    assert authority.load([copy])._prebuilt is not None  # the same bytes elsewhere: the index
    people = copy / "people.toml"
    people.write_text(people.read_text(encoding="utf-8") + '\n[[entity]]\nid = "jane-roe"\n'
                      'kind = "person"\ncanonical = "Jane Roewinski"\n', encoding="utf-8")
    auth = authority.load([copy])
    assert auth._prebuilt is None
    assert auth.entities_of("roewinski") == {"jane-roe"}
    assert authority.load([builtin_dir() / "data" / "names"]).entities_of("roewinski") == set()


def test_stop_words_are_stopwordsisos_own():
    """Reading stopwords-iso's data file directly gives, for every language it lists,
    the words ``stopwordsiso.stopwords`` gives (a seed run then need not import it)."""
    stopwordsiso = pytest.importorskip("stopwordsiso")
    from tqcheck.analysis.names import morph

    ours = morph.stopwords_iso()
    assert set(ours) == set(stopwordsiso.langs()) and len(ours) > 50
    for code in sorted(ours):
        assert set(ours[code]) == stopwordsiso.stopwords(code), code
    assert "the" in morph.common_words("en-GB", ()) and "и" in morph.common_words("ru", ())


def test_short_version_median_is_statistics_median():
    import statistics

    from tqcheck.checks.short_version import _median

    rng = random.Random(2)
    for n in range(1, 40):
        for values in ([rng.random() * 1000 for _ in range(n)], [rng.randint(0, 50) for _ in range(n)],
                       [rng.choice([0.1, 0.2, 1e300, 3.5]) for _ in range(n)]):
            got, want = _median(values), statistics.median(values)
            assert got == want and type(got) is type(want), values


def test_the_command_collects_young_garbage_less_often_and_main_leaves_it_alone(monkeypatch):
    """``tqcheck`` (``cli.entry``) raises the collector's youngest threshold for its own
    process; ``cli.main``, which Python callers use, does not touch it."""
    import gc

    from tqcheck import cli

    before = gc.get_threshold()
    real_main = cli.main
    seen = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(gc.get_threshold()) or 0)
    monkeypatch.setattr(sys, "argv", ["tqcheck", "--version"])
    try:
        with pytest.raises(SystemExit) as exc:
            cli.entry()
        assert exc.value.code == 0
        assert seen == [(50_000, *before[1:])]
    finally:
        gc.set_threshold(*before)
    gc.set_threshold(700, 10, 10)
    try:
        assert real_main(["--version"]) == 0
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


# -- langdetect's profiles, read from the prebuilt index --------------------------------


def _lid_caches_clear():
    from tqcheck.analysis import lid

    for fn in (lid._profile_dir, lid._profile, lid._indexed, lid.profile_index, lid._factory,
               lid._log_rows, lid.profile_letters):
        fn.cache_clear()


def test_the_shipped_profile_index_is_built_from_the_installed_profiles():
    """The index shipped in the package is what ``build_profile_index`` makes of the
    installed langdetect's profiles (run ``python tools/lid_profiles.py`` after
    upgrading langdetect), and it stands for every profile the detector uses."""
    from tqcheck.analysis import lid

    assert lid.PROFILE_INDEX.read_bytes() == lid.build_profile_index(), \
        "stale: run python tools/lid_profiles.py"
    assert all(lid._indexed(lang) for lang in lid.SUPPORTED)
    index = lid.profile_index()
    assert index is not None and set(index.langs) == set(lid.SUPPORTED)


def test_profile_index_rows_are_the_profiles_rows(monkeypatch):
    """A table read from the index gives, n-gram by n-gram, the rows of one read from
    the profiles: every n-gram of a profile of each script (their neighbours in the
    sorted list, the first and last included), n-grams no profile has, the empty string,
    a tab and a four-character string, under candidate sets within and across scripts."""
    from tqcheck.analysis import lid

    sets = [lid.SCRIPT_LANGS["Latin"], lid.SCRIPT_LANGS["Cyrillic"], ("ar", "fa", "he", "ur"),
            ("ja", "ko", "zh-cn", "zh-tw"), ("el", "en", "ru", "hi", "th"), lid.SUPPORTED]
    rng = random.Random(11)
    grams = {"", "abcd", "zzq", "ъъъ", "\U0001f600", "\t", "a\t"}
    for lang in ("en", "fr", "ru", "ar", "he", "zh-cn", "ja", "ko", "hi", "th", "el", "vi"):
        freq = lid._profile(lang)[0]
        grams.update(rng.sample(sorted(freq), 300))
        grams.update(g + "\uffff" for g in rng.sample(sorted(freq), 20) if len(g) < 3)
    _lid_caches_clear()
    fast = [lid._LazyTable(langs) for langs in sets]
    assert all(t._index is not None for t in fast)
    monkeypatch.setattr(lid, "_indexed", lambda lang: False)
    slow = [lid._LazyTable(langs) for langs in sets]
    assert all(t._index is None for t in slow)
    found = 0
    for f, s in zip(fast, slow):
        for g in sorted(grams):
            assert f._row(g) == s._row(g), (f.langs, g)
            found += f._row(g) is not None
    assert found > 1000  # (the comparison is not between two empty tables)
    index = lid.profile_index()
    for gram in (index.grams[0], index.grams[-1]):
        assert index.counts(gram) == {str(i): str(lid._profile(lang)[0][gram])
                                      for i, lang in enumerate(index.langs) if gram in lid._profile(lang)[0]}


def test_profile_letters_from_the_index_are_the_profiles_letters(monkeypatch):
    """What the code-page check reads of a profile (its single characters, their counts
    and the profile's total of them) is the same from the index as from the profile
    file, for every profile; and a text in many scripts leaves the code-page check's
    alphabets built without parsing one profile file."""
    from tqcheck.analysis import lid
    from tqcheck.checks import _codepage

    _lid_caches_clear()
    fast = {lang: lid.profile_letters(lang) for lang in lid.SUPPORTED}
    assert lid._profile.cache_info().currsize == 0
    alphabets = {lang: _codepage._alphabet(lang) for lang in ("de", "fr", "pl", "ru", "uk", "el", "tr", "ar", "he", "vi")}
    assert lid._profile.cache_info().currsize == 0 and all(alphabets.values())
    assert "ß" in alphabets["de"] and "ї" in alphabets["uk"] and "ї" not in alphabets["ru"]
    monkeypatch.setattr(lid, "_indexed", lambda lang: False)
    lid.profile_letters.cache_clear()
    _codepage._alphabet.cache_clear()
    for lang in lid.SUPPORTED:
        letters, total = lid.profile_letters(lang)
        freq, totals = lid._profile(lang)
        assert (letters, total) == ({k: v for k, v in freq.items() if len(k) == 1}, totals[0])
        assert fast[lang] == (letters, total) and type(fast[lang][1]) is float, lang
    assert {lang: _codepage._alphabet(lang) for lang in alphabets} == alphabets
    monkeypatch.undo()
    _lid_caches_clear()
    _codepage._alphabet.cache_clear()


def test_an_edited_profile_is_read_from_its_file(tmp_path, monkeypatch):
    """A profile whose installed bytes are not those the index was built from (a
    langdetect upgrade, an edited file) is read from the file: its table has the
    file's counts, and the other profiles still come from the index."""
    import json
    import shutil

    from tqcheck.analysis import lid

    profiles = tmp_path / "profiles"
    shutil.copytree(lid._profile_dir(), profiles)
    data = json.loads((profiles / "fr").read_text(encoding="utf-8"))
    data["freq"]["the"] = data["freq"].get("the", 0) + 12345
    (profiles / "fr").write_text(json.dumps(data), encoding="utf-8")
    _lid_caches_clear()
    monkeypatch.setattr(lid, "_profile_dir", lambda: profiles)
    try:
        assert not lid._indexed("fr") and lid._indexed("en")
        table = lid._LazyTable(("en", "fr"))
        assert table._index is None  # read from the files
        assert table._row("the")[1] == data["freq"]["the"] / data["n_words"][2]
        assert lid._LazyTable(("en", "de"))._index is not None
    finally:
        monkeypatch.undo()
        _lid_caches_clear()


def test_a_small_run_reads_no_profile_file():
    """A one-story run detects languages from the index alone: no profile is parsed."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, io\nfrom tqcheck.cli import main\nfrom tqcheck.analysis import lid\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "assert rc in (0, 1), rc\n"
            "print(lid._profile.cache_info().currsize, lid._factory.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    parsed, tables = map(int, out.stdout.split())
    assert tables >= 1 and parsed == 0, out.stdout


def test_a_small_english_run_leaves_the_large_rare_patterns_uncompiled():
    """The patterns ``lazyre.Lazy`` stands for (number words with a scale, clock times,
    decades, CJK numerals, Han and Hangul runs) are not compiled by a one-story English
    run that has none of them; and once used, a Lazy pattern finds what the compiled
    pattern finds."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, io\nfrom tqcheck.cli import main\n"
            "from tqcheck.analysis import numbers, align\nfrom tqcheck.analysis.names import translit\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "assert rc in (0, 1), rc\n"
            "lazy = [numbers._WORDS_RE, numbers._TIME_RE, numbers._DECADE_RE, numbers._CJK_NUM_RE,\n"
            "        align._HAN, translit._HANGUL]\n"
            "print(sum(p.compiled for p in lazy), numbers._extract.cache_info().currsize > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True"], out.stdout  # (the run did read numbers)
    import re

    from tqcheck.analysis import numbers
    from tqcheck.analysis.lazyre import Lazy

    text = "At 7.30 p.m. on 3 May, two and a half million people; 三百万 in the 1990s. 한국 中国"
    for lazy in (Lazy(numbers._TIME_RE.pattern, numbers._TIME_RE.flags),
                 Lazy(r"[\uac00-\ud7a3]+"), Lazy(numbers._CJK_NUM_RE.pattern)):
        rx = re.compile(lazy.pattern, lazy.flags)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in rx.finditer(text)] != []
        assert lazy.sub("#", text) == rx.sub("#", text) and lazy.compiled
    # and the extraction that uses them reads each form
    got = {q.text: sorted(q.values) for q in numbers.extract(text, "en")}
    assert got["7.30 p.m."] == [("time", 1170)] and got["三百万"] == [3000000.0]
    assert got["two and a half million"] == [2500000.0] and got["1990s"] == [("decade", 90)]


# -- The built-in TOML files, parsed when the package is built ----------------------------


def test_the_shipped_toml_index_is_built_from_the_files():
    """The prebuilt data is what ``tomlindex.build`` makes of the built-in rule and data
    files today (run ``python tools/toml_index.py`` after editing one), every one of them
    is in it, and for each the index gives what tomllib gives, of the same types, as
    new objects on every call."""
    import tomllib

    from tqcheck import tomlindex
    from tqcheck.engine.rules import builtin_dir

    files = tomlindex.builtin_files(builtin_dir())
    assert len(files) >= 50
    assert tomlindex.INDEX.read_text(encoding="utf-8") == tomlindex.build(files), \
        "stale: run python tools/toml_index.py"
    assert len(tomlindex._entries()) == len(files)
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        assert tomlindex.key(text) in tomlindex._entries(), f.name
        got = tomlindex.loads(text)
        assert tomlindex._same(got, tomllib.loads(text)), f.name
        assert got is not tomlindex.loads(text)
    assert not tomlindex._same({"a": 1}, {"a": 1.0}) and not tomlindex._same([True], [1])


def test_an_edited_builtin_rule_is_parsed_and_its_errors_located(tmp_path):
    """A copy of a built-in rule is read from the index only while its bytes are the
    built-in ones: an edited copy is parsed (its own severity is the one loaded), and
    a broken one stops the run at ``file:line`` with exit code 2."""
    import contextlib
    import io
    import shutil

    from tqcheck.cli import main
    from tqcheck.engine.rules import builtin_dir, load_dirs

    src = builtin_dir() / "TQ002-empty-file.toml"
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(src, folder / src.name)
    rule = load_dirs([folder])[0]
    text = src.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("severity"))
    new = 'severity = "info"' if "info" not in old else 'severity = "warning"'
    (folder / src.name).write_text(text.replace(old, new), encoding="utf-8")
    assert load_dirs([folder])[0].severity == new.split('"')[1] != rule.severity
    lines = text.splitlines()
    at = lines.index(old) + 1
    lines[at - 1] = "severity = "
    (folder / src.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        rc = main(["--rules", str(folder), str(tmp_path)])
    assert rc == 2 and f"{src.name}:{at}:" in err.getvalue(), err.getvalue()


def test_a_small_run_parses_no_toml(tmp_path):
    """A one-story run with the built-in rules (and no config file) reads every TOML
    file's data from the index: tomllib is never imported."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, io, sys\nfrom tqcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "assert rc in (0, 1), rc\nprint('tomllib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path)
    assert out.stdout.split() == ["False"], out.stdout


# -- user patterns compiled when a text can match them (tqcheck/analysis/userregex.py) -----


def _builtin_patterns():
    """The built-in residue and house-style patterns, as their loaders compile them."""
    from tqcheck.checks import _layout, house_style
    from tqcheck.checks.base import builtin_dir

    residue = _layout.load_residue(builtin_dir() / "data" / "residue.toml")
    pairs = house_style.load_pairs(builtin_dir() / "data" / "house-style.toml")
    return [p[0] for p in residue.patterns] + [rx for pair in pairs for rx in pair.forms]


def test_regex_case_relations_are_what_regex_matches():
    """``_CASES`` is built from regex's ``get_all_cases``: for every character regex or
    Python knows as cased, what regex matches to it ignoring case is in the closure of
    get_all_cases (so two related characters fold alike), and no character outside them
    matches one of them."""
    regex = pytest.importorskip("regex")
    from tqcheck.analysis import userregex

    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    cased = {c for c in chars if len({c, c.lower(), c.upper(), c.casefold(), c.title()}) > 1}
    cased |= set(regex.findall(r"[\p{Cased}\p{Lu}\p{Ll}\p{Lt}]", chars))
    any_cased = regex.compile("[" + "".join(map(regex.escape, sorted(cased))) + "]", regex.I)
    related = cased | set(any_cased.findall(chars))
    assert len(related) > 4000
    # the relation is symmetric, so the closure (and the table) does not depend on which
    # character of a group is entered first
    from regex._regex import get_all_cases

    flags = int(regex.I | regex.U)
    for c in related:
        for d in get_all_cases(flags, ord(c)):
            assert ord(c) in get_all_cases(flags, d), (c, chr(d))
    assert userregex._enter_cases("".join(sorted(related)))
    groups: dict[str, list[str]] = {}
    for c in sorted(related):
        groups.setdefault(userregex.fold(c), []).append(c)
    text = "".join(sorted(related))
    for least, group in groups.items():
        found = set(regex.compile("[" + "".join(map(regex.escape, group)) + "]", regex.I).findall(text))
        assert found == set(group), (least, group, sorted(found - set(group)))
    # the cases str.casefold gets wrong are among them
    assert userregex.fold("İ") == userregex.fold("i") == userregex.fold("I") == userregex.fold("ı")
    assert userregex.fold("\u212a") == userregex.fold("k") and userregex.fold("ſ") == userregex.fold("S")
    assert userregex.fold("ß") == userregex.fold("ẞ") != userregex.fold("ss")[:1]


# Pieces of patterns in the syntax ``required`` reads, with letters whose cases relate
# beyond upper and lower (ſ, K, İ, ı), and pieces it must refuse.
_ATOMS = ["a", "b", "k", "s", "A", "S", "K", "i", "I", "ж", "Ж", "ß", " ", "-", "\\.", "\\(", ".",
          "\\s", "\\w", "\\d", "\\b", "^", "$", "[ab]", "[^a]", "[a-z]", "[\\s-]", "(?:a|bk)",
          "(?:s|)", "(ki)", "(?P<n>ab)", "(?=a)", "(?!b)", "(?<=s)", "(?<!a)"]
_QUANTS = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?", "{,2}", "*+"]
_TEXT = ["a", "b", "k", "s", "A", "S", "K", "\u212a", "ſ", "i", "I", "İ", "ı", "ж", "Ж", "ß", "ẞ",
         " ", "-", ".", "(", "7", "x"]


def test_required_strings_are_in_every_match():
    """On random patterns and texts: whenever regex finds a match, the match holds one of
    the pattern's required strings (folded when ignoring case), so skipping a text that
    holds none never loses a match; and patterns in syntax that regex may read otherwise
    prove nothing."""
    regex = pytest.importorskip("regex")
    from tqcheck.analysis.userregex import IGNORECASE, fold, required

    rng = random.Random(14)
    proven = matched = 0
    for _ in range(3000):
        items = []
        for _ in range(rng.randint(1, 6)):
            atom = rng.choice(_ATOMS)
            q = rng.choice(_QUANTS) if atom not in ("\\b", "^", "$") and "(?=" not in atom \
                and "(?!" not in atom and "(?<" not in atom else ""
            items.append(atom + q)
        pattern = "".join(items)
        if rng.random() < 0.2:
            pattern = f"(?:{pattern})|{rng.choice(_ATOMS)}{rng.choice(_ATOMS)}"
        for flags in (0, IGNORECASE):
            try:
                rx = regex.compile(pattern, flags)
            except regex.error:
                continue
            needs = required(pattern, flags)
            if needs is None:
                continue
            proven += 1
            for _ in range(15):
                text = "".join(rng.choice(_TEXT) for _ in range(rng.randint(0, 12)))
                for m in rx.finditer(text, overlapped=True):
                    got = fold(m.group()) if flags else m.group()
                    assert any(n in got for n in needs), (pattern, flags, needs, m.group())
                    matched += 1
    assert proven > 2000 and matched > 5000
    for refused in ("[[:alpha:]]x", "ab{e<=1}", "(?i)ab", "\\p{L}ab", "(a)\\1", "ab\\N{DIGIT ONE}",
                    "(?|a|b)c", "\\x41b", "ab(?#c)", "a**", "[]a]b", "ab\\", "(?x)a b", "\\d+"):
        assert required(refused) is None, refused
    assert required("ab", regex.MULTILINE) is None  # other flags: not read
    assert required("(?<![\\w.])U\\.S\\.(?!A\\.)(?!\\w)") == ("U.S.",)
    assert required("^(?:follow|like)\\s+us\\b", IGNORECASE) == tuple(sorted((fold("follow"), fold("like"))))


def _sample(items, rng, ignore_case):
    """A random string that the parsed pattern ``items`` may match (look-arounds are
    left out, so not every sample matches: the caller asks regex)."""
    from re import _constants as c  # type: ignore[attr-defined]

    out = []
    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            if ignore_case:
                ch = rng.choice([ch, ch.upper(), ch.lower(), ch.swapcase()])
                ch = {"s": "ſ", "k": "\u212a", "i": "İ", "I": "ı"}.get(ch, ch) if rng.random() < 0.1 else ch
            out.append(ch if len(ch) == 1 else chr(av))
        elif op is c.IN:
            picks = [chr(v) for o, v in av if o is c.LITERAL]
            picks += [chr(rng.randint(v[0], v[1])) for o, v in av if o is c.RANGE]
            picks += [{c.CATEGORY_DIGIT: "7", c.CATEGORY_SPACE: " "}.get(v, "x")
                      for o, v in av if o is c.CATEGORY]
            out.append(rng.choice(picks or ["x"]))
        elif op in (c.ANY, c.NOT_LITERAL):
            out.append(rng.choice("xé "))
        elif op is c.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng, ignore_case))
        elif op is c.SUBPATTERN:
            out.append(_sample(av[3], rng, ignore_case))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            hi = min(av[1], av[0] + 3)
            out.extend(_sample(av[2], rng, ignore_case) for _ in range(rng.randint(av[0], hi)))
    return "".join(out)


def test_builtin_patterns_match_as_before():
    """Every built-in residue and house-style pattern has required strings (so a run
    compiles only the ones a text can match) and is valid (the built-in files' patterns
    are compiled on first use, so they must compile); on samples made from each pattern
    in surrounding text, in every case variant, ``search`` and ``finditer`` give what the
    compiled pattern gives."""
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    patterns = _builtin_patterns()
    assert len(patterns) > 90
    rng = random.Random(15)
    matched = set()
    for rx in patterns:
        assert rx.needs is not None, rx.pattern
        compiled = rx.rx  # compiles: a built-in pattern is valid
        tree = sre_parse.parse(rx.pattern, rx.flags)
        for _ in range(60):
            core = _sample(tree, rng, bool(rx.flags))
            before = rng.choice(["", "", "Read this: ", "x "])
            after = rng.choice(["", "", " on Monday.", " ok"])
            for text in (before + core + after, core.upper(), core.lower(), core.title()):
                want = compiled.search(text)
                got = rx.search(text)
                assert (got and got.span()) == (want and want.span()), (rx.pattern, text)
                assert [m.span() for m in rx.finditer(text)] == [m.span() for m in compiled.finditer(text)]
                if want:
                    matched.add(rx.pattern)
    assert len(matched) >= 0.9 * len(patterns), [p.pattern for p in patterns if p.pattern not in matched]


def test_a_seed_run_compiles_few_builtin_patterns():
    """A one-story English run compiles only the built-in patterns whose strings its
    lines hold (a handful of the 99), and does not import the bilingual readers."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, gc, io\nfrom tqcheck.cli import main\n"
            "from tqcheck.analysis.userregex import UserPattern\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "ps = [o for o in gc.get_objects() if isinstance(o, UserPattern)]\n"
            "import sys\n"
            "print(len(ps), sum(p.compiled for p in ps), int('tqcheck.corpus.bilingual' in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    total, compiled, bilingual = map(int, out.stdout.split())
    assert total > 90 and 0 < compiled < 25, (total, compiled)
    assert not bilingual  # the XLIFF/TMX readers' module (its classes) is not loaded for text files


def test_a_newsrooms_patterns_are_compiled_when_they_load(tmp_path):
    from tqcheck.checks import _layout
    from tqcheck.checks.base import builtin_dir
    from tqcheck.errors import TQError

    text = (builtin_dir() / "data" / "residue.toml").read_text(encoding="utf-8")
    own = tmp_path / "residue.toml"
    own.write_text(text + '\n[[pattern]]\nkind = "read-more"\nregex = \'^more from us\\b\'\n',
                   encoding="utf-8")
    res = _layout.load_residue(own)
    assert all(p[0].compiled for p in res.patterns)
    assert res.match("More from us today", edge=False) == "read-more"
    own.write_text(text + '\n[[pattern]]\nkind = "read-more"\nregex = \'^more (from\'\n', encoding="utf-8")
    with pytest.raises(TQError) as err:
        _layout.load_residue(own)
    # reported at the pattern's regex line (after a blank line, the header and its kind)
    assert err.value.line == len(text.splitlines()) + 4 and "bad regular expression" in str(err.value)
    # the built-in file itself: loaded without compiling
    builtin = _layout.load_residue(builtin_dir() / "data" / "residue.toml")
    assert builtin.match("Follow us on Facebook", edge=False) == "follow-us"


# -- exclude patterns that are plain names, without pathspec (tqcheck/corpus/exclude.py) ---


def test_plain_name_patterns_match_as_pathspec_does():
    """Patterns that are names with "*" (anchored or not, for folders or not) exclude
    exactly the paths pathspec's GitIgnoreSpec excludes, files and folders at every
    depth, with the defaults among them; anything else is left to pathspec."""
    pathspec = pytest.importorskip("pathspec")
    from tqcheck.corpus.exclude import DEFAULT_EXCLUDE, _Names, _spec

    rng = random.Random(16)
    names = ["build", "README", "README.md", "readme.txt", "a", "b.md", "x.egg-info", "node_modules",
             "artifacts", "CODEOWNERS", "LICENSE", "ab", "aab", ".hidden", "статья.txt", "报道"]
    chunks = ["a", "b", "*", "README", "build", ".md", ".", "x", "egg-info", "-", "_", "ст"]
    compared = matched = 0
    for _ in range(3000):
        pats = []
        for _ in range(rng.randint(1, 5)):
            body = "".join(rng.choice(chunks) for _ in range(rng.randint(1, 4)))
            pats.append(("/" if rng.random() < 0.3 else "") + body + ("/" if rng.random() < 0.4 else ""))
        if rng.random() < 0.3:
            pats = list(DEFAULT_EXCLUDE) + pats
        ours = _Names.of(pats)
        if ours is None:
            continue
        ref = pathspec.GitIgnoreSpec.from_lines(pats)
        for _ in range(30):
            parts = [rng.choice(names + ["".join(rng.choice(chunks) for _ in range(rng.randint(1, 3)))])
                     for _ in range(rng.randint(1, 4))]
            path = "/".join(parts) + ("/" if rng.random() < 0.4 else "")
            want = ref.match_file(path)
            assert ours.match_file(path) == want, (pats, path)
            assert ours.check_file(path).include == ref.check_file(path).include, (pats, path)
            compared += 1
            matched += want
    assert compared > 30000 and 0.2 < matched / compared < 0.8
    assert isinstance(_spec(list(DEFAULT_EXCLUDE)), _Names)
    assert isinstance(_spec([".venv/", "__pycache__/", "*.egg-info/", "/artifacts/"]), _Names)
    for other in (["**/tmp"], ["!keep.md"], ["a?.md"], ["[ab].md"], ["archive/2019/*.md"],
                  ["trailing "], ["\\#x"]):
        assert not isinstance(_spec(other), _Names), other
