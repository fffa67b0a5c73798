"""A finance officer opens an estimate, adds a line, sees totals and the check, exports the workbook."""

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
from tests.factories import TEST_PASSWORD, AssignmentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_finance_officer_adds_a_line_sees_totals_and_check_and_exports(page, live_server, own_unit):
    ensure_catalog()
    user = AssignmentFactory(role=Role.FINANCE, unit=own_unit).user
    estimate = EstimateFactory(unit=own_unit, title="Dự toán hội nghị đối thoại tại xã Đan Thượng")
    group = EstimateGroupFactory(estimate=estimate, title="Hội nghị đối thoại tại xã Đan Thượng")
    EstimateLineFactory(group=group)  # 50 × 100.000 = 5.000.000
    AllocationFactory(decision__unit=own_unit, amount=5_500_000)

    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/kinh-phi/du-toan/{estimate.pk}/")
    assert page.locator("#estimate-total").inner_text() == "5.000.000"

    page.get_by_role("link", name="Thêm dòng vào nhóm I", exact=True).click()
    editor = page.locator("#editor")
    editor.get_by_label("Nội dung chi").fill("Nước uống")
    editor.get_by_label("Đơn vị tính").fill("người")
    editor.get_by_label("Số lượng").fill("60")
    editor.get_by_label("Số ngày/buổi/lớp").fill("1")
    editor.get_by_label("Định mức/Đơn giá (đồng)").fill("40.000")
    editor.get_by_role("button", name="Lưu dòng").click()

    page.locator("#estimate-total", has_text="7.400.000").wait_for()
    assert "Bảy triệu bốn trăm nghìn đồng chẵn" in page.locator("#estimate-words").inner_text()
    problems = page.locator("#estimate-problems").inner_text()
    assert "vượt vốn được giao 5.500.000 đồng 1.900.000 đồng" in problems
    assert page.locator("#editor form").count() == 0

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bảng tính Excel").click()
    book = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()), data_only=True)
    sheet = book["DA6-TDA2"]
    totals = [r for r in sheet.iter_rows(values_only=True) if r[1] == "TỔNG CỘNG"]
    assert totals[0][6] == 7_400_000
