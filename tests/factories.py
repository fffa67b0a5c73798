"""One factory per model."""

import datetime

import factory
from django.contrib.auth import get_user_model

from areas.models import AdminUnit, Assignment, IssuingBody, Role, UnitLevel

TEST_PASSWORD = "mat-khau-thu-nghiem-2024"


class AdminUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    kind = "Xã"
    short_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    name = factory.LazyAttribute(lambda o: f"{o.kind} {o.short_name}")
    level = UnitLevel.COMMUNE
    parent = None


class ProvinceFactory(AdminUnitFactory):
    code = factory.Sequence(lambda n: f"P{n % 10000:04d}")  # never an official 2-digit code
    kind = "Tỉnh"
    level = UnitLevel.PROVINCE


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingBody

    unit = factory.SubFactory(AdminUnitFactory)
    name = factory.LazyAttribute(lambda o: f"ỦY BAN NHÂN DÂN\n{o.unit.name.upper()}")
    display_name = factory.LazyAttribute(lambda o: f"UBND {o.unit.name}")
    abbreviation = "UBND"
    place_name = factory.LazyAttribute(lambda o: o.unit.short_name)
    valid_from = datetime.date(2020, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn Văn"
    last_name = factory.Sequence(lambda n: f"A{n}")
    password = factory.django.Password(TEST_PASSWORD)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(AdminUnitFactory)
    role = Role.PLANNER
