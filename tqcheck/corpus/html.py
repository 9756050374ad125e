"""HTML article pages: the article's text, without the page around it, mapped back to
the lines of the page.

Method. A news page is mostly not the article: navigation, header, cookie banner,
related links, newsletter box, footer. Checking all of it would report the site's
menus as untranslated text and its footer as scraped residue. The article is taken out
with trafilatura (a well-kept main-text extractor, measured against the other open
extractors on news pages; lxml underneath), as its XML output: its headline and
paragraphs, list items, block quotes and table cells, one per line of
``Document.text``, white space collapsed, character references decoded once (a
double-escaped ``&amp;amp;`` stays ``&amp;`` in the text, as readers see it, and TQ305
reports it). A page in which trafilatura finds no article is an ``empty`` problem
(TQ002), never a pass.

Positions. Every finding must point into the page an editor has open, not into the
extracted text. The page is also read with the standard library's HTML tokenizer,
which knows the line and column where each run of text starts; the visible text
outside ``<head>``, scripts and styles becomes one stream (white space collapsed as
the browser does, a break at every block element) with the line and column of each
character. Each extracted paragraph is then looked for in that stream, in page order;
when a paragraph occurs more than once (a headline repeated in a teaser box above the
article), the copy nearest before the next paragraph is taken. Each character of
``Document.text`` thus gets the exact line and column of its character in the page
(a character written as a reference, ``&eacute;``, points at the ``&``); the result is
a ``SourceMap`` in ``Document.origin``, which ``Document.position``
consults. A paragraph the extractor changed so that it cannot be found (rare: it may
join a split word) points at the end of the nearest paragraph found before it.

Inline markers. An editor accepts a finding in a page as in Markdown, with an HTML
comment, ``<!-- tqcheck: ignore TQ307 -->``: inside a paragraph it accepts findings on
that paragraph, between paragraphs those on the next one, ``ignore-file`` anywhere.
The comments are put into the text at those places (``_place_markers``), so the one
suppression mechanism (tqcheck/engine/suppress.py) applies; the extractor alone drops them.

Declared language: the ``lang`` attribute of ``<html>`` (``<html lang="ar">``), else
the file name (``page.ar.html``); a story manifest can set it too. The title is the
extracted headline. ``--fix`` never writes into HTML pages: what it would write is
extracted text, not the page.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..analysis import langs
from . import Document, Problem, SourceMap, decode, normalise_newlines, read_then
from .txt import lang_from_name

# Elements whose start or end breaks the text flow (a browser starts a new block or
# line there); text runs on across inline elements such as <a>, <b>, <span>.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "option", "button", "label",
}
# Elements whose content is never visible text.
_HIDDEN = {"head", "script", "style", "noscript", "template", "svg", "math", "title", "iframe"}
# What may stand in <head>: anything else starts the body.
_HEAD_CONTENT = {"title", "meta", "link", "base", "script", "style", "noscript", "template"}
# Paragraph-like elements of trafilatura's XML output; a <lb/> is a line break.
_XML_BLOCKS = {"head", "p", "item", "quote", "cell", "code", "list", "row", "table"}
_WS_RE = re.compile(r"\s+")


class _Stream(HTMLParser):
    """The visible text of a page, white space collapsed, with the 1-based line and
    column of every character of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.chars: list[str] = []
        self.lines = array("i")
        self.cols = array("i")
        self._hidden: list[str] = []
        self.lang: str | None = None
        # inline suppression markers: (comment, line, column, position in the stream,
        # whether a block element started or ended since the last text)
        self.markers: list[tuple[str, int, int, int, bool]] = []
        self._after_break = True

    def _put(self, text: str, line: int, col: int, exact: bool) -> None:
        for ch in text:
            if ch.isspace():
                if self.chars and self.chars[-1] != " ":
                    self.chars.append(" ")
                    self.lines.append(line)
                    self.cols.append(col + 1)
            else:
                self.chars.append(ch)
                self.lines.append(line)
                self.cols.append(col + 1)
            if exact:
                if ch == "\n":
                    line, col = line + 1, 0
                else:
                    col += 1

    def _break(self) -> None:
        line, col = self.getpos()
        self._put(" ", line, col, False)
        self._after_break = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.lang is None:
            self.lang = next((v for k, v in attrs if k in ("lang", "xml:lang") and v), None)
        if "head" in self._hidden and tag not in _HEAD_CONTENT:
            # </head> is optional: <body> or any element of the page's content ends
            # the head, as a browser reads it
            del self._hidden[self._hidden.index("head"):]
        if tag in _HIDDEN:
            self._hidden.append(tag)
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            line, col = self.getpos()
            self._put(data, line, col, True)
            self._after_break = self._after_break and not data.strip()

    def handle_comment(self, data: str) -> None:
        from .markers import MARKER_RE

        raw = f"<!--{data}-->"
        if MARKER_RE.fullmatch(raw.strip()):
            line, col = self.getpos()
            self.markers.append((" ".join(raw.split()), line, col + 1, len(self.chars),
                                 self._after_break))

    def handle_entityref(self, name: str) -> None:
        self._ref(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")

    def _ref(self, raw: str) -> None:
        import html

        if not self._hidden:
            line, col = self.getpos()
            self._put(html.unescape(raw), line, col, False)


def _paragraphs(xml: str) -> list[str]:
    """The text blocks of trafilatura's XML output, in order, white space collapsed."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True))
    main = root.find("main") if root is not None else None
    if main is None or not any(child.tag in _XML_BLOCKS for child in main):
        # trafilatura's last resort, the page's bare text without any paragraph (a
        # page of links, a section front): no article
        return []
    out: list[str] = []

    def walk(el: Any) -> None:
        buf: list[str] = []

        def flush() -> None:
            text = _WS_RE.sub(" ", "".join(buf)).strip()
            if text:
                out.append(text)
            buf.clear()

        if el.text:
            buf.append(el.text)
        for child in el:
            if child.tag in _XML_BLOCKS:
                flush()
                walk(child)
            elif child.tag == "lb":
                flush()
            else:
                buf.append("".join(child.itertext()))
            if child.tail:
                buf.append(child.tail)
        flush()

    walk(main)
    return out


def extract(html_text: str) -> list[str]:
    """The article's paragraphs as trafilatura finds them (empty when it finds none)."""
    import trafilatura

    # comments are readers' comments (not the article); tables stay, since news uses
    # them for results and figures; links' text stays, their targets do not.
    xml = trafilatura.extract(html_text, output_format="xml", include_comments=False,
                              include_tables=True, include_images=False,
                              include_formatting=False, deduplicate=False)
    return _paragraphs(xml) if xml else []


def _locate(paras: list[str], stream: str) -> list[int]:
    """Start of each paragraph in the page's text stream, -1 where it is not found."""
    starts: list[int] = []
    cursor = 0
    for i, p in enumerate(paras):
        at = stream.find(p, cursor)
        if at == -1:
            starts.append(-1)
            continue
        if i + 1 < len(paras):
            nxt = stream.find(paras[i + 1], at + len(p))
            while nxt != -1:  # a later copy still before the next paragraph is the one
                later = stream.find(p, at + 1, nxt)
                if later == -1:
                    break
                at = later
        starts.append(at)
        cursor = at + len(p)
    return starts


def build(html_text: str, shown: str, path: Path) -> Document:
    html_text, newline = normalise_newlines(html_text)
    paras = extract(html_text)
    parser = _Stream()
    try:
        parser.feed(html_text)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - the tokenizer is lenient
        pass
    lang = langs.normalise(parser.lang) if parser.lang else None
    lang = lang or lang_from_name(path)
    if not paras:
        return Document(id=shown, text="", source=str(path), lang=lang, problem=Problem(
            "empty", "no article text found in the page (only navigation, links or "
                     "boilerplate)"))
    stream = "".join(parser.chars)
    starts = _locate(paras, stream)
    # Each line of the text: its characters' page positions, and the markers placed on it
    rows: list[tuple[str, array, array]] = []
    last = (1, 1)
    for p, at in zip(paras, starts, strict=True):
        if at == -1:
            rows.append((p, array("i", [last[0]] * len(p)), array("i", [last[1]] * len(p))))
            continue
        rows.append((p, parser.lines[at:at + len(p)], parser.cols[at:at + len(p)]))
        last = (parser.lines[at + len(p) - 1], parser.cols[at + len(p) - 1] + 1)
    rows = _place_markers(rows, paras, starts, parser.markers)
    lines, cols = array("i"), array("i")
    for i, (p, ls, cs) in enumerate(rows):
        if i:  # the line break between paragraphs: just after the previous one
            prev_l, prev_c = rows[i - 1][1], rows[i - 1][2]
            lines.append(prev_l[-1] if prev_l else 1)
            cols.append(prev_c[-1] + 1 if prev_c else 1)
        lines.extend(ls)
        cols.extend(cs)
    lines.append(lines[-1] if lines else 1)
    cols.append(cols[-1] + 1 if cols else 1)
    text = "\n".join(r[0] for r in rows)
    found = sum(1 for s in starts if s != -1)
    return Document(id=shown, text=text, source=str(path), lang=lang, newline=newline,
                    origin=SourceMap(lines, cols),
                    meta={"format": "html",
                          "paragraphs_located": found, "paragraphs": len(paras)})


def _place_markers(rows: list[tuple[str, array, array]], paras: list[str], starts: list[int],
                   markers: list[tuple[str, int, int, int, bool]]
                   ) -> list[tuple[str, array, array]]:
    """Put the page's ``<!-- tqcheck: ignore ... -->`` comments into the text where they
    mean the same as in a Markdown file: a comment inside a paragraph goes at the end of
    that paragraph's line (it accepts findings on that paragraph); a comment between
    paragraphs becomes a line of its own before the next paragraph (it accepts findings
    on that one); ``ignore-file`` holds wherever it is. The comment's characters point
    at the comment in the page."""
    if not markers:
        return rows
    tail: dict[int, list[tuple[str, int, int]]] = {}
    before: dict[int, list[tuple[str, int, int]]] = {}
    for raw, line, col, pos, after_break in markers:
        # inside: after the paragraph's first character and no block boundary since its
        # text (a space the page had before the comment may lie between)
        inside = next((i for i, at in enumerate(starts) if at != -1 and at < pos and (
            pos <= at + len(paras[i]) or (pos == at + len(paras[i]) + 1 and not after_break))),
            None)
        if inside is not None:
            tail.setdefault(inside, []).append((raw, line, col))
            continue
        nxt = next((i for i, at in enumerate(starts) if at != -1 and at >= pos), len(rows))
        before.setdefault(nxt, []).append((raw, line, col))
    out: list[tuple[str, array, array]] = []
    for i in range(len(rows) + 1):
        for raw, line, col in before.get(i, []):
            out.append((raw, array("i", [line] * len(raw)), array("i", [col] * len(raw))))
        if i == len(rows):
            break
        text, ls, cs = rows[i]
        for raw, line, col in tail.get(i, []):
            text = f"{text} {raw}"
            ls = ls + array("i", [line] * (len(raw) + 1))
            cs = cs + array("i", [col] * (len(raw) + 1))
        out.append((text, ls, cs))
    return out


# <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">,
# which browsers look for in the first 1024 bytes of a page.
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    import codecs

    m = _CHARSET_RE.search(data[:1024])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    text, _bom, problem = decode(data)
    declared = _declared(data) if problem is not None and problem.code == "undecodable" else None
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        # A page that declares its legacy encoding is read in it, as a browser reads it
        # (that is not a guess); the text is then checked like any other.
        try:
            text, problem = data.decode(declared), None
        except UnicodeDecodeError:
            pass
    if problem is not None:
        yield Document(id=shown, text="", source=str(path), problem=problem,
                       lang=lang_from_name(path))
        return
    yield build(text, shown, path)


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes, lang_from_name(path))
