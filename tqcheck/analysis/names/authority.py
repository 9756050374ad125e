"""The newsroom's name authority: entities, their accepted forms, and an index.

Files (``rules/data/names/`` and any the newsroom adds):

* ``*.toml``: ``[[entity]]`` tables with ``id``, ``kind`` (person | organisation |
  place), ``canonical``, ``note`` and ``[entity.forms]`` (language -> list of forms);
* ``*.tsv``: ``id <TAB> kind <TAB> lang <TAB> form`` rows (derived data such as the
  countries list), ``#`` comment lines for source and licence.

Every token of every accepted form is a *known token* of its entity, after
lower-casing. A token in running text is known when one of its stems (see
``morph.stems``) is a known token, so ``Путина`` and ``Putin's`` are known.

Fuzzy look-up goes through an index, never a scan of the whole authority: the folded
(``translit.fold``) distinctive tokens are bucketed by script and length, and a query
of length n compares only with buckets n-2..n+2 of its own script, with rapidfuzz's
``process.extract`` (C speed, score cut-off). *Distinctive* tokens are the surname
(last token) of a person and every token of at least 3 letters of an organisation or
place; first names (Steve, Igor) are only matched when a neighbouring token is a
known token of the same entity, because many people share a first name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .. import heavy
from ..text import script_of
from . import translit

KINDS = ("person", "organisation", "place")
# ISO 639-3 codes used by derived data (names.tsv) -> the 639-1 codes documents carry.
ISO3 = {"eng": "en", "deu": "de", "fra": "fr", "spa": "es", "ita": "it", "por": "pt",
        "nld": "nl", "pol": "pl", "ces": "cs", "slk": "sk", "fin": "fi", "swe": "sv",
        "tur": "tr", "hun": "hu", "est": "et", "hrv": "hr", "srp": "sr", "rus": "ru",
        "ara": "ar", "per": "fa", "fas": "fa", "urd": "ur", "jpn": "ja", "kor": "ko",
        "zho": "zh", "bre": "br", "heb": "he", "ukr": "uk", "msa": "ms", "swa": "sw",
        "sqi": "sq", "tam": "ta"}


def lang1(code: str) -> str:
    c = code.lower().split("-")[0]
    return ISO3.get(c, c)


@dataclass
class Entity:
    id: str
    kind: str
    canonical: str
    note: str = ""
    forms: list[tuple[str, str]] = field(default_factory=list)  # (lang, form)


# A name token: letters and combining marks (Indic vowel signs, Hebrew and Arabic
# points), with inner apostrophes (O'Brien, Putin's, ג'ורג'); hyphens split tokens.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670" \
        "\u06d6-\u06ed\u0900-\u0dff\u3099\u309a\u30fc"
TOKEN_RE = re.compile(rf"(?:[^\W\d_]|[{MARKS}])+(?:['’ʼ](?:[^\W\d_]|[{MARKS}])+)*['’ʼ]?")


def tokens_of(form: str) -> list[str]:
    return [t.rstrip("'’ʼ") for t in TOKEN_RE.findall(form)]


# Name extraction, TQ203/TQ204's word list and TQ106 each read the tokens of the same
# version: one scan of the text serves the three, kept for the last few versions (a
# story's) of up to this many characters. A longer text is scanned by each of them: its
# tokens would take more memory than the scans cost.
_SPANS_CHARS = 20_000


def token_spans(text: str) -> Sequence[tuple[int, int, str]]:
    """(start, end, token) of every ``TOKEN_RE`` token of ``text``, the token as matched
    (a closing apostrophe kept)."""
    if len(text) > _SPANS_CHARS:
        return _token_spans(text)
    return _recent_spans(text)


def _token_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=16)
def _recent_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_token_spans(text))


@lru_cache(maxsize=None)
def _script_re(sc: str) -> re.Pattern[str]:
    """Any character of script ``sc`` (``text.script_of``'s ranges)."""
    from ..text import _SCRIPT_RANGES

    spans = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                    for lo, hi, name in _SCRIPT_RANGES if name == sc)
    return re.compile(f"[{spans}]" if spans else r"(?!)")


# Scripts without case whose tokens are also looked up by ``translit.native_key``.
NATIVE_SCRIPTS = ("Arabic", "Hebrew")


