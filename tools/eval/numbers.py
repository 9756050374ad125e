"""Number comparison on real sentences: changed numbers must be flagged, reformatted not.

    python -m tools.eval numbers [DEVSET] [--langs en,de,fr,ru,ar,zh]

Every devset sentence (``lid/lingua-sentences``) with a number gets three variants in
which one of its numbers is rewritten:

* **changed** (must be flagged): the value changes (+1 for small numbers, +10% or a
  swapped digit pair for large ones), written in the sentence's own style;
* **reformatted** (must not be flagged): the same value in another locale's style,
  with the variant declared in that locale -- 1,550 / 1.550 (de) / 1 550 (fr, no-break
  space) / ١٬٥٥٠ (ar) / 1550; decimals 12.5 / 12,5 (de) / ١٢٫٥ (ar);
* **localised** (must not be flagged): a small number spelled out (3 -> three) or a
  date written in another order or language (5 February -> February 5 / 5 février).

The comparison is TQ601's (``checks/number_mismatch.passage_mismatches``; a number
inside a code such as "C-32" is TQ606's, ``checks/token_mismatch``) and, for
dates, TQ602's pairing. Precision = changed flagged / all flagged; recall = changed
flagged / changed.
"""

from __future__ import annotations

import random
from pathlib import Path

STYLES = {  # locale -> (thousands mark, decimal mark, digit table)
    "en": (",", ".", None), "de": (".", ",", None), "fr": ("\u202f", ",", None),
    "ar": ("\u066c", "\u066b", "٠١٢٣٤٥٦٧٨٩"), "zh": ("", ".", None),
}
SPELL = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
MONTH_EN = "January February March April May June July August September October November December".split()
MONTH_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()


def fmt(value: float, style: str, decimals: int) -> str:
    th, dec, digits = STYLES[style]
    s = f"{value:,.{decimals}f}".replace(",", "\x00").replace(".", "\x01")
    s = s.replace("\x00", th).replace("\x01", dec)
    if digits:
        s = "".join(digits[int(c)] if c.isdigit() else c for c in s)
    return s


def variants(sentence: str, lang: str, rng: random.Random):  # type: ignore[no-untyped-def]
    """(kind, variant text, variant lang) for one number of ``sentence``, or nothing."""
    from tqcheck.analysis.numbers import extract

    qs = [q for q in extract(sentence, lang) if q.kind in ("number", "percent", "money")
          and len(q.values) == 1 and not q.spelled and q.text.strip()[0].isdigit()
          and q.text.strip()[-1].isdigit()]
    if not qs:
        return []
    q = rng.choice(qs)
    (v,) = q.values
    raw = q.text.strip()
    decimals = len(raw) - max(raw.rfind("."), raw.rfind(",")) - 1 if v != int(v) else 0
    out = []
    pre, post = sentence[: q.start], sentence[q.end :]
    # changed, in the original's own style
    if v < 20 and v == int(v):
        nv = v + 1
    elif v == int(v) and len(str(int(v))) >= 2 and str(int(v))[-2] != str(int(v))[-1]:
        d = str(int(v))
        nv = float(d[:-2] + d[-1] + d[-2])  # swapped last two digits
    else:
        nv = round(v * 1.1 + 1, decimals)
    style = "en" if lang not in STYLES else lang
    th = "," in raw and decimals == 0 or ("." in raw and lang == "de")
    changed = fmt(nv, style, decimals) if th else (f"{nv:.{decimals}f}" if decimals else str(int(nv)))
    out.append(("changed", pre + changed + post, lang))
    # reformatted in another locale, declared as that locale
    target = rng.choice([s for s in STYLES if s != style])
    plain = v == int(v) and v < 10000 and not any(c in raw for c in ",. ")
    # A four-digit number written without a mark (a year, mostly) is never grouped.
    new = fmt(v, target, decimals).replace(STYLES[target][0], "") if plain else fmt(v, target, decimals)
    out.append(("reformatted", pre + new + post, target))
    # localised: a spelled-out small number that stands alone (not "3rd", "10yr", "3-Tonnen")
    alone = (not pre or pre[-1] == " ") and post[:1] == " "
    if v == int(v) and int(v) in SPELL and q.kind == "number" and alone:
        out.append(("localised", pre + SPELL[int(v)] + post, "en"))
    return out


