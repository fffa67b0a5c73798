"""Commune staff run a dialogue on a phone: fill it from suggestions, print the sheet, check in
(one tap while offline), record a petition; an officer then reads the plan's result report."""

import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from dialogues.models import Attendee, Petition, PetitionStatus, SessionStatus
from tests.dialogues.conftest import make_household
from tests.dialogues.factories import ScheduledSessionFactory
from tests.e2e.journey import log_in
from tests.factories import IssuingBodyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HOUSEHOLDS = [("Y Bích", "F", "27", "poor"), ("Lò Thị Ba", "F", "01", "near_poor"),
              ("A Blúp", "M", "14", "newly_escaped"), ("Trần Văn Năm", "M", "01", "poor"),
              ("Đinh Thị Sáu", "F", "06", "near_poor"), ("Phạm Văn Bảy", "M", "01", "middle"),
              ("Hà Thị Tám", "F", "01", "")]


def _new_page(browser, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


@pytest.fixture
def plan_session(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan

    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)
    for name, gender, ethnic, klass in HOUSEHOLDS:
        make_household(own_unit, name=name, gender=gender, ethnic=ethnic, klass=klass)
    return ScheduledSessionFactory(commune=own_unit, plan=plan, target=5,
                                   venue="Nhà văn hóa thôn Đồng Xuân")


def _fill_from_suggestions(page, live_server, session):
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/dang-ky/")
    suggestions = page.get_by_test_id("suggestions")
    assert "Chủ hộ là nữ (+3)" in suggestions.inner_text()
    page.locator("#consent").check()
    page.get_by_role("button", name="Đăng ký đủ 5 người theo gợi ý").click()
    page.get_by_text("Đã đăng ký thêm 5 người theo thứ tự ưu tiên.").wait_for()
    assert page.get_by_test_id("count").inner_text() == "5"
    assert page.get_by_text("Đã đủ số lượng").is_visible()
    return list(Attendee.objects.filter(session=session).values_list("full_name", flat=True))


def _print_sign_in_sheet(page, context, live_server, session, names):
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/")
    href = page.get_by_role("link", name="Danh sách ký (PDF)").get_attribute("href")
    response = context.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ" in " ".join(text.split())
    for name in names:
        assert name in text
    # Five registered rows, then five blank rows numbered on for walk-ins.
    numbers = [int(n) for n in re.findall(r"^(\d{1,2})\b", text, flags=re.M)]
    assert set(range(1, 11)) <= set(numbers)


def _check_in(page, context, live_server, session):
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/diem-danh/")
    status = page.locator("#sync-status")
    buttons = page.locator("button[data-attendee]")
    assert buttons.count() == 5
    buttons.nth(0).click()
    buttons.nth(1).click()
    expect(page.locator("#present-count")).to_have_text("2")
    status.get_by_text("Đã lưu tất cả.").wait_for()

    context.set_offline(True)
    buttons.nth(2).click()
    status.get_by_text("Chưa gửi được 1 thao tác").wait_for()
    assert buttons.nth(2).get_attribute("aria-pressed") == "true"
    assert Attendee.objects.filter(session=session, present=True).count() == 2
    context.set_offline(False)
    expect(page.locator("#present-count")).to_have_text("3")
    status.get_by_text("Đã lưu tất cả.").wait_for()
    assert Attendee.objects.filter(session=session, present=True).count() == 3

    page.reload()
    assert page.locator("#present-count").inner_text() == "3"
    assert page.locator("button[data-attendee][aria-pressed='true']").count() == 3


def _record_petition(page, live_server, session):
    page.goto(f"{live_server.url}/doi-thoai/{session.pk}/y-kien/them/")
    page.get_by_label("Người nêu ý kiến").fill("Bà Y Bích")
    page.get_by_label("Lĩnh vực").select_option("housing")
    page.get_by_label("Nội dung ý kiến, kiến nghị").fill("Đề nghị hỗ trợ sửa nhà cho hộ nghèo thôn Đồng Xuân.")
    page.get_by_label("Tình trạng").select_option("in_writing")
    page.get_by_label("Hạn trả lời").fill("2026-12-31")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Đã ghi ý kiến, kiến nghị.").wait_for()
    petition = Petition.objects.get(session=session)
    assert petition.status == PetitionStatus.IN_WRITING and petition.due_date == datetime.date(2026, 12, 31)
    page.get_by_role("button", name="Đánh dấu đã tổ chức").click()
    page.get_by_text("Hội nghị chuyển sang «Đã tổ chức».").wait_for()


def test_staff_fill_print_check_in_offline_and_record_then_officer_reads_the_report(
        browser, live_server, commune_staff, officer, plan_session):
    session = plan_session
    context, page = _new_page(browser, PHONE)
    log_in(page, live_server.url, commune_staff.username)
    names = _fill_from_suggestions(page, live_server, session)
    assert len(names) == 5 and "Phạm Văn Bảy" not in names
    _print_sign_in_sheet(page, context, live_server, session, names)
    _check_in(page, context, live_server, session)
    _record_petition(page, live_server, session)
    context.close()
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD

    context, page = _new_page(browser, {"width": 1366, "height": 900})
    log_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/doi-thoai/ke-hoach/{session.plan_id}/bao-cao/")
    figures = page.get_by_test_id("figures")
    held = figures.locator("div.border", has_text="Hội nghị đã tổ chức")
    assert held.locator(".fs-4").inner_text() == "1/1"
    present = figures.locator("div.border", has_text="Người dân có mặt")
    assert present.locator(".fs-4").inner_text() == "3"
    assert "kế hoạch 5" in present.inner_text()
    assert figures.locator("div.border", has_text="Ý kiến").locator(".fs-4").inner_text().startswith("1")
    assert page.locator("svg[role=img]").count() >= 3
    row = page.locator("table tbody tr", has_text=session.commune.name)
    assert row.locator("td").nth(4).inner_text() == "3"
    context.close()


def test_a_background_document_shows_progress_then_its_download(browser, live_server, commune_staff, own_unit,
                                                                 settings, tmp_path):
    from dialogues.models import DocumentJob, JobKind, JobStatus

    settings.MEDIA_ROOT = tmp_path

    session = ScheduledSessionFactory(commune=own_unit)
    job = DocumentJob.objects.create(kind=JobKind.INVITATIONS, session=session, requested_by=commune_staff,
                                     fingerprint="x", filename="giay-moi-ha-hoa-2026.pdf", status=JobStatus.RUNNING,
                                     progress=30)
    context, page = _new_page(browser, PHONE)
    log_in(page, live_server.url, commune_staff.username)
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "30"
    DocumentJob.objects.filter(pk=job.pk).update(progress=70)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "70")
    from django.core.files.base import ContentFile

    job.file.save("e2e.pdf", ContentFile(b"%PDF-1.4 e2e"), save=False)
    DocumentJob.objects.filter(pk=job.pk).update(file=job.file.name, status=JobStatus.DONE, progress=100)
    page.get_by_text("Tệp đã sẵn sàng.").wait_for()
    link = page.get_by_role("link", name="Tải về giay-moi-ha-hoa-2026.pdf")
    assert context.request.get(f"{live_server.url}{link.get_attribute('href')}").body() == b"%PDF-1.4 e2e"
    context.close()
