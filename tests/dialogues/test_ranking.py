"""The database ranking agrees with the reasons shown, on any mix of households and attendance."""

import datetime
import random

from django.utils import timezone

from dialogues import ranking
from dialogues.models import SessionStatus
from dialogues.priority import candidates, criteria_met, weights_for
from households.models import Household
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


def _mixed_commune(commune, rng):
    households = []
    for number in range(40):
        klass = rng.choice(["poor", "near_poor", "newly_escaped", "middle", ""])
        households.append(make_household(commune, name=f"Hộ Thử {number:02d}", gender=rng.choice("FM"),
                                         ethnic=rng.choice(["01", "01", "27", "14"]), klass=klass))
    Household.objects.filter(pk=households[0].pk).update(ethnic_group=None)
    for days_before in (20, 200, 364, 366, 500):
        held = ScheduledSessionFactory(commune=commune, status=SessionStatus.HELD,
                                       starts_at=timezone.make_aware(datetime.datetime(2026, 5, 12, 8))
                                       - datetime.timedelta(days=days_before))
        for household in rng.sample(households, 6):
            AttendeeFactory(session=held, household=household, present=True)
    return households


def test_database_scores_equal_the_explained_sums_and_the_order_is_by_score(session, own_unit):
    households = _mixed_commune(own_unit, random.Random(7))
    AttendeeFactory(session=session, household=households[5])
    found = candidates(session)
    assert len(found) == 39 and households[5].pk not in {s.household_id for s in found}
    weights = weights_for(own_unit)
    rows = {r.household_id: r for r in ranking.ranked(Household.objects.filter(commune=own_unit), session,
                                                      weights=weights, reference=session.reference_date, limit=None)}
    for suggestion in found:
        assert rows[suggestion.household_id].score == suggestion.score, suggestion.name
        household = Household.objects.get(pk=suggestion.household_id)
        minority = household.ethnic_group is not None and household.ethnic_group.code != "01"
        met = criteria_met(woman=household.gender == "F", minority=minority, household_class=suggestion.household_class,
                           last_attended=suggestion.last_attended, reference=session.reference_date)
        assert suggestion.score == sum(weights[c] for c in met)
    keys = [(-s.score, s.last_attended or datetime.date.min) for s in found]
    assert keys == sorted(keys)


def test_the_last_attendance_and_the_latest_class_are_the_ones_counted(session, own_unit):
    household = make_household(own_unit, name="Lò Thị Đã Dự", gender="F", klass="poor", year=2024)
    from tests.households.factories import ClassificationFactory

    ClassificationFactory(household=household, year=2025, household_class="near_poor")
    for day in (datetime.datetime(2024, 3, 1, 8), datetime.datetime(2026, 2, 1, 8)):
        held = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD, starts_at=timezone.make_aware(day))
        AttendeeFactory(session=held, household=household, present=True)
    (found,) = candidates(session)
    assert found.household_class == "near_poor" and found.last_attended == datetime.date(2026, 2, 1)
    assert found.attended_this_year and found.reasons == ["Chủ hộ là nữ (+3)", "Hộ cận nghèo (+3)"]


def test_search_results_are_ranked_and_limited(session, own_unit):
    for name, gender in (("Nguyễn Thị Hoa", "F"), ("Nguyễn Văn Hòa", "M"), ("Trần Văn Bình", "M")):
        make_household(own_unit, name=name, gender=gender)
    found = candidates(session, Household.objects.filter(commune=own_unit).search("nguyen hoa"), limit=5)
    assert [s.name for s in found] == ["Nguyễn Thị Hoa", "Nguyễn Văn Hòa"]
