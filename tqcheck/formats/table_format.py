"""The editors' table: findings grouped by story and version, in 100 columns.

Each finding reads ``line:col  severity  rule  message``, with the flagged text and the
suggestion below it. Wide (CJK) characters are measured as two columns, right-to-left
text is shown in its logical order, and long flagged text is shortened in the middle.
Then the pair scores, then a one-line summary.

``render`` turns a whole Report into the table. A command-line run does not build the
Report (whose polars frames cost a small run about 0.1 s of CPU): ``Writer`` is
handed each story's rows as the run checks it (``engine.stream_report``) and renders
the same text from them at the end.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ..analysis import langs
from ..report import Report
from ..analysis.text import display_width

BINARY = False
WIDTH = 100
_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def shorten(s: str, width: int) -> str:
    """``s`` on one line, cut in the middle to fit ``width`` terminal columns."""
    s = " ".join(s.split())
    if display_width(s) <= width:
        return s
    half = (width - 1) // 2
    head, tail = [], []
    w = 0
    for ch in s:
        w += display_width(ch)
        if w > half:
            break
        head.append(ch)
    w = 0
    for ch in reversed(s):
        w += display_width(ch)
        if w > half:
            break
        tail.append(ch)
    return "".join(head) + "…" + "".join(reversed(tail))


def _sev(s: str, color: bool) -> str:
    label = f"{s:<7}"
    return f"{_COLORS[s]}{label}{_RESET}" if color else label


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, color: bool = False) -> str:
    return _render(report.documents.to_dicts(), report.findings.to_dicts(), report.scores.to_dicts(),
                   report.signature, report.counts(), report.stats, color)


class Writer:
    """The table of a run from its rows as the run goes: ``story(rows)`` for each story
    in order, then ``finish(emit, summary)``; the text ``render`` gives for the
    run's Report."""

    def __init__(self, color: bool = False) -> None:
        self.color = color
        self._docs: list[dict[str, Any]] = []
        self._findings: list[dict[str, Any]] = []

    def story(self, rows: Any) -> None:  # engine.StoryRows
        self._docs.extend(rows.documents)
        self._findings.extend(rows.findings)

    def finish(self, emit: Callable[[str], Any], summary: Any) -> None:  # engine.StreamSummary
        counts = {"error": 0, "warning": 0, "info": 0, **summary.counts}  # of these findings
        emit(_render(self._docs, self._findings, summary.scores, summary.signature, counts,
                     summary.stats, self.color))

    def close(self) -> None:
        self._docs, self._findings = [], []


def _render(docs: list[dict[str, Any]], findings: list[dict[str, Any]], scores: list[dict[str, Any]],
            signature: dict[str, Any], counts: dict[str, int], stats: dict[str, Any],
            color: bool) -> str:
    out: list[str] = []
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_path[f["path"]].append(f)
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        stories[d["story"]].append(d)

    for story, members in stories.items():
        n_find = sum(len(by_path[d["path"]]) for d in members)
        tail = f" · {_plural(len(members), 'version')} · {_plural(n_find, 'finding')}"
        out.append(f"Story {shorten(story, WIDTH - 6 - len(tail))}{tail}")
        for d in members:
            if d["declared_lang"]:
                lang = f"{langs.name(d['declared_lang'])}, declared"
                if d["detected_lang"] and langs.base(d["detected_lang"]) != langs.base(d["declared_lang"]):
                    lang += f"; detected {langs.name(d['detected_lang'])}"
            elif d["detected_lang"]:
                lang = f"{langs.name(d['detected_lang'])}, detected"
            else:
                lang = "language undetermined" if not d["problem"] else "not checked"
            role = f" · {d['role'].replace('_', ' ')} {d['related_path']}" if d["role"] else ""
            out.append("  " + shorten(f"{d['path']} · {lang}{role}", WIDTH - 2))
            rows = by_path.get(d["path"], [])
            if not rows:
                out.append("      no findings")
            for f in rows:
                where = f"{f['line']}:{f['column']}"
                head = f"    {where:>8}  {_sev(f['severity'], color)}  {f['rule_id']} "
                plain_head = f"    {where:>8}  {f['severity']:<7}  {f['rule_id']} "
                indent = " " * len(plain_head)
                msg = f"{f['message']} [{f['rule_name']}]"
                wrapped = textwrap.wrap(msg, WIDTH - len(plain_head)) or [""]
                out.append(head + wrapped[0])
                out.extend(indent + w for w in wrapped[1:])
                if f["text"]:
                    out.append(indent + "» " + shorten(f["text"], WIDTH - len(indent) - 2))
                if f["suggestion"]:
                    out.append(indent + "→ " + shorten(f["suggestion"], WIDTH - len(indent) - 2))
                if f["related_path"]:
                    rel = f["related_path"]
                    if f["related_line"]:
                        rel += f":{f['related_line']}:{f['related_column']}"
                    out.append(indent + "↔ " + shorten(rel, WIDTH - len(indent) - 2))
        out.append("")

    if scores:
        out.append("Pair scores (sacrebleu)")
        for s in scores:
            out.append("  " + shorten(f"{s['hyp_path']} → {s['ref_path']}", WIDTH - 2))
            ter = "" if s["ter"] is None else f"   TER {s['ter']:.1f}"
            out.append(f"      {s['pair_type']:<10} BLEU {s['bleu']:.1f}   chrF {s['chrf']:.1f}{ter}")
        sigs = signature.get("metric_signatures", [])
        for sig in sigs:
            out.append(f"  {shorten(sig, WIDTH - 2)}")
        out.append("")

    c = counts
    n_stories = len(stories)
    summary = (f"{_plural(len(docs), 'document')} in {_plural(n_stories, 'story').replace('storys', 'stories')}: "
               f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info")
    for key, value in sorted(stats.items()):
        summary += f"; {value} {key.replace('_', ' ')}"
    out.append(summary)
    return "\n".join(out) + "\n"
