"""HTML pages: is the article taken out of the page exactly, and do positions point at it?

``python -m tools.eval pages [--devset PATH] [--limit N]``

Real text, synthetic pages. There is no corpus of news pages with their article marked
in the development data, so the real documents of ``devset/mqm`` (WMT23 English news
and their German reference, WMT21 Chinese TED talks and their English reference) are
set into two kinds of page around them: a semantic one (``<header>``, ``<nav>``, cookie
banner, ``<article>``, related links, ``<footer>``) and a "div soup" one (no semantic
elements; teaser column with the other documents' headlines and text, byline, share
bar, readers' comments, footer), as sites built before HTML5 and many CMS themes are.
The first segment is the headline, the others one paragraph each; the related links
and teasers carry the headlines of other documents of the same set, so the page
holds real text of the same language that is not the article.

Per set and page kind it prints: pages whose extracted paragraphs are exactly the
document's segments, in order; segments found; extracted paragraphs that are not
segments (page chrome taken for article); and paragraphs whose position
(``Document.position``) points at the exact characters of the page where the
paragraph's HTML-escaped text is written.
"""

from __future__ import annotations

import argparse
import html
import time
from pathlib import Path
from typing import Any

_NAV = ("World", "Politics", "Business", "Science", "Culture", "Sport")


def semantic_page(title: str, paras: list[str], others: list[str], lang: str) -> str:
    nav = "".join(f'<li><a href="/s{i}">{w}</a></li>' for i, w in enumerate(_NAV))
    rel = "".join(f'<li><a href="/a{i}">{html.escape(o)}</a></li>' for i, o in enumerate(others))
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paras)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
            f"<title>{html.escape(title)} | The Daily</title></head>\n<body>\n"
            '<div class="cookie-consent"><p>We use cookies to improve your experience. By '
            "continuing you agree to our use of cookies.</p><button>OK</button></div>\n"
            f'<header><a class="logo" href="/">The Daily</a><nav><ul>{nav}</ul></nav></header>\n'
            f"<main>\n<article>\n      <h1>{html.escape(title)}</h1>\n{body}\n</article>\n"
            f'<aside class="related"><h2>Related</h2><ul>{rel}</ul></aside>\n</main>\n'
            '<footer><p>© 2026 The Daily. All rights reserved.</p><a href="/about">About</a>'
            "</footer>\n</body>\n</html>\n")


def soup_page(title: str, paras: list[str], others: list[str], lang: str) -> str:
    teasers = "".join(
        f'<div class="teaser"><a href="/t{i}"><span>{html.escape(o)}</span></a>'
        f'<div class="teaser-text">{html.escape(o)} The full story, with pictures and '
        "reactions, is on our site today.</div></div>" for i, o in enumerate(others))
    body = "\n".join(f'<div class="para">{html.escape(p)}</div>' for p in paras)
    return (f'<html lang="{lang}"><body>\n<div id="top"><div class="menu"><a href="/">Home</a>'
            ' | <a href="/w">World</a> | <a href="/b">Business</a> | <a href="/login">Log in'
            f'</a></div></div>\n<div id="wrap"><div class="col-left">{teasers}</div>\n'
            f'<div class="content">\n<div class="headline">{html.escape(title)}</div>\n'
            f'<div class="byline">Staff reporter, 3 hours ago</div>\n{body}\n'
            '<div class="share">Share on Facebook | Share on X | Email</div></div>\n'
            '<div class="comments"><h3>Comments (2)</h3><div class="comment">Great article, '
            'thanks for sharing this with us.</div><div class="comment">I disagree with most '
            "of this, frankly.</div></div></div>\n"
            '<div id="foot">Copyright 2026 The Daily. Contact | Advertise | Jobs</div>\n'
            "</body></html>\n")


PAGES = {"semantic": semantic_page, "soup": soup_page}


def _norm(s: str) -> str:
    return " ".join(s.split())


def measure(docs: dict[str, list[str]], lang: str, kind: str, limit: int | None = None
            ) -> dict[str, Any]:
    from tqcheck.corpus.html import build

    ids = sorted(docs)[:limit]
    out = {"pages": 0, "exact": 0, "segments": 0, "found": 0, "paragraphs": 0, "extra": 0,
           "positioned": 0, "located": 0, "seconds": 0.0}
    t0 = time.perf_counter()
    for k, d in enumerate(ids):
        segs = [s for s in (_norm(x) for x in docs[d]) if s]
        if len(segs) < 2:
            continue
        want = segs
        others = [_norm(docs[o][0]) for o in (ids[k + 1:k + 4] or ids[:3]) if o != d]
        src = PAGES[kind](segs[0], segs[1:], others, lang)
        doc = build(src, "page.html", Path("page.html"))
        got = doc.text.split("\n") if doc.problem is None else []
        lines = src.split("\n")
        out["pages"] += 1
        out["exact"] += got == want
        out["segments"] += len(want)
        out["paragraphs"] += len(got)
        out["found"] += sum(1 for w in want if w in got)
        out["extra"] += sum(1 for g in got if g not in want)
        off = 0
        for g in got:
            if g in want:
                out["located"] += 1
                line, col = doc.position(off)
                esc = html.escape(g)
                out["positioned"] += lines[line - 1][col - 1:col - 1 + len(esc)] == esc
            off += len(g) + 1
    out["seconds"] = time.perf_counter() - t0
    return out


def sets(devset: Path) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(name, language, documents) of the real documents in ``devset/mqm``."""
    from tools.eval.mqm import load_set

    found = []
    for folder, ref, src_lang, ref_lang in (("en-de-wmt23-news", "refA", "en", "de"),
                                            ("zh-en-wmt21-ted", "ref", "zh", "en")):
        if not (devset / "mqm" / folder).is_dir():
            continue
        data = load_set(devset / "mqm" / folder)[ref]
        found.append((f"{folder} source", src_lang,
                      {d: [s.source for s in segs] for d, segs in data.items()}))
        found.append((f"{folder} {ref}", ref_lang,
                      {d: [s.target for s in segs] for d, segs in data.items()}))
    return found


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.eval pages")
    p.add_argument("--devset", default=str(Path(__file__).resolve().parents[2].parent
                                           / "shared" / "devset"))
    p.add_argument("--limit", type=int, default=None, help="documents per set")
    args = p.parse_args(argv)
    found = sets(Path(args.devset))
    if not found:
        print(f"no mqm sets under {args.devset}")
        return 2
    for name, lang, docs in found:
        for kind in PAGES:
            r = measure(docs, lang, kind, args.limit)
            print(f"{name:<28} {kind:<8} pages exact {r['exact']}/{r['pages']}  segments found "
                  f"{r['found']}/{r['segments']}  chrome taken {r['extra']}/{r['paragraphs']}  "
                  f"positions exact {r['positioned']}/{r['located']}  "
                  f"{1000 * r['seconds'] / max(1, r['pages']):.0f} ms/page")
    return 0
