"""The report: polars DataFrames with a fixed schema, and the run signature.

``findings`` — one row per finding:

============== ======= =========================================================
column         type    meaning
============== ======= =========================================================
rule_id        str     stable id, e.g. ``TQ101``
rule_name      str     readable name, e.g. ``language-mismatch``
severity       str     ``error``, ``warning`` or ``info``
story          str     the story the document belongs to
path           str     the document (its path as given, or the feed id)
language       str     the document's declared language, else the detected one
line, column   i64     1-based start; columns count code points
end_line       i64     1-based end (exclusive column)
end_column     i64
start, end     i64     code-point offsets into the document text
text           str     the flagged text
message        str     what is wrong, for an editor
suggestion     str     a replacement or a hint (may be null)
related_path   str     the other version, for findings between versions
related_line   i64     where in the other version (may be null)
related_column i64
value          f64     a score, ratio or count behind the finding (may be null)
replacement    str     the exact text that replaces ``start:end`` when the editor
                       takes the suggestion (SARIF ``fixes``); null when the
                       suggestion is advice ("restore the end of the article")
============== ======= =========================================================

``scores`` — one row per scored pair of versions (same language, or a declared
reference): story, hypothesis and reference paths and languages, pair type, BLEU,
chrF, TER and sacrebleu's signatures. ``segments`` — aligned passage pairs with their
own scores. ``documents`` — one row per input document with its declared and detected
language. An empty run still has every column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

# Severities, from least to most severe: a finding's rank decides --fail-on and sorting.
SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

if TYPE_CHECKING:  # pragma: no cover
    import polars as pl

FINDINGS_SCHEMA: dict[str, str] = {
    "rule_id": "str", "rule_name": "str", "severity": "str", "story": "str", "path": "str",
    "language": "str", "line": "i64", "column": "i64", "end_line": "i64", "end_column": "i64",
    "start": "i64", "end": "i64", "text": "str", "message": "str", "suggestion": "str",
    "related_path": "str", "related_line": "i64", "related_column": "i64", "value": "f64",
    "replacement": "str",
}
SCORES_SCHEMA: dict[str, str] = {
    "story": "str", "hyp_path": "str", "ref_path": "str", "hyp_lang": "str", "ref_lang": "str",
    "pair_type": "str", "bleu": "f64", "chrf": "f64", "ter": "f64",
    "bleu_signature": "str", "chrf_signature": "str", "ter_signature": "str",
}
SEGMENTS_SCHEMA: dict[str, str] = {
    "story": "str", "hyp_path": "str", "ref_path": "str", "link": "str",
    "hyp_start": "i64", "hyp_end": "i64", "ref_start": "i64", "ref_end": "i64",
    "hyp_line": "i64", "ref_line": "i64", "hyp_text": "str", "ref_text": "str",
    "bleu": "f64", "chrf": "f64",
}
DOCUMENTS_SCHEMA: dict[str, str] = {
    "path": "str", "story": "str", "declared_lang": "str", "detected_lang": "str",
    "lang_confidence": "f64", "role": "str", "related_path": "str", "chars": "i64",
    "problem": "str",
}


def _dtype(name: str) -> Any:
    import polars as pl

    return {"str": pl.Utf8, "i64": pl.Int64, "f64": pl.Float64}[name]


def frame(rows: list[dict[str, Any]], schema: dict[str, str]) -> "pl.DataFrame":
    import polars as pl

    pl_schema = {k: _dtype(v) for k, v in schema.items()}
    if not rows:
        return pl.DataFrame(schema=pl_schema)
    cols = {k: [r.get(k) for r in rows] for k in schema}
    return pl.DataFrame(cols, schema=pl_schema)


# the bounds of polars' Int64, and the integers a Float64 holds exactly
_I64 = (-(1 << 63), (1 << 63) - 1)
_EXACT_FLOAT_INT = 1 << 53


def records(rows: list[dict[str, Any]], schema: dict[str, str]) -> list[dict[str, Any]]:
    """``frame(rows, schema).to_dicts()`` without polars: every row with the schema's
    columns in its order (a missing one None), integers widened to floats in the f64
    columns. Importing polars and building its frames cost a small run about 0.1 s of
    CPU, and the streamed formats (JSON, the table) need only these dicts. A value
    outside the plain types (a numpy scalar, a bool, a float in an integer column, a
    string that is not valid Unicode) goes to polars with its rows, which converts or
    refuses it as ``frame`` does, so the answer is always polars' own."""
    out = []
    for row in rows:
        rec = {}
        for key, kind in schema.items():
            v = row.get(key)
            if v is not None:
                t = type(v)
                if kind == "str":
                    if t is not str or not (v.isascii() or _utf8(v)):
                        return frame(rows, schema).to_dicts()
                elif kind == "i64":
                    if t is not int or not _I64[0] <= v <= _I64[1]:
                        return frame(rows, schema).to_dicts()
                elif t is int and -_EXACT_FLOAT_INT <= v <= _EXACT_FLOAT_INT:
                    v = float(v)
                elif t is not float:
                    return frame(rows, schema).to_dicts()
            rec[key] = v
        out.append(rec)
    return out


def _utf8(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def exit_code(severities: Iterable[str], fail_on: str = "error") -> int:
    """The run's exit code: 1 when a finding of ``severities`` is at or above ``fail_on``
    (``never``: no severity is), else 0."""
    if fail_on == "never":
        return 0
    floor = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[s] >= floor for s in severities))


@dataclass
class Report:
    findings: "pl.DataFrame"
    scores: "pl.DataFrame"
    segments: "pl.DataFrame"
    documents: "pl.DataFrame"
    signature: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)  # suppressed counts and the like
    # For formats that show the text (HTML) or describe rules (SARIF); not part of JSON output.
    texts: dict[str, str] = field(default_factory=dict)  # document path -> Document.text
    rules: list[dict[str, Any]] = field(default_factory=list)  # id, name, severity, message, description
    # document path as shown -> its location for matching (tqcheck/engine/paths.py): the path
    # from the project root, so baselines hold from any working folder; not in JSON output.
    locations: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        sev = self.findings["severity"].to_list()
        return {s: sev.count(s) for s in ("error", "warning", "info")}

    def exit_code(self, fail_on: str = "error") -> int:
        """0 when no finding is at or above ``fail_on``, 1 when one is."""
        return exit_code(self.findings["severity"].to_list(), fail_on)
