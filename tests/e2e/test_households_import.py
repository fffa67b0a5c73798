"""Commune staff upload a commune list, read the preview, commit, and find a household without accents."""

import re

import pytest
from playwright.sync_api import expect

from areas.models import Role
from tests.factories import TEST_PASSWORD, AssignmentFactory
from tests.households.workbooks import realistic_list

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_commune_staff_import_a_list_and_find_a_household(page, live_server, own_unit, tmp_path):
    user = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=own_unit).user
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/ho-gia-dinh/nhap-excel/")
    assert page.get_by_test_id("privacy-notice").is_visible()
    path = tmp_path / "danh-sach-ho-ngheo-2024.xlsx"
    path.write_bytes(realistic_list())
    page.get_by_label("Năm rà soát").select_option("2024")
    page.get_by_label("Tệp danh sách hộ").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_test_id("totals").wait_for()
    assert "Tạo mới: 5" in page.get_by_test_id("totals").inner_text()
    preview = page.get_by_test_id("preview")
    assert "Dòng tiêu đề thôn «Thôn Cả»" in preview.inner_text()
    page.get_by_role("button", name="Xác nhận ghi vào sổ hộ").click()
    bar = page.get_by_role("progressbar", name="Tiến độ xử lý tệp")
    bar.wait_for()
    page.get_by_text("Đã ghi 5 hộ vào sổ hộ lúc").wait_for()
    assert bar.get_attribute("aria-valuenow") == "100"
    page.get_by_role("link", name="Xem danh sách hộ").click()
    page.get_by_label("Tìm kiếm").fill("ha thi hoa")
    expect(page.get_by_role("link", name="Nguyễn Văn An")).to_have_count(0)
    expect(page.get_by_role("link", name="Hà Thị Hoà")).to_have_count(1)
    page.get_by_role("link", name="Hà Thị Hoà").click()
    page.wait_for_url(re.compile(r"/ho-gia-dinh/\d+/$"))  # content read while navigating fails
    assert "0251******21" in page.content()
