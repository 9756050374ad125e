"""``tqcheck --fix``: write the safe repairs back into the input files (opt-in).

Only hits that carry ``Hit.fix`` are applied: mojibake (TQ301), control characters
(TQ303) and HTML character references (TQ305) — repairs that restore what the text
said. Everything else is left to editors. The selected rules (``--select``/``--ignore``,
config) decide which fixes run. Files are rewritten with their own byte-order mark,
line ending and front matter (``Document.bom``, ``.newline``, ``.raw_prefix``) and
their original encoding (UTF-8, or UTF-16 when the file had a UTF-16 BOM); JSON Lines
feeds are never rewritten. Overlapping fixes keep the first (by start offset, then rule
id). Running ``--fix`` twice changes nothing the second time unless a repair uncovers
another (a double-escaped entity is decoded in one go).
"""

from __future__ import annotations

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
    """(document, [(start, end, replacement, rule id)]) for every file with safe fixes."""
    from .corpus import load
    from .corpus.grouping import group
    from .engine import Context, build_rules

    rules = [r for r in build_rules(config) if r.scope == "article" and r.kind != "input"]
    docs = load(list(paths))
    ctx = Context(config=config, rules=rules)
    out = []
    for story in sorted(group(docs), key=lambda s: s.id):
        for doc in story.documents:
            if doc.problem is not None or not doc.source or Path(doc.source).suffix.lower() not in (
                    ".txt", ".text", ".md", ".markdown"):
                continue
            if config.ignored_for(doc.id):
                ignored = config.ignored_for(doc.id)
                active = [r for r in rules if not any(r.id.startswith(t) or t == r.name for t in ignored)]
            else:
                active = rules
            edits = []
            for rule in active:
                for hit in rule.module.check(doc, rule.options, ctx):
                    if hit.fix is not None and doc.text[hit.start:hit.end] != hit.fix:
                        edits.append((hit.start, hit.end, hit.fix, rule.id))
            if edits:
                out.append((doc, _non_overlapping(edits)))
    return out


def _non_overlapping(edits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    kept: list[tuple[int, int, str, str]] = []
    for e in sorted(edits, key=lambda e: (e[0], e[1], e[3])):
        if kept and e[0] < kept[-1][1]:
            continue
        kept.append(e)
    return kept


def apply(paths: list[str], config: Any) -> list[Applied]:
    """Apply the safe fixes in place; return what was changed, in file order."""
    done: list[Applied] = []
    for doc, edits in collect(paths, config):
        text = doc.text
        for start, end, repl, rule_id in edits:
            line, col = doc.position(start)
            done.append(Applied(doc.id, rule_id, line, col, text[start:end], repl))
        for start, end, repl, _rid in reversed(edits):
            text = text[:start] + repl + text[end:]
        write(doc, text)
    return done


def write(doc: Any, text: str) -> None:
    """Write ``text`` (normalised, without front matter) back as the file had it."""
    path = Path(doc.source)
    raw = path.read_bytes()
    full = doc.raw_prefix + text
    if doc.newline != "\n":
        full = full.replace("\n", doc.newline)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        path.write_bytes(full.encode("utf-16"))  # Python writes the BOM of the platform's order
        return
    data = full.encode("utf-8")
    if doc.bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)


def report(applied: list[Applied]) -> str:
    if not applied:
        return "tqcheck --fix: nothing to fix\n"
    lines = [f"{a.path}:{a.line}:{a.column}: {a.rule_id} fixed {a.before!r} -> {a.after!r}" for a in applied]
    files = len({a.path for a in applied})
    lines.append(f"tqcheck --fix: {len(applied)} fix(es) in {files} file(s)")
    return "\n".join(lines) + "\n"
