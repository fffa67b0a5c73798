"""A leader rolls up their own units only; anything else is refused in Vietnamese, nothing shown."""

import pytest
from django.urls import reverse

from areas.models import Role
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def page(client_as, user, *ids, name="rollup:page"):
    return client_as(user).get(reverse(name), {"nam": 2026, "don-vi": [str(i) for i in ids]})


def test_a_commune_of_another_province_is_refused_by_name(client_as, province_world, today):
    response = page(client_as, province_world["leader"], province_world["other"].pk)
    text = response.content.decode()
    assert response.status_code == 403
    assert "Xã Sa Loong, Tỉnh Quảng Ngãi" in text and "ngoài phạm vi" in text
    assert "Bạn chỉ chọn được Tỉnh Lào Cai và các đơn vị trực thuộc" in text
    assert "data-testid=\"figures\"" not in text


@pytest.mark.parametrize("ids", [["abc"], ["999999"], ["1e3"], ["-5"]])
def test_broken_unit_ids_are_refused_not_crashed(client_as, province_world, today, ids):
    response = page(client_as, province_world["leader"], *ids)
    assert response.status_code == 403 and "data-testid=\"refused\"" in response.content.decode()


def test_one_unit_outside_among_allowed_ones_refuses_the_whole_request(client_as, province_world, today):
    ids = [*(c.pk for c in province_world["communes"]), province_world["other"].pk]
    assert page(client_as, province_world["leader"], *ids).status_code == 403


@pytest.mark.parametrize("name", ["rollup:rollup-pdf", "rollup:rollup-docx", "rollup:rollup-xlsx"])
def test_downloads_outside_the_scope_are_refused(client_as, province_world, today, name):
    response = page(client_as, province_world["leader"], province_world["other"].pk, name=name)
    assert response.status_code == 403 and response.get("Content-Type", "").startswith("text/html")


def test_too_many_units_at_once_are_refused(client_as, province_world, today):
    assert page(client_as, province_world["leader"], *range(1, 600)).status_code == 403


@pytest.mark.parametrize("role", [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE])
def test_only_leaders_roll_up(client_as, province_world, today, role):
    user = AssignmentFactory(role=role, unit=province_world["province"]).user
    assert page(client_as, user).status_code == 403


def test_a_commune_leader_rolls_up_their_commune(client_as, province_world, today):
    commune = province_world["communes"][0]
    user = AssignmentFactory(role=Role.LEADER, unit=commune).user
    response = page(client_as, user)
    assert response.status_code == 200
    assert response.context["r"].planned == 3
    assert page(client_as, user, province_world["province"].pk).status_code == 403


def test_the_page_offers_the_units_below_and_a_year_without_data_is_empty(client_as, province_world, today):
    response = client_as(province_world["leader"]).get(reverse("rollup:page"), {"nam": "2019"})
    assert response.status_code == 200  # a year outside 2021–2035 falls back to this year
    names = [u.name for u in response.context["choices"]]
    assert names[:1] == ["Tỉnh Lào Cai"] and "Xã Bản Lầu" in names and "Xã Sa Loong" not in names
