"""Bilingual files (XLIFF 1.2 and 2.0, TMX 1.4): declared translation pairs by segment.

A CAT tool or a translation memory already says which target segment translates which
source segment, so no sentence alignment is needed. A bilingual file becomes one story:

* one **source** Document per source language, id ``FILE#LANG`` (``news.xlf#en``, as a
  feed line is ``FILE#LINE``), its text the source segments, one per line;
* one **target** Document per target language (``news.xlf#de``), ``role =
  "translation_of"`` the source document, line *i* translating line *i* of the source.
  A unit without a target in that language (an XLIFF ``<file>`` for another language,
  a TMX unit without that variant) keeps an empty line, so lines never shift.

``Document.meta["segments"]`` holds one record per line: the unit id, the XLIFF
``state``, whether it is to be translated (``translate="no"``), whether the target is
missing or absent, and the **inline tags** with their offsets (``Tag``). The tags are
removed from the checked text (so that TQ305 html-residue does not take them for
scraped markup) and kept here for TQ707 tag-mismatch. ``meta["bilingual"]`` names the
file; the engine (``Context.alignment``) aligns two documents of one file line by line.

Positions: the parser reports the file line and column of every text chunk (expat
splits text at entities and line ends), so ``SegmentMap`` maps each offset of the text
back to the exact line and column in the XML file; a finding on segment 12 points at
its ``<target>``. An empty segment points at its ``<target>`` (or unit) element. White
space that contains a line break (pretty-printed files) becomes one space, unless the
element has ``xml:space="preserve"``, where each line break becomes one space.

Parsing is hardened: defusedxml's expat parser refuses entity declarations (the
entity-expansion "billion laughs" and external entities that would read
``/etc/passwd``) and never fetches a DTD. A file that is not well-formed, or that
declares entities, becomes a Document with an ``undecodable`` problem at the line of
the fault (TQ004), and the run goes on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import langs
from . import Document, Problem, clean_id, clean_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Inline markup deeper than this is not news copy but a crafted file: stop there
# rather than recurse (the parser itself copes with any depth; this code recurses).
MAX_DEPTH = 200


class XMLProblem(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass(eq=False, slots=True)
class Chunk:
    text: str
    line: int  # 1-based
    col: int  # 0-based, in code points (expat counts characters)


@dataclass(eq=False, slots=True)
class Node:
    tag: str  # local name, namespace dropped
    attrib: dict[str, str]  # local names; xml:lang and xml:space keep their prefix
    line: int
    col: int
    items: list[Any] = field(default_factory=list)  # Node | Chunk, in document order

    def children(self, *tags: str) -> list[Node]:
        return [n for n in self.items if isinstance(n, Node) and (not tags or n.tag in tags)]

    def child(self, tag: str) -> Node | None:
        return next((n for n in self.items if isinstance(n, Node) and n.tag == tag), None)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


class _Builder:
    """ElementTree parser target that keeps the file position of every element and
    text chunk (ElementTree's own tree has none)."""

    def __init__(self) -> None:
        self.expat: Any = None
        self.stack: list[Node] = []
        self.root: Node | None = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        attrs = {}
        for k, v in attrib.items():
            if k == XML_LANG:
                attrs["xml:lang"] = v
            elif k == XML_SPACE:
                attrs["xml:space"] = v
            else:
                attrs[_local(k)] = v
        node = Node(_local(tag), attrs, self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber)
        if self.stack:
            self.stack[-1].items.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].items.append(
                Chunk(text, self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber))

    def close(self) -> Node | None:
        return self.root


