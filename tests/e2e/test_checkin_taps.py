"""Check-in taps on a small phone: the list under the finger never moves while taps are sent,
held by a slow network, or stuck offline; quick taps in a row are all saved."""

import pytest
from playwright.sync_api import expect

from dialogues.models import Attendee
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory
from tests.e2e.journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 320, "height": 640}
NAMES = ["Y Bích", "Lò Thị Ba", "A Blúp", "Trần Văn Năm", "Đinh Thị Sáu"]


@pytest.fixture
def checkin_page(browser, live_server, commune_staff, own_unit):
    session = ScheduledSessionFactory(commune=own_unit)
    for name in NAMES:
        AttendeeFactory(session=session, full_name=name, village="Thôn Đồng Xuân")
    context = browser.new_context(locale="vi-VN", viewport=SMALL_PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, live_server.url, commune_staff.username)
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/diem-danh/")
    yield page, session
    context.close()


def _tops(page):
    """Where each tap button stands on the page (not in the window: the page may be scrolled)."""
    return page.eval_on_selector_all(
        "button[data-attendee]", "buttons => buttons.map(b => Math.round(b.getBoundingClientRect().top + scrollY))")


def test_the_list_stays_put_while_a_tap_is_sent_held_or_stuck_offline(checkin_page):
    page, session = checkin_page
    status = page.locator("#sync-status")
    expect(status).to_have_text("Đã lưu tất cả.")
    before = _tops(page)

    held = []  # a slow network: the tap's request waits until the test lets it go

    def hold(route):
        held.append(route)

    page.route("**/diem-danh/cham/", hold)
    page.locator("button[data-attendee]").nth(0).click()
    expect(status).to_have_text("Đang gửi 1 thao tác…")
    assert _tops(page) == before
    held[0].continue_()
    page.unroute("**/diem-danh/cham/")
    expect(status).to_have_text("Đã lưu tất cả.")
    assert _tops(page) == before

    page.context.set_offline(True)
    page.locator("button[data-attendee]").nth(1).click()
    expect(status).to_contain_text("Chưa gửi được 1 thao tác — sẽ tự gửi lại khi có mạng.")
    assert _tops(page) == before
    page.context.set_offline(False)
    expect(status).to_have_text("Đã lưu tất cả.")
    assert _tops(page) == before
    assert Attendee.objects.filter(session=session, present=True).count() == 2


def test_quick_taps_in_a_row_are_all_saved(checkin_page):
    page, session = checkin_page
    buttons = page.locator("button[data-attendee]")
    for i in range(len(NAMES)):
        buttons.nth(i).click()
    expect(page.locator("#present-count")).to_have_text(str(len(NAMES)))
    expect(page.locator("#sync-status")).to_have_text("Đã lưu tất cả.")
    assert Attendee.objects.filter(session=session, present=True).count() == len(NAMES)


def test_a_refused_walk_in_is_told_where_the_officer_is_looking_and_moves_nothing(checkin_page):
    """The message appeared above the list: off screen for someone at the walk-in form at the
    bottom, and it pushed the list down under the next tap."""
    page, session = checkin_page
    before = _tops(page)
    submit = page.get_by_role("button", name="Thêm và đánh dấu có mặt")
    submit.scroll_into_view_if_needed()
    submit.click()
    error = page.locator("#checkin-error")
    expect(error).to_contain_text("Cần nhập họ và tên người đến dự.")
    box, height = error.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] and box["y"] + box["height"] <= height  # in view, at the foot of the screen
    assert _tops(page) == before
    error.get_by_role("button", name="Đóng thông báo").click()
    expect(error).to_be_hidden()
    assert not Attendee.objects.filter(session=session, is_walk_in=True).exists()
