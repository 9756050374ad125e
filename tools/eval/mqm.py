"""Real MT drafts with expert error marks (MQM): do tqcheck's findings point at real errors?

``python -m tools.eval mqm [DEVSET] [--set NAME] [--rules] [--show RULE] [--limit-systems N]
[--by-segment]``

Data: ``DEVSET/mqm/<set>/`` (``en-de-wmt23-news``: WMT23 English to German news, 9
systems and a human reference; ``zh-en-wmt21-ted``: WMT21 TED talks, Chinese to English,
13 systems and two references), where professional translators marked every error with
a category, a severity and a span (``mqm/README.md``).

Each system's output of each document becomes a story of two versions, as a newsroom
would hold them: the source article (one segment per line) and the system's draft,
declared ``translation_of`` the source (with ``--by-segment``, paired segment by
segment as the versions of an XLIFF file are, ``tqcheck.corpus.pairs.segment_alignment``;
this also runs the bilingual-file rules TQ705/TQ706, and drops TQ401, which does not
look at the last unit of a bilingual file). Every default rule runs, exactly as
``tqcheck`` runs them. A finding on the draft is then placed on its segment (its
line) and judged against the experts' marks on that segment:

- **on a marked span**: it overlaps a target-side span of any severity;
- **on a Major segment**: the segment has a Major (or Critical) error anywhere;
- **hit**: either of the two. This is the precision figure the project targets.

Chance is what the same findings would score if each were dropped, at its own length,
on a uniformly random position of a uniformly random draft segment: a random finding
on a Major segment is a hit, elsewhere it is one with the probability that a random
window of its length overlaps a marked span. **Lift** is precision over chance, so 1.0
means "no better than pointing anywhere". The plain segment base rate (share of draft
segments with a Major error) and the lift over it are printed too.

Recall is per error class a linter can catch, as a share of the draft segments the
experts marked with that class on which tqcheck has a warning or error:

- ``non-translation``: the experts' Non-translation and Untranslated text categories
  (a segment that is not a translation of its source at all);
- ``source-fragment``: Major "Source language fragment" marks: source words left in
  the draft ("Lender Watch", "President's Cup" in German), mostly capitalised terms
  that professional translators also keep at times;
- ``source-script``: drafts that contain letters of the source's script (Han in
  zh-en), whatever the experts called them;
- ``numbers``: Mistranslation spans that contain a digit or a numeral;
- ``omission``: Major omissions (marked on the source side);

Clean text: the human references (``refA``, ``ref``, ``refB``) and the source
articles are checked the same way, and their warnings and errors per 20 segments are
printed (the target is at most 1). Info findings are listed apart and never counted.
The same data and options give the same table, byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.eval.garbled import _default_devset

SETS = {"en-de-wmt23-news": ("en", "de"), "zh-en-wmt21-ted": ("zh", "en")}
REFERENCES = ("refA", "ref", "refB")
COUNTED = ("warning", "error")
CLASSES = ("non-translation", "source-fragment", "source-script", "numbers", "omission")
_NUMERAL = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿兆]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Segment:
    system: str
    doc: str
    index: int  # 0-based position in its document
    source: str
    target: str
    major: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # target side
    classes: set[str] = field(default_factory=set)


def _rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _unescape(s: str) -> str:
    return s.replace("\\t", "\t").replace("\\n", " ").replace('\\"', '"')


def load_set(folder: Path) -> dict[str, dict[str, list[Segment]]]:
    """system -> doc -> segments in document order, with the experts' marks."""
    sources = {r["global_seg_id"]: r for r in _rows(folder / "sources.tsv")}
    segs: dict[tuple[str, str], Segment] = {}
    out: dict[str, dict[str, list[Segment]]] = defaultdict(lambda: defaultdict(list))
    order = sorted(sources.values(), key=lambda r: int(r["global_seg_id"]))
    positions: dict[str, int] = {}
    per_doc: Counter[str] = Counter()
    for r in order:
        positions[r["global_seg_id"]] = per_doc[r["doc"]]
        per_doc[r["doc"]] += 1
    for r in _rows(folder / "targets.tsv"):
        src = sources[r["global_seg_id"]]
        seg = Segment(r["system"], src["doc"], positions[r["global_seg_id"]],
                      _unescape(src["source"]), _unescape(r["target"]))
        segs[(r["system"], r["global_seg_id"])] = seg
    for r in _rows(folder / "spans.tsv"):
        seg = segs.get((r["system"], r["global_seg_id"]))
        if seg is None or r["severity"] == "No-error":
            continue
        major = r["severity"] in ("Major", "Critical")
        cat = r["category"]
        if major:
            seg.major = True
        if r["side"] == "target" and r["start"] and r["end"]:
            a, b = int(r["start"]), int(r["end"])
            if b > a:
                seg.spans.append((a, b))
            if cat.startswith("Accuracy/Mistranslation") and _NUMERAL.search(r["span_text"]):
                seg.classes.add("numbers")
        if "Non-translation" in cat or "Untranslated" in cat:
            seg.classes.add("non-translation")
        elif "Source language fragment" in cat and major:
            seg.classes.add("source-fragment")
        if "Omission" in cat and major:
            seg.classes.add("omission")
    for seg in segs.values():
        if _HAN.search(seg.target) and _HAN.search(seg.source):
            seg.classes.add("source-script")
        out[seg.system][seg.doc].append(seg)
    for docs in out.values():
        for doc in docs.values():
            doc.sort(key=lambda s: s.index)
    return out


