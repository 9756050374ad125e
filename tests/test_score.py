import json

import pytest

from conftest import SEEDS, need_shared, run_cli


@pytest.mark.parametrize("tok,lang", [("13a", "en"), ("intl", "ru"), ("zh", "zh"), ("char", "ja")])
def test_score_equals_sacrebleu_cli(tmp_path, tok, lang):
    devset = need_shared("devset")
    from tqcheck.eval.agreement import make_files, ours, sacrebleu_cli

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
    assert names == ["BLEU", "chrF2", "TER"]
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
