"""Every route of the project, found by walking the URL resolver: who gets what.

The routes are not listed by hand: a route added tomorrow is walked tomorrow. Each route's
``<int:…>`` converters are filled with the id that every model's first object of the own
(or other) commune has (see ``world.py``); string converters get a valid sample value.
"""

import pytest
from django.urls import reverse

from areas.models import Role
from tests.factories import UserFactory
from tests.security.reading import visible_text
from tests.security.routes import PUBLIC, all_routes, unfillable

ROUTES = all_routes()
REFUSED = {403, 404, 405}


def _answers(client, route, object_id):
    url = route.url(object_id)
    if route.name == "logout":  # a POST there ends the session the walk goes on with
        return {"GET": client.get(url)}
    return {"GET": client.get(url), "POST": client.post(url)}


def test_the_walk_reaches_every_app_and_fills_every_route(capsys):
    apps = {route.name.split(":")[0] for route in ROUTES if ":" in route.name}
    assert {"areas", "plans", "budgets", "households", "dialogues", "documents"} <= apps
    skipped = unfillable(ROUTES)
    print("routes skipped (converter cannot be filled):", [str(r) for r in skipped] or "none")
    assert not skipped


def test_anonymous_users_are_sent_to_login_from_every_route(client, worlds):
    failures = []
    for route in ROUTES:
        if route.name in PUBLIC:
            continue
        for method, response in _answers(client, route, worlds["own"].base).items():
            login = reverse("admin:login") if route.name == "admin:index" else reverse("login")
            if response.status_code != 302 or not response["Location"].startswith(login):
                failures.append(f"{method} {route}: {response.status_code}")
    assert not failures


def test_a_user_without_role_never_gets_data(client, worlds):
    client.force_login(UserFactory())
    failures = []
    for route in ROUTES:
        for method, response in _answers(client, route, worlds["own"].base).items():
            failures += _leaks(route, method, response, worlds.values(), refuse_ids=True)
    assert not failures


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_users_of_another_commune_never_reach_this_communes_data(client, worlds, role):
    client.force_login(worlds["other"].users[role])
    failures = []
    for route in ROUTES:
        for method, response in _answers(client, route, worlds["own"].base).items():
            failures += _leaks(route, method, response, [worlds["own"]], refuse_ids=True)
    assert not failures


@pytest.mark.parametrize("role", list(Role))
def test_no_route_answers_500_to_a_bare_post_of_any_role(client, worlds, role):
    """GETs of every route by every role are walked with hostile data in test_escaping.py."""
    client.raise_request_exception = False
    client.force_login(worlds["own"].users[role])
    failures = [str(route) for route in ROUTES if route.name != "logout"
                and client.post(route.url(worlds["own"].base)).status_code >= 500]
    assert not failures


def _leaks(route, method, response, worlds, *, refuse_ids):
    """Why this answer shows data it should not (empty when it is fine)."""
    status = response.status_code
    if refuse_ids and route.has_ids and status not in REFUSED:
        return [f"{method} {route}: {status}, expected one of {sorted(REFUSED)}"]
    if status != 200:
        return []
    text = visible_text(response)
    return [f"{method} {route}: shows {world.marker}" for world in worlds if world.marker in text]
