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


def test_every_demo_body_names_itself_as_a_document_would_and_a_second_load_keeps_one_of_each(demo_units):
    from areas.models import IssuingBody

    bodies = list(IssuingBody.objects.values_list("display_name", flat=True))
    assert all("(" not in name for name in bodies)  # «UBND xã Sa Loong», never a picker's «(Quảng Ngãi)»
    IssuingBody.objects.filter(valid_from=REFORM, display_name="UBND xã Sa Loong").update(
        display_name="UBND xã Sa Loong (Quảng Ngãi)")  # as a demo of an earlier version named it
    load_demo()
    assert sorted(IssuingBody.objects.values_list("display_name", flat=True)) == sorted(bodies)
    assert load_demo_plans()  # the 2023 seed finds the body of its year, the 2027 drafts theirs
    sa_loong = Plan.objects.get(year=2023, kind=PlanKind.COMMUNE_DIALOGUE).issuing_body
    assert (sa_loong.valid_to, sa_loong.display_name) == (ENDED, "UBND xã Sa Loong")
