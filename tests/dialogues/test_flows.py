"""Pages end to end through the client: series from a plan, registration, check-in, petitions, report."""

import datetime

import pytest
from django.urls import reverse

from dialogues.ledger import add_follow_up, record_petition
from dialogues.models import Petition, PetitionStatus, SessionStatus
from dialogues.report import plan_figures
from tests.dialogues.factories import AttendeeFactory, PetitionFactory
from tests.factories import AdminUnitFactory


@pytest.fixture
def plan(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan
    from tests.factories import IssuingBodyFactory

    return create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)


def test_a_series_is_created_from_a_plan_and_feeds_its_schedule(client_as, officer, plan, own_unit):
    communes = [AdminUnitFactory(parent=own_unit, short_name=n) for n in ("Đan Thượng", "Yên Kỳ")]
    response = client_as(officer).post(reverse("dialogues:series-create", args=[plan.pk]), {
        "communes": [c.pk for c in communes], "quarter": "2", "target": "50", "theme": "Giảm nghèo"})
    assert response.status_code == 302
    lines = sorted(s.schedule_line for s in plan.dialogue_sessions.all())
    assert lines == sorted(["Xã Đan Thượng: Quý II/2026, 50 người", "Xã Yên Kỳ: Quý II/2026, 50 người"])


def test_registration_page_search_and_fill(client_as, commune_staff, session, households):
    client = client_as(commune_staff)
    page = client.get(reverse("dialogues:register", args=[session.pk])).content.decode()
    assert "Y Bích" in page and "Chủ hộ là nữ (+3)" in page and 'type="checkbox" name="consent" id="consent">' in page
    found = client.get(reverse("dialogues:register-search", args=[session.pk]), {"q": "y bich"}).content.decode()
    assert "Y Bích" in found and "Trần Văn Năm" not in found
    refused = client.post(reverse("dialogues:register-fill", args=[session.pk])).content.decode()
    assert "đồng ý" in refused and session.attendees.count() == 0
    client.post(reverse("dialogues:register-fill", args=[session.pk]), {"consent": "on"})
    assert session.attendees.count() == 5


def test_check_in_tap_replayed_is_harmless_and_walk_in_is_not_duplicated(client_as, commune_staff, session):
    client, person = client_as(commune_staff), AttendeeFactory(session=session)
    url = reverse("dialogues:checkin-tap", args=[session.pk])
    for _ in range(2):
        assert client.post(url, {"attendee": person.pk, "present": "1"}).json()["count"] == 1
    walk_in = {"full_name": "Người Đến Sau", "consent": "on", "client_ref": "abc-123"}
    for _ in range(2):
        client.post(reverse("dialogues:checkin-walk-in", args=[session.pk]), walk_in)
    assert session.attendees.filter(full_name="Người Đến Sau").count() == 1
    bad = client.post(reverse("dialogues:checkin-walk-in", args=[session.pk]), {"full_name": "X"})
    assert bad.status_code == 409 and "đồng ý" in bad.json()["error"]


def test_petition_html_and_length_and_status_rules(session, commune_staff):
    with pytest.raises(Exception, match="tối đa 4000"):
        record_petition(session, by=commune_staff, content="x" * 10_000, raised_by="A",
                        policy_field="housing", status=PetitionStatus.ANSWERED, answer="Có")
    with pytest.raises(Exception, match="hạn trả lời"):
        record_petition(session, by=commune_staff, content="Đường hỏng", raised_by="A",
                        policy_field="other", status=PetitionStatus.REFERRED, referral_level="province",
                        responsible_body="Sở Xây dựng")
    petition = record_petition(session, by=commune_staff, content="<script>alert(1)</script>Sửa đường", raised_by="A",
                               policy_field="other", status=PetitionStatus.IN_WRITING, due_date=datetime.date(2026, 6, 1))
    assert petition.content == "alert(1)Sửa đường"
    assert petition.is_overdue(datetime.date(2026, 6, 2)) and not petition.is_overdue(datetime.date(2026, 6, 1))
    add_follow_up(petition, by=commune_staff, note="Đã trả lời bằng văn bản", date=datetime.date.today(), closes=True)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED and not petition.is_overdue(datetime.date(2030, 1, 1))


def test_petition_list_highlights_overdue(client_as, officer, session):
    PetitionFactory(session=session, due_date=datetime.date(2020, 1, 1))
    page = client_as(officer).get(reverse("dialogues:petition-list"), {"overdue": "1"}).content.decode()
    assert 'data-overdue="1"' in page and "quá hạn" in page


def test_report_figures_equal_the_data(client_as, officer, plan, own_unit):
    from tests.dialogues.factories import ScheduledSessionFactory

    held = ScheduledSessionFactory(commune=own_unit, plan=plan, status=SessionStatus.HELD)
    ScheduledSessionFactory(commune=own_unit, plan=plan)
    AttendeeFactory(session=held, present=True, gender="F", first_time=True, household_class="poor")
    AttendeeFactory(session=held, present=True, gender="M", household_class="near_poor")
    AttendeeFactory(session=held, present=False)
    PetitionFactory(session=held)
    f = plan_figures(plan)
    assert (f.planned, f.held, f.present, f.women, f.first_time, f.petitions) == (2, 1, 2, 1, 1, 1)
    assert f.by_class == [("Hộ nghèo", 1), ("Hộ cận nghèo", 1)]
    assert Petition.objects.count() == 1
    page = client_as(officer).get(reverse("dialogues:plan-report", args=[plan.pk])).content.decode()
    assert "<svg" in page and "1/2" in page
    assert client_as(officer).get(reverse("dialogues:plan-report-file", args=[plan.pk, "pdf"])).content[:4] == b"%PDF"


def test_petition_search_ignores_accents_and_case(client_as, officer, session):
    PetitionFactory(session=session, raised_by="Bà Lò Thị Dự", content="Đề nghị hỗ trợ vốn vay ưu đãi.")
    PetitionFactory(session=session, raised_by="Ông Hà Văn Quý", content="Đề nghị làm đường vào thôn.",
                    responsible_body="Phòng Kinh tế huyện")
    client, url = client_as(officer), reverse("dialogues:petition-list")
    for query, found, missing in (("von vay", "vốn vay", "đường"), ("LO THI DU", "vốn vay", "đường"),
                                  ("đuong vao", "đường", "vốn vay"), ("kinh te huyen", "đường", "vốn vay")):
        page = client.get(url, {"q": query}).content.decode()
        assert found in page and missing not in page, query
    assert "Không có ý kiến nào" in client.get(url, {"q": "khong co"}).content.decode()


def test_planners_reach_the_priority_weights_from_the_menu(client_as, officer, commune_staff, own_unit):
    from tests.factories import AdminUnitFactory

    AdminUnitFactory(parent=own_unit, short_name="Đan Thượng")
    home = client_as(officer).get(reverse("home")).content.decode()
    index = reverse("dialogues:priorities-index")
    assert f'href="{index}"' in home and "Điểm ưu tiên" in home
    page = client_as(officer).get(index).content.decode()
    assert reverse("dialogues:priorities", args=[own_unit.pk]) in page and "Đan Thượng" in page
    assert f'href="{index}"' not in client_as(commune_staff).get(reverse("home")).content.decode()


def test_a_planner_of_one_unit_goes_straight_to_its_weights(client_as, officer, own_unit):
    response = client_as(officer).get(reverse("dialogues:priorities-index"))
    assert response.url == reverse("dialogues:priorities", args=[own_unit.pk])
