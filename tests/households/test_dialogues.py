"""The registry and the dialogues: the "attended this year" filter and participation on the household page."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from households.models import Household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(own_unit, own_household):
    came = HouseholdFactory(commune=own_unit, head_name="Lò Thị Dự")
    invited = HouseholdFactory(commune=own_unit, head_name="Vàng Seo Páo")
    session = ScheduledSessionFactory(commune=own_unit, year=2026, theme="Đối thoại về sinh kế")
    AttendeeFactory(session=session, household=came, full_name=came.head_name, present=True)
    AttendeeFactory(session=session, household=invited, full_name=invited.head_name, present=False)
    earlier = ScheduledSessionFactory(commune=own_unit, year=2025, theme="Đối thoại năm trước")
    AttendeeFactory(session=earlier, household=own_household, full_name=own_household.head_name, present=True)
    return {"came": came, "invited": invited, "session": session}


def _listed(client, **params):
    page = client.get(reverse("households:household-list"), params).content.decode()
    return {name for name in ("Lò Thị Dự", "Vàng Seo Páo", "Nguyễn Văn An") if name in page}


def test_the_list_filters_by_attendance_at_a_dialogue_in_the_year(client_as, officer, attended):
    client = client_as(officer)
    assert _listed(client, year=2026, attended="1") == {"Lò Thị Dự"}
    assert _listed(client, year=2026, attended="0") == {"Vàng Seo Páo", "Nguyễn Văn An"}
    assert _listed(client, year=2025, attended="1") == {"Nguyễn Văn An"}
    assert _listed(client, year=2026, attended="x") == {"Lò Thị Dự", "Vàng Seo Páo", "Nguyễn Văn An"}


def test_the_queryset_reads_attendance_without_importing_dialogues(attended):
    assert list(Household.objects.attended_dialogue_in(2026).values_list("head_name", flat=True)) == ["Lò Thị Dự"]
    source = Path("households/models/household.py").read_text()
    imported = {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)}
    assert not any(module.startswith("dialogues") for module in imported if module)


def test_the_household_page_shows_its_dialogues(client_as, officer, attended):
    page = client_as(officer).get(attended["came"].get_absolute_url()).content.decode()
    assert "Tham dự đối thoại" in page and "Đối thoại về sinh kế" in page and "Có mặt" in page
    assert attended["session"].get_absolute_url() in page
    invited = client_as(officer).get(attended["invited"].get_absolute_url()).content.decode()
    assert "chưa điểm danh có mặt" in invited


def test_a_household_without_dialogues_says_so(client_as, officer, own_unit):
    household = HouseholdFactory(commune=own_unit)
    page = client_as(officer).get(household.get_absolute_url()).content.decode()
    assert "Hộ chưa có trong danh sách hội nghị đối thoại nào." in page


def test_the_export_follows_the_attendance_filter(client_as, officer, attended):
    import io

    import openpyxl

    response = client_as(officer).get(reverse("households:household-export"), {"year": 2026, "attended": "1"})
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
             for c in row if c]
    assert "Lò Thị Dự" in cells and "Vàng Seo Páo" not in cells
