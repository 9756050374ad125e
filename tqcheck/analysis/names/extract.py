"""Name mentions in an article, with spans.

Method:

* Tokens are runs of letters and combining marks (``authority.TOKEN_RE``); hyphens
  and punctuation split them, inner apostrophes do not (``Putin's``, ``O'Brien``).
* **Cased scripts** (Latin, Cyrillic, Greek, Armenian): a capitalised token is a name
  candidate. It is dropped when it is a common word of the article's language
  (stopwords-iso plus ``rules/data/names/common-words.toml``: titles such as
  "President" or "Admiral", months, weekdays), when the article also writes it in
  lower case (then it is a word, capitalised for a title or a heading), when it is a
  single letter (an initial: "V. Putin"), and when it begins a sentence or line
  *unless* the article also capitalises it mid-sentence or the authority knows it
  (so "Despite" and "Hovering" go, "Putin said" at a sentence start stays).
  All-caps tokens (acronyms) and tokens on all-caps or title-case lines (headlines,
  ``_caps_lines``; not in German, which capitalises every noun) are kept only when
  the authority knows them; they are never compared fuzzily.
* **Uncased scripts** (Arabic, Hebrew, Indic, ...): a token is a mention when one of
  its stems (clitic prefixes و ب ال removed, see ``morph``) is a known authority
  token (in Arabic and Hebrew up to spelling conventions, ``translit.native_key``). Every other token of 3+ letters is kept as a *plain* token, used only to
  find a name of another version across scripts (coverage, suggestions).
* **Han and Kana**, written without spaces: the authority's forms in those scripts are
  found as substrings (longest first, non-overlapping); katakana runs are also plain
  tokens, since katakana spells foreign names.

Adjacent name tokens separated only by spaces form a *sequence* ("Yulia Tymoshenko"):
the last token of a sequence of two or more is taken as a surname.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import DisjointSpans, ascii_case_counts, sentences
from . import morph
from .authority import TOKEN_RE, Authority, script_key, token_spans

CASED = {"Latin", "Cyrillic", "Greek", "Armenian"}
NO_SPACES = {"Han", "Hiragana", "Katakana"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    lang: str
    script: str | None
    stems: frozenset[str]
    entities: frozenset[str]  # authority entities this token is a known token of
    initial: bool = False
    acronym: bool = False
    caps_line: bool = False
    seq: int = -1
    seq_pos: int = 0
    seq_len: int = 1
    source: str = "case"  # case | authority | substring


@dataclass
class Extraction:
    mentions: list[Mention]
    plain: list[tuple[int, int, str]]  # uncased tokens not in the authority


# Languages that capitalise every noun: a line of capitalised words is ordinary prose.
NOUN_CAPS = {"de", "lb"}
_TITLE_END = ".!?:;…。！？؟"


def _caps_lines(text: str, lang: str = "") -> list[tuple[int, int]]:
    """Spans of headline lines whose capitals say nothing about names: all-caps lines,
    and title-case headlines ("Trump's Prized Building On 'Lender Watch'"): no
    sentence punctuation at the end and at least 80% of its (3 or more) words of four
    letters or more capitalised. Title case capitalises every such word; 80% leaves room
    for a lower-case word or two some styles keep ("Asks for", "amid"), while a body
    sentence, even one full of names, has verbs and nouns in lower case and ends with a
    full stop. Not in languages that capitalise nouns."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        # cased letters: counted by C loops, a Python loop per character was a fifth of
        # the name checks' time on a long article; in ASCII they are A-Z and a-z, and
        # bytes.translate counts them faster still
        if raw.isascii():
            cased, upper = ascii_case_counts(raw)
        else:
            alpha = "".join(filter(str.isalpha, raw))
            upper = sum(map(str.isupper, alpha))
            cased = upper + sum(map(str.islower, alpha))
        if cased >= 4 and upper >= 0.9 * cased:
            out.append((pos, pos + len(raw)))
        elif lang not in NOUN_CAPS and raw.rstrip(" \"'”’»)").endswith(tuple(_TITLE_END)) is False:
            words = [m.group() for m in TOKEN_RE.finditer(raw)
                     if len(m.group()) >= 4 and (m.group()[0].isupper() or m.group()[0].islower())]
            if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
                out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def extract(text: str, lang: str | None, authority: Authority,
            common_extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Extraction:
    lang = morph.base_lang(lang)
    # (offset, token without a closing apostrophe) of every token
    toks = [(start, tok.rstrip("'’ʼ")) for start, _, tok in token_spans(text)]
    cands, plain = _candidates(text, toks, lang, authority, morph.common_words(lang, common_extra))
    _settle_initials(cands)
    mentions = cands + _cjk_substrings(text, lang, authority)
    mentions.sort(key=lambda m: (m.start, m.end))
    _number_sequences(text, mentions)
    return Extraction(mentions, plain)


def _sentence_starts(text: str, toks: list[tuple[int, str]]) -> set[int]:
    """Offsets of the first token of each sentence and each line."""
    starts: set[int] = set()
    heads = sorted({s.start for s in sentences(text)} | {0} | _line_starts(text))
    ti = 0
    for h in heads:
        while ti < len(toks) and toks[ti][0] < h:
            ti += 1
        if ti < len(toks):
            starts.add(toks[ti][0])
    return starts


def _line_starts(text: str) -> set[int]:
    """Offsets just after each newline (found by str.find, not a loop per character)."""
    out = set()
    at = text.find("\n")
    while at != -1:
        out.add(at + 1)
        at = text.find("\n", at + 1)
    return out


_UNSEEN = object()


def _candidates(text: str, toks: list[tuple[int, str]], lang: str | None, authority: Authority,
                common: frozenset[str]) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """Name candidates by script: capitalised tokens of cased scripts (without common
    words and words also written in lower case), authority tokens of uncased scripts;
    and the plain tokens of uncased scripts the authority does not know."""
    caps = _caps_lines(text, lang)
    starts = _sentence_starts(text, toks)
    lower_words = {t for _, t in toks if t.islower()}
    ci = 0

    def in_caps(pos: int) -> bool:
        nonlocal ci
        while ci < len(caps) and caps[ci][1] < pos:
            ci += 1
        return ci < len(caps) and caps[ci][0] <= pos <= caps[ci][1]

    cands: list[Mention] = []
    plain: list[tuple[int, int, str]] = []
    # script, stems and known entities of each distinct token, looked up once: a long
    # article repeats its words, and these lookups were most of this loop; a word of a
    # cased script that is not capitalised is no candidate whatever its stems, so its
    # stems are not looked up (most words of such text: the stems and the authority's
    # look-up of them were a third of this loop)
    seen: dict[str, tuple[str | None, frozenset[str], frozenset[str]] | None] = {}
    for start, tok in toks:
        got = seen.get(tok, _UNSEEN)
        if got is _UNSEEN:
            sc = script_key(tok)
            if sc in CASED and not tok[0].isupper():
                got = None
            else:
                st = morph.stems(tok, lang)
                got = (sc, st, authority.known_of(st))
            seen[tok] = got
        if got is None:
            continue
        sc, st, known = got
        end = start + len(tok)
        if sc in CASED:
            acronym = len(tok) >= 2 and tok.isupper()
            cl = in_caps(start)
            if (acronym or cl) and not known:
                continue
            if len(tok) < 2:
                continue
            low = tok.lower()
            if not acronym and (low in common or (st & common)):
                continue  # "The", "President": common even if part of some authority form
            if not known and low in lower_words:
                continue
            cands.append(Mention(start, end, tok, lang, sc, st, known, initial=start in starts,
                                 acronym=acronym, caps_line=cl))
        elif sc in NO_SPACES:
            if sc == "Katakana" and len(tok) >= 2:
                plain.append((start, end, tok))
        elif sc is not None:
            if known:
                cands.append(Mention(start, end, tok, lang, sc, st, known, source="authority"))
            elif len(tok) >= 3:
                plain.append((start, end, tok))
    return cands, plain


def _settle_initials(cands: list[Mention]) -> None:
    """Unknown sentence-initial tokens stay, marked weak (``initial``), only when they
    could be names: a word capitalised only where every word is, that is not in the
    common-word list, may still be a name. One the authority knows, or one also
    capitalised mid-sentence elsewhere, is not weak."""
    mid = set()
    for m in cands:
        if not m.initial:
            mid |= m.stems
    for m in cands:
        if m.initial and (m.entities or (m.stems & mid)):
            m.initial = False


# a Han character (CJK Unified Ideographs)
HAN_RE = re.compile("[\u4e00-\u9fff]")


def _no_spaces_letter(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written without spaces
    (``NO_SPACES``): ``script_key`` of some letter, found by one regex over the code
    point ranges of those scripts and checked letter by letter only among its matches
    (a Python call per character of every article was most of this function)."""
    return any(ch.isalpha() and script_key(ch) in NO_SPACES for ch in _no_spaces_re().findall(text))


@lru_cache(maxsize=1)
def _no_spaces_re() -> re.Pattern[str]:
    """Any character of a ``text`` script range named in ``NO_SPACES`` (``script_of``
    gives a letter the name of the range holding it, or nothing)."""
    from ..text import _SCRIPT_RANGES

    spans = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi, name in _SCRIPT_RANGES
                    if name in NO_SPACES)
    return re.compile(f"[{spans}]")


def _cjk_substrings(text: str, lang: str | None, authority: Authority) -> list[Mention]:
    """Scripts without spaces (Han, Kana): authority forms found as substrings, the
    longest form taking a place first (``Authority.cjk_forms`` is longest first)."""
    if not (_no_spaces_letter(text[:2000]) or HAN_RE.search(text)):
        return []
    found: list[Mention] = []
    taken = DisjointSpans()  # a list scanned per find was quadratic in a long CJK article
    # a form can be in the text only if its first two characters are adjacent there (a
    # one-character form: if it is there at all): the text's pairs of adjacent
    # characters, made once by C, rule out most of the thousands of forms without a
    # search of the text each; the forms left are searched in the same order as ever
    pairs = set(map(operator.add, text, text[1:]))
    chars = set(text)
    for form, eid in authority.cjk_forms:
        if len(form) >= 2:
            if form[:2] not in pairs:
                continue
        elif form and form not in chars:
            continue
        pos = text.find(form)
        while pos != -1:
            e = pos + len(form)
            if not taken.overlaps(pos, e):
                taken.add(pos, e)
                found.append(Mention(pos, e, form, lang, script_key(form),
                                     frozenset({form.lower()}), frozenset({eid}),
                                     source="substring"))
            pos = text.find(form, e)
    return found


def _number_sequences(text: str, mentions: list[Mention]) -> None:
    """Adjacent capitalised tokens (on one line, only spaces between) form a sequence:
    each mention gets its sequence number, its place in it and the sequence's length."""
    seq = -1
    prev: Mention | None = None
    for m in mentions:
        if prev is not None and m.source == prev.source == "case" \
                and text[prev.end:m.start].strip(" \u00a0") == "" and "\n" not in text[prev.end:m.start]:
            m.seq = seq
        else:
            seq += 1
            m.seq = seq
        prev = m
    by_seq: dict[int, list[Mention]] = {}
    for m in mentions:
        by_seq.setdefault(m.seq, []).append(m)
    for group in by_seq.values():
        for i, m in enumerate(group):
            m.seq_pos, m.seq_len = i, len(group)
