"""Each role's pages in a real browser: the Content-Security-Policy blocks nothing they use."""

import pytest
from django.test import Client

from areas.models import Role
from tests.security.routes import all_routes
from tests.security.world import OWN_BASE, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


def _html_pages(client, base):
    """The pages (not downloads) this signed-in user opens with a 200."""
    pages = []
    for route in all_routes():
        url = route.url(base)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


@pytest.mark.parametrize("role", list(Role))
def test_no_page_of_the_role_violates_the_content_security_policy(browser, live_server, role):
    world = build_world(OWN_BASE, "Mocrieng", "Phú Thọ")
    client = Client()
    client.force_login(world.users[role])
    pages = _html_pages(client, world.base)
    assert len(pages) >= 10
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations = {}
    try:
        for url in pages:
            page.goto(live_server.url + url, wait_until="load")
            found = page.evaluate("window.__csp")
            if found:
                violations[url] = found
    finally:
        context.close()
    assert violations == {} and console == []
