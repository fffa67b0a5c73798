"""Pages fed what offices really have: 400 attendees with long names on a phone, a slow rural
connection, and a new officer whose lists are all empty. Usable, no sideways scrolling, no text
out of its cell, no console error."""

import pytest
from playwright.sync_api import expect

from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.e2e.journey import log_in
from tests.e2e.test_every_page import PAGE_CHECKS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 64 characters: the longest names of the registries we have seen, and more.
LONG_NAME = "Nguyễn Thị Hoàng Phương Thảo Bích Ngọc Minh Châu Thanh Hương Lan"
LONG_VILLAGE = "Tổ dân phố số 12, Khu tái định cư Thủy điện Buôn Kuốp"
THROTTLED = {"offline": False, "latency": 300, "downloadThroughput": 700 * 1024 // 8,
             "uploadThroughput": 700 * 1024 // 8}


def _watch(page) -> list[str]:
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"script: {e}"))
    # A request still running when the next page opens (the favicon, low in the browser's queue)
    # is aborted by the browser: not a failure of the page (as tests/e2e/test_every_page.py reads it).
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
            and errors.append(f"request failed: {r.url}: {r.failure}"))
    return errors


def _login(page, base: str, user) -> None:
    log_in(page, base, user.username)


def _look(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status < 400, f"{url}: {response.status}"
    return [f"{url}: {problem}" for problem in page.evaluate(PAGE_CHECKS)["problems"]]


def test_a_session_of_400_with_long_names_reads_on_a_phone(page, live_server, commune_staff, own_unit):
    session = ScheduledSessionFactory(commune=own_unit, target=400, venue=LONG_VILLAGE)
    for number in range(400):
        long = number % 25 == 0
        AttendeeFactory(session=session, full_name=LONG_NAME if long else f"Hà Văn Mười {number}",
                        village=LONG_VILLAGE if long else "Thôn Nà Lừa")
    errors = _watch(page)
    _login(page, live_server.url, commune_staff)
    problems = []
    for path in (f"/doi-thoai/{session.pk}/", f"/doi-thoai/{session.pk}/diem-danh/",
                 f"/doi-thoai/{session.pk}/dang-ky/", "/doi-thoai/"):
        problems += _look(page, live_server.url + path)
    assert not problems and not errors, "\n".join(problems + errors)
    # The long name is all there, on a phone, on the check-in list.
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/diem-danh/")
    expect(page.get_by_text(LONG_NAME).first).to_be_visible()


def test_check_in_loads_and_searches_over_a_slow_rural_connection(page, live_server, commune_staff,
                                                                   own_unit):
    session = ScheduledSessionFactory(commune=own_unit, target=120)
    AttendeeFactory(session=session, full_name="Y Bích", village="Buôn Ea Kmar")
    for number in range(119):
        AttendeeFactory(session=session, full_name=f"Hà Văn Mười {number}", village="Thôn Nà Lừa")
    errors = _watch(page)
    _login(page, live_server.url, commune_staff)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", THROTTLED)
    page.set_default_timeout(30_000)
    assert not _look(page, f"{live_server.url}/doi-thoai/{session.pk}/diem-danh/")
    page.get_by_label("Tìm theo tên, thôn hoặc mã hộ (không cần gõ dấu)").fill("y bich")
    expect(page.locator("#checkin ul.list-group:not(#walk-ins) > li:visible")).to_have_count(1)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_new_officer_with_nothing_yet_sees_empty_states_not_broken_pages(page, live_server,
                                                                          commune_staff, width):
    page.set_viewport_size({"width": width, "height": 844})
    errors = _watch(page)
    _login(page, live_server.url, commune_staff)
    problems = []
    for path in ("/", "/doi-thoai/", "/doi-thoai/y-kien/", "/ho-gia-dinh/", "/ke-hoach/", "/kinh-phi/"):
        problems += _look(page, live_server.url + path)
        text = page.locator("main").inner_text()
        assert "Chưa có" in text or "Không có" in text or "chưa có" in text, f"{path}: no empty state\n{text[:400]}"
    assert not problems and not errors, "\n".join(problems + errors)
