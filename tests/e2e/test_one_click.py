"""What a button or link opens is there after one click: the right tab, in view, ready to type."""

import pytest
from playwright.sync_api import expect

from areas.models import Role
from tests.budgets.factories import (
    EstimateFactory,
    EstimateGroupFactory,
    EstimateLineFactory,
    ensure_catalog,
)
from tests.e2e.journey import log_in
from tests.factories import AssignmentFactory, IssuingBodyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}
# Paragraphs as they come out of Word: numbered by hand, long, one of them over several lines.
WORD_TEXT = (
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Mục đích\n"
    "- Tổ chức đối thoại để người dân, nhất là hộ nghèo, hộ cận nghèo và hộ mới thoát nghèo ở "
    "các thôn đặc biệt khó khăn, được nghe giải thích và nêu ý kiến về chính sách giảm nghèo, "
    "về vay vốn, hỗ trợ sinh kế, đào tạo nghề, giới thiệu việc làm và hỗ trợ nhà ở; qua đó "
    "nắm bắt tâm tư, nguyện vọng, kịp thời giải quyết kiến nghị chính đáng của Nhân dân.\n"
    "- Nâng cao trách nhiệm người đứng đầu cấp ủy, chính quyền trong tiếp xúc, đối thoại "
    "trực tiếp với Nhân dân theo Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị.\n"
)


def _open(browser, live_server, user, viewport=DESK):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server.url, user.username)
    return context, page, errors


@pytest.fixture
def draft(officer, own_unit):
    from plans.models import PlanKind
    from plans.services import create_plan

    return create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, year=2026, by=officer,
                       issuing_body=IssuingBodyFactory(unit=own_unit))


def test_a_fix_link_to_the_signer_opens_the_editor_on_its_tab(browser, live_server, officer, draft):
    context, page, errors = _open(browser, live_server, officer)
    page.goto(f"{live_server.url}/ke-hoach/{draft.pk}/soan-thao/#header")
    page.locator("#tab-header.active.show").wait_for()
    assert page.get_by_label("Người ký", exact=True).is_visible()
    assert errors == []
    context.close()


def test_paragraphs_pasted_from_word_show_all_their_text(browser, live_server, officer, draft):
    context, page, errors = _open(browser, live_server, officer)
    page.goto(f"{live_server.url}/ke-hoach/{draft.pk}/soan-thao/")
    boxes = page.locator(".outline-row textarea")
    before = boxes.count()
    page.get_by_role("tab", name="Dán từ Word").click()
    page.locator("#paste-text").fill(WORD_TEXT)
    page.get_by_role("button", name="Thêm vào cuối nội dung").click()
    page.locator("#tab-outline.active.show").wait_for()
    boxes.nth(before + 3).wait_for()
    pasted = boxes.evaluate_all(
        f"areas => areas.slice({before}).map(a => [a.scrollHeight, a.clientHeight])")
    assert len(pasted) == 4
    for scroll_height, client_height in pasted:
        assert scroll_height <= client_height + 2  # nothing hidden below the box's edge
    long_paragraph = pasted[2]
    assert long_paragraph[1] > 2 * pasted[1][1]  # several lines tall, not one
    assert errors == []
    context.close()


def test_a_new_estimate_line_opens_in_view_ready_to_type(browser, live_server, own_unit):
    ensure_catalog()
    user = AssignmentFactory(role=Role.FINANCE, unit=own_unit).user
    estimate = EstimateFactory(unit=own_unit, title="Dự toán hội nghị đối thoại năm 2026")
    for commune in ["Đan Thượng", "Yên Kỳ", "Xuân Áng"]:
        group = EstimateGroupFactory(estimate=estimate, title=f"Hội nghị đối thoại tại xã {commune}")
        for _ in range(8):
            EstimateLineFactory(group=group)
    context, page, errors = _open(browser, live_server, user)
    page.goto(f"{live_server.url}{estimate.get_absolute_url()}")
    page.get_by_role("link", name="Thêm dòng vào nhóm I", exact=True).click()
    field = page.locator("#editor").get_by_label("Nội dung chi")
    field.wait_for()
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport(ratio=1)  # Bootstrap scrolls smoothly: waits for the end
    assert errors == []
    context.close()
