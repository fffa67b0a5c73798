"""Classification by both standards at their boundaries, and the 36-month window."""

import datetime

import pytest

from households.classify import agrees, compute_class
from households.models import Classification, HouseholdClass, PovertyStandard

pytestmark = pytest.mark.django_db
POOR, NEAR, MIDDLE, OTHER = (HouseholdClass.POOR, HouseholdClass.NEAR_POOR, HouseholdClass.MIDDLE,
                             HouseholdClass.OTHER)


@pytest.mark.parametrize("year,code", [(2022, "ND07-2021"), (2025, "ND07-2021"), (2026, "ND07-2021"),
                                       (2027, "ND351-2025"), (2030, "ND351-2025")])
def test_the_standard_in_force_is_chosen_by_year(year, code):
    assert PovertyStandard.for_year(year).code == code


def test_no_standard_before_2022_or_after_2030():
    assert PovertyStandard.for_year(2021) is None and PovertyStandard.for_year(2031) is None


@pytest.mark.parametrize("income,deprived,urban,expected", [
    (1_500_000, 3, False, POOR), (1_500_000, 2, False, NEAR), (1_500_001, 5, False, MIDDLE),
    (2_250_000, 0, False, MIDDLE), (2_250_001, 0, False, OTHER),
    (2_000_000, 3, True, POOR), (2_000_000, 2, True, NEAR), (2_000_001, 3, True, MIDDLE),
    (3_000_000, 0, True, MIDDLE), (3_000_001, 0, True, OTHER),
])
def test_decree_07_2021_boundaries(income, deprived, urban, expected):
    standard = PovertyStandard.for_year(2024)
    assert compute_class(standard, income=income, deprived=deprived, urban=urban) == expected


@pytest.mark.parametrize("income,deprived,urban,expected", [
    (2_200_000, 3, False, POOR), (2_200_000, 2, False, NEAR), (2_200_001, 3, False, OTHER),
    (2_800_000, 3, True, POOR), (2_800_000, 0, True, NEAR), (2_800_001, 0, True, OTHER),
])
def test_decree_351_2025_boundaries(income, deprived, urban, expected):
    standard = PovertyStandard.for_year(2027)
    assert compute_class(standard, income=income, deprived=deprived, urban=urban) == expected


def test_unknown_income_gives_no_computed_class():
    assert compute_class(PovertyStandard.for_year(2024), income=None, deprived=5, urban=False) == ""


def test_a_recorded_class_that_disagrees_is_flagged():
    assert not agrees(POOR, NEAR, mid_known=True)
    assert agrees(HouseholdClass.NEWLY_ESCAPED, MIDDLE, mid_known=True)
    assert agrees(MIDDLE, OTHER, mid_known=False)
    assert not agrees(MIDDLE, OTHER, mid_known=True)


def test_the_newly_escaped_window_lasts_36_months():
    c = Classification(year=2024, household_class=HouseholdClass.NEWLY_ESCAPED,
                       escaped_on=datetime.date(2024, 2, 29))
    assert c.escape_window_end == datetime.date(2027, 2, 27)
    assert c.in_escape_window(datetime.date(2027, 2, 27))
    assert not c.in_escape_window(datetime.date(2027, 3, 1))
