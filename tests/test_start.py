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

from conftest import SEEDS
from tqcheck.analysis import langs
from tqcheck.checks import mojibake

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
    ftfy's pattern cannot match; neither library nor their dependencies load."""
    if not SEEDS.is_dir():
        pytest.skip("seeds/ is part of the checkout, not the wheel")
    code = ("import contextlib, io\nfrom tqcheck.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['--no-progress', {str(SEEDS)!r}])\n"
            "assert rc in (0, 1), rc")
    loaded = _loaded_after(code)
    assert not loaded & {"wordfreq", "ftfy", "langcodes"}, loaded
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
