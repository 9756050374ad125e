"""Garbled text (TQ3xx/TQ4xx): recall and false positives on real data.

``python -m tools.eval garbled [DEVSET]`` (default ../shared/devset):

1. ``mojibake.jsonl`` (ftfy's test cases): for each case, is it flagged by TQ301
   alone, and by any damaged-text rule (TQ301-TQ306)? Recall on the ``is_garbled``
   cases, false positives on the clean look-alikes. The control-character rule is also
   scored against the ``has_control_chars`` label, since ftfy's "clean" cases include
   text with deliberate C1/C0 controls that a newsroom does want flagged.
2. ``lid/lingua-sentences`` (75 languages x 500 real sentences): the share of clean
   sentences flagged by ANY article rule of issue 5 (TQ301-TQ311, TQ401, TQ402,
   TQ404, TQ405), each sentence checked as a one-line article in its declared
   language, with the rules that flag most, and the sentences, listed.
   These web sentences are not all clean: ``tests/data/lingua-damaged.tsv`` lists, by
   language and line number, the ones a person read and found damaged (mojibake,
   control characters, entities, stray spaces, doubled words, web residue...). The
   table gives (a) the raw flag rate of the default-on rules, (b) their flag rate on
   the sentences NOT labelled damaged, i.e. the false-positive rate, and (c) how many
   labelled damaged sentences they find. ``--labels PATH`` reads another label file.

``python -m tools.eval garbled --codepages [DEVSET] [PER_LANGUAGE]`` measures
mojibake of one single-byte code page read as another instead ("Ïðåçèäåíò" for
"Президент"), which ftfy's cases do not cover. For every (written, read) pair of
``CODEPAGE_CASES`` and every lingua language written in that code page, the first
PER_LANGUAGE (default 40) sentences that the code page can encode, that come out
different when read the wrong way, and that are not labelled damaged are encoded and
decoded wrongly (a byte the reading code page leaves undefined becomes the C1 control
of that value, as Latin-1 would read it). Each is checked as a one-line article in its
declared language: a TQ301 finding is a hit; "repaired" counts the hits whose
suggestion gives back the sentence exactly. False positives: TQ301 on every lingua
sentence of all 75 languages that is not labelled damaged, checked in its language.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ISSUE_RULES = ("TQ301", "TQ302", "TQ303", "TQ304", "TQ305", "TQ306", "TQ307", "TQ308", "TQ309",
               "TQ310", "TQ311", "TQ401", "TQ402", "TQ404", "TQ405")
DAMAGE_RULES = ("TQ301", "TQ302", "TQ303", "TQ304", "TQ305", "TQ306")


def _default_devset() -> Path:
    return Path(__file__).resolve().parent.parent.parent.parent / "shared" / "devset"


def load_rules(ids: tuple[str, ...]) -> list[Any]:
    from tqcheck.engine.rules import builtin_dir, load_dirs

    return [r for r in load_dirs([builtin_dir()]) if r.id in ids]


def make_ctx() -> Any:
    from tqcheck.engine import Context

    return Context()


def flags(text: str, lang: str | None, rules: list[Any], ctx: Any, doc_id: str = "case") -> list[str]:
    """Ids of the rules that flag ``text`` as a one-document article."""
    from tqcheck.corpus.txt import from_text

    doc = from_text(doc_id, text, lang=lang)
    out = []
    for r in rules:
        if r.scope != "article":
            continue
        if next(iter(r.module.check(doc, r.options, ctx)), None) is not None:
            out.append(r.id)
    return out


def mojibake_table(path: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    rules = load_rules(DAMAGE_RULES)
    ctx = make_ctx()
    res: dict[str, Any] = {"garbled": 0, "clean": 0, "tq301_hit": 0, "tq301_fp": 0, "any_hit": 0,
                           "any_fp": 0, "ctrl_pos": 0, "ctrl_hit": 0, "ctrl_neg": 0, "ctrl_fp": 0,
                           "enc_hit": 0, "enc_fp": 0, "missed": [], "fps": []}
    for row in rows:
        got = flags(row["garbled"], None, rules, ctx)
        t301 = "TQ301" in got
        enc = t301 or "TQ303" in got  # encoding damage: mojibake or C1 bytes
        if row["is_garbled"]:
            res["garbled"] += 1
            res["enc_hit"] += enc
            res["tq301_hit"] += t301
            res["any_hit"] += bool(got)
            if not got:
                res["missed"].append(row["garbled"])
        else:
            res["clean"] += 1
            res["tq301_fp"] += t301
            res["enc_fp"] += enc
            res["any_fp"] += bool(got)
            if got:
                res["fps"].append((row["garbled"], got))
        ctrl = "TQ303" in got
        if row["has_control_chars"]:
            res["ctrl_pos"] += 1
            res["ctrl_hit"] += ctrl
        else:
            res["ctrl_neg"] += 1
            res["ctrl_fp"] += ctrl
    return res


def default_labels() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "tests" / "data" / "lingua-damaged.tsv"


def load_labels(path: Path) -> dict[tuple[str, int], str]:
    """(language, 1-based line) -> kind of damage, from a lingua-damaged.tsv file."""
    out: dict[tuple[str, int], str] = {}
    if not path.is_file():
        return out
    for row in path.read_text(encoding="utf-8").split("\n"):
        if not row.strip() or row.startswith(("#", "lang\t")):
            continue
        lang, line, kind, _reason = row.split("\t", 3)
        out[(lang, int(line))] = kind
    return out


def lingua_table(folder: Path, limit: int | None = None, labels: dict[tuple[str, int], str] | None = None,
                 ids: tuple[str, ...] = ISSUE_RULES) -> dict[str, Any]:
    rules = load_rules(ids)
    ctx = make_ctx()
    labels = labels or {}
    default_on = {r.id for r in rules if r.enabled}
    total = flagged = 0
    by_rule: Counter[str] = Counter()
    fp_rule: Counter[str] = Counter()
    by_lang: Counter[str] = Counter()
    examples: list[tuple[str, int, str, list[str]]] = []
    clean = fp = damaged = found = 0
    missed: list[tuple[str, int, str]] = []
    for f in sorted(folder.glob("*.txt")):
        lang = f.stem
        lines_ = f.read_text(encoding="utf-8").split("\n")
        n = 0
        for no, s in enumerate(lines_, 1):
            if not s.strip():
                continue
            n += 1
            if limit is not None and n > limit:
                break
            total += 1
            got = flags(s, lang, rules, ctx)
            on = bool(default_on & set(got))
            kind = labels.get((lang, no))
            if kind is None:
                clean += 1
                fp += on
                if on:
                    fp_rule.update(r for r in got if r in default_on)
            else:
                damaged += 1
                found += on
                if not on:
                    missed.append((lang, no, kind))
            if got:
                flagged += 1
                by_lang[lang] += 1
                by_rule.update(got)
                examples.append((lang, no, s, got))
    flagged_default = sum(1 for _l, _n, _s, got in examples if default_on & set(got))
    return {"total": total, "flagged": flagged, "by_rule": by_rule, "by_lang": by_lang,
            "examples": examples, "flagged_default": flagged_default,
            "opt_in": sorted(r.id for r in rules if not r.enabled), "default_on": default_on,
            "clean": clean, "fp": fp, "fp_rule": fp_rule, "damaged": damaged, "found": found,
            "missed": missed, "labels": labels}


# (written in, read as) -> lingua languages written in that code page. Grouped by
# what the reader sees: Cyrillic, Greek or Central European text shown as Western
# letters, and the reverse and the Cyrillic-Cyrillic confusions.
CODEPAGE_CASES: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    "Cyrillic": {("cp1251", "cp1252"): ("ru", "uk", "bg", "mk", "be", "sr"),
                 ("koi8_r", "cp1252"): ("ru", "bg"), ("koi8_u", "cp1252"): ("uk",),
                 ("iso8859_5", "latin-1"): ("ru", "bg", "mk", "sr"), ("cp866", "cp1252"): ("ru",)},
    "Greek": {("cp1253", "cp1252"): ("el",), ("iso8859_7", "latin-1"): ("el",)},
    "Central European": {("cp1250", "cp1252"): ("pl", "cs", "sk", "sl", "hr", "bs", "hu", "ro", "sq"),
                         ("iso8859_2", "latin-1"): ("pl", "cs", "sk", "sl", "hr", "hu", "ro")},
    "Baltic, Turkish, Hebrew, Arabic": {("cp1257", "cp1252"): ("lt", "lv", "et"),
                                        ("cp1254", "cp1252"): ("tr", "az"),
                                        ("cp1255", "cp1252"): ("he",),
                                        ("cp1256", "cp1252"): ("ar", "fa", "ur")},
    "Western read as another": {("cp1252", "cp1251"): ("fr", "de", "es", "pt", "it"),
                                ("cp1252", "cp1253"): ("fr", "de", "es", "pt", "it"),
                                ("cp1252", "cp1250"): ("fr", "es", "pt", "it", "ca")},
    "Cyrillic read as Cyrillic": {("koi8_r", "cp1251"): ("ru",), ("cp1251", "koi8_r"): ("ru",),
                                  ("cp866", "cp1251"): ("ru",)},
}


def misread(s: str, written: str, read: str) -> str | None:
    """``s`` encoded in ``written`` and decoded as ``read``; None when ``written``
    cannot encode it. Bytes ``read`` leaves undefined become C1 controls (as Latin-1)."""
    try:
        raw = s.encode(written)
    except UnicodeEncodeError:
        return None
    out = []
    for b in raw:
        try:
            out.append(bytes([b]).decode(read))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def codepage_table(folder: Path, per_lang: int, labels: dict[tuple[str, int], str]) -> dict[str, Any]:
    from tqcheck.corpus.txt import from_text

    rule = load_rules(("TQ301",))[0]
    ctx = make_ctx()

    def finding(text: str, lang: str | None) -> tuple[bool, str]:
        doc = from_text("case", text, lang=lang)
        hits = list(rule.module.check(doc, rule.options, ctx))
        fixed = text
        for h in sorted(hits, key=lambda h: -h.start):
            if h.suggestion is not None:
                fixed = fixed[:h.start] + h.suggestion + fixed[h.end:]
        return bool(hits), fixed

    sents: dict[str, list[tuple[int, str]]] = {}
    for f in sorted(folder.glob("*.txt")):
        sents[f.stem] = [(no, s.strip()) for no, s in enumerate(f.read_text(encoding="utf-8").split("\n"), 1)
                         if s.strip() and (f.stem, no) not in labels]
    rows = []
    for group, cases in CODEPAGE_CASES.items():
        for (written, read), langs_ in cases.items():
            for lang in langs_:
                n = hit = repaired = 0
                misses: list[str] = []
                for _no, s in sents.get(lang, []):
                    g = misread(s, written, read)
                    if g is None or g == s:
                        continue
                    n += 1
                    flagged, fixed = finding(g, lang)
                    hit += flagged
                    repaired += flagged and fixed == s
                    if not flagged and len(misses) < 2:
                        misses.append(g)
                    if n >= per_lang:
                        break
                rows.append((group, written, read, lang, n, hit, repaired, misses))
    clean = fp = 0
    fp_lang: Counter[str] = Counter()
    fps: list[tuple[str, int, str]] = []
    for lang, items in sents.items():
        for no, s in items:
            clean += 1
            if finding(s, lang)[0]:
                fp += 1
                fp_lang[lang] += 1
                fps.append((lang, no, s))
    return {"rows": rows, "clean": clean, "fp": fp, "fp_lang": fp_lang, "fps": fps,
            "languages": len(sents)}


def print_codepages(t: dict[str, Any]) -> None:
    print("legacy code pages: lingua sentences encoded in one single-byte code page and read as another")
    print("| group | pair (written -> read) | languages | sentences | flagged | recall | repaired exactly |")
    print("|---|---|---|---|---|---|---|")
    groups: dict[str, list[int]] = {}
    for group, cases in CODEPAGE_CASES.items():
        for (written, read), _langs in cases.items():
            rs = [r for r in t["rows"] if r[0] == group and r[1] == written and r[2] == read]
            n, hit, rep = (sum(r[k] for r in rs) for k in (4, 5, 6))
            langs_ = ", ".join(f"{r[3]} {r[5]}/{r[4]}" for r in rs if r[4])
            g = groups.setdefault(group, [0, 0, 0])
            g[0] += n
            g[1] += hit
            g[2] += rep
            print(f"| {group} | {written} -> {read} | {langs_} | {n} | {hit} | {pct(hit, n)} "
                  f"| {pct(rep, n)} |")
    print("\n| group | sentences | recall | repaired exactly | target |\n|---|---|---|---|---|")
    for group, (n, hit, rep) in groups.items():
        target = ">= 90%" if group in ("Cyrillic", "Greek", "Central European") else ""
        print(f"| {group} | {n} | {hit}/{n} = {pct(hit, n)} | {pct(rep, n)} | {target} |")
    print(f"\n| TQ301 false positives on clean lingua sentences ({t['languages']} languages, "
          f"not labelled damaged) | {t['fp']}/{t['clean']} | {pct(t['fp'], t['clean'])} |")
    print("\nfalse positives by language: " + ", ".join(f"{k} {v}" for k, v in sorted(t["fp_lang"].items())))
    for lang, no, s in t["fps"][:40]:
        print(f"  {lang}:{no} {s[:110]!r}")
    print("missed (first two per language and pair):")
    for group, written, read, lang, _n, _h, _r, misses in t["rows"]:
        for m in misses:
            print(f"  {written}->{read} {lang} {m[:100]!r}")


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "n/a"


def main(argv: list[str]) -> int:
    label_path = default_labels()
    rest = []
    codepages = False
    for a in argv:
        if a.startswith("--labels="):
            label_path = Path(a.split("=", 1)[1])
        elif a == "--codepages":
            codepages = True
        else:
            rest.append(a)
    argv = rest
    devset = Path(argv[0]) if argv else _default_devset()
    if codepages:
        lingua = devset / "lid" / "lingua-sentences"
        if not lingua.is_dir():
            print(f"devset not found under {devset}")
            return 2
        per_lang = int(argv[1]) if len(argv) > 1 else 40
        print_codepages(codepage_table(lingua, per_lang, load_labels(label_path)))
        return 0
    moj = devset / "mojibake.jsonl"
    lingua = devset / "lid" / "lingua-sentences"
    if not moj.is_file() or not lingua.is_dir():
        print(f"devset not found under {devset}")
        return 2
    m = mojibake_table(moj)
    print("mojibake.jsonl (ftfy test cases)")
    print("| measure | count | rate | target |\n|---|---|---|---|")
    print(f"| TQ301 recall on garbled | {m['tq301_hit']}/{m['garbled']} | {pct(m['tq301_hit'], m['garbled'])} | >= 95% |")
    print(f"| TQ301 false positives on clean look-alikes | {m['tq301_fp']}/{m['clean']} | {pct(m['tq301_fp'], m['clean'])} | 0 |")
    print(f"| TQ301+TQ303 recall on garbled | {m['enc_hit']}/{m['garbled']} | {pct(m['enc_hit'], m['garbled'])} | >= 95% |")
    print(f"| TQ301+TQ303 flags on clean look-alikes | {m['enc_fp']}/{m['clean']} | {pct(m['enc_fp'], m['clean'])} | |")
    print(f"| TQ301-TQ306 recall on garbled | {m['any_hit']}/{m['garbled']} | {pct(m['any_hit'], m['garbled'])} | |")
    print(f"| TQ301-TQ306 flags on clean look-alikes | {m['any_fp']}/{m['clean']} | {pct(m['any_fp'], m['clean'])} | |")
    print(f"| TQ303 recall on has_control_chars | {m['ctrl_hit']}/{m['ctrl_pos']} | {pct(m['ctrl_hit'], m['ctrl_pos'])} | |")
    print(f"| TQ303 flags without control chars | {m['ctrl_fp']}/{m['ctrl_neg']} | {pct(m['ctrl_fp'], m['ctrl_neg'])} | |")
    print("\nmissed garbled cases:")
    for s in m["missed"]:
        print(f"  {s[:90]!r}")
    print("clean look-alikes flagged (by any of TQ301-TQ306):")
    for s, got in m["fps"]:
        print(f"  {','.join(got)}  {s[:80]!r}")
    lim = None
    if len(argv) > 1:
        lim = int(argv[1])
    labels = load_labels(label_path)
    t = lingua_table(lingua, lim, labels)
    print(f"\nlingua-sentences: {t['total']} web sentences, {len(list(lingua.glob('*.txt')))} languages; "
          f"{t['damaged']} labelled damaged in {label_path.name} ({len(labels)} labels)")
    print("| measure | count | rate | target |\n|---|---|---|---|")
    print(f"| (a) raw: flagged by any default-on rule (without opt-in {', '.join(t['opt_in'])}) "
          f"| {t['flagged_default']}/{t['total']} | {pct(t['flagged_default'], t['total'])} | |")
    print(f"| (b) false positives: flagged, not labelled damaged | {t['fp']}/{t['clean']} "
          f"| {pct(t['fp'], t['clean'])} | <= 0.1% |")
    print(f"| (c) labelled damaged sentences found | {t['found']}/{t['damaged']} "
          f"| {pct(t['found'], t['damaged'])} | |")
    print(f"| raw, incl. opt-in rules | {t['flagged']}/{t['total']} | {pct(t['flagged'], t['total'])} | |")
    print("\n| rule | sentences flagged | of them not labelled damaged |\n|---|---|---|")
    for rid, n in sorted(t["by_rule"].items()):
        extra = "" if rid in t["default_on"] else " (opt-in)"
        fpn = t["fp_rule"].get(rid, 0) if rid in t["default_on"] else "-"
        print(f"| {rid}{extra} | {n} ({pct(n, t['total'])}) | {fpn} |")
    print("\nfalse positives (default-on rules, sentence not labelled damaged):")
    for lang, no, s, got in t["examples"]:
        on = [r for r in got if r in t["default_on"]]
        if on and (lang, no) not in t["labels"]:
            print(f"  {lang}:{no} {','.join(on)}  {s[:110]!r}")
    print("labelled damaged sentences not found:")
    for lang, no, kind in t["missed"]:
        print(f"  {lang}:{no} {kind}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
