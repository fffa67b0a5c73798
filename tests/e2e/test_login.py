"""Each role logs in through the real login form and lands on its own home page."""

import pytest

from areas.models import Role
from tests.factories import TEST_PASSWORD, AssignmentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# role → a task card only that role's home page shows
EXPECTED_CARD = {
    Role.PLANNER: "Cơ quan ban hành",
    Role.COMMUNE_STAFF: "Đơn vị hành chính",
    Role.FINANCE: "Cơ quan ban hành",
    Role.LEADER: "Cơ quan ban hành",
    Role.ADMIN: "Văn bản mẫu",
}


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    assert "/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("role", list(Role))
def test_each_role_logs_in_and_sees_its_home_page(page, live_server, own_unit, role):
    user = AssignmentFactory(role=role, unit=own_unit).user
    _log_in(page, live_server, user.username)
    section = page.locator(f"section[data-role='{role.label}']")
    assert section.is_visible()
    assert section.get_by_role("heading", name=EXPECTED_CARD[role]).is_visible()
    others = [r for r in Role if r != role]
    for other in others:
        assert page.locator(f"section[data-role='{other.label}']").count() == 0
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Danh mục").click()
    admin_link = page.get_by_role("link", name="Quản trị hệ thống")
    assert admin_link.count() == (1 if role == Role.ADMIN else 0)


def test_wrong_password_shows_a_vietnamese_error(page, live_server, own_unit):
    user = AssignmentFactory(role=Role.PLANNER, unit=own_unit).user
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    error = page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng")
    error.wait_for()
    assert error.is_visible()


def test_the_sign_in_page_is_styled_by_its_inline_stylesheet_within_the_policy(page, live_server,
                                                                              own_unit):
    """The page links no stylesheet: its inline one (under the CSP nonce) must style it, errors
    included, and the stylesheets it fetches for the next page must reach the home page."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    user = AssignmentFactory(role=Role.PLANNER, unit=own_unit).user
    page.goto(f"{live_server.url}/dang-nhap/")
    button = page.get_by_role("button", name="Đăng nhập")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(13, 110, 253)"
    field = page.get_by_label("Tên đăng nhập")
    assert field.evaluate("f => getComputedStyle(f).borderTopStyle") == "solid"
    page.get_by_role("button", name="Đăng nhập").click()
    feedback = page.locator(".invalid-feedback").first
    feedback.wait_for()
    assert feedback.evaluate("e => getComputedStyle(e).color") == "rgb(220, 53, 69)"
    _log_in(page, live_server, user.username)
    navbar = page.locator(".app-navbar")
    assert navbar.evaluate("n => getComputedStyle(n).backgroundColor") == "rgb(11, 79, 138)"
    assert violations == []
