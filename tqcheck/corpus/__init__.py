"""The corpus model: Documents (one version of an article) and Stories (its versions).

Inputs are files, folders and ``-`` (standard input, read as one article; shown as
``<stdin>``, or as the name ``--stdin-filename`` gives, whose suffix then picks the
format and may declare the language, ``page.ar.html``). Folders are walked
recursively in sorted order, skipping hidden entries (``.git``, ``.venv``, ...), the
exclude patterns and what ``.gitignore`` ignores (``exclude.py``). One loader module
per format turns bytes into Documents: ``txt.py`` (plain text, Markdown), ``jsonl.py``
(CMS feeds), ``html.py`` (article pages), ``table.py`` (CSV and Parquet CMS exports),
``docx.py`` (Word), ``xliff.py`` and ``tmx.py``
(bilingual files, which become a source and its translations segment by segment:
``bilingual.py``); adding a format means adding a module and a line to ``LOADERS``,
nothing in the engine.

A file tqcheck does not read is never dropped silently: named on the command line, or
met in a folder, it becomes a Document with an ``unsupported`` problem (rule TQ005),
whose message lists the formats that are read. In a folder two kinds of file are
passed over without a word, because they sit beside articles in every repository and
are not articles: the tools' own files (configuration, code and data:
``NOT_ARTICLE_SUFFIXES``, ``NOT_ARTICLE_NAMES``, e.g. ``pyproject.toml``,
``tqcheck.toml``, ``Makefile``; ``story.toml`` is read as a manifest), and the
repository's documents (README, LICENSE, CHANGELOG, ...), which the default exclude
patterns leave out even when they are Markdown. A document format (``.pdf``, ``.odt``,
``.rtf``, ``.doc``), an image or any other unknown suffix is reported. A file without a
suffix named on the command line is read as plain text; in a folder it is reported.

A file that cannot be read, is empty, binary or not valid text still becomes a
Document, carrying a ``problem``; the ``input`` check kind turns it into a finding
and no other check looks at it. Nothing is dropped silently.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..analysis.text import LineIndex

# File suffix -> loader module in this package.
LOADERS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".markdown": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "table",
    ".parquet": "table",
    ".docx": "docx",
    ".xlf": "xliff",  # bilingual files: corpus/bilingual.py
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".tmx": "tmx",
}
# The tools' files that live beside articles in a repository: configuration, code, data
# and lock files. Met in a folder they are passed over without a finding (named on the
# command line, they are reported as a format tqcheck does not read). JSON is here
# because it is overwhelmingly configuration (package.json, tsconfig.json); article
# feeds are JSON Lines.
NOT_ARTICLE_SUFFIXES = {
    ".toml", ".yaml", ".yml", ".json", ".lock", ".cfg", ".ini", ".conf", ".env",
    ".py", ".pyc", ".pyi", ".sh", ".bash", ".zsh", ".ps1", ".bat", ".cmd", ".js", ".mjs",
    ".cjs", ".ts", ".css", ".scss", ".map", ".rb", ".go", ".rs", ".java", ".sql",
}
NOT_ARTICLE_NAMES = {"makefile", "dockerfile", "justfile", "procfile", "gemfile", "rakefile",
                     "jenkinsfile", "vagrantfile", "containerfile"}
STDIN = "-"
STDIN_ID = "<stdin>"
MANIFEST = "story.toml"
ROLES = ("translation_of", "reference_of")


@dataclass(eq=False)
class Problem:
    """Why a file could not be checked: code is one of the ``input`` rule options."""

    code: str  # unreadable | empty | binary | undecodable | unsupported
    message: str
    offset: int = 0  # byte offset for undecodable files


@dataclass(eq=False)
class Document:
    id: str  # the path as reports show it (posix), or the feed id
    text: str  # normalised: no BOM, "\n" line ends
    lang: str | None = None  # declared language, normalised (langs.normalise)
    story: str | None = None  # explicit story id, if declared
    title: str | None = None
    role: str | None = None  # "translation_of" or "reference_of"
    of: str | None = None  # the document id the role points at
    source: str | None = None  # file the document came from
    problem: Problem | None = None
    line_offset: int = 0  # lines before the text in its file (front matter)
    newline: str = "\n"  # the file's own line ending, restored by --fix
    bom: bool = False
    encoding: str = "utf-8"  # the file's codec (utf-8, utf-16-le/be, utf-32-le/be), kept by --fix
    raw_prefix: str = ""  # front matter as written, restored by --fix
    meta: dict[str, Any] = field(default_factory=dict)
    # Maps offsets to file positions when the text is not the file's own lines (an HTML
    # page's article: html.SourceMap; a bilingual file's segments: bilingual.SegmentMap);
    # None for plain text.
    origin: Any = field(default=None, repr=False)
    _index: LineIndex | None = field(default=None, repr=False)
    # where the text waits on disk while other stories are checked (``spool``): the
    # spool and the UTF-8 bytes' offset and length; None while the text is only here
    _spooled: tuple[TextSpool, int, int] | None = field(default=None, repr=False)

    def spool(self, spool: TextSpool) -> None:
        """Keep the text in ``spool`` (a file) instead of in memory: ``text`` then reads
        it back each time it is asked for, until ``hold``. A run spools every document
        as it is read and holds a story's texts only while the story is checked, so
        what it holds does not grow with the archive. An empty text stays here."""
        text = self.__dict__.get("_text", "")
        if not text:
            return
        self._spooled = (spool, *spool.put(text))
        self.__dict__["_text"] = None
        self._index = None
        if isinstance(self.origin, SourceMap):
            self.origin.spool(spool)

    def hold(self) -> None:
        """Read a spooled text back and keep it until ``release``."""
        if self._spooled is not None and self.__dict__.get("_text") is None:
            self.__dict__["_text"] = self._read()

    def release(self) -> None:
        """Forget a spooled text's copy in memory and what was derived from it here (the
        line index); the text is read again from the spool if it is asked for."""
        if self._spooled is not None:
            self.__dict__["_text"] = None
            self._index = None

    def _read(self) -> str:
        assert self._spooled is not None
        spool, at, size = self._spooled
        return spool.get(at, size)

    def _get_text(self) -> str:
        text = self.__dict__.get("_text")
        return self._read() if text is None else text

    def _set_text(self, value: str) -> None:
        self.__dict__["_text"] = value
        self._spooled = None
        self._index = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset, as in the original file.

        A document whose text was taken out of markup (an HTML page, the segments of an
        XLIFF or TMX file) carries in ``origin`` a map that says where each character
        came from (``SourceMap``, ``corpus.bilingual.SegmentMap``)."""
        if self.origin is not None:
            return self.origin.position(offset)  # type: ignore[no-any-return]
        if self._index is None:
            self._index = LineIndex(self.text)
        line, col = self._index.position(offset)
        return line + self.line_offset, col


