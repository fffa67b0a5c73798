"""A finance officer opens a plan's estimate, adds a line, sees totals and the check, exports the workbook."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from areas.models import Role
from tests.budgets.factories import (
    AllocationFactory,
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    ensure_catalog,
)
from tests.e2e.journey import log_in
from tests.factories import AssignmentFactory, IssuingBodyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REFERENCE = "(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2023 của UBND huyện Hạ Hòa)"


def _issued_plan(own_unit, estimate):
    """An issued plan of the unit's UBND that uses the estimate (numbered as the register would)."""
    from plans.models import PlanKind
    from plans.services import create_plan

    planner = AssignmentFactory(role=Role.PLANNER, unit=own_unit).user
    body = IssuingBodyFactory(unit=own_unit, display_name="UBND huyện Hạ Hòa")
    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=body, year=2023, by=planner)
    plan.estimate, plan.number, plan.issue_date, plan.status = estimate, 5, datetime.date(2023, 3, 5), "issued"
    plan.save()
    return plan


def _add_line(page):
    page.get_by_role("link", name="Thêm dòng vào nhóm I", exact=True).click()
    editor = page.locator("#editor")
    editor.get_by_label("Nội dung chi").fill("Nước uống")
    editor.get_by_label("Đơn vị tính").fill("người")
    editor.get_by_label("Số lượng").fill("60")
    editor.get_by_label("Số ngày/buổi/lớp").fill("1")
    editor.get_by_label("Định mức/Đơn giá (đồng)").fill("40.000")
    editor.get_by_role("button", name="Lưu dòng").click()


def test_finance_officer_opens_a_plans_estimate_adds_a_line_sees_the_check_and_exports(
        page, live_server, own_unit):
    ensure_catalog()
    user = AssignmentFactory(role=Role.FINANCE, unit=own_unit).user
    estimate = EstimateFactory(unit=own_unit, title="Dự toán hội nghị đối thoại tại xã Đan Thượng")
    group = EstimateGroupFactory(estimate=estimate, title="Hội nghị đối thoại tại xã Đan Thượng")
    EstimateLineFactory(group=group)  # 50 × 100.000 = 5.000.000
    AllocationFactory(decision__unit=own_unit, amount=5_500_000)
    plan = _issued_plan(own_unit, estimate)

    log_in(page, live_server.url, user.username)
    page.locator("main").get_by_role("link", name="Dự toán kinh phí").first.click()
    row = page.locator("tr", has_text="Kế hoạch số 05/KH-UBND")
    row.get_by_role("link", name=estimate.title).click()
    page.wait_for_url(f"{live_server.url}{estimate.get_absolute_url()}")
    assert page.locator("#estimate-reference").inner_text() == REFERENCE
    assert page.locator("#estimate-total").inner_text() == "5.000.000"

    _add_line(page)
    page.locator("#estimate-total", has_text="7.400.000").wait_for()
    assert page.locator(f"#group-{group.pk} .group-subtotal").inner_text() == "7.400.000"
    assert "Bảy triệu bốn trăm nghìn đồng chẵn" in page.locator("#estimate-words").inner_text()
    problems = page.locator("#estimate-problems").inner_text()
    assert "vượt 1.900.000 đồng so với vốn được giao 5.500.000 đồng." in problems
    assert page.locator("#editor form").count() == 0

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bảng tính Excel").click()
    book = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()), data_only=True)
    sheet = book["DA6-TDA2"]
    assert sheet["A5"].value == REFERENCE
    totals = [r for r in sheet.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG"]
    assert totals[0][6] == 7_400_000

    page.locator("#estimate-plans").get_by_role("link").click()
    page.wait_for_url(f"{live_server.url}{plan.get_absolute_url()}")
    assert "Số 05/KH-UBND" in page.locator("main").inner_text()
