"""Issue 12, item by item: each test reproduces one way bad input lost a run, a file or
a finding, and fails on the code before the fix.

Runs that could hang, crash the interpreter or need another user go through a
subprocess with a time bound (hostile_support.run); the rest run in process.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import stat
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli
from hostile_support import clean_end, findings, remove_deep, run, shared_tmp

MOJIBAKE = "The world\u00e2\u20ac\u2122s two largest powers met.\n"  # "world’s" read as cp1252


def _rules(fs: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return sorted({f["rule_id"] for f in fs})


# ---- 1. UTF-32 ---------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_item01_utf32_is_read_as_utf32_and_fix_keeps_it(tmp_path, codec):
    bom = b"\xff\xfe\x00\x00" if codec.endswith("le") else b"\x00\x00\xfe\xff"
    f = tmp_path / "u.en.txt"
    f.write_bytes(bom + ("He smiled 😀.\n" + MOJIBAKE).encode(codec))
    code, out = run_cli("--isolated", "--format", "json", str(f))
    rules = _rules(json.loads(out)["findings"])
    assert "TQ303" not in rules and "TQ003" not in rules and "TQ004" not in rules, rules
    assert "TQ301" in rules
    run_cli("--isolated", "--fix", str(f))
    data = f.read_bytes()
    assert data.startswith(bom)
    assert data[len(bom):].decode(codec) == "He smiled 😀.\nThe world’s two largest powers met.\n"


# ---- 2. atomic --fix, byte order, permissions, read-only files -----------------------

def test_item02_fix_replaces_the_file_atomically_keeping_utf16_be_and_mode(tmp_path):
    f = tmp_path / "b.en.txt"
    f.write_bytes(b"\xfe\xff" + MOJIBAKE.encode("utf-16-be"))
    f.chmod(0o640)
    inode = f.stat().st_ino
    run_cli("--isolated", "--fix", str(f))
    data = f.read_bytes()
    assert data.startswith(b"\xfe\xff"), data[:4]
    assert data[2:].decode("utf-16-be") == "The world’s two largest powers met.\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    # a new file renamed over the old one, not the old one truncated and rewritten
    assert f.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.en.txt"]  # no temporary left


def test_item02_fix_through_a_link_rewrites_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.en.txt"
    real.write_text(MOJIBAKE, encoding="utf-8")
    link = tmp_path / "link.en.txt"
    link.symlink_to(real.name)
    run_cli("--isolated", "--fix", str(link))
    assert link.is_symlink() and "world’s" in real.read_text(encoding="utf-8")


def test_item02_read_only_file_stops_fix_before_any_file_changes(tmp_path, capsys):
    a = tmp_path / "a.en.txt"
    b = tmp_path / "b.en.txt"
    a.write_text(MOJIBAKE, encoding="utf-8")
    b.write_text(MOJIBAKE.replace("powers", "nations"), encoding="utf-8")
    b.chmod(0o444)
    before = {p.name: p.read_bytes() for p in (a, b)}
    code, _ = run_cli("--isolated", "--fix", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2
    assert "b.en.txt" in err and "read-only" in err
    assert {p.name: p.read_bytes() for p in (a, b)} == before  # a.en.txt was not rewritten either
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.en.txt", "b.en.txt"]


# ---- 3. --fix applies inline suppression ---------------------------------------------

def test_item03_fix_leaves_text_an_inline_marker_accepted(tmp_path):
    f = tmp_path / "q.en.txt"
    accepted = "The court filing spells it worldâ€™s. <!-- tqcheck: ignore TQ301 -->\n"
    f.write_text(accepted + MOJIBAKE, encoding="utf-8")
    run_cli("--isolated", "--fix", str(f))
    text = f.read_text(encoding="utf-8")
    assert text.startswith(accepted)  # accepted: left alone
    assert text.endswith("The world’s two largest powers met.\n")  # not accepted: fixed


# ---- 4. -o: atomic, and errors name the file -----------------------------------------

def _fsize_limit(limit: int):  # type: ignore[no-untyped-def]
    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_item04_failed_report_write_keeps_the_old_report_and_names_the_file(tmp_path):
    out = tmp_path / "run.json"
    out.write_text('{"old": "report"}\n')
    # A file-size limit makes every write past 4 KB fail (EFBIG), as a full disk does.
    r = run("--isolated", "--format", "json", "-o", str(out), str(SEEDS), preexec=_fsize_limit(4096))
    clean_end(r)
    assert r.returncode == 2
    assert str(out) in r.stderr, r.stderr
    assert out.read_text() == '{"old": "report"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.json"]


def test_item04_parquet_into_a_missing_folder_names_the_file(tmp_path, capsys):
    target = tmp_path / "missing" / "run.parquet"
    code, _ = run_cli("--isolated", "--format", "parquet", "-o", str(target), str(SEEDS))
    err = capsys.readouterr().err
    assert code == 2 and str(target) in err and "None" not in err, err


def test_item04_report_replaces_existing_one_atomically(tmp_path):
    out = tmp_path / "run.json"
    out.write_text("old\n")
    out.chmod(0o600)
    inode = out.stat().st_ino
    run_cli("--isolated", "--format", "json", "-o", str(out), str(SEEDS))
    assert json.loads(out.read_text())["findings"]
    assert out.stat().st_ino != inode and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_item04_report_into_a_named_pipe_is_written_through_it_not_replaced(tmp_path):
    """-o a named pipe (a pipeline's reader) or a device: the report goes into it and the
    pipe stays a pipe; renaming a temporary file over it would leave a plain file where
    the pipe was, and as root over /dev/null too. Every format: json, csv and parquet
    (parquet is written by polars to a file name, then copied)."""
    import threading

    for fmt in ("json", "csv", "parquet"):
        fifo = tmp_path / f"out-{fmt}"
        os.mkfifo(fifo)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        code, _ = run_cli("--isolated", "--format", fmt, "-o", str(fifo), str(SEEDS))
        reader.join(60)
        assert code in (0, 1) and not reader.is_alive()
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        if fmt == "json":
            assert json.loads(got[0])["findings"]
        elif fmt == "parquet":
            assert got[0][:4] == b"PAR1" and got[0][-4:] == b"PAR1"
        else:
            assert got[0].count(b"\n") > 1
    # no temporary file left behind beside the pipes or in the system's temporary folder
    import tempfile

    for folder in (tmp_path, Path(tempfile.gettempdir())):
        assert not [p for p in folder.iterdir() if p.name.startswith(".out-") and p.name.endswith(".tqtmp")]


def test_item04_report_to_dev_null_leaves_the_device_a_device():
    before = os.stat("/dev/null")
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip("/dev/null on this machine is not a character device")
    code, _ = run_cli("--isolated", "--format", "json", "-o", "/dev/null", str(SEEDS))
    after = os.stat("/dev/null")
    assert code in (0, 1)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


# ---- 5. FIFOs, devices, sockets, size cap --------------------------------------------

def test_item05_fifo_named_or_in_a_folder_is_a_finding_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "f.en.txt")
    (tmp_path / "ok.en.txt").write_text("A short article that can be read.\n")
    for target in (tmp_path / "f.en.txt", tmp_path):
        fs = findings(run("--isolated", "--format", "json", str(target), timeout=30))
        hit = [f for f in fs if f["path"].endswith("f.en.txt")]
        assert [f["rule_id"] for f in hit] == ["TQ001"] and "FIFO" in hit[0]["message"]


def test_item05_link_to_dev_zero_is_a_finding(tmp_path):
    (tmp_path / "z.en.txt").symlink_to("/dev/zero")
    fs = findings(run("--isolated", "--format", "json", str(tmp_path), timeout=30))
    assert [(f["rule_id"], "character device" in f["message"]) for f in fs] == [("TQ001", True)]


def test_item05_socket_is_a_finding(tmp_path):
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(tmp_path / "s.en.txt"))
        fs = findings(run("--isolated", "--format", "json", str(tmp_path), timeout=30))
    finally:
        s.close()
    assert [f["rule_id"] for f in fs] == ["TQ001"] and "socket" in fs[0]["message"]


def test_item05_file_over_the_size_cap_is_a_finding(tmp_path):
    from tqcheck import corpus

    limit = getattr(corpus, "MAX_FILE_BYTES", 64 * 1024 * 1024)  # the cap, 64 MiB
    big = tmp_path / "big.en.txt"
    with open(big, "wb") as fh:  # sparse: no disk space used
        fh.truncate(limit + 1)
    fs = findings(run("--isolated", "--format", "json", str(big), timeout=30))
    assert [f["rule_id"] for f in fs] == ["TQ001"] and "limit" in fs[0]["message"]


# ---- 6. user regex time bound ---------------------------------------------------------

def test_item06_catastrophic_user_regex_is_stopped_and_reported_on_its_rule(tmp_path):
    (tmp_path / "slow.toml").write_text(
        "[[pattern]]\nkind = \"slow\"\nregex = '^(a|a)+$'\n\n"
        "[[pattern]]\nkind = \"issue\"\nregex = '^(a+)+$'\n", encoding="utf-8")
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('select = ["TQ404"]\n[options.TQ404]\nresidue = "slow.toml"\n')
    doc = tmp_path / "a.en.txt"
    doc.write_text("A headline\n\n" + "a" * 40 + "!\n\nThe end of the story.\n")
    # 40 characters take this pattern hours with Python's re; the bound is 1 s a line
    r = run("--config", str(cfg), "--format", "json", str(doc), timeout=40)
    fs = findings(r)
    assert [f["rule_id"] for f in fs] == ["TQ404"], fs
    assert "^(a|a)+$" in fs[0]["message"] and "stopped" in fs[0]["message"]
    assert fs[0]["line"] == 3


# ---- 7. deep trees ---------------------------------------------------------------------

def test_item07_a_tree_1000_levels_deep_is_walked(tmp_path):
    d = str(tmp_path)
    for _ in range(1000):  # one level at a time: os.makedirs itself recurses
        d += "/d"
        os.mkdir(d)
    (Path(d) / "deep.en.txt").write_text("A short article at the bottom of a deep tree.\n")
    try:
        r = run("--isolated", "--format", "json", "d", cwd=tmp_path, timeout=120)
        clean_end(r)
        docs = json.loads(r.stdout)["documents"]
        assert [x["path"].count("/") for x in docs] == [1000]
    finally:
        remove_deep(Path(d) / "deep.en.txt", tmp_path)


# ---- 8. symlink loops -------------------------------------------------------------------

def test_item08_symlink_loop_is_a_finding_per_file_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.en.txt").symlink_to("b.en.txt")
    (tmp_path / "b.en.txt").symlink_to("a.en.txt")
    (tmp_path / "c.en.txt").write_text("A short article that can be read.\n")
    fs = findings(run("--isolated", "--format", "json", ".", cwd=tmp_path, timeout=30))
    assert sorted((f["path"], f["rule_id"]) for f in fs) == [("a.en.txt", "TQ001"), ("b.en.txt", "TQ001")]
    assert all("loop" in f["message"] for f in fs)
    fs = findings(run("--isolated", "--format", "json", "a.en.txt", cwd=tmp_path, timeout=30))
    assert [f["rule_id"] for f in fs] == ["TQ001"]


# ---- 9. surrogates, odd file names, odd JSON --------------------------------------------

FORMATS = ["table", "csv", "json", "jsonl", "parquet", "html", "sarif", "github", "junit"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_item09_lone_surrogates_in_a_feed_reach_every_format(tmp_path, fmt, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"id": "a\ud800b", "lang": "en",
                                "text": "The minister \udfff spoke for an hour about the budget."}) + "\n")
    out = tmp_path / f"out.{fmt}"
    code, _ = run_cli("--isolated", "--format", fmt, "-o", str(out), str(feed))
    assert code in (0, 1) and out.stat().st_size > 0
    if fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["documents"][0]["path"] == "a\ufffdb"
        assert "TQ302" in _rules(data["findings"])  # the lone surrogate is a replacement char


@pytest.mark.parametrize("fmt", FORMATS)
def test_item09_non_utf8_file_name_reaches_every_format(tmp_path, fmt, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    name = os.fsdecode(b"caf\xe9.en.txt")
    (tmp_path / name).write_text("The the talks resumed on Monday, the minister said.\n")
    out = tmp_path / f"out.{fmt}"
    code, _ = run_cli("--isolated", "--format", fmt, "-o", str(out), str(tmp_path))
    assert code in (0, 1) and out.stat().st_size > 0
    if fmt == "json":
        paths = [d["path"] for d in json.loads(out.read_text(encoding="utf-8"))["documents"]]
        assert paths == [f"{tmp_path}/caf\\xe9.en.txt"]


def test_item09_huge_integers_and_deep_nesting_are_findings(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        json.dumps({"id": 7, "text": "The minister spoke about the budget for an hour."}) + "\n"
        + '{"id": ' + "9" * 5000 + ', "text": "A second article about the harbour works."}\n'
        + "[" * 100_000 + "]" * 100_000 + "\n")
    r = run("--isolated", "--format", "json", str(feed), timeout=60)
    fs = findings(r)
    docs = json.loads(r.stdout)["documents"]
    assert sorted(d["path"] for d in docs) == sorted(["7", "9" * 5000, f"{feed}#3"])
    assert [(f["path"], f["rule_id"]) for f in fs if f["rule_id"] < "TQ1"] == [(f"{feed}#3", "TQ004")]


def test_item09_repeated_ids_are_reported_not_a_crash(tmp_path, capsys):
    text = "The minister spoke for an hour about the budget of the harbour works. " * 12
    feed = tmp_path / "f.jsonl"
    feed.write_text("".join(json.dumps({"id": "x", "story": "s", "lang": "en", "text": text}) + "\n"
                            for _ in range(3)))
    code, out = run_cli("--isolated", "--format", "json", str(feed))
    assert code in (0, 1), capsys.readouterr().err
    fs = json.loads(out)["findings"]
    dup = sorted(f["path"] for f in fs if f["rule_id"] == "TQ001")
    assert dup == [f"{feed}#2", f"{feed}#3"]
    assert all("repeats the id 'x'" in f["message"] for f in fs if f["rule_id"] == "TQ001")


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_item09_raw_line_separators_inside_strings_are_valid_jsonl(tmp_path, sep):
    feed = tmp_path / "f.jsonl"
    rec = '{"id": "a", "lang": "en", "text": "The minister spoke.' + sep + 'Then she left the hall."}'
    feed.write_text(rec + "\n", encoding="utf-8")
    code, out = run_cli("--isolated", "--format", "json", str(feed))
    data = json.loads(out)
    assert [d["path"] for d in data["documents"]] == ["a"]
    assert not [f for f in data["findings"] if f["rule_id"] in ("TQ002", "TQ004")]


# ---- 10. unreadable sub-folders -----------------------------------------------------------

def test_item10_unreadable_subfolder_is_reported_not_skipped():
    top = shared_tmp()
    try:
        (top / "ok.en.txt").write_text("A short article that can be read.\n")
        (top / "locked").mkdir()
        (top / "locked" / "hidden.en.txt").write_text("An article nobody can list.\n")
        (top / "locked").chmod(0o000)
        fs = findings(run("--isolated", "--format", "json", ".", cwd=top, unprivileged=True, timeout=60))
        fs = [f for f in fs if f["rule_id"] < "TQ1"]
        assert [(f["rule_id"], f["path"]) for f in fs] == [("TQ001", "locked/")]
        assert "Permission denied" in fs[0]["message"]
    finally:
        (top / "locked").chmod(0o755)
        shutil.rmtree(top)


# ---- 11. config, rules, rule data, roles --------------------------------------------------

def _stops(capsys, *argv: str) -> str:  # type: ignore[no-untyped-def]
    code, _ = run_cli(*argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    return err


def test_item11_broken_pyproject_stops_the_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.tqcheck]\nselect = [\"TQ1\"\n")
    (tmp_path / "a.en.txt").write_text("A short article.\n")
    monkeypatch.chdir(tmp_path)
    err = _stops(capsys, "a.en.txt")
    assert err.startswith(f"{tmp_path / 'pyproject.toml'}:") and "invalid TOML" in err


@pytest.mark.parametrize("body,line", [("[tool]\ntqcheck = 5\n", 2), ("tool = 5\n", 1)])
def test_item11_tool_tqcheck_that_is_not_a_table(tmp_path, monkeypatch, capsys, body, line):
    (tmp_path / "pyproject.toml").write_text(body)
    (tmp_path / "a.en.txt").write_text("A short article.\n")
    monkeypatch.chdir(tmp_path)
    err = _stops(capsys, "a.en.txt")
    assert err.startswith(f"{tmp_path / 'pyproject.toml'}:{line}: ") and "table" in err


RULE = """id = "HS901"
name = "house-residue"
kind = "residue"
severity = "warning"
message = "{message}"
description = "House residue."

[options]
residue = "{data}"
"""


@pytest.mark.parametrize("data,line,words", [
    ('pattern = ["abc"]\n', 1, "must be a table"),
    ("[[pattern]]\nkind = \"x\"\nregex = 5\n", 3, "must be a string"),
    ("[[pattern]]\nregex = '(unclosed'\n", 2, "bad regular expression"),
    ("[[pattern]]\nregex = 'ok'\nmax_words = \"ten\"\n", 3, "max_words"),
])
def test_item11_wrongly_typed_residue_data_stops_at_its_line(tmp_path, capsys, data, line, words):
    (tmp_path / "HS901.toml").write_text(RULE.format(message="residue: {text}", data="res.data"))
    (tmp_path / "res.data").write_text(data)
    err = _stops(capsys, "--isolated", "--rules", str(tmp_path), "--list-rules")
    assert err.startswith(f"{(tmp_path / 'res.data').resolve()}:{line}: ") and words in err, err


@pytest.mark.parametrize("data,line,words", [
    ('pair = ["x"]\n', 1, "must be a table"),
    ("[[pair]]\nforms = [\"a\", 5]\n", 2, "'forms'"),
    ("[[pair]]\nforms = [\"a\", \"b\"]\npreferred = 7\n", 3, "preferred"),
])
def test_item11_wrongly_typed_house_style_data_stops_at_its_line(tmp_path, capsys, data, line, words):
    (tmp_path / "pairs.data").write_text(data)
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('[options.TQ405]\npairs = "pairs.data"\n')
    (tmp_path / "a.en.txt").write_text("A short article.\n")
    err = _stops(capsys, "--config", str(cfg), str(tmp_path / "a.en.txt"))
    assert err.startswith(f"{(tmp_path / 'pairs.data').resolve()}:{line}: ") and words in err, err


@pytest.mark.parametrize("message", ["found {0}", "found {}", "found {text.upper}", "found {text"])
def test_item11_message_with_positional_or_broken_field_stops(tmp_path, capsys, message):
    shutil.copy(ROOT / "rules" / "data" / "residue.toml", tmp_path / "res.data")
    (tmp_path / "HS901.toml").write_text(RULE.format(message=message, data="res.data"))
    err = _stops(capsys, "--isolated", "--rules", str(tmp_path), "--list-rules")
    assert err.startswith(f"{tmp_path / 'HS901.toml'}:5: message") , err


def test_item11_data_file_next_to_its_rule_is_not_loaded_as_a_rule(tmp_path, capsys):
    # what rules/data/residue.toml tells a newsroom to do
    shutil.copy(ROOT / "rules" / "data" / "residue.toml", tmp_path / "residue.toml")
    (tmp_path / "HS901.toml").write_text(RULE.format(message="residue: {text}", data="residue.toml"))
    code, out = run_cli("--isolated", "--rules", str(tmp_path), "--list-rules")
    assert code == 0, capsys.readouterr().err
    assert "HS901" in out


@pytest.mark.parametrize("roles,words", [
    ({"a.en.txt": "a.en.txt"}, "itself"),
    ({"a.en.txt": "b.en.txt", "b.en.txt": "a.en.txt"}, "loop"),
    ({"a.en.txt": "b.en.txt", "b.en.txt": "c.en.txt", "c.en.txt": "a.en.txt"}, "loop"),
    ({"a.en.txt": "nowhere.en.txt"}, "names no document"),
])
def test_item11_self_cyclic_and_dangling_translation_of_stop(tmp_path, monkeypatch, capsys, roles, words):
    monkeypatch.chdir(tmp_path)
    for name in ("a.en.txt", "b.en.txt", "c.en.txt"):
        front = f"---\ntranslation_of: {roles[name]}\n---\n" if name in roles else ""
        (tmp_path / name).write_text(front + f"The article {name} about the harbour.\n")
    err = _stops(capsys, "--isolated", ".")
    assert err.startswith("a.en.txt:2: translation_of") and words in err, err


def test_item11_cyclic_translation_of_in_a_manifest_stops_at_its_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.toml").write_text(
        'id = "s"\n[files."a.en.txt"]\ntranslation_of = "b.en.txt"\n'
        '[files."b.en.txt"]\ntranslation_of = "a.en.txt"\n')
    for name in ("a.en.txt", "b.en.txt"):
        (tmp_path / name).write_text(f"The article {name} about the harbour.\n")
    err = _stops(capsys, "--isolated", ".")
    assert err.startswith("story.toml:3: translation_of makes a loop"), err


# ---- 12. the Python API ---------------------------------------------------------------------

def test_item12_check_takes_one_path_and_a_mapping_config():
    from tqcheck import check

    one = check(str(SEEDS))
    assert one.documents.height == len(list(SEEDS.iterdir()))
    assert check(SEEDS).findings.equals(one.findings)  # a Path too
    sel = check([str(SEEDS)], config={"select": ["TQ3"]})
    assert sel.findings.height and set(sel.findings["rule_id"].to_list()) <= {
        r for r in one.findings["rule_id"].to_list() if r.startswith("TQ3")}


def test_item12_bad_mapping_config_is_a_tqerror():
    from tqcheck import check
    from tqcheck.errors import TQError

    with pytest.raises(TQError, match="select"):
        check(str(SEEDS), config={"select": "TQ3"})
    with pytest.raises(TQError):
        check(str(SEEDS), config=["TQ3"])
