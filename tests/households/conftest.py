import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.households.factories import HouseholdFactory


@pytest.fixture
def own_household(own_unit):
    return HouseholdFactory(commune=own_unit, head_name="Nguyễn Văn An", id_number="025075001234",
                            birth_year=1975, gender="M")


@pytest.fixture
def other_household(other_unit):
    return HouseholdFactory(commune=other_unit, head_name="Y Hơ Niê", id_number="062190004444",
                            birth_year=1990, gender="F")


@pytest.fixture
def upload():
    def make(content: bytes, name: str = "danh-sach.xlsx"):
        return SimpleUploadedFile(name, content)

    return make


@pytest.fixture
def reference_data(transactional_db):
    """The data migrations' reference rows, for transactional tests run after a flush. Used instead
    of serialized_rollback, whose reload collides with the content types that a previous
    transactional test's flush re-creates (on PostgreSQL, in the whole suite's order)."""
    import importlib

    from django.apps import apps

    from tests.e2e.conftest import REFERENCE_DATA

    for module in REFERENCE_DATA:
        importlib.import_module(module).load(apps, None)
