"""Truncation: an article that stops mid-sentence, or a final word cut short (``what``).

The lines are classified by ``_layout``: scraped residue at the top and bottom of the
article is set aside (a footer is not the article's end), and every other line is a
body line (ends with sentence punctuation of its script: . ! ? … 。 ！ ？ ؟ । and the
others in text.SENTENCE_END, maybe inside closing quotes), a list item, a byline or
credit, or a heading.

``what = "ending"``: the last line of the article body is judged. It is complete when
it ends with sentence punctuation, or is a list item, a byline or credit (a line in
brackets, "By ...", a short run of capitalised words such as an agency name). An
article of one line is a headline and is never judged. Any other last line stops
mid-sentence or mid-word. Known false positives: an article that ends with a table, a
quotation without its full stop, or a heading with nothing under it.

``what = "cut-word"``: the final word of a line that ends without punctuation is a
proper prefix of a word the newsroom knows — a word used elsewhere in the article, or
a platform name from the residue data — and is not itself used as a word anywhere. Lines
judged are the last line of the article body (when it does not end a sentence) and any
line that ends in a comma-separated list (two commas or more, as in a "follow us on A,
B, C" footer): a list cut off at a byte limit leaves a stump of its last item. Scripts
written without spaces (Chinese, Japanese, Thai) have no word boundary to judge.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..analysis.text import WORD_RE, script_of, sentences
from .base import Hit
from ._layout import body, data, doc_layout, ends_sentence, load_residue, register_data

SCOPE = "article"
OPTIONS: dict[str, Any] = {
    "what": "ending",
    "residue": "data/residue.toml",
    # A stump must have at least 2 letters: a lone initial ("J") is an abbreviation.
    "min_stump": 2,
}
# what = "ending": the document's own habit. When the lines before the last (by
# characters, headline, list items and credits left out) end a sentence less often than
# this, the last line's missing full stop says nothing. News paragraphs end a sentence
# (share near 1, headings weigh little); social posts, transcripts and lists seldom do.
# A constant, not an option: an option would change every report's rules digest.
MIN_HABIT = 0.5
# At least this many earlier lines are needed to learn the habit from.
_HABIT_LINES = 2
_NO_SPACES = {"Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar"}


def validate(options: dict[str, Any], rule: Any) -> None:
    if options["what"] not in ("ending", "cut-word"):
        raise ValueError("what must be 'ending' or 'cut-word'", "what")
    register_data(options, "residue", rule, load_residue)


def punctuated_share(lines_: list[Any]) -> float | None:
    """The share, by characters, of the article's own text lines before its last that
    end a sentence: the lines between the headline and the last line that are not list
    items, credits or residue. None when fewer than ``_HABIT_LINES`` such lines say
    anything. Weighed by length so that short section headings (which never end in a
    full stop) count for little beside the paragraphs under them."""
    prior = [ln for ln in lines_[1:-1] if ln.role in ("body", "heading")]
    if len(prior) < _HABIT_LINES:
        return None
    total = sum(len(ln.text) for ln in prior)
    ended = sum(len(ln.text) for ln in prior if ln.role == "body")
    return ended / total if total else None


def _ending(doc: Any, lay: list[Any]) -> Iterator[Hit]:
    lines_ = body(lay)
    if len(lines_) < 2:
        return
    last = lines_[-1]
    if last.role in ("body", "list", "byline"):
        return
    share = punctuated_share(lines_)
    if share is not None and share < MIN_HABIT:
        # a text that seldom ends its lines with a full stop (social posts, speech
        # transcripts, lists): its last line without one is no evidence of a cut.
        # A stump of a word is still judged by the cut-word rule.
        return
    # mark the unfinished sentence: the last sentence span of the line
    spans = list(sentences(doc.text, last.start, last.end))
    start = spans[-1].start if spans else last.start
    yield Hit(start, last.end, fields={"what": "the article ends mid-sentence"},
              suggestion="restore the end of the article from its source")


def _stump(line_text: str, vocab: dict[str, int], known: list[str], min_stump: int) -> str | None:
    """The word ``line_text`` ends with when it is a cut-off prefix of a known word."""
    words = WORD_RE.findall(line_text)
    if not words:
        return None
    t = words[-1]
    if len(t) < min_stump or t.isdigit() or not line_text.endswith(t):
        return None
    if any(script_of(c) in _NO_SPACES for c in t):
        return None
    if vocab.get(t, 0) > 1:
        return None  # the word is used elsewhere whole: it is a word, not a stump
    # known names are lower case: complete the stump with the rest of the name
    low = t.lower()
    cands = sorted({w for w in vocab if len(w) > len(t) and w.startswith(t)} |
                   {t + k[len(t):] for k in known if len(k) > len(t) and k.startswith(low)})
    return cands[0] if cands else None


def _cut_words(doc: Any, lay: list[Any], options: dict[str, Any], known: list[str]) -> Iterator[Hit]:
    text = doc.text
    from collections import Counter

    # (counted in C: the same counts, in the order of first use)
    vocab: dict[str, int] = Counter(WORD_RE.findall(text))
    lines_ = body(lay)
    candidates = []
    if len(lines_) >= 2 and not ends_sentence(lines_[-1].text) and lines_[-1].role != "list":
        candidates.append(lines_[-1])
    for ln in lay:
        if ln in candidates or ends_sentence(ln.text):
            continue
        items = ln.text.split(",")
        if len(items) >= 3 and len(WORD_RE.findall(items[-1])) == 1:
            candidates.append(ln)
    for ln in sorted(candidates, key=lambda x: x.start):
        whole = _stump(ln.text, vocab, known, options["min_stump"])
        if whole is None:
            continue
        stump = WORD_RE.findall(ln.text)[-1]
        yield Hit(ln.end - len(stump), ln.end, fields={"word": stump, "whole": whole},
                  suggestion=whole, replacement=whole)


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    residue = data(options, "residue", load_residue)
    lay = doc_layout(doc, residue, ctx)
    if options["what"] == "ending":
        if doc.meta.get("bilingual"):
            return  # a bilingual file's last unit is a caption or a label as often as an ending
        yield from _ending(doc, lay)
    else:
        yield from _cut_words(doc, lay, options, list(residue.platforms))
