"""TMX 1.4 (and 1.1-1.3) translation memories.

Every ``<tu>`` is one segment; its ``<tuv xml:lang>`` variants (``lang`` in TMX 1.1)
are the source and the targets (``corpus/bilingual.py``). The source language is the
header's ``srclang``; when that is ``*all*`` (any variant may serve as the source) or
missing, it is the language of the first variant of the first unit. A unit without a
variant in some language leaves that target's line empty and is not reported: a
memory need not hold every language for every unit, unlike a file sent back by a
translator. A unit without the source variant has an empty source line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import Document, read_then
from .bilingual import Node, Segment, Unit, XMLProblem, from_bytes_with, lang_code, segment


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes)


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    return from_bytes_with(data, shown, path, units)


def _lang(tuv: Node) -> str | None:
    return lang_code(tuv.attrib.get("xml:lang") or tuv.attrib.get("lang"))


def units(root: Node) -> tuple[str, list[Unit]]:
    if root.tag != "tmx":
        raise XMLProblem(f"its root element is <{root.tag}>, not <tmx>: not a TMX file",
                         root.line, root.col)
    header = root.child("header")
    body = root.child("body")
    tus = body.children("tu") if body is not None else []
    src_lang = lang_code(header.attrib.get("srclang")) if header is not None else None
    if src_lang is None:
        first = next((tuv for tu in tus for tuv in tu.children("tuv")), None)
        src_lang = _lang(first) if first is not None else None
    out: list[Unit] = []
    for n, tu in enumerate(tus, 1):
        source: Segment | None = None
        targets: dict[str | None, tuple[Segment | None, dict[str, Any]]] = {}
        for tuv in tu.children("tuv"):
            lang = _lang(tuv)
            seg_node = tuv.child("seg")
            seg = segment(seg_node) if seg_node is not None else Segment(line=tuv.line, col=tuv.col)
            if lang == src_lang:
                if source is None:
                    source = seg
            elif lang not in targets:  # a second variant in one language is an alternative
                targets[lang] = (seg, {})
        if source is None:
            source = Segment(line=tu.line, col=tu.col)
        out.append(Unit(tu.attrib.get("tuid") or str(n), tu.line, tu.col, source, src_lang, targets))
    return f"TMX {root.attrib.get('version', '')}".strip(), out
