"""Inline suppression: an editor accepts a finding by writing a marker in the text.

The marker is an HTML comment, so Markdown renders it invisibly and plain text keeps
it readable::

    Der Kanzler traf Volodymyr Zelensky in Kyjiw. <!-- tqcheck: ignore TQ201 -->

    <!-- tqcheck: ignore TQ301, TQ402 (spelled as in the court filing) -->
    The next line is accepted for both rules.

    <!-- tqcheck: ignore-file TQ101 (a bilingual interview) -->

Method. Markers are found with one regular expression per document. A marker that
shares its line with text accepts the findings that *start on that line*; a marker
alone on its line accepts the findings that start on the next line that has text
(blank lines between are skipped). ``ignore-file`` accepts the named rules anywhere
in the document. Rules are named as everywhere else: an id (``TQ301``), a prefix
(``TQ3``) or a name (``name-authority-variant``), separated by commas or spaces; text in
parentheses after them is a reason for the human reader and is not interpreted. A
word that names no rule (a typo, a reason without parentheses) accepts nothing and is
reported by TQ006 (tqcheck/checks/marker.py). A
bare ``ignore`` with no rule accepts every finding on its line (prefer naming the
rule: the marker then keeps working as a record of what was accepted). Findings that
lie inside a marker itself (a rule that flags HTML comments, say) are always accepted,
except those about the marker (kind ``marker``, TQ006: a rule id that names no rule).

Suppressed findings are not dropped silently: the engine counts them in
``Report.stats["suppressed_inline"]``, which the table's summary line prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..corpus.markers import MARKER_RE, RULE_WORD_RE
from .select import match_len


@dataclass(frozen=True)
class Marker:
    start: int  # the comment's span in the document text
    end: int
    whole_file: bool
    rules: tuple[str, ...]  # empty: every rule
    target_start: int  # the span of text the marker covers (code-point offsets)
    target_end: int

    def covers(self, rule_id: str, rule_name: str) -> bool:
        # case-insensitive: editors write tq301 as often as TQ301; ALL is not a marker word
        return not self.rules or any(match_len(t, rule_id, rule_name, ignore_case=True) > 0
                                     for t in self.rules)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def markers(text: str) -> list[Marker]:
    """Every suppression marker in ``text``, with the span it applies to."""
    import bisect
    import re

    out: list[Marker] = []
    newlines = [m.start() for m in re.finditer("\n", text)]

    def _line_bounds(text: str, pos: int) -> tuple[int, int]:
        # the module's _line_bounds by bisection: a search back to the line's start
        # for every marker was quadratic in the markers of one long line
        i = bisect.bisect_left(newlines, pos)
        return (newlines[i - 1] + 1 if i else 0), (newlines[i] if i < len(newlines) else len(text))

    # Answers shared by the markers of one line and of a run of marker-only lines, so
    # that many markers on a long line, or a long run of marker lines, are not
    # quadratic: whether a stretch of lines has text besides markers, and the first
    # line with text after a line end.
    has_text: dict[tuple[int, int], bool] = {}
    next_text: dict[int, tuple[int, int]] = {}

    def text_besides_markers(ls: int, le: int) -> bool:
        got = has_text.get((ls, le))
        if got is None:
            got = has_text[(ls, le)] = bool(text[ls:le].strip()
                                            and MARKER_RE.sub("", text[ls:le]).strip())
        return got

    def first_text_line(pos: int) -> tuple[int, int]:
        """The first line at or after ``pos`` with text besides markers, or
        (len, len) when there is none."""
        walked: list[int] = []
        found = (len(text), len(text))  # no text follows: covers nothing
        while pos <= len(text):
            if pos in next_text:
                found = next_text[pos]
                break
            walked.append(pos)
            ls, le = _line_bounds(text, pos)
            if text_besides_markers(ls, le):
                found = (ls, le)
                break
            if le >= len(text):
                break
            pos = le + 1
        for w in walked:
            next_text[w] = found
        return found

    for m in MARKER_RE.finditer(text):
        body = m.group("body").split("(", 1)[0]
        rules = tuple(RULE_WORD_RE.findall(body))
        whole = m.group("kind").lower() == "ignore-file"
        line_start, _line_end = _line_bounds(text, m.start())
        own_end = _line_bounds(text, m.end())[1]
        if whole:
            t_start, t_end = 0, len(text)
        # The marker's own line, with every marker on it blanked out: is anything left?
        elif text_besides_markers(line_start, own_end):
            t_start, t_end = line_start, own_end
        else:
            t_start, t_end = first_text_line(own_end + 1)
        out.append(Marker(m.start(), m.end(), whole, rules, t_start, t_end))
    return out


def suppressed_by(row: dict[str, Any], marks: list[Marker]) -> Marker | None:
    """The marker that accepts this finding row, if any."""
    start, end = row["start"], row["end"]
    about_marker = row.get("kind") == "marker"  # TQ006: the marker's own mistake shows
    for mk in marks:
        if mk.start <= start and end <= mk.end and start < mk.end and not about_marker:
            return mk  # a finding inside the marker itself
        if mk.covers(row["rule_id"], row["rule_name"]) and (
                mk.whole_file or mk.target_start <= start < mk.target_end
                or (start == end == mk.target_start < mk.target_end)):
            return mk
    return None


def apply(rows: list[dict[str, Any]], texts: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Finding rows without the accepted ones, and the count for ``Report.stats``."""
    # the markers of each document, read once: a scan of the text per row was quadratic
    # on a long article with many findings (an empty list: no marker, keep every row)
    cache: dict[str, list[Marker]] = {}
    kept: list[dict[str, Any]] = []
    n = 0
    for row in rows:
        marks = cache.get(row["path"])
        if marks is None:
            text = texts.get(row["path"], "")
            marks = cache[row["path"]] = markers(text) if "tqcheck" in text else []
        if not marks:
            kept.append(row)
            continue
        if suppressed_by(row, marks) is not None:
            n += 1
        else:
            kept.append(row)
    return kept, ({"suppressed_inline": n} if n else {})
