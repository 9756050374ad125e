"""Disjoint sets (union-find with path halving) over hashable, ordered items: story
grouping merges articles with it, TQ202 merges the inflected forms of one name.

A union makes the smaller of the two roots the root of both, so the sets' roots do not
depend on which of two items was named first: the same unions give the same roots.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {x: x for x in items}

    def add(self, x: K) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: K) -> K:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if _lt(ra, rb) else (rb, ra)
            self.parent[hi] = lo


def _lt(a: Any, b: Any) -> bool:
    return bool(a < b)
