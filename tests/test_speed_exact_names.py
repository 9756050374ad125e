"""The names bound's shortcuts are exact: ``translit.upper_reaches`` answers what
``model_upper(x, y) >= cutoff - 1e-6`` answers, the per-word bound it stops on really
bounds the rest of the sum, and a unit's back-off emissions are ``_emit``'s floats."""

from __future__ import annotations

import random

from tqcheck.analysis.names import translit

from conftest import need_shared


def _rows() -> list[list[str]]:
    path = need_shared("devset", "names", "translit_pairs.tsv")
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def _pairs(per_lang: int, seed: int) -> list[tuple[str, str]]:
    """True pairs, unrelated pairs and near misses (the Latin form with a letter
    changed, dropped or doubled) for every script of the model, each in both orders,
    plus native pairs of two scripts and of one."""
    rng = random.Random(seed)
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for r in _rows():
        by_lang.setdefault(r[0], []).append((r[2], r[1].capitalize()))
    pairs: list[tuple[str, str]] = []
    natives: list[str] = []
    for lang in sorted(by_lang):
        rows = rng.sample(by_lang[lang], per_lang)
        for i, (native, lat) in enumerate(rows):
            other = rows[(i * 7 + 3) % len(rows)][1]
            j = rng.randrange(len(lat))
            near = [lat[:j] + rng.choice("aeioukstvy") + lat[j + 1:], lat[:j] + lat[j + 1:],
                    lat[:j] + lat[j] + lat[j:]]
            for y in (lat, other, *near):
                pairs += [(native, y), (y, native)]
            natives.append(native)
    assert len(by_lang) >= 5  # Cyrillic, Arabic, Hebrew, Japanese, Korean, Chinese
    for i, x in enumerate(natives):
        pairs.append((x, natives[(i * 11 + 5) % len(natives)]))
    # random letters against real natives: words no name list holds
    for x in rng.sample(natives, 200):
        pairs.append((x, "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 12)))))
    pairs += [("Putin", "Smith"), ("", "Putin"), ("Путин", ""), ("Путин", "x" * 60)]
    return pairs


def test_upper_reaches_is_the_bound_against_its_bar():
    checked = reached = 0
    for x, y in _pairs(120, 11):
        up = translit.model_upper(x, y)
        # the usual bars, and bars on either side of the pair's own bound, down to the
        # rounding of the margin: a bound equal to its bar must still reach it
        for cutoff in (0.0, 40.0, 50.0, 70.0, 85.0, 100.0, 101.0, up, up + 1e-6,
                       up + 1e-6 + 1e-9, up + 1e-6 - 1e-9, up + 1e-3, up - 1e-3, up + 0.5, up - 0.5):
            want = up >= cutoff - 1e-6
            assert translit.upper_reaches(x, y, cutoff) == want, (x, y, cutoff, up)
            checked += 1
            reached += want
    assert checked > 20000 and 0.2 * checked < reached < 0.9 * checked


def test_the_rest_of_a_word_is_bounded():
    """``_plan``'s R(k) = A(k) * x + B(k) * y, with x and y read off the Latin string as
    ``_reaches`` reads them, is at least what the units k..n of ``_upper``'s recursion
    add for that string (the same recursion, run backwards with the real sums), so a
    pair ``_reaches`` stops on could not have reached its bar."""
    rng = random.Random(5)
    rows = rng.sample(_rows(), 1500)
    latins = [translit.model_latin(r[1]) for r in rows]
    checked = tight = 0
    for i, r in enumerate(rows):
        lang, u = translit.model_lang(r[2]), translit.units(r[2])
        if lang is None or not u:
            continue
        table, steps, basis, penult = translit._plan(lang, u)
        maxl, n = translit._maxl(lang), len(u)
        for s in (latins[i], latins[(i * 13 + 1) % len(latins)], "aeiou" * 3, "a"):
            z = [0.0] * (n + 2)
            z[n] = 1.0
            for k in range(n - 1, -1, -1):
                one, e1, two, e2 = steps[k]
                z[k] = translit._unit_mass(table, one, s, maxl, True, e1) * z[k + 1]
                if two is not None:
                    z[k] += translit._unit_mass(table, u[k] + u[k + 1], s, maxl, False, e2) * z[k + 2]
            x = z[n - 1]
            y = 0.0
            if n >= 2:
                two, e2 = steps[n - 2][2:]
                y = penult * x + (translit._unit_mass(table, u[n - 2] + u[n - 1], s, maxl, False, e2)
                                  if two else 0.0)
            for k in range(n):
                a, b = basis[k]
                assert z[k] <= (a * x + b * y) * (1 + 1e-9), (r[2], s, k)
            checked += 1
            tight += n >= 2 and z[n - 2] >= 0.5 * y
    assert checked > 5000 and tight > 1000  # the two ends read from s, not bounded


def test_segment_bound_is_at_least_every_sum_of_its_emissions():
    # a unit's whole back-off row (every string of 0-4 letters it can emit, through
    # ``_emit``) sums to no more than ``_seg_mass``; the same for two-unit rows
    model = translit.load_model()
    import itertools

    short = [""] + ["".join(p) for k in (1, 2) for p in itertools.product("abcdefghijklmnopqrstuvwxyz", repeat=k)]
    for lang, table in sorted(model.items()):
        longer = {ls for row in table.values() for ls in row if len(ls) > 2}
        longer |= {ls for ls in translit._marginal(table) if len(ls) > 2}
        singles = sorted(seg for seg in table if len(seg) == 1 or seg.endswith("'"))[:40]
        for seg in [*singles, "ж", "ש", "中", "ї"]:  # with and without a learned row
            lat = {translit.latin(seg)}
            total = sum(translit._emit(table, seg, ls, True) for ls in set(short) | longer | lat)
            assert total <= translit._seg_mass(table, seg, True), (lang, seg)
        for seg in sorted(s for s in table if len(s) >= 2 and not s.endswith("'"))[:40]:
            assert sum(table[seg].values()) <= translit._seg_mass(table, seg, False), (lang, seg)


def test_back_off_rows_are_emit():
    model = translit.load_model()
    rng = random.Random(2)
    checked = 0
    for lang, table in sorted(model.items()):
        segs = sorted(seg for seg in table if len(seg) == 1 or seg.endswith("'"))[:30] + ["ж", "ש", "中"]
        lss = set(translit._marginal(table)) | {ls for row in table.values() for ls in row}
        lss |= {"".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(0, 4)))
                for _ in range(300)}
        for seg in segs:
            row = translit._BackedOff(table, seg)
            for ls in sorted(lss | {translit.latin(seg)}):
                assert repr(row.get(ls)) == repr(translit._emit(table, seg, ls, True)), (lang, seg, ls)
                checked += 1
    assert checked > 20000


