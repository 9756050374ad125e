"""The loader: encodings, BOM, CRLF, empty and binary files, front matter, feeds."""

from __future__ import annotations

import json
from pathlib import Path

from tqcheck.corpus import load
from tqcheck.corpus.grouping import group


def _one(tmp_path: Path, name: str, data: bytes):
    f = tmp_path / name
    f.write_bytes(data)
    docs = load([str(f)])
    assert len(docs) == 1
    return docs[0]


def test_utf8_with_bom_and_crlf(tmp_path):
    d = _one(tmp_path, "a.en.txt", "\ufeffFirst line\r\nSecond line\r\n".encode())
    assert d.problem is None and d.bom and d.newline == "\r\n"
    assert d.text == "First line\nSecond line\n"
    assert d.lang == "en"


def test_utf16_with_bom(tmp_path):
    d = _one(tmp_path, "b.txt", "Привет, мир".encode("utf-16"))
    assert d.problem is None and d.text == "Привет, мир"


def test_empty_whitespace_binary_undecodable(tmp_path):
    assert _one(tmp_path, "e.txt", b"").problem.code == "empty"
    assert _one(tmp_path, "w.txt", b" \n\t ").problem.code == "empty"
    assert _one(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00").problem.code == "binary"
    bad = _one(tmp_path, "cp.txt", "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert bad.problem.code == "undecodable"
    assert "byte 3" in bad.problem.message and "cp1252" in bad.problem.message


def test_missing_path_is_a_document_with_a_problem(tmp_path):
    docs = load([str(tmp_path / "nope.txt")])
    assert docs[0].problem.code == "unreadable"


def test_front_matter_sets_language_story_role_and_keeps_lines(tmp_path):
    text = "---\nlang: fr\nstory: talks\ntranslation_of: a.en.md\n---\nBonjour.\nDeuxième ligne.\n"
    (tmp_path / "a.en.md").write_text("Hello.\n")  # a role must name a file that exists
    d = _one(tmp_path, "a.fr.md", text.encode())
    assert (d.lang, d.story, d.role) == ("fr", "talks", "translation_of")
    assert d.of.endswith("a.en.md")
    assert d.text.startswith("Bonjour.")
    assert d.position(d.text.index("Deuxième")) == (7, 1)


def test_language_suffix_must_be_a_language(tmp_path):
    assert _one(tmp_path, "notes.old.txt", b"text").lang is None
    assert _one(tmp_path, "notes.pt_BR.txt", b"text").lang == "pt-br"


def test_directory_walk_is_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "img.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("c")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    docs = load([str(tmp_path)])
    base = str(tmp_path)
    assert sorted(d.id for d in docs) == [f"{base}/a.md", f"{base}/b.txt", f"{base}/img.png",
                                          f"{base}/sub/c.txt"]
    # a format tqcheck does not read is reported (TQ005), never dropped
    assert [d.id for d in docs if d.problem] == [f"{base}/img.png"]
    assert docs[0].problem.code == "unsupported"


def test_jsonl_feed(tmp_path):
    rows = [
        {"id": "n1-en", "story": "n1", "lang": "en", "title": "Talks resume", "text": "Body one."},
        {"id": "n1-fr", "story": "n1", "lang": "fr", "text": "Corps un.", "translation_of": "n1-en"},
        "not an object",
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n{broken\n", encoding="utf-8")
    docs = load([str(f)])
    assert [d.id for d in docs[:2]] == ["n1-en", "n1-fr"]
    assert docs[0].text.startswith("Talks resume\n\nBody one.")
    assert docs[1].role == "translation_of" and docs[1].of == "n1-en"
    assert docs[2].problem.code == "undecodable" and "line 3" in docs[2].problem.message
    stories = group(docs)
    assert [d.id for d in stories[0].documents][:2] == ["n1-en", "n1-fr"]


def test_manifest_groups_folder_and_sets_roles(tmp_path):
    story = tmp_path / "talks"
    story.mkdir()
    (story / "story.toml").write_text(
        'id = "talks"\n[files."b.txt"]\nlang = "ar"\ntranslation_of = "a.txt"\n', encoding="utf-8")
    (story / "a.txt").write_text("One.")
    (story / "b.txt").write_text("Two.")
    docs = load([str(tmp_path)])
    assert {d.story for d in docs} == {"talks"}
    b = [d for d in docs if d.id.endswith("b.txt")][0]
    assert b.lang == "ar" and b.of.endswith("talks/a.txt")


def test_broken_link_is_reported_and_folder_links_are_not_followed(tmp_path):
    (tmp_path / "ok.txt").write_text("Body.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").mkdir()
    (tmp_path / "loop.txt" / "self").symlink_to(tmp_path)
    docs = {d.id.rsplit("/", 1)[-1]: d for d in load([str(tmp_path)])}
    assert sorted(docs) == ["gone.txt", "ok.txt"]
    assert docs["gone.txt"].problem.code == "unreadable"
