"""Browser fixtures for the journeys: headless Debian Chromium driven by Selenium (pinned, offline), a desktop
window and a phone emulation (360 x 740), axe-core on every page a journey opens, and screenshots.

The server is started by scripts/web-test on a fresh demo database; its address is COLLECTOD_WEB_URL."""

import json
import os
import re
import time
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

BASE = os.environ.get("COLLECTOD_WEB_URL", "http://127.0.0.1:8080")
SHOTS = os.environ.get("COLLECTOD_WEB_SHOTS", ".build/web-screenshots")
REPORT = os.environ.get("COLLECTOD_WEB_REPORT", ".build/web-report.json")
PASSWORD = "collecto-demo"
MINIMUM_AXE = (4, 9)

# What every journey found, written at the end for scripts/web-test to print.
FINDINGS = {"pages": {}, "screenshots": []}


def make_driver(phone):
    os.environ["SE_OFFLINE"] = "true"
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=fr-FR"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    if phone:
        options.add_experimental_option(
            "mobileEmulation",
            {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0},
             "userAgent": "Mozilla/5.0 (Linux; Android 14) Mobile collectod-test"})
    else:
        options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


class Browser:
    """One person's browser: opens pages, fills forms, checks each page with axe-core and at phone width."""

    def __init__(self, name):
        self.name = name
        self.driver = make_driver(phone=False)

    def close(self):
        self.driver.quit()

    # Navigation
    def open(self, path):
        self.driver.get(BASE + path)
        return self

    @property
    def path(self):
        parsed = urlparse(self.driver.current_url)
        return parsed.path + ("?" + parsed.query if parsed.query else "")

    @property
    def text(self):
        # The page may be replaced while it is read (a form's answer arriving): read the new one.
        for attempt in range(5):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except (StaleElementReferenceException, WebDriverException):
                if attempt == 4:
                    raise
                time.sleep(0.2)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css, value):
        # Chromium sometimes answers "node does not belong to the document" on a field of a page that has just
        # loaded: find the field again and retry, a few times.
        for attempt in range(5):
            try:
                field = self.find(css)
                field.clear()
                field.send_keys(value)
                return field
            except (WebDriverException, StaleElementReferenceException):
                if attempt == 4:
                    raise
                time.sleep(0.2)

    def click(self, css, navigates=True):
        """Clicks, and waits for the next page when the click leads to one (a link, a form's button)."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        # Chromium may refuse a click on a node of a page it is still settling ("does not belong to the document"):
        # the click did not happen, so finding the element again and clicking is safe.
        for attempt in range(5):
            try:
                self.find(css).click()
                break
            except (StaleElementReferenceException, WebDriverException) as error:
                if attempt == 4 or "belong to the document" not in str(error) and not isinstance(error, StaleElementReferenceException):
                    raise
                time.sleep(0.2)
                page = self.driver.find_element(By.TAG_NAME, "html")
        if navigates:
            WebDriverWait(self.driver, 15).until(lambda _: gone(page))
            WebDriverWait(self.driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
        return self

    def log_in(self, email):
        # Chromium now and then refuses a node of the log-in page it is still settling: start the log-in again.
        for attempt in range(3):
            try:
                return self._log_in(email)
            except WebDriverException:
                if attempt == 2:
                    raise
                time.sleep(0.5)

    def _log_in(self, email):
        self.open("/")
        if not self.all("#email"):
            # An earlier attempt's click went through before Chromium complained: the session is open already.
            assert not self.all("form[action='/login']"), self.path
            return self
        self.fill("#email", email)
        self.fill("#password", PASSWORD)
        self.click("form[action='/login'] button[type=submit]")
        assert not self.all("form[action='/login']"), f"{email} is still on the log-in page: {self.path}"
        return self

    # Checks every page gets
    def check(self, label):
        """axe-core on this page (no serious or critical violation), then the same page at phone width without
        sideways scrolling, with screenshots of both."""
        axe = Axe(self.driver)
        axe.inject()
        version = self.driver.execute_script("return axe.version")
        assert tuple(int(part) for part in version.split(".")[:2]) >= MINIMUM_AXE, version
        results = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        FINDINGS["pages"][label] = {
            "path": self.path, "axe": version, "violations": len(results["violations"]),
            "serious_or_critical": [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad],
            "minor": [f"{v['id']} ({v.get('impact')})" for v in results["violations"] if v not in bad],
        }
        assert not bad, f"{label} {self.path}: " + Axe.report(bad)
        self.shoot(label, "desktop")
        self.at_phone_width(label)

    def shoot(self, label, size, driver=None):
        os.makedirs(SHOTS, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", f"{label}-{size}".lower()).strip("-") + ".png"
        (driver or self.driver).save_screenshot(os.path.join(SHOTS, name))
        FINDINGS["screenshots"].append(os.path.join(SHOTS, name))

    def at_phone_width(self, label):
        """The same page, as it stands (a form's answer included), in Chromium's phone emulation: 360 x 740 CSS
        pixels with the page's viewport applied, as a phone lays it out."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
        try:
            WebDriverWait(self.driver, 5).until(lambda d: d.execute_script("return window.innerWidth") <= 400)
            width = self.driver.execute_script("return window.innerWidth")
            scroll = self.driver.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, f"{label} {self.path} scrolls sideways on a phone: {scroll} px in {width}"
            self.shoot(label, "phone")
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def browser():
    opened = []

    def open_browser(name):
        person = Browser(name)
        opened.append(person)
        return person

    yield open_browser
    for person in opened:
        person.close()


def pytest_sessionfinish(session, exitstatus):
    os.makedirs(os.path.dirname(REPORT) or ".", exist_ok=True)
    with open(REPORT, "w") as report:
        json.dump(FINDINGS, report, indent=2, ensure_ascii=False)


def gone(element):
    """Whether the page `element` belonged to was replaced. Chromium says so either as a stale element or as
    "node does not belong to the document"."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "belong to the document" in str(error):
            return True
        raise


def wait_for(condition, seconds=10):
    """Whether `condition` comes true within `seconds`; a page replaced while it is read counts as not yet."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except (StaleElementReferenceException, WebDriverException):
            pass
        time.sleep(0.1)
    return False
