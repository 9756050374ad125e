"""Garbled text (TQ3xx/TQ4xx): recall and false positives on real data.

``python -m tqcheck.eval garbled [DEVSET]`` (default ../shared/devset):

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
    from ..rules import builtin_dir, load_dirs

    return [r for r in load_dirs([builtin_dir()]) if r.id in ids]


def make_ctx() -> Any:
    from ..config import Config
    from ..engine import Context

    return Context(config=Config())


def flags(text: str, lang: str | None, rules: list[Any], ctx: Any, doc_id: str = "case") -> list[str]:
    """Ids of the rules that flag ``text`` as a one-document article."""
    from ..corpus.txt import from_text

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


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "n/a"


def main(argv: list[str]) -> int:
    label_path = default_labels()
    rest = []
    for a in argv:
        if a.startswith("--labels="):
            label_path = Path(a.split("=", 1)[1])
        else:
            rest.append(a)
    argv = rest
    devset = Path(argv[0]) if argv else _default_devset()
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