def _stories(system: str, docs: dict[str, list[Segment]], src: str, tgt: str,
             by_segment: bool = False) -> list[Any]:
    from tqcheck.corpus import Story
    from tqcheck.corpus.txt import from_text

    stories = []
    for doc_id, segs in sorted(docs.items()):
        source_id = f"{doc_id}/source.{src}.txt"
        target_id = f"{doc_id}/{system}.{tgt}.txt"
        source = from_text(source_id, "".join(s.source + "\n" for s in segs), lang=src)
        target = from_text(target_id, "".join(s.target + "\n" for s in segs), lang=tgt)
        target.role, target.of = "translation_of", source_id
        if by_segment:  # as a bilingual file holds them: segment i translates segment i
            for d, texts in ((source, [s.source for s in segs]), (target, [s.target for s in segs])):
                d.meta["bilingual"] = f"{system}/{doc_id}"
                d.meta["segments"] = _segment_meta(texts)
        stories.append(Story(id=f"{system}/{doc_id}", documents=[source, target], explicit=True))
    return stories


def _segment_meta(texts: list[str]) -> list[dict[str, Any]]:
    out, pos = [], 0
    for i, t in enumerate(texts, 1):
        out.append({"id": str(i), "start": pos, "end": pos + len(t), "tags": [], "line": i,
                    "translate": True})
        pos += len(t) + 1
    return out


def run_system(system: str, docs: dict[str, list[Segment]], src: str, tgt: str,
               ruleset: list[Any], by_segment: bool = False) -> list[dict[str, Any]]:
    from tqcheck.engine.config import Config
    from tqcheck.engine import run_stories

    report = run_stories(_stories(system, docs, src, tgt, by_segment), Config(), ruleset)
    return report.findings.to_dicts()


@dataclass
class Judged:
    rule: str
    severity: str
    system: str
    side: str  # "target" or "source"
    seg: Segment | None
    span: bool
    major: bool
    text: str
    length: int
    message: str


def judge(findings: list[dict[str, Any]], docs: dict[str, list[Segment]], system: str) -> list[Judged]:
    out = []
    for f in findings:
        doc_id, _, name = f["path"].rpartition("/")
        segs = docs[doc_id]
        side = "source" if name.startswith("source.") else "target"
        i = f["line"] - 1
        seg = segs[i] if 0 <= i < len(segs) else None
        span = major = False
        a = b = 0
        if seg is not None:
            a = f["column"] - 1
            b = f["end_column"] - 1 if f["end_line"] == f["line"] else len(seg.target)
            b = max(b, a + 1)
            if side == "target":
                span = any(x < b and a < y for x, y in seg.spans)
                major = seg.major
        out.append(Judged(f["rule_id"], f["severity"], system, side, seg, span, major,
                          f["text"][:80], b - a, f["message"]))
    return out