# ``text`` is a property (set by the constructor too): held in memory, or read back from
# the document's spool (``Document.spool``)
Document.text = property(  # type: ignore[assignment,method-assign]
    Document._get_text, Document._set_text)


class TextSpool:
    """Texts kept on disk for the length of a run, in one anonymous temporary file
    (deleted by the system when it is closed or the process ends): ``put`` appends a
    text and gives its place, ``get`` reads it back. Reads do not move a file position
    (``os.pread``), so the worker processes of ``--jobs``, which inherit the file, read
    from it side by side. A text goes in as UTF-8 with lone surrogates kept, so what
    comes back is the same string."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile(prefix="tqcheck-texts-")
        self._fd = self._file.fileno()
        self._end = 0

    def put(self, text: str) -> tuple[int, int]:
        return self.put_bytes(text.encode("utf-8", "surrogatepass"))

    def put_bytes(self, data: bytes) -> tuple[int, int]:
        at, view = self._end, memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]
        self._end += len(data)
        return at, len(data)

    def get(self, at: int, size: int) -> str:
        return self.get_bytes(at, size).decode("utf-8", "surrogatepass")

    def get_bytes(self, at: int, size: int) -> bytes:
        data = os.pread(self._fd, size, at)
        while len(data) < size:  # a short read (a signal): the rest
            more = os.pread(self._fd, size - len(data), at + len(data))
            if not more:
                raise OSError(f"the text spool ends at byte {at + len(data)}, not {at + size}")
            data += more
        return data

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> TextSpool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class SourceMap:
    """For text extracted from a file in another form (an HTML page), the 1-based line
    and column in that file of every character of ``Document.text``, and of the end.

    Two arrays of machine integers, one entry per code point: a few bytes per character,
    looked up in constant time. An offset past the end maps to the end."""

    __slots__ = ("_at", "_n", "_spool", "columns", "lines")

    def __init__(self, lines: Any, columns: Any) -> None:
        self.lines, self.columns = lines, columns
        self._spool: TextSpool | None = None
        self._at = self._n = 0

    def spool(self, spool: TextSpool) -> None:
        """Keep the two arrays in ``spool`` (``Document.spool``): a position is then
        read from the file, eight bytes, when a finding asks for it."""
        if self._spool is not None or len(self.lines) == 0:
            return
        self._n = len(self.lines)
        self._at = spool.put_bytes(self.lines.tobytes() + self.columns.tobytes())[0]
        self._spool, self.lines, self.columns = spool, None, None

    def position(self, offset: int) -> tuple[int, int]:
        if self._spool is None:
            i = min(max(offset, 0), len(self.lines) - 1)
            return int(self.lines[i]), int(self.columns[i])
        from array import array

        i = min(max(offset, 0), self._n - 1)
        size = array("i").itemsize
        line, col = array("i"), array("i")
        line.frombytes(self._spool.get_bytes(self._at + i * size, size))
        col.frombytes(self._spool.get_bytes(self._at + (self._n + i) * size, size))
        return line[0], col[0]


@dataclass(eq=False)
class Story:
    id: str
    documents: list[Document]
    explicit: bool = False

    def by_id(self, doc_id: str) -> Document | None:
        for d in self.documents:
            if d.id == doc_id:
                return d
        return None


# An article larger than this is not read (a log or a dump named like an article, or
# /dev/zero behind a link): 64 MiB is some hundred times the longest news feature.
MAX_FILE_BYTES = 64 * 1024 * 1024


def _listdir(d: Path) -> list[os.DirEntry[str]]:
    with os.scandir(d) as it:
        return sorted(it, key=lambda e: e.name)


def _walk(root: Path, paths: Any = None
          ) -> tuple[list[Path], list[Path], list[tuple[Path, str]], list[Path]]:
    """Article files, ``story.toml`` manifests, unreadable folders and files of a format
    tqcheck does not read, below ``root``.

    Depth first in sorted order, with an explicit stack (no recursion limit on deep
    trees). A link to a folder is not followed (no loops); a link to an article is
    yielded whatever it points at (a broken or looping link is reported as unreadable),
    and so is a FIFO, device or socket with an article's name (reported, never read).
    ``paths`` (an ``exclude.PathFilter``) says which entries are passed over.
    """
    files: list[Path] = []
    manifests: list[Path] = []
    bad: list[tuple[Path, str]] = []
    unknown: list[Path] = []
    try:
        top = _listdir(root)
    except OSError as exc:
        return files, manifests, [(root, exc.strerror or str(exc))], unknown
    stack = [iter(top)]
    while stack:
        e = next(stack[-1], None)
        if e is None:
            stack.pop()
            continue
        if e.name.startswith("."):
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if paths is not None and paths.excluded(Path(e.path), is_dir, root):
            continue
        if is_dir:
            try:
                stack.append(iter(_listdir(Path(e.path))))
            except OSError as exc:
                bad.append((Path(e.path), exc.strerror or str(exc)))
            continue
        suffix = Path(e.name).suffix.lower()
        if e.name == MANIFEST:
            manifests.append(Path(e.path))
        elif suffix in LOADERS:
            if e.is_symlink() and Path(e.path).is_dir():
                continue
            files.append(Path(e.path))
        elif suffix in NOT_ARTICLE_SUFFIXES or e.name.lower() in NOT_ARTICLE_NAMES:
            continue
        elif not (e.is_symlink() and Path(e.path).is_dir()):
            unknown.append(Path(e.path))
    return files, manifests, bad, unknown


def formats_read() -> str:
    """The suffixes tqcheck reads, for messages: ``.csv, .docx, ... and .txt``."""
    names = sorted(LOADERS)
    return ", ".join(names[:-1]) + " and " + names[-1]


def unsupported(path: Path, shown: str) -> Document:
    """The Document of a file whose format tqcheck does not read (rule TQ005)."""
    suffix = path.suffix.lower()
    what = f"{suffix} files are" if suffix else "a file without a name suffix in a folder is"
    hint = ("export the article to one of them" if suffix in _DOCUMENT_SUFFIXES
            else "exclude it with exclude or extend-exclude if it is not an article")
    return Document(id=shown, text="", source=str(path), problem=Problem(
        "unsupported", f"{what} not read by tqcheck; it reads {formats_read()} files; {hint}"))


# Formats an article is written or exported in that tqcheck does not read: the hint
# says to export the article, rather than to exclude the file.
_DOCUMENT_SUFFIXES = {".pdf", ".doc", ".odt", ".rtf", ".pages", ".wpd", ".xml", ".epub",
                      ".xls", ".xlsx", ".ods", ".tsv", ".srt", ".vtt", ".idml", ".indd"}


def clean_id(s: str) -> str:
    """``s`` as it can be written in any report: a byte of a file name that is not
    UTF-8 (held as a surrogate escape) becomes ``\\xNN``, any other lone surrogate
    U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    out = []
    for ch in s:
        cp = ord(ch)
        if 0xDC80 <= cp <= 0xDCFF:
            out.append(f"\\x{cp - 0xDC00:02x}")
        elif 0xD800 <= cp <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def clean_text(s: str) -> str:
    """Lone surrogates (a JSON ``\\ud800`` escape) replaced one for one by U+FFFD, so that
    offsets stay the same and TQ302 reports them."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", s)


def _display(arg: str, path: Path, root: Path) -> str:
    if path == root:
        return clean_id(PurePosixPath(Path(arg)).as_posix())
    rel = path.relative_to(root).as_posix()
    base = PurePosixPath(Path(arg)).as_posix()
    return clean_id(rel if base in ("", ".") else f"{base}/{rel}")


def _key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):  # pragma: no cover - realpath does not raise on loops
        return os.path.abspath(path)


def load(paths: Iterable[str] | str, filter: Any = None,
         stdin_name: str | None = None, spool: TextSpool | None = None) -> list[Document]:
    """Read every input into Documents, in a deterministic order.

    ``filter`` (an ``exclude.PathFilter``; default: the default exclude patterns and
    ``.gitignore``) decides what folder walks pass over. ``-`` reads standard input as
    one article (``stdin_name``, if given, names it and picks its format).

    A folder that cannot be listed becomes a Document with an ``unreadable`` problem,
    as a file that cannot be read does. A declared role (``translation_of``) that names
    the document itself, a document that does not exist, or closes a loop stops the run
    with ``file:line: message`` (errors.TQError).

    With a ``spool`` each document's text goes to it as soon as the document is read
    (``Document.spool``): the run then holds the texts of no more than one file at a
    time, whatever the size of the archive.
    """
    from . import manifest
    from .exclude import PathFilter

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths_filter = PathFilter() if filter is None else filter
    docs: list[Document] = []
    seen: set[str] = set()
    for arg in paths:
        arg = os.fspath(arg)
        if arg == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                docs.extend(_load_stdin(stdin_name))
            continue
        root = Path(arg)
        bad: list[tuple[Path, str]] = []
        unknown: list[Path] = []
        if root.is_dir():
            files, found, bad, unknown = _walk(root, paths_filter)
            manifests = manifest.read_found(root, found)
        elif os.path.lexists(arg):
            if paths_filter.force and paths_filter.excludes_named(root):
                continue
            files = [root]
            manifests = manifest.find_for_file(root)
            suffix = root.suffix.lower()
            if suffix and suffix not in LOADERS:
                files, unknown = [], [root]
        else:
            docs.append(
                Document(id=clean_id(arg), text="", source=arg,
                         problem=Problem("unreadable", "no such file or folder"))
            )
            continue
        by_folder = manifest.index(manifests)
        for d, why in bad:
            docs.append(Document(
                id=_display(arg, d, root).rstrip("/") + "/", text="", source=str(d),
                problem=Problem("unreadable", f"it is a folder that cannot be read ({why}): "
                                              "the articles in it were not checked")))
        for f in unknown:
            key = _key(f)
            if key not in seen:
                seen.add(key)
                doc = unsupported(f, _display(arg, f, root))
                manifest.apply(doc, f, by_folder)
                docs.append(doc)
        for f in files:
            key = _key(f)
            if key in seen:
                continue
            seen.add(key)
            shown = _display(arg, f, root)
            loader = importlib.import_module(f"{__name__}.{LOADERS.get(f.suffix.lower(), 'txt')}")
            for doc in loader.load(f, shown):
                manifest.apply(doc, f, by_folder)
                if spool is not None:
                    doc.spool(spool)
                docs.append(doc)
    _unique_ids(docs)
    _check_roles(docs)
    return docs


def _load_stdin(name: str | None) -> list[Document]:
    """Standard input as one article: its bytes read once, up to MAX_FILE_BYTES, then
    given to the loader of ``name``'s suffix (plain text and Markdown, front matter
    included, by default). The documents have no ``source``: nothing writes to them."""
    import sys

    shown = clean_id(name) if name else STDIN_ID
    stream = sys.stdin
    try:
        if stream is None:
            raise OSError("standard input is closed")
        raw = getattr(stream, "buffer", None)
        if raw is not None:
            data = raw.read(MAX_FILE_BYTES + 1)
        else:  # a text stream without bytes underneath (an embedding program's StringIO)
            data = stream.read().encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as exc:
        return [Document(id=shown, text="", problem=Problem(
            "unreadable", f"standard input could not be read: {exc}"))]
    if len(data) > MAX_FILE_BYTES:
        return [Document(id=shown, text="", problem=_too_large(len(data), MAX_FILE_BYTES))]
    path = Path(name) if name else Path("stdin.txt")
    if path.suffix and path.suffix.lower() not in LOADERS:
        doc = unsupported(path, shown)
        doc.source = None
        return [doc]
    module = LOADERS.get(path.suffix.lower(), "txt")
    loader = importlib.import_module(f"{__name__}.{module}")
    docs = list(loader.from_bytes(data, shown, path))
    for d in docs:
        d.source = None
    return docs


def _unique_ids(docs: list[Document]) -> None:
    """A second document with an id already taken (a feed that repeats an id) is not
    checked: it becomes an ``unreadable`` problem under its own location."""
    taken: dict[str, Document] = {}
    for d in docs:
        if d.id not in taken:
            taken[d.id] = d
            continue
        first = taken[d.id]
        where = d.meta.get("feed_where") or d.id
        alt, n = where, 2
        while alt in taken:
            alt, n = f"{where}~{n}", n + 1
        was = first.meta.get("feed_where") or first.id
        d.problem = Problem("unreadable", f"it repeats the id {d.id!r} of {was}: each article "
                                          "needs its own id, so this one was not checked")
        d.id, d.text, d.role, d.of, d.story = alt, "", None, None, None
        taken[alt] = d


def _check_roles(docs: list[Document]) -> None:
    from ..errors import TQError

    by_id = {d.id: d for d in docs}

    def where(d: Document) -> tuple[str, int]:
        src, line = d.meta.get("role_where") or (d.id, 1)
        return str(src), int(line)

    for d in docs:
        if d.of is None:
            continue
        if d.of == d.id:
            raise TQError(f"{d.role} {d.of!r} names the document itself", *where(d))
        if d.of not in by_id and not _exists_beside(d):
            raise TQError(f"{d.role} {d.of!r} names no document: no such file, and no "
                          "document of the run has that id", *where(d))
    for d in docs:
        chain, cur = [d.id], d
        while cur.of is not None and cur.of in by_id:
            cur = by_id[cur.of]
            if cur.id == d.id:
                if d.id == min(chain):  # report each loop once, at its first document
                    raise TQError(f"{d.role} makes a loop: {' -> '.join([*chain, d.id])}",
                                  *where(d))
                break
            if cur.id in chain:
                break
            chain.append(cur.id)


def _exists_beside(d: Document) -> bool:
    """A role may name a file that is not part of this run (checking one version of a
    story): it must exist, beside the document or from the working folder."""
    raw = d.meta.get("role_raw") or d.of or ""
    if not d.source:  # standard input: from the working folder
        return bool(d.of) and os.path.lexists(d.of or "")
    if d.source.endswith((".jsonl", ".ndjson", ".csv", ".parquet")):
        return False
    base = Path(d.meta.get("role_base") or Path(d.source).parent)
    return any(os.path.lexists(p) for p in (base / raw, Path(d.of or "")))


def read_then(path: Path, shown: str, from_bytes: Any, lang: str | None = None
              ) -> Iterator[Document]:
    """A loader's ``load``: the file's bytes (``read_bytes``) handed to the loader's
    ``from_bytes(data, shown, path)``, or, when they cannot be read, one Document with
    the problem (and ``lang``, the language the file name declares, when it has one)."""
    data, problem = read_bytes(path)
    if problem is not None or data is None:
        yield Document(id=shown, text="", source=str(path), problem=problem, lang=lang)
        return
    yield from from_bytes(data, shown, path)


def read_bytes(path: Path, limit: int | None = None) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most ``limit`` bytes (MAX_FILE_BYTES).

    A FIFO, device or socket is never opened for reading (it could block forever or
    never end); a larger file is not read. Both are problems, as is any OSError.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        st = os.stat(path)
    except OSError as exc:
        return None, _os_problem(exc)
    if not stat.S_ISREG(st.st_mode):
        return None, Problem("unreadable", f"it is {_kind_of(st.st_mode)}, not a regular file; "
                                           "tqcheck reads only regular files")
    if st.st_size > limit:
        return None, _too_large(st.st_size, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return None, _os_problem(exc)
    try:
        st = os.fstat(fd)  # it may have been swapped since the stat above
        if not stat.S_ISREG(st.st_mode):
            return None, Problem("unreadable", f"it is {_kind_of(st.st_mode)}, not a regular file")
        chunks, total = [], 0
        while True:
            block = os.read(fd, min(1 << 20, limit + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > limit:
                return None, _too_large(total, limit)
        return b"".join(chunks), None
    except OSError as exc:
        return None, _os_problem(exc)
    finally:
        os.close(fd)


def _os_problem(exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem("unreadable", "it is a symbolic link that loops (too many levels of "
                                     "symbolic links)")
    return Problem("unreadable", exc.strerror or str(exc))


def _too_large(size: int, limit: int) -> Problem:
    more = "more than " if size == limit + 1 else ""
    return Problem("unreadable", f"it has {more}{size:,} bytes, over the limit of {limit:,} "
                                 "bytes for one article (tqcheck.corpus.MAX_FILE_BYTES): not read")


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def encoding_of(data: bytes) -> tuple[str, bytes]:
    """The codec of ``data`` and the byte-order mark it starts with (b"" for none)."""
    for mark, enc in BOMS:
        if data.startswith(mark):
            return enc, mark
    return "utf-8", b""


def decode(data: bytes) -> tuple[str, bool, Problem | None]:
    """Bytes to text: UTF-8 (with or without BOM), or UTF-16 or UTF-32 with a BOM.

    Returns (text, had_bom, problem). Text that is empty or only white space, that
    holds NUL bytes without a UTF-16/32 BOM (binary), or that is not valid in its
    encoding is a problem; the offset of the first bad byte is kept for the finding.
    """
    enc, mark = encoding_of(data)
    bom = bool(mark)
    data = data[len(mark):]
    if enc == "utf-8" and b"\x00" in data:
        first = data.index(b"\x00")
        return "", bom, Problem("binary", f"it holds NUL bytes (the first at byte {first})", first)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data) if enc == "utf-8" else None
        hint = f"; it looks like {guess}" if guess else ""
        shown = enc.upper().replace("-LE", " LE").replace("-BE", " BE")
        at = exc.start if enc == "utf-8" else exc.start + len(mark)  # UTF-8: after the BOM
        return "", bom, Problem(
            "undecodable", f"not valid {shown} at byte {at}{hint}: re-save the file as UTF-8", at)
    if not text.strip():
        return "", bom, Problem("empty", "file is empty" if not text else "file holds only white space")
    return text, bom, None


def _guess_encoding(data: bytes) -> str | None:
    """Name a likely legacy encoding for the message (never used to decode silently)."""
    for enc in ("cp1252", "cp1251", "cp1256", "iso-8859-8"):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    return None


def normalise_newlines(text: str) -> tuple[str, str]:
    """Text with ``\\n`` line ends, and the line ending the file used."""
    if "\r" not in text:
        return text, "\n"
    newline = "\r\n" if "\r\n" in text else "\r"
    return text.replace("\r\n", "\n").replace("\r", "\n"), newline