def parse(data: bytes) -> Node:
    """The element tree of ``data`` with positions; XMLProblem when it cannot be read."""
    import xml.etree.ElementTree as ET

    from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _Builder()
    parser = DefusedXMLParser(target=builder)  # forbid_entities, forbid_external
    expat = parser.parser
    builder.expat = expat
    expat.buffer_text = False  # one chunk per line and per entity: exact positions

    def where() -> tuple[int, int]:
        return expat.CurrentLineNumber or 1, expat.CurrentColumnNumber or 0

    try:
        parser.feed(data)
        root = parser.close()
    except EntitiesForbidden as exc:
        line, col = where()
        what = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise XMLProblem(f"it declares {what} ({exc.name!r}), which tqcheck never expands "
                         "(entity expansion can exhaust memory or read other files)",
                         line, col) from None
    except ExternalReferenceForbidden as exc:
        line, col = where()
        raise XMLProblem(f"it refers to an external resource ({exc.sysid!r}), which tqcheck "
                         "never reads", line, col) from None
    except DefusedXmlException as exc:
        line, col = where()
        raise XMLProblem(f"it uses an XML construct tqcheck does not read ({exc})",
                         line, col) from None
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (1, 0))
        msg = str(exc).split(":", 1)[0]
        raise XMLProblem(f"not well-formed XML ({msg})", line, col) from None
    except (LookupError, UnicodeError, ValueError) as exc:  # unknown encoding declared
        line, col = where()
        raise XMLProblem(f"not readable as XML ({exc})", line, col) from None
    except RecursionError:  # pragma: no cover - expat does not recurse in Python
        raise XMLProblem("nested too deeply to read", 1, 0) from None
    if root is None:
        raise XMLProblem("it holds no XML element", 1, 0)
    return root


# -- Inline tags ---------------------------------------------------------------------------
#
# What each inline element is, across XLIFF 1.2, XLIFF 2.0 and TMX 1.4:
# * content is native code, not text (skipped): ph, bpt, ept, it, ut (1.2, TMX);
# * content is text inside a pair of tags: g (1.2), pc (2.0), hi (TMX);
# * empty placeholders: x (1.2), ph (2.0, empty), bx/ex (1.2), sc/ec (2.0);
# * transparent (their text is the segment's, they are not tags): mrk (1.2, 2.0);
#   sm/em (2.0 annotation markers) are dropped; cp (2.0) is the code point it names.
CODE_CONTENT = {"ph", "bpt", "ept", "it", "ut", "sub"}
PAIRED = {"g", "pc", "hi"}
OPEN = {"bpt", "bx", "sc"}
CLOSE = {"ept", "ex", "ec"}
DROPPED = {"sm", "em", "note"}
# Tags that wrap text with an opening and a closing tag (HTML elements too, by name).
WRAPPING = PAIRED | {"a", "abbr", "b", "big", "blockquote", "cite", "code", "del", "div",
                     "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "kbd",
                     "li", "mark", "ol", "p", "q", "s", "small", "span", "strike", "strong",
                     "sub", "sup", "table", "td", "th", "tr", "tt", "u", "ul"}


@dataclass(frozen=True, slots=True)
class Tag:
    kind: str  # "open" | "close" | "standalone"
    name: str  # the element: g, x, bpt, pc, sc, ph ... (or an HTML tag name)
    key: str  # what pairs it across source and target: its id (bx/ex: rid; ec: startRef)
    offset: int  # in the segment's text
    line: int
    col: int

    def label(self) -> str:
        """The tag as an editor knows it: ``<g id="1">``, ``</g>``, ``<x id="2"/>``."""
        ident = f' id="{self.key}"' if self.key else ""
        if self.name not in WRAPPING:  # placeholders and codes: one element each
            return f"<{self.name}{ident}/>"
        if self.kind == "open":
            return f"<{self.name}{ident}>"
        if self.kind == "close":
            return f"</{self.name}>" + (f" (id {self.key})" if self.key else "")
        return f"<{self.name}{ident}/>"


def _key(node: Node) -> str:
    a = node.attrib
    if node.tag in ("bx", "ex"):
        return a.get("rid") or a.get("id", "")
    if node.tag == "ec":
        return a.get("startRef") or a.get("id", "")
    if node.tag in ("bpt", "ept"):
        return a.get("rid") or a.get("i") or a.get("id", "")  # XLIFF 1.2 rid/id, TMX i
    return a.get("id") or a.get("x") or a.get("i") or ""


_NEWLINE_SPACE = re.compile(r"[ \t\r]*\n\s*")


