"""Many staff registering the last seats at the same moment: exactly the target, the rest get a message.

Needs real row locks, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from audit.models import Action, AuditEntry
from dialogues.models import SessionStatus
from dialogues.registration import register_household
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.threads import post_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")]


def test_simultaneous_registrations_stop_exactly_at_the_target(own_unit, commune_staff):
    session = ScheduledSessionFactory(commune=own_unit, target=3)
    households = [make_household(own_unit, name=f"Người Thứ {n}") for n in range(12)]
    start, outcomes = threading.Barrier(len(households)), []

    def attempt(household):
        try:
            start.wait()
            register_household(session, household, by=commune_staff, consent=True)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(h,)) for h in households]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3
    assert session.attendees.count() == 3
    refused = [o for o in outcomes if o != "ok"]
    assert len(refused) == 9 and all("đã đủ 3 người" in o for o in refused)


def test_the_same_household_twice_at_once_is_registered_once(own_unit, commune_staff):
    session = ScheduledSessionFactory(commune=own_unit, target=10)
    household = make_household(own_unit, name="Người Bấm Hai Lần")
    start, outcomes = threading.Barrier(6), []

    def attempt():
        try:
            start.wait()
            register_household(session, household, by=commune_staff, consent=True)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1 and session.attendees.count() == 1


def test_four_simultaneous_held_clicks_move_the_session_once(own_unit, commune_staff):
    session = ScheduledSessionFactory(commune=own_unit)
    AttendeeFactory(session=session, present=True)
    url = reverse("dialogues:session-transition", args=[session.pk, "held"])
    SUCCESS, REFUSED = "Hội nghị chuyển sang «Đã tổ chức».", "Hội nghị đã ở trạng thái «Đã tổ chức»"
    responses = post_at_once(commune_staff, url, [{}] * 4, follow=True)
    outcomes = [(r.status_code, [m for m in (SUCCESS, REFUSED) if m in r.content.decode()]) for r in responses]
    assert [status for status, _ in outcomes] == [200] * 4
    assert sorted(messages for _, messages in outcomes) == sorted([[REFUSED]] * 3 + [[SUCCESS]])
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert AuditEntry.objects.filter(object_type="dialogues.DialogueSession", object_id=str(session.pk),
                                     action=Action.WORKFLOW).count() == 1


def test_four_simultaneous_sends_of_one_citizen_petition_and_session_write_each_once(
        own_unit, commune_staff):
    session = ScheduledSessionFactory(commune=own_unit, target=10)
    citizen = {"full_name": "Lò Thị Pọm", "gender": "F", "birth_year": "1979", "village": "Bản Nà Hì",
               "consent": "on"}
    pages = [r.content.decode() for r in post_at_once(
        commune_staff, reverse("dialogues:register-new", args=[session.pk]), [citizen] * 4)]
    assert sum("đã có trong danh sách hội nghị này" in page for page in pages) == 3
    petition = {"raised_by": "Ông Đinh Văn Khoa", "policy_field": "credit", "status": "in_writing",
                "content": "Đề nghị tăng mức vay vốn ưu đãi.", "due_date": "2026-07-15"}
    responses = post_at_once(commune_staff, reverse("dialogues:petition-create", args=[session.pk]), [petition] * 4)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    created = {"commune": own_unit.pk, "year": "2026", "quarter": "3", "theme": "Đối thoại về tín dụng",
               "target": "40"}
    responses = post_at_once(commune_staff, reverse("dialogues:session-create"), [created] * 4)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert session.attendees.count() == 1 and session.petitions.count() == 1
    assert own_unit.dialogue_sessions.filter(theme="Đối thoại về tín dụng").count() == 1