def date_variants(rng: random.Random, n: int):  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        m, d = rng.randrange(12), rng.randrange(1, 29)
        a = f"The agreement expired on {d} {MONTH_EN[m]} after talks in Geneva."
        out.append(("localised", a, f"The agreement expired on {MONTH_EN[m]} {d} after talks in Geneva.", "en"))
        out.append(("localised", a, f"L'accord a expiré le {d} {MONTH_FR[m]} après des pourparlers à Genève.", "fr"))
        out.append(("changed", a, f"The agreement expired on {d + 1} {MONTH_EN[m]} after talks in Geneva.", "en"))
    return out


def flagged(ref: str, ref_lang: str, hyp: str, hyp_lang: str) -> bool:
    from tqcheck.checks.number_mismatch import KINDS, passage_mismatches
    from tqcheck.analysis.numbers import compare, extract

    if passage_mismatches(ref, hyp, ref_lang, hyp_lang, KINDS, True):
        return True
    # a number inside a code (Bill C-32 as C-23) is reported by TQ606, not TQ601
    from tqcheck.checks.token_mismatch import passage_mismatches as code_mismatches

    if any(h and r for h, r in code_mismatches(ref, hyp, ("code",), ref_lang == hyp_lang,
                                               ref_lang, hyp_lang)):
        return True
    lr, lh = compare(extract(ref, ref_lang), extract(hyp, hyp_lang), ("date",))
    return bool(lr and lh)


def main(argv: list[str]) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m tools.eval numbers")
    p.add_argument("devset", nargs="?", default=str(Path(__file__).resolve().parents[2].parent / "shared" / "devset"))
    p.add_argument("--langs", default="en,de,fr,ru,ar,zh")
    args = p.parse_args(argv)
    print(f"{'lang':<5} {'changed':>8} {'reformat':>8} {'localise':>8} {'TP':>5} {'FP':>5} {'FN':>5} {'P':>7} {'R':>7}")
    total = [0, 0, 0, 0, 0, 0]
    fps: list[str] = []
    rows = []
    for lang in args.langs.split(","):
        rng = random.Random(f"numbers-{lang}")
        lines = (Path(args.devset) / "lid" / "lingua-sentences" / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        cases = []
        for s in lines:
            for kind, text, vlang in variants(s, lang, rng):
                cases.append((kind, s, lang, text, vlang))
        rows.append((lang, cases))
    rows.append(("date", [(k, a, "en", b, bl) for k, a, b, bl in date_variants(random.Random("dates"), 100)]))
    for lang, cases in rows:
        c = [sum(1 for x in cases if x[0] == k) for k in ("changed", "reformatted", "localised")]
        tp = fp = fn = 0
        for kind, ref, rl, hyp, hl in cases:
            f = flagged(ref, rl, hyp, hl)
            if kind == "changed":
                tp += f
                fn += not f
            elif f:
                fp += 1
                fps.append(f"{lang}/{kind}: {ref[:70]!r} -> {hyp[:70]!r} ({hl})")
        for i, x in enumerate([*c, tp, fp, fn]):
            total[i] += x
        _row(lang, c, tp, fp, fn)
    _row("all", total[:3], *total[3:])
    for line in fps[:10]:
        print("FP", line)
    return 0


def _row(lang, c, tp, fp, fn) -> None:  # type: ignore[no-untyped-def]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"{lang:<5} {c[0]:>8} {c[1]:>8} {c[2]:>8} {tp:>5} {fp:>5} {fn:>5} {p:>7.1%} {r:>7.1%}")