@dataclass
class Segment:
    """The text of one <source>/<target>/<seg>, its position marks and inline tags."""

    text: str = ""
    marks: list[tuple[int, int, int]] = field(default_factory=list)  # (offset, line, col)
    tags: list[Tag] = field(default_factory=list)
    line: int = 1  # of the element
    col: int = 0

    layout: bool = True  # at a line break of the layout (or the start): skip white space

    def add(self, text: str, line: int, col: int, preserve: bool) -> None:
        """Append a text chunk that starts at (line, col) of the file. Expat hands a line
        break and the indentation after it as separate chunks, so the layout state
        carries over from one chunk to the next."""
        pos = 0
        for m in ([] if preserve else list(_NEWLINE_SPACE.finditer(text))) + [None]:
            piece = text[pos : m.start()] if m else text[pos:]
            if piece:
                self._put(piece, *_advance(text, pos, line, col), preserve)
            if m is None:
                break
            if self.text and not self.layout and not self.text.endswith(" "):
                self._put(" ", *_advance(text, m.start(), line, col), preserve)
            self.layout = True
            pos = m.end()

    def _put(self, piece: str, line: int, col: int, preserve: bool) -> None:
        if self.layout and not preserve or not self.text:  # indentation is layout
            stripped = piece.lstrip()
            if not stripped:
                return
            col += len(piece) - len(stripped)
            piece = stripped
        if piece != " ":
            self.layout = False
        self.marks.append((len(self.text), line, col))
        self.text += piece.replace("\n", " ") if preserve else piece

    def finish(self) -> None:
        """Drop trailing white space (layout before the closing tag)."""
        n = len(self.text.rstrip())
        self.text = self.text[:n]
        self.tags = [t if t.offset <= n else Tag(t.kind, t.name, t.key, n, t.line, t.col)
                     for t in self.tags]


def _advance(text: str, upto: int, line: int, col: int) -> tuple[int, int]:
    """File position of ``text[upto]`` for a chunk that starts at (line, col)."""
    nl = text.count("\n", 0, upto)
    if nl:
        return line + nl, upto - text.rfind("\n", 0, upto) - 1
    return line, col + upto


def segment(node: Node, preserve: bool = False) -> Segment:
    """Text, positions and inline tags of a segment element."""
    seg = Segment(line=node.line, col=node.col)
    _walk(node, seg, preserve or node.attrib.get("xml:space") == "preserve", 0)
    seg.finish()
    return seg


def _walk(node: Node, seg: Segment, preserve: bool, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise XMLProblem(f"inline markup nested more than {MAX_DEPTH} deep",
                         node.line, node.col)
    for item in node.items:
        if isinstance(item, Chunk):
            seg.add(item.text, item.line, item.col, preserve)
            continue
        t = item.tag
        here = len(seg.text)
        if t in DROPPED:
            continue
        if t == "cp":  # XLIFF 2.0: a code point XML cannot carry
            try:
                seg.add(chr(int(item.attrib.get("hex", ""), 16)), item.line, item.col, True)
            except (ValueError, OverflowError):
                pass
            continue
        if t in PAIRED:
            seg.tags.append(Tag("open", t, _key(item), here, item.line, item.col))
            _walk(item, seg, preserve or item.attrib.get("xml:space") == "preserve", depth + 1)
            seg.tags.append(Tag("close", t, _key(item), len(seg.text), item.line, item.col))
            continue
        if t in OPEN or t in CLOSE or t in ("x", "ph", "it", "ut"):
            kind = "open" if t in OPEN else "close" if t in CLOSE else "standalone"
            seg.tags.append(Tag(kind, t, _key(item), here, item.line, item.col))
            continue
        if t in CODE_CONTENT:
            continue
        # mrk and anything unknown: its text is the segment's
        _walk(item, seg, preserve or item.attrib.get("xml:space") == "preserve", depth + 1)


# -- Documents from units ------------------------------------------------------------------


@dataclass
class Unit:
    """One translation unit: the source segment and its targets by language."""

    id: str
    line: int  # of the unit element
    col: int
    source: Segment | None
    src_lang: str | None
    targets: dict[str | None, tuple[Segment | None, dict[str, Any]]]  # lang -> (seg, info)
    translate: bool = True


class SegmentMap:
    """Text offsets of a bilingual Document -> (line, column) in its XML file."""

    def __init__(self, marks: list[tuple[int, int, int]]) -> None:
        self._offsets = [m[0] for m in marks]
        self._marks = marks

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._offsets, offset) - 1
        if i < 0:
            return 1, 1
        start, line, col = self._marks[i]
        return line, col + (offset - start) + 1


def lang_code(raw: str | None) -> str | None:
    """A language attribute as tqcheck names languages: en-US -> en-us, zh-Hans-CN -> zh."""
    if not raw or raw == "*all*":
        return None
    parts = raw.strip().replace("_", "-").split("-")
    return langs.normalise("-".join(parts[:2])) or langs.normalise(parts[0])


