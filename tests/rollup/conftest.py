"""A province with two communes led by one leader, and a commune of another province; dialogue
work, petitions and money in all three (the other province's never counted)."""

import datetime

import pytest
from django.utils import timezone

from areas.models import Role
from budgets.models import Disbursement
from dialogues.models import PetitionStatus, PolicyField, SessionStatus
from households.models import EthnicGroup
from tests.budgets.factories import (
    AllocationFactory,
    EstimateFactory,
    EstimateLineFactory,
    ensure_catalog,
)
from tests.dialogues.conftest import ensure_ethnic_groups
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, SessionFactory
from tests.factories import AdminUnitFactory, AssignmentFactory, IssuingBodyFactory, ProvinceFactory

TODAY = datetime.date(2026, 12, 9)


@pytest.fixture
def today(monkeypatch):
    moment = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(12)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return TODAY


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))


def attend(session, n, *, gender="F", ethnic="01", klass="poor", first=False, present=True):
    group = EthnicGroup.objects.get(code=ethnic)
    for _ in range(n):
        AttendeeFactory(session=session, gender=gender, ethnic_group=group, household_class=klass,
                        first_time=first, present=present)


def work(commune, *, extra: int = 0):
    """Two held sessions (one dated in Q1, one undated of Q3) and one planned, with attendees,
    petitions and money; ``extra`` more held sessions of 2 attendees each."""
    first = SessionFactory(commune=commune, year=2026, quarter=1, starts_at=at(datetime.date(2026, 2, 10)),
                           status=SessionStatus.HELD, target=10)
    second = SessionFactory(commune=commune, year=2026, quarter=3, status=SessionStatus.REPORTED, target=8)
    planned = SessionFactory(commune=commune, year=2026, quarter=4, status=SessionStatus.PLANNED, target=5)
    attend(first, 3, gender="F", ethnic="27", klass="poor", first=True)
    attend(first, 2, gender="M", ethnic="01", klass="near_poor")
    attend(first, 1, gender="F", present=False)
    attend(second, 2, gender="M", ethnic="14", klass="", first=True)
    attend(planned, 4)  # registered ahead, not held: never counted
    PetitionFactory(session=first, policy_field=PolicyField.HOUSING, status=PetitionStatus.ANSWERED)
    PetitionFactory(session=first, policy_field=PolicyField.CREDIT, status=PetitionStatus.CLOSED,
                    due_date=datetime.date(2026, 3, 1), closed_on=datetime.date(2026, 2, 20))
    PetitionFactory(session=first, policy_field=PolicyField.CREDIT, status=PetitionStatus.CLOSED,
                    due_date=datetime.date(2026, 3, 1), closed_on=datetime.date(2026, 4, 2))
    PetitionFactory(session=second, policy_field=PolicyField.HOUSING, status=PetitionStatus.REFERRED,
                    due_date=datetime.date(2026, 11, 30))
    PetitionFactory(session=second, policy_field=PolicyField.HEALTH, status=PetitionStatus.IN_WRITING,
                    due_date=datetime.date(2027, 1, 15))
    for _ in range(extra):
        attend(SessionFactory(commune=commune, year=2026, quarter=2, status=SessionStatus.HELD, target=2), 2)
    ensure_catalog()
    AllocationFactory(decision__unit=commune, unit=commune, year=2026, amount=100_000_000)
    estimate = EstimateFactory(unit=commune, year=2026)
    line = EstimateLineFactory(estimate=estimate, group__estimate=estimate, quantity=50, days=1, unit_price=150_000)
    Disbursement.objects.create(line=line, date=datetime.date(2026, 2, 11), voucher_number="PC-01", amount=5_000_000)


@pytest.fixture
def province_world(db):
    ensure_ethnic_groups()
    province = ProvinceFactory(short_name="Lào Cai", code="15")
    communes = [AdminUnitFactory(short_name=name, parent=province) for name in ("Bản Lầu", "Cốc San")]
    IssuingBodyFactory(unit=province, name="ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", display_name="UBND tỉnh Lào Cai",
                       abbreviation="UBND", place_name="Lào Cai")
    for commune in communes:
        work(commune)
    other = AdminUnitFactory(short_name="Sa Loong", parent=ProvinceFactory(short_name="Quảng Ngãi", code="51"))
    work(other)
    leader = AssignmentFactory(role=Role.LEADER, unit=province).user
    return {"province": province, "communes": communes, "other": other, "leader": leader}
