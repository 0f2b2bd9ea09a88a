"""Headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, against pytest-django's live server.

Outside CI the browser tests skip when Chromium is not installed; in CI (CI=true) they never skip.
"""

import os
from pathlib import Path

import pytest

from tests.services import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists() and not IN_CI:
        pytest.skip("needs Chromium: apt-get install chromium (CI always has it)")
    # Playwright's synchronous API runs an event loop in this thread; the test's own database calls are still
    # synchronous, so Django's guard against ORM calls from async code does not apply.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, seeded):
    context = chromium.new_context(base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
