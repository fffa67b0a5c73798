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

