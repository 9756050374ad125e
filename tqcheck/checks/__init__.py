"""Check kinds: the code behind rules. One module per kind, ``tqcheck/checks/<kind>.py``.

A kind module defines:

* ``SCOPE``: ``"article"`` (``check`` receives one Document) or ``"story"`` (``check``
  receives a Story, all versions of one news item);
* ``OPTIONS``: the options a rule may set, with their defaults (their types are checked
  when rules load; a rule file writes only the options it changes);
* ``check(target, options, ctx) -> Iterable[Hit]``: context-free hits (``base.py``:
  ``Hit``, and ``Analyses``, what ``ctx`` gives);
* optionally ``validate(options, rule)``: raise ``ValueError(message, option_name)``
  for an option value that cannot work (a bad regex, a missing data file).

A check knows nothing about files, configuration or severity: it returns spans and the
fields of the rule's message. The engine (``tqcheck/engine/``) locates hits and turns
them into findings. Modules whose name starts with ``_`` are shared helpers, not kinds:
``_layout`` (line roles of an article), ``_segments`` (segment pairs of bilingual
files), ``_codepage`` (mojibake between single-byte code pages), ``_names`` (the
name authority and mentions, cached per run for the TQ2xx kinds).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .base import Hit, data_path

# Every kind, with what it looks for. A rule's ``kind`` must be one of these.
KINDS: dict[str, str] = {
    "input": "files that could not be read or checked",
    "language": "an article not in the language it declares",
    "language_passage": "paragraphs or sentences in another language than their article",
    "mixed_script": "words that mix Latin, Cyrillic and Greek letters",
    "language_published": "an article in a language the newsroom does not publish in",
    "language_undetermined": "an article whose language cannot be determined",
    "untranslated": "source text left untranslated in a declared translation",
    "names_authority": "a name close to, but not, a form in the name authority",
    "names_consistency": "one name spelled two ways in an article or across versions",
    "names_coverage": "a person or organisation missing from another version",
    "mojibake": "text decoded with the wrong encoding",
    "characters": "damaged characters: replacement, control, invisible, entities, spaces",
    "repetition": "doubled words, repeated passages, stacked headline variants",
    "brackets": "unbalanced brackets and quotation marks",
    "loop": "a word or phrase repeated over and over",
    "truncation": "an article that stops mid-sentence, or a final word cut short",
    "short_version": "a version much shorter than its siblings",
    "residue": "lines of the source web page left in the article",
    "house_style": "two accepted spellings of one thing used both ways",
    "house_style_story": "the versions of a story mixing the forms of a house-style pair",
    "pair_score": "a pair of versions whose overlap is too low for what it claims to be",
    "omission": "a passage with no counterpart in a declared translation",
    "number_mismatch": "numbers that differ between aligned passages",
    "time_mismatch": "dates and relative times that differ between aligned passages",
    "token_mismatch": "URLs, e-mail addresses, handles and codes that differ",
    "terms": "glossary terms missing or forbidden in declared translations",
    "segment_consistency": "a source segment translated two ways, or the reverse",
    "segment_untranslated": "segments of a bilingual file copied or left empty",
    "tag_mismatch": "inline tags of a segment missing, added or out of order",
    "marker": "inline suppression markers that name no rule",
}


def load_kind(name: str) -> ModuleType:
    """The module of kind ``name``; LookupError for a name not in ``KINDS``."""
    if not isinstance(name, str) or not name.isidentifier() or not name.islower():
        raise LookupError(f"invalid kind name {name!r}")
    if name not in KINDS:
        raise LookupError(f"unknown kind {name!r}: no module tqcheck/checks/{name}.py "
                          f"(kinds: {', '.join(sorted(KINDS))})")
    module = importlib.import_module(f"{__name__}.{name}")
    if not hasattr(module, "check"):  # pragma: no cover - a table entry without code
        raise LookupError(f"kind {name!r} has no check() function")
    return module


__all__ = ["KINDS", "Hit", "data_path", "load_kind"]
