"""GitHub Actions workflow commands: one annotation per finding, a summary, a full report.

Each finding becomes ``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=ID name::message``
(``warning`` for warnings, ``notice`` for info), which GitHub shows on the pull
request's changed lines. GitHub displays only the first few annotations of each kind
per step (10 at the time of writing), so the output ends with a summary annotation and
the whole report, as a Markdown table grouped by story, is written to the step summary:
the file named by ``$GITHUB_STEP_SUMMARY`` (appended, as GitHub expects), or, outside
Actions, to the file named by ``$TQCHECK_SUMMARY``; with neither set, no file is written.

Values are escaped as the runner's command parser expects: ``%``, CR and LF everywhere,
and ``:`` and ``,`` in properties too.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..report import Report

BINARY = False
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: dict[str, Any]) -> str:
    props = [f"file={_prop(f['path'])}", f"line={f['line']}", f"col={f['column']}"]
    if (f["end_line"], f["end_column"]) != (f["line"], f["column"]):
        props += [f"endLine={f['end_line']}", f"endColumn={f['end_column']}"]
    props.append(f"title={_prop(f['rule_id'] + ' ' + f['rule_name'])}")
    msg = f["message"]
    if f["text"]:
        msg += f"\n» {' '.join(f['text'].split())}"
    if f["suggestion"]:
        msg += f"\n→ {f['suggestion']}"
    return f"::{COMMAND[f['severity']]} {','.join(props)}::{_data(msg)}"


def summary_line(report: Report) -> str:
    c = report.counts()
    n_docs = report.documents.height
    n_stories = report.documents["story"].n_unique() if n_docs else 0
    n = report.findings.height
    line = (f"tqcheck: {n} finding{'' if n == 1 else 's'} ({c['error']} error{'' if c['error'] == 1 else 's'}, "
            f"{c['warning']} warning{'' if c['warning'] == 1 else 's'}, "
            f"{c['info']} info) in {n_docs} document{'' if n_docs == 1 else 's'}, "
            f"{n_stories} {'story' if n_stories == 1 else 'stories'}")
    for k, v in sorted(report.stats.items()):
        line += f"; {v} {k.replace('_', ' ')}"
    return line


def _md(s: str) -> str:
    return " ".join(str(s).split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def markdown(report: Report) -> str:
    """The full report as GitHub-flavoured Markdown, for the step summary."""
    out = ["## tqcheck", "", summary_line(report).removeprefix("tqcheck: "), ""]
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in report.findings.to_dicts():
        by_story[f["story"]].append(f)
    for story, rows in by_story.items():
        out += [f"### {_md(story)}", "", "| file | line:col | severity | rule | message | text | suggestion |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for f in rows:
            out.append(f"| {_md(f['path'])} | {f['line']}:{f['column']} | {f['severity']} | "
                       f"{f['rule_id']} {f['rule_name']} | {_md(f['message'])} | {_md(f['text'] or '')} | "
                       f"{_md(f['suggestion'] or '')} |")
        out.append("")
    if report.scores.height:
        out += ["### Pair scores", "", "| hypothesis | reference | type | BLEU | chrF |",
                "| --- | --- | --- | ---: | ---: |"]
        for s in report.scores.to_dicts():
            out.append(f"| {_md(s['hyp_path'])} | {_md(s['ref_path'])} | {s['pair_type']} | "
                       f"{s['bleu']:.1f} | {s['chrf']:.1f} |")
        out.append("")
    return "\n".join(out) + "\n"


def summary_path() -> Path | None:
    name = os.environ.get("GITHUB_STEP_SUMMARY") or os.environ.get("TQCHECK_SUMMARY")
    return Path(name) if name else None


def render(report: Report) -> str:
    lines = [annotation(f) for f in report.findings.to_dicts()]
    target = summary_path()
    tail = summary_line(report)
    if target is not None:
        with target.open("a", encoding="utf-8", newline="\n") as fh:
            fh.write(markdown(report))
        tail += " (full report in the step summary)"
    level = "error" if report.counts()["error"] else "warning" if report.counts()["warning"] else "notice"
    lines.append(f"::{level} title=tqcheck summary::{_data(tail)}")
    lines.append(tail)
    return "\n".join(lines) + "\n"
