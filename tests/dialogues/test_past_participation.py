"""A dialogue recorded from an imported list's note counts as attended: never a «first time» again."""

import datetime
import random

from django.utils import timezone

from dialogues import mixfill, ranking
from dialogues.models import Criterion, SessionStatus
from dialogues.priority import candidates, criteria_met, weights_for
from dialogues.registration import register_household
from households.models import Household, PastParticipation
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


def _by_name(session):
    return {s.name: s for s in candidates(session)}


def test_a_recorded_past_dialogue_ends_never_attended_and_ranks_the_household_lower(session, own_unit):
    for name in ("Lò Thị Chưa Dự", "Lò Thị Dự Năm 2022", "Lò Thị Dự Năm Nay", "Lò Thị Không Rõ Năm"):
        make_household(own_unit, name=name, gender="F")
    homes = {h.head_name: h for h in Household.objects.all()}
    PastParticipation.objects.create(household=homes["Lò Thị Dự Năm 2022"], year=2022)
    PastParticipation.objects.create(household=homes["Lò Thị Dự Năm Nay"], year=2026)
    PastParticipation.objects.create(household=homes["Lò Thị Không Rõ Năm"], year=None)
    found = _by_name(session)
    never, not_recent = Criterion.NEVER_ATTENDED.label, Criterion.NOT_RECENT.label
    assert any(never in r for r in found["Lò Thị Chưa Dự"].reasons) and found["Lò Thị Chưa Dự"].first_time
    for name in ("Lò Thị Dự Năm 2022", "Lò Thị Dự Năm Nay", "Lò Thị Không Rõ Năm"):
        assert not found[name].first_time and not any(never in r for r in found[name].reasons), name
    assert any(not_recent in r for r in found["Lò Thị Dự Năm 2022"].reasons)  # 2022 is over a year ago
    assert any(not_recent in r for r in found["Lò Thị Không Rõ Năm"].reasons)  # when is unknown
    assert not any(not_recent in r for r in found["Lò Thị Dự Năm Nay"].reasons)
    assert found["Lò Thị Dự Năm Nay"].attended_this_year
    assert found["Lò Thị Dự Năm Nay"].attended_when == "theo ghi chú danh sách nhập"
    assert [s.name for s in candidates(session)][0] == "Lò Thị Chưa Dự"
    assert found["Lò Thị Chưa Dự"].score > found["Lò Thị Dự Năm 2022"].score > found["Lò Thị Dự Năm Nay"].score


def test_database_scores_equal_the_explained_sums_with_past_participation(session, own_unit):
    rng = random.Random(11)
    households = [make_household(own_unit, name=f"Hộ Thử {n:02d}", gender=rng.choice("FM"),
                                 klass=rng.choice(["poor", "near_poor", ""])) for n in range(30)]
    held = ScheduledSessionFactory(commune=own_unit, status=SessionStatus.HELD,
                                   starts_at=timezone.make_aware(datetime.datetime(2025, 3, 1, 8)))
    for household in rng.sample(households, 10):
        AttendeeFactory(session=held, household=household, present=True)
    for household in rng.sample(households, 12):
        PastParticipation.objects.create(household=household, year=rng.choice([None, 2021, 2025, 2026]))
    weights = weights_for(own_unit)
    for suggestion in candidates(session):
        met = criteria_met(woman=suggestion.gender == "F", minority=suggestion.minority,
                           household_class=suggestion.household_class, last_attended=suggestion.last_attended,
                           reference=session.reference_date, past_year=suggestion.past_year)
        assert suggestion.score == sum(weights.get(c, 0) for c in met), suggestion.name
    rows = ranking.ranked(Household.objects.filter(commune=own_unit), session, weights=weights,
                          reference=session.reference_date, limit=None)
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_registration_and_the_mix_count_the_household_as_having_attended(session, own_unit, commune_staff):
    household = make_household(own_unit, name="Lò Văn Đã Dự", gender="M")
    PastParticipation.objects.create(household=household, year=2024)
    (suggestion,) = candidates(session)
    assert not mixfill.has_trait(suggestion, "Lần đầu tham dự")
    result = register_household(session, household, by=commune_staff, consent=True)
    assert result.attendee.first_time is False and result.warnings == []
