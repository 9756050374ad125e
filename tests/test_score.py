import json

import pytest

from conftest import SEEDS, need_shared, run_cli


@pytest.mark.parametrize("tok,lang", [("13a", "en"), ("intl", "ru"), ("zh", "zh"), ("char", "ja")])
def test_score_equals_sacrebleu_cli(tmp_path, tok, lang):
    devset = need_shared("devset")
    from tools.eval.agreement import make_files, ours, sacrebleu_cli

    hyp, ref, ref2 = make_files(tmp_path, devset, lang, 60)
    for refs in ([ref], [ref, ref2]):
        theirs = sacrebleu_cli(hyp, refs, tok)
        mine = ours(hyp, refs, tok)
        assert [(d["name"], d["score"], d["signature"]) for d in mine] == \
               [(d["name"], d["score"], d["signature"]) for d in theirs]


def test_score_command_and_exit_codes(tmp_path):
    h, r = tmp_path / "h.txt", tmp_path / "r.txt"
    h.write_text("the cat sat on the mat\nhello world\n", encoding="utf-8")
    r.write_text("the cat sat on a mat\nhello world\n", encoding="utf-8")
    code, out = run_cli("score", str(h), str(r), "--format", "json")
    assert code == 0
    names = [d["name"] for d in json.loads(out)]
    assert names == ["BLEU", "chrF2"]  # sacrebleu's default: TER only when asked
    code, out = run_cli("score", "-m", "ter", "bleu", "--format", "json", str(h), str(r))
    assert code == 0 and [d["name"] for d in json.loads(out)] == ["TER", "BLEU"]
    code, out = run_cli("score", str(h), str(r), "-m", "bleu", "chrf", "ter", "--format", "json")
    by_name = {d["name"]: d["score"] for d in json.loads(out)}
    assert list(by_name) == ["BLEU", "chrF2", "TER"] and by_name["TER"] > 0
    assert run_cli("score", "-m", "meteor", str(h), str(r))[0] == 2
    (tmp_path / "short.txt").write_text("one line\n", encoding="utf-8")
    assert run_cli("score", str(tmp_path / "short.txt"), str(r))[0] == 2
    assert run_cli("score", str(h), str(tmp_path / "missing.txt"))[0] == 2
    code, out = run_cli("score", "-i", str(h), str(r), "--", str(r))
    assert code == 0 and out.count("BLEU") == 2


def test_seeds_scores_segments_and_time_finding():
    from tqcheck import check

    rep = check([str(SEEDS)])
    s = rep.scores.to_dicts()[0]
    assert s["bleu"] > 0 and s["chrf"] > 0 and s["ter"] is not None and s["ter_signature"]
    assert rep.segments.height > 10
    both = rep.segments.filter(rep.segments["hyp_text"].is_not_null() & rep.segments["ref_text"].is_not_null())
    assert both.height >= 4 and both["chrf"].null_count() == 0
    f = rep.findings.filter(rep.findings["rule_id"].str.starts_with("TQ6"))
    texts = f["text"].to_list()
    assert "days after" in texts
    row = f.filter(f["text"] == "days after").to_dicts()[0]
    assert row["related_path"].endswith("000_656c50c5a7773966.txt") and row["related_line"] == 3
    assert rep.findings.filter(rep.findings["rule_id"].is_in(["TQ502", "TQ503"])).height == 0


def _edited_pairs(lines, seed, n=150):
    import random

    rng = random.Random(seed)
    hyps, refs = [], []
    for _ in range(n):
        r = rng.choice(lines)
        spaced = " " in r
        w = r.split() if spaced else list(r)
        h = (" " if spaced else "").join(x for x in w if rng.random() > 0.2)
        pick = rng.random()
        if pick < 0.1:
            h = r                      # identical
        elif pick < 0.15:
            h = r[:3]                  # shorter than the n-gram orders
        elif pick < 0.2:
            r = r[: rng.randint(1, 6)]
        if h and r:
            hyps.append(h)
            refs.append(r)
    return hyps, refs


