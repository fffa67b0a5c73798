"""Who sees what: the role × own/other unit matrix, anonymous users, and the scope rules."""

import datetime

import pytest
from django.urls import reverse

from areas.models import AdminUnit, Role, UnitLevel
from areas.scope import visible_unit_ids
from tests.factories import AdminUnitFactory, AssignmentFactory, IssuingBodyFactory, UserFactory

ROLES = [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN]


@pytest.fixture
def places(own_unit, other_unit):
    return {
        "own": {"unit": own_unit, "body": IssuingBodyFactory(unit=own_unit)},
        "other": {"unit": other_unit, "body": IssuingBodyFactory(unit=other_unit)},
    }


def _url(name, places, where):
    if name == "areas:unit-detail":
        return reverse(name, args=[places[where]["unit"].pk])
    if name == "areas:body-detail":
        return reverse(name, args=[places[where]["body"].pk])
    return reverse(name)


# (url name, own/other, method) → expected status per role, in ROLES order.
MATRIX = [
    ("home", "own", "get", [200, 200, 200, 200, 200]),
    ("areas:unit-list", "own", "get", [200, 200, 200, 200, 200]),
    ("areas:body-list", "own", "get", [200, 200, 200, 200, 200]),
    ("areas:unit-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("areas:unit-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("areas:body-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("areas:body-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("documents:sample", "own", "get", [403, 403, 403, 403, 200]),
    ("documents:sample-pdf", "own", "get", [403, 403, 403, 403, 404]),
    ("admin:index", "own", "get", [302, 302, 302, 302, 200]),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name,where,method,expected", MATRIX)
def test_permission_matrix(client, places, own_unit, role_index, role, name, where, method,
                           expected):
    user = AssignmentFactory(role=role, unit=own_unit).user
    client.force_login(user)
    response = getattr(client, method)(_url(name, places, where))
    assert response.status_code == expected[role_index]


@pytest.mark.parametrize("name", ["home", "areas:unit-list", "areas:body-list",
                                  "documents:sample", "areas:unit-detail", "areas:body-detail"])
def test_anonymous_users_are_sent_to_login(client, places, name):
    response = client.get(_url(name, places, "own"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_admin_site_sends_anonymous_users_to_its_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_logout_needs_post(client, officer):
    client.force_login(officer)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_a_user_without_role_sees_a_clear_message_and_no_data(client, places):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert "chưa được giao vai trò" in response.content.decode()
    assert client.get(_url("areas:unit-detail", places, "own")).status_code == 404


def test_scope_reaches_units_below_and_the_units_a_merger_replaced(db):
    old_district = AdminUnitFactory(level=UnitLevel.DISTRICT, kind="Huyện", code="231",
                                    valid_to=datetime.date(2025, 6, 30))
    old_commune = AdminUnitFactory(parent=old_district, valid_to=datetime.date(2025, 6, 30))
    new_commune = AdminUnitFactory(valid_from=datetime.date(2025, 7, 1))
    unrelated = AdminUnitFactory()
    old_district.successors.add(new_commune)
    user = AssignmentFactory(role=Role.PLANNER, unit=new_commune).user
    visible = visible_unit_ids(user)
    assert {old_district.pk, old_commune.pk, new_commune.pk} <= visible
    assert unrelated.pk not in visible


def test_a_province_officer_sees_its_communes(province, own_unit, other_unit):
    user = AssignmentFactory(role=Role.FINANCE, unit=province).user
    ids = set(AdminUnit.objects.visible_to(user).values_list("pk", flat=True))
    assert own_unit.pk in ids and other_unit.pk not in ids


def test_a_scope_follows_changes_to_the_unit_tree(province, own_unit):
    """Scopes are read from the closure table: a new unit or succession link is seen at once."""
    user = AssignmentFactory(role=Role.FINANCE, unit=province).user
    assert own_unit.pk in visible_unit_ids(user)
    added = AdminUnitFactory(parent=province)
    predecessor = AdminUnitFactory(valid_to=datetime.date(2025, 6, 30))
    again = type(user).objects.get(pk=user.pk)  # the next request's user object
    assert added.pk in visible_unit_ids(again)
    predecessor.successors.add(province)
    assert predecessor.pk in visible_unit_ids(type(user).objects.get(pk=user.pk))


def test_units_written_in_bulk_are_reached_once_the_table_is_refreshed(province, own_unit):
    from areas.reach import refresh_reach

    user = AssignmentFactory(role=Role.FINANCE, unit=province).user
    AdminUnit.objects.bulk_create([AdminUnit(code="77777", name="Xã Mới", short_name="Mới", kind="Xã",
                                             level=UnitLevel.COMMUNE, parent=province)])
    added = AdminUnit.objects.get(code="77777")
    fresh = type(user).objects.get
    assert added.pk not in visible_unit_ids(fresh(pk=user.pk))  # bulk writes send no signal
    assert refresh_reach() == (2, 0)  # what load_areas and every bulk writer call: (added, removed)
    assert added.pk in visible_unit_ids(fresh(pk=user.pk))
    assert refresh_reach() == (0, 0)
