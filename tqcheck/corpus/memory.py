"""Articles held in memory (a CMS plug-in, a notebook): ``tqcheck.check_texts``.

Each article is a string or a mapping with the fields of a JSON Lines feed record:
``text`` (required), ``id``, ``lang``, ``story``, ``title``, ``translation_of``,
``reference_of``. They become Documents exactly as feed records do (a title is checked
as the first paragraph, a lone surrogate becomes U+FFFD, an empty text is reported by
TQ002), so the report is the one the CLI gives for the same feed. Unlike a feed, whose
extra columns are ignored, a mapping with an unknown key, a text that is not a string,
an unknown language code or a repeated id is a programming mistake: it raises
``tqcheck.errors.TQError`` naming the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis import langs
from ..errors import TQError
from . import ROLES, Document, Problem, clean_id, clean_text, normalise_newlines

KEYS = ("id", "text", "lang", "story", "title", *ROLES)


def documents(texts: str | Mapping[str, Any] | Iterable[str | Mapping[str, Any]]) -> list[Document]:
    if isinstance(texts, (str, Mapping)):
        texts = [texts]
    docs: list[Document] = []
    seen: set[str] = set()
    for n, item in enumerate(texts, 1):
        rec: Mapping[str, Any] = {"text": item} if isinstance(item, str) else item
        where = f"text {n}"
        if not isinstance(rec, Mapping):
            raise TQError(f"{where}: expected a string or a mapping with 'text', not {type(item).__name__}")
        unknown = sorted(str(k) for k in rec if k not in KEYS)
        if unknown:
            raise TQError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
        if not isinstance(rec.get("text"), str):
            raise TQError(f"{where}: 'text' must be a string")
        doc_id = clean_id(str(rec["id"])) if rec.get("id") not in (None, "") else f"text-{n}"
        if doc_id in seen:
            raise TQError(f"{where}: id {doc_id!r} is used twice")
        seen.add(doc_id)
        lang = None
        if rec.get("lang"):
            lang = langs.normalise(str(rec["lang"]))
            if lang is None:
                raise TQError(f"{where} ({doc_id}): unknown language code {rec['lang']!r}")
        body, newline = normalise_newlines(clean_text(rec["text"]))
        title = clean_text(str(rec["title"])) if rec.get("title") else None
        if title and not body.lstrip().startswith(title.strip()):
            body = f"{title.strip()}\n\n{body}"
        doc = Document(id=doc_id, text=body, lang=lang, title=title, newline=newline,
                       story=str(rec["story"]) if rec.get("story") else None,
                       meta={"role_where": (doc_id, 1)})
        if not body.strip():
            doc.problem, doc.text = Problem("empty", "the text is empty"), ""
        for role in ROLES:
            if rec.get(role):
                doc.role, doc.of = role, clean_id(str(rec[role]))
        docs.append(doc)
    return docs
