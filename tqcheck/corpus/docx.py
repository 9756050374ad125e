"""Word documents (``.docx``): the body's paragraphs, one per line, read with python-docx.

Reporters and translators still hand in copy as Word files. The text is the body in
reading order: each paragraph one line of ``Document.text``, each table cell's
paragraphs after it, row by row. Empty paragraphs stay as empty lines, so a finding's
line is the paragraph's number counted from the top of the document, as Word's
navigation counts them, and its column the character in that paragraph. Headers,
footers, footnotes, comments and text boxes are not the article and are left out;
tracked changes are read as python-docx reads them (inserted text included, deleted
text left out).

Declared language: the document's properties (File > Properties, ``dc:language``),
else the file name (``report.fr.docx``); a story manifest can set it too. A file that
is not a valid ``.docx`` (a renamed ``.doc``, a damaged download) is TQ004 with the
reason; one without text is TQ002. ``--fix`` never writes into Word files.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..analysis import langs
from . import Document, Problem, read_then
from .txt import lang_from_name


def _blocks(doc: Any) -> Iterator[str]:
    from docx.table import Table

    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                        continue
                    seen.add(id(cell._tc))
                    for para in cell.paragraphs:
                        yield para.text
        else:
            yield block.text


def from_bytes(data: bytes, shown: str, path: Path) -> Iterator[Document]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name_lang = lang_from_name(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        why = "it is not a Word .docx package (a zip of XML parts)"
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            why = "it is an old Word .doc file renamed .docx: save it as .docx"
        elif str(exc) and not isinstance(exc, PackageNotFoundError):
            why += f": {str(exc)[:200]}"
        yield Document(id=shown, text="", source=str(path), lang=name_lang,
                       problem=Problem("undecodable", f"not a readable .docx file: {why}"))
        return
    except Exception as exc:  # noqa: BLE001 - lxml's XMLSyntaxError and kin: a damaged part
        yield Document(id=shown, text="", source=str(path), lang=name_lang,
                       problem=Problem("undecodable",
                                       f"not a readable .docx file: {type(exc).__name__}: "
                                       f"{str(exc)[:200]}"))
        return
    # a paragraph may hold a soft line break (Shift+Enter) or a tab: one line each way
    lines = [t.replace("\r", "").replace("\n", " ").replace("\v", " ") for t in _blocks(document)]
    while lines and not lines[-1].strip():
        lines.pop()
    text = "\n".join(lines)
    props_lang = langs.normalise(document.core_properties.language or "")
    lang = props_lang or name_lang
    if not text.strip():
        yield Document(id=shown, text="", source=str(path), lang=lang,
                       problem=Problem("empty", "the document's body has no text"))
        return
    title = document.core_properties.title or None
    yield Document(id=shown, text=text, source=str(path), lang=lang, title=title,
                   meta={"format": "docx"})


def load(path: Path, shown: str) -> Iterator[Document]:
    return read_then(path, shown, from_bytes, lang_from_name(path))
