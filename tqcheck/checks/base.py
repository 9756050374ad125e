"""What a check kind is given and what it gives back.

A check receives its target (a Document or a Story), its rule's options and a context
(:class:`Analyses`), and yields :class:`Hit` objects. The context gives *analyses* of
the run's documents, computed once per run and shared by every rule (the detected
language of a document, the pairs of versions of a story and their alignment, a
pair's scores); it never gives the configuration: what a check may be told about the
newsroom's settings is spelled out below (``languages``, ``distinguish_regions``,
``known_rules``), and everything else a rule needs comes through its options.

Data files named in options (word lists, authority files, glossaries) are found with
:func:`data_path`: relative to the file that set the option (the rule file, or the
config file; ``tqcheck.engine.rules.Options`` knows which), or, for options given as a
plain dict (tests, ``tools/eval``), relative to the built-in rules folder.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.align import Aligned
    from ..analysis.lid import Detection
    from ..corpus import Document, Story
    from ..corpus.pairs import Pair

T = TypeVar("T")


@dataclass(frozen=True)
class Hit:
    start: int  # code-point offsets into Document.text
    end: int
    doc: str | None = None  # document id; required for story-scope kinds
    fields: dict[str, Any] = field(default_factory=dict)  # fills the rule's message
    suggestion: str | None = None
    value: float | None = None  # a score, a ratio, a confidence
    related: str | None = None  # id of the other document, for story-scope findings
    related_start: int | None = None
    related_end: int | None = None
    fix: str | None = None  # replacement text that is safe to apply with --fix
    # the exact text that would replace [start, end) if an editor accepts the suggestion
    # (a SARIF fix); None when the suggestion is advice. ``fix`` implies it.
    replacement: str | None = None


class Analyses(Protocol):
    """The context a check is given: analyses shared within one run
    (``tqcheck.engine.context.Context`` implements it)."""

    # the languages the newsroom publishes in (None: not said), for TQ104
    languages: tuple[str, ...] | None
    # whether en-GB and en-US count as different languages
    distinguish_regions: bool

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per run for ``key``; a key that holds a document or story
        id is forgotten when that story is done."""
        ...

    def detection(self, doc: Document) -> Detection:
        """The detected language of a document."""
        ...

    def language(self, doc: Document) -> str | None:
        """The declared language, else the detected one."""
        ...

    def same_language(self, a: str | None, b: str | None) -> bool:
        """Two versions in one language (regions count when ``distinguish_regions``)."""
        ...

    def pairs(self, story: Story) -> list[Pair]:
        """The pairs of versions of a story (``tqcheck/corpus/pairs.py``)."""
        ...

    def alignment(self, pair: Pair) -> Aligned:
        """A pair aligned as the checks between versions read it: by the segments a
        bilingual file declares, else sentence by sentence."""
        ...

    def sentence_alignment(self, pair: Pair) -> Aligned:
        """A pair aligned sentence by sentence, whatever the file declares."""
        ...

    def pair_score(self, pair: Pair) -> dict[str, Any]:
        """BLEU, chrF and TER of a same-language pair, with sacrebleu's signatures."""
        ...

    def known_rules(self) -> tuple[tuple[str, str], ...]:
        """(id, name) of every rule the run knows, selected or not (for TQ006)."""
        ...


@lru_cache(maxsize=1)
def builtin_dir() -> Path:
    """The built-in rules and their data: ``tqcheck/_rules`` inside an installed wheel
    (pyproject.toml force-includes ``rules/`` there), ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


PAIR_TYPES = ("translation", "reference", "rewrite")


def check_pair_types(options: Any, *keys: str) -> None:
    """A story kind's ``validate`` step for its options that list pair types
    (``pair_types``, ``unpaired``): ValueError(message, option) for an unknown one."""
    for key in keys or ("pair_types",):
        bad = [p for p in options[key] if p not in PAIR_TYPES]
        if bad:
            raise ValueError(f"unknown pair type {bad[0]!r} ({', '.join(PAIR_TYPES)})", key)


def data_path(options: Any, key: str, value: str | None = None) -> Path:
    """The data file that option ``key`` names (or ``value``, one item of a list option).

    Relative to the file that set the option when ``options`` knows it (an ``Options``
    of a loaded rule has a ``path`` method), else to the built-in rules folder.
    """
    if hasattr(options, "path"):
        return options.path(key, value)  # type: ignore[no-any-return]
    return (builtin_dir() / (options[key] if value is None else value)).resolve()
