"""``tqcheck score``: corpus BLEU, chrF and TER of line-aligned MT output, as sacrebleu's CLI.

    tqcheck score HYP REF [REF2 ...]            one system, one or more references
    tqcheck score -i SYS1 SYS2 -- REF [REF2]    several systems against the same references
    tqcheck score -m bleu chrf ter HYP REF      the metrics to compute, in this order

``-m`` is sacrebleu's: BLEU and chrF by default; TER (whose shift search is far slower
than both together: 5.3 s against 0.7 s on one 1,000-line WMT system) only when asked.

Files are read exactly as the sacrebleu command line reads them (UTF-8, each line with
trailing white space removed) and scored with sacrebleu's own metric classes, built with
the command line's defaults and the references passed at construction (as its CLI
does), so the scores and signatures are the ones ``sacrebleu REF... -i HYP -m bleu chrf
ter --tokenize T`` prints (``python -m tools.eval agreement`` checks this on real text).
``--tokenize`` is BLEU's tokenizer; chrF and TER have their own. Exit codes: 0 scored, 2
usage error (missing file, line counts that differ).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

TOKENIZERS = ("13a", "intl", "zh", "char", "none")


def read_lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip() for line in fh]


METRICS = ("bleu", "chrf", "ter")
DEFAULT_METRICS = ("bleu", "chrf")


def corpus_scores(hyps: list[str], refs: list[list[str]], tokenize: str = "13a",
                  metrics: tuple[str, ...] | list[str] = DEFAULT_METRICS) -> list[dict]:
    """[{name, score, signature, verbose}] for each of ``metrics`` (bleu, chrf, ter), in
    that order, as sacrebleu computes them."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    make = {"bleu": lambda: BLEU(tokenize=tokenize, references=refs),
            "chrf": lambda: CHRF(references=refs), "ter": lambda: TER(references=refs)}
    out = []
    for name in metrics:
        metric = make[name]()
        s = metric.corpus_score(hyps, None)
        out.append({"name": s.name, "score": s.score, "signature": str(metric.get_signature()),
                    "verbose": s._verbose})
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tqcheck score",
                                description="Corpus BLEU, chrF and TER of line-aligned files (sacrebleu).")
    p.add_argument("--metrics", "-m", nargs="+", choices=METRICS, default=list(DEFAULT_METRICS),
                   metavar="METRIC", help="bleu, chrf and/or ter, in the order to print "
                   "(default: bleu chrf, as sacrebleu; TER is slow on long segments)")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="HYP REF [REF ...], or only REF [REF ...] when -i names the systems")
    p.add_argument("-i", "--input", nargs="+", metavar="SYS", help="system outputs (several allowed)")
    p.add_argument("--tokenize", "-tok", choices=TOKENIZERS, default="13a", help="BLEU tokenizer (default 13a)")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    p.add_argument("--width", "-w", type=int, default=1, help="decimals, as sacrebleu -w (default 1)")
    return p


def main(argv: list[str], stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.input:
        systems, ref_files = args.input, args.files
    else:
        if len(args.files) < 2:
            print("tqcheck score: need HYP and at least one REF", file=sys.stderr)
            return 2
        systems, ref_files = args.files[:1], args.files[1:]
    try:
        refs = [read_lines(r) for r in ref_files]
        hyps = {s: read_lines(s) for s in systems}
    except (OSError, UnicodeDecodeError) as exc:
        print(f"tqcheck score: {exc}", file=sys.stderr)
        return 2
    for name, lines in [*hyps.items(), *zip(ref_files, refs)]:
        if len(lines) != len(refs[0]):
            print(f"{name}:1: {len(lines)} lines, but {ref_files[0]} has {len(refs[0])}", file=sys.stderr)
            return 2
    results = []
    for sys_name in systems:
        for s in corpus_scores(hyps[sys_name], refs, args.tokenize, args.metrics):
            results.append({"system": sys_name, "name": s["name"],
                            "score": float(f"{s['score']:.{args.width}f}"),
                            "signature": s["signature"], "verbose_score": s["verbose"]})
    if args.format == "json":
        out.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    else:
        wide = max(len(s) for s in systems)
        for r in results:
            out.write(f"{r['system']:<{wide}}  {r['name']:<6} {r['score']:>7.{args.width}f}  "
                      f"{r['signature']}  {r['verbose_score']}\n".rstrip() + "\n")
    return 0
