"""Language identification, deterministic.

langdetect samples n-gram features at random; with its factory seeded once, the same
text gives the same answer on every run. Profiles load once per process, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

SEED = 0
# Below this many letters langdetect guesses more than it detects (headline length).
MIN_LETTERS = 20


@dataclass(frozen=True)
class Detection:
    lang: str | None  # None: undetermined
    confidence: float


@lru_cache(maxsize=1)
def _factory():  # type: ignore[no-untyped-def]
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = SEED
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def _norm(code: str) -> str:
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(code, code)


def detect(text: str) -> Detection:
    letters = sum(1 for c in text if c.isalpha())
    if letters < MIN_LETTERS:
        return Detection(None, 0.0)
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return Detection(None, 0.0)
    if not probs:
        return Detection(None, 0.0)
    best = probs[0]
    return Detection(_norm(best.lang), round(best.prob, 4))


def describe() -> str:
    try:
        version = metadata.version("langdetect")
    except metadata.PackageNotFoundError:  # pragma: no cover
        version = "unknown"
    return f"langdetect {version} (seed {SEED})"
