"""What an office would want corrected before printing a session's papers, said on its page without
stopping anything: a date outside the planned quarter, a date before the plan it cites was issued."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues.services import session_notes
from tests.dialogues.factories import ScheduledSessionFactory, SessionFactory
from tests.factories import IssuingBodyFactory

pytestmark = pytest.mark.django_db


def _at(day: datetime.date):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 8, 0))


@pytest.fixture
def issued_plan(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan

    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)
    plan.number, plan.issue_date = 5, datetime.date(2026, 4, 2)
    plan.save()
    return plan


@pytest.mark.parametrize(("day", "quarter", "told"), [
    (datetime.date(2026, 8, 14), 2, "Ngày tổ chức 14/08/2026 thuộc Quý III, khác quý dự kiến (Quý II/2026)"),
    (datetime.date(2026, 3, 31), 2, "thuộc Quý I"),
    (datetime.date(2026, 7, 1), 2, "thuộc Quý III"),
])
def test_a_date_outside_the_planned_quarter_is_noted(own_unit, day, quarter, told):
    notes = session_notes(ScheduledSessionFactory(commune=own_unit, quarter=quarter, starts_at=_at(day)))
    assert len(notes) == 1 and told in notes[0]


@pytest.mark.parametrize("day", [datetime.date(2026, 4, 1), datetime.date(2026, 1, 5)])
def test_a_date_before_the_cited_plan_was_issued_is_noted(own_unit, issued_plan, day):
    session = ScheduledSessionFactory(commune=own_unit, plan=issued_plan, quarter=None, starts_at=_at(day))
    assert session_notes(session) == [
        f"Ngày tổ chức {day:%d/%m/%Y} trước ngày ban hành Kế hoạch số 05/KH-{issued_plan.issuer_abbr} (02/04/2026) "
        "mà giấy mời và các danh sách ghi «Căn cứ»; hãy kiểm tra lại ngày tổ chức."]


def test_nothing_is_noted_for_a_consistent_session_an_undated_one_or_a_draft_plan(own_unit, issued_plan):
    on_the_day = ScheduledSessionFactory(commune=own_unit, plan=issued_plan, quarter=2,
                                         starts_at=_at(datetime.date(2026, 4, 2)))
    assert session_notes(on_the_day) == []
    assert session_notes(SessionFactory(commune=own_unit, quarter=3, starts_at=None)) == []
    issued_plan.number = issued_plan.issue_date = None
    issued_plan.save()
    early = ScheduledSessionFactory(commune=own_unit, plan=issued_plan, quarter=1,
                                    starts_at=_at(datetime.date(2026, 1, 5)))
    assert session_notes(early) == []


def test_the_session_page_shows_the_notes(client_as, commune_staff, own_unit):
    session = ScheduledSessionFactory(commune=own_unit, quarter=2, starts_at=_at(datetime.date(2026, 8, 14)))
    page = client_as(commune_staff).get(reverse("dialogues:session-detail", args=[session.pk])).content.decode()
    assert 'data-testid="session-notes"' in page and "khác quý dự kiến" in page
    session.quarter = 3
    session.save()
    page = client_as(commune_staff).get(reverse("dialogues:session-detail", args=[session.pk])).content.decode()
    assert "session-notes" not in page
