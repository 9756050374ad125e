"""Memory: what a run holds does not grow with the archive, and holding it compactly
changes no answer (the word lists, the JSON report written as the run goes)."""

from __future__ import annotations

import json
import pickle

import pytest

from conftest import SEEDS
from tqcheck import check, engine
from tqcheck.analysis import langs
from tqcheck.analysis.memo import Memo, bounded


@pytest.mark.parametrize("code", ["en", "de", "ru", "ar", "he", "zh", "ja", "ko", "hi", "el"])
def test_word_list_is_wordfreqs_mapping(code):
    wordfreq = pytest.importorskip("wordfreq")
    whole = wordfreq.get_frequency_dict(code, "small")
    wl = langs.WordList(whole)
    assert len(wl) == len(whole) > 10_000
    assert list(wl) == list(whole)  # the same order: the most frequent word first
    assert dict(wl) == whole
    for word in list(whole)[::97]:
        assert wl.get(word) == wl[word] == whole[word] and word in wl
        for other in (word + "x", word.upper() if word.upper() != word else "", word[:-1]):
            assert wl.get(other, 0.0) == whole.get(other, 0.0)
            assert (other in wl) == (other in whole)


def test_word_list_odd_keys_and_pickling():
    wl = langs.WordList({"über": 1e-3, "日本": 2e-4, "a": 0.5, "": 1e-9})
    assert wl.get("über") == 1e-3 and wl.get("日本") == 2e-4 and wl[""] == 1e-9
    assert wl.get("\ud800", 0.0) == 0.0  # a lone surrogate from a damaged text: absent
    assert wl.get(7, 0.0) == 0.0 and 7 not in wl
    with pytest.raises(KeyError):
        wl["ueber"]
    back = pickle.loads(pickle.dumps(wl))
    assert back == wl and list(back) == list(wl)
    empty = langs.WordList({})
    assert not empty and len(empty) == 0 and empty.get("a", 0.0) == 0.0 and list(empty) == []
    with pytest.raises(ValueError):
        langs.WordList({"a\0b": 1.0})


def test_word_frequencies_are_held_compactly_once():
    pytest.importorskip("wordfreq")
    first = langs.word_frequencies("pt-BR")
    assert isinstance(first, langs.WordList) and first is langs.word_frequencies("pt")
    assert langs.word_frequency("Casa", "pt") > langs.zipf_frequency(4.0)
    assert not langs.word_frequencies("xx")  # no list: empty, not an error


def test_language_memos_share_one_budget_and_answers_stay(monkeypatch):
    """The n-gram memos of language detection (one per set of candidate languages)
    are held under one budget; starting again changes no detection."""
    from tqcheck.analysis import lid

    texts = ["The council approved the new budget for the city's schools on Monday evening.",
             "Le conseil a approuvé lundi soir le nouveau budget des écoles de la ville.",
             "Совет в понедельник вечером утвердил новый бюджет городских школ.",
             "وافق المجلس مساء الاثنين على الميزانية الجديدة لمدارس المدينة.",
             "市议会周一晚间批准了该市学校的新预算。",
             "המועצה אישרה ביום שני בערב את התקציב החדש של בתי הספר בעיר."]
    before = [lid.detect(t) for t in texts] + [lid.profile_scores(t, ("de", "en", "fr")) for t in texts]
    monkeypatch.setattr(lid._ROWS, "maxsize", 300)
    lid._factory.cache_clear()
    lid._log_rows.cache_clear()
    held = []
    keep = lid._Memo.keep

    def watched(self, key, row, cells):
        keep(self, key, row, cells)
        held.append(sum(len(m()) for m in lid._ROWS.memos if m() is not None))

    monkeypatch.setattr(lid._Memo, "keep", watched)
    after = [lid.detect(t) for t in texts] + [lid.profile_scores(t, ("de", "en", "fr")) for t in texts]
    assert after == before
    assert held and max(held) <= 300 and lid._ROWS.held <= 300
    assert held.count(1) > 1  # the memos started again
    # and the memory budget empties them too (at their own cap: a memo of a few entries
    # is not one it empties)
    from tqcheck.analysis import memo

    monkeypatch.setattr(lid._ROWS, "maxsize", lid._CELLS_CAP)
    assert lid._ROWS.held > 0 and "tqcheck.analysis.lid._ROWS" in memo.clear_memos()
    assert lid._ROWS.held == 0 and not any(ref() for ref in lid._ROWS.memos)
    assert [lid.detect(t) for t in texts] == before[:len(texts)]


