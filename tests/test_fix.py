"""--fix: opt-in, safe repairs only, file format preserved, reported."""

from __future__ import annotations

import shutil

from tests.conftest import SEEDS, run_cli

DAMAGED = ("Talks resume\n"
           "The worldâ€™s two largest powers met in Abu Dhabi.\n"
           "Smith &amp; Wesson said it\x92s fine.\n"
           "The the talks will  continue.\n")


def test_default_run_never_writes(tmp_path):
    f = tmp_path / "a.en.txt"
    f.write_bytes(DAMAGED.encode("utf-8"))
    run_cli("--isolated", str(f))
    assert f.read_bytes() == DAMAGED.encode("utf-8")


def test_fix_writes_safe_repairs_only_and_keeps_bom_crlf_front_matter(tmp_path, capsys):
    f = tmp_path / "a.txt"
    front = "---\r\nlang: en\r\n---\r\n"
    f.write_bytes(b"\xef\xbb\xbf" + (front + DAMAGED.replace("\n", "\r\n")).encode("utf-8"))
    code, _out = run_cli("--isolated", "--fix", str(f))
    data = f.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\nlang: en\r\n---\r\n")
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    assert "world’s" in text and "Smith & Wesson" in text and "it’s" in text
    # doubled word and doubled space are for editors, not --fix
    assert "The the talks will  continue." in text
    err = capsys.readouterr().err
    assert "TQ301" in err and "TQ303" in err and "TQ305" in err
    # a second run has nothing left to fix
    run_cli("--isolated", "--fix", str(f))
    assert "nothing to fix" in capsys.readouterr().err
    assert f.read_bytes() == data


def test_fix_on_seed_copies_changes_nothing(tmp_path, capsys):
    for p in SEEDS.iterdir():
        shutil.copy(p, tmp_path / p.name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    run_cli("--isolated", "--fix", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert "nothing to fix" in capsys.readouterr().err
