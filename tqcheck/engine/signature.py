"""The run signature every machine-readable report carries: what produced it, so that
a report can be reproduced (tqcheck version, a digest of the rule set, the language
detector, sacrebleu and the metric signatures of the scores)."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from .. import __version__
from . import rules as rules_mod


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def signature(ruleset: list[rules_mod.Rule], scores: list[dict[str, Any]]) -> dict[str, Any]:
    from ..analysis import lid

    sigs = sorted({s[k] for s in scores for k in ("bleu_signature", "chrf_signature", "ter_signature")
                   if s.get(k)})
    return {
        "tqcheck": __version__,
        "rules": rules_mod.digest(ruleset),
        "rule_count": len(ruleset),
        "language_detector": lid.describe(),
        "sacrebleu": _version("sacrebleu"),
        "metric_signatures": sigs,
    }