def test_language_word_ngram_memos_share_one_cap(monkeypatch):
    """The words' n-grams kept per set of candidate languages (``_LazyTable.word_ngrams``)
    are held under one cap together, and emptied with the other memos by the memory
    budget; starting again changes no detection."""
    from tqcheck.analysis import lid, memo

    texts = ["The council approved the new budget for the city's schools on Monday evening. " * 3,
             "Le conseil a approuvé lundi soir le nouveau budget des écoles de la ville. " * 3,
             "Совет в понедельник вечером утвердил новый бюджет городских школ. " * 3,
             "Der Stadtrat hat am Montagabend den neuen Haushalt der Schulen beschlossen. " * 3]
    before = [lid.detect(t) for t in texts]
    assert lid._WORD_NGRAMS.held > 0
    assert "tqcheck.analysis.lid._WORD_NGRAMS" in memo.clear_memos()
    assert lid._WORD_NGRAMS.held == 0
    assert not any(ref() for ref in lid._WORD_NGRAMS.memos)  # (an emptied dict is false)
    monkeypatch.setattr(lid._WORD_NGRAMS, "maxsize", 20)
    held = []
    missing = lid._WordNgrams.__missing__

    def watched(self, word):
        got = missing(self, word)
        held.append(sum(len(m()) for m in lid._WORD_NGRAMS.memos if m() is not None))
        return got

    monkeypatch.setattr(lid._WordNgrams, "__missing__", watched)
    after = [lid.detect(t) for t in texts]
    assert after == before
    assert len(held) > 40 and max(held) <= 20 and lid._WORD_NGRAMS.held <= 20
    assert held.count(1) > 1  # the memos started again


def test_word_log_rows_share_one_cap_and_scores_stay(monkeypatch):
    """The words' log rows of the paragraph scores (``_LogRows.word_rows``), one memo
    per set of profiles, are held under one cap of cells together and emptied by the
    memory budget; starting again, also in the middle of a text, changes no score."""
    from tqcheck.analysis import lid, memo

    texts = ["The council approved the new budget for the city's schools on Monday evening.",
             "Le conseil a approuvé lundi soir le nouveau budget des écoles de la ville.",
             "Совет в понедельник вечером утвердил новый бюджет городских школ.",
             "Der Stadtrat hat am Montagabend den neuen Haushalt der Schulen beschlossen."] * 2
    sets = [("de", "en", "fr"), lid.SCRIPT_LANGS["Latin"], lid.SCRIPT_LANGS["Cyrillic"]]
    lid._log_rows.cache_clear()
    before = [lid.profile_scores(t, ls) for t in texts for ls in sets]
    assert lid._WORD_ROWS.held > 0
    assert "tqcheck.analysis.lid._WORD_ROWS" in memo.clear_memos()
    assert lid._WORD_ROWS.held == 0 and not any(ref() for ref in lid._WORD_ROWS.memos)
    # a cap of a few words' cells: the memos start again many times, within texts too
    monkeypatch.setattr(lid._WORD_ROWS, "maxsize", 100)
    emptied = lid._WORD_ROWS.emptied
    after = [lid.profile_scores(t, ls) for t in texts for ls in sets]
    assert after == before
    assert lid._WORD_ROWS.emptied > emptied + 5 and lid._WORD_ROWS.held <= 100
    # and a row table does not grow with the words met: it starts again when emptied
    # (100 cells are 33 words of 3 profiles; a text adds at most its own 10 after that)
    import random

    rng = random.Random(5)
    rows = lid._log_rows(sets[0])
    for _ in range(60):
        text = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
                        for _ in range(10))
        lid.profile_scores(text, sets[0])
        assert rows.sums.n <= 1 + 33 + 10


# Caches without a bound, each keyed by a finite set: langdetect's 55 profiles (whole,
# or their letters), the scripts of text.py's table, the languages whose alphabet the
# mojibake check reads.
UNBOUNDED = {"tqcheck.analysis.lid._profile", "tqcheck.analysis.lid.profile_letters",
             "tqcheck.analysis.names.authority._script_re", "tqcheck.checks._codepage._alphabet"}


