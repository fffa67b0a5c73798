"""Demo households: a few hundred, in the three demo communes, with a mix; loading twice adds nothing."""

import pytest
from django.core.management import call_command

from areas.demo import UNITS
from households.models import Classification, Household
from tests.factories import AdminUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_communes():
    return [AdminUnitFactory(level=UNITS[key][0], code=UNITS[key][1], valid_to=UNITS[key][2])
            for key in ("ha_hoa_commune", "hung_nguyen_commune", "sa_loong_new")]


def test_demo_households_are_varied_and_idempotent(demo_communes):
    call_command("load_demo_households")
    count = Household.objects.count()
    assert 300 <= count <= 500
    call_command("load_demo_households")
    assert Household.objects.count() == count
    assert Household.objects.filter(gender="F").count() > 30
    assert set(Classification.objects.values_list("household_class", flat=True)) == {
        "poor", "near_poor", "newly_escaped", "middle"}
    sa_loong = set(Household.objects.filter(commune=demo_communes[2]).values_list("ethnic_group__name", flat=True))
    assert sa_loong == {"Gié-Triêng", "Xơ-đăng", "Kinh"}
