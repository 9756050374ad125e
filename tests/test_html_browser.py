"""The HTML page in a real browser: headless Chromium driven by Playwright.

Checks what only a browser can: the highlighted spans as the DOM holds them, the
filters and sorting, the click panel, right-to-left layout, that the page asks for
nothing over the network; and saves screenshots in ``artifacts/`` (git-ignored).

Needs Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it when
running as root) and the ``playwright`` package (``pip install -e '.[browser]'``);
Playwright's own browser download is never used. Skips, saying which is missing, when
either is absent. ``TQCHECK_CHROMIUM`` names another Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli
from test_formats_support import probe, probe_args, probe_report  # noqa: F401

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    env = os.environ.get("TQCHECK_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[browser]')")
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set TQCHECK_CHROMIUM)")
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=exe, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


def _open(browser, html_path: Path):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html_path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, requests


@pytest.fixture
def probe_page(browser, probe, tmp_path):  # noqa: F811
    out = tmp_path / "report.html"
    assert run_cli("--format", "html", "--output", str(out), *probe_args(probe))[0] == 0
    page, requests = _open(browser, out)
    yield page, requests, probe_report(probe)
    page.close()


def test_highlights_cover_exactly_the_flagged_text(probe_page):
    page, _, report = probe_page
    got = page.evaluate("""() => Array.from(document.querySelectorAll('#findings tbody tr')).map(r => {
        const ms = Array.from(document.querySelectorAll('.text mark[data-f~="' + r.dataset.f + '"]'));
        return [r.dataset.f, ms.map(m => m.textContent).join(''),
                ms.every(m => m.getClientRects().length > 0)];
    })""")
    findings = report.findings.to_dicts()
    assert len(got) == len(findings) == 14
    for fid, text, visible in got:
        f = findings[int(fid[1:])]
        assert text == f["text"], (fid, f)
        assert visible or f["start"] == f["end"] == 0, fid
    # article-level findings are badges at the top of their version
    badges = page.evaluate("() => document.querySelectorAll('.version .badges mark.badge').length")
    assert badges == sum(1 for f in findings if f["start"] == f["end"])
    # the Chinese word after an emoji (two UTF-16 units) is highlighted, not a shifted slice
    zh = page.evaluate("""() => Array.from(document.querySelectorAll('.version[lang=zh] .text mark.hl'))
                          .map(m => m.textContent)""")
    assert zh == ["莫斯科", "莫斯科"]


def test_filters_hide_rows_and_highlights(probe_page):
    page, _, report = probe_page
    findings = report.findings.to_dicts()
    n_info = sum(f["severity"] == "info" for f in findings)
    page.select_option("#filter-severity", "info")
    visible = page.evaluate("() => Array.from(document.querySelectorAll('#findings tbody tr'))"
                            ".filter(r => !r.hidden).map(r => r.dataset.severity)")
    assert visible == ["info"] * n_info
    assert page.inner_text("#shown") == f"{n_info} of {len(findings)} findings shown"
    bg = page.evaluate("""() => Array.from(document.querySelectorAll('.text mark.hl'))
                          .map(m => [m.classList.contains('off'), getComputedStyle(m).backgroundColor])""")
    assert bg and all(off and color == "rgba(0, 0, 0, 0)" for off, color in bg)  # only errors are spans
    page.select_option("#filter-severity", "")
    page.select_option("#filter-language", "ar")
    rows = page.evaluate("() => Array.from(document.querySelectorAll('#findings tbody tr'))"
                         ".filter(r => !r.hidden).map(r => r.dataset.language)")
    assert rows == ["ar"] * sum(f["language"] == "ar" for f in findings)
    page.select_option("#filter-language", "")
    page.select_option("#filter-rule", "TT901")
    page.fill("#filter-q", "莫斯科")
    rows = page.evaluate("() => Array.from(document.querySelectorAll('#findings tbody tr'))"
                         ".filter(r => !r.hidden).map(r => r.cells[7].textContent)")
    assert rows == ["莫斯科", "莫斯科"]
    on = page.evaluate("() => Array.from(document.querySelectorAll('.text mark.hl:not(.off)'))"
                       ".map(m => m.textContent)")
    assert on == ["莫斯科", "莫斯科"]


def test_sorting_and_click_panel(probe_page):
    page, _, report = probe_page
    page.click("#findings th[data-key=severity] button")
    sev = page.evaluate("() => Array.from(document.querySelectorAll('#findings tbody tr'))"
                        ".map(r => r.dataset.severity)")
    assert sev == sorted(sev, key=["info", "warning", "error"].index)
    page.click("#findings th[data-key=severity] button")
    sev2 = page.evaluate("() => Array.from(document.querySelectorAll('#findings tbody tr'))"
                         ".map(r => r.dataset.severity)")
    assert sev2 == sev[::-1] and sev2[0] == "error"
    page.click(".version[lang=ar] .text mark.hl")
    pop = page.inner_text("#pop")
    assert page.is_visible("#pop") and "probe word موسكو" in pop and "«موسكو» → ?" in pop
    page.keyboard.press("Escape")
    assert not page.is_visible("#pop")


def test_right_to_left_paragraphs_and_no_network(probe_page):
    page, requests, _ = probe_page
    dirs = page.evaluate("""() => Object.fromEntries(['ar', 'he', 'en', 'zh'].map(l => [l,
        getComputedStyle(document.querySelector('.version[lang=' + l + '] .text .ln')).direction]))""")
    assert dirs == {"ar": "rtl", "he": "rtl", "en": "ltr", "zh": "ltr"}
    assert requests and all(u.startswith("file://") for u in requests)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_seeds_page_screenshot(browser, tmp_path):
    out = tmp_path / "seeds.html"
    assert run_cli("--isolated", "--format", "html", "--output", str(out), str(SEEDS))[0] in (0, 1)
    page, requests = _open(browser, out)
    try:
        assert page.evaluate("() => document.querySelectorAll('.version').length") == 2
        # whatever the rule set finds on the seeds is highlighted exactly
        from tqcheck.engine import config
        from tqcheck import engine

        report = engine.run([str(SEEDS)], config.Config())
        got = page.evaluate("""() => Array.from(document.querySelectorAll('#findings tbody tr')).map(r =>
            Array.from(document.querySelectorAll('.text mark[data-f~="' + r.dataset.f + '"]'))
                 .map(m => m.textContent).join(''))""")
        assert got == report.findings["text"].to_list()
        assert all(u.startswith("file://") for u in requests)
        ARTIFACTS.mkdir(exist_ok=True)
        page.add_style_tag(content=".text{max-height:none}")  # whole texts in the picture
        page.screenshot(path=str(ARTIFACTS / "seeds.png"), full_page=True)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 1400  # nothing wider than the window
    finally:
        page.close()
