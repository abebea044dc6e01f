import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run 'make browser' (apt-get install chromium)"
        )
    # Playwright's sync API keeps an event loop in the test thread for the whole session; the ORM
    # calls the tests make between browser steps are still synchronous, which Django would
    # otherwise refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def new_page(browser, live_server):
    """A fresh German-speaking browser tab; fails the test on any request off this machine."""
    contexts = []
    foreign = []

    def make(**options):
        """`options` go to Playwright's `new_context` (`viewport`, `java_script_enabled` …)."""
        context = browser.new_context(locale="de-DE", base_url=live_server.url, **options)
        context.on(
            "request",
            lambda request: (
                foreign.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:"))
                else None
            ),
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for context in contexts:
        context.close()
    assert foreign == [], f"pages requested third-party resources: {foreign}"