@pytest.mark.parametrize("tok,lang", [("13a", "en"), ("13a", "de"), ("intl", "ar"), ("zh", "zh"), ("char", "ja")])
def test_bulk_scores_equal_sacrebleu(tok, lang):
    devset = need_shared("devset", "lid", "lingua-sentences")
    from sacrebleu.metrics import BLEU, CHRF, TER

    from tqcheck.analysis.metrics import bleu_scores, chrf_scores, ter_score

    lines = [l for l in (devset / f"{lang}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    hyps, refs = _edited_pairs(lines, lang)
    sb, sc = BLEU(tokenize=tok, effective_order=True), CHRF()
    # exact float equality: the same integer statistics through sacrebleu's own formula
    assert bleu_scores(sb, hyps, refs) == [sb.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    assert chrf_scores(sc, hyps, refs) == [sc.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    cb, big_h, big_r = BLEU(tokenize=tok), " ".join(hyps), " ".join(refs)
    assert bleu_scores(cb, [big_h], [big_r]) == [cb.corpus_score([big_h], [[big_r]]).score]
    assert chrf_scores(sc, [big_h], [big_r]) == [sc.corpus_score([big_h], [[big_r]]).score]
    ter = TER()
    th, tr = hyps[:40] + ["", refs[0], refs[1]], refs[:40] + [refs[2], "", refs[1]]
    assert ter_score(ter, th, tr) == ter.corpus_score(th, [tr]).score


def test_bulk_scores_small_cases():
    from sacrebleu.metrics import BLEU, CHRF

    from tqcheck.analysis.metrics import bleu_scores, chrf_scores

    hyps = ["a", "the cat", "日本語の文", "x y z", "same words here"]
    refs = ["a b", "the cat sat", "日本語", "q", "same words here"]
    b, c = BLEU(effective_order=True), CHRF()
    assert bleu_scores(b, hyps, refs) == [b.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    assert chrf_scores(c, hyps, refs) == [c.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]
    assert bleu_scores(b, [], []) == [] and chrf_scores(c, [], []) == []


def _ter_pairs(seed: int, n: int) -> list[tuple[list[str], list[str]]]:
    """Word sequences and edited copies: deletions, insertions, blocks moved (what the
    shift search looks for), repeated words (ties), lengths far apart (a wider beam)."""
    import random

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(12)] + ["the", "Москва", "قال", "東京"]
    out = []
    for _ in range(n):
        a = [rng.choice(vocab[: rng.randint(2, len(vocab))]) for _ in range(rng.randint(0, 40))]
        if rng.random() < 0.6:
            b = list(a)
            for _ in range(rng.randint(0, 6)):
                op = rng.random()
                if op < 0.3 and b:
                    b.pop(rng.randrange(len(b)))
                elif op < 0.6:
                    b.insert(rng.randint(0, len(b)), rng.choice(vocab))
                elif b:
                    s, k = rng.randrange(len(b)), rng.randint(1, 4)
                    block = b[s:s + k]
                    del b[s:s + k]
                    at = rng.randint(0, len(b))
                    b[at:at] = block
        else:
            b = [rng.choice(vocab) for _ in range(rng.randint(0, 90 if rng.random() < 0.05 else 25))]
        out.append((a, b))
    return out


def test_ter_edit_distance_is_sacrebleus():
    """TER's edit distance and shift search give sacrebleu's edits, and the distance its
    trace, on random and edited word sequences (ties, moved blocks, empty sides, one side
    five times the other), each hypothesis scored against a distance object that has
    cached other hypotheses first (as the shift search does)."""
    from sacrebleu.metrics import lib_ter

    from tqcheck.analysis.metrics import _EditDistance, translation_edit_rate

    shifted = 0
    for hyp, ref in _ter_pairs(5, 700):
        want = lib_ter.translation_edit_rate(hyp, ref)
        assert translation_edit_rate(hyp, ref) == want, (hyp, ref)
        if ref:
            ours, theirs = _EditDistance(ref), lib_ter.BeamEditDistance(ref)
            for h in (hyp, hyp[::-1], hyp[1:] + hyp[:1], hyp):
                assert ours(h) == theirs(h), (h, ref)
            shifted += want[0] < theirs(hyp)[0]
    assert shifted > 50  # shifts were found and counted, not only plain distances


def test_ter_on_real_segments_is_sacrebleus():
    """The seeds' aligned segments and edited sentences of five languages: the same TER."""
    from sacrebleu.metrics import TER

    from tqcheck.analysis.align import align_texts
    from tqcheck.analysis.metrics import aligned_segments, ter_score

    ter = TER()
    hyps, refs = [], []
    if SEEDS.is_dir():
        a, b = (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
        segs = aligned_segments(align_texts(a, b, True), a, b)
        hyps += [s[1] for s in segs]
        refs += [s[2] for s in segs]
    try:
        devset = need_shared("devset", "lid", "lingua-sentences")
    except pytest.skip.Exception:
        devset = None
    if devset is not None:
        for lang in ("en", "de", "ru", "ar", "fr"):
            lines = [l for l in (devset / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
                     if l.strip()]
            h, r = _edited_pairs(lines, lang)
            hyps += h[:30]
            refs += r[:30]
    if not hyps:
        pytest.skip("neither seeds/ nor ../shared/devset is here")
    assert sum(1 for h, r in zip(hyps, refs) if h and r and h != r) >= 5  # shift searches ran
    assert ter_score(ter, hyps, refs) == ter.corpus_score(hyps, [refs]).score
    for h, r in zip(hyps, refs):
        assert ter_score(ter, [h], [r]) == ter.sentence_score(h, [r]).score, (h, r)
