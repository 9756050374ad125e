"""Mojibake: text decoded with the wrong encoding ("Ã©", "â€™", "Ð¿Ñ€Ð¸"), per paragraph.

Method: ftfy does the judging. For every paragraph (line) that is not plain ASCII,
``ftfy.fix_encoding_and_explain`` tries to undo a wrong decoding; ftfy only re-decodes
when its ``badness`` heuristic (sequences of characters that are rare in real text but
common in mojibake, weighed per Unicode category) says the text got better, which keeps
its false positives on legitimate accented, Cyrillic, Greek and CJK text low. The
finding spans the changed characters of the paragraph (from the first to the last
difference), and the repaired text is both the suggestion and the ``--fix``.

Two guards on top of ftfy, each for a false positive measured on ftfy's own negative
cases (../shared/devset/mojibake.jsonl):

* a paragraph whose only change is C1 control characters read as Windows-1252
  ("parlé\\x85" -> "parlé…") is left to the control-character rule (TQ303), which
  flags and fixes exactly those characters;
* "Â" before a no-break space inside an upper-case word ("MISUTÂ AJIKKO") is a real
  capital letter, not the UTF-8 no-break space read as Latin-1; ftfy removes it.

Text that ftfy judges bad (``badness.is_bad``) but cannot repair is flagged too (no
suggestion), when ``flag_unfixable`` is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..text import lines
from . import Hit

SCOPE = "article"
OPTIONS: dict[str, Any] = {
    # ftfy's badness counts suspicious character sequences; is_bad() is true at 1 or
    # more. Text ftfy cannot repair is flagged from 4: the doubly-garbled case in
    # ftfy's tests scores 19, while clean all-capitals text with symbols ("MÄ£ÄM ÌÑÌ")
    # scores 3, and C1 controls (which score 1-3) are the control-character rule's.
    "flag_unfixable": True,
    "min_unfixable_badness": 4,
}

_C1 = {chr(c) for c in range(0x80, 0xA0)}


def _c1_as_cp1252(s: str) -> str:
    out = []
    for ch in s:
        if ch in _C1:
            try:
                out.append(bytes([ord(ch)]).decode("cp1252"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(ch)
    return "".join(out)


def _diff_span(a: str, b: str) -> tuple[int, int, int, int]:
    """The differing middle of ``a`` and ``b``: a[i:ja] became b[i:jb]."""
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    ja, jb = len(a), len(b)
    while ja > i and jb > i and a[ja - 1] == b[jb - 1]:
        ja -= 1
        jb -= 1
    return i, ja, i, jb


def _capital_a_nbsp_only(before: str, after: str) -> bool:
    """True if the repair only dropped "Â" that follows an upper-case letter before U+00A0."""
    if after != before.replace("Â\xa0", "\xa0"):
        return False
    idx = before.find("Â\xa0")
    while idx != -1:
        if idx == 0 or not before[idx - 1].isupper():
            return False
        idx = before.find("Â\xa0", idx + 1)
    return True


def repair(par: str) -> str | None:
    """The repaired paragraph, or None when ftfy (with the guards) finds nothing."""
    import ftfy

    fixed, _steps = ftfy.fix_encoding_and_explain(par)
    if fixed == par:
        return None
    if _c1_as_cp1252(par) == fixed:
        return None
    if _capital_a_nbsp_only(par, fixed):
        return None
    return fixed


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    text = doc.text
    for sp in lines(text):
        par = text[sp.start:sp.end]
        if par.isascii():
            continue
        fixed = repair(par)
        if fixed is not None:
            i, ja, _, jb = _diff_span(par, fixed)
            # widen to whole words so the editor sees "rÃ©gime" -> "régime", not "Ã©" -> "é"
            while i > 0 and not par[i - 1].isspace():
                i -= 1
            while ja < len(par) and not par[ja].isspace():
                ja += 1
                jb += 1
            repl = fixed[i:jb]
            yield Hit(sp.start + i, sp.start + ja, suggestion=repl, fix=repl,
                      fields={"fixed": repl})
            continue
        if options["flag_unfixable"]:
            from ftfy import badness

            if badness.badness(par) >= options["min_unfixable_badness"]:
                yield Hit(sp.start, sp.end, fields={"fixed": "?"},
                          suggestion="re-export the text from its source as UTF-8")
