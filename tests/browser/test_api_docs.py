"""The API's interactive documentation (Swagger UI) in Chromium: made from the site's own files
and schema under its Content-Security-Policy, and „Try it out“ asks the site itself."""

import pytest
from playwright.sync_api import expect

from projects.factories import TopicFactory

from .helpers import RECORD_VIOLATIONS, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_swagger_ui_shows_every_endpoint_and_tries_one_on_this_site(site_tree, new_page):
    TopicFactory(name="Bürgerservice")
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/daten/api/interaktiv/")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/projects/", "/api/v1/cities/", "/api/v1/events/", "/api/v1/removed/"} <= {
        p.replace("\u200b", "") for p in paths
    }
    topics = page.locator("#operations-topics-topics_list")
    topics.locator(".opblock-summary").click()
    topics.get_by_role("button", name="Try it out").click()
    topics.get_by_role("button", name="Execute").click()
    expect(topics.locator(".response .response-col_status").first).to_have_text("200")
    expect(topics.locator(".responses-wrapper")).to_contain_text("buergerservice")
    assert page.evaluate("window.__cspViolations") == []
    # Requests to other hosts (a validator badge, fonts) fail the test in new_page's teardown.


def test_swagger_ui_page_has_no_serious_accessibility_violation(site_tree, new_page):
    page = new_page()
    page.goto("/daten/api/interaktiv/")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert axe_violations(page) == []
