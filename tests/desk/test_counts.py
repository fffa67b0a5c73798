"""The desk's numbers counted in one query say what the lists and the budget overview say."""

import pytest

from areas.models import Assignment, Role
from areas.scope import visible_unit_ids
from budgets.overview import execution_rows
from desk.counts import count_each
from desk.filters import over_allocated, unfinished_imports
from dialogues.models import DialogueSession, Petition
from households.models import ImportBatch
from tests.budgets.factories import (
    AllocationFactory,
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    ensure_catalog,
    sub_project,
)
from tests.desk.conftest import fill
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_count_each_is_count_of_each_in_one_query(own_unit, other_unit, django_assert_num_queries):
    user = UserFactory()
    for unit in (own_unit, other_unit):
        Assignment.objects.create(user=user, unit=unit, role=Role.PLANNER)
    fill(own_unit, 3, by=user)
    fill(other_unit, 1, by=user)
    querysets = [DialogueSession.objects.filter(commune=own_unit), Petition.objects.filter(session__commune=own_unit),
                 unfinished_imports(ImportBatch.objects.all()), DialogueSession.objects.filter(pk__in=[]),
                 Petition.objects.filter(session__commune=own_unit, status="answered").exclude(due_date=None)]
    expected = [qs.count() for qs in querysets]
    with django_assert_num_queries(1):
        assert count_each(*querysets) == expected
    assert expected[:4] == [6, 6, 4, 0]


def test_over_allocated_sub_projects_are_those_the_overview_marks(own_unit, other_unit):
    ensure_catalog()
    finance = UserFactory()
    Assignment.objects.create(user=finance, unit=own_unit, role=Role.FINANCE)
    over, enough, unallocated, by_group = (sub_project(code) for code in ("DA6-TDA1", "DA6-TDA2", "DA7-TDA1",
                                                                         "DA7-TDA2"))
    for sub, amount in ((over, 1_000_000), (enough, 5_000_000), (by_group, 100_000)):
        AllocationFactory(decision__unit=own_unit, year=2026, sub_project=sub, amount=amount)
    AllocationFactory(decision__unit=other_unit, year=2026, sub_project=enough, amount=1)  # another unit's
    AllocationFactory(decision__unit=own_unit, year=2025, sub_project=enough, amount=1)  # another year's
    estimate = EstimateFactory(unit=own_unit, year=2026, sub_project=enough)
    group = EstimateGroupFactory(estimate=estimate)
    EstimateLineFactory(estimate=estimate, group=group, quantity=20, unit_price=100_000, sub_project=over)
    EstimateLineFactory(estimate=estimate, group=group, quantity=30, unit_price=100_000)  # the estimate's sub
    EstimateLineFactory(estimate=estimate, group=group, quantity=1, unit_price=100_000, sub_project=unallocated)
    grouped = EstimateGroupFactory(estimate=estimate, sub_project=by_group)
    EstimateLineFactory(estimate=estimate, group=grouped, quantity=2, unit_price=100_000)
    elsewhere = EstimateFactory(unit=other_unit, year=2026, sub_project=enough)
    EstimateLineFactory(estimate=elsewhere, group__estimate=elsewhere, quantity=1000, unit_price=100_000)
    marked = {r.sub_project.pk for r in execution_rows(finance, 2026) if r.over_allocation and r.allocated}
    assert marked == {over.pk, by_group.pk}
    assert {row["sub_project"] for row in over_allocated(2026, visible_unit_ids(finance))} == marked
    assert count_each(over_allocated(2026, visible_unit_ids(finance)), over_allocated(2026)) == [2, 3]
    assert over_allocated(2026).count() == 3  # every unit: the other unit's estimate is far over its 1 đồng