def script_key(token: str) -> str | None:
    """The script of the token's first letter (``text.script_of``), or None."""
    for ch in token:
        if ch.isalpha():
            return script_of(ch)
    return None


# ``Authority.near`` answers kept before the memo starts again: a 100-byte key and a
# few candidates each, so about 10 MB at most.
_NEAR_CAP = 50_000

# ``known_of`` answers kept before the memo starts again: a token's stems (most of them
# held by ``morph.stems``'s own memo too) and a set, mostly empty; about 4 MB at most.
_KNOWN_CAP = 20_000

# ``near`` look-ups (tokens x known folds) answered one token at a time with
# ``process.extract`` while numpy is not loaded: importing it (for ``process.cdist``, about
# four times faster on a batch) costs about 0.1 s, more than the look-ups of a few
# articles; a batch this large (some 50 names against the largest buckets) or a run that
# has loaded numpy for other work uses ``cdist``. Both give the same answers.
_EXTRACT_CELLS = 100_000


class Authority:
    """The index of the authority's tokens, built per script on first use.

    A token of one script can only equal or resemble authority tokens of that script
    (each stem is looked up under its own script), so the index of a script is built
    the first time a token of it is looked up: an English run never tokenises or
    folds the Arabic, Han or Hangul forms of the countries list. Forms are visited in
    the same order for every script, so the lazily built index is exactly the one an
    eager pass over every form would build."""

    def __init__(self, entities: list[Entity], sources: list[str],
                 index: _Index | None = None) -> None:
        self.entities = {e.id: e for e in entities}
        self._prebuilt = index  # the scripts' indexes as ``_ensure`` and ``_index`` build them
        self.sources = sources
        self._token_entities: dict[str, set[str]] = defaultdict(set)
        self._distinctive: dict[str, set[str]] = defaultdict(set)  # token -> entities
        self._surface: dict[tuple[str, str], str] = {}  # (entity, lower token) -> as written
        # lower token -> languages whose forms use it ("*": the canonical form, and every
        # form of a person or organisation, whose names travel between languages)
        self._token_langs: dict[str, set[str]] = defaultdict(set)
        self._buckets: dict[tuple[str | None, int], list[str]] = defaultdict(list)
        self._fold_tokens: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        self._built: set[str | None] = set()  # scripts whose tokens are indexed
        # Arabic and Hebrew: native_key -> known tokens, and fuzzy buckets of the keys
        self._native: dict[str, set[str]] = defaultdict(set)
        self._native_buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._native_done: set[str] = set()
        self._folded: set[str | None] = set()  # scripts whose fuzzy buckets are filled
        self._by_script: dict[str | None, list[str]] = defaultdict(list)  # sorted tokens
        # (entity, person?, form, language keys) once per distinct form of an entity;
        # ASCII forms hold Latin tokens only, other forms are tokenised on demand
        self._forms_list: list[tuple[Entity, str, list[str]]] | None = [] if index is None else None
        self._split: dict[str, list[tuple[str, str | None]]] = {}  # form -> [(token, script)]
        # answers of ``near`` and ``near_native``: the same names come back in every
        # version of a story and across stories (bounded: see ``_NEAR_CAP``)
        self._near_memo: dict[tuple[str, str, float, int], tuple[tuple[str, float], ...]] = {}
        # answers of ``known_of``: an article's words are mostly the language's common
        # words, met again in every article (bounded: see ``_KNOWN_CAP``)
        self._known_memo: dict[frozenset[str], frozenset[str]] = {}
        if index is not None:
            return  # the forms are read when asked for (``_forms``)
        for e in entities:
            lkeys: dict[str, list[str]] = {}
            for lang, form in e.forms:
                lkey = "*" if lang == "und" or e.kind != "place" else lang1(lang)
                got = lkeys.get(form)
                if got is None:
                    lkeys[form] = [lkey]
                    self._forms.append((e, form, lkeys[form]))
                elif lkey not in got:
                    got.append(lkey)

    @property
    def _forms(self) -> list[tuple[Entity, str, list[str]]]:
        if self._forms_list is None:
            assert self._prebuilt is not None
            by_id = self.entities
            self._forms_list = [(by_id[eid], form, lkeys)
                                for eid, form, lkeys in self._prebuilt.forms()]
        return self._forms_list

    def _tokens(self, form: str) -> list[tuple[str, str | None]]:
        got = self._split.get(form)
        if got is None:
            if form.isascii():
                got = [(t, "Latin") for t in tokens_of(form)]
            else:
                got = [(t, script_key(t)) for t in tokens_of(form)]
            self._split[form] = got
        return got

    def _ensure(self, sc: str | None) -> None:
        """Index the tokens of script ``sc`` (once)."""
        if sc in self._built:
            return
        self._built.add(sc)
        if self._prebuilt is not None:  # (a script it does not list has no token)
            self._load_script(sc, self._prebuilt.section(sc))
            return
        latin = sc == "Latin"
        # a form without a letter of the script has no token of it: skip it unsplit
        has = _script_re(sc).search if sc is not None else None
        new: set[str] = set()
        for e, form, lkeys in self._forms:
            if not latin and form.isascii():
                continue
            if has is not None and not (latin and form.isascii()) and has(form) is None:
                continue
            toks = self._tokens(form)
            last = len(toks) - 1
            for i, (tok, tsc) in enumerate(toks):
                if tsc != sc:
                    continue
                low = tok.lower()
                new.add(low)
                self._token_entities[low].add(e.id)
                self._surface.setdefault((e.id, low), tok)
                self._token_langs[low].update(lkeys)
                if e.kind == "person":
                    distinct = i == last and last > 0 or last == 0
                else:
                    distinct = len(tok) >= 3 and not tok.islower()
                if distinct:
                    self._distinctive[low].add(e.id)
        self._by_script[sc] = sorted(new)
        if sc in NATIVE_SCRIPTS:
            for low in self._by_script[sc]:
                self._native[translit.native_key(low)].add(low)

    def _load_script(self, sc: str | None, rows: list[list[Any]]) -> None:
        """``_ensure(sc)`` and ``_index(sc)`` from a prebuilt section: per known token (in
        sorted order) its entities, distinctive entities, languages, spellings as
        written, fold and (Arabic, Hebrew) native key, as those two would compute them."""
        self._folded.add(sc)
        by_script = self._by_script[sc] = []
        native = sc in NATIVE_SCRIPTS
        for low, ents, distinct, lkeys, surfaces, f, nkey in rows:
            by_script.append(low)
            self._token_entities[low] = set(ents)
            if distinct:
                self._distinctive[low] = set(distinct)
            self._token_langs[low] = set(lkeys)
            for eid, tok in surfaces:
                self._surface[(eid, low)] = tok
            if native:
                self._native[nkey].add(low)
            if len(f) >= 3:
                key = (sc, f)
                if not self._fold_tokens[key]:
                    self._buckets[(sc, len(f))].append(f)
                self._fold_tokens[key].add(low)

    def _section(self, sc: str | None) -> list[list[Any]]:
        """What ``_load_script`` reads for script ``sc``, from the index as built here."""
        self._index(sc)
        native = sc in NATIVE_SCRIPTS
        rows = []
        for low in self._by_script[sc]:
            ents = sorted(self._token_entities[low])
            rows.append([low, ents, sorted(self._distinctive.get(low, ())),
                         sorted(self._token_langs[low]),
                         [[e, self._surface[(e, low)]] for e in ents if (e, low) in self._surface],
                         translit.fold(low), translit.native_key(low) if native else ""])
        return rows

    def _index(self, sc: str | None) -> None:
        """Fold and bucket the known tokens of script ``sc`` (once), in sorted order."""
        if sc in self._folded:
            return
        self._ensure(sc)
        self._folded.add(sc)
        for low in self._by_script[sc]:
            f = translit.fold(low)
            if len(f) >= 3:
                key = (sc, f)
                if not self._fold_tokens[key]:
                    self._buckets[(sc, len(f))].append(f)
                self._fold_tokens[key].add(low)

    @cached_property
    def cjk_forms(self) -> list[tuple[str, str]]:
        """(form, entity) of the forms in scripts written without spaces, longest first."""
        out = set()
        for e, form, _ in self._forms:
            if not form.isascii() and any(s in ("Han", "Hiragana", "Katakana")
                                          for _, s in self._tokens(form)):
                out.add((form.replace("·", "").replace("・", ""), e.id))
        return sorted(out, key=lambda p: (-len(p[0]), p[0], p[1]))

    def entities_of(self, token: str) -> set[str]:
        """Entities of which the lower-case ``token`` is a known token (in Arabic and
        Hebrew: whose spelling equals it but for conventions, ``translit.native_key``)."""
        sc = script_key(token)
        self._ensure(sc)
        if sc in NATIVE_SCRIPTS:
            lows = self._native.get(translit.native_key(token))
            if lows and (len(lows) > 1 or token not in lows):
                out: set[str] = set()
                for low in lows:
                    out |= self._token_entities[low]
                return out
        return self._token_entities.get(token, set())

    def near_native(self, token: str, min_score: float, limit: int = 5) -> list[tuple[str, float]]:
        """Known Arabic or Hebrew tokens whose ``native_key`` is within ``min_score``
        (rapidfuzz ratio) of the token's, through (script, key length +-2) buckets."""
        return self._memo_near("native", token, min_score, limit, self._near_native)

    def _near_native(self, token: str, min_score: float, limit: int) -> list[tuple[str, float]]:
        sc = script_key(token)
        if sc not in NATIVE_SCRIPTS:
            return []
        key = translit.native_key(token)
        return self._native_batch(sc, len(key), [key], min_score, limit)[0]

    def _native_choices(self, sc: str, n: int) -> list[str]:
        """The known native keys of script ``sc`` (Arabic, Hebrew) of n-2 to n+2 letters,
        in index order (the buckets are filled on the script's first look-up)."""
        self._ensure(sc)
        if sc not in self._native_done:
            self._native_done.add(sc)
            for low in self._by_script[sc]:
                k = translit.native_key(low)
                if len(k) >= 3 and self._native[k] and min(self._native[k]) == low:
                    self._native_buckets[(sc, len(k))].append(k)
        choices: list[str] = []
        for k in range(n - 2, n + 3):
            choices.extend(self._native_buckets.get((sc, k), ()))
        return choices

    def _native_batch(self, sc: str, n: int, keys: list[str], min_score: float,
                      limit: int) -> list[list[tuple[str, float]]]:
        """``near_native`` of native keys of script ``sc`` with ``n`` letters: the known
        keys of n-2 to n+2 letters at ``min_score`` or more (rapidfuzz ratio), the best
        ``limit`` of them (on a tie the one indexed first, as ``process.extract`` ranks
        them), each with its known tokens, best first, then by token."""
        from rapidfuzz import fuzz, process

        choices = self._native_choices(sc, n)
        if not choices:
            return [[] for _ in keys]
        if not heavy.numpy_loaded() and len(keys) * len(choices) <= _EXTRACT_CELLS:
            found = [[(choices[j], score) for _, score, j in process.extract(
                key, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)]
                for key in keys]
        else:
            import numpy as np

            scores = process.cdist(keys, choices, scorer=fuzz.ratio, score_cutoff=min_score,
                                   dtype=np.float64)
            found = []
            for row in scores:
                hits = np.flatnonzero(row >= min_score)
                best = hits[np.argsort(-row[hits], kind="stable")][:limit]
                found.append([(choices[j], float(row[j])) for j in best.tolist()])
        outs = []
        for got in found:
            out = [(low, float(score)) for choice, score in got
                   for low in sorted(self._native[choice])]
            out.sort(key=lambda p: (-p[1], p[0]))
            outs.append(out)
        return outs

    def prefetch_native(self, tokens: list[str], min_score: float, limit: int = 5) -> None:
        """Answer ``near_native`` for many tokens at once (an article's Arabic or Hebrew
        words): tokens of one script and key length share their choices, which rapidfuzz
        reads once for all of them (one ``cdist``); ``near_native`` finds the answers
        memoised."""
        todo: dict[tuple[str, int], list[str]] = defaultdict(list)
        for token in dict.fromkeys(tokens):
            if ("native", token, min_score, limit) not in self._near_memo:
                sc = script_key(token)
                if sc in NATIVE_SCRIPTS:
                    todo[(sc, len(translit.native_key(token)))].append(token)
        for (sc, n), toks in sorted(todo.items()):
            keys = [translit.native_key(t) for t in toks]
            for token, got in zip(toks, self._native_batch(sc, n, keys, min_score, limit)):
                self._memo_near("native", token, min_score, limit, lambda *_: got)

    def is_token(self, token: str) -> bool:
        return bool(self.entities_of(token))

    def distinctive_of(self, token: str) -> set[str]:
        """Entities of which ``token`` is a distinctive token (a surname, not a first name)."""
        self._ensure(script_key(token))
        return self._distinctive.get(token, set())

    def surface(self, entity_id: str, token: str) -> str | None:
        """``token`` (lower case) as the entity's forms write it."""
        self._ensure(script_key(token))
        return self._surface.get((entity_id, token))

    def entity_tokens(self, entity_id: str) -> list[str]:
        """The entity's tokens, as written, that are distinctive for some entity."""
        e = self.entities[entity_id]
        out = set()
        for form in dict.fromkeys(f for _, f in e.forms):
            for tok, sc in self._tokens(form):
                low = tok.lower()
                if self.distinctive_of(low):
                    out.add(self._surface[(entity_id, low)])
        return sorted(out)

    def known(self, stems: frozenset[str]) -> set[str]:
        """Entity ids of which one of ``stems`` is a known token."""
        out: set[str] = set()
        built, token_entities = self._built, self._token_entities
        for s in stems:
            sc = script_key(s)
            # ``entities_of(s)``: for a script already indexed and not Arabic or Hebrew,
            # the token's own entities, read here (most of an article's words are asked)
            ents = token_entities.get(s) if sc in built and sc not in NATIVE_SCRIPTS \
                else self.entities_of(s)
            if ents:
                out |= ents
        return out

    def known_of(self, stems: frozenset[str]) -> frozenset[str]:
        """``frozenset(known(stems))``, memoised per set of stems (``morph.stems`` gives
        one object per token, whose hash is kept)."""
        got = self._known_memo.get(stems)
        if got is None:
            if len(self._known_memo) >= _KNOWN_CAP:
                self._known_memo.clear()
            got = self._known_memo[stems] = frozenset(self.known(stems))
        return got

    def _memo_near(self, kind: str, token: str, min_score: float, limit: int,
                   compute: Any) -> list[tuple[str, float]]:
        key = (kind, token, min_score, limit)
        got = self._near_memo.get(key)
        if got is None:
            if len(self._near_memo) >= _NEAR_CAP:
                self._near_memo.clear()
            got = self._near_memo[key] = tuple(compute(token, min_score, limit))
        return list(got)

    def near(self, token: str, min_score: float, limit: int = 5) -> list[tuple[str, float]]:
        """Known tokens of the token's script whose fold is within ``min_score``."""
        return self._memo_near("near", token, min_score, limit, self._near)

    def prefetch_near(self, tokens: list[str], min_score: float, limit: int = 5) -> None:
        """Answer ``near`` for many tokens at once (an article's names): tokens of one
        script and fold length share their choices, which rapidfuzz then reads once
        for all of them (one ``cdist``) instead of once per token; ``near`` finds the
        answers memoised."""
        todo: dict[tuple[str | None, int], list[str]] = defaultdict(list)
        for token in dict.fromkeys(tokens):
            if ("near", token, min_score, limit) not in self._near_memo:
                f = translit.fold(token)
                if len(f) >= 3:
                    todo[(script_key(token), len(f))].append(token)
        for (sc, n), toks in sorted(todo.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
            for token, got in zip(toks, self._near_batch(sc, n, toks, min_score, limit)):
                self._memo_near("near", token, min_score, limit, lambda *_: got)

    def _near(self, token: str, min_score: float, limit: int) -> list[tuple[str, float]]:
        f = translit.fold(token)
        if len(f) < 3:
            return []
        return self._near_batch(script_key(token), len(f), [token], min_score, limit)[0]

    def _near_batch(self, sc: str | None, n: int, tokens: list[str], min_score: float,
                    limit: int) -> list[list[tuple[str, float]]]:
        """``near`` of tokens of script ``sc`` whose folds have ``n`` letters: the known
        folds of n-2 to n+2 letters at ``min_score`` or more (rapidfuzz ratio), the
        best ``limit`` of them (on a tie the one indexed first, as ``process.extract``
        ranks them), each with its known tokens."""
        from rapidfuzz import fuzz, process

        self._index(sc)
        choices: list[str] = []
        for k in range(n - 2, n + 3):
            choices.extend(self._buckets.get((sc, k), ()))
        if not choices:
            return [[] for _ in tokens]
        if not heavy.numpy_loaded() and len(tokens) * len(choices) <= _EXTRACT_CELLS:
            # the same answers without numpy: ``process.extract`` ranks ties by index too
            return [self._ranked(sc, [(choices[j], score) for _, score, j in process.extract(
                translit.fold(t), choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)])
                for t in tokens]
        import numpy as np

        scores = process.cdist([translit.fold(t) for t in tokens], choices, scorer=fuzz.ratio,
                               score_cutoff=min_score, dtype=np.float64)
        outs = []
        for row in scores:
            hits = np.flatnonzero(row >= min_score)
            best = hits[np.argsort(-row[hits], kind="stable")][:limit]
            outs.append(self._ranked(sc, [(choices[j], float(row[j])) for j in best.tolist()]))
        return outs

    def _ranked(self, sc: str | None, folds: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """The known tokens of the best ``folds`` (fold, score), best first, then by token."""
        out = [(low, score) for fold, score in folds
               for low in sorted(self._fold_tokens[(sc, fold)])]
        out.sort(key=lambda p: (-p[1], p[0]))
        return out

    def usable(self, token: str, lang: str | None) -> bool:
        """May ``token`` be suggested in a text of ``lang``? Place names only in their
        language: a Dutch country name is no model for an English word."""
        self._ensure(script_key(token))
        langs = self._token_langs.get(token, set())
        return "*" in langs or (lang is not None and lang1(lang) in langs)

    def applies(self, entity_id: str, token: str, lang: str | None) -> bool:
        """Is the entity's ``token`` a model spelling for a text in ``lang``? A form
        belongs to its language: where the entity has forms for the text's language in
        the token's script, forms of other languages are no model (NATO's French form
        OTAN says nothing about English "Ottoman"). The canonical form applies
        everywhere, and so does every form in a language the entity has no form for."""
        e = self.entities[entity_id]
        want = lang1(lang or "")
        sc = script_key(token)
        own = False
        for flang, form in e.forms:
            toks = {t.lower() for t in tokens_of(form)}
            if token in toks and (flang == "und" or lang1(flang) == want):
                return True
            if lang1(flang) == want and script_key(form.replace(" ", "")) == sc:
                own = True
        return not own


def _load_toml(path: Path) -> list[Entity]:
    from ... import tomlindex  # (the built-in people's data is prebuilt)

    data = tomlindex.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, raw in enumerate(data.get("entity", [])):
        for key in ("id", "kind", "canonical"):
            if not isinstance(raw.get(key), str):
                raise ValueError(f"{path}: entity {i + 1} needs a string {key!r}")
        if raw["kind"] not in KINDS:
            raise ValueError(f"{path}: entity {raw['id']!r}: kind must be one of {', '.join(KINDS)}")
        forms = [("und", raw["canonical"])]
        for lang, lst in sorted(raw.get("forms", {}).items()):
            if isinstance(lst, str):
                lst = [lst]
            forms.extend((lang, f) for f in lst)
        out.append(Entity(raw["id"], raw["kind"], raw["canonical"], raw.get("note", ""), forms))
    return out


def _load_tsv(path: Path) -> list[Entity]:
    by_id: dict[str, Entity] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ValueError(f"{path}:{n}: expected id, kind, lang, form separated by tabs")
        eid, kind, lang, form = parts
        if lang == "und":  # alternative spellings of unstated language: never suggested
            lang = "qaa-und"
        if kind not in KINDS:
            raise ValueError(f"{path}:{n}: kind must be one of {', '.join(KINDS)}")
        e = by_id.get(eid)
        if e is None:
            e = by_id[eid] = Entity(eid, kind, form)
        if lang in ("eng", "en") and e.canonical != form and not any(
                fl in ("eng", "en") for fl, _ in e.forms):
            e.canonical = form
        e.forms.append((lang, form))
    return list(by_id.values())


# Data files that live next to the authority but are not part of it.
NOT_AUTHORITY = ("common-words.toml", "transliteration.tsv")


def files_in(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".toml", ".tsv")
                              and q.name not in NOT_AUTHORITY))
        else:
            out.append(p)
    return out


