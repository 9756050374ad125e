"""Line roles of a news article, shared by the TQ3xx/TQ4xx kinds (not a kind itself).

News copy puts one paragraph on a line. Not every line is a sentence: an article has a
headline, section headings, bylines, datelines, captions and list items, none of which
ends with sentence punctuation, and scraped copy carries residue of the source page
(follow-us lines, "Source: ...", navigation crumbs) before and after the article.

``layout(text, residue)`` gives every non-blank line a role:

* ``residue``  matches a residue pattern (rules/data/residue.toml): an "any" pattern
  anywhere, an "edge" pattern only in the unbroken block of residue at the top or the
  bottom of the article;
* ``body``     ends with sentence punctuation of its script (text.SENTENCE_END), maybe
  followed by closing quotes or brackets;
* ``list``     starts with a bullet or an enumerator ("- ", "• ", "1. ", "a) ");
* ``byline``   "By ...", "Reporting by ...", "(Reuters) -" style credits, a line in
  brackets, or a short run of capitalised words (an agency or author name);
* ``heading``  anything else: short lines without sentence punctuation (the headline
  is the first heading).

The article body is the lines between the leading and trailing residue blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import tomlindex
from ..analysis.text import CLOSERS, SENTENCE_END, WORD_RE, lines
from .base import data_path


def register_data(options: dict, key: str, rule, loader):  # type: ignore[no-untyped-def]
    """Load the data file ``options[key]`` when the rule loads, so that a missing or
    broken file stops the run at the rule's option (ValueError(msg, key))."""
    try:
        return loader(data_path(options, key))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{key}: {exc}", key) from exc


def data(options: dict, key: str, loader):  # type: ignore[no-untyped-def]
    return loader(data_path(options, key))


def cached_toml(path: Path, what: str, parse: Callable[[dict[str, Any], Path], Any]) -> Any:
    """``parse(data, path)`` of a TOML data file, once per file version (path and mtime),
    so that every document of a run shares one parse and an edited file is read again."""
    path = _resolve(path)
    try:
        return _parsed(path, path.stat().st_mtime_ns, parse)
    except (OSError, UnicodeDecodeError, tomlindex.decode_error()) as exc:
        raise ValueError(f"cannot read {what} {path}: {exc}") from exc


@lru_cache(maxsize=256)  # data files: a handful per rules folder, far fewer than this
def _resolve(path: Path) -> Path:
    """``path.resolve()``, once per process: every document asks for its rules' data
    files (a path resolution was 0.4% of an archive run), and they do not move while
    tqcheck runs (a file edited in place is still read again: its mtime is asked each
    time)."""
    return path.resolve()


# 32 file versions: the built-in residue and house-style files and a newsroom's own,
# with room for files edited during a long-lived process (a CMS plug-in); the oldest
# parse is dropped first, so memory stays bounded however often files change.
@lru_cache(maxsize=32)
def _parsed(path: Path, mtime_ns: int, parse: Callable[[dict[str, Any], Path], Any]) -> Any:
    return parse(tomlindex.loads(path.read_text(encoding="utf-8")), path)


_LIST_RE = re.compile(r"^(?:[-*•·▪►–—]\s+|\(?\d{1,3}[.)]\s+|\(?[a-zA-Z][.)]\s+)")
_BYLINE_RE = re.compile(
    r"^(?:by|written by|reporting by|reported by|additional reporting by|edited by|editing by|"
    r"par|von|por|от|автор|بقلم|إعداد|تحرير|—|–|-)\s+\S", re.I)
