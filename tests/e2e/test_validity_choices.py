"""The plan form offers the issuing bodies in force in the year typed: a district abolished on
1 July 2025 shows (marked with its end) for 2024, not for 2027; a sent choice is refused by name."""

import datetime
import re

import pytest

from areas.models import Role, UnitLevel
from plans.models import Plan
from tests.e2e.journey import log_in
from tests.factories import AdminUnitFactory, AssignmentFactory, IssuingBodyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_bodies_offered_follow_the_year_typed(page, live_server, province, own_unit):
    district = AdminUnitFactory(short_name="Hạ Hoà", kind="Huyện", level=UnitLevel.DISTRICT,
                                parent=province, valid_to=datetime.date(2025, 6, 30))
    old = IssuingBodyFactory(unit=district, valid_from=None, valid_to=datetime.date(2025, 6, 30),
                             display_name="UBND huyện Hạ Hoà")
    new = IssuingBodyFactory(unit=own_unit, valid_from=datetime.date(2025, 7, 1),
                             display_name="UBND xã Hạ Hòa")
    officer = AssignmentFactory(role=Role.PLANNER, unit=province).user
    log_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/ke-hoach/tao-moi/")
    select = page.get_by_label("Cơ quan ban hành")
    old_option = select.locator(f"option[value='{old.pk}']")
    new_option = select.locator(f"option[value='{new.pk}']")
    assert old_option.inner_text() == "UBND huyện Hạ Hoà (hết hiệu lực từ 01/7/2025)"

    page.get_by_label("Năm kế hoạch").fill("2027")
    assert old_option.is_disabled() and not new_option.is_disabled()
    page.get_by_label("Năm kế hoạch").fill("2024")
    assert new_option.is_disabled() and not old_option.is_disabled()
    select.select_option(str(old.pk))
    page.get_by_label("Rà soát hộ nghèo, hộ cận nghèo hằng năm").check()
    page.get_by_role("button", name="Tạo bản dự thảo").click()
    page.wait_for_url(re.compile(r"/soan-thao/$"))
    plan = Plan.objects.get()
    assert (plan.issuing_body, plan.year) == (old, 2024)