def load(paths: list[Path], prebuilt: bool = True) -> Authority:
    """The authority of the files in ``paths``. Files that are the built-in ones, byte for
    byte, are read from the index prebuilt from them (``INDEX``), unless ``prebuilt`` is
    false."""
    entities: dict[str, Entity] = {}
    files = files_in(paths)
    for f in files:
        if not f.is_file():
            raise ValueError(f"name authority file {f} does not exist")
    index = _Index.of(files) if prebuilt else None
    if index is not None:
        return Authority(index.entities, [str(f) for f in files], index)
    for f in files:
        loaded = _load_tsv(f) if f.suffix == ".tsv" else _load_toml(f)
        for e in loaded:
            if e.id in entities:  # a newsroom file may add forms to a built-in entity
                entities[e.id].forms.extend(e.forms)
            else:
                entities[e.id] = e
    return Authority([entities[k] for k in sorted(entities)], [str(f) for f in files])


# -- The prebuilt index of the built-in authority -------------------------------------------
#
# Building the index of a script (``Authority._ensure`` and ``_index``: every form split
# into tokens, every token folded) and reading the files (11,000 lines of countries'
# names, the people's TOML) took about 0.15 s of a one-story run, more than checking the
# story. The built-in files change only with a release, so their index is built once
# (``tools/authority_index.py``) and shipped beside this module: JSON lines, a header, the
# entities, the forms and one line per script, each read when a text first needs that
# script. It is used only for files whose names and bytes hash to the header's key, so
# an edited or a newsroom's own authority is built as before; tests/test_start.py checks
# that the shipped index is what ``_section`` builds from the files today.

