import pytest

from plans.models import PlanKind
from plans.services import create_plan
from tests.factories import IssuingBodyFactory


@pytest.fixture
def body(own_unit):
    return IssuingBodyFactory(unit=own_unit)


@pytest.fixture
def other_body(other_unit):
    return IssuingBodyFactory(unit=other_unit)


@pytest.fixture
def plan(officer, body):
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2026, by=officer)
    plan.signer_name = "Ngô Anh Vũ"
    plan.save()
    return plan


@pytest.fixture
def today(monkeypatch):
    """Sets the clock: ``today(date)`` makes noon of that day in Hà Nội "now" for the app."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import timezone

    def set_day(day: "datetime.date"):
        moment = datetime.datetime.combine(day, datetime.time(12),
                                           tzinfo=ZoneInfo(settings.TIME_ZONE))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return day

    return set_day


SCHEDULE_TEXT = "Quý III năm 2026, tại hội trường Ủy ban nhân dân các xã."
BUDGET_TEXT = "Kinh phí thực hiện từ nguồn ngân sách trung ương năm 2026 giao cho huyện."


def type_live_blocks(plan):
    """Typed text in place of the live blocks: nothing is linked in these tests, and an issued
    plan may not carry a live block with nothing to show."""
    from plans.models import LiveBlock

    plan.blocks.filter(live=LiveBlock.SCHEDULE).update(live="", text=SCHEDULE_TEXT)
    plan.blocks.filter(live=LiveBlock.BUDGET).update(live="", text=BUDGET_TEXT)
    return plan


def issue(plan, *, by, **kwargs):
    """Issue as the confirmation page does: every warning shown acknowledged."""
    from plans import services
    from plans.issuing import issue_review

    _, warnings = issue_review(plan)
    return services.issue_plan(plan, by=by, acknowledged=[w.key for w in warnings], **kwargs)


@pytest.fixture
def approved(officer, leader, body):
    """``approved(year=2027)``: a plan of the body, submitted and approved "now"."""
    from plans import services

    def make(year: int = 2026, issuing_body=None):
        draft = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=issuing_body or body,
                            year=year, by=officer)
        services.update_header(draft, by=officer, signer_name="Ngô Anh Vũ")
        type_live_blocks(draft)
        services.submit_plan(draft, by=officer)
        return services.approve_plan(draft, by=leader)

    return make


@pytest.fixture
def media(settings, tmp_path):
    """Stored files go to a fresh folder the test can list."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
