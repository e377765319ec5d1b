"""The site in a real headless Chromium (Debian's chromium + chromium-driver).

Starts ``datasette serve`` in a subprocess on a test database, then drives
Chromium with Selenium. Skips (with the reason) only when Chromium, its driver
or Selenium are missing; ``make test`` installs them (target ``browser``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from ..helpers import METADATA, ROOT, build_site_db

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
DOCS_SCREENSHOT = ROOT / "docs" / "screenshot-quote.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (apt-get install chromium, or `make browser`)"
    if not Path(CHROMEDRIVER).exists():
        return "chromedriver is not installed (apt-get install chromium-driver, or `make browser`)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("browser")
    db_path = folder / "quotes.db"
    expected = build_site_db(db_path)
    port = _free_port()
    log = open(folder / "datasette.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db_path), "-h", "127.0.0.1", "-p", str(port),
         "--metadata", str(METADATA)],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"datasette did not start:\n{log.read()}")
                time.sleep(0.3)
        with urllib.request.urlopen(base + "/-/plugins.json", timeout=5) as response:
            plugins = [p["name"] for p in json.load(response)]
        assert any("quotetrack" in name for name in plugins), (
            f"the quotetrack plugin is not registered ({plugins}): pip install -e . so its entry point exists")
        yield base, expected
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="qt-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 "--window-size=1200,1400", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _text(element) -> str:
    return element.get_attribute("textContent")


def test_quote_page_highlights_exactly_the_quote(server, browser):
    from selenium.webdriver.common.by import By

    base, ex = server
    browser.get(f"{base}/-/quote/{ex['close']}")
    mark = browser.find_element(By.CSS_SELECTOR, "mark.qt-quote#qt-quote")
    assert _text(mark) == ex["close_text"]
    assert mark.is_displayed()
    # highlighted, visibly: the mark has a background colour
    assert mark.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert _text(browser.find_element(By.CSS_SELECTOR, ".qt-text mark.qt-speaker")) == "Ryabkov"
    assert _text(browser.find_element(By.CSS_SELECTOR, ".qt-text mark.qt-cue")) == "added"
    # the page's own script ran without errors
    assert browser.execute_script("return document.querySelectorAll('script[src*=quotetrack]').length") == 1


def test_speaker_to_quote_to_source(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    base, ex = server
    browser.get(f"{base}/-/speaker/{ex['speaker']}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sergei Ryabkov"
    link = browser.find_element(By.CSS_SELECTOR, f'a.qt-quote-link[href="/-/quote/{ex["past"]}"]')
    link.click()
    WebDriverWait(browser, 20).until(EC.url_contains(f"/-/quote/{ex['past']}"))
    assert _text(browser.find_element(By.ID, "qt-quote")) == ex["past_text"]
    assert _text(browser.find_element(By.CSS_SELECTOR, ".qt-text mark.qt-via")) == "the Interfax news agency"
    browser.find_element(By.ID, "qt-in-article").click()
    WebDriverWait(browser, 20).until(EC.url_contains(f"/-/article/{ex['aj_article']}"))
    target = browser.find_element(By.ID, ex["past"])
    assert target.tag_name == "a"
    assert _text(target) == ex["past_text"]
    assert browser.execute_script("return location.hash") == f"#{ex['past']}"
    # the other quote of the article is highlighted and linked too
    assert _text(browser.find_element(By.ID, ex["close"])) == ex["close_text"]


def test_copy_citation_button(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, ex = server
    browser.get(f"{base}/-/quote/{ex['close']}")
    try:  # let the page use the clipboard, so the copied text can be read back
        browser.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    except Exception:
        pass
    citation = _text(browser.find_element(By.ID, "qt-citation"))
    assert ex["close_text"] in citation and ex["close"] in citation
    assert f"{base}/-/quote/{ex['close']}" in citation
    browser.find_element(By.ID, "qt-copy").click()
    status = browser.find_element(By.ID, "qt-copy-status")
    WebDriverWait(browser, 10).until(lambda d: status.text.strip())
    assert status.text == "Citation copied."
    copied = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e));")
    if not copied.startswith("ERROR"):
        assert copied == citation


def test_screenshot_of_the_quote_page(server, browser):
    from selenium.webdriver.common.by import By

    base, ex = server
    browser.set_window_size(1200, 1700)
    browser.get(f"{base}/-/quote/{ex['close']}")
    browser.find_element(By.ID, "qt-quote")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "quote-page.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    # the README's copy: written when missing or asked for, so test runs leave the tree clean
    if not DOCS_SCREENSHOT.exists() or os.environ.get("QUOTETRACK_UPDATE_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)


def test_the_utterance_page_picture_is_visible_and_nothing_overflows_at_400_px(server, browser):
    from selenium.webdriver.common.by import By

    base, ex = server
    try:
        browser.set_window_size(400, 1200)
        for path in (f"/-/utterance/{ex['utterance']}", f"/-/quote/{ex['close']}", "/quotes/quotes", "/quotes",
                     "/quotes/utterance_trail"):
            browser.get(base + path)
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            wide = browser.execute_script(
                "var w = document.documentElement.clientWidth, out = [];"
                "document.querySelectorAll('body *').forEach(e => { var r = e.getBoundingClientRect();"
                " if (r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); });"
                "return out.slice(0, 8);")
            assert overflow <= 0, (path, overflow, wide)
        browser.get(f"{base}/-/utterance/{ex['utterance']}")
        svg = browser.find_element(By.CSS_SELECTOR, "svg.qt-trail-svg")
        assert svg.is_displayed() and 300 <= svg.size["width"] <= 400 and svg.size["height"] > 100
        assert len(browser.find_elements(By.CSS_SELECTOR, "svg.qt-trail-svg .qt-node")) == 3
    finally:
        browser.set_window_size(1200, 1400)


def test_search_from_the_home_page(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    base, ex = server
    browser.set_window_size(1200, 1400)
    browser.get(base + "/")
    box = browser.find_element(By.ID, "qt-search-q")
    assert box.is_displayed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "home-page.png"))
    box.send_keys("markup OR Interfax-news")
    box.submit()
    WebDriverWait(browser, 20).until(EC.url_contains("/-/search?q="))
    hits = browser.find_elements(By.CSS_SELECTOR, ".qt-quote-list mark.qt-hit")
    assert "markup" in [_text(h) for h in hits]
    # the article's markup is text, marked where it matched, never markup
    link = browser.find_element(By.CSS_SELECTOR, f'a.qt-quote-link[href="/-/quote/{ex["script"]}"]')
    assert _text(link) == f"“{ex['script_text']}”"
    assert browser.execute_script("return document.querySelectorAll('.qt-quote-list b').length") == 0
    mark = hits[0]
    assert mark.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    # the quote that came through Interfax, found by the outlet's other name
    assert browser.find_element(By.CSS_SELECTOR, f'a.qt-quote-link[href="/-/quote/{ex["past"]}"]')
    assert [_text(a) for a in browser.find_elements(By.CSS_SELECTOR, ".qt-found-entities a")] == ["Interfax"]
    shot = ARTIFACTS / "search-page.png"
    assert browser.save_screenshot(str(shot))
    link.click()
    WebDriverWait(browser, 20).until(EC.url_contains(f"/-/quote/{ex['script']}"))
    assert _text(browser.find_element(By.ID, "qt-quote")) == ex["script_text"]
    browser.set_window_size(400, 1200)
    try:
        browser.get(f"{base}/-/search?q=Ryabkov")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert browser.find_element(By.ID, "qt-search-q").get_attribute("value") == "Ryabkov"
    finally:
        browser.set_window_size(1200, 1400)
