"""A unit with ``n`` of everything a desk counts, and one of each in another unit (never counted)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from areas.models import Assignment, Role
from budgets.models import Disbursement, StatedTotal
from dialogues.models import PetitionStatus, SessionStatus
from households.models import BatchStatus, ImportBatch
from plans.models import Plan, PlanKind, Status
from plans.services import create_plan
from tests.budgets.factories import EstimateFactory, EstimateLineFactory, ensure_catalog
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, SessionFactory
from tests.factories import IssuingBodyFactory, UserFactory

TODAY = datetime.date(2026, 12, 9)  # a Wednesday: this week runs from 7/12, next week to 20/12


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today(monkeypatch):
    moment = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return TODAY


@pytest.fixture
def everyone(own_unit):
    """One user holding the four roles with a desk in the unit."""
    user = UserFactory(first_name="Hà", last_name="Lò Thị")
    for role in (Role.LEADER, Role.PLANNER, Role.COMMUNE_STAFF, Role.FINANCE):
        Assignment.objects.create(user=user, unit=own_unit, role=role)
    return user


def at(day: datetime.date, hour=8):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def fill(unit, n: int, *, by):
    """``n`` of each thing a desk counts in ``unit``."""
    ensure_catalog()
    body = IssuingBodyFactory(unit=unit)
    template = create_plan(kind=PlanKind.BLANK, issuing_body=body, year=2026, by=by)
    original = template.pk
    for status in (Status.SUBMITTED, Status.APPROVED, Status.DRAFT, Status.RETURNED):
        for _ in range(n):
            template.pk, template.creation_token, template.status = None, None, status
            template.save()
    Plan.objects.filter(pk=original).delete()
    for i in range(n):
        soon = SessionFactory(commune=unit, year=2026, quarter=4, status=SessionStatus.SCHEDULED,
                              starts_at=at(TODAY + datetime.timedelta(days=i % 11)), target=3)
        AttendeeFactory(session=soon)
        PetitionFactory(session=soon, status=PetitionStatus.REFERRED, due_date=TODAY - datetime.timedelta(days=1))
        PetitionFactory(session=soon, status=PetitionStatus.ANSWERED)
        ImportBatch.objects.create(commune=unit, year=2026, filename=f"ds-{i}.xlsx", created_by=by,
                                   status=BatchStatus.PREVIEW)
        estimate = EstimateFactory(unit=unit, year=2026)
        line = EstimateLineFactory(estimate=estimate, group__estimate=estimate)
        StatedTotal.objects.create(estimate=estimate, amount=line.amount + 1_000)
        SessionFactory(commune=unit, year=2026, quarter=3, status=SessionStatus.HELD, budget_line=line)


@pytest.fixture
def other_world(other_unit):
    planner = UserFactory()
    Assignment.objects.create(user=planner, unit=other_unit, role=Role.PLANNER)
    fill(other_unit, 1, by=planner)


def paid(session, amount=100_000):
    return Disbursement.objects.create(line=session.budget_line, date=TODAY, voucher_number="PC-01", amount=amount)
