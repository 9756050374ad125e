"""Baselines and per-path ignores match the path from the project root, not as typed.

The project root is the config file's folder (or the working folder without one). These
tests run the same project from its root, from a subfolder, with absolute paths and with
``./`` prefixes, and expect the same accepted findings every time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_cli
from tqcheck.engine import paths

DOUBLED = "The minister  spoke on Thursday in the capital.\n"  # TQ306, cheap to check


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    (root / "news" / "talks.en.txt").write_text(DOUBLED, encoding="utf-8")
    (root / "news" / "deep").mkdir()
    (root / "news" / "deep" / "vote.en.txt").write_text(DOUBLED, encoding="utf-8")
    (root / "tqcheck.toml").write_text('select = ["TQ306"]\nfail-on = "info"\n', encoding="utf-8")
    monkeypatch.delenv("TQCHECK_SUMMARY", raising=False)
    return root


def _findings(*argv: str) -> tuple[int, list[dict]]:
    code, out = run_cli("--format", "json", "--no-progress", *argv)
    assert code in (0, 1), out
    return code, json.loads(out)["findings"]


# how one project can be named: (working folder below the root, the path argument)
WAYS = [
    (".", "news"),
    (".", "./news/"),
    (".", "ABS/news"),
    ("news", "."),
    ("news", "./deep/../"),
    ("news/deep", ".."),
    ("news/deep", "ABS/news"),
]


def _arg(root: Path, arg: str) -> str:
    return arg.replace("ABS", str(root))


@pytest.mark.parametrize("cwd,arg", WAYS)
def test_per_path_ignores_hold_from_any_folder(project, monkeypatch, cwd, arg):
    monkeypatch.chdir(project / cwd)
    code, found = _findings(_arg(project, arg))
    assert code == 1 and len(found) == 2  # the control: both articles flagged
    (project / "tqcheck.toml").write_text(
        'select = ["TQ306"]\nfail-on = "info"\n[per-path-ignores]\n"./news/deep/*" = ["doubled-space"]\n',
        encoding="utf-8")
    code, found = _findings(_arg(project, arg))
    assert [Path(f["path"]).name for f in found] == ["talks.en.txt"]
    if arg.startswith("ABS"):  # the path column stays as typed
        assert found[0]["path"] == f"{project.as_posix()}/news/talks.en.txt"


@pytest.mark.parametrize("cwd,arg", WAYS)
def test_baseline_written_at_the_root_holds_from_any_folder(project, monkeypatch, cwd, arg):
    base = project / "tqcheck-baseline.json"
    monkeypatch.chdir(project)
    assert run_cli("--no-progress", "--write-baseline", str(base), "news/")[0] == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["entries"]
    assert sorted(e["path"] for e in entries) == ["news/deep/vote.en.txt", "news/talks.en.txt"]
    monkeypatch.chdir(project / cwd)
    code, found = _findings("--baseline", str(base), _arg(project, arg))
    assert code == 0 and found == []


def test_baseline_written_from_a_subfolder_is_keyed_from_the_root(project, monkeypatch):
    base = project / "b.json"
    monkeypatch.chdir(project / "news" / "deep")
    assert run_cli("--no-progress", "--write-baseline", str(base), "../")[0] == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["entries"]
    assert sorted(e["path"] for e in entries) == ["news/deep/vote.en.txt", "news/talks.en.txt"]
    monkeypatch.chdir(project)
    # the config names the baseline; relative to the config's folder
    (project / "tqcheck.toml").write_text('select = ["TQ306"]\nfail-on = "info"\nbaseline = "b.json"\n', encoding="utf-8")
    assert _findings(str(project / "news"))[1] == []
    # a new finding still shows, keyed the same way
    (project / "news" / "talks.en.txt").write_text(DOUBLED + "A second  gap.\n", encoding="utf-8")
    code, found = _findings("./news")
    assert code == 1 and [f["text"] for f in found] == ["  "] and found[0]["line"] == 2


def test_baseline_entries_typed_with_dot_slash_or_absolute_still_match(project, monkeypatch):
    monkeypatch.chdir(project)
    entries = [
        {"story": "x", "path": "./news/talks.en.txt", "rule": "TQ306", "text": "", "count": 1},
        {"story": "x", "path": str(project / "news/deep/vote.en.txt"), "rule": "TQ306", "text": "",
         "count": 1},
    ]
    base = project / "old.json"
    base.write_text(json.dumps({"tqcheck_baseline": 1, "entries": entries}), encoding="utf-8")
    code, out = run_cli("--format", "json", "--baseline", str(base), "news")
    assert code == 0 and json.loads(out)["summary"]["suppressed_by_baseline"] == 2


def test_without_config_the_working_folder_is_the_root(project, monkeypatch):
    (project / "tqcheck.toml").unlink()
    monkeypatch.chdir(project)
    base = project / "b.json"
    assert run_cli("--select", "TQ306", "--write-baseline", str(base), "./news")[0] == 0
    assert '"news/talks.en.txt"' in base.read_text(encoding="utf-8")
    code, found = _findings("--select", "TQ306", "--baseline", str(base), str(project / "news"))
    assert code == 0 and found == []


def test_paths_outside_the_root_match_by_absolute_path(project, tmp_path, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "wire.en.txt").write_text(DOUBLED, encoding="utf-8")
    monkeypatch.chdir(project)
    cfg = project / "tqcheck.toml"
    cfg.write_text('select = ["TQ306"]\nfail-on = "info"\n[per-path-ignores]\n"elsewhere/*" = ["TQ306"]\n',
                   encoding="utf-8")
    assert len(_findings(str(other))[1]) == 1  # a relative glob names files inside the root only
    cfg.write_text(f'select = ["TQ306"]\nfail-on = "info"\n[per-path-ignores]\n"{other.as_posix()}/*" = ["TQ306"]\n',
                   encoding="utf-8")
    assert _findings(str(other))[1] == []
    assert _findings(os.path.relpath(other, project))[1] == []
    cfg.write_text('select = ["TQ306"]\n', encoding="utf-8")
    base = project / "b.json"
    assert run_cli("--write-baseline", str(base), "../elsewhere")[0] == 0
    entry = json.loads(base.read_text(encoding="utf-8"))["entries"][0]
    assert entry["path"] == paths.absolute(str(other / "wire.en.txt"))


def test_feed_records_match_by_id_and_by_their_feed_file(project, monkeypatch):
    feeds = project / "feeds"
    feeds.mkdir()
    rec = {"story": "s1", "lang": "en", "text": DOUBLED.strip()}
    (feeds / "wire.jsonl").write_text(
        "\n".join(json.dumps({**rec, "id": i}) for i in ("w1", "w2")) + "\n", encoding="utf-8")
    monkeypatch.chdir(feeds)
    assert len(_findings(".")[1]) == 2
    (project / "tqcheck.toml").write_text(
        'select = ["TQ306"]\nfail-on = "info"\n[per-path-ignores]\n"feeds/wire.jsonl" = ["TQ3"]\n', encoding="utf-8")
    assert _findings(".")[1] == []
    (project / "tqcheck.toml").write_text(
        'select = ["TQ306"]\nfail-on = "info"\n[per-path-ignores]\n"w2" = ["TQ3"]\n', encoding="utf-8")
    assert [f["path"] for f in _findings(str(feeds))[1]] == ["w1"]


def test_location_helpers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    assert paths.location("./a/x.txt", tmp_path) == "a/x.txt"
    assert paths.location(str(tmp_path / "a" / "x.txt"), tmp_path) == "a/x.txt"
    assert paths.location("a/../a/x.txt", tmp_path / "a") == "x.txt"
    assert paths.location("a/x.txt", tmp_path / "a" / "b") == paths.absolute("a/x.txt")
    assert paths.key_path("./a/x.txt", tmp_path) == "a/x.txt"
    assert paths.key_path("feed-id-7", tmp_path) == "feed-id-7"
    loc = paths.Location("a/x.txt", "/srv/a/x.txt")
    assert paths.glob_matches("./a/*", loc) and paths.glob_matches("/srv/*", loc)
    assert not paths.glob_matches("srv/*", loc) and not paths.glob_matches("/a/*", loc)
