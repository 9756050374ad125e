"""Run a rule on its own examples: the evidence every rule carries.

``text`` examples become a one-document story, ``versions`` a story of several, and
``raw`` bytes (one character per byte), a bare ``path``, or ``text`` with the ``path``
of a format that has its own loader (``.xlf``, ``.tmx``: the text is the file, UTF-8)
go through the real file loader, so input rules are tested the way files are read. ``tqcheck --explain`` shows
the examples and the test suite runs them all.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .config import Config, from_dict
from ..corpus import Story, load
from ..corpus.txt import from_text
from ..report import Report
from .rules import Rule


def run_example(rule: Rule, example: dict[str, Any]) -> Report:
    from .loop import run_stories

    config = from_dict(example.get("config", {}), f"{rule.path} example") if example.get("config") \
        else Config()
    if "versions" in example:
        docs = []
        for v in example["versions"]:
            d = from_text(v["path"], v["text"], lang=v.get("lang"))
            for role in ("translation_of", "reference_of"):
                if v.get(role):
                    d.role, d.of = role, v[role]
            docs.append(d)
        return run_stories([Story("example", docs, explicit=True)], config, [rule])
    file_text = "text" in example and _own_loader(example.get("path", ""))
    if "raw" in example or "text" not in example or file_text:
        with tempfile.TemporaryDirectory() as tmp:
            name = example.get("path", "example.txt")
            target = Path(tmp) / name
            if "raw" in example or file_text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(example["raw"].encode("latin-1") if "raw" in example
                                   else example["text"].encode("utf-8"))
            docs = load([str(target)])
            for d in docs:
                # a bilingual file gives FILE#LANG ids: keep what follows the file name
                d.id = name + d.id[len(str(target)):] if d.id.startswith(str(target)) else name
                if d.of and d.of.startswith(str(target)):
                    d.of = name + d.of[len(str(target)):]
                d.lang = d.lang or example.get("lang")
            return run_stories([Story("example", docs, explicit=True)], config, [rule])
    doc = from_text(example.get("path", "example.txt"), example["text"], lang=example.get("lang"))
    return run_stories([Story("example", [doc], explicit=True)], config, [rule])


def _own_loader(path: str) -> bool:
    """A file format with its own loader (XLIFF, TMX): a ``text`` example is the file."""
    from ..corpus import LOADERS

    return LOADERS.get(Path(path).suffix.lower(), "txt") in ("xliff", "tmx")


def verify(rule: Rule) -> list[str]:
    """Problems with ``rule``'s examples; empty when every example behaves."""
    problems = []
    for i, ex in enumerate(rule.flag, 1):
        found = run_example(rule, ex).findings
        if found.height == 0:
            problems.append(f"{rule.id} flag example {i} was not flagged")
        elif "match" in ex and ex["match"] not in found["text"].to_list():
            problems.append(f"{rule.id} flag example {i}: expected to mark {ex['match']!r}, "
                            f"marked {found['text'].to_list()}")
    for i, ex in enumerate(rule.passes, 1):
        found = run_example(rule, ex).findings
        if found.height:
            problems.append(f"{rule.id} pass example {i} was flagged: {found['message'].to_list()}")
    return problems