def _import_the_package():
    """Every module of the package imported, so that ``memo.caches`` sees them all."""
    import importlib
    import pkgutil

    import tqcheck

    for mod in pkgutil.walk_packages(tqcheck.__path__, "tqcheck."):
        if not mod.name.endswith("__main__"):
            importlib.import_module(mod.name)


def test_every_cache_of_the_package_is_bounded():
    """A cache keyed by what articles contain (words, names, sentences, n-grams) grows
    with the archive unless it has a bound."""
    from tqcheck.analysis import memo

    _import_the_package()
    found = dict(memo.caches())
    unbounded = {k for k, c in found.items() if c.cache_parameters()["maxsize"] is None}
    assert unbounded == UNBOUNDED
    assert "tqcheck.analysis.names.translit.latin" in found  # the memos were looked at
    assert "tqcheck.analysis.text.script_of" in found  # a memo imported elsewhere, found once
    assert not any(k.startswith("tqcheck.analysis.names.authority.script_of") for k in found)


def test_bounded_memo_holds_at_most_its_bound_and_answers_as_the_function():
    calls: list[str] = []

    def answer(word):
        return None if word.startswith("n") else word.upper()

    def f(word):
        calls.append(word)
        if word == "boom":
            raise ValueError(word)
        return answer(word)

    get = bounded(8)(f)
    memo = get.__self__
    words = [f"w{i % 13}" for i in range(200)] + ["nil", "nil"]
    sizes = []
    for w in words:
        assert get(w) == answer(w)
        sizes.append(len(memo) + len(memo._old))
    assert max(sizes) <= 8 and memo.cache_info().currsize <= 8
    assert get("nil") is None and calls.count("nil") == 1  # a None answer is kept
    with pytest.raises(ValueError):
        get("boom")
    assert "boom" not in memo and "boom" not in memo._old
    n = len(calls)
    for _ in range(3):  # four keys used again and again stay, whatever comes between
        for w in ("a", "b", "c", "d"):
            get(w)
        get(f"other{_}")
    assert calls[n:] == ["a", "b", "c", "d", "other0", "other1", "other2"]
    memo.cache_clear()
    assert len(memo) == len(memo._old) == 0 and memo.cache_info().misses == 0
    assert hash(get) == hash(get) and {get: 1}[get] == 1  # a name can key a dict
    with pytest.raises(ValueError):
        bounded(1)(f)


def test_word_memos_answer_as_before():
    """The transliteration memos held as ``memo.bounded``: the functions' own values."""
    from tqcheck.analysis import text
    from tqcheck.analysis.names import translit

    for word in ("Kushner", "Кушнер", "كوشنر", "קושנר", "クシュナー", "库什纳", "Hammoud", ""):
        for fn in (translit.latin, translit.fold, translit.native_key, translit.units,
                   translit.model_lang, translit.model_latin, text.skeleton):
            assert fn(word) == fn.__self__.__wrapped__(word)


# --- article texts: spooled while other stories are checked ----------------------

TEXTS = ["Kushner met Witkoff in Doha on Monday.", "Кушнер встретился с Уиткоффом в Дохе.",
         "التقى كوشنر ويتكوف في الدوحة يوم الاثنين.", "קושנר נפגש עם ויטקוף בדוחה.",
         "库什纳周一在多哈会见了威特科夫。", "emoji 🙂 and a lone \ud800 surrogate", "x"]


def test_text_spool_gives_back_every_text():
    from tqcheck.corpus import TextSpool

    spool = TextSpool()
    try:
        places = [spool.put(t) for t in TEXTS]
        assert [spool.get(*p) for p in reversed(places)] == TEXTS[::-1]
        assert places[1][0] == places[0][1]  # appended one after the other
    finally:
        spool.close()


def _feed(tmp_path):
    """Articles in four formats, one story each: plain text, a feed, a page, a bilingual file."""
    from pathlib import Path

    root = Path(tmp_path) / "news"
    root.mkdir()
    (root / "a.en.txt").write_text("---\ntitle: Doha\n---\n" + "\n\n".join(TEXTS[:2]) + "\n")
    (root / "b.ru.txt").write_text(TEXTS[1] + "\n" + TEXTS[0] + "\n")
    (root / "feed.jsonl").write_text("\n".join(json.dumps({"id": f"f{i}", "text": t})
                                              for i, t in enumerate(TEXTS)) + "\n")
    (root / "page.ar.html").write_text(
        "<html lang='ar'><body><nav>menu</nav><article>\n<h1>" + TEXTS[2] + "</h1>\n  <p>"
        + TEXTS[3] + " <b>" + TEXTS[0] + "</b></p>\n</article></body></html>\n")
    return root


