"""An officer drafts a plan in the browser and submits it; a leader approves and issues it."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from areas.models import Role
from documents.dates import vn_date_text
from plans.models import Plan
from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory
from tests.dialogues.factories import ScheduledSessionFactory
from tests.e2e.journey import log_in
from tests.factories import AssignmentFactory, IssuingBodyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_drafts_and_submits_leader_approves_and_issues(browser, live_server, own_unit):
    body = IssuingBodyFactory(unit=own_unit)
    officer = AssignmentFactory(role=Role.PLANNER, unit=own_unit).user
    leader = AssignmentFactory(role=Role.LEADER, unit=own_unit).user
    group = EstimateGroupFactory(estimate__unit=own_unit, estimate__year=2026)  # finance's
    EstimateLineFactory(group=group, quantity=50, unit_price=100_000)
    estimate = group.estimate
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)

    log_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/ke-hoach/tao-moi/")
    page.get_by_label("Tổ chức hội nghị đối thoại chính sách tại các xã").check()
    page.get_by_label("Cơ quan ban hành").select_option(str(body.pk))
    page.get_by_label("Năm kế hoạch").fill("2026")
    page.get_by_role("button", name="Tạo bản dự thảo").click()
    page.wait_for_url(re.compile(r"/soan-thao/$"))

    first_bullet = page.locator(".outline-row.depth-4 textarea").first
    first_bullet.fill("Tuyên truyền chính sách cho hộ nghèo ở thôn Đồng Xuân.")
    page.get_by_text(re.compile("Đã lưu lúc")).wait_for()
    preview = page.frame_locator("#preview")
    preview.get_by_text("thôn Đồng Xuân").wait_for()

    page.get_by_role("tab", name="Thông tin chung, ký, nơi nhận").click()
    page.get_by_label("Người ký", exact=True).fill("Ngô Anh Vũ")
    page.locator("#header-status").get_by_text("Đã lưu").wait_for()
    with page.expect_response(lambda response: "/soan-thao/thong-tin/" in response.url):
        page.get_by_label("Dự toán kinh phí").select_option(str(estimate.pk))

    # The commune schedules the dialogue: the live block has something to show (an issued
    # plan never prints the app's own notes).
    ScheduledSessionFactory(commune=own_unit, plan=Plan.objects.get(created_by=officer))

    page.get_by_role("link", name="Kiểm tra và trình").click()
    assert page.locator("#checks .badge", has_text="Lỗi").count() == 0
    page.get_by_role("button", name="Trình lãnh đạo").click()
    page.get_by_text("Đã trình kế hoạch").wait_for()
    plan_url = page.url
    page.get_by_role("button", name=re.compile(officer.last_name)).click()
    page.get_by_role("button", name="Đăng xuất").click()

    log_in(page, live_server.url, leader.username)
    page.goto(plan_url)
    page.get_by_role("button", name="Phê duyệt").click()
    page.get_by_text("Đã phê duyệt kế hoạch").wait_for()
    # The form offers today (an issue date may not precede the approval, which was just now).
    page.get_by_role("link", name="Cấp số và ban hành").click()
    assert page.locator("#issue-number").inner_text() == "01/KH-UBND"  # shown, not yet taken
    for box in page.get_by_role("checkbox").all():  # each warning acknowledged
        box.check()
    page.get_by_role("button", name="Cấp số và ban hành").click()
    page.get_by_text("Đã ban hành kế hoạch").wait_for()
    assert page.get_by_text("01/KH-UBND").first.is_visible()

    pdf_url = page.get_by_role("link", name="PDF").get_attribute("href")
    pdf = context.request.get(f"{live_server.url}{pdf_url}").body()
    first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Số: 01/KH-UBND" in first_page
    assert vn_date_text(timezone.localdate()) in first_page
    context.close()
