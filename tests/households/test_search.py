"""Accent- and case-insensitive search, by code and by the last digits of the ID (both databases)."""

import pytest

from households.models import Household
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(own_unit):
    names = ["Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Thị Hoà", "Trần Thị Hòa", "Đặng Đức Độ", "Ðinh Văn Bé"]
    return [HouseholdFactory(commune=own_unit, head_name=name, id_number=f"0250750{i:05d}")
            for i, name in enumerate(names)]


def _names(text):
    return sorted(Household.objects.search(text).values_list("head_name", flat=True))


def test_search_ignores_accents_and_case(people):
    assert _names("nguyen van an") == ["Nguyễn Văn An", "Nguyễn Văn Anh"]
    assert _names("HOA") == ["Lê Thị Hoà", "Trần Thị Hòa"]
    assert _names("dang duc do") == ["Đặng Đức Độ"]


def test_search_by_code_and_by_the_last_digits_of_the_id(people):
    assert _names(people[2].code) == ["Lê Thị Hoà"]
    assert _names("00004") == ["Đặng Đức Độ"]


def test_list_page_search_and_filters(client_as, officer, people):
    client = client_as(officer)
    page = client.get("/ho-gia-dinh/", {"q": "tran thi hoa"}).content.decode()
    assert "Trần Thị Hòa" in page and "Lê Thị Hoà" not in page
    people[3].gender = "F"
    people[3].save()
    page = client.get("/ho-gia-dinh/", {"woman": "1"}).content.decode()
    assert "Trần Thị Hòa" in page and "Nguyễn Văn An" not in page
    assert client.get("/ho-gia-dinh/", {"year": "abc", "page": "x", "commune": "y"}).status_code == 200


def test_years_are_shown_without_thousand_separators(client_as, officer, people):
    page = client_as(officer).get("/ho-gia-dinh/", {"year": "2024"}).content.decode()
    assert 'value="2024"' in page and "Năm 2024" in page and "1.975" not in page
