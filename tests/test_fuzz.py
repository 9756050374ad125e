"""Property-based fuzzing of the loaders, the config and the public API (hypothesis).

Strategies go past hypothesis's default text: lone surrogates (category Cs), control
characters, byte-order marks, U+2028/U+2029/U+0085, and long inputs. Every test is
derandomized (a fixed seed derived from the test) with no example database, so CI sees
the same examples every run. Examples per test are in EXAMPLES; the total is asserted
to stay at least 10,000.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tqcheck.corpus import decode, load  # noqa: E402
from tqcheck.errors import TQError  # noqa: E402

# Spread by cost (about 1.5 ms an example for markers, 12 ms for a feed, 30 ms for the
# API): 10,050 in all, some 35 s on a shared 2-core machine.
EXAMPLES = {"decode": 2500, "jsonl": 700, "front_matter": 2600, "config": 400,
            "markers": 3700, "api": 150}


def _settings(n: int):  # type: ignore[no-untyped-def]
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))


# Every code point, surrogates included; weighted towards the troublesome ones.
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
NASTY = st.sampled_from(["\x00", "\x85", "\u2028", "\u2029", "\ufeff", "\ud800", "\udfff", "\udce9",
                         "\r", "\r\n", "\n", "\t", "\x1b", "\u202e", "\u200b", "ï»¿", "â€™", "{", "}",
                         "<!-- tqcheck: ignore TQ3 -->", "---\n", "&amp;", "😀", "\u0301"])
TEXT = st.lists(st.one_of(ANY_CHAR, NASTY, st.text(max_size=40)), max_size=120).map("".join)
LONG = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=20), st.integers(1, 3000))
BOMS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
                        b"\x00\x00\xfe\xff"])


def test_enough_examples():
    assert sum(EXAMPLES.values()) >= 10_000


@_settings(EXAMPLES["decode"])
@given(BOMS, st.one_of(st.binary(max_size=3000),
                       TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                       TEXT.map(lambda t: t.encode("utf-16-le", "surrogatepass"))))
def test_decode_gives_text_or_a_problem(bom, body):
    text, _had_bom, problem = decode(bom + body)
    assert (problem is None) == bool(text.strip())
    text.encode("utf-8")  # decoded text never holds a lone surrogate
    if problem is not None:
        assert problem.code in ("empty", "binary", "undecodable") and problem.message


_DIR = Path(tempfile.mkdtemp(prefix="tq-fuzz-"))
atexit.register(shutil.rmtree, _DIR, True)

RECORD = st.dictionaries(
    st.sampled_from(["id", "text", "title", "story", "lang", "translation_of", "reference_of", "x"]),
    st.one_of(TEXT, LONG, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
              st.lists(st.integers(), max_size=3)),
    max_size=6)
LINE = st.one_of(RECORD.map(json.dumps), TEXT, st.just("[" * 3000))


@_settings(EXAMPLES["jsonl"])
@given(st.lists(LINE, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_jsonl_loader_gives_documents_without_surrogates(lines, sep):
    f = _DIR / "feed.jsonl"
    data = sep.join(lines).encode("utf-8", "surrogatepass")
    f.write_bytes(data)
    try:
        docs = load([str(f)])
    except TQError as exc:  # a role that names no document, or a loop of roles
        assert "translation_of" in str(exc) or "reference_of" in str(exc)
        return
    for d in docs:
        d.id.encode("utf-8")
        d.text.encode("utf-8")
        assert d.problem is not None or d.text.strip()
    assert len({d.id for d in docs}) == len(docs)
    assert f.read_bytes() == data


@_settings(EXAMPLES["front_matter"])
@given(st.one_of(TEXT, LONG, TEXT.map(lambda t: "---\n" + t + "\n---\n" + t)))
def test_front_matter_and_positions(text):
    from tqcheck.corpus.txt import from_text

    doc = from_text("a.en.txt", text)
    for off in {0, len(doc.text) // 2, len(doc.text)}:
        line, col = doc.position(off)
        assert line >= 1 and col >= 1


CONFIG_VALUE = st.recursive(
    st.one_of(TEXT, st.integers(), st.booleans(), st.floats(allow_nan=False)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12)
CONFIG_KEY = st.one_of(st.sampled_from(["select", "ignore", "fail-on", "languages", "distinguish-regions",
                                        "rule-dirs", "severity", "per-path-ignores", "options",
                                        "baseline", "exclude", "extend-exclude",
                                        "respect-gitignore", "force-exclude"]), TEXT)


@_settings(EXAMPLES["config"])
@given(st.dictionaries(CONFIG_KEY, CONFIG_VALUE, max_size=4))
def test_config_from_any_mapping_is_a_config_or_a_tqerror(data):
    from tqcheck.engine.config import from_dict

    try:
        from_dict(data, "fuzz.toml", "", _DIR)
    except TQError as exc:
        assert str(exc).startswith("fuzz.toml:")


@_settings(EXAMPLES["markers"])
@given(st.one_of(TEXT, LONG))
def test_suppression_markers_never_fail(text):
    from tqcheck.engine import suppress

    rows = [{"path": "a", "start": i, "end": i, "rule_id": "TQ301", "rule_name": "mojibake"}
            for i in range(0, len(text) + 1, max(1, len(text) // 5))]
    kept, stats = suppress.apply(rows, {"a": text + " tqcheck"})
    assert len(kept) + stats.get("suppressed_inline", 0) == len(rows)


@_settings(EXAMPLES["api"])
@given(BOMS, TEXT, st.sampled_from(["a.en.txt", "b.fr.md", "c.txt", "feed.jsonl"]))
def test_public_api_on_any_file_gives_a_report_and_changes_nothing(bom, text, name):
    from tqcheck import check

    d = _DIR / "api"
    d.mkdir(exist_ok=True)
    for old in d.iterdir():
        old.unlink()
    f = d / name
    data = bom + text.encode("utf-8", "surrogatepass")
    f.write_bytes(data)
    try:
        report = check(str(d), config={"select": ["TQ0", "TQ3"]})
    except TQError as exc:
        assert "translation_of" in str(exc) or "reference_of" in str(exc)
        return
    assert report.documents.height >= 1
    report.findings.write_json()  # every string in the report can be written
    assert f.read_bytes() == data
