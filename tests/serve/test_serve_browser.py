"""The editors' web page in headless Chromium (Debian's `chromium` driven by Selenium):
paste the seed article, get the English brief and the repair diff, save a screenshot."""

from __future__ import annotations

import shutil

import httpx
import pytest
from serve_helpers import running_server, write_config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.mark.slow
def test_page_shows_brief_and_repair_diff(tiny_marian, tmp_path, seed_text):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.skip("no chromium/chromedriver here (.ci/run installs Debian's packages)")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    config = write_config(tmp_path / "toolkit.toml", {"en-es": tiny_marian})
    with running_server(config) as (url, _):
        browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
        try:
            browser.get(url + "/")
            area = browser.find_element(By.ID, "article")
            # paste: set the value as a paste would, not keystroke by keystroke
            browser.execute_script("arguments[0].value = arguments[1];", area, seed_text)
            languages = browser.find_element(By.ID, "langs")
            languages.clear()
            languages.send_keys("en,es")
            browser.find_element(By.ID, "run").click()
            WebDriverWait(browser, 120).until(
                expected_conditions.text_to_be_present_in_element((By.ID, "status"), "done")
            )
            language = browser.find_element(By.ID, "language").text
            brief = browser.find_element(By.CSS_SELECTOR, '.brief[data-lang="en"] .brief-text').text
            spanish = browser.find_element(By.CSS_SELECTOR, '.brief[data-lang="es"]').text
            deleted = len(browser.find_elements(By.CSS_SELECTOR, "#repaired del"))
            changes = browser.find_element(By.ID, "changes").text
            browser.save_screenshot(str(tmp_path / "serve_page.png"))
        finally:
            browser.quit()
        repaired = httpx.post(url + "/v1/repair", json={"text": seed_text}, timeout=60).json()
    assert language.startswith("Language: en")
    assert "Taliban" in brief
    assert "Copy" in spanish  # side by side, each with its own buttons
    assert deleted >= 1, "the repair diff shows no edit"
    assert "flag (second_person)" in changes
    for edit in repaired["edits"]:  # every edit listed with what its rule does
        assert f'edit ({edit["rule"]}): "{edit["before"]}"' in changes and edit["why"] in changes
    assert (tmp_path / "serve_page.png").stat().st_size > 10_000