def test_a_spooled_document_reads_the_same_text_and_positions(tmp_path):
    from tqcheck.corpus import SourceMap, TextSpool, load

    root = _feed(tmp_path)
    here = load([str(root)])
    spool = TextSpool()
    try:
        spooled = load([str(root)], spool=spool)
        assert [d.id for d in spooled] == [d.id for d in here]
        assert sum(d.__dict__["_text"] is None for d in spooled) == len(here) > 8  # none held
        assert any(isinstance(d.origin, SourceMap) and d.origin.lines is None for d in spooled)
        for a, b in zip(here, spooled, strict=True):
            for step in ("read", "held", "released"):
                if step == "held":
                    b.hold()
                    assert b.__dict__["_text"] == a.text
                elif step == "released":
                    b.release()
                    assert b.__dict__["_text"] is None
                assert b.text == a.text
                ends = range(len(a.text) + 2)
                assert [b.position(i) for i in ends] == [a.position(i) for i in ends]
        spooled[0].text = "changed"  # a text set again is this one, no longer the spool's
        spooled[0].release()
        assert spooled[0].text == "changed"
    finally:
        spool.close()


def test_a_storys_texts_are_held_only_while_it_is_checked(tmp_path, monkeypatch):
    """A streamed run holds no article text but the story's being checked: counted at
    every text read back and at every story written."""
    from tqcheck.corpus import Document
    from tqcheck.engine.config import Config

    root = _feed(tmp_path)
    spooled: list[Document] = []
    spool, hold = Document.spool, Document.hold
    held_at_hold: list[int] = []
    held_at_write: list[int] = []

    def held() -> int:
        return sum(d.__dict__["_text"] is not None for d in spooled)

    def spool_counted(self, sp):
        spool(self, sp)
        spooled.append(self)

    def hold_counted(self):
        hold(self)
        held_at_hold.append(held())

    monkeypatch.setattr(Document, "spool", spool_counted)
    monkeypatch.setattr(Document, "hold", hold_counted)
    written = []

    def write(rows):
        held_at_write.append(held())
        written.append(rows)

    engine.stream_report([str(root), str(SEEDS)], Config(), write, jobs=1)
    biggest = max(len(r.documents) for r in written)
    assert len(written) >= 4 and len(spooled) > biggest
    assert held_at_write == [0] * len(written)  # nothing held once a story is written
    assert 0 < max(held_at_hold) <= biggest
    assert [r for part in written for r in part.findings] == \
        check([str(root), str(SEEDS)]).findings.to_dicts()  # the texts held in memory: same rows


# --- the memos' memory budget (analysis/memo.py) ------------------------------------


def _per_item_caches():
    """Every per-item memo of the package (bound >= memo._PER_ITEM) and the rest."""
    from tqcheck.analysis import memo

    _import_the_package()
    per_item, others = {}, {}
    for name, cache in memo.caches():
        size = cache.cache_parameters()["maxsize"] or 0
        (per_item if size >= memo._PER_ITEM else others)[name] = cache
    return per_item, others


def test_emptying_the_memos_reaches_every_per_item_memo_and_no_model():
    """``clear_memos`` finds the memos by walking the modules: every per-item memo of
    the package (and sacrebleu's tokeniser caches) is emptied, the small caches that
    hold loaded models and tables are not."""
    from tqcheck.analysis import memo

    per_item, others = _per_item_caches()
    # every cache empty first, as in a new process: a small cache that an earlier test
    # filled (a paragraph's scores) would answer without the memos under it
    for cache in (*per_item.values(), *others.values()):
        cache.cache_clear()
    # fill the memos (a budget the test process is under: a long test session may hold
    # more than the default 400 MB, and the run would empty them after its story)
    assert engine.run([str(SEEDS)], _config(memory_budget=10**6)).findings.height > 0
    filled = {k for k, c in per_item.items() if c.cache_info().currsize}
    held = {k for k, c in others.items() if c.cache_info().currsize}
    assert len(filled) > 15 and held, sorted(set(per_item) - filled)  # the run used both kinds
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    assert TercomTokenizer.__call__.cache_info().currsize  # the pair scores' TER
    done = memo.clear_memos()
    assert set(done) >= filled
    assert {k for k, c in per_item.items() if c.cache_info().currsize} == set()
    assert {k for k, c in others.items() if c.cache_info().currsize} == held  # models kept
    assert TercomTokenizer.__call__.cache_info().currsize == 0
    assert "sacrebleu.tokenizers.tokenizer_ter.TercomTokenizer.__call__" in done
    assert done == sorted(done) and len(done) == len(set(done))


