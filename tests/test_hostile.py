"""Hostile input: every case ends in a report with findings, or ``file:line: message`` and
exit 2; never a traceback, never a hang, never a changed input.

Each case builds its inputs in a folder of its own and runs ``tqcheck.cli.main`` in a
worker subprocess (one interpreter for all cases, so that the suite stays fast). The
time bound is enforced from outside: a case that does not answer within CASE_TIMEOUT
seconds fails and the worker is killed and started again. Cases that need another user
(permissions) run in a subprocess of their own as user ``nobody`` when the tests run as
root (hostile_support.run).
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT
from hostile_support import clean_end, remove_deep, run, shared_tmp

CASE_TIMEOUT = 60.0  # seconds per case; the slowest case takes a few on a shared 2-core box

_WORKER = r"""
import contextlib, io, json, os, sys, traceback
from tqcheck.cli import main
for line in sys.stdin:
    req = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    os.chdir(req["cwd"])
    tb = None
    try:
        with contextlib.redirect_stderr(err):
            code = main(req["argv"], stdout=out)
    except BaseException:
        code, tb = None, traceback.format_exc()
    sys.__stdout__.write(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(),
                                     "tb": tb}) + "\n")
    sys.__stdout__.flush()
"""


class Worker:
    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("GITHUB_STEP_SUMMARY", None)
        self.proc = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     env=env, cwd=ROOT)
        self.lines: queue.Queue[str] = queue.Queue()
        proc = self.proc
        threading.Thread(target=lambda: [self.lines.put(x) for x in proc.stdout], daemon=True).start()

    def call(self, argv: list[str], cwd: Path, timeout: float) -> dict:  # type: ignore[type-arg]
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd)}) + "\n")
        self.proc.stdin.flush()
        try:
            return json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            self.proc.kill()
            self.proc.wait()
            self._start()
            pytest.fail(f"tqcheck {' '.join(argv)} did not finish in {timeout} s (a hang)")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


@dataclass
class Case:
    argv: list[str]
    codes: tuple[int, ...] = (0, 1)  # allowed exit codes
    rules: set[str] = field(default_factory=set)  # rule ids that must be among the findings
    err: str = ""  # text the message on standard error must hold (exit 2)
    cleanup: Callable[[], None] | None = None


def _snapshot(d: Path) -> dict[str, tuple[bytes | None, int]]:
    out: dict[str, tuple[bytes | None, int]] = {}
    stack = [d]
    while stack:
        cur = stack.pop()
        try:
            entries = list(os.scandir(cur))
        except OSError:
            continue
        for e in entries:
            st = e.stat(follow_symlinks=False)
            if e.is_dir(follow_symlinks=False):
                stack.append(Path(e.path))
                out[e.path] = (None, st.st_mode)
            elif e.is_file(follow_symlinks=False) and st.st_size < 50_000_000:
                with open(e.path, "rb") as fh:
                    out[e.path] = (fh.read(), st.st_mode)
            else:
                out[e.path] = (None, st.st_mode)
    return out


J = ["--isolated", "--format", "json"]
ARTICLE = ("Talks resumed on Monday in Geneva, the foreign minister said. Both delegations "
           "met for three hours and agreed to meet again in 2026.\n")


def w(d: Path, name: str, data: bytes | str) -> Path:
    p = d / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def jl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# ---- special files, loops, sizes --------------------------------------------------------

def c_fifo_named(d):
    os.mkfifo(d / "f.en.txt")
    return Case([*J, "f.en.txt"], rules={"TQ001"})


def c_fifo_in_folder(d):
    os.mkfifo(d / "f.en.txt")
    w(d, "a.en.txt", ARTICLE)
    return Case([*J, "."], rules={"TQ001"})


def c_fifo_as_feed(d):
    os.mkfifo(d / "f.jsonl")
    return Case([*J, "."], rules={"TQ001"})


def c_dev_null_link(d):
    (d / "n.en.txt").symlink_to("/dev/null")
    return Case([*J, "."], rules={"TQ001"})


def c_dev_zero_link(d):
    (d / "z.en.txt").symlink_to("/dev/zero")
    return Case([*J, "z.en.txt"], rules={"TQ001"})


def c_dev_urandom_link(d):
    (d / "r.jsonl").symlink_to("/dev/urandom")
    return Case([*J, "."], rules={"TQ001"})


def c_socket(d):
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "s.en.txt"))
    return Case([*J, "."], rules={"TQ001"}, cleanup=s.close)


def c_self_link(d):
    (d / "a.en.txt").symlink_to("a.en.txt")
    return Case([*J, "."], rules={"TQ001"})


def c_link_loop_named(d):
    (d / "a.en.txt").symlink_to("b.en.txt")
    (d / "b.en.txt").symlink_to("a.en.txt")
    return Case([*J, "a.en.txt", "b.en.txt"], rules={"TQ001"})


def c_folder_link_loop(d):
    w(d, "sub/a.en.txt", ARTICLE)
    (d / "sub" / "up").symlink_to("..")
    (d / "sub" / "self.en.txt").symlink_to(".")
    return Case([*J, "."])


def c_dangling_link(d):
    (d / "gone.en.txt").symlink_to("nowhere.en.txt")
    return Case([*J, "."], rules={"TQ001"})


def c_folder_named_like_article(d):
    w(d, "x.en.txt/a.en.txt", ARTICLE)
    return Case([*J, "x.en.txt"])


def c_empty(d):
    w(d, "e.en.txt", b"")
    return Case([*J, "."], rules={"TQ002"})


def c_bom_only(d):
    w(d, "e.en.txt", b"\xef\xbb\xbf")
    return Case([*J, "."], rules={"TQ002"})


def c_utf16_bom_odd_bytes(d):
    w(d, "e.en.txt", b"\xff\xfeA\x00B")
    return Case([*J, "."], rules={"TQ004"})


def c_oversize_sparse(d):
    from tqcheck.corpus import MAX_FILE_BYTES

    with open(d / "big.en.txt", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 10)
    return Case([*J, "."], rules={"TQ001"})


def c_oversize_feed(d):
    from tqcheck.corpus import MAX_FILE_BYTES

    with open(d / "big.jsonl", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES * 2)
    return Case([*J, "big.jsonl"], rules={"TQ001"})


def c_missing(d):
    return Case([*J, "nope.en.txt", "nope/"], rules={"TQ001"})


def c_deep_300_with_manifest(d):
    p, mid = str(d), ""
    for i in range(300):
        p += "/d"
        os.mkdir(p)
        if i == 150:
            mid = p
            w(Path(p), "story.toml", 'id = "deep"\n')
    w(Path(p), "a.en.txt", ARTICLE)

    def cleanup() -> None:
        (Path(mid) / "story.toml").unlink()
        remove_deep(Path(p) / "a.en.txt", d)
    return Case([*J, "."], cleanup=cleanup)


def c_wide_folder(d):
    for i in range(400):
        w(d, f"a{i:04}.en.txt", f"Article number {i} about the harbour works.\n")
    return Case([*J, "."])


# ---- encodings, with and without BOM -----------------------------------------------------

TEXT = "Le ministre a déclaré lundi que les négociations reprendraient à Genève. «Nous verrons», a-t-il dit.\n"

ENCODINGS = {
    "utf8": (TEXT.encode("utf-8"), set()),
    "utf8_bom": (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), set()),
    "utf16le_bom": (b"\xff\xfe" + TEXT.encode("utf-16-le"), set()),
    "utf16be_bom": (b"\xfe\xff" + TEXT.encode("utf-16-be"), set()),
    "utf16le_nobom": (TEXT.encode("utf-16-le"), {"TQ003"}),
    "utf16be_nobom": (TEXT.encode("utf-16-be"), {"TQ003"}),
    "utf32le_bom": (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), set()),
    "utf32be_bom": (b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"), set()),
    "utf32le_nobom": (TEXT.encode("utf-32-le"), {"TQ003"}),
    "cp1252": (TEXT.encode("cp1252"), {"TQ004"}),
    "latin1": (TEXT.encode("latin-1"), {"TQ004"}),
    "cp1251": ("Министр заявил в понедельник, что переговоры возобновятся.\n".encode("cp1251"), {"TQ004"}),
    "shift_jis": ("外務大臣は月曜日、交渉が再開されると述べた。\n".encode("shift_jis"), {"TQ004"}),
    "gb18030": ("外交部长周一表示，谈判将恢复。\n".encode("gb18030"), {"TQ004"}),
    "utf8_encoded_surrogate": (b"Caf\xed\xa0\x80 au lait.\n", {"TQ004"}),
    "utf8_overlong": (b"Caf\xc0\xaf au lait.\n", {"TQ004"}),
    "utf16le_bom_lone_surrogate": (b"\xff\xfe" + "Caf".encode("utf-16-le") + b"\x00\xd8" + b"A\x00", {"TQ004"}),
    "utf7": (TEXT.encode("utf-7"), set()),  # ASCII bytes: read as UTF-8 text, never a crash
}


def _encoding_case(name: str):  # type: ignore[no-untyped-def]
    data, rules = ENCODINGS[name]

    def build(d):
        w(d, "a.fr.txt", data)
        return Case([*J, "."], rules=rules)
    build.__name__ = f"c_encoding_{name}"
    return build


# ---- surrogates and odd names --------------------------------------------------------------

def c_feed_lone_surrogates(d):
    w(d, "f.jsonl", jl({"id": "\udc80x", "story": "\ud800", "lang": "en", "title": "\udfff",
                        "text": "The minister \ud800 said \udbff it.", "translation_of": "\ud801"}))
    return Case([*J, "."], codes=(2,), err="translation_of")


def c_feed_split_surrogate_pair(d):
    w(d, "f.jsonl", '{"id": "a", "lang": "en", "text": "Smile \\ud83d \\ude00 and a pair \\ud83d\\ude00."}\n')
    return Case([*J, "."], rules={"TQ302"})


def c_non_utf8_file_name(d):
    w(d, os.fsdecode(b"\xff\xfe.en.txt"), ARTICLE)
    return Case([*J, "."])


def c_non_utf8_argument(d):
    w(d, os.fsdecode(b"r\xe9sum\xe9.en.txt"), ARTICLE)
    return Case([*J, os.fsdecode(b"r\xe9sum\xe9.en.txt"), os.fsdecode(b"missing\xff.txt")], rules={"TQ001"})


def c_control_chars_in_name(d):
    w(d, "a\x01\x1b[31m.en.txt", ARTICLE)
    return Case([*J, "."])


# ---- config ----------------------------------------------------------------------------------

def _cfg(body: str, err: str):  # type: ignore[no-untyped-def]
    def build(d):
        w(d, "tqcheck.toml", body)
        w(d, "a.en.txt", ARTICLE)
        return Case(["--format", "json", "--config", "tqcheck.toml", "a.en.txt"], codes=(2,),
                    err=f"tqcheck.toml:{err}")
    return build


CONFIGS = {
    "invalid_toml": ("select = [\n", "1: invalid TOML"),
    "select_int": ("select = 5\n", "1: 'select'"),
    "ignore_mixed": ('ignore = ["TQ1", 3]\n', "1: 'ignore'"),
    "severity_int": ("[severity]\nTQ101 = 5\n", "2: severity"),
    "options_int": ("[options]\nTQ501 = 5\n", "1: 'options'"),
    "option_wrong_type": ("[options.TQ501]\nmin_chrf_rewrite = \"high\"\n", "2: option 'min_chrf_rewrite'"),
    "unknown_key": ("colour = true\n", "1: unknown config key"),
    "fail_on_int": ("fail-on = 3\n", "1: fail-on"),
    "languages_int": ("languages = [1]\n", "1: 'languages'"),
    "per_path_int": ("per-path-ignores = 5\n", "1: 'per-path-ignores'"),
    "rule_dirs_missing": ('rule-dirs = ["nowhere"]\n', "1: rule folder not found"),
}


def c_config_not_utf8_bytes(d):
    w(d, "tqcheck.toml", b"select = ['\xff']\n")
    w(d, "a.en.txt", ARTICLE)
    return Case(["--config", "tqcheck.toml", "a.en.txt"], codes=(2,), err="tqcheck.toml:1: config is not UTF-8")


def c_config_is_a_folder(d):
    (d / "conf.toml").mkdir()
    w(d, "a.en.txt", ARTICLE)
    return Case(["--config", "conf.toml", "a.en.txt"], codes=(2,), err="conf.toml")


def c_pyproject_tool_list(d):
    w(d, "pyproject.toml", "[[tool.tqcheck]]\nselect = []\n")
    w(d, "a.en.txt", ARTICLE)
    return Case(["a.en.txt"], codes=(2,), err="pyproject.toml:1: 'tool.tqcheck' must be a table")


# ---- rules ------------------------------------------------------------------------------------

RULE_OK = ('id = "HS901"\nname = "house-thing"\nkind = "residue"\nseverity = "warning"\n'
           'message = "residue {text}"\ndescription = "House."\n')


def _rule(body: str | bytes, err: str):  # type: ignore[no-untyped-def]
    def build(d):
        w(d, "house/HS901.toml", body)
        w(d, "house/data/residue.toml", (ROOT / "rules" / "data" / "residue.toml").read_bytes())
        w(d, "a.en.txt", ARTICLE)
        return Case(["--isolated", "--rules", "house", "a.en.txt"], codes=(2,), err=err)
    return build


RULES = {
    "invalid_toml": ("id = \n", "HS901.toml:1: invalid TOML"),
    "id_int": (RULE_OK.replace('"HS901"', "5"), "HS901.toml:1: 'id' must be a non-empty string"),
    "kind_path": (RULE_OK.replace('"residue"', '"../../etc"'), "HS901.toml:3: invalid kind"),
    "kind_unknown": (RULE_OK.replace('"residue"', '"nothing_here"'), "HS901.toml:3: unknown kind"),
    "message_positional": (RULE_OK.replace("{text}", "{0}"), "HS901.toml:5: message"),
    "message_unbalanced": (RULE_OK.replace("{text}", "{text"), "HS901.toml:5: message"),
    "options_list": (RULE_OK + "options = [1]\n", "HS901.toml:7: 'options' must be a table"),
    "option_type": (RULE_OK + "[options]\nresidue = 5\n", "HS901.toml:8: option 'residue' must be str"),
    "data_missing": (RULE_OK + "[options]\nresidue = \"nowhere.toml\"\n", "HS901.toml:8: residue"),
    "binary": (b"\x00\x01\x02id", "HS901.toml:1:"),
    "duplicate_id": (RULE_OK.replace('"HS901"', '"TQ101"'), "duplicate rule id TQ101"),
    "examples_not_tables": (RULE_OK + "flag = [1]\n", "HS901.toml:7: 'flag'"),
    "huge_message": (RULE_OK.replace("residue {text}", "{" * 4999), "HS901.toml:5: message"),
}


def c_rule_data_regex_int(d):
    w(d, "house/HS901.toml", RULE_OK + '[options]\nresidue = "res.toml"\n')
    w(d, "house/res.toml", "[[pattern]]\nregex = 5\n")
    w(d, "a.en.txt", ARTICLE)
    return Case(["--isolated", "--rules", "house", "a.en.txt"], codes=(2,), err="res.toml:2: pattern 1")


def c_rule_data_file_beside_rule(d):
    w(d, "house/HS901.toml", RULE_OK + '[options]\nresidue = "residue.toml"\n')
    w(d, "house/residue.toml", '[[pattern]]\nregex = "^Follow us"\nkind = "follow-us"\n')
    w(d, "a.en.txt", ARTICLE + "Follow us\n")
    return Case(["--isolated", "--format", "json", "--rules", "house", "a.en.txt"], rules={"HS901"})


def c_rule_data_slow_regex(d):
    w(d, "house/HS901.toml", RULE_OK + '[options]\nresidue = "res.toml"\n')
    w(d, "house/res.toml", "[[pattern]]\nregex = '^(a|a)+$'\n")
    w(d, "a.en.txt", ARTICLE + "a" * 60 + "!\n")
    return Case(["--isolated", "--format", "json", "--select", "HS901", "--rules", "house", "a.en.txt"],
                rules={"HS901"})


def c_house_style_slow_form(d):
    w(d, "pairs.toml", "[[pair]]\nforms = ['(a|a)+b', 'US']\n")
    w(d, "tqcheck.toml", '[options.TQ405]\npairs = "pairs.toml"\n')
    w(d, "a.en.txt", ARTICLE + "a" * 60 + " US\n")
    return Case(["--format", "json", "--config", "tqcheck.toml", "--select", "TQ405", "a.en.txt"],
                rules={"TQ405"})


# ---- manifests -------------------------------------------------------------------------------

def _manifest(body: str, err: str):  # type: ignore[no-untyped-def]
    def build(d):
        w(d, "s/story.toml", body)
        w(d, "s/a.en.txt", ARTICLE)
        w(d, "s/b.en.txt", ARTICLE)
        return Case([*J, "."], codes=(2,), err=f"story.toml:{err}")
    return build


MANIFESTS = {
    "invalid_toml": ("id = [\n", "1: invalid TOML"),
    "files_int": ("files = 5\n", "1: 'files'"),
    "file_table_int": ('[files]\n"a.en.txt" = 5\n', "2: files"),
    "lang_int": ('[files."a.en.txt"]\nlang = 5\n', "2: files"),
    "role_int": ('[files."a.en.txt"]\ntranslation_of = 5\n', "2: files"),
    "id_empty": ('id = ""\n', "1: 'id'"),
    "unknown_key": ("colour = 1\n", "1: unknown key"),
    "role_self": ('[files."a.en.txt"]\ntranslation_of = "a.en.txt"\n', "2: translation_of"),
    "role_dangling": ('[files."a.en.txt"]\nreference_of = "zz.en.txt"\n', "2: reference_of"),
}


# ---- feeds ------------------------------------------------------------------------------------

FEEDS = {
    "not_json": (jl("{not json", {"id": "b", "text": ARTICLE}), {"TQ004"}),
    "top_level_array": (jl([1, 2, 3]), {"TQ002"}),
    "text_int": (jl({"id": "a", "text": 5}), {"TQ002"}),
    "fields_odd_types": (jl({"id": {"x": 1}, "title": [1], "story": [], "lang": 7, "text": ARTICLE}), set()),
    "huge_int": ('{"id": ' + "1" * 6000 + ', "text": "' + ARTICLE.strip() + '"}\n', set()),
    "huge_float": ('{"id": 1e999999, "text": "' + ARTICLE.strip() + '"}\n', set()),
    "deep_nesting": ("[" * 200_000 + "\n", {"TQ004"}),
    "deep_object": ('{"a":' * 50_000 + "1" + "}" * 50_000 + "\n", {"TQ004"}),
    "crlf": (jl({"id": "a", "text": ARTICLE}).replace("\n", "\r\n"), set()),
    "blank_lines_only": ("\n\n   \n\t\n", {"TQ002"}),
    "nul_in_string": (jl({"id": "a", "text": "The minister\u0000 said it."}), {"TQ303"}),
    "line_separators": ('{"id": "a", "text": "One.\u2028Two.\u2029Three.\u0085Four."}\n', set()),
    "duplicate_ids": (jl(*[{"id": "x", "story": "s", "text": ARTICLE * 6} for _ in range(4)]), {"TQ001"}),
    "role_cycle": (jl({"id": "a", "text": ARTICLE, "translation_of": "b"},
                      {"id": "b", "text": ARTICLE, "translation_of": "a"}), None),
    "bad_lang": (jl({"id": "a", "lang": "zz-not-a-language-" * 20, "text": ARTICLE}), set()),
}


def _feed(name: str):  # type: ignore[no-untyped-def]
    data, rules = FEEDS[name]

    def build(d):
        w(d, "feed.jsonl", data)
        if rules is None:
            return Case([*J, "."], codes=(2,), err="feed.jsonl:1: translation_of makes a loop")
        return Case([*J, "."], rules=rules)
    return build


# ---- pathological text shapes -----------------------------------------------------------------

# Sizes: long enough to expose quadratic work in a loader or a check (tens of thousands
# of characters, far past any article), small enough for the suite. At ten times these
# sizes several checks take minutes (see the closing note of issue 12).
SHAPES = {
    "no_spaces": "Talks" + "x" * 30_000 + ".\n",
    "repeated_word": "the " * 5_000 + "\n",
    "many_lines": "a\n" * 5_000,
    "one_long_line": (ARTICLE.strip() + " ") * 200 + "\n",
    "brackets": "(" * 20_000 + "\n",
    "quotes": "\"«„" * 5_000 + "\n",
    "mixed_scripts": "аaαאاअ中" * 2_000 + "\n",
    "combining_marks": "e" + "\u0301" * 10_000 + "\n",
    "controls": "".join(chr(c) for c in range(1, 32) if c not in (10, 13)) * 500 + "\n",
    "bidi_overrides": "\u202e\u2066abc\u2069" * 2_000 + "\n",
    "zero_width": "\u200b\u200c\u200d\ufeff" * 3_000 + "\n",
    "emoji": "😀👍🏽👨‍👩‍👧" * 2_000 + "\n",
    "numbers": "1,234.5 " * 4_000 + "\n",
    "html_entities": "&amp;amp;" * 3_000 + "\n",
    "tqcheck_markers": "<!-- tqcheck: ignore TQ3 -->" * 2_000 + "\n",
    "mojibake_dense": "Ã©â€™" * 4_000 + "\n",
    "front_matter_only": "---\nlang: en\ntranslation_of: a.en.txt\n",
    "front_matter_huge": "---\n" + "k: v\n" * 20_000 + "---\n" + ARTICLE,
}


def _shape(name: str):  # type: ignore[no-untyped-def]
    def build(d):
        w(d, "a.en.txt", SHAPES[name])
        return Case([*J, "."])
    return build


CASES: dict[str, Callable[[Path], Case]] = {
    name[2:]: fn for name, fn in list(globals().items()) if name.startswith("c_") and callable(fn)}
CASES.update({f"encoding_{k}": _encoding_case(k) for k in ENCODINGS})
CASES.update({f"config_{k}": _cfg(*v) for k, v in CONFIGS.items()})
CASES.update({f"rule_{k}": _rule(*v) for k, v in RULES.items()})
CASES.update({f"manifest_{k}": _manifest(*v) for k, v in MANIFESTS.items()})
CASES.update({f"feed_{k}": _feed(k) for k in FEEDS})
CASES.update({f"shape_{k}": _shape(k) for k in SHAPES})


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile(name, worker, tmp_path):
    d = tmp_path / "case"
    d.mkdir()
    case = CASES[name](d)
    try:
        before = _snapshot(d)
        res = worker.call(case.argv, d, CASE_TIMEOUT)
        assert res["tb"] is None, res["tb"]
        assert "Traceback" not in res["err"], res["err"]
        assert res["code"] in case.codes, (res["code"], res["err"][-2000:])
        if res["code"] == 2:
            assert res["err"].strip() and case.err in res["err"], res["err"]
            assert "\n" not in res["err"].strip(), res["err"]  # one line: file:line: message
        elif "json" in case.argv:
            found = {f["rule_id"] for f in json.loads(res["out"])["findings"]}
            assert case.rules <= found, (case.rules, found)
        assert _snapshot(d) == before, "an input changed without --fix"
    finally:
        if case.cleanup is not None:
            case.cleanup()


# ---- permissions: as an unprivileged user -------------------------------------------------------

PERMS = {
    "unreadable_file": (lambda d: (w(d, "a.en.txt", ARTICLE).chmod(0o000), d)[1], [*J, "."], {"TQ001"}, 1),
    "unreadable_folder": (lambda d: (w(d, "sub/a.en.txt", ARTICLE), (d / "sub").chmod(0o000), d)[2],
                          [*J, "."], {"TQ001"}, 1),
    "unreadable_named_folder": (lambda d: (w(d, "sub/a.en.txt", ARTICLE), (d / "sub").chmod(0o000), d)[2],
                                [*J, "sub"], {"TQ001"}, 1),
    "untraversable_folder": (lambda d: (w(d, "sub/a.en.txt", ARTICLE), (d / "sub").chmod(0o444), d)[2],
                             [*J, "."], {"TQ001"}, 1),
    "unreadable_manifest": (lambda d: (w(d, "story.toml", 'id = "s"\n').chmod(0o000),
                                       w(d, "a.en.txt", ARTICLE), d)[2], [*J, "."], "story.toml:1:", 2),
    "unreadable_config": (lambda d: (w(d, "tqcheck.toml", "").chmod(0o000), w(d, "a.en.txt", ARTICLE), d)[2],
                          ["--format", "json", "a.en.txt"], "tqcheck.toml:1:", 2),
    "read_only_fix": (lambda d: (w(d, "a.en.txt", "It\x92s fine.\n").chmod(0o444), d)[1],
                      ["--isolated", "--fix", "a.en.txt"], "read-only", 2),
}


@pytest.mark.parametrize("name", sorted(PERMS))
def test_hostile_permissions(name):
    build, argv, want, code = PERMS[name]
    top = shared_tmp()
    try:
        d = top
        build(d)
        before = _snapshot(d)
        r = run(*argv, cwd=d, unprivileged=True, timeout=CASE_TIMEOUT)
        clean_end(r)
        assert r.returncode in ((0, 1) if code == 1 else (2,)), r.stderr
        if code == 2:
            assert want in r.stderr, r.stderr
        else:
            assert want <= {f["rule_id"] for f in json.loads(r.stdout)["findings"]}
        assert _snapshot(d) == before
    finally:
        for p in [top, *top.rglob("*")]:
            if not p.is_symlink():
                p.chmod(0o777)
        import shutil

        shutil.rmtree(top)
