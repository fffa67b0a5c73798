"""Real-browser journeys: Playwright driving Debian's Chromium (E2E=1 turns them on)."""

import os

import pytest

E2E = os.environ.get("E2E") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(config, items):
    if E2E:
        return
    skip = pytest.mark.skip(reason="browser tests run with E2E=1 (make test in CI turns them on)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # happen in its own thread, but the test's own ORM calls need this flag.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# The reference data that migrations load (each idempotent): a browser test's closing flush
# (transactional tests) removes it for the tests that run after it.
REFERENCE_DATA = ["budgets.migrations.0002_load_catalog", "households.migrations.0002_ethnic_groups",
                  "households.migrations.0003_poverty_standards",
                  "households.migrations.0016_poverty_standard_wording_and_indicator_checks",
                  "budgets.migrations.0010_merged_programme_2026_2035",
                  "plans.migrations.0010_current_period_bases"]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    import importlib

    from django.apps import apps

    for module in REFERENCE_DATA:
        importlib.import_module(module).load(apps, None)
