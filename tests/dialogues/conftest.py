import pytest

from tests.dialogues.factories import ScheduledSessionFactory, SessionFactory
from tests.households.factories import ClassificationFactory, HouseholdFactory


@pytest.fixture
def session(own_unit):
    return ScheduledSessionFactory(commune=own_unit, target=5)


@pytest.fixture
def planned_session(own_unit):
    return SessionFactory(commune=own_unit)


@pytest.fixture
def other_session(other_unit):
    return ScheduledSessionFactory(commune=other_unit)


def ensure_ethnic_groups() -> None:
    """Reload the ethnic groups of the data migration (a transactional test's flush removes them)."""
    import importlib

    from django.apps import apps

    from households.models import EthnicGroup

    if not EthnicGroup.objects.exists():
        importlib.import_module("households.migrations.0002_ethnic_groups").load(apps, None)


def make_household(commune, *, name, gender="M", ethnic="01", klass="poor", year=2025):
    from households.models import EthnicGroup

    ensure_ethnic_groups()

    household = HouseholdFactory(commune=commune, head_name=name, gender=gender,
                                 ethnic_group=EthnicGroup.objects.get(code=ethnic))
    if klass:
        ClassificationFactory(household=household, year=year, household_class=klass)
    return household


@pytest.fixture
def households(own_unit):
    """Eight households of the commune with different priority traits."""
    specs = [("Nguyễn Văn Một", "M", "01", "middle"), ("Y Bích", "F", "27", "poor"),
             ("Lò Thị Ba", "F", "01", "near_poor"), ("A Blúp", "M", "14", "newly_escaped"),
             ("Trần Văn Năm", "M", "01", "poor"), ("Đinh Thị Sáu", "F", "06", "near_poor"),
             ("Phạm Văn Bảy", "M", "01", ""), ("Hà Thị Tám", "F", "01", "newly_escaped")]
    return [make_household(own_unit, name=n, gender=g, ethnic=e, klass=k) for n, g, e, k in specs]
