"""The desk's filters agree with the rules they stand for, written elsewhere for one object."""

import datetime

import pytest

from budgets.checks import stated_total_conflicts
from budgets.models import Estimate, StatedTotal
from desk.filters import open_stated_conflicts, short_of_registrations, unfinished_imports
from dialogues.models import Petition, PetitionStatus
from households.models import BatchStatus, ImportBatch
from rollup import rules
from tests.budgets.factories import (
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    ensure_catalog,
    sub_project,
)
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 9)


def test_open_stated_conflicts_are_those_the_estimate_page_lists(own_unit):
    ensure_catalog()
    other_sub = sub_project("DA6-TDA1")
    estimate = EstimateFactory(unit=own_unit, year=2026)
    group = EstimateGroupFactory(estimate=estimate)
    EstimateLineFactory(estimate=estimate, group=group, quantity=10, unit_price=100_000)  # 1.000.000, default sub
    EstimateLineFactory(estimate=estimate, group=group, quantity=2, unit_price=100_000, sub_project=other_sub)
    StatedTotal.objects.create(estimate=estimate, amount=1_200_000)  # whole: agrees
    StatedTotal.objects.create(estimate=estimate, sub_project=estimate.sub_project, amount=1_000_500)  # differs
    kept = StatedTotal.objects.create(estimate=estimate, sub_project=other_sub, amount=300_000,
                                      kept_difference=100_000, kept_reason="Theo quyết định giao vốn")  # kept
    agreeing = EstimateFactory(unit=own_unit, year=2026)
    StatedTotal.objects.create(estimate=agreeing, amount=0)  # no lines, stated zero: agrees
    StatedTotal.objects.create(estimate=EstimateFactory(unit=own_unit, year=2026), amount=0, kept_difference=5_000,
                               kept_reason="Cũ")  # a difference kept once, agreeing now
    for stated_amount in (90_000, 80_000):  # 100.000 in lines, 10.000 less kept: the first only is kept
        whole = EstimateFactory(unit=own_unit, year=2026)
        EstimateLineFactory(estimate=whole, group=EstimateGroupFactory(estimate=whole), quantity=1, unit_price=100_000)
        StatedTotal.objects.create(estimate=whole, amount=stated_amount, kept_difference=-10_000, kept_reason="Làm tròn")
    expected = {c.stated.pk for e in Estimate.objects.all() for c in stated_total_conflicts(e, include_kept=False)}
    assert set(open_stated_conflicts().values_list("pk", flat=True)) == expected != set()
    kept.amount = 350_000  # a later change of the figure reopens a kept difference
    kept.save()
    expected = {c.stated.pk for e in Estimate.objects.all() for c in stated_total_conflicts(e, include_kept=False)}
    assert set(open_stated_conflicts().values_list("pk", flat=True)) == expected
    assert kept.pk in expected


def test_short_of_registrations_counts_only_sessions_still_to_come(own_unit):
    at = datetime.datetime(2026, 12, 20, 8, tzinfo=datetime.UTC)
    short = SessionFactory(commune=own_unit, year=2026, status="scheduled", starts_at=at, target=3)
    AttendeeFactory(session=short)
    AttendeeFactory(session=short, is_walk_in=True)  # a walk-in is not registered ahead
    full = SessionFactory(commune=own_unit, year=2026, status="scheduled", starts_at=at, target=1)
    AttendeeFactory(session=full)
    SessionFactory(commune=own_unit, year=2026, status="scheduled", target=3,
                   starts_at=datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC))  # past
    SessionFactory(commune=own_unit, year=2026, status="held", target=3, starts_at=at)  # already held
    undated = SessionFactory(commune=own_unit, year=2027, status="planned", target=3)
    from dialogues.models import DialogueSession

    found = set(short_of_registrations(DialogueSession.objects.all(), TODAY).values_list("pk", flat=True))
    assert found == {short.pk, undated.pk}


def test_unfinished_imports(own_unit):
    user = UserFactory()

    def batch(status, pending=None, continued=None):
        return ImportBatch.objects.create(commune=own_unit, year=2026, filename="ds.xlsx", created_by=user,
                                          status=status, pending=pending or {}, continues=continued)

    preview, mapping = batch(BatchStatus.PREVIEW), batch(BatchStatus.MAPPING)
    left = batch(BatchStatus.DONE, pending={"rows": [["x"]]})
    continued = batch(BatchStatus.DONE, pending={"rows": [["x"]]})
    batch(BatchStatus.QUEUED, continued=continued)
    batch(BatchStatus.DONE)
    batch(BatchStatus.FAILED)
    batch(BatchStatus.CANCELLED)
    found = set(unfinished_imports(ImportBatch.objects.all()).values_list("pk", flat=True))
    assert found == {preview.pk, mapping.pk, left.pk}


@pytest.mark.parametrize("status, due, closed, on_time, judged", [
    (PetitionStatus.ANSWERED, None, None, True, True),
    (PetitionStatus.CLOSED, None, datetime.date(2026, 5, 1), True, True),
    (PetitionStatus.CLOSED, datetime.date(2026, 6, 1), datetime.date(2026, 6, 1), True, True),
    (PetitionStatus.CLOSED, datetime.date(2026, 6, 1), datetime.date(2026, 6, 2), False, True),
    (PetitionStatus.CLOSED, datetime.date(2026, 6, 1), None, False, True),
    (PetitionStatus.REFERRED, datetime.date(2026, 12, 8), None, False, True),
    (PetitionStatus.IN_WRITING, datetime.date(2026, 12, 9), None, False, False),
    (PetitionStatus.IN_WRITING, None, None, False, False),
])
def test_answered_on_time(own_unit, status, due, closed, on_time, judged):
    petition = PetitionFactory(session__commune=own_unit, status=status, due_date=due, closed_on=closed)
    assert Petition.objects.filter(rules.ON_TIME, pk=petition.pk).exists() == on_time
    assert Petition.objects.filter(rules.judged(TODAY), pk=petition.pk).exists() == judged