_AGENCY_RE = re.compile(r"^\(?[A-Z][\w.&' -]{0,40}\)?\s*[-–—]\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    role: str  # residue | body | list | byline | heading
    residue_kind: str | None = None


@dataclass(frozen=True)
class Residue:
    patterns: tuple[tuple[Any, str, str, int], ...]  # UserPattern, kind, where, max_words
    platforms: tuple[str, ...]

    def match(self, line: str, edge: bool) -> str | None:
        words = len(line.split())
        for rx, kind, where, max_words in self.patterns:
            if where == "edge" and not edge:
                continue
            if words <= max_words and rx.search(line):
                return kind
        return None


def _parse_residue(data: dict[str, Any], path: Path) -> Residue:
    from ..errors import TQError, line_of_key
    from ..analysis.userregex import IGNORECASE, compile_user, table_lines

    text = _text_of(path)
    # the built-in file's patterns are compiled when a line first holds what they need
    lazy = tomlindex.indexed(text)
    pats = []
    patterns = data.get("pattern", [])
    if not isinstance(patterns, list):
        raise TQError("'pattern' must be an array of tables ([[pattern]])", str(path),
                      line_of_key(text, "pattern"))
    heads = table_lines(text, "pattern")
    for i, p in enumerate(patterns):
        at = heads[i] if i < len(heads) else 1

        def bad(msg: str, key: str | None = None) -> TQError:
            return TQError(f"pattern {i + 1}: {msg}", str(path),
                           line_of_key(text, key, at) if key else at)

        if not isinstance(p, dict):
            raise bad(f"each pattern must be a table with a 'regex' ([[pattern]]), not "
                      f"{type(p).__name__}", "pattern")
        if "regex" not in p:
            raise bad("missing 'regex'")
        try:
            rx = compile_user(p["regex"], IGNORECASE, f"pattern {i + 1} of {path.name}", lazy)
        except ValueError as exc:
            raise bad(f"'regex' {exc}", "regex") from exc
        where = p.get("where", "any")
        if where not in ("any", "edge"):
            raise bad("where must be 'any' or 'edge'", "where")
        if not isinstance(p.get("kind", ""), str):
            raise bad("'kind' must be a string", "kind")
        max_words = p.get("max_words", 30)
        if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
            raise bad("'max_words' must be a whole number of at least 1", "max_words")
        pats.append((rx, str(p.get("kind", "residue")), where, max_words))
    plat = data.get("platforms", {})
    names = plat.get("names", []) if isinstance(plat, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise TQError("platforms.names must be a list of strings", str(path),
                      line_of_key(text, "names"))
    return Residue(tuple(pats), tuple(names))


def _text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load_residue(path: Path) -> Residue:
    """The residue patterns of ``path``; ValueError on a bad pattern."""
    return cached_toml(path, "residue patterns", _parse_residue)


# What may follow the full stop at the end of a line, in every quote style: text.CLOSERS
# (”’»›」』）)]】〕〉》) and the closing marks of the styles that open with another
# character: German and Czech „…“ and ‚…‘, Danish and Swedish »…« and ›…‹, CJK
# corner and white brackets (「…」, 『…』, 〖…〗, 〘…〙, 〚…〛), vertical-text and
# full-width forms (﹂, ﹄, 〞, 〟, ＂, ＇, ］, ｝). At the end of a line none of them opens a
# quotation, so each is a closer there whatever the language. (The sentence splitter
# keeps text.CLOSERS: inside a line "“" still opens an English quotation.)
LINE_CLOSERS = CLOSERS + "“‘«‹〗〙〛﹂﹄〞〟＂＇］｝}"
# Openers and closers of a line that is all in brackets: a credit, a stage direction
# ("(Reporting by ...)", "[Photo: AFP]", "（掌声）", "【责任编辑：王明】").
_BRACKETS = {"(": ")", "[": "]", "（": "）", "【": "】", "〔": "〕", "［": "］", "〖": "〗",
             "《": "》", "〈": "〉", "{": "}", "｛": "｝"}


def _trailing_symbol(ch: str) -> bool:
    """An emoji, a pictograph, a variation selector or a format character (joiner, LRM/RLM)
    after the last word ("Great news! 🎉")."""
    import unicodedata

    return ch in "\ufe0e\ufe0f" or unicodedata.category(ch) in ("So", "Sk", "Cf")


def strip_closers(s: str) -> str:
    t = s.rstrip(LINE_CLOSERS + " ")
    # emoji and pictographs after the final punctuation, then closers again
    u = t
    while u and _trailing_symbol(u[-1]) and not u[-1].isspace():
        u = u[:-1].rstrip()
    if u != t and u and u[-1] in SENTENCE_END + LINE_CLOSERS:
        return u.rstrip(LINE_CLOSERS + " ")
    return t


def ends_sentence(s: str) -> bool:
    """True when ``s`` ends with sentence punctuation, perhaps inside closing quotes or
    brackets of any quote style, perhaps followed by emoji."""
    t = strip_closers(s)
    return bool(t) and t[-1] in SENTENCE_END


def word_count(s: str) -> int:
    return len(WORD_RE.findall(s))


def is_byline(s: str, lower_words: frozenset[str] = frozenset()) -> bool:
    """A credit line: "By ...", "(Reuters) -", a line in brackets, or a short name.

    ``lower_words`` are the words the article writes in lower case: a capitalised word
    that the article also uses in lower case ("The", "Der") is a sentence start cut
    short, not a name.
    """
    # "By Jane Doe and John Roe", at most ten words: in Afrikaans or Dutch "By ..." and in
    # Russian "От ..." also start ordinary sentences.
    if (_BYLINE_RE.match(s) and word_count(s) <= 10) or _AGENCY_RE.match(s):
        return True
    t = s.strip()
    if len(t) > 2 and _BRACKETS.get(t[0]) == t[-1]:
        return True  # "(Reporting by ...; Editing by ...)", "[Photo: AFP]", "（掌声）"
    words = WORD_RE.findall(t)
    # A short run of capitalised words: an agency, an author, a place ("Reuters",
    # "Moscow Times staff"). Up to 4 words, every one starting with a capital letter,
    # none a word the article writes in lower case, and more than one letter each
    # (a lone "A" is a cut, not a name).
    if not 0 < len(words) <= 4 or not any(w[0].isalpha() for w in words):
        return False
    for w in words:
        if not w[0].isalpha():
            continue
        if not w[0].isupper() or len(w) < 2 or w.lower() in lower_words:
            return False
    return True


def role_of(s: str, lower_words: frozenset[str] = frozenset(), prev_list: bool = False) -> str:
    if ends_sentence(s):
        return "body"
    # A list item is complete without a full stop when it is short or follows another
    # item; a long "item" that stops without punctuation is a cut sentence.
    if _LIST_RE.match(s) and (prev_list or word_count(s) <= 15):
        return "list"
    if is_byline(s, lower_words):
        return "byline"
    return "heading"


def layout(text: str, residue: Residue | None) -> list[Line]:
    spans = list(lines(text))
    texts = [text[sp.start:sp.end] for sp in spans]
    kinds: list[str | None] = [None] * len(spans)
    if residue is not None:
        for i, t in enumerate(texts):
            kinds[i] = residue.match(t, edge=False)
        # edge blocks: from the top and from the bottom, while lines are residue
        i = 0
        while i < len(texts):
            k = kinds[i] or residue.match(texts[i], edge=True)
            if k is None:
                break
            kinds[i] = k
            i += 1
        j = len(texts) - 1
        while j >= i:
            k = kinds[j] or residue.match(texts[j], edge=True)
            if k is None:
                break
            kinds[j] = k
            j -= 1
    # each distinct word looked at once
    lower_words = frozenset(filter(str.islower, set(WORD_RE.findall(text))))
    out: list[Line] = []
    for sp, t, k in zip(spans, texts, kinds):
        prev_list = bool(out) and out[-1].role == "list"
        out.append(Line(sp.start, sp.end, t, "residue" if k else role_of(t, lower_words, prev_list), k))
    return out


def doc_layout(doc: Any, residue: Residue | None, ctx: Any) -> list[Line]:
    """``layout(doc.text, residue)``, once per document and residue file in a run: the
    passage and headline rules, and the truncation and residue rules, read the same
    lines (``ctx.memo``, forgotten with the story; without a context, computed). The
    key holds the text itself: a caller that checks many texts under one document id
    with one context (an evaluation) never gets another text's lines."""
    memo = getattr(ctx, "memo", None)
    if memo is None:
        return layout(doc.text, residue)
    text = doc.text
    lay: list[Line] = memo(("layout", doc.id, residue, text), lambda: layout(text, residue))
    return lay


def body(lay: list[Line]) -> list[Line]:
    """The article's lines between the leading and trailing residue blocks."""
    i, j = 0, len(lay)
    while i < j and lay[i].role == "residue":
        i += 1
    while j > i and lay[j - 1].role == "residue":
        j -= 1
    return lay[i:j]
