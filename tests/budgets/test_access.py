"""Who sees and does what with budgets: the role × own/other/district matrix."""

import pytest
from django.urls import reverse

from areas.models import Role, UnitLevel
from tests.budgets.factories import (
    AllocationDecisionFactory,
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
)
from tests.factories import AdminUnitFactory, AssignmentFactory

ROLES = [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN]
LINE = {"content": "Nước uống", "unit_of_measure": "người", "quantity": "60", "days": "1",
        "unit_price": "40.000", "funding_source": "", "note": ""}


@pytest.fixture
def places(own_unit, other_unit, province):
    # The former district that the commune replaced in 2025: visible to the commune's staff.
    district = AdminUnitFactory(level=UnitLevel.DISTRICT, kind="Huyện", short_name="Hạ Hoà cũ",
                                parent=province)
    district.successors.add(own_unit)
    out = {}
    for key, unit in (("own", own_unit), ("other", other_unit), ("district", district)):
        line = EstimateLineFactory(group=EstimateGroupFactory(estimate=EstimateFactory(unit=unit)))
        out[key] = {"estimate": line.estimate, "group": line.group, "line": line,
                    "decision": AllocationDecisionFactory(unit=unit)}
    return out


def _url(name, places, where):
    place = places[where]
    if name in ("budgets:estimate-detail", "budgets:estimate-xlsx", "budgets:estimate-edit",
                "budgets:estimate-import"):
        return reverse(name, args=[place["estimate"].pk])
    if name == "budgets:line-add":
        return reverse(name, args=[place["group"].pk])
    if name in ("budgets:line-edit", "budgets:line-disbursements"):
        return reverse(name, args=[place["line"].pk])
    if name in ("budgets:decision-detail", "budgets:decision-edit"):
        return reverse(name, args=[place["decision"].pk])
    return reverse(name)


# (url name, place, method) → expected status per role, in ROLES order.
MATRIX = [
    ("budgets:overview", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:estimate-list", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:norm-list", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:estimate-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:estimate-detail", "district", "get", [200, 200, 200, 200, 200]),
    ("budgets:estimate-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("budgets:estimate-xlsx", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:estimate-xlsx", "other", "get", [404, 404, 404, 404, 200]),
    ("budgets:estimate-create", "own", "get", [200, 200, 200, 403, 403]),
    ("budgets:estimate-edit", "own", "get", [200, 200, 200, 403, 403]),
    ("budgets:estimate-edit", "district", "get", [200, 403, 200, 403, 403]),
    ("budgets:estimate-import", "district", "get", [200, 403, 200, 403, 403]),
    ("budgets:line-add", "own", "post", [302, 302, 302, 403, 403]),
    ("budgets:line-add", "district", "post", [302, 403, 302, 403, 403]),
    ("budgets:line-add", "other", "post", [404, 404, 404, 404, 403]),
    ("budgets:line-edit", "other", "get", [404, 404, 404, 404, 403]),
    ("budgets:line-disbursements", "own", "post", [403, 403, 302, 403, 403]),
    ("budgets:decision-list", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:decision-create", "own", "get", [403, 403, 200, 403, 403]),
    ("budgets:decision-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("budgets:decision-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("budgets:decision-edit", "own", "get", [403, 403, 200, 403, 403]),
    ("budgets:decision-edit", "own", "post", [403, 403, 302, 403, 403]),
    ("budgets:decision-edit", "other", "get", [404, 404, 404, 404, 403]),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name,where,method,expected", MATRIX)
def test_permission_matrix(client, places, own_unit, role_index, role, name, where, method, expected):
    user = AssignmentFactory(role=role, unit=own_unit).user
    client.force_login(user)
    data = {}
    if name == "budgets:line-add":
        data = LINE | {"funding_source": places[where]["line"].funding_source_id}
    if name == "budgets:decision-edit":
        data = {"number": "2001/QĐ-UBND", "date": "2023-05-15", "issuer": "UBND huyện", "title": ""}
    if name == "budgets:line-disbursements":
        data = {"date": "2023-06-20", "voucher_number": "PC-01", "amount": "1.000.000"}
    response = getattr(client, method)(_url(name, places, where), data)
    assert response.status_code == expected[role_index]


def test_anonymous_users_are_sent_to_login(client, places):
    response = client.get(_url("budgets:estimate-detail", places, "own"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
