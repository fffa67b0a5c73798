"""Two people with one name are told apart wherever one is picked or listed: birth year, village
and household code beside the name."""

import pytest
from django.urls import reverse

from households import villages
from households.people import household_codes, person_label
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.households.factories import HouseholdFactory

pytestmark = pytest.mark.django_db
NAME = "Nguyễn Văn An"


@pytest.fixture
def namesakes(own_unit, commune_staff):
    village = villages.add_village(own_unit, "Thôn Nà Pồng", by=commune_staff)
    return [HouseholdFactory(commune=own_unit, head_name=NAME, birth_year=1975, village="Nà Pồng",
                             village_unit=village, code="A-01"),
            HouseholdFactory(commune=own_unit, head_name=NAME, birth_year=1975, village="thôn Nà Pồng",
                             village_unit=village, code="A-02")]


def test_one_name_one_village_one_year_still_two_labels(namesakes):
    labels = [person_label(h) for h in namesakes]
    assert labels[0] != labels[1]
    assert labels[0] == "Nguyễn Văn An · 1975 · Thôn Nà Pồng · mã A-01"  # the village of the list


def test_attendees_carry_their_households_code(own_unit, namesakes):
    session = ScheduledSessionFactory(commune=own_unit)
    people = [AttendeeFactory(session=session, household=h, full_name=NAME, birth_year=1975, village="Nà Pồng")
              for h in namesakes]
    walk_in = AttendeeFactory(session=session, household=None, full_name=NAME, birth_year=None, village="")
    codes = household_codes([*people, walk_in])
    assert [person_label(p, codes) for p in people] == [
        "Nguyễn Văn An · 1975 · Nà Pồng · mã A-01", "Nguyễn Văn An · 1975 · Nà Pồng · mã A-02"]
    assert person_label(walk_in, codes) == NAME


def test_registration_search_shows_the_codes(client_as, commune_staff, own_unit, namesakes):
    session = ScheduledSessionFactory(commune=own_unit, target=5)
    page = client_as(commune_staff).get(reverse("dialogues:register-search", args=[session.pk]),
                                        {"q": "nguyen van an"}).content.decode()
    assert "mã A-01" in page and "mã A-02" in page


def test_check_in_and_the_petition_picker_show_the_codes(client_as, commune_staff, own_unit, namesakes):
    session = ScheduledSessionFactory(commune=own_unit)
    for h in namesakes:
        AttendeeFactory(session=session, household=h, full_name=NAME, birth_year=1975, village="Nà Pồng")
    client = client_as(commune_staff)
    checkin = client.get(reverse("dialogues:checkin", args=[session.pk])).content.decode()
    petition = client.get(reverse("dialogues:petition-create", args=[session.pk])).content.decode()
    for page in (checkin, petition):
        assert "mã A-01" in page and "mã A-02" in page


def test_the_household_list_shows_code_year_and_village(client_as, commune_staff, namesakes):
    page = client_as(commune_staff).get(reverse("households:household-list"), {"q": "an"}).content.decode()
    assert "A-01" in page and "A-02" in page and page.count("Thôn Nà Pồng") >= 2
