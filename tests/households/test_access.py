"""Who sees what in the registry: the permission matrix, masking, reveal and export in the audit log."""

import io

import openpyxl
import pytest
from django.urls import reverse

from areas.models import Role
from audit.models import Action, AuditEntry
from tests.factories import AssignmentFactory
from tests.households.factories import ClassificationFactory

ROLES = [Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE, Role.LEADER, Role.ADMIN]


@pytest.fixture
def places(own_household, other_household):
    return {"own": own_household, "other": other_household}


def _url(name, places, where):
    if name in ("households:household-detail", "households:household-reveal-id", "households:household-edit",
                "households:household-classify"):
        return reverse(name, args=[places[where].pk])
    return reverse(name)


# (url name, own/other, method) → expected status per role, in ROLES order.
MATRIX = [
    ("households:household-list", "own", "get", [200, 200, 200, 200, 200]),
    ("households:household-detail", "own", "get", [200, 200, 200, 200, 200]),
    ("households:household-detail", "other", "get", [404, 404, 404, 404, 200]),
    ("households:household-reveal-id", "own", "post", [200, 200, 403, 403, 403]),
    ("households:household-reveal-id", "other", "post", [404, 404, 404, 404, 403]),
    ("households:household-export", "own", "get", [200, 200, 200, 200, 200]),
    ("households:import-start", "own", "get", [200, 200, 404, 404, 404]),
    ("households:mapping-list", "own", "get", [200, 200, 404, 404, 404]),
    ("households:household-create", "own", "get", [200, 200, 403, 403, 403]),
    ("households:household-create", "own", "post", [200, 200, 403, 403, 403]),
    ("households:household-edit", "own", "get", [200, 200, 403, 403, 403]),
    ("households:household-edit", "own", "post", [200, 200, 403, 403, 403]),
    ("households:household-edit", "other", "get", [404, 404, 404, 404, 403]),
    ("households:household-edit", "other", "post", [404, 404, 404, 404, 403]),
    ("households:household-classify", "own", "get", [200, 200, 403, 403, 403]),
    ("households:household-classify", "own", "post", [200, 200, 403, 403, 403]),
    ("households:household-classify", "other", "get", [404, 404, 404, 404, 403]),
    ("households:household-classify", "other", "post", [404, 404, 404, 404, 403]),
]


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name,where,method,expected", MATRIX)
def test_permission_matrix(client, places, own_unit, role_index, role, name, where, method, expected):
    user = AssignmentFactory(role=role, unit=own_unit).user
    client.force_login(user)
    response = getattr(client, method)(_url(name, places, where))
    assert response.status_code == expected[role_index]


def test_commune_staff_list_only_their_commune(client_as, commune_staff, places):
    page = client_as(commune_staff).get(reverse("households:household-list")).content.decode()
    assert "Nguyễn Văn An" in page and "Y Hơ Niê" not in page


def test_ids_are_masked_in_lists_and_revealed_with_an_audit_entry(client_as, officer, own_household):
    client = client_as(officer)
    page = client.get(reverse("households:household-list")).content.decode()
    assert "0250******34" in page and "025075001234" not in page
    response = client.post(reverse("households:household-reveal-id", args=[own_household.pk]))
    assert "025075001234" in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.VIEW_SENSITIVE)
    assert entry.user == officer and entry.object_id == str(own_household.pk) and entry.ip_address


def test_finance_sees_neither_ethnicity_nor_deprivations(client_as, finance, own_household):
    ClassificationFactory(household=own_household, year=2024, income_per_person=1_000_000,
                          deprivations=[1, 2, 3])
    client = client_as(finance)
    detail = client.get(own_household.get_absolute_url()).content.decode()
    assert "Dân tộc" not in detail and "Thiếu hụt" not in detail and "Xem đầy đủ" not in detail
    assert "Hộ nghèo" in detail
    listing = client.get(reverse("households:household-list")).content.decode()
    assert "<td class=\"d-none d-lg-table-cell\">Kinh" not in listing and "id_ethnic_group" not in listing


def _export(client, **params):
    response = client.get(reverse("households:household-export"), {"year": 2024, **params})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c for c in row] for row in sheet.iter_rows(values_only=True)]


def test_export_is_logged_and_masks_ids_for_finance(client_as, finance, officer, own_household):
    ClassificationFactory(household=own_household, year=2024, deprivations=[2, 5])
    rows = _export(client_as(finance))
    flat = [c for row in rows for c in row if c is not None]
    assert "0250******34" in flat and "025075001234" not in flat and "Dân tộc" not in flat
    assert "Xuất bởi" in flat[1]
    rows = _export(client_as(officer))
    flat = [c for row in rows for c in row if c is not None]
    assert "025075001234" in flat and "Kinh" in flat and "Chỉ số thiếu hụt (x)" in flat
    assert AuditEntry.objects.filter(action=Action.EXPORT).count() == 2


def test_export_writes_formula_looking_names_as_text(client_as, officer, own_household):
    own_household.head_name = "=1+2"
    own_household.save()
    response = client_as(officer).get(reverse("households:household-export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+2"]
    assert cells and all(cell.data_type == "s" for cell in cells)
