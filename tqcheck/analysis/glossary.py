"""A newsroom glossary: source terms, the target terms a translation must use for them,
and target terms it must not use. Read from TOML, TBX or CSV; used by TQ701/TQ702
(``tqcheck/checks/terms.py``).

Formats (the file's suffix decides):

* **TOML** (``.toml``), one ``[[term]]`` table per entry::

      [[term]]
      source_lang = "ru"
      source = ["Киев"]            # a string or a list of forms
      target_lang = "en"
      target = ["Kyiv"]            # required forms: any one will do
      forbidden = ["Kiev"]         # forms a translation must not use
      note = "AP and Reuters style since 2019"

* **TBX** (``.tbx``, ``.xml``): TBX-Basic (``martif``/``termEntry``/``langSet``/``tig`` or
  ``ntig``/``term``) or TBX v3 (``conceptEntry``/``langSec``/``termSec``). A term whose
  ``termNote type="administrativeStatus"`` is ``deprecatedTerm-admn-sts`` or
  ``supersededTerm-admn-sts`` is forbidden, every other term (preferred, admitted, no
  status) is a required form. A TBX entry is a concept in several languages, so it
  gives an entry for every ordered pair of its languages: all its terms in one language
  are source forms, the allowed ones in the other the target forms. Parsed with
  defusedxml (no entity expansion, no external resources).
* **CSV** (``.csv``, or ``.tsv`` with tabs), UTF-8, with a header row naming the
  columns ``source_lang,source,target_lang,target`` and optionally ``forbidden`` and
  ``note``; several forms in one cell are separated by ``|``.

Language codes are ISO 639-1 (``tqcheck/analysis/langs.py``). Any mistake (bad TOML or XML, a
missing column or key, an unknown language code, an entry with no form) stops the run
with ``file:line: message``.

Matching (:func:`matcher`): case-insensitive, whole words in any script (no letter or
digit on either side); in Chinese, Japanese, Korean and Thai, which have no spaces
between words, anywhere. Inflection is allowed where it is cheap:

* languages with case endings (Slavic, Baltic, Finnic, Hungarian, German, Greek,
  Romanian, Icelandic): each word of four letters or more may take up to three more
  letters, after up to two final vowels (й and ь count as vowels) are dropped (Киев ->
  Киеве, Киевом; Москва -> Москве; Европейский -> Европейского; Bundestag ->
  Bundestages). Three letters cover the case endings of nouns; the
  cost is that a longer word on the same stem (Киевский, an adjective, takes four and is
  not matched; Москвич, two, is);
* every language: an apostrophe and up to four letters (Kyiv's, Turkish Kyiv'de);
  English, French, Spanish, Italian, Portuguese, Dutch and the Scandinavian languages: a
  plural -s or -es;
* Arabic: the attached conjunctions and prepositions و ف ب ل ك and the article ال
  before the term; Hebrew: up to two of the prefixes ו ה ב ל מ ש כ, with an optional
  hyphen (ה-F-35).

For TQ701's test that a required form is present, a single-word form of four letters
or more also counts inside a compound in the languages that write compounds solid
(German, Dutch, the Scandinavian languages, Finnish, Estonian, Hungarian):
``Regierung`` is present in ``Bundesregierung`` and ``Regierungssprecher``, ``Wahl``
in ``Wahlkreis`` (and, leniently, in ``Auswahl``). Source
terms and forbidden forms are matched as words.

Not handled: stem changes inside the word (German umlaut plurals, Russian fleeting
vowels such as Орёл -> Орла), Arabic broken plurals and suffixed pronouns, and
agglutination beyond three letters (Finnish, Hungarian, Turkish common nouns).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from . import langs
from ..errors import TQError

FORBIDDEN_STATUS = ("deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated",
                    "superseded", "forbidden")
INFLECTING = {"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk", "lt",
              "lv", "et", "fi", "hu", "de", "el", "ro", "is"}
# Languages that write compounds solid: a required form inside one is present
# (Regierung in Bundesregierung, Regierungssprecher).
COMPOUNDING = {"de", "nl", "sv", "da", "nb", "nn", "no", "is", "fi", "et", "hu"}
PLURAL_S = {"en", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "nn", "no", "ca", "gl"}
_VOWELS = set("aeiouyäöüáéíóúаеёиоуыэюяьйіїєαεηιουωάέήίόύώ")


@lru_cache(maxsize=1)
def _unspaced() -> re.Pattern[str]:
    # compiled when first needed: a class of 30,000 code points takes milliseconds to
    # compile, and only a run with a glossary uses it
    return re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


CSV_COLUMNS = ("source_lang", "source", "target_lang", "target")
CSV_OPTIONAL = ("forbidden", "note")
_TOML_KEYS = {"source_lang", "source", "target_lang", "target", "forbidden", "note"}


@dataclass(frozen=True)
class Entry:
    source_lang: str  # base language code
    target_lang: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    forbidden: tuple[str, ...]
    where: str  # file:line, for messages
    note: str = ""


@lru_cache(maxsize=65536)  # one pattern per form and language: a large glossary fits
def matcher(form: str, lang: str | None, compound: bool = False) -> re.Pattern[str]:
    """The pattern that finds ``form`` in text of ``lang`` (see the module docstring);
    ``compound``: also inside a compound word, in the languages that write them solid."""
    base = langs.base(lang) or ""
    words = form.split()
    if compound and base in COMPOUNDING and len(words) == 1 and len(form) >= 4:
        return re.compile(re.escape(form), re.I)
    if _unspaced().search(form):
        return re.compile(r"\s*".join(re.escape(w) for w in words), re.I)
    parts = []
    for w in words:
        p = re.escape(w)
        if base in INFLECTING and len(w) >= 4 and w[-1].isalpha():
            stem = w
            while len(stem) > len(w) - 2 and len(stem) > 3 and stem[-1].lower() in _VOWELS:
                stem = stem[:-1]  # up to two final vowels: Москва, Европейский (-ий)
            p = re.escape(stem) + r"[^\W\d_]{0,3}"
        elif base in PLURAL_S and w[-1].isalpha():
            p += r"(?:e?s)?"
        parts.append(p)
    body = r"[\s\u00a0\-\u2010\u2011]+".join(parts) + r"(?:['’][^\W\d_]{1,4})?"
    pre = ""
    if base == "ar":
        pre = r"(?:[وف]?[بلك]?(?:ال)?)?"
    elif base == "he":
        pre = r"(?:[והבלמשכ]{1,2}[\-\u05be]?)?"
    return re.compile(rf"(?<!\w){pre}{body}(?!\w)", re.I)


def may_occur(forms: tuple[str, ...], lowered: str) -> bool:
    """A cheap test before the patterns run: can any of ``forms`` occur in a text whose
    lower-cased form is ``lowered``? Its first word, without the last two letters that
    inflection may change, must be in it (a substring test per form, so a glossary of
    thousands of entries costs little per story)."""
    for f in forms:
        w = f.split()[0].lower() if f.split() else ""
        if (w[:-2] if len(w) > 3 else w) in lowered:
            return True
    return False


def find(forms: tuple[str, ...], text: str, lang: str | None,
         compound: bool = False) -> list[tuple[int, int]]:
    """Spans of every occurrence of any of ``forms`` in ``text``, in text order."""
    out = []
    for f in forms:
        out.extend((m.start(), m.end()) for m in matcher(f, lang, compound).finditer(text))
    return sorted(set(out))


# --- loading ------------------------------------------------------------------------

_CACHE: dict[tuple[Path, int], tuple[Entry, ...]] = {}


def load(path: Path) -> tuple[Entry, ...]:
    """The entries of a glossary file, read once per file version (path and mtime)."""
    path = path.resolve()
    try:
        key = (path, path.stat().st_mtime_ns)
    except OSError as exc:
        raise ValueError(f"cannot read glossary {path}: {exc.strerror or exc}") from exc
    if key not in _CACHE:
        if len(_CACHE) >= 32:  # a long-lived process with glossaries edited under it
            _CACHE.clear()
        suffix = path.suffix.lower()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(f"cannot read glossary {path}: {exc.strerror or exc}") from exc
        if suffix == ".toml":
            entries = _load_toml(data, path)
        elif suffix in (".tbx", ".xml"):
            entries = _load_tbx(data, path)
        elif suffix in (".csv", ".tsv"):
            entries = _load_csv(data, path, "\t" if suffix == ".tsv" else ",")
        else:
            raise ValueError(f"glossary {path.name}: unknown format {suffix or '(no suffix)'!r} "
                             "(.toml, .tbx, .xml, .csv, .tsv)")
        _CACHE[key] = entries
    return _CACHE[key]


def _text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TQError(f"glossary is not UTF-8 ({exc.reason} at byte {exc.start})", str(path), line) from exc


def _line(line: int | Callable[[], int]) -> int:
    """A line given as a number, or as a function that finds it (in a TOML glossary the
    key is looked up in the text only when there is an error to show)."""
    return line() if callable(line) else line


def _lang(code: Any, path: Path, line: int | Callable[[], int], what: str) -> str:
    if not isinstance(code, str) or langs.normalise(code) is None:
        raise TQError(f"{what}: unknown language code {code!r} (ISO 639-1, such as 'en', "
                      f"'ru', 'zh')", str(path), _line(line))
    return langs.base(langs.normalise(code)) or ""


def _forms(value: Any, path: Path, line: int | Callable[[], int], what: str,
           sep: str | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(sep) if sep else [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TQError(f"{what} must be a string or a list of strings", str(path), _line(line))
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def _entry(sl: str, src: tuple, tl: str, tgt: tuple, forb: tuple, path: Path, line: int,
           note: str = "") -> Entry:
    if not src:
        raise TQError("entry has no source term", str(path), line)
    if not tgt and not forb:
        raise TQError("entry has neither a target term nor a forbidden one", str(path), line)
    return Entry(sl, tl, src, tgt, forb, f"{path.name}:{line}", note)


def _load_toml(data: bytes, path: Path) -> tuple[Entry, ...]:
    from .. import tomlindex
    from ..errors import line_of_key, toml_decode_line
    from .userregex import table_lines

    text = _text(data, path)
    try:
        raw = tomlindex.loads(text)  # (the built-in glossary's data is prebuilt)
    except tomlindex.decode_error() as exc:
        raise TQError(f"invalid TOML: {exc}", str(path), toml_decode_line(exc)) from exc
    unknown = [k for k in raw if k != "term"]
    if unknown:
        raise TQError(f"unknown key {unknown[0]!r} (a glossary has [[term]] tables)", str(path),
                      line_of_key(text, unknown[0]))
    items = raw.get("term", [])
    if not isinstance(items, list):
        raise TQError("'term' must be an array of tables ([[term]])", str(path), line_of_key(text, "term"))
    out = []
    heads = table_lines(text, "term")
    for i, t in enumerate(items):
        at = heads[i] if i < len(heads) else 1
        if not isinstance(t, dict):
            raise TQError("each term must be a table ([[term]])", str(path), at)

        def line(key: str) -> int:
            return line_of_key(text, key, at)

        bad = sorted(set(t) - _TOML_KEYS)
        if bad:
            raise TQError(f"term {i + 1}: unknown key {bad[0]!r} (known: {', '.join(sorted(_TOML_KEYS))})",
                          str(path), line(bad[0]))
        for key in ("source_lang", "source", "target_lang"):
            if key not in t:
                raise TQError(f"term {i + 1}: missing {key!r}", str(path), at)
        sl = _lang(t["source_lang"], path, partial(line, "source_lang"), "source_lang")
        tl = _lang(t["target_lang"], path, partial(line, "target_lang"), "target_lang")
        note = t.get("note", "")
        if not isinstance(note, str):
            raise TQError("note must be a string", str(path), line("note"))
        out.append(_entry(sl, _forms(t["source"], path, partial(line, "source"), "source"), tl,
                          _forms(t.get("target", []), path, partial(line, "target"), "target"),
                          _forms(t.get("forbidden", []), path, partial(line, "forbidden"), "forbidden"),
                          path, at, note))
    return tuple(out)


def _load_csv(data: bytes, path: Path, delimiter: str) -> tuple[Entry, ...]:
    import csv
    import io

    text = _text(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise TQError("empty glossary: the first row must name the columns "
                          f"{','.join(CSV_COLUMNS)}[,forbidden][,note]", str(path), 1)
        cols = [h.strip().lower() for h in header]
        missing = [c for c in CSV_COLUMNS if c not in cols]
        if missing:
            raise TQError(f"missing column {missing[0]!r}: the header must name "
                          f"{', '.join(CSV_COLUMNS)} (and optionally {', '.join(CSV_OPTIONAL)})",
                          str(path), 1)
        unknown = [c for c in cols if c not in CSV_COLUMNS + CSV_OPTIONAL]
        if unknown:
            raise TQError(f"unknown column {unknown[0]!r} (known: "
                          f"{', '.join(CSV_COLUMNS + CSV_OPTIONAL)})", str(path), 1)
        out = []
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in row):
                continue
            if len(row) > len(cols):
                raise TQError(f"{len(row)} cells, but the header names {len(cols)} columns "
                              f"(quote a cell that holds a {delimiter!r})", str(path), line)
            rec = dict(zip(cols, row + [""] * (len(cols) - len(row))))
            sl = _lang(rec["source_lang"].strip(), path, line, "source_lang")
            tl = _lang(rec["target_lang"].strip(), path, line, "target_lang")
            out.append(_entry(sl, _forms(rec["source"], path, line, "source", "|"), tl,
                              _forms(rec["target"], path, line, "target", "|"),
                              _forms(rec.get("forbidden", ""), path, line, "forbidden", "|"),
                              path, line, rec.get("note", "").strip()))
    except csv.Error as exc:
        raise TQError(f"bad CSV: {exc}", str(path), reader.line_num or 1) from exc
    return tuple(out)


def _load_tbx(data: bytes, path: Path) -> tuple[Entry, ...]:
    import xml.sax

    import defusedxml.sax
    from defusedxml import DefusedXmlException

    class Handler(xml.sax.ContentHandler):
        def __init__(self) -> None:
            super().__init__()
            self.concepts: list[tuple[int, list[tuple[str, int, str, bool]]]] = []
            self.lang: str | None = None
            self.term: list[str] | None = None
            self.note: list[str] | None = None
            self.terms: list[list[Any]] = []  # [text, line, lang, forbidden] of the current tig

        def line(self) -> int:
            return self._locator.getLineNumber() if self._locator else 1

        def startElement(self, name: str, attrs: Any) -> None:
            local = name.split(":")[-1]
            if local in ("termEntry", "conceptEntry"):
                self.concepts.append((self.line(), []))
            elif local in ("langSet", "langSec"):
                code = attrs.get("xml:lang") or attrs.get("lang")
                self.lang = _lang(code, path, self.line(), f"<{local} xml:lang>")
            elif local == "term":
                self.term = []
            elif local == "termNote" and (attrs.get("type") or "") == "administrativeStatus":
                self.note = []

        def characters(self, content: str) -> None:
            if self.term is not None:
                self.term.append(content)
            if self.note is not None:
                self.note.append(content)

        def endElement(self, name: str) -> None:
            local = name.split(":")[-1]
            if local == "term" and self.term is not None:
                if not self.concepts or self.lang is None:
                    raise TQError("<term> outside a <termEntry>/<langSet>", str(path), self.line())
                form = "".join(self.term).strip()
                if form:
                    self.concepts[-1][1].append((form, self.line(), self.lang, False))
                self.term = None
            elif local == "termNote" and self.note is not None:
                status = "".join(self.note).strip().lower()
                entries = self.concepts[-1][1] if self.concepts else []
                if status in FORBIDDEN_STATUS and entries:
                    f, ln, lg, _ = entries[-1]
                    entries[-1] = (f, ln, lg, True)
                self.note = None
            elif local in ("langSet", "langSec"):
                self.lang = None

    handler = Handler()
    try:
        defusedxml.sax.parseString(data, handler)
    except xml.sax.SAXParseException as exc:
        raise TQError(f"invalid XML: {exc.getMessage()}", str(path), exc.getLineNumber()) from exc
    except DefusedXmlException as exc:
        raise TQError(f"refused XML: {exc}", str(path), handler.line()) from exc
    out = []
    for line, terms in handler.concepts:
        by_lang: dict[str, list[tuple[str, bool]]] = {}
        for form, _ln, lg, forb in terms:
            by_lang.setdefault(lg, []).append((form, forb))
        for sl, src in by_lang.items():
            for tl, tgt in by_lang.items():
                if sl == tl:
                    continue
                forb = tuple(f for f, bad in tgt if bad)
                allowed = tuple(f for f, bad in tgt if not bad)
                if not allowed and not forb:
                    continue
                out.append(Entry(sl, tl, tuple(dict.fromkeys(f for f, _ in src)), allowed, forb,
                                 f"{path.name}:{line}"))
    return tuple(out)