def chance(lengths: list[int], segments: list[Segment]) -> float:
    """Expected hit rate of findings of these lengths dropped on random draft segments."""
    if not lengths or not segments:
        return 0.0
    by_len = Counter(lengths)
    total = 0.0
    for length, n in by_len.items():
        p = 0.0
        for seg in segments:
            if seg.major:
                p += 1.0
                continue
            size = len(seg.target)
            if not seg.spans or size == 0:
                continue
            starts = max(1, size - length + 1)
            covered = set()
            for x, y in seg.spans:
                covered.update(range(max(0, x - length + 1), min(starts, y)))
            p += len(covered) / starts
        total += n * p / len(segments)
    return total / len(lengths)


def pct(a: float, b: float) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def evaluate(folder: Path, limit_systems: int | None = None, by_segment: bool = False) -> dict[str, Any]:
    from tqcheck.engine.config import Config
    from tqcheck.engine import build_rules

    src, tgt = SETS[folder.name]
    data = load_set(folder)
    ruleset = build_rules(Config())
    systems = sorted(data)
    if limit_systems:
        mts = [s for s in systems if s not in REFERENCES][:limit_systems]
        systems = sorted(mts + [s for s in systems if s in REFERENCES])
    judged: list[Judged] = []
    for system in systems:
        judged += judge(run_system(system, data[system], src, tgt, ruleset, by_segment),
                        data[system], system)
    segments = {s: [seg for doc in data[s].values() for seg in doc] for s in systems}
    return {"name": folder.name, "systems": systems, "segments": segments, "judged": judged}


def _draft(system: str) -> bool:
    return system not in REFERENCES


def summary(res: dict[str, Any]) -> dict[str, Any]:
    """The figures of one set (or of several, merged)."""
    judged = [j for j in res["judged"] if j.severity in COUNTED]
    drafts = [j for j in judged if _draft(j.system) and j.side == "target"]
    draft_segs = [seg for s, segs in res["segments"].items() if _draft(s) for seg in segs]
    hits = sum(j.span or j.major for j in drafts)
    base = sum(s.major for s in draft_segs) / len(draft_segs) if draft_segs else 0.0
    ch = chance([j.length for j in drafts], draft_segs)
    major = sum(j.major for j in drafts)
    flagged = {(j.system, j.seg.doc, j.seg.index) for j in drafts if j.seg is not None}
    recall = {}
    for cls in CLASSES:
        marked = [s for s in draft_segs if cls in s.classes]
        found = sum((s.system, s.doc, s.index) in flagged for s in marked)
        recall[cls] = (found, len(marked))
    clean = {}
    for s, segs in res["segments"].items():
        if not _draft(s):
            n = sum(1 for j in judged if j.system == s and j.side == "target")
            clean[s] = (n, len(segs))
    first = res["systems"][0] if res["systems"] else None
    src_n = sum(1 for j in judged if j.system == first and j.side == "source")
    src_segs = len(res["segments"].get(first, [])) if first else 0
    return {"drafts": drafts, "n_segs": len(draft_segs), "hits": hits, "major": major,
            "spans": sum(j.span for j in drafts), "base": base, "chance": ch,
            "recall": recall, "clean": clean, "source": (src_n, src_segs),
            "info": sum(1 for j in res["judged"] if j.severity == "info")}


