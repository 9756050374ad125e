"""Which copied segments TQ705 (untranslated-segment) reports, on real text.

``python -m tools.eval copies [DEVSET]``

TQ705 reports a target segment equal to its source unless the source has nothing to
translate (``checks/segment_untranslated.translatable``). Both sides of that test are
measured on text nobody on the project wrote:

- **names kept as they are** (false positives): the Latin-script person names of the
  name list (``DEVSET/names/names.tsv``), which a translation into another
  Latin-script language keeps letter for letter; the share that would be reported if a
  segment were just that name;
- **sentences** (recall): every sentence of ``DEVSET/lid/lingua-sentences`` (one file
  per language, Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari and CJK scripts);
  the share that would be reported if it were copied into its translation unchanged.

The MQM drafts hold no segment equal to its source, so ``eval mqm --by-segment``
cannot measure TQ705 (it measures that it stays silent on references).
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from tools.eval.garbled import _default_devset

_LATIN = re.compile(r"^[\sA-Za-z\u00c0-\u024f'’.\-]+$")


def main(argv: list[str]) -> int:
    from tqcheck.checks.segment_untranslated import translatable

    ap = argparse.ArgumentParser(prog="python -m tools.eval copies",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("devset", nargs="?", type=Path, default=_default_devset())
    args = ap.parse_args(argv)
    names_file = args.devset / "names" / "names.tsv"
    sentences = args.devset / "lid" / "lingua-sentences"
    if not names_file.is_file() or not sentences.is_dir():
        print(f"no development data at {args.devset}")
        return 2
    with names_file.open(encoding="utf-8", newline="") as f:
        names = [r["variant"] for r in csv.DictReader(f, delimiter="\t")
                 if r["entity_type"] == "PER" and _LATIN.match(r["variant"])]
    flagged = [n for n in names if translatable(n)]
    print(f"person names (Latin script) reported if copied: {len(flagged)}/{len(names)} = "
          f"{100 * len(flagged) / len(names):.2f}%")
    for n in flagged[:10]:
        print(f"    {n}")
    total = hit = 0
    print("sentences reported if copied, per language:")
    for p in sorted(sentences.glob("*.txt")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        n = sum(translatable(ln) for ln in lines)
        total, hit = total + len(lines), hit + n
        if n < len(lines):
            print(f"    {p.stem:4s} {n}/{len(lines)} = {100 * n / len(lines):.1f}%")
    print(f"  all languages: {hit}/{total} = {100 * hit / total:.1f}% "
          "(languages at 100% not listed)")
    return 0
