"""A payment stays within its line's remaining amount unless the finance officer records why it may not."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from budgets.services import record_disbursement


def _pay(voucher, amount, reason=""):
    return {"date": "2023-06-20", "voucher_number": voucher, "amount": amount, "note": "",
            "overrun_reason": reason}


def test_a_payment_over_the_remaining_amount_is_refused_with_the_figures(client_as, finance, estimate):
    line = estimate.lines.get(content="Nước uống")  # 60 × 40.000 = 2.400.000 đồng
    client, url = client_as(finance), reverse("budgets:line-disbursements", args=[line.pk])
    assert client.post(url, _pay("PC 01", "2.000.000")).status_code == 302
    page = client.post(url, _pay("PC 02", "500.000"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Khoản chi 500.000 đồng vượt phần còn lại của dòng «Nước uống» (400.000 đồng) 100.000 đồng" in text
    assert list(line.disbursements.values_list("amount", flat=True)) == [2_000_000]


def test_an_overrun_with_its_reason_is_recorded_and_audited(client_as, finance, estimate):
    line = estimate.lines.get(content="Nước uống")
    client, url = client_as(finance), reverse("budgets:line-disbursements", args=[line.pk])
    reason = "Số đại biểu thực tế 70 người (Biên bản ngày 20/6/2023)"
    assert client.post(url, _pay("PC 09", "2.800.000", reason)).status_code == 302
    payment = line.disbursements.get()
    assert payment.overrun_reason == reason
    entry = AuditEntry.objects.get(object_type="budgets.Disbursement")
    assert entry.changes == {"amount": 2_800_000, "overrun": 400_000, "overrun_reason": reason}
    page = client.get(url).content.decode()
    assert "Chi vượt dòng dự toán: " + reason in page


def test_a_payment_that_fits_keeps_no_reason(finance, estimate):
    line = estimate.lines.get(content="Nước uống")
    payment = record_disbursement(line, by=finance, date=datetime.date(2023, 6, 20), voucher_number="PC 1",
                                  amount=2_400_000, overrun_reason="không cần")
    assert payment.overrun_reason == ""


def test_only_the_finance_role_may_pay_at_all(client_as, officer, estimate):
    line = estimate.lines.first()
    url = reverse("budgets:line-disbursements", args=[line.pk])
    assert client_as(officer).post(url, _pay("PC 1", "1.000", "lý do")).status_code == 403
    with pytest.raises(PermissionDenied):
        record_disbursement(line, by=officer, date=datetime.date(2023, 6, 20), voucher_number="PC 1",
                            amount=1_000, overrun_reason="x")
    assert not line.disbursements.exists()


def test_the_service_refuses_an_overrun_without_reason(finance, estimate):
    line = estimate.lines.get(content="Nước uống")
    with pytest.raises(ValidationError):
        record_disbursement(line, by=finance, date=datetime.date(2023, 6, 20), voucher_number="PC 5",
                            amount=2_400_001)
    assert not line.disbursements.exists()
