"""Scraped residue: lines of the source web page left in the article.

Follow-us and share lines, "Source: ...", "Featured Image: ...", "Read more",
navigation crumbs and subscription prompts. The patterns are data
(``rules/data/residue.toml``, one regular expression per [[pattern]], in English,
French, German, Spanish, Russian and Arabic, and "see also / read also" links and
follow/subscribe prompts in Ukrainian, Chinese, Japanese, Polish, Italian and
Portuguese too); a newsroom copies and extends the file
and names its copy in the rule's ``residue`` option. A pattern marked ``where = "edge"``
(short labels like "News", "Source: X") counts only in the unbroken block of residue
at the top or the bottom of the article, where scrapers leave them; the same words in
the middle of an article are a heading or a caption. Each residue line is one finding.

Known false positives: an article that really is about following a politician on
social media with a line that starts "Follow ... on Twitter"; a "Source:" credit a
newsroom keeps on purpose under a chart (ignore the rule for such files).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import Hit
from ._layout import data, doc_layout, load_residue, register_data

SCOPE = "article"
OPTIONS: dict[str, Any] = {"residue": "data/residue.toml"}


def validate(options: dict[str, Any], rule: Any) -> None:
    register_data(options, "residue", rule, load_residue)


def check(doc: Any, options: dict[str, Any], ctx: Any) -> Iterator[Hit]:
    residue = data(options, "residue", load_residue)
    for ln in doc_layout(doc, residue, ctx):
        if ln.role == "residue":
            yield Hit(ln.start, ln.end, fields={"kind": ln.residue_kind},
                      suggestion="delete the line")
