"""Factories of the dialogues app."""

import datetime

import factory
from django.utils import timezone

from dialogues.models import (
    Attendee,
    DialogueSession,
    Petition,
    PetitionStatus,
    PolicyField,
    SessionStatus,
)
from tests.factories import AdminUnitFactory


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueSession

    commune = factory.SubFactory(AdminUnitFactory)
    year = 2026
    quarter = 2
    theme = "Đối thoại chính sách về giảm nghèo bền vững"
    target = 5
    venue = "Hội trường UBND xã"
    chair = "Ông Ngô Anh Vũ, Phó Chủ tịch UBND xã"


class ScheduledSessionFactory(SessionFactory):
    status = SessionStatus.SCHEDULED
    starts_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2026, 5, 12, 8, 0)))


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    session = factory.SubFactory(ScheduledSessionFactory)
    full_name = factory.Sequence(lambda n: f"Lò Thị Dự {n}")
    gender = "F"
    birth_year = 1980
    village = "Thôn Đồng Xuân"
    consent = True


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    session = factory.SubFactory(ScheduledSessionFactory)
    raised_by = "Bà Lò Thị Dự"
    policy_field = PolicyField.HOUSING
    content = "Đề nghị hỗ trợ sửa nhà cho hộ nghèo."
    status = PetitionStatus.IN_WRITING
    due_date = datetime.date(2026, 6, 30)
