"""Factories for the household registry."""

import factory

from households.models import Classification, EthnicGroup, Household, HouseholdClass
from tests.factories import AdminUnitFactory


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    commune = factory.SubFactory(AdminUnitFactory)
    code = factory.Sequence(lambda n: f"HO-{n:05d}")
    head_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = "M"
    birth_year = 1975
    village = "Thôn Đồng Xuân"
    ethnic_group = factory.LazyFunction(lambda: EthnicGroup.objects.get(code="01"))


class ClassificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classification

    household = factory.SubFactory(HouseholdFactory)
    year = 2024
    household_class = HouseholdClass.POOR
