"""The analyses cache of one run: what checks share (``checks.base.Analyses``).

Everything here is computed on demand and kept for the run (``memo``), so that ten
rules over one story detect each document's language, choose its pairs and align each
pair once. Keys that name a document or story id are dropped when that story is done
(``forget``), so memory stays flat in the number of stories; what every story shares
(loaded data files, the known rules) stays. The context holds no configuration object
and collects no report rows: it is given the few run settings analyses depend on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..analysis import langs

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.align import Aligned
    from ..analysis.lid import Detection
    from ..corpus import Document, Story
    from ..corpus.pairs import Pair
    from .config import Config

T = TypeVar("T")


@dataclass
class Context:
    # the languages the newsroom publishes in: language ID chooses among them, and
    # TQ104 flags the others (config ``languages``; None: not said)
    languages: tuple[str, ...] | None = None
    # en-GB and en-US as different languages (config ``distinguish-regions``)
    distinguish_regions: bool = False
    # the newsroom's rule folders, for the rules the run knows (TQ006)
    rule_dirs: tuple[Path, ...] = ()
    _cache: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def for_config(cls, config: Config) -> Context:
        return cls(languages=tuple(config.languages) if config.languages else None,
                   distinguish_regions=config.distinguish_regions,
                   rule_dirs=tuple(config.rule_dirs))

    def forget(self, ids: set[str]) -> None:
        """Drop what was memoised for these documents and stories (keys that name
        them); what is shared by all documents, such as loaded data files, stays."""
        drop = [k for k in self._cache
                if isinstance(k, tuple) and any(isinstance(x, str) and x in ids for x in k)]
        for k in drop:
            del self._cache[k]

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Compute once per run: ``ctx.memo(("lid", doc.id), lambda: ...)``."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]  # type: ignore[no-any-return]

    def detection(self, doc: Document) -> Detection:
        from ..analysis import lid

        return self.memo(("lid", doc.id),
                         lambda: lid.detect(doc.text, languages=self.languages))

    def language(self, doc: Document) -> str | None:
        """The document's declared language, else its detected one."""
        return doc.lang or self.detection(doc).lang

    def same_language(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return False
        if self.distinguish_regions:
            return a == b
        return langs.base(a) == langs.base(b)

    def pairs(self, story: Story) -> list[Pair]:
        from ..corpus.pairs import story_pairs

        def choose() -> list[Pair]:
            readable = [d for d in story.documents if d.problem is None]
            return story_pairs(story, {d.id: self.language(d) for d in readable})

        return self.memo(("pairs", story.id), choose)

    def _aligned(self, ref: Document, hyp: Document, same: bool) -> Aligned:
        from ..analysis.align import align_texts

        return self.memo(("align", ref.id, hyp.id, same),
                         lambda: align_texts(ref.text, hyp.text, same))

    def sentence_alignment(self, pair: Pair) -> Aligned:
        same = self.same_language(self.language(pair.ref), self.language(pair.hyp))
        return self._aligned(pair.ref, pair.hyp, same)

    def alignment(self, pair: Pair) -> Aligned:
        """Segment by segment when both versions come from one bilingual file (XLIFF,
        TMX: the file declares which target translates which source), otherwise
        sentence by sentence."""
        from ..corpus.pairs import segment_alignment

        seg = segment_alignment(pair.ref, pair.hyp)
        return seg if seg is not None else self.sentence_alignment(pair)

    def pair_score(self, pair: Pair) -> dict[str, Any]:
        """BLEU and chrF of a same-language pair, computed once per run (TER over its
        sentences aligned as one language: scores are for rewrites and references)."""
        from ..analysis.metrics import score

        return self.memo(("score", pair.hyp.id, pair.ref.id),
                         lambda: score(pair.hyp.text, pair.ref.text, self.language(pair.ref),
                                       self._aligned(pair.ref, pair.hyp, True)))

    def known_rules(self) -> tuple[tuple[str, str], ...]:
        """(id, name) of every rule in the built-in and the run's rule folders."""
        def load() -> tuple[tuple[str, str], ...]:
            from .rules import builtin_dir, load_dirs

            return tuple((r.id, r.name) for r in load_dirs([builtin_dir(), *self.rule_dirs]))

        return self.memo(("known-rules",), load)
