"""Many staff registering the last seats at the same moment: exactly the target, the rest get a message.

Needs real row locks, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from dialogues.registration import register_household
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import ScheduledSessionFactory

pytestmark = [pytest.mark.django_db(transaction=True),
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


def _at_once(count, action):
    """Run ``action(i)`` in ``count`` threads released together; return what each returned."""
    start, outcomes = threading.Barrier(count), [None] * count

    def run(i):
        try:
            start.wait()
            outcomes[i] = action(i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_four_simultaneous_held_clicks_move_the_session_once(own_unit, commune_staff):
    from django.test import Client
    from django.urls import reverse

    from audit.models import Action, AuditEntry
    from dialogues.models import SessionStatus
    from tests.dialogues.factories import AttendeeFactory

    session = ScheduledSessionFactory(commune=own_unit)
    AttendeeFactory(session=session, present=True)
    url = reverse("dialogues:session-transition", args=[session.pk, "held"])
    SUCCESS, REFUSED = "Hội nghị chuyển sang «Đã tổ chức».", "Hội nghị đã ở trạng thái «Đã tổ chức»"

    def click(_):
        client = Client()
        client.force_login(commune_staff)
        response = client.post(url, follow=True)  # (response.context is shared between threads: read the page)
        page = response.content.decode()
        return response.status_code, [m for m in (SUCCESS, REFUSED) if m in page]

    outcomes = _at_once(4, click)
    assert [status for status, _ in outcomes] == [200] * 4
    assert sorted(messages for _, messages in outcomes) == sorted([[REFUSED]] * 3 + [[SUCCESS]])
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert AuditEntry.objects.filter(object_type="dialogues.DialogueSession", object_id=str(session.pk),
                                     action=Action.WORKFLOW).count() == 1
