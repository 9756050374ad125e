"""The names glue the TQ2xx kinds share (``names_authority``, ``names_consistency``,
``names_coverage``): the authority files and the common-words list a rule's options
name, and the run's caches of the authority and of each document's mentions
(``ctx.memo``), so that three rules over one corpus extract every article once.

The name analysis itself is pure and lives in ``tqcheck/analysis/names/``:

* ``authority``: the name authority files and their index (known tokens, fuzzy
  look-up by script and length bucket);
* ``extract``: name mentions of one article (capitalisation in cased scripts with a
  per-language common-word filter, authority matching in uncased scripts);
* ``morph``: inflected, possessive and derived forms of one name;
* ``translit``: transliteration (anyascii, and a learned model), folding and similarity.

Comparisons are per story (mentions of its versions) and against the authority
index; the mentions of a corpus are never compared with each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.names.authority import Authority
from ..analysis.names.extract import Extraction

# Options shared by every names_* kind.
COMMON_OPTIONS: dict[str, Any] = {
    # Authority files or folders (*.toml, *.tsv), relative to the rule file.
    "authority": ["data/names"],
    # The newsroom's own authority files or folders: relative to the file that sets
    # the option (usually the config file), or absolute.
    "extra_authority": [],
    # Per-language common words that are capitalised without being names.
    "common_words": "data/names/common-words.toml",
}


def resolve_paths(options: dict[str, Any]) -> tuple[list[Path], Path]:
    """Authority files and the common-words file: relative to the rule file, or to the
    config file for options the config sets (``checks.data_path``)."""
    from .base import data_path

    paths = [data_path(options, "authority", p) for p in options["authority"]]
    paths += [data_path(options, "extra_authority", p) for p in options["extra_authority"]]
    return paths, data_path(options, "common_words")


def validate(options: dict[str, Any], rule: Any) -> None:
    from .base import data_path

    for key in ("authority", "extra_authority"):
        if not isinstance(options[key], list) or not all(isinstance(p, str) for p in options[key]):
            raise ValueError(f"option {key!r} must be a list of paths", key)
        for p in options[key]:
            if not data_path(options, key, p).exists():
                raise ValueError(f"name authority {p!r} not found ({data_path(options, key, p)})", key)
    if not data_path(options, "common_words").is_file():
        raise ValueError(f"common-words file {options['common_words']!r} not found", "common_words")


def authority_for(options: dict[str, Any], ctx: Any) -> Authority:
    from ..analysis.names import authority

    paths, _ = resolve_paths(options)
    return ctx.memo(("names-authority", tuple(str(p) for p in paths)),
                    lambda: authority.load(paths))


def common_extra(options: dict[str, Any], ctx: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    _, path = resolve_paths(options)

    def load() -> tuple[tuple[str, tuple[str, ...]], ...]:
        from .. import tomlindex  # (the built-in list's data is prebuilt)

        data = tomlindex.loads(path.read_text(encoding="utf-8"))
        return tuple(sorted((k, tuple(v)) for k, v in data.items()))

    return ctx.memo(("names-common", str(path)), load)


def mentions(doc: Any, options: dict[str, Any], ctx: Any) -> Extraction:
    from ..analysis.names.extract import extract

    lang = ctx.language(doc)
    # the same files give the same authority: its paths, not the object, are the key
    # (resolved once here; the authority and the common words are fetched only for an
    # article not read yet, as the three name rules ask for each article several times)
    paths, common = resolve_paths(options)
    return ctx.memo(("names-mentions", doc.id, tuple(map(str, paths)), str(common), lang),
                    lambda: extract(doc.text, lang, authority_for(options, ctx),
                                    common_extra(options, ctx)))
