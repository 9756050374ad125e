"""XLIFF 1.2 (and 1.0/1.1, SDL's .sdlxliff) and XLIFF 2.0 files.

Every ``<trans-unit>`` (1.2) or ``<segment>`` of a ``<unit>`` (2.0) is one segment of
the story's source and target Documents (``corpus/bilingual.py``). Languages come
from ``source-language``/``target-language`` of each ``<file>`` (1.2; a ``<target
xml:lang>`` overrides) or ``srcLang``/``trgLang`` (2.0). ``translate="no"`` on a unit or
an enclosing group is kept per segment (such segments are meant to stay as they are).
The target's ``state`` (1.2 ``<target state>``, 2.0 ``<segment state>``, SDL's
``conf``) is kept too. ``<alt-trans>`` proposals and 2.0 ``<ignorable>`` white space
are not segments. White space is layout unless the unit says ``xml:space="preserve"``
(``corpus/bilingual.py``). A 1.2 unit segmented with ``<mrk mtype="seg">`` (as SDL Trados
writes it) gives one segment per marker, source and target matched by ``mid``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import Document, read_then
from .bilingual import Node, Unit, XMLProblem, from_bytes_with, lang_code, segment


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes)


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    return from_bytes_with(data, shown, path, units)


def units(root: Node) -> tuple[str, list[Unit]]:
    if root.tag != "xliff":
        raise XMLProblem(f"its root element is <{root.tag}>, not <xliff>: not an XLIFF file",
                         root.line, root.col)
    version = root.attrib.get("version", "")
    if version.startswith("2"):
        return f"XLIFF {version}", _units_2(root)
    return f"XLIFF {version or '1.2'}", _units_1(root)


def _translate(node: Node, inherited: bool) -> bool:
    v = node.attrib.get("translate")
    return inherited if v is None else v != "no"


def _preserve(*nodes: Node | None) -> bool:
    """``xml:space="preserve"`` on the unit or an element between it and the segment."""
    return any(n is not None and n.attrib.get("xml:space") == "preserve" for n in nodes)


def _walk(node: Node, tags: tuple[str, ...], translate: bool) -> Iterator[tuple[Node, bool]]:
    """Units below ``node`` (through groups), with the translate flag they inherit."""
    stack = [(iter(node.children()), translate)]
    while stack:
        it, tr = stack[-1]
        n = next(it, None)
        if n is None:
            stack.pop()
            continue
        if n.tag in tags:
            yield n, _translate(n, tr)
        elif n.tag in ("group", "body", "file"):
            stack.append((iter(n.children()), _translate(n, tr)))


def _find_all(node: Node, tag: str, **attrs: str) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        for c in reversed(n.children()):
            if c.tag == tag and all(c.attrib.get(k) == v for k, v in attrs.items()):
                out.append(c)
            else:
                stack.append(c)
    return sorted(out, key=lambda n: (n.line, n.col))


def _units_1(root: Node) -> list[Unit]:
    out: list[Unit] = []
    for f in root.children("file"):
        src_lang = lang_code(f.attrib.get("source-language"))
        file_tgt = lang_code(f.attrib.get("target-language"))
        conf = {s.attrib.get("id", ""): s.attrib.get("conf") for s in _find_all(f, "seg")}
        for tu, translate in _walk(f, ("trans-unit",), _translate(f, True)):
            uid = tu.attrib.get("id", "")
            source, target = tu.child("source"), tu.child("target")
            if source is None:
                continue
            tgt_lang = lang_code(target.attrib.get("xml:lang")) if target is not None else None
            tgt_lang = tgt_lang or file_tgt
            state = target.attrib.get("state") if target is not None else None
            seg_source = tu.child("seg-source")
            marks = _find_all(seg_source, "mrk", mtype="seg") if seg_source is not None else []
            if marks:
                tmarks = {m.attrib.get("mid", ""): m for m in
                          (_find_all(target, "mrk", mtype="seg") if target is not None else [])}
                if target is not None and not tmarks and len(marks) == 1:
                    tmarks = {marks[0].attrib.get("mid", ""): target}  # target not segmented
                for m in marks:
                    mid = m.attrib.get("mid", "")
                    t = tmarks.get(mid)
                    info: dict[str, Any] = {"state": conf.get(mid) or state}
                    if t is None:
                        info["missing"] = True
                    keep = _preserve(tu)
                    out.append(Unit(f"{uid}:{mid}", tu.line, tu.col, segment(m, keep), src_lang,
                                    {tgt_lang: (segment(t, keep) if t is not None else None, info)},
                                    translate))
                continue
            info = {"state": state}
            if target is None:
                info["missing"] = True
            keep = _preserve(tu)
            out.append(Unit(uid, tu.line, tu.col, segment(source, keep), src_lang,
                            {tgt_lang: (segment(target, keep) if target is not None else None, info)},
                            translate))
    return out


def _units_2(root: Node) -> list[Unit]:
    out: list[Unit] = []
    src_lang = lang_code(root.attrib.get("srcLang"))
    tgt_lang = lang_code(root.attrib.get("trgLang"))
    for f in root.children("file"):
        for unit, translate in _walk(f, ("unit",), _translate(f, True)):
            uid = unit.attrib.get("id", "")
            segs = unit.children("segment")
            for n, s in enumerate(segs, 1):
                source, target = s.child("source"), s.child("target")
                if source is None:
                    continue
                sid = uid if len(segs) == 1 else f"{uid}:{s.attrib.get('id') or n}"
                info: dict[str, Any] = {"state": s.attrib.get("state")}
                if target is None:
                    info["missing"] = True
                keep = _preserve(unit, s)
                out.append(Unit(sid, s.line, s.col, segment(source, keep), src_lang,
                                {tgt_lang: (segment(target, keep) if target is not None else None, info)},
                                _translate(s, translate)))
    return out
