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