def _config(**keys):  # type: ignore[no-untyped-def]
    from tqcheck.engine.config import Config

    return Config(**keys)


def test_memos_are_emptied_only_over_the_budget(monkeypatch):
    from tqcheck.analysis import memo, text

    if memo.resident_mb() is None:
        pytest.skip("no /proc/self/statm on this system: the memos keep to their bounds alone")
    emptied = []
    real = memo.clear_memos
    monkeypatch.setattr(memo, "clear_memos", lambda: emptied.append(1) or real())
    given = []
    back = memo.give_back
    monkeypatch.setattr(memo, "give_back", lambda: given.append(len(emptied)) or back())
    monkeypatch.setattr(memo, "_trim_at", None)
    monkeypatch.setattr(memo, "BUDGET_MB", 1e6)
    text.skeleton("Witkoff")
    assert not memo.trim() and not emptied and not given
    assert len(text.skeleton.__self__) + len(text.skeleton.__self__._old) > 0
    monkeypatch.setattr(memo, "_trim_at", None)
    monkeypatch.setattr(memo, "BUDGET_MB", 1.0)
    assert memo.trim() and emptied == [1]
    assert given == [1]  # what the memos held handed back after they were emptied
    assert len(text.skeleton.__self__) == 0
    # still over the budget just after: the next emptying waits for _STEP_MB more, so a
    # process that does not give memory back does not empty its memos after every story
    assert memo._trim_at >= memo.resident_mb() + memo._STEP_MB - 1
    assert not memo.trim() and emptied == [1]


def test_findings_do_not_change_when_the_memos_are_emptied_after_every_story(tmp_path, monkeypatch):
    """A memo is a shortcut: the report of a run that empties every memo after every
    story is the report of one that keeps them, byte for byte."""
    from tqcheck.analysis import memo

    if memo.resident_mb() is None:
        pytest.skip("no /proc/self/statm on this system: trim never empties the memos")
    fixtures = SEEDS.parent / "tests" / "fixtures"
    reports = []
    for budget, step in ((1_000_000, 8), (1, -1e9)):  # (MB: --memory-budget)
        emptied = []
        real = memo.clear_memos
        monkeypatch.setattr(memo, "clear_memos", lambda real=real, e=emptied: e.append(1) or real())
        monkeypatch.setattr(memo, "_STEP_MB", step)
        out = tmp_path / f"r{len(reports)}.json"
        from tqcheck.cli import main

        assert main(["--no-progress", "--jobs", "1", "--memory-budget", str(budget), "--format",
                     "json", "-o", str(out), str(fixtures), str(SEEDS)]) == 1
        reports.append(out.read_bytes())
        stories = len({f["story"] for f in json.loads(reports[-1])["findings"]})
        if budget > 1:
            assert not emptied
        else:
            assert len(emptied) >= stories > 20  # emptied after each story
        monkeypatch.undo()
    memo.set_budget(None)
    assert reports[0] == reports[1]


def test_memory_freed_by_emptied_memos_goes_back_to_the_system():
    """After an emptying the allocator's free blocks are handed back (glibc's
    ``malloc_trim``): without it, blocks freed in the middle of the heap stay resident
    and the process grew after each emptying."""
    from tqcheck.analysis import memo

    if memo.resident_mb() is None:
        pytest.skip("no /proc/self/statm on this system: resident size unknown")
    # 120 MB of 4 KB blocks from the C heap (not from Python's small-object arenas),
    # with a block kept after them so that freeing them leaves a hole, not a heap top
    blocks = [bytearray(4000) for _ in range(30_000)]
    keep = bytearray(4000)
    for b in blocks:
        b[::512] = b"x" * len(b[::512])  # touched: resident
    before = memo.resident_mb()
    del blocks
    held = memo.resident_mb()
    if not memo.give_back():
        pytest.skip("no glibc malloc_trim on this system: freed blocks stay with the allocator")
    after = memo.resident_mb()
    assert keep is not None
    assert held > before - 60  # freed, but still resident
    assert after < held - 60  # handed back
