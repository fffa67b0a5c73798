"""Who sees and does what: the permission matrix, and every page renders for the roles that reach it."""

import pytest
from django.urls import reverse

from areas.models import Role
from tests.dialogues.factories import AttendeeFactory, PetitionFactory
from tests.factories import AssignmentFactory

ROLES = [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN]


@pytest.fixture
def places(session, other_session):
    return {"own": session, "other": other_session}


def _url(name, places, where):
    session = places[where]
    if name == "dialogues:session-sheet":
        return reverse(name, args=[session.pk, "danh-sach-ky", "pdf"])
    if name == "dialogues:payment-sheet":
        return reverse("dialogues:session-sheet", args=[session.pk, "chi-tra", "pdf"])
    if name == "dialogues:petition-detail":
        return reverse(name, args=[PetitionFactory(session=session).pk])
    if name == "dialogues:priorities":
        return reverse(name, args=[session.commune_id])
    if name in ("dialogues:session-list", "dialogues:petition-list", "dialogues:priorities-index"):
        return reverse(name)
    return reverse(name, args=[session.pk])


# (url name, own/other, method) → expected status per role, in ROLES order.
MATRIX = [
    ("dialogues:session-list", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:petition-list", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:session-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:session-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("dialogues:register", "own", "get", [200, 200, 403, 403, 403]),
    ("dialogues:register", "other", "get", [404, 404, 404, 404, 403]),
    ("dialogues:register-fill", "own", "post", [200, 200, 403, 403, 403]),
    ("dialogues:register-fill", "other", "post", [404, 404, 404, 404, 403]),
    ("dialogues:checkin", "own", "get", [200, 200, 403, 403, 403]),
    ("dialogues:checkin-tap", "other", "post", [404, 404, 404, 404, 403]),
    ("dialogues:session-edit", "own", "get", [200, 200, 403, 403, 403]),
    ("dialogues:petition-create", "own", "get", [200, 200, 403, 403, 403]),
    ("dialogues:petition-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:petition-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("dialogues:session-sheet", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:payment-sheet", "own", "get", [200, 200, 200, 200, 200]),
    ("dialogues:payment-sheet", "other", "get", [404, 404, 404, 404, 200]),
    ("dialogues:invitations", "own", "get", [200, 200, 403, 200, 403]),
    ("dialogues:priorities-index", "own", "get", [302, 403, 403, 403, 403]),
    ("dialogues:priorities", "own", "get", [200, 403, 403, 403, 403]),
    ("dialogues:priorities", "other", "get", [404, 404, 404, 404, 403]),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name,where,method,expected", MATRIX)
def test_permission_matrix(client, places, own_unit, role_index, role, name, where, method, expected):
    AttendeeFactory(session=places[where])
    user = AssignmentFactory(role=role, unit=own_unit).user
    client.force_login(user)
    response = getattr(client, method)(_url(name, places, where), {"consent": "on"} if method == "post" else None)
    assert response.status_code == expected[role_index]


def test_finance_sign_in_sheet_has_no_ethnicity_column_values(client_as, finance, session):
    from households.models import EthnicGroup

    AttendeeFactory(session=session, ethnic_group=EthnicGroup.objects.get(code="27"))
    page = client_as(finance).get(session.get_absolute_url()).content.decode()
    assert "Xơ" not in page and "Giấy mời" not in page
