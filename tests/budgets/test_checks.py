from decimal import Decimal

from budgets.checks import estimate_problems, stated_total_problem
from budgets.models import Severity
from tests.budgets.factories import (
    AllocationFactory,
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    NormFactory,
    source,
)


def test_a_stated_total_that_differs_from_its_parts_is_blocking_and_shows_the_difference():
    problem = stated_total_problem(132_000_000, 131_500_000, "Mục IV")
    assert problem.blocking and problem.where == "Mục IV"
    assert "500.000 đồng" in problem.message and "lớn hơn" in problem.message


def test_a_stated_total_equal_to_its_parts_raises_nothing():
    assert stated_total_problem(17_400_000, 17_400_000, "Mục IV") is None


def test_a_consistent_estimate_within_its_allocation_has_no_problem(estimate):
    AllocationFactory(decision__unit=estimate.unit, amount=17_400_000)
    assert estimate_problems(estimate) == []


def test_estimates_of_the_unit_and_year_above_the_allocation_are_blocking(estimate):
    AllocationFactory(decision__unit=estimate.unit, amount=10_000_000)
    other = EstimateFactory(unit=estimate.unit)
    EstimateLineFactory(group=EstimateGroupFactory(estimate=other), quantity=1, unit_price=600_000)
    [problem] = estimate_problems(estimate)
    assert problem.blocking
    assert "18.000.000" in problem.message and "so với vốn được giao 10.000.000 đồng." in problem.message
    assert "8.000.000 đồng" in problem.message


def test_without_any_allocation_the_estimate_gets_a_warning_only(estimate):
    problems = estimate_problems(estimate)
    assert len(problems) == 1 and not problems[0].blocking
    assert "chưa có quyết định giao vốn" in problems[0].message


def test_zero_quantity_negative_price_and_missing_source_are_named_by_group_and_line(own_unit):
    AllocationFactory(decision__unit=own_unit, amount=10**9)
    group = EstimateGroupFactory(estimate=EstimateFactory(unit=own_unit))
    EstimateLineFactory(group=group, content="Tài liệu", quantity=0)
    EstimateLineFactory(group=group, content="Xe", unit_price=-5)
    EstimateLineFactory(group=group, content="Hoa", funding_source=None)
    messages = {(p.where, p.message) for p in estimate_problems(group.estimate) if p.blocking}
    assert ("Nhóm I, dòng «Tài liệu»", "Số lượng phải lớn hơn 0.") in messages
    assert ("Nhóm I, dòng «Xe»", "Đơn giá phải lớn hơn 0.") in messages
    assert ("Nhóm I, dòng «Hoa»", "Chưa ghi nguồn vốn.") in messages


def test_a_tiny_unit_price_is_flagged_as_a_likely_unit_mistake(own_unit):
    group = EstimateGroupFactory(estimate=EstimateFactory(unit=own_unit))
    EstimateLineFactory(group=group, unit_price=100, funding_source=source())
    assert any("nghìn đồng hoặc triệu đồng" in p.message and not p.blocking
               for p in estimate_problems(group.estimate))


def test_a_fraction_of_a_person_is_blocking(own_unit):
    group = EstimateGroupFactory(estimate=EstimateFactory(unit=own_unit))
    EstimateLineFactory(group=group, quantity=Decimal("2.5"))
    assert any(p.message == "Số lượng người phải là số nguyên." for p in estimate_problems(group.estimate))


def test_a_price_above_its_norm_is_a_warning_or_an_error_as_configured(own_unit, province):
    group = EstimateGroupFactory(estimate=EstimateFactory(unit=own_unit))
    soft = NormFactory(province=province, amount=100_000, illustrative=True)
    hard = NormFactory(province=province, amount=40_000, severity=Severity.ERROR, name="Nước uống")
    EstimateLineFactory(group=group, unit_price=150_000, norm=soft)
    EstimateLineFactory(group=group, unit_price=50_000, norm=hard)
    found = [p for p in estimate_problems(group.estimate) if "vượt định mức" in p.message]
    assert [p.blocking for p in found] == [False, True]
    assert "(mức minh hoạ)" in found[0].message