def test_no_spaces_letters_found_by_one_pattern():
    # every letter of Unicode: the pattern finds exactly the letters whose script
    # (``script_key``) is one written without spaces, so the shortcut in
    # ``_cjk_substrings`` says what the loop over each letter said
    import sys

    from tqcheck.analysis.names import extract
    from tqcheck.analysis.names.authority import script_key

    pattern = extract._no_spaces_re()
    found = 0
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ch.isalpha():
            want = script_key(ch) in extract.NO_SPACES
            assert bool(pattern.fullmatch(ch)) == want, hex(cp)
            assert extract._no_spaces_letter(f"ab {ch} 1") == want, hex(cp)
            found += want
    assert found > 80000  # Han, Hiragana and Katakana letters
    assert not extract._no_spaces_letter("Путин, Trump, ترامب, 2024")


def _romanise_by_rows(native: str) -> str:
    """``romanise`` as it was written before ``_likely``: each segment's row looked up
    and its likeliest emission found per unit."""
    lang, u = translit.model_lang(native), translit.units(native)
    if lang is None or not u:
        return translit.latin(native)
    table = translit.load_model().get(lang, {})
    if not table:
        return translit.latin(native)
    n = len(u)
    best = [(1.0, "")] + [(0.0, "")] * n
    for i in range(n):
        p0, s0 = best[i]
        if p0 == 0.0:
            continue
        for k in (1, 2):
            if i + k > n:
                break
            seg = "".join(u[i:i + k])
            row = table.get(seg)
            if row:
                ls, p = max(row.items(), key=lambda kv: (kv[1], kv[0]))
            elif k == 1:
                ls, p = translit.latin(seg), translit._BACKOFF
            else:
                continue
            if p0 * p > best[i + k][0]:
                best[i + k] = (p0 * p, s0 + ls)
    return best[n][1] or translit.latin(native)


def test_romanise_reads_the_likeliest_emissions_per_table():
    words = sorted({r[2] for r in _rows()}) + ["Ukraïna", "Їжак", "Ελλάδα", "中华人民共和国", "x", ""]
    for w in words:
        assert translit.romanise(w) == _romanise_by_rows(w), w
    assert len(words) > 50000


def test_an_ascii_word_has_no_model_language():
    # ``model_lang`` answers None for ASCII without reading its letters: every ASCII
    # letter's script is one the model has no language for
    from tqcheck.analysis.text import script_of

    for ch in map(chr, range(128)):
        if ch.isalpha():
            assert script_of(ch) not in translit._SCRIPT_LANG, ch
    assert translit.model_lang("Witkoff") is None
    assert translit.model_lang("Уиткофф") == "rus" and translit.model_lang("Witkoffу") == "rus"


def test_two_unit_sums_read_from_the_row_are_unit_mass():
    # every two-unit row of every script, against real Latin names and their pieces,
    # with each kind of end: the same float as the sum over the substrings of s
    rng = random.Random(8)
    latins = [translit.model_latin(r[1]) for r in rng.sample(_rows(), 400)]
    latins += ["a", "ab", "shch", "kh", "aeiou"]
    checked = 0
    for lang, table in sorted(translit.load_model().items()):
        maxl = translit._maxl(lang)
        for seg in sorted(s for s in table if table[s] and not (len(s) == 1 or s.endswith("'"))):
            u = tuple(translit.units(seg))
            if len(u) != 2:
                continue
            items = translit._plan(lang, u)[1][0][2]
            for s in rng.sample(latins, 12) + [s for s in table[seg] if s]:
                for ends in range(4):
                    got = translit._pair_mass(items, s, ends)
                    want = translit._unit_mass(table, seg, s, maxl, False, ends)
                    assert repr(got) == repr(want), (lang, seg, s, ends)
                    checked += 1
    assert checked > 20000


def test_folds_and_skeletons_of_a_list_are_each_words():
    # real names of every script of the model, their Latin sides, inflected and
    # prefixed forms, and words with marks, apostrophes and letters anyascii spells
    # with several characters: the keys of the whole list are the words' own keys
    from tqcheck.analysis.text import skeleton

    rows = _rows()
    words = sorted({r[2] for r in rows} | {r[1].capitalize() for r in rows})
    words += ["Путина", "والكرملين", "ג'ורג'", "O'Brien", "Phillips", "Ελλάδα", "Ukraïna",
              "中华人民共和国", "ヴィトコフ", "ﬁnance", "Straße", "Ⅻ", "ǅemal", "", "x"]
    folds, skels = translit.folds_and_skeletons(words)
    assert folds == [translit.fold(w) for w in words]
    assert skels == [skeleton(w) for w in words]
    assert translit.folds_of(words) == folds
    roms = [translit.romanise(w) for w in words[::10]]
    assert translit.folds_of(roms) == [translit.fold(r) for r in roms]
    assert len(words) > 100000
    # a word holding the separator is keyed on its own
    odd = ["a\nb", "Phh", "Путин"]
    assert translit.folds_and_skeletons(odd) == ([translit.fold(w) for w in odd],
                                                  [skeleton(w) for w in odd])
    assert translit.folds_and_skeletons([]) == ([], [])


