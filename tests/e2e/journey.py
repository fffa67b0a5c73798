"""Steps every browser journey shares."""

from tests.factories import TEST_PASSWORD


def log_in(page, base_url: str, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the site's own form and wait for the home page."""
    page.goto(f"{base_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")
