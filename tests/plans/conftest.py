import pytest

from plans.models import PlanKind
from plans.services import create_plan
from tests.factories import IssuingBodyFactory


@pytest.fixture
def body(own_unit):
    return IssuingBodyFactory(unit=own_unit)


@pytest.fixture
def other_body(other_unit):
    return IssuingBodyFactory(unit=other_unit)


@pytest.fixture
def plan(officer, body):
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2026, by=officer)
    plan.signer_name = "Ngô Anh Vũ"
    plan.save()
    return plan
