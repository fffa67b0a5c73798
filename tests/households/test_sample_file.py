"""The generated commune list (load tests) imports cleanly, through the COPY path on PostgreSQL."""

import pytest

from households.imports.apply import apply_plan
from households.imports.plan import build_plan
from households.models import Classification, Household
from households.sample_file import PER_VILLAGE, generated_list

pytestmark = pytest.mark.django_db


def test_a_generated_list_imports_every_household_once(own_unit, commune_staff):
    rows = PER_VILLAGE * 2 + 30
    plan = build_plan("tai.xlsx", generated_list(rows), commune=own_unit, year=2024)
    assert plan.totals["rejected"] == 0 and plan.totals["new"] == rows
    written = apply_plan(plan, commune=own_unit, year=2024, by=commune_staff)
    assert written == {"created": rows, "updated": 0, "classified": rows}
    first = Household.objects.get(code="TT-000001")
    assert first.search_name and first.village == "Thôn 1" and first.created_at and first.ethnic_group_id
    assert Household.objects.filter(village="Thôn 3").count() == 30
    assert Classification.objects.filter(household__commune=own_unit, year=2024).count() == rows
    again = build_plan("tai.xlsx", generated_list(rows), commune=own_unit, year=2024)
    assert again.totals["unchanged"] == rows, "re-importing the same file changes nothing"
