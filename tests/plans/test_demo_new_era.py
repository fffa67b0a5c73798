"""The demo data of the 2027 season: a commune's dialogue and review plans and a province's
communication plan, drafted in today's wording, passing their checks, loaded once."""

import datetime

import pytest

from areas.demo import UNITS, load_demo
from areas.models import UnitLevel
from plans.checks import plan_problems
from plans.demo import load_demo_plans
from plans.models import Plan, PlanKind
from tests.factories import AdminUnitFactory

pytestmark = pytest.mark.django_db
ENDED, REFORM = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)


@pytest.fixture
def demo_units():
    provinces = {"old": AdminUnitFactory(level=UnitLevel.PROVINCE, code="25", kind="Tỉnh",
                                         short_name="Phú Thọ", valid_to=ENDED)}
    for key, (level, code, valid_to) in UNITS.items():
        if level == UnitLevel.PROVINCE:
            AdminUnitFactory(level=level, code=code, kind="Tỉnh", short_name="Phú Thọ",
                             valid_from=REFORM)
            continue
        kind = "Huyện" if level == UnitLevel.DISTRICT else "Xã"
        AdminUnitFactory(level=level, code=code, kind=kind, valid_to=valid_to,
                         short_name=key.replace("_", " ").title(), parent=provinces["old"],
                         valid_from=None if valid_to else REFORM)
    load_demo()


def test_the_2027_drafts_are_in_todays_wording_and_pass_their_checks(demo_units):
    created = load_demo_plans()
    assert load_demo_plans() == []  # once
    new = Plan.objects.filter(year=2027).order_by("kind")
    assert {(p.issuer_name, p.kind) for p in new} == {
        ("UBND xã Hạ Hòa", PlanKind.DIALOGUE_CONFERENCES), ("UBND xã Hạ Hòa", PlanKind.HOUSEHOLD_REVIEW),
        ("UBND tỉnh Phú Thọ", PlanKind.DA6_COMMUNICATION)}
    assert len(created) == 6
    for plan in new:
        blocking = [p.message for p in plan_problems(plan) if p.blocking]
        assert blocking == [], plan.title
        assert not [p for p in plan_problems(plan) if "01/7/2025" in p.message]
    review = new.get(kind=PlanKind.HOUSEHOLD_REVIEW)
    assert "351/2025/NĐ-CP" in set(review.basis_links.values_list("document__number", flat=True))
