"""Agreement of ``tqcheck score`` with the sacrebleu command line, on real sentences.

    python -m tools.eval agreement [DEVSET] [--n 300]

For each tokenizer (13a, intl, zh, char) and language, line-aligned files are made from
the devset's real sentences (``lid/lingua-sentences``): the reference is the sentences
as they are, the hypothesis and a second reference are deterministic edits of them
(words dropped, swapped, replaced; for zh/ja characters). Both tools score the same
files, with one and with two references; the sacrebleu CLI is run as a subprocess
(``sacrebleu REF... -i HYP -m bleu chrf ter --tokenize T -w 4 -f json``) from the same
environment. A row agrees when every score (to 4 decimals) and signature is equal.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = [("13a", "en"), ("13a", "de"), ("intl", "ru"), ("intl", "ar"), ("zh", "zh"), ("char", "ja")]


def edit(line: str, rng: random.Random, chars: bool) -> str:
    units = list(line) if chars else line.split()
    out = []
    for u in units:
        r = rng.random()
        if r < 0.08:
            continue  # drop
        if r < 0.12 and out:
            out.insert(len(out) - 1, u)  # swap with the previous
            continue
        if r < 0.16:
            u = u[::-1]  # replace
        out.append(u)
    return ("" if chars else " ").join(out)


def make_files(folder: Path, devset: Path, lang: str, n: int) -> tuple[Path, Path, Path]:
    lines = (devset / "lid" / "lingua-sentences" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()[:n]
    rng = random.Random(f"agreement-{lang}")
    chars = lang in ("zh", "ja")
    ref, hyp, ref2 = folder / f"{lang}.ref", folder / f"{lang}.hyp", folder / f"{lang}.ref2"
    ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
    hyp.write_text("\n".join(edit(x, rng, chars) for x in lines) + "\n", encoding="utf-8")
    ref2.write_text("\n".join(edit(x, rng, chars) for x in lines) + "\n", encoding="utf-8")
    return hyp, ref, ref2


def sacrebleu_cli(hyp: Path, refs: list[Path], tok: str) -> list[dict]:
    exe = Path(sys.executable).parent / "sacrebleu"
    cmd = [str(exe), *map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
           "--tokenize", tok, "-w", "4", "-f", "json"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def ours(hyp: Path, refs: list[Path], tok: str) -> list[dict]:
    import io

    from tqcheck.score import main

    buf = io.StringIO()
    code = main([str(hyp), *map(str, refs), "-m", "bleu", "chrf", "ter", "--tokenize", tok, "-w", "4",
                 "-f", "json"], stdout=buf)
    assert code == 0
    return json.loads(buf.getvalue())


def compare(hyp: Path, refs: list[Path], tok: str) -> list[tuple[str, float, float, bool]]:
    theirs = {d["name"]: d for d in sacrebleu_cli(hyp, refs, tok)}
    rows = []
    for d in ours(hyp, refs, tok):
        t = theirs[d["name"]]
        ok = d["score"] == t["score"] and d["signature"] == t["signature"]
        rows.append((d["name"], d["score"], t["score"], ok))
    return rows


def main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m tools.eval agreement")
    p.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "devset"))
    p.add_argument("--n", type=int, default=300, help="sentences per language")
    args = p.parse_args(argv)
    devset = Path(args.devset)
    print(f"{'tokenize':<8} {'lang':<4} {'refs':>4} {'metric':<6} {'tqcheck':>9} {'sacrebleu':>9} agree")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for tok, lang in CASES:
            hyp, ref, ref2 = make_files(Path(tmp), devset, lang, args.n)
            for refs in ([ref], [ref, ref2]):
                for name, a, b, ok in compare(hyp, refs, tok):
                    bad += not ok
                    print(f"{tok:<8} {lang:<4} {len(refs):>4} {name:<6} {a:>9.4f} {b:>9.4f} {'yes' if ok else 'NO'}")
    print(f"disagreements: {bad}")
    return 1 if bad else 0
