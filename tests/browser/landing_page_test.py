#!/usr/bin/env python3
"""Drives the built-in landing page in headless Chromium: sends the test payload and checks the replies.

Usage: landing_page_test.py <base URL, e.g. http://127.0.0.1:7860> <screenshot.png>

The server must run cohook-quickstart (one webhook, /webhooks/trigger_training) with
WEBHOOK_SECRET=s3cret. Every wait is bounded (WebDriverWait, 10 s); nothing sleeps.
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

TITLE = "This is an app to process 🤗 Webhooks"
ROUTE = "/webhooks/trigger_training"
SECRET = "s3cret"
WAIT_SECONDS = 10


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1280,900", "--force-prefers-reduced-motion"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(15)
    driver.set_script_timeout(15)
    return driver


def result_status(driver):
    """The status line of the first form's result region, or "" while it is empty."""
    lines = driver.find_elements(By.CSS_SELECTOR, "#result-1 .status")
    return lines[0].text if lines else ""


def send(driver, secret):
    """Types `secret`, clicks Send and waits for a final reply (not "Sending…"); returns (status, body)."""
    field = driver.find_element(By.ID, "secret-1")
    field.clear()
    field.send_keys(secret)
    previous = driver.find_element(By.ID, "result-1").get_attribute("textContent")
    driver.find_element(By.CSS_SELECTOR, "form.send button[type=submit]").click()

    def replied(d):
        region = d.find_element(By.ID, "result-1")
        outcome = region.get_attribute("data-outcome")
        text = region.get_attribute("textContent")
        return outcome in ("ok", "error") and text != previous

    WebDriverWait(driver, WAIT_SECONDS).until(replied, "no reply shown in #result-1")
    bodies = driver.find_elements(By.CSS_SELECTOR, "#result-1 pre")
    return result_status(driver), bodies[0].text if bodies else ""


def check_page(driver, base_url):
    driver.get(base_url + "/")
    WebDriverWait(driver, WAIT_SECONDS).until(ec.title_is(TITLE))
    h1 = driver.find_element(By.TAG_NAME, "h1").text
    assert h1 == TITLE, f"h1 is {h1!r}"
    urls = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".endpoint .url code")]
    assert urls == [base_url + ROUTE], f"endpoint URLs are {urls!r}"
    assert "1 webhook(s) are registered:" in driver.find_element(By.TAG_NAME, "main").text

    # The form is visible, every field is labelled, and the payload is the Hub sample as JSON.
    textarea = driver.find_element(By.ID, "payload-1")
    assert textarea.is_displayed(), "the first test form is not open"
    payload = json.loads(textarea.get_attribute("value"))
    assert payload["event"] == {"action": "create", "scope": "discussion"}, payload["event"]
    unlabelled = driver.execute_script(
        "return [...document.querySelectorAll('input, textarea')].filter(e => e.labels.length === 0)"
        ".map(e => e.id);")
    assert unlabelled == [], f"fields without a label: {unlabelled}"
    secrets = driver.find_elements(By.ID, "secret-1")
    assert secrets, "no secret field, though the server has a secret: is LandingPageInfo::secret_required set?"
    assert secrets[0].get_attribute("type") == "password"
    region = driver.find_element(By.ID, "result-1")
    assert region.get_attribute("aria-live") == "polite"
    deliveries = driver.find_element(By.ID, "deliveries").text
    assert "Recent deliveries appear here." in deliveries, deliveries


def check_sending(driver):
    status, body = send(driver, SECRET)
    assert status.startswith("200"), f"right secret: status {status!r}, body {body!r}"
    assert body == "null", f"right secret: body {body!r}"

    status, body = send(driver, "wrong")
    assert status.startswith("403"), f"wrong secret: status {status!r}, body {body!r}"
    assert json.loads(body) == {"error": "Invalid webhook secret."}, body
    check_deliveries(driver)


def check_deliveries(driver):
    """The two sends above show up in the recent-deliveries table, newest first, once the secret is given."""
    driver.find_element(By.ID, "deliveries-secret").send_keys(SECRET)
    driver.find_element(By.CSS_SELECTOR, "form.deliveries button[type=submit]").click()
    rows_locator = (By.CSS_SELECTOR, "#deliveries-result tbody tr")
    WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(*rows_locator)) >= 2)
    rows = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in driver.find_elements(*rows_locator)]
    assert rows[0][2] == "403" and rows[0][6] == "rejected", rows
    assert rows[1][2] == "200" and rows[1][6] == "ok", rows


def check_narrow_screen(driver, screenshot):
    """At phone width (a mobile viewport, so the viewport meta applies) nothing scrolls sideways."""
    emulate(driver, 390, 844, mobile=True)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 390px wide"
    save_full_page(driver, 390, screenshot.removesuffix(".png") + "-narrow.png", mobile=True)


def emulate(driver, width, height, mobile=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def save_full_page(driver, width, path, mobile=False):
    """A screenshot of the whole page from its top: the viewport is made as tall as the document."""
    emulate(driver, width, 800, mobile)
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    emulate(driver, width, min(height, 4000), mobile)
    driver.execute_script("window.scrollTo(0, 0);")
    if not driver.save_screenshot(path):
        raise RuntimeError(f"could not save {path}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base_url, screenshot = sys.argv[1].rstrip("/"), sys.argv[2]
    driver = make_driver()
    try:
        try:
            check_page(driver, base_url)
            check_sending(driver)
        finally:
            # Also on failure: the picture usually says what went wrong.
            save_full_page(driver, 1280, screenshot)
        check_narrow_screen(driver, screenshot)
    finally:
        driver.quit()
    print(f"landing page OK; screenshot: {screenshot}")


if __name__ == "__main__":
    main()
