import pytest

from tests.budgets.factories import (
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    ensure_catalog,
)


@pytest.fixture(autouse=True)
def catalog(db):
    ensure_catalog()


@pytest.fixture
def estimate(own_unit):
    """Two groups: 50 × 1 × 100.000 + 60 × 1 × 40.000 and 10 × 2 × 500.000 = 17.400.000 đồng."""
    est = EstimateFactory(unit=own_unit)
    first = EstimateGroupFactory(estimate=est, title="Hội nghị đối thoại tại xã Đan Thượng", order=1)
    EstimateLineFactory(group=first)
    EstimateLineFactory(group=first, content="Nước uống", quantity=60, unit_price=40_000)
    second = EstimateGroupFactory(estimate=est, title="Tuyên truyền", order=2)
    EstimateLineFactory(group=second, content="Pano", unit_of_measure="cái", quantity=10, days=2,
                        unit_price=500_000)
    return est


@pytest.fixture
def attached_plan(officer, own_unit, estimate):
    """A draft plan of the own unit's UBND that uses the estimate (plans app, read only here)."""
    from plans.models import PlanKind
    from plans.services import create_plan
    from tests.factories import IssuingBodyFactory

    body = IssuingBodyFactory(unit=own_unit, display_name="UBND huyện Hạ Hòa")
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2023, by=officer)
    plan.estimate = estimate
    plan.save()
    return plan


def issue(plan, number=5, day=None):
    """Mark a plan issued as the plans app does (number and date from the register)."""
    import datetime

    plan.number, plan.issue_date, plan.status = number, day or datetime.date(2023, 3, 5), "issued"
    plan.save()
    return plan
