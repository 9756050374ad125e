"""The HTML page without a browser: self-contained, escaped, spans exact, deterministic."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from html.parser import HTMLParser

from conftest import SEEDS, run_cli
from test_formats_support import probe, probe_args, probe_report  # noqa: F401

from tqcheck.formats import html_format
from tqcheck.report import SEGMENTS_SCHEMA, frame


class Marks(HTMLParser):
    """Collects the text under every ``<mark data-f>`` per finding id, and the
    text of each version's ``.text`` block (with tags removed) per version id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = []
        self.by_fid: dict[str, str] = defaultdict(str)
        self.segs: dict[str, str] = defaultdict(str)
        self.version: str | None = None
        self.in_text = 0
        self.texts: dict[str, str] = defaultdict(str)
        self.attrs_seen: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs_seen.append({"tag": tag, **a})
        if tag == "section" and "version" in (a.get("class") or ""):
            self.version = a["id"]
        if tag == "div" and a.get("class") == "text":
            self.in_text += 1
        elif self.in_text and tag == "div":
            self.in_text += 1
        ids = (a.get("data-f") or "").split() if tag == "mark" else []
        segs = (a.get("data-s") or "").split()
        self.stack.append((tag, [*ids, *("seg:" + s for s in segs)]))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "div" and self.in_text:
            self.in_text -= 1

    def handle_data(self, data):
        if self.in_text and self.version:
            self.texts[self.version] += data
        for _, ids in self.stack if self.in_text else []:  # badges above the text do not count
            for i in ids:
                if i.startswith("seg:"):
                    self.segs[i[4:]] += data
                else:
                    self.by_fid[i] += data


def test_every_highlight_covers_exactly_the_flagged_text(probe):
    report = probe_report(probe)
    page = html_format.render(report)
    p = Marks()
    p.feed(page)
    findings = report.findings.to_dicts()
    assert len(findings) == 14
    for i, f in enumerate(findings):
        assert p.by_fid[f"f{i}"] == f["text"], f
    # each version's text block shows the document text unchanged
    docs = report.documents.to_dicts()
    for i, d in enumerate(docs):
        assert p.texts[f"d{i}"] == report.texts[d["path"]]


def test_zero_length_findings_are_badges_and_carets(probe):
    report = probe_report(probe)
    page = html_format.render(report)
    points = report.findings.filter(report.findings["start"] == report.findings["end"]).height
    assert page.count('<mark class="badge') == points == 7
    carets = report.findings.filter((report.findings["start"] == report.findings["end"])
                                    & (report.findings["start"] > 0)).height
    assert page.count('<mark class="pt') == carets == 3


def test_page_is_self_contained_and_escaped(probe):
    page = html_format.render(probe_report(probe))
    assert "<link" not in page and not re.search(r"\ssrc=", page)
    assert not re.search(r"""(href|src|url)\s*[=(]\s*["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "&lt;talks&gt; &amp; &quot;trust&quot;" in page  # the article's own markup is text
    assert "<talks>" not in page


def test_right_to_left_and_language_attributes(probe):
    page = html_format.render(probe_report(probe))
    p = Marks()
    p.feed(page)
    versions = [a for a in p.attrs_seen if a["tag"] == "section" and "version" in (a.get("class") or "")]
    assert sorted(v["lang"] for v in versions) == ["ar", "en", "he", "zh"]
    lines = [a for a in p.attrs_seen if a.get("class") == "ln"]
    assert lines and all(a.get("dir") == "auto" for a in lines)


def test_filters_offer_each_rule_severity_language_and_file(probe):
    report = probe_report(probe)
    page = html_format.render(report)
    for key, values in (("rule", ["TT901", "TT902"]), ("severity", ["error", "info"]),
                        ("language", ["ar", "en", "he", "zh"])):
        block = page.split(f'id="filter-{key}"')[1].split("</select>")[0]
        assert re.findall(r'<option value="([^"]+)"', block) == values
    files = page.split('id="filter-file"')[1].split("</select>")[0]
    assert len(re.findall(r'<option value="([^"]+)"', files)) == 4


def test_aligned_segments_link_passages_in_both_versions(probe):
    report = probe_report(probe)
    docs = {d["path"]: d for d in report.documents.to_dicts()}
    en = next(p for p in docs if p.endswith("report.en.md"))
    zh = next(p for p in docs if p.endswith("report.zh.md"))
    en_text, zh_text = report.texts[en], report.texts[zh]
    hs, rs = en_text.index("Washington"), zh_text.index("华盛顿")
    he, re_ = en_text.index("dialogue.") + len("dialogue."), zh_text.index("。") + 1
    seg = {"story": "probe-story", "hyp_path": zh, "ref_path": en, "link": "1-1",
           "hyp_start": rs, "hyp_end": re_, "ref_start": hs, "ref_end": he,
           "hyp_line": 3, "ref_line": 3, "hyp_text": zh_text[rs:re_], "ref_text": en_text[hs:he],
           "bleu": 10.0, "chrf": 20.0}
    page = html_format.render(replace(report, segments=frame([seg], SEGMENTS_SCHEMA)))
    p = Marks()
    p.feed(page)
    assert p.segs["s0"] == en_text[hs:he] + zh_text[rs:re_]  # versions in path order
    # findings inside the passage keep their exact highlight
    for i, f in enumerate(report.findings.to_dicts()):
        assert p.by_fid[f"f{i}"] == f["text"]
    empty = replace(report, segments=frame([], SEGMENTS_SCHEMA))
    assert 'data-s="' not in html_format.render(empty)  # no segments: no links


def test_cli_writes_html_file_deterministically(probe, tmp_path):
    out1, out2 = tmp_path / "a.html", tmp_path / "b.html"
    assert run_cli("--format", "html", "--output", str(out1), *probe_args(probe))[0] == 0
    assert run_cli("--format", "html", "--output", str(out2), *probe_args(probe))[0] == 0
    assert out1.read_bytes() == out2.read_bytes()
    assert out1.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_seeds_page_renders_with_scores_and_no_findings(tmp_path):
    code, page = run_cli("--isolated", "--format", "html", str(SEEDS))
    assert code in (0, 1)
    assert page.count('<section class="version"') == 2
    assert "Pair scores" in page and "rewrite" in page
    p = Marks()
    p.feed(page)
    assert len(p.texts) == 2 and all(t.startswith(("Resumption", "News")) for t in p.texts.values())
