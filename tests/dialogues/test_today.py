"""«Hôm nay»: today's sessions of the officer's communes, one tap from their check-in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues.models import SessionStatus
from tests.dialogues.factories import ScheduledSessionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def test_the_session_list_opens_with_todays_sessions_of_the_officers_communes(
        client_as, commune_staff, own_unit, other_unit):
    today = timezone.localdate()
    morning = ScheduledSessionFactory(commune=own_unit, starts_at=_at(today, 8), venue="Nhà văn hóa thôn Gò")
    # 23:30 today in Việt Nam is still today, though it is another day in UTC.
    late = ScheduledSessionFactory(commune=own_unit, starts_at=_at(today, 23).replace(minute=30))
    tomorrow = ScheduledSessionFactory(commune=own_unit, starts_at=_at(today + datetime.timedelta(days=1), 8))
    elsewhere = ScheduledSessionFactory(commune=other_unit, starts_at=_at(today, 9))
    undated = SessionFactory(commune=own_unit, status=SessionStatus.PLANNED)
    page = client_as(commune_staff).get(reverse("dialogues:session-list")).content.decode()
    today_part = page.split('data-testid="today"')[1].split("</section>")[0]
    assert "Nhà văn hóa thôn Gò" in today_part
    for session in (morning, late):
        assert reverse("dialogues:checkin", args=[session.pk]) in today_part
    for session in (tomorrow, elsewhere, undated):
        assert reverse("dialogues:checkin", args=[session.pk]) not in today_part


def test_a_day_without_sessions_says_so(client_as, commune_staff):
    page = client_as(commune_staff).get(reverse("dialogues:session-list")).content.decode()
    assert "Hôm nay không có hội nghị nào ở xã của bạn." in page


def test_roles_that_do_not_check_in_get_no_today_list(client_as, finance, own_unit):
    ScheduledSessionFactory(commune=own_unit, starts_at=_at(timezone.localdate(), 8))
    page = client_as(finance).get(reverse("dialogues:session-list")).content.decode()
    assert 'data-testid="today"' not in page
