"""Group Documents into Stories.

Explicit first: a ``story`` from front matter, a feed column or a ``story.toml``
manifest, and a declared role (``translation_of``/``reference_of``) puts a document in
the story of the one it points at.

Every other document is grouped automatically, whatever folder it sits in, by the
*anchors* that survive rewriting and translation:

* numbers of two or more digits, with separators and Arabic-Indic digits normalised
  (``1,550`` = ``1.550`` = ``١٥٥٠``);
* names: capitalised words that do not start a sentence (cased scripts), or every word
  of an uncased script (Arabic, Hebrew, CJK), reduced to a consonant *skeleton* of their
  ASCII transliteration (anyascii), so that ``Kushner``, ``Кушнер`` and ``كوشنر`` share
  the key ``kshnr``.

Two documents are versions of one story when they share at least ``MIN_SHARED``
anchors and the shared anchors make up at least ``MIN_OVERLAP`` of the smaller
document's anchors, each anchor weighted down by how many documents of the run carry
it (a year or a capital city in every article says little). Groups grow by average
linkage, so one chance link cannot chain two stories together. Sharing a topic is not enough: two articles about the same
summit share a few place names ("Moscow", "Ukraine"), but versions of one article
share most of their names *and* numbers.

Cost: an inverted index from anchor to documents yields candidate pairs; an anchor
found in more than ``MAX_POSTINGS`` documents is too common to tell stories apart and
is not used to propose candidates. So the work grows with the number of documents
times their anchors times at most ``MAX_POSTINGS``: linear in corpus size for a fixed
cap, not quadratic. Pairs are merged with union-find, in sorted order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict

from . import Document, Story
from ..analysis.text import script_of, sentences, skeleton
from ..analysis.unionfind import UnionFind

# Versions of one story share most anchors; 3 shared anchors is the least that is not
# a coincidence of a place name and a year.
MIN_SHARED = 3
# Share of the smaller document's anchors that must also be in the other document.
# Rewrites of the seed story share about half; unrelated articles on one topic rarely
# share a fifth (a few countries and a year).
MIN_OVERLAP = 0.35
MAX_POSTINGS = 50

_NUM_RE = re.compile(r"\d[\d.,\u066b\u066c\u00a0\u202f ]*\d|\d{2,}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_UNCASED = {"Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul", "Thai",
            "Devanagari", "Bengali", "Tamil", "Georgian", "Armenian"}


def _digits(s: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in s if unicodedata.digit(c, None) is not None)


def anchors(doc: Document) -> set[str]:
    text = doc.text
    out: set[str] = set()
    for m in _NUM_RE.finditer(text):
        d = _digits(m.group())
        if len(d) >= 2:
            out.add("#" + d)
    starts = {s.start for s in sentences(text)}
    for line_start in [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]:
        starts.add(line_start)
    for m in _WORD_RE.finditer(text):
        w = m.group()
        script = script_of(w[0])
        if script in _UNCASED:
            if len(w) < 3:
                continue
        elif not w[0].isupper() or m.start() in starts or w.isupper() and len(w) < 2:
            continue
        key = skeleton(w)
        if len(key) >= 3:
            out.add(key)
    return out


def _weight(df: int) -> float:
    """An anchor found in many documents of the run says less about which story a
    document belongs to: weight 1 up to two documents (the least a shared anchor
    has), then falling with the log of its document frequency (0.24 at 50)."""
    return 1.0 / (1.0 + math.log(max(df, 2) / 2))


def similarity(a: set[str], b: set[str], weight: dict[str, float] | None = None) -> float:
    """Weighted share of the smaller anchor set that the other set also has."""
    shared = a & b
    if len(shared) < MIN_SHARED:
        return 0.0
    w = weight or {}
    # fsum: a set is walked in an order that changes with the process's string hashes,
    # and a plain sum's rounding with it; ties and thresholds then fell differently from
    # run to run (4,000 unrelated articles gave 2,412 or 2,414 stories)
    ws = math.fsum(w.get(x, 1.0) for x in shared)
    wa = math.fsum(w.get(x, 1.0) for x in a)
    wb = math.fsum(w.get(x, 1.0) for x in b)
    return ws / min(wa, wb)


def similar(a: set[str], b: set[str]) -> bool:
    return similarity(a, b) >= MIN_OVERLAP


def group(docs: list[Document]) -> list[Story]:
    n = len(docs)
    uf = UnionFind(range(n))
    index_of = {d.id: i for i, d in enumerate(docs)}
    explicit: dict[str, int] = {}
    for i, d in enumerate(docs):
        if d.story is not None:
            if d.story in explicit:
                uf.union(explicit[d.story], i)
            else:
                explicit[d.story] = i
    for i, d in enumerate(docs):
        if d.of is not None and d.of in index_of:
            uf.union(i, index_of[d.of])

    auto = [i for i, d in enumerate(docs) if d.story is None and d.problem is None]
    if len(auto) < 2:
        auto = []  # one document has nothing to be grouped with: its anchors are not read
    feats = {i: anchors(docs[i]) for i in auto}
    postings: dict[str, list[int]] = defaultdict(list)
    for i in auto:
        for a in sorted(feats[i]):
            postings[a].append(i)
    weight = {a: _weight(len(p)) for a, p in postings.items()}
    sims: dict[tuple[int, int], float] = {}
    for i in auto:
        cands: set[int] = set()
        for a in feats[i]:
            plist = postings[a]
            if len(plist) <= MAX_POSTINGS:
                cands.update(j for j in plist if j > i)
        for j in sorted(cands):
            s = similarity(feats[i], feats[j], weight)
            if s >= MIN_OVERLAP:
                sims[(i, j)] = s

    # Average linkage: two groups merge only when their members are, on average, as
    # similar as two versions must be. A single chance link between two unrelated
    # articles cannot chain stories together, as plain union-find would let it.
    cluster = {i: [i] for i in auto}
    owner = {i: i for i in auto}
    for (i, j), _s in sorted(sims.items(), key=lambda kv: (-kv[1], kv[0])):
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        total = sum(sims.get((min(x, y), max(x, y)), 0.0) for x in cluster[ci] for y in cluster[cj])
        if total / (len(cluster[ci]) * len(cluster[cj])) < MIN_OVERLAP:
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        cluster[keep].extend(cluster.pop(gone))
        for x in cluster[keep]:
            owner[x] = keep
    for members_ in cluster.values():
        for x in members_[1:]:
            uf.union(members_[0], x)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[uf.find(i)].append(i)
    stories = []
    for root in sorted(members):
        group_docs = [docs[i] for i in members[root]]
        named = sorted({d.story for d in group_docs if d.story})
        if named:
            sid, exp = named[0], True
        else:
            first = group_docs[0].id
            sid, exp = (first.rsplit(".", 1)[0] if "." in first.rsplit("/", 1)[-1] else first), False
        stories.append(Story(id=sid, documents=group_docs, explicit=exp))
    return stories
