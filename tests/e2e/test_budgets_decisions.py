"""A finance officer corrects a saved allocation decision and sees the change in its history."""

import pytest

from areas.models import Role
from tests.budgets.factories import AllocationDecisionFactory, AllocationFactory, ensure_catalog
from tests.e2e.journey import log_in
from tests.factories import AssignmentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_finance_officer_corrects_a_decision_number_and_date(page, live_server, own_unit):
    ensure_catalog()
    user = AssignmentFactory(role=Role.FINANCE, unit=own_unit).user
    decision = AllocationDecisionFactory(unit=own_unit, number="1096/QĐ-UBND")
    AllocationFactory(decision=decision)

    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}{decision.get_absolute_url()}")
    page.get_by_role("link", name="Sửa quyết định").click()

    page.get_by_label("Số, ký hiệu").fill("1096 QĐ UBND")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("không đúng mẫu").wait_for()

    page.get_by_label("Số, ký hiệu").fill("1097/QĐ-UBND")
    page.get_by_label("Ngày ban hành").fill("2023-05-15")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu quyết định.").wait_for()
    assert "Quyết định số 1097/QĐ-UBND ngày 15/05/2023" in page.locator("h1").inner_text()
    history = page.locator("#decision-history").inner_text()
    assert "Số, ký hiệu: 1096/QĐ-UBND → 1097/QĐ-UBND" in history
    assert "Ngày ban hành: 12/05/2023 → 15/05/2023" in history
    assert page.locator("table tbody tr").count() == 1  # the allocated amount is kept