def build(shown: str, path: Path, fmt: str, units: list[Unit]) -> list[Document]:
    """The source and target Documents of a bilingual file's units."""
    src_langs: list[str | None] = []
    tgt_langs: list[str | None] = []
    for u in units:
        if u.src_lang not in src_langs:
            src_langs.append(u.src_lang)
        for lang in u.targets:
            if lang not in tgt_langs:
                tgt_langs.append(lang)
    docs: list[Document] = []
    ids: set[str] = set()

    def new_id(lang: str | None, fallback: str) -> str:
        base = f"{shown}#{lang or fallback}"
        out, n = base, 2
        while out in ids:
            out, n = f"{base}~{n}", n + 1
        ids.add(out)
        return out

    for src_lang in src_langs:
        mine = [u for u in units if u.src_lang == src_lang]
        src = _document(new_id(src_lang, "source"), shown, path, fmt, src_lang, None,
                        [(u, u.source, {"translate": u.translate}) for u in mine])
        docs.append(src)
        for lang in tgt_langs:
            rows = []
            for u in mine:
                seg, info = u.targets.get(lang, (None, {"absent": True}))
                rows.append((u, seg, {"translate": u.translate, **info}))
            if all(r[2].get("absent") for r in rows):
                continue
            tgt = _document(new_id(lang, "target"), shown, path, fmt, lang, src.id, rows)
            docs.append(tgt)
    return docs


def _document(doc_id: str, shown: str, path: Path, fmt: str, lang: str | None, of: str | None,
              rows: list[tuple[Unit, Segment | None, dict[str, Any]]]) -> Document:
    text_parts: list[str] = []
    marks: list[tuple[int, int, int]] = []
    segments: list[dict[str, Any]] = []
    pos = 0
    for unit, seg, info in rows:
        if pos:
            text_parts.append("\n")
            pos += 1
        if seg is not None and seg.text:
            text = clean_text(seg.text)
            marks.extend((pos + o, ln, c) for o, ln, c in seg.marks)
            text_parts.append(text)
            tags = [Tag(t.kind, t.name, t.key, pos + t.offset, t.line, t.col) for t in seg.tags]
        else:
            text = ""
            where = (seg.line, seg.col) if seg is not None else (unit.line, unit.col)
            marks.append((pos, *where))
            tags = [Tag(t.kind, t.name, t.key, pos, t.line, t.col) for t in seg.tags] if seg else []
        segments.append({"id": unit.id, "start": pos, "end": pos + len(text), "tags": tags,
                         "line": seg.line if seg is not None else unit.line, **info})
        pos += len(text)
    body = "".join(text_parts)
    doc = Document(id=doc_id, text=body, lang=lang, source=str(path), story=shown,
                   meta={"bilingual": shown, "format": fmt, "segments": segments,
                         "memory": fmt.startswith("TMX")})
    doc.origin = SegmentMap(marks)
    if of is not None:
        doc.role, doc.of = "translation_of", of
        doc.meta["role_where"] = (shown, 1)
    if of is None and not body.strip():
        doc.problem = Problem("empty", "no text in any source segment")
        doc.text = ""
    return doc


def from_bytes_with(data: bytes, shown: str, path: Path, units_of: Any) -> Iterator[Document]:
    """Parse a bilingual file's bytes and hand its root to ``units_of(root) -> (format,
    units)``: the ``from_bytes`` of the XLIFF and TMX loaders (their ``load`` reads the
    file with ``corpus.read_then``, as every loader does). A problem becomes one
    Document, located at the fault."""
    if not data.strip():
        yield Document(id=shown, text="", source=str(path), problem=Problem(
            "empty", "file is empty" if not data else "file holds only white space"))
        return
    try:
        root = parse(data)
        kind, units = units_of(root)
    except XMLProblem as exc:
        doc = Document(id=clean_id(shown), text="", source=str(path), problem=Problem(
            "undecodable", exc.message))
        doc.origin = SegmentMap([(0, exc.line, exc.col)])
        yield doc
        return
    if not units:
        yield Document(id=shown, text="", source=str(path),
                       problem=Problem("empty", f"it holds no {kind} translation unit"))
        return
    yield from build(shown, path, kind, units)
