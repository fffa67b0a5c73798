"""Every state change needs the CSRF token: a POST without it is refused with 403 everywhere."""

from django.test import Client

from areas.models import Role
from tests.security.routes import all_routes


def _post_without_token(client, worlds):
    return {str(route): client.post(route.url(worlds["own"].base)).status_code
            for route in all_routes()}


def test_every_route_refuses_a_post_without_csrf_token_for_a_signed_in_user(worlds):
    client = Client(enforce_csrf_checks=True)
    client.force_login(worlds["own"].users[Role.ADMIN])
    answers = _post_without_token(client, worlds)
    assert {route: status for route, status in answers.items() if status != 403} == {}


def test_every_route_refuses_a_post_without_csrf_token_for_a_stranger(worlds):
    answers = _post_without_token(Client(enforce_csrf_checks=True), worlds)
    assert {route: status for route, status in answers.items() if status != 403} == {}


def test_a_post_with_the_token_passes_the_check(worlds):
    client = Client(enforce_csrf_checks=True)
    client.force_login(worlds["own"].users[Role.PLANNER])
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post("/dang-xuat/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_htmx_requests_carry_the_token_from_the_page(client, worlds):
    client.force_login(worlds["own"].users[Role.PLANNER])
    page = client.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
