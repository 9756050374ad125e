"""``tqcheck --fix``: write the safe repairs back into the input files (opt-in).

Only hits that carry ``Hit.fix`` are applied: mojibake (TQ301), control characters
(TQ303) and HTML character references (TQ305) — repairs that restore what the text
said. Everything else is left to editors. The selected rules (``--select``/``--ignore``,
config) decide which fixes run. Files are rewritten with their own byte-order mark,
line ending and front matter (``Document.bom``, ``.newline``, ``.raw_prefix``) and
their original encoding (UTF-8, or UTF-16/UTF-32 in the file's byte order when it had
that BOM), atomically and keeping the file's permissions (tqcheck/atomic.py). Only plain
text and Markdown files are rewritten: JSON Lines feeds, CSV and Parquet exports, HTML
pages and Word files are read-only for ``--fix`` (their text was extracted, and writing
it back would destroy the markup or the table), and standard input is never written. Fixes come from the engine's run loop, so a finding an inline
marker accepts (``<!-- tqcheck: ignore TQ301 -->``) is not fixed either. Overlapping
fixes keep the first (by start offset, then rule id). Running ``--fix`` twice changes nothing the second time unless a repair uncovers
another (a double-escaped entity is decoded in one go).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Applied:
    path: str
    rule_id: str
    line: int
    column: int
    before: str
    after: str


def collect(paths: list[str], config: Any) -> list[tuple[Any, list[tuple[int, int, str, str]]]]:
    """(document, [(start, end, replacement, rule id)]) for every file with safe fixes.

    The findings come from the engine's own run loop (``run.story_findings``), so inline
    suppression markers and per-path ignores apply to fixes exactly as to the report.
    """
    from .loop import build_rules, read_stories, story_findings

    rules = [r for r in build_rules(config) if r.scope == "article" and r.kind != "input"]
    _docs, stories = read_stories(paths, config)
    docs = {d.id: d for story in stories for d in story.documents}
    rows = [row for _story, story_rows, _res in story_findings(stories, config, rules, score=False)
            for row in story_rows]
    edits: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in rows:
        doc = docs.get(row["path"])
        if row.get("fix") is None or doc is None or not _rewritable(doc):
            continue
        if doc.text[row["start"]:row["end"]] != row["fix"]:
            edits.setdefault(doc.id, []).append((row["start"], row["end"], row["fix"], row["rule_id"]))
    return [(docs[i], _non_overlapping(e)) for i, e in sorted(edits.items())]


def _rewritable(doc: Any) -> bool:
    return doc.problem is None and bool(doc.source) and Path(doc.source).suffix.lower() in (
        ".txt", ".text", ".md", ".markdown")


def _non_overlapping(edits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    kept: list[tuple[int, int, str, str]] = []
    for e in sorted(edits, key=lambda e: (e[0], e[1], e[3])):
        if kept and e[0] < kept[-1][1]:
            continue
        kept.append(e)
    return kept


def apply(paths: list[str], config: Any) -> list[Applied]:
    """Apply the safe fixes; return what was changed, in file order.

    All or nothing: every new file is staged first (tqcheck/atomic.py: a temporary file
    beside it, synced, with its permissions), and the files are renamed into place only
    when all were staged. A read-only file, a full disk or any other write error stops
    the run with ``cannot write FILE: reason`` before any input was changed.
    """
    from .. import atomic

    done: list[Applied] = []
    staged: list[atomic.Staged] = []
    try:
        for doc, edits in collect(paths, config):
            text = doc.text
            for start, end, repl, rule_id in edits:
                line, col = doc.position(start)
                done.append(Applied(doc.id, rule_id, line, col, text[start:end], repl))
            for start, end, repl, _rid in reversed(edits):
                text = text[:start] + repl + text[end:]
            staged.append(stage(doc, text))
    except BaseException:
        for s in staged:
            s.discard()
        raise
    atomic.commit_all(staged)
    return done


def encode(doc: Any, text: str) -> bytes:
    """``text`` (normalised, without front matter) as the file had it: its encoding,
    byte order and byte-order mark, line ending and front matter."""
    from ..corpus import BOMS

    full = doc.raw_prefix + text
    if doc.newline != "\n":
        full = full.replace("\n", doc.newline)
    enc = getattr(doc, "encoding", "utf-8")
    mark = next((m for m, e in BOMS if e == enc), b"") if doc.bom else b""
    return mark + full.encode(enc)


def stage(doc: Any, text: str) -> Any:
    from .. import atomic
    from ..errors import TQError

    path = Path(doc.source)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise TQError(f"cannot write {doc.source}: {exc.strerror}") from exc
    if not os.access(path, os.W_OK) or not st.st_mode & 0o222:
        raise TQError(f"cannot write {doc.source}: the file is read-only (nothing was changed)")
    return atomic.stage(path, encode(doc, text))


def write(doc: Any, text: str) -> None:
    """Write ``text`` back into ``doc``'s file, atomically, as the file had it."""
    stage(doc, text).commit()


def report(applied: list[Applied]) -> str:
    if not applied:
        return "tqcheck --fix: nothing to fix\n"
    lines = [f"{a.path}:{a.line}:{a.column}: {a.rule_id} fixed {a.before!r} -> {a.after!r}" for a in applied]
    files = len({a.path for a in applied})
    lines.append(f"tqcheck --fix: {len(applied)} fix(es) in {files} file(s)")
    return "\n".join(lines) + "\n"
