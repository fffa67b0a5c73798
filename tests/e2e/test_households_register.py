"""Commune staff map the columns of an unfamiliar list, and register and classify a household by hand."""

import pytest
from playwright.sync_api import expect

from areas.models import Role
from tests.factories import TEST_PASSWORD, AssignmentFactory
from tests.households.test_mapping import odd_list

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, unit):
    user = AssignmentFactory(role=Role.COMMUNE_STAFF, unit=unit).user
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_commune_staff_map_the_columns_of_an_unfamiliar_list(page, live_server, own_unit, tmp_path):
    _log_in(page, live_server, own_unit)
    page.goto(f"{live_server.url}/ho-gia-dinh/nhap-excel/")
    path = tmp_path / "ds-rieng.xlsx"
    path.write_bytes(odd_list())
    page.get_by_label("Năm rà soát").select_option("2024")
    page.get_by_label("Tệp danh sách hộ").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.get_by_test_id("needs-mapping").wait_for()
    page.get_by_role("link", name="Ghép cột").click()
    page.get_by_label("Dòng tiêu đề từ dòng").select_option("3")
    page.get_by_role("button", name="Xem lại").click()
    for letter, field in (("B", "Mã hộ"), ("C", "Họ và tên chủ hộ"), ("D", "Năm sinh (hoặc ngày sinh)"),
                          ("E", "Số định danh / CCCD / CMND"), ("F", "Thôn/xóm/bản/tổ dân phố"),
                          ("G", "Phân loại hộ (ghi chữ)")):
        page.get_by_label(f"Trường của cột {letter}").select_option(label=field)
    page.get_by_role("button", name="Lưu cách ghép và đọc lại tệp").click()
    page.get_by_test_id("totals").wait_for()
    assert "Tạo mới: 2" in page.get_by_test_id("totals").inner_text()
    assert "Nguyễn Văn Khải" in page.get_by_test_id("preview").inner_text()


def test_commune_staff_register_and_classify_a_household(page, live_server, own_unit):
    _log_in(page, live_server, own_unit)
    page.goto(f"{live_server.url}/ho-gia-dinh/")
    page.get_by_role("link", name="Thêm hộ").click()
    assert page.get_by_test_id("privacy-notice").is_visible()
    page.get_by_label("Họ và tên chủ hộ").fill("Hoàng Thị Mai")
    page.get_by_label("Giới tính chủ hộ").select_option(label="Nữ")
    page.get_by_label("Năm sinh").fill("1985")
    page.get_by_label("Số định danh (CCCD/CMND)").fill("025085004567")
    page.get_by_label("Thôn/xóm/bản/tổ dân phố").fill("Thôn Đồng Xuân")
    page.get_by_role("button", name="Thêm hộ").click()
    expect(page.get_by_text("Cần xác nhận đã thông báo cho chủ hộ")).to_be_visible()
    expect(page.get_by_text("ứng với giới tính nam, không khớp")).to_be_visible()
    page.get_by_label("Số định danh (CCCD/CMND)").fill("025185004567")
    page.get_by_label("Tôi đã thông báo cho chủ hộ").check()
    page.get_by_role("button", name="Thêm hộ").click()
    expect(page.get_by_role("heading", name="Hoàng Thị Mai")).to_be_visible()
    page.get_by_role("link", name="Ghi phân loại năm").click()
    page.get_by_label("Năm rà soát").select_option("2024")
    page.get_by_label("Phân loại").select_option(label="Hộ cận nghèo")
    page.get_by_label("Thu nhập bình quân (đồng/người/tháng)").fill("1400000")
    page.get_by_role("button", name="Ghi phân loại năm 2024").click()
    expect(page.get_by_text("Đã ghi phân loại năm 2024: Hộ cận nghèo.")).to_be_visible()
    expect(page.get_by_role("cell", name="Hộ cận nghèo").first).to_be_visible()
