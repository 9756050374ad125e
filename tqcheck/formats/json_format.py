"""JSON: the run signature and every frame, for machines and for reproducing a run.

``render`` turns a whole Report into the text. A command-line run does not build the
Report: ``Writer`` is handed each story's rows as the run checks it
(``engine.stream_report``) and spools the long lists (findings, segments, documents)
to temporary files, so that a 10,000-article archive, whose report is some 300 MB of
JSON, is not held in memory twice over (rows, frames and the rendered text); at the
end it writes the signature and summary, which depend on the whole run, then the
lists. The text is the one ``render`` gives, byte for byte."""

from __future__ import annotations

import json
import math
import shutil
import tempfile
from collections.abc import Callable
from typing import IO, Any

from ..report import Report

BINARY = False


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "signature": report.signature,
        "summary": {**report.counts(), "findings": report.findings.height,
                    "documents": report.documents.height,
                    "stories": report.documents["story"].n_unique() if report.documents.height else 0,
                    **report.stats},
        "findings": report.findings.to_dicts(),
        "scores": report.scores.to_dicts(),
        "segments": report.segments.to_dicts(),
        "documents": report.documents.to_dicts(),
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def _item(row: dict[str, Any]) -> str:
    """A row as ``render`` writes it inside a top-level list: indented two levels.

    ``json.dumps`` with ``indent`` runs json's encoder in Python, value by value (a
    10 MB article's 80,000 findings took seconds); a row of plain strings, numbers and
    None is written here with json's own C string encoder and number forms, the same
    text (tests/test_big_article.py). Anything else goes through ``json.dumps``."""
    if not row:
        return "    {}"
    parts = []
    for key, v in row.items():
        t = type(v)
        if t is str:
            val = _string(v)
        elif v is None:
            val = "null"
        elif t is int:
            val = int.__repr__(v)
        elif t is float:
            val = _float(v)
        elif t is bool:
            val = "true" if v else "false"
        else:
            val = None
        if val is None or type(key) is not str:
            return "    " + json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        head = _HEADS.get(key)
        if head is None:
            head = f"      {_string(key)}: "
            if len(_HEADS) < 256:
                _HEADS[key] = head
        parts.append(head + val)
    return "    {\n" + ",\n".join(parts) + "\n    }"


_HEADS: dict[str, str] = {}  # a column's indented key (the report has a few dozen columns)
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # ensure_ascii=False's


def _float(v: float) -> str:
    """A float as json writes it (``allow_nan``: NaN and the infinities as JavaScript
    names them)."""
    if math.isnan(v):
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == float("-inf"):
        return "-Infinity"
    return float.__repr__(v)


class _Spool:
    """One list of the report, its rendered items in a temporary file."""

    def __init__(self) -> None:
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self.count = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            if self.count:
                self.file.write(",\n")
            self.file.write(",\n".join(map(_item, rows)))
            self.count += len(rows)

    def copy(self, emit: Callable[[str], Any]) -> None:
        if not self.count:
            emit("[]")
            return
        emit("[\n")
        self.file.seek(0)
        shutil.copyfileobj(self.file, _Emitter(emit), 1 << 20)
        emit("\n  ]")


class _Emitter:
    def __init__(self, emit: Callable[[str], Any]) -> None:
        self.write = emit


class Writer:
    """The JSON report of a run, written as the run goes (see the module docstring):
    ``story(rows)`` for each story in order, then ``finish(emit, summary)``."""

    def __init__(self) -> None:
        self._lists = {"findings": _Spool(), "segments": _Spool(), "documents": _Spool()}

    def story(self, rows: Any) -> None:  # engine.StoryRows
        self._lists["findings"].add(rows.findings)
        self._lists["segments"].add(rows.segments)
        self._lists["documents"].add(rows.documents)

    def finish(self, emit: Callable[[str], Any], summary: Any) -> None:  # engine.StreamSummary
        """Write the whole report through ``emit``: the signature and summary, then the
        lists (``render``'s keys, order and indentation)."""
        # the run's counts: every story has its documents' rows, and the findings per
        # severity are those handed to ``story``
        counts = {"error": 0, "warning": 0, "info": 0, **summary.counts}
        head = {"signature": summary.signature,
                "summary": {**counts, "findings": self._lists["findings"].count,
                            "documents": self._lists["documents"].count,
                            "stories": summary.stories, **summary.stats}}
        emit(json.dumps(head, ensure_ascii=False, indent=2)[:-2])  # the object left open
        for key in ("findings", "scores", "segments", "documents"):
            emit(f',\n  "{key}": ')
            if key == "scores":
                scores = summary.scores
                emit("[\n" + ",\n".join(map(_item, scores)) + "\n  ]" if scores else "[]")
            else:
                self._lists[key].copy(emit)
        emit("\n}\n")

    def close(self) -> None:
        for spool in self._lists.values():
            spool.file.close()
