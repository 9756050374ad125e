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
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

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
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670" \
         "\u06d6-\u06ed\u0900-\u0dff\u3099\u309a\u30fc"
TOKEN_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+(?:['’ʼ](?:[^\W\d_]|[{_MARKS}])+)*['’ʼ]?")


def tokens_of(form: str) -> list[str]:
    return [m.group().rstrip("'’ʼ") for m in TOKEN_RE.finditer(form)]


def script_key(token: str) -> str | None:
    for ch in token:
        if ch.isalpha():
            return script_of(ch)
    return None


class Authority:
    def __init__(self, entities: list[Entity], sources: list[str]) -> None:
        self.entities = {e.id: e for e in entities}
        self.sources = sources
        self.token_entities: dict[str, set[str]] = defaultdict(set)
        self.distinctive: dict[str, set[str]] = defaultdict(set)  # token -> entities
        self.surface: dict[tuple[str, str], str] = {}  # (entity, lower token) -> as written
        # lower token -> languages whose forms use it ("*": the canonical form, and every
        # form of a person or organisation, whose names travel between languages)
        self.token_langs: dict[str, set[str]] = defaultdict(set)
        self._buckets: dict[tuple[str | None, int], list[str]] = defaultdict(list)
        self._fold_tokens: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        self.cjk_forms: list[tuple[str, str]] = []  # (form, entity) for scripts without spaces
        for e in entities:
            for _lang, form in e.forms:
                toks = tokens_of(form)
                if any(script_key(t) in ("Han", "Hiragana", "Katakana") for t in toks):
                    self.cjk_forms.append((form.replace("·", "").replace("・", ""), e.id))
                for i, tok in enumerate(toks):
                    low = tok.lower()
                    self.token_entities[low].add(e.id)
                    self.surface.setdefault((e.id, low), tok)
                    self.token_langs[low].add("*" if _lang == "und" or e.kind != "place"
                                              else lang1(_lang))
                    if e.kind == "person":
                        distinct = i == len(toks) - 1 and len(toks) > 1 or len(toks) == 1
                    else:
                        distinct = len(tok) >= 3 and not tok.islower()
                    if distinct:
                        self.distinctive[low].add(e.id)
        for low in sorted(self.token_entities):
            sc, f = script_key(low), translit.fold(low)
            if len(f) >= 3:
                key = (sc, f)
                if not self._fold_tokens[key]:
                    self._buckets[(sc, len(f))].append(f)
                self._fold_tokens[key].add(low)
        self.cjk_forms.sort(key=lambda p: (-len(p[0]), p[0], p[1]))

    def known(self, stems: frozenset[str]) -> set[str]:
        """Entity ids of which one of ``stems`` is a known token."""
        out: set[str] = set()
        for s in stems:
            ents = self.token_entities.get(s)
            if ents:
                out |= ents
        return out

    def near(self, token: str, min_score: float, limit: int = 5) -> list[tuple[str, float]]:
        """Known tokens of the token's script whose fold is within ``min_score``."""
        from rapidfuzz import fuzz, process

        sc, f = script_key(token), translit.fold(token)
        if len(f) < 3:
            return []
        choices: list[str] = []
        for n in range(len(f) - 2, len(f) + 3):
            choices.extend(self._buckets.get((sc, n), ()))
        if not choices:
            return []
        found = process.extract(f, choices, scorer=fuzz.ratio, score_cutoff=min_score,
                                limit=limit)
        out = []
        for choice, score, _ in found:
            for low in sorted(self._fold_tokens[(sc, choice)]):
                out.append((low, float(score)))
        out.sort(key=lambda p: (-p[1], p[0]))
        return out

    def usable(self, token: str, lang: str | None) -> bool:
        """May ``token`` be suggested in a text of ``lang``? Place names only in their
        language: a Dutch country name is no model for an English word."""
        langs = self.token_langs.get(token, set())
        return "*" in langs or (lang is not None and lang1(lang) in langs)

    def form_in(self, entity_id: str, script: str | None, lang: str | None) -> str:
        """The entity's form to suggest in a text of ``script``/``lang``."""
        e = self.entities[entity_id]
        best = None
        for flang, form in e.forms:
            if script_key(form) != script:
                continue
            if lang and flang.startswith(lang):
                return form
            best = best or form
        return best or e.canonical


def _load_toml(path: Path) -> list[Entity]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
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


def load(paths: list[Path]) -> Authority:
    entities: dict[str, Entity] = {}
    files = files_in(paths)
    for f in files:
        if not f.is_file():
            raise ValueError(f"name authority file {f} does not exist")
        loaded = _load_tsv(f) if f.suffix == ".tsv" else _load_toml(f)
        for e in loaded:
            if e.id in entities:  # a newsroom file may add forms to a built-in entity
                entities[e.id].forms.extend(e.forms)
            else:
                entities[e.id] = e
    return Authority([entities[k] for k in sorted(entities)], [str(f) for f in files])
