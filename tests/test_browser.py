"""The HTML reports in a real browser (headless Chromium): figures render, nothing errors, nothing runs.

Marked ``browser``; skipped with a reason when /usr/bin/chromium or
/usr/bin/chromedriver is missing (``make browser`` installs them as root).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from _reports import XSS_LITERAL, default_build, xss_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="headless Chromium not installed (/usr/bin/chromium, /usr/bin/chromedriver): "
               "apt-get install chromium chromium-driver",
    ),
]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1200,900"):
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def open_report(driver, path: Path) -> list[dict]:
    """Load a report, wait until it is complete; return the browser log entries it produced."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop entries of earlier pages
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return driver.get_log("browser")


def images(driver) -> list[tuple[bool, int]]:
    return [tuple(x) for x in driver.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth]);")]


def severe(log: list[dict]) -> list[str]:
    return [entry["message"] for entry in log if entry["level"] == "SEVERE"]


def test_every_report_renders_its_figures_without_console_errors(driver):
    _, results = default_build()
    assert results
    for r in results:
        log = open_report(driver, r.html)
        imgs = images(driver)
        assert len(imgs) == len(r.figures), f"{r.notebook}: {len(imgs)} <img> for {len(r.figures)} figures"
        broken = [i for i, (complete, width) in enumerate(imgs) if not complete or width == 0]
        assert not broken, f"{r.notebook}: images {broken} did not render"
        assert not severe(log), f"{r.notebook}: console errors {severe(log)}"


def test_speech_text_is_shown_not_run(driver):
    from selenium.common.exceptions import NoAlertPresentException

    reports = xss_build()
    pages = sorted(reports.glob("*.html"))
    # issue 12: 07 (speeches side by side) is about the corpus, not this speech, and does not show its title
    assert [p.stem[:2] for p in pages if p.stem[:2] <= "05"] == ["01", "02", "03", "04", "05"]
    pages = [p for p in pages if not p.stem.startswith("07")]
    for page in pages:
        log = open_report(driver, page)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text
        injected = driver.execute_script(
            "return Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).length"
            " + document.querySelectorAll('img[src=\"x\"], b, i').length;")
        assert injected == 0, f"{page.name}: speech markup became HTML elements"
        text = driver.execute_script("return document.body.innerText;")
        assert "Test <b>speech</b> & <script>alert(3)</script>" in text  # the title, shown literally
        assert not severe(log), f"{page.name}: console errors {severe(log)}"
    # Notebook 02 quotes the longest sentence, which carries the script tag.
    open_report(driver, reports / "02-sentences-and-readability.html")
    # Since issue 9 (item 11) markup pasted into a speech is stripped before counting (MarkupWarning),
    # so the tags are not quoted at all; what must hold is that they never reach the page as markup.
    raw = (reports / "02-sentences-and-readability.html").read_text(encoding="utf-8")
    assert XSS_LITERAL not in raw and "<img src=x onerror=alert(2)>" not in raw
    # Notebooks 03 (modal and KWIC tables) and 04 (sentences quoted with their theme matches) show the
    # sentence too, in tables and quotes: as text, never as markup.
    for name in ("03-modality-and-agency", "04-themes"):
        open_report(driver, reports / f"{name}.html")
        injected = driver.execute_script(
            "return Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).length;")
        assert injected == 0, name
        assert XSS_LITERAL not in (reports / f"{name}.html").read_text(encoding="utf-8"), name


def test_site_every_link_resolves_from_the_index_through_all_reports_and_the_glossary(driver):
    """Issue 14: start at index.html, follow every link (and previous/next through all reports): no broken link
    or anchor, no console error, every image rendered."""
    from urllib.parse import unquote, urlparse

    tmp, results = default_build()
    folder = results[0].html.parent
    start = folder / "index.html"
    assert start.is_file() and (folder / "glossary.html").is_file()
    seen: dict[Path, set[str]] = {}  # page -> ids it has
    anchors: list[tuple[Path, str, Path]] = []  # (target page, fragment, page linking to it)
    queue = [start.resolve()]
    while queue:
        page = queue.pop(0)
        if page in seen:
            continue
        assert page.is_file(), f"broken link to {page}"
        log = open_report(driver, page)
        assert not severe(log), f"{page.name}: console errors {severe(log)}"
        broken = [i for i, (complete, width) in enumerate(images(driver)) if not complete or width == 0]
        assert not broken, f"{page.name}: images {broken} did not render"
        seen[page] = set(driver.execute_script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id);"))
        for href in driver.execute_script("return Array.from(document.links).map(a => a.href);"):
            url = urlparse(href)
            assert url.scheme == "file", f"{page.name}: link to {href} leaves the site"
            target = Path(unquote(url.path)).resolve()
            if url.fragment:
                anchors.append((target, url.fragment, page))
            if target.suffix == ".html" and target not in seen:
                queue.append(target)
    names = {p.name for p in seen}
    assert {r.html.name for r in results} <= names and "glossary.html" in names
    for target, frag, page in anchors:
        # A browser finds the element whose id is the fragment as written, or percent-decoded.
        assert frag in seen[target] or unquote(frag) in seen[target], \
            f"{page.name}: link to {target.name}#{frag}: no such anchor"
    assert any(t.name == "glossary.html" for t, _, p in anchors if p.name.startswith("0")), \
        "no report links a term to the glossary"
    # Previous/next: from the first report, "next" visits every report in order, and "previous" comes back.
    order = []
    page = results[0].html.resolve()
    while page is not None:
        order.append(page.name)
        open_report(driver, page)
        title = driver.title
        assert " \u2014 " in title and not title.startswith("0"), f"{page.name}: tab title {title!r} is not in words"
        nxt = driver.execute_script("var a = document.querySelector('a[rel=next]'); return a ? a.href : null;")
        page = Path(unquote(urlparse(nxt).path)).resolve() if nxt else None
    assert order == [r.html.name for r in results]
    open_report(driver, results[-1].html)
    prev = driver.execute_script("return document.querySelector('a[rel=prev]').href;")
    assert Path(unquote(urlparse(prev).path)).name == results[-2].html.name