def print_summary(name: str, s: dict[str, Any]) -> None:
    n = len(s["drafts"])
    prec = s["hits"] / n if n else 0.0
    print(f"\n## {name}: {s['n_segs']} draft segments, {n} warnings/errors on drafts "
          f"({s['info']} info findings not counted)")
    print(f"  hit (marked span or Major segment)  {s['hits']}/{n} = {pct(s['hits'], n)}"
          f"   chance {100 * s['chance']:.1f}%   lift {prec / s['chance'] if s['chance'] else 0:.2f}")
    print(f"  on a marked span                    {s['spans']}/{n} = {pct(s['spans'], n)}")
    mp = s["major"] / n if n else 0.0
    print(f"  on a Major segment                  {s['major']}/{n} = {pct(s['major'], n)}"
          f"   base rate {100 * s['base']:.1f}%   lift {mp / s['base'] if s['base'] else 0:.2f}")
    print("  recall (draft segments flagged / marked):")
    for cls, (a, b) in s["recall"].items():
        print(f"    {cls:16s} {a}/{b} = {pct(a, b)}")
    print("  clean text (warnings/errors per 20 segments):")
    for sysname, (a, b) in sorted(s["clean"].items()):
        print(f"    {sysname:16s} {a} in {b} segments = {20 * a / b if b else 0:.2f}")
    a, b = s["source"]
    print(f"    {'source':16s} {a} in {b} segments = {20 * a / b if b else 0:.2f}")


def print_rules(s: dict[str, Any], clean_findings: list[Judged]) -> None:
    per: dict[str, list[Judged]] = defaultdict(list)
    for j in s["drafts"]:
        per[j.rule].append(j)
    clean = Counter(j.rule for j in clean_findings)
    print(f"\n  {'rule':7s} {'drafts':>6s} {'hit':>7s} {'span':>7s} {'major':>7s} {'clean':>6s}")
    for rule in sorted(set(per) | set(clean)):
        js = per.get(rule, [])
        n = len(js)
        print(f"  {rule:7s} {n:6d} {pct(sum(j.span or j.major for j in js), n):>7s} "
              f"{pct(sum(j.span for j in js), n):>7s} {pct(sum(j.major for j in js), n):>7s} "
              f"{clean.get(rule, 0):6d}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.eval mqm", description=__doc__.split("\n")[0])
    ap.add_argument("devset", nargs="?", type=Path, default=_default_devset())
    ap.add_argument("--set", choices=sorted(SETS), action="append", help="default: both")
    ap.add_argument("--rules", action="store_true", help="a table per rule")
    ap.add_argument("--show", metavar="RULE", help="list this rule's findings, judged")
    ap.add_argument("--limit-systems", type=int, metavar="N", help="only the first N MT systems")
    ap.add_argument("--by-segment", action="store_true",
                    help="pair source and draft segment by segment, as an XLIFF file would "
                         "(default: sentence alignment, as two articles)")
    args = ap.parse_args(argv)
    folder = args.devset / "mqm"
    if not folder.is_dir():
        print(f"no MQM data at {folder}", file=sys.stderr)
        return 2
    results = [evaluate(folder / name, args.limit_systems, args.by_segment)
               for name in (args.set or sorted(SETS))]
    merged = {"judged": [], "segments": {}, "systems": []}
    for res in results:
        s = summary(res)
        print_summary(res["name"], s)
        clean = [j for j in res["judged"] if j.severity in COUNTED and
                 (not _draft(j.system) and j.side == "target")]
        if args.rules:
            print_rules(s, clean)
        merged["judged"] += [j for j in res["judged"] if _draft(j.system)]
        merged["segments"].update({f"{res['name']}:{k}": v for k, v in res["segments"].items()
                                   if _draft(k)})
    if len(results) > 1:
        s = summary(merged)
        s["clean"], s["source"] = {}, (0, 0)
        print_summary("both sets, drafts only", s)
        if args.rules:
            print_rules(s, [])
    if args.show:
        for res in results:
            for j in res["judged"]:
                if j.rule == args.show and j.severity in COUNTED:
                    mark = "HIT " if (j.span or j.major) and _draft(j.system) and j.side == "target" else "    "
                    where = f"{j.system}:{j.seg.doc}:{j.seg.index}" if j.seg else j.system
                    print(f"{mark}{j.side[:3]} {where}  {j.text!r}  | {j.message[:100]}")
    return 0
