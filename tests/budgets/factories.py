"""Factories of the budgets app (catalog rows come from the data migration)."""

import datetime
import importlib
from decimal import Decimal

import factory

from budgets.models import (
    Allocation,
    AllocationDecision,
    Estimate,
    EstimateGroup,
    EstimateLine,
    FundingSource,
    Norm,
    SubProject,
)
from tests.factories import AdminUnitFactory


def ensure_catalog() -> None:
    """Reload the catalog rows of the data migration (a transactional test's flush removes them)."""
    if not SubProject.objects.exists():
        from django.apps import apps

        for migration in ("0002_load_catalog", "0010_merged_programme_2026_2035"):
            importlib.import_module(f"budgets.migrations.{migration}").load(apps, None)


def sub_project(code="DA6-TDA2") -> SubProject:
    ensure_catalog()  # a transactional test before this one may have emptied the catalogue
    return SubProject.objects.get(code=code)


def source(code="NSTW_SN") -> FundingSource:
    ensure_catalog()
    return FundingSource.objects.get(code=code)


class EstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estimate

    unit = factory.SubFactory(AdminUnitFactory)
    year = 2023
    title = factory.Sequence(lambda n: f"Dự toán hội nghị đối thoại {n}")
    sub_project = factory.LazyFunction(sub_project)


class EstimateGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstimateGroup

    estimate = factory.SubFactory(EstimateFactory)
    title = factory.Sequence(lambda n: f"Hội nghị đối thoại tại xã {n}")
    order = factory.Sequence(lambda n: n + 1)


class EstimateLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstimateLine

    group = factory.SubFactory(EstimateGroupFactory)
    estimate = factory.LazyAttribute(lambda o: o.group.estimate)
    content = "Hỗ trợ tiền ăn đại biểu không hưởng lương"
    unit_of_measure = "người"
    quantity = Decimal(50)
    days = Decimal(1)
    unit_price = 100_000
    funding_source = factory.LazyFunction(source)
    order = factory.Sequence(lambda n: n + 1)
    amount = factory.LazyAttribute(
        lambda o: int(Decimal(o.quantity) * (o.days if o.days is not None else 1) * o.unit_price)
    )


class AllocationDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllocationDecision

    unit = factory.SubFactory(AdminUnitFactory)
    number = factory.Sequence(lambda n: f"{1000 + n}/QĐ-UBND")
    date = datetime.date(2023, 5, 12)
    issuer = "UBND huyện Hạ Hoà"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    decision = factory.SubFactory(AllocationDecisionFactory)
    unit = factory.LazyAttribute(lambda o: o.decision.unit)
    year = 2023
    sub_project = factory.LazyFunction(sub_project)
    funding_source = factory.LazyFunction(source)
    amount = 132_000_000


class NormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Norm

    province = factory.SubFactory("tests.factories.ProvinceFactory")
    code = factory.Sequence(lambda n: f"AN_{n}")
    name = "Hỗ trợ tiền ăn (hội nghị cấp xã)"
    unit_of_measure = "người/ngày"
    amount = 100_000
    valid_from = datetime.date(2017, 7, 1)