class _Ctx:
    """What ``names_coverage._present`` reads of a run's context: its memo and a
    document's language."""

    def __init__(self, langs: dict[str, str]) -> None:
        self.memos: dict = {}
        self.langs = langs

    def memo(self, key, compute):  # type: ignore[no-untyped-def]
        if key not in self.memos:
            self.memos[key] = compute()
        return self.memos[key]

    def language(self, doc):  # type: ignore[no-untyped-def]
        return self.langs[doc.id]


def _present_before(label, eid, target, options, ctx, auth):  # type: ignore[no-untyped-def]
    """``names_coverage._present`` as it was before the native-word index: every word
    keyed one by one, the model asked about every word of the shortlist (for a native
    name: its Latin words on the shortlist, and every native word)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from tqcheck.analysis.names import morph
    from tqcheck.analysis.names.authority import TOKEN_RE
    from tqcheck.checks import _names as names

    ex = names.mentions(target, options, ctx)
    if eid is not None and any(eid in m.entities for m in ex.mentions):
        return True
    if any("\u4e00" <= ch <= "\u9fff" for ch in target.text[:500]):
        if eid is not None and any(e == eid for _, e in auth.cjk_forms):
            return False
        return None
    lang = ctx.language(target)
    toks = {w for w in TOKEN_RE.findall(target.text) if len(w) >= 3}
    words = sorted({s for w in toks for s in {w} | morph.stems(w, lang)})
    folds = [translit.fold(w) for w in words]
    skels = [translit.skeleton(w) for w in words]
    if not words:
        return False
    cutoff = options["min_cross_score"]
    queries = [label] if eid is None else auth.entity_tokens(eid)
    for q in queries or [label]:
        plain = (process.cdist([translit.fold(q)], folds, scorer=fuzz.ratio, dtype=np.float64)[0]
                 + process.cdist([translit.skeleton(q)], skels, scorer=fuzz.ratio, dtype=np.float64)[0]) / 2
        if plain.max() >= cutoff:
            return True
        if translit.model_lang(q) is None:
            roms = [translit.fold(translit.romanise(w)) for w in words]
            rom = process.cdist([translit.fold(q)], roms, scorer=fuzz.ratio, dtype=np.float64)[0]
            idx = np.flatnonzero(np.maximum(rom, plain) >= translit.SHORTLIST)
        else:  # a native name: its romanisation against the Latin words; native words all
            rom = process.cdist([translit.fold(translit.romanise(q))], folds, scorer=fuzz.ratio,
                                dtype=np.float64)[0]
            idx = np.flatnonzero((np.maximum(rom, plain) >= translit.SHORTLIST)
                                 | np.array([translit.model_lang(w) is not None for w in words]))
        order = idx[np.argsort(-plain[idx], kind="stable")].tolist()
        if any(translit.upper_reaches(words[i], q, cutoff)
               and translit.model_part(words[i], q) >= cutoff for i in order):
            return True
    return False


def test_coverage_asks_the_model_what_it_asked_before():
    """``_present`` on versions in six scripts and in Latin (real names of the devset,
    inflected and with clitics, among other names and Latin words), for true, near and
    unrelated names in Latin and in native scripts: the same answer as before."""
    from tqcheck.checks import _names as names
    from tqcheck.checks import names_coverage
    from tqcheck.corpus import Document


    rng = random.Random(4)
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for r in _rows():
        by_lang.setdefault(r[0], []).append((r[2], r[1].capitalize()))
    latin_words = sorted({lat for rows in by_lang.values() for _, lat in rows})
    glue = {"rus": ["Путина", "Иваненко", "сказал", "вчера", "{}ом", "{}а"],
            "ara": ["و{}", "ال{}", "قال", "أمس", "ب{}"], "heb": ["ו{}", "ה{}", "אמר", "אתמול"],
            "jpn": ["{}は", "と"], "kor": ["{}는"], "zho": ["{}说"], "lat": ["{}s", "{}'s", "said"]}
    options = dict(names_coverage.OPTIONS)
    auth = names.authority_for(options, _Ctx({}))
    docs, queries = [], []
    for lang in sorted(by_lang) + ["lat"]:
        for k in range(6):
            rows = rng.sample(by_lang["rus" if lang == "lat" else lang], 60)
            text = []
            for native, lat in rows:
                w = lat if lang == "lat" else native
                if rng.random() < 0.3:
                    w = rng.choice(glue[lang]).format(w)
                text.append(w)
                if rng.random() < 0.3:
                    text.append(rng.choice(latin_words).lower())
            code = {"rus": "ru", "ara": "ar", "heb": "he", "jpn": "ja", "kor": "ko", "zho": "zh",
                    "lat": "en"}[lang]
            doc = Document(id=f"{lang}{k}.txt", text=" ".join(text) + ".", lang=code)
            docs.append(doc)
            for native, lat in rows[:4]:
                j = rng.randrange(len(lat))
                queries += [lat, native, lat[:j] + lat[j + 1:], lat[:j] + rng.choice("aeiou") + lat[j + 1:]]
    queries += [rng.choice(latin_words) for _ in range(40)] + ["Putin", "Путин", "بوتين", "Ελλάδα"]
    langs = {d.id: d.lang for d in docs}
    new, old = _Ctx(langs), _Ctx(langs)
    answers = []
    for doc in docs:
        for q in rng.sample(queries, 60):
            got = names_coverage._present(q, None, doc, options, new, auth)
            want = _present_before(q, None, doc, options, old, auth)
            assert got == want, (doc.id, q)
            answers.append(got)
    # the authority's people too (their tokens as queries), and both answers occur often
    for doc in docs[::5]:
        for eid in sorted(e for e, ent in auth.entities.items() if ent.kind == "person")[:25]:
            assert names_coverage._present(auth.entities[eid].canonical, eid, doc, options, new, auth) \
                == _present_before(auth.entities[eid].canonical, eid, doc, options, old, auth)
    assert len(answers) > 2000 and 0.1 * len(answers) < sum(1 for a in answers if a) < 0.9 * len(answers)



def test_coverage_asks_the_model_once_per_string_it_reads():
    """``names_coverage._model_finds`` skips a Latin word only when the model reads it as
    a string it was already asked about (``translit.model_latin``), never for a looser
    key: Philip and Filip fold alike but the model reads them apart, and a native name may
    reach the bar with one and not the other. Real devset names, each with a spelling that
    folds alike put first; the bar between the two scores: the same answer as asking
    about every word."""
    from tqcheck.checks import names_coverage

    def respell(lat: str) -> str | None:
        for a, b in (("f", "ph"), ("k", "ck"), ("i", "ie")):
            if a in lat[1:]:
                return lat[0] + lat[1:].replace(a, b, 1)
        return None

    pairs = [("Филип", "Philip", "Filip"), ("فيليب", "Philip", "Filip")]
    per_lang: dict[str, int] = {}
    for lang, lat, native, *_ in _rows():  # the commonest names of three scripts
        other = respell(lat)
        if other and lang in ("rus", "ara", "heb") and per_lang.get(lang, 0) < 300:
            per_lang[lang] = per_lang.get(lang, 0) + 1
            pairs.append((native, other, lat))
    decisive = 0
    for q, first, second in pairs:
        if translit.fold(first) != translit.fold(second):
            continue  # a respelling the fold keeps apart (davies -> daviees)
        s1, s2 = translit.model_part(first, q), translit.model_part(second, q)
        if translit.model_latin(first) == translit.model_latin(second) or s1 == s2:
            continue
        for cutoff in ((s1 + s2) / 2, max(s1, s2) + 1, min(s1, s2) - 1):
            want = any(translit.model_part(w, q) >= cutoff for w in (first, second))
            got = names_coverage._model_finds(q, [first, second], set(), [0, 1], cutoff)
            assert got == want, (q, first, second, cutoff)
        decisive += s1 < s2  # a key that merged the two would answer False there
    assert decisive >= 20, decisive

def test_transliteration_by_table_is_anyascii():
    # every character of the alphabets before CJK, the letters of the devset's names,
    # and the same text a second time (the table then holds every character): anyascii's
    # spelling, character by character and as whole texts
    from anyascii import anyascii

    text = "".join(chr(c) for c in range(0x20, 0x3100)) + "".join(sorted({r[2] for r in _rows()}))
    assert translit._transliterate(text) == anyascii(text)
    assert translit._transliterate(text[::-1]) == anyascii(text[::-1])
    for ch in text[::7]:
        assert translit._transliterate(ch) == anyascii(ch), hex(ord(ch))
    assert translit._transliterate("Witkoff") == "Witkoff"


def test_unit_sums_over_the_strings_that_emit_are_the_sums_over_all():
    # single units with and without a learned row, and units whose own anyascii
    # letters are three or more letters no row emits (the one string outside the
    # language's rows that still emits), against real Latin names, their pieces and the
    # unit's own letters, every kind of end: the same float as the sum over every
    # substring, and two-unit rows too
    rng = random.Random(9)
    latins = [translit.model_latin(r[1]) for r in rng.sample(_rows(), 300)]
    latins += ["a", "ab", "shch", "tsu", "aeiou", "zhong"]
    checked = long_own = 0
    for lang, table in sorted(translit.load_model().items()):
        maxl = translit._maxl(lang)
        support = translit._support(table)
        singles = sorted(seg for seg in table if len(seg) == 1 or seg.endswith("'"))
        pairs = sorted(seg for seg in table if table[seg] and seg not in singles)[:30]
        odd = [chr(c) for c in range(0x3040, 0x30ff) if chr(c).isalpha()
               and len(translit.latin(chr(c))) > 2 and translit.latin(chr(c)) not in support]
        odd += [ch for ch in "中華蘭斯" if len(translit.latin(ch)) > 2]
        for seg, single in [(x, True) for x in rng.sample(singles, min(25, len(singles))) + ["ж", "ש"] + odd[:6]] \
                + [(x, False) for x in pairs]:
            own = translit.latin(seg)
            long_own += single and len(own) > 2 and own not in support
            for s in rng.sample(latins, 10) + [own, own + "ab", "x" + own]:
                for ends in range(4):
                    cut = s[:maxl] if ends == translit._PREFIX else s[-maxl:] if ends == translit._SUFFIX else s
                    row = translit._backed_off(table, seg) if single else table[seg]
                    want = 0.0 + sum(filter(None, map(row.get, translit._substrings.__wrapped__(cut, maxl, ends))))
                    translit._MASS.clear()
                    got = translit._unit_mass(table, seg, s, maxl, single, ends)
                    assert repr(got) == repr(want), (lang, seg, s, ends)
                    checked += 1
    assert checked > 10000 and long_own >= 3
    # and the strings summed are every substring that can emit, in order, for every kind
    # of end, short and empty strings, repeated letters
    for lang, table in sorted(translit.load_model().items()):
        support, maxl = translit._support(table), translit._maxl(lang)
        for s in latins + ["", "aaaa", "abab", "shchshch"]:
            for ends in range(4):
                want = tuple(t for t in translit._substrings.__wrapped__(s, maxl, ends)
                             if len(t) <= 2 or t in support)
                assert translit._emitting.__wrapped__(s, maxl, ends, support) == want, (lang, s, ends)


def test_native_look_ups_at_once_are_process_extract(monkeypatch):
    """TQ201's Arabic and Hebrew look-ups of an article at once (``prefetch_native``: one
    cdist per script and key length) and one by one, with and without numpy: what
    ``process.extract`` over the same buckets answered for each token alone. Known
    tokens of both scripts, with a letter dropped, doubled or changed and with clitics."""
    from pathlib import Path

    from rapidfuzz import fuzz, process

    import tqcheck
    from tqcheck.analysis import heavy
    from tqcheck.analysis.names import authority

    data = Path(tqcheck.__file__).resolve().parent.parent / "rules" / "data" / "names"
    if not data.is_dir():
        import pytest

        pytest.skip("the built-in name authority is not beside the package")

    def reference(auth, token, min_score, limit):  # type: ignore[no-untyped-def]
        sc = authority.script_key(token)
        if sc not in authority.NATIVE_SCRIPTS:
            return []
        # the buckets as ``_near_native`` built them: each known key once, in index order
        auth._ensure(sc)
        buckets: dict[int, list[str]] = {}
        for low in auth._by_script[sc]:
            k = translit.native_key(low)
            if len(k) >= 3 and min(auth._native[k]) == low:
                buckets.setdefault(len(k), []).append(k)
        key = translit.native_key(token)
        choices = [c for n in range(len(key) - 2, len(key) + 3) for c in buckets.get(n, ())]
        if not choices:
            return []
        out = [(low, float(score))
               for choice, score, _ in process.extract(key, choices, scorer=fuzz.ratio,
                                                       score_cutoff=min_score, limit=limit)
               for low in sorted(auth._native[choice])]
        return sorted(out, key=lambda p: (-p[1], p[0]))

    rng = random.Random(31)
    base = authority.load([data])
    for sc in authority.NATIVE_SCRIPTS:
        base._ensure(sc)
    known = sorted(t for sc in authority.NATIVE_SCRIPTS for t in base._by_script[sc])
    tokens = []
    for t in rng.sample(known, 250):
        k = rng.randrange(len(t))
        tokens += [t, t[:k] + t[k + 1:], t[:k] + t[k] + t[k:], t[:k] + rng.choice("بتسלמנ") + t[k + 1:],
                   "و" + t, "ה" + t]
    tokens += ["بوتين", "ترامب", "נתניהו", "Putin", "ab", "ال"]
    hits = 0
    for numpy_loaded in (True, False):
        monkeypatch.setattr(heavy, "numpy_loaded", lambda: numpy_loaded)
        for min_score, limit in ((85.0, 5), (80.0, 5), (100.0, 5), (60.0, 2)):
            batch, alone = authority.load([data]), authority.load([data])
            batch.prefetch_native(tokens, min_score, limit)
            for t in tokens:
                want = reference(alone, t, min_score, limit)
                assert batch.near_native(t, min_score, limit) == want, (t, min_score, limit)
                assert alone.near_native(t, min_score, limit) == want, (t, min_score, limit)
                hits += bool(want)
    assert hits > 1000


def test_known_entities_memoised_are_known(monkeypatch):
    # the stems of real names of every script and of ordinary words, asked twice and
    # past the memo's bound: what ``known`` answers
    from pathlib import Path

    import tqcheck
    from tqcheck.analysis.names import authority, morph

    data = Path(tqcheck.__file__).resolve().parent.parent / "rules" / "data" / "names"
    if not data.is_dir():
        import pytest

        pytest.skip("the built-in name authority is not beside the package")
    monkeypatch.setattr(authority, "_KNOWN_CAP", 50)
    memo, plain = authority.load([data]), authority.load([data])
    rows = random.Random(3).sample(_rows(), 300)
    tokens = [r[2] for r in rows] + [r[1].capitalize() for r in rows]
    tokens += ["Putin's", "Путина", "والكرملين", "Trump", "Washington", "the", "وبوتين", "ונתניהו"]
    found = 0
    for lang in ("en", "ru", "ar", "he", None):
        for tok in tokens * 2:
            st = morph.stems(tok, lang)
            assert memo.known_of(st) == frozenset(plain.known(st)), (tok, lang)
            found += bool(memo.known_of(st))
    assert found > 20 and len(memo._known_memo) <= 50


def _forward_before(u, s, maxl, single, double):  # type: ignore[no-untyped-def]
    """``translit.forward`` as it was before the Latin segments were cut once per word."""
    n, m = len(u), len(s)
    a = [[0.0] * (m + 1) for _ in range(n + 1)]
    a[0][0] = 1.0
    for i in range(n):
        rows = [(a[i + 1], single(u[i]))]
        if i + 2 <= n:
            rows.append((a[i + 2], double(u[i] + u[i + 1])))
        ai = a[i]
        for j in range(m + 1):
            v = ai[j]
            if v == 0.0:
                continue
            top = min(maxl, m - j) + 1
            for dest, row in rows:
                if row is None:
                    continue
                get = row.get
                for b in range(top):
                    p = get(s[j:j + b])
                    if p:
                        dest[j + b] += v * p
    return a


def test_forward_lattice_is_the_same_floats():
    # true and unrelated pairs of every script, read as the run time reads the model
    # (single units backed off) and as the trainer does (the table's rows alone): every
    # cell of the lattice, the same float
    rng = random.Random(12)
    rows = rng.sample(_rows(), 1500)
    model = translit.load_model()
    checked = 0
    for k, r in enumerate(rows):
        lang = translit.model_lang(r[2])
        u = translit.units(r[2])
        table = model.get(lang or "", {})
        if not u or not table:
            continue
        maxl = translit._maxl(lang)
        backed = {x: translit._backed_off(table, x) for x in u}
        for lat in (r[1], rows[(k * 7 + 1) % len(rows)][1], "a", ""):
            s = translit.model_latin(lat)
            for single, double in ((backed.get, table.get), (table.get, table.get)):
                got = translit.forward(u, s, maxl, single, double)
                want = _forward_before(u, s, maxl, single, double)
                assert repr(got) == repr(want), (r[2], s)
                checked += 1
    assert checked > 5000


def test_cjk_forms_ruled_out_by_adjacent_characters_are_not_there():
    """Authority forms in Han and Kana, found in texts made of the forms themselves,
    pieces of them and other characters (overlapping forms, one-character forms,
    forms at both ends): the mentions the search of every form found."""
    from pathlib import Path

    import tqcheck
    from tqcheck.analysis.names import authority, extract
    from tqcheck.analysis.text import DisjointSpans

    data = Path(tqcheck.__file__).resolve().parent.parent / "rules" / "data" / "names"
    if not data.is_dir():
        import pytest

        pytest.skip("the built-in name authority is not beside the package")
    auth = authority.load([data])
    forms = [f for f, _ in auth.cjk_forms]
    assert len(forms) > 500

    def before(text):  # type: ignore[no-untyped-def]
        found, taken = [], DisjointSpans()
        for form, eid in auth.cjk_forms:
            pos = text.find(form)
            while pos != -1:
                e = pos + len(form)
                if not taken.overlaps(pos, e):
                    taken.add(pos, e)
                    found.append((pos, e, form, eid))
                pos = text.find(form, e)
        return sorted(found)

    rng = random.Random(17)
    filler = ("的是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年"
              "阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得"
              "实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论"
              "之物从当两些还天资事队批如应形想制心样干都向变关点育重其思与间内去因件日利相由压"
              "员气业代全组数果期导平各基或月毛然问比展那它最及外没看治提五解系林者米群头意只明"
              "四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教")
    texts = []
    for _ in range(150):
        parts = []
        for _ in range(rng.randint(5, 40)):
            f = rng.choice(forms)
            parts.append(rng.choice([f, f[:-1] or f, f[1:] or f, "".join(rng.sample(filler, rng.randint(1, 6)))]))
        texts.append("".join(parts))
    texts += ["", forms[0], forms[-1] + forms[0], "中", "東京都", "Putin 普京 プーチン"]
    # and real Chinese sentences, a hundred at a time
    from conftest import SHARED

    src = SHARED / "devset" / "mqm" / "zh-en-wmt21-ted" / "sources.tsv"
    if src.is_file():
        lines = [ln.split("\t")[-1] for ln in src.read_text(encoding="utf-8").splitlines()]
        texts += ["\n".join(lines[i:i + 100]) for i in range(0, len(lines), 100)]
    found = 0
    for text in texts:
        got = sorted((m.start, m.end, m.text, next(iter(m.entities)))
                     for m in extract._cjk_substrings(text, "zh", auth))
        assert got == before(text), text[:80]
        found += len(got)
    assert found > 1000
    # a newsroom's authority may hold one-character forms
    auth = authority.Authority([authority.Entity("q1", "place", "中", forms=[("zh", "中"), ("ja", "東"), ("zh", "东京")])], [])
    for text in ["中国", "东京中", "東", "京都", "中" * 5 + "东", "ab 東 中"]:
        got = sorted((m.start, m.end, m.text, next(iter(m.entities)))
                     for m in extract._cjk_substrings(text, "zh", auth))
        assert got == before(text), text
        found += len(got)
    assert any(m.text == "東" for m in extract._cjk_substrings("ab 東 中", "zh", auth))


def _stems_before(token: str, lang: str | None) -> frozenset[str]:
    """``morph.stems`` as it was before its endings were grouped by last letter."""
    from tqcheck.analysis.names import morph

    t = token.lower()
    out = {t}
    for ap in morph._APOSTROPHES:
        if ap in t:
            head, _, tail = t.partition(ap)
            if len(head) >= 3:
                out.add(head)
            if len(head) <= 2 and len(tail) >= 3:
                out.add(tail)
    b = morph.base_lang(lang)
    word = t
    for suf in morph.SUFFIXES.get(b, morph._DEFAULT):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            out.add(word[: -len(suf)])
    for a, rep in morph._REPLACE.get(b, ()):
        if word.endswith(a) and len(word) - len(a) >= 2:
            out.add(word[: -len(a)] + rep)
    first = word[:1]
    pres = (morph._PREFIXES["ar"] if "\u0600" <= first <= "\u06ff"
            else morph._PREFIXES["he"] if "\u0590" <= first <= "\u05ff" else [])
    for pre in pres:
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            out.add(word[len(pre):])
    return frozenset(out)


def test_stems_tried_by_last_letter_are_the_stems():
    # real names of every script and their Latin spellings with every ending of every
    # language added, in every language of the endings list, an unknown one and none
    from tqcheck.analysis.names import morph

    rng = random.Random(19)
    rows = rng.sample(_rows(), 400)
    endings = sorted({e for sufs in morph.SUFFIXES.values() for e in sufs})
    words = [r[2] for r in rows] + [r[1].capitalize() for r in rows]
    words += [w + rng.choice(endings) for w in words] + ["Putin's", "l'Ukraine", "Юрием", "x", ""]
    langs = sorted(morph.SUFFIXES) + [None, "", "xx", "en-GB", "pt_BR"]
    changed = 0
    for w in words:
        for lang in langs:
            got = morph.stems.__wrapped__(w, lang)
            assert got == _stems_before(w, lang), (w, lang)
            changed += len(got) > 1
    assert changed > 5000


def _anchor_batches(seed: int) -> list[tuple[str, list[str]]]:
    """Latin names of the devset (and a few names in a native script, and one with a
    Cyrillic letter in it) each with a batch of words as TQ202 asks about them: true
    spellings, other names of every script, Latin words, and an empty string."""
    rng = random.Random(seed)
    rows = _rows()
    natives = [r[2] for r in rows]
    latins = [r[1].capitalize() for r in rows]
    batches = []
    for i in rng.sample(range(len(rows)), 300):
        words = [rows[i][2]] + rng.sample(natives, 25) + rng.sample(latins, 3) + [""]
        batches.append((latins[i], words))
    for i in rng.sample(range(len(rows)), 20):
        batches.append((natives[i], rng.sample(natives, 10) + rng.sample(latins, 10)))
    batches.append(("Hаши", rng.sample(natives, 10)))  # a Latin H, then Cyrillic letters
    return batches


def test_one_anchor_against_many_words_is_each_word_asked():
    """``translit.at_least_each`` (TQ202's candidates) answers what
    ``cross_score_at_least`` answers word by word, at the rules' bar and others, and at
    bars on either side of a word's own bound, where the bound's last comparison decides."""
    checked = edge = 0
    for anchor, words in _anchor_batches(21):
        for cutoff in (0.0, 50.0, 70.0, 85.0, 100.0, 101.0):
            assert translit.at_least_each(words, anchor, cutoff) == \
                [translit.cross_score_at_least(w, anchor, cutoff) for w in words], (anchor, cutoff)
            checked += len(words)
        if translit.model_lang(anchor) is None:
            for w in words[:6]:
                up = translit.model_upper(w, anchor)
                for cutoff in (up, up + 1e-6, up + 1e-6 + 1e-9, up + 1e-6 - 1e-9):
                    assert translit.at_least_each([w], anchor, cutoff) == \
                        [translit.cross_score_at_least(w, anchor, cutoff)], (w, anchor, cutoff)
                    edge += 1
    assert checked > 50000 and edge > 5000


def test_the_bound_of_one_latin_string_kept_between_words_is_reaches():
    """``_reacher``, which keeps a Latin string's sums between the words it is asked
    about, answers what ``_reaches`` answers for each word, in any order of the words
    (its sums must not depend on which word asked first), at bars on either side of
    each word's own bound and at the rules' bars."""
    rng = random.Random(4)
    checked = reached = edge = 0
    for anchor, words in _anchor_batches(22):
        if translit.model_lang(anchor) is not None:
            continue
        words = [w for w in words if translit.model_lang(w) is not None]
        for bar in (40.0 - 1e-6, 70.0 - 1e-6, 0.0, 100.5):
            reaches = translit._reacher(anchor, bar)
            for w in rng.sample(words, len(words)) * 2:
                want = translit._reaches(w, anchor, bar)
                assert reaches(w) == want, (w, anchor, bar)
                checked += 1
                reached += want
        # at a word's own bound, asked last, after the other words filled the sums
        for w in words[:3]:
            up = translit._upper(w, anchor)
            for bar in (up, up - 1e-12, up + 1e-12, up * (1 - 1e-9)):
                reaches = translit._reacher(anchor, bar)
                for o in rng.sample(words, len(words)):
                    assert reaches(o) == translit._reaches(o, anchor, bar), (o, anchor, bar)
                assert reaches(w) == translit._reaches(w, anchor, bar), (w, anchor, bar)
                edge += 1
    assert checked > 30000 and 0.05 * checked < reached < 0.95 * checked and edge > 2000


def test_one_word_against_many_is_upper_reaches():
    """``translit.reaching(y, cutoff)`` (TQ203 asks one name about every word of a
    version) answers ``upper_reaches(x, y, cutoff)`` for every word x: a Latin name
    against native words and Latin ones, a native name against Latin words and native
    words of its own script and of others (where the bound asks both romanisations),
    at the rules' bars and at bars on either side of each pair's own bound, asked
    after the other words in a shuffled order."""
    rng = random.Random(9)
    rows = _rows()
    natives = [r[2] for r in rows]
    latins = [r[1].capitalize() for r in rows]
    checked = edge = reached = 0
    for i in rng.sample(range(len(rows)), 160):
        for y in (latins[i], natives[i]):
            words = [natives[i], latins[i], ""] + rng.sample(natives, 20) + rng.sample(latins, 20)
            for cutoff in (0.0, 40.0, 70.0, 100.0, 101.0):
                reaches = translit.reaching(y, cutoff)
                for x in rng.sample(words, len(words)):
                    want = translit.upper_reaches(x, y, cutoff)
                    assert reaches(x) == want, (x, y, cutoff)
                    checked += 1
                    reached += want
            for x in words[:4]:
                up = translit.model_upper(x, y)
                for cutoff in (up, up + 1e-6, up + 1e-6 + 1e-9, up + 1e-6 - 1e-9):
                    reaches = translit.reaching(y, cutoff)
                    for o in rng.sample(words, 10):
                        assert reaches(o) == translit.upper_reaches(o, y, cutoff), (o, y, cutoff)
                    assert reaches(x) == translit.upper_reaches(x, y, cutoff), (x, y, cutoff)
                    edge += 1
    assert checked > 60000 and edge > 2000 and 0.1 * checked < reached < 0.9 * checked


def test_script_of_a_token_is_its_first_letters():
    """``script_key``, which keeps the script of each letter it met, gives
    ``text.script_of`` of the token's first letter, for every letter of Unicode,
    asked twice, and for tokens that begin with marks, digits or punctuation."""
    import sys as _sys

    from tqcheck.analysis.names.authority import script_key
    from tqcheck.analysis.text import script_of

    letters = [chr(c) for c in range(_sys.maxunicode + 1) if chr(c).isalpha()]
    for _ in range(2):
        assert [script_key(ch) for ch in letters] == [script_of(ch) for ch in letters]
    for tok in ("\u0651محمد", "12Putin", "'Путин", "…中国", "-", "", "\u05b0שלום"):
        first = next((ch for ch in tok if ch.isalpha()), None)
        assert script_key(tok) == (script_of(first) if first else None), tok
    assert len(letters) > 100000


def test_the_model_asked_against_a_bar_is_its_score_against_it():
    """``translit.model_at_least``, which stops the lattice once it cannot reach the
    bar, answers ``model_part(x, y) >= cutoff`` for true pairs, near misses and
    unrelated pairs of every script in both orders and for two native words, at the
    rules' bars and at bars on either side of the pair's own score (a score equal to
    its bar must reach it); and it is stopped early for most unrelated pairs."""
    import math

    checked = reached = stopped = 0
    calls = []
    real = translit.model_score

    def counted(*args, **kw):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kw)

    translit.model_at_least.cache_clear()
    translit.model_score = counted  # type: ignore[assignment]
    try:
        for x, y in _pairs(80, 13):
            score = translit.model_part(x, y)
            for cutoff in (0.0, 40.0, 70.0, 100.0, 101.0, score, math.nextafter(score, 0.0),
                           math.nextafter(score, 200.0), score + 1e-9, score - 1e-9, score + 0.5):
                del calls[:]
                got = translit.model_at_least(x, y, cutoff)
                assert got == (score >= cutoff), (x, y, cutoff, score)
                checked += 1
                reached += got
                stopped += not got and not calls
    finally:
        translit.model_score = real  # type: ignore[assignment]
    assert checked > 20000 and 0.2 * checked < reached < 0.9 * checked and stopped > 0.2 * checked


def test_known_reads_a_built_scripts_entities_as_entities_of():
    """``Authority.known``, which reads the entities of a token of an indexed script
    other than Arabic and Hebrew itself, is the union of ``entities_of`` over the stems:
    on a fresh authority (each script indexed by the first stem of it) and on one whose
    scripts are all indexed, for real names of every script and ordinary words."""
    from pathlib import Path

    import tqcheck
    from tqcheck.analysis.names import authority, morph

    data = Path(tqcheck.__file__).resolve().parent.parent / "rules" / "data" / "names"
    if not data.is_dir():
        import pytest

        pytest.skip("the built-in name authority is not beside the package")
    rows = random.Random(6).sample(_rows(), 400)
    tokens = [r[2] for r in rows] + [r[1].capitalize() for r in rows]
    tokens += ["Putin's", "Путина", "والكرملين", "Trump", "the", "وبوتين", "ונתניהו", "Ελλάδα",
               "中国", "トランプ", "서울", "12", "'",
               "ايجور", "وايجور", "غزه", "بغزه"]  # known only up to spelling conventions
    fresh, ref = authority.load([data]), authority.load([data])
    found = 0
    for lang in ("en", "ru", "ar", "he", None):
        for tok in tokens:
            st = morph.stems(tok, lang)
            want = set().union(*(ref.entities_of(s) for s in st))
            assert fresh.known(st) == want, (tok, lang)
            found += bool(want)
    assert found > 50 and {"Latin", "Cyrillic", "Arabic", "Hebrew"} <= fresh._built


def test_close_pairs_of_forms_are_those_the_loop_over_every_pair_kept():
    """TQ202's pairs of forms to compare (``names_consistency._close_pairs``): equal folds
    or a score not under the cutoff, in the order of a loop over i then j, with the
    numpy matrix and with the rows of a small group alike."""
    from array import array

    import numpy as np
    from rapidfuzz import fuzz, process

    from tqcheck.checks.names_consistency import _close_pairs

    rng = random.Random(5)
    letters = "aeiknorstv"
    for trial in range(60):
        k = rng.randrange(0, 40)
        folds = ["".join(rng.choice(letters) for _ in range(rng.randrange(3, 8))) for _ in range(k)]
        folds += rng.sample(folds, min(len(folds), 5))  # equal folds too
        cutoff = rng.choice([0.0, 50.0, 70.0, 85.0, 100.0])
        want = [(i, j) for i in range(len(folds)) for j in range(i + 1, len(folds))
                if folds[i] == folds[j] or fuzz.ratio(folds[i], folds[j], score_cutoff=cutoff) >= cutoff]
        matrix = process.cdist(folds, folds, scorer=fuzz.ratio, score_cutoff=cutoff) if folds \
            else np.zeros((0, 0), dtype=np.float32)
        rows = [array("f", [fuzz.ratio(a, b, score_cutoff=cutoff) for b in folds]) for a in folds]
        assert _close_pairs(matrix, cutoff) == want, (trial, cutoff)
        assert _close_pairs(rows, cutoff) == want, (trial, cutoff)


def test_token_spans_are_the_token_pattern_s_matches():
    """``authority.token_spans`` (one scan of a version for name extraction, TQ203/TQ204
    and TQ106) gives every ``TOKEN_RE`` match as (start, end, token), for a text short
    enough to be kept and for a longer one, which is not kept."""
    from tqcheck.analysis.names import authority

    rng = random.Random(2)
    words = ["Putin's", "O'Brien", "ג'ורג'", "والكرملين", "Уиткофф", "नमस्ते", "東京", "x-y", "42",
             "snake_case", "l'été", "rock’n’roll", "a", "—", "Witkoff’"]
    for size in (5, 200, authority._SPANS_CHARS // 5):
        text = " ".join(rng.choice(words) for _ in range(size))
        want = [(m.start(), m.end(), m.group()) for m in authority.TOKEN_RE.finditer(text)]
        assert list(authority.token_spans(text)) == want
        assert list(authority.token_spans(text)) == want  # (asked again: kept or not)
        kept = authority._recent_spans.cache_info().currsize
        authority._recent_spans.cache_clear()
        assert (kept > 0) == (len(text) <= authority._SPANS_CHARS), (size, len(text))
