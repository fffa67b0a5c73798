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