INDEX = Path(__file__).with_name("authority-index.jsonl")
INDEX_FORMAT = 1


def index_key(files: list[Path]) -> str:
    """sha256 of the index format and each file's name and bytes, in order."""
    import hashlib

    h = hashlib.sha256(f"tqcheck authority index {INDEX_FORMAT}\n".encode())
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


class _Index:
    """The prebuilt index: entities and forms at once, each script's section on demand."""

    def __init__(self, lines: list[bytes]) -> None:
        import json

        head = json.loads(lines[0])
        self.scripts: dict[str | None, int] = {sc: i for i, sc in enumerate(head["scripts"], 3)}
        self.entities = [Entity(eid, kind, canonical, note, [(lang, form) for lang, form in forms])
                         for eid, kind, canonical, note, forms in json.loads(lines[1])]
        self._lines = lines

    def forms(self) -> list[list[Any]]:
        """(entity id, form, language keys) of ``Authority._forms``, in its order."""
        import json

        return json.loads(self._lines[2])

    def section(self, sc: str | None) -> list[list[Any]]:
        import json

        at = self.scripts.get(sc)
        return [] if at is None else json.loads(self._lines[at])

    @staticmethod
    def of(files: list[Path]) -> _Index | None:
        """The shipped index when it was built from exactly ``files``' contents."""
        import json

        try:
            lines = INDEX.read_bytes().split(b"\n")
            head = json.loads(lines[0])
        except (OSError, ValueError):
            return None
        if head.get("format") != INDEX_FORMAT or head.get("key") != index_key(files):
            return None
        return _Index(lines)


def build_index(paths: list[Path]) -> bytes:
    """The index file of the authority in ``paths``, every script indexed."""
    import json

    files = files_in(paths)
    auth = load(paths, prebuilt=False)
    scripts = sorted({sc for _, form, _ in auth._forms for _, sc in auth._tokens(form)},
                     key=lambda sc: (sc is not None, sc or ""))
    lines = [{"format": INDEX_FORMAT, "key": index_key(files), "scripts": scripts},
             [[e.id, e.kind, e.canonical, e.note, e.forms] for e in auth.entities.values()],
             [[e.id, form, lkeys] for e, form, lkeys in auth._forms]]
    lines += [auth._section(sc) for sc in scripts]
    return b"".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                    for x in lines)
