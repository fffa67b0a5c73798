"""Forms of the finance office sent several times at the same moment: written once, the rest told why.

Needs real concurrent transactions, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from audit.models import Action, AuditEntry
from budgets.services import create_decision
from tests.budgets.factories import EstimateFactory, source, sub_project
from tests.budgets.test_double_submits import DECISION
from tests.budgets.test_import_confirmation import _preview
from tests.threads import post_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent inserts need PostgreSQL")]


def test_four_simultaneous_submits_of_one_voucher_record_one_payment(finance, estimate):
    line = estimate.lines.first()
    forms = [{"date": "2023-06-20", "voucher_number": number, "amount": "2.000.000", "note": ""}
             for number in ("PC 09", "PC 09", "pc-09", "PC09")]
    responses = post_at_once(finance, reverse("budgets:line-disbursements", args=[line.pk]), forms)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    refused = [r.content.decode() for r in responses if r.status_code == 200]
    assert all("đã được ghi cho dòng này ngày 20/06/2023 (2.000.000 đồng)" in page for page in refused)
    assert line.disbursements.count() == 1
    assert AuditEntry.objects.filter(object_type="budgets.Disbursement").count() == 1


def test_four_simultaneous_confirmations_of_one_import_import_once(client_as, finance, estimate):
    target = EstimateFactory(unit=estimate.unit, title="Dự toán năm 2024")
    token = _preview(client_as(finance), target, estimate)
    url = reverse("budgets:estimate-import-confirm", args=[target.pk])
    pages = [r.content.decode() for r in post_at_once(finance, url, [{"token": token}] * 4, follow=True)]
    assert sum("Đã nhập: thêm 3 dòng, sửa 0 dòng, bỏ 0 dòng." in page for page in pages) == 1
    assert sum("Tệp này đã được nhập vào dự toán lúc" in page for page in pages) == 3
    assert target.lines.count() == 3
    assert AuditEntry.objects.filter(action=Action.IMPORT, object_id=str(target.pk)).count() == 1


def test_four_simultaneous_decision_forms_record_one_decision(finance, own_unit):
    forms = [{"unit": own_unit.pk, **DECISION}] * 4
    responses = post_at_once(finance, reverse("budgets:decision-create"), forms)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert all("1096/QĐ-UBND" in r.content.decode() for r in responses if r.status_code == 200)
    assert own_unit.allocation_decisions.count() == 1


def test_four_simultaneous_allocation_forms_add_one_amount(finance, own_unit):
    decision = create_decision(own_unit, by=finance, number=DECISION["number"], date=datetime.date(2023, 5, 12),
                               issuer=DECISION["issuer"])
    form = {"unit": own_unit.pk, "year": "2023", "sub_project": sub_project().pk, "funding_source": source().pk,
            "amount": "150.000.000"}
    responses = post_at_once(finance, reverse("budgets:decision-detail", args=[decision.pk]), [form] * 4)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert all("Quyết định đã có khoản giao" in r.content.decode() for r in responses if r.status_code == 200)
    assert decision.allocations.count() == 1


def test_four_simultaneous_sends_of_an_estimate_a_group_and_a_line_write_each_once(finance, own_unit, estimate):
    created = {"unit": own_unit.pk, "year": "2024", "title": "Dự toán năm 2024", "sub_project": sub_project().pk,
               "display_unit": "1"}
    responses = post_at_once(finance, reverse("budgets:estimate-create"), [created] * 4)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    post_at_once(finance, reverse("budgets:group-add", args=[estimate.pk]),
                 [{"title": "Hội nghị tập huấn", "sub_project": ""}] * 4)
    group = estimate.groups.first()
    line = {"content": "Hoa tươi", "unit_of_measure": "lẵng", "quantity": "2", "days": "", "unit_price": "300.000",
            "funding_source": source().pk, "note": ""}
    responses = post_at_once(finance, reverse("budgets:line-add", args=[group.pk]), [line] * 4)
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert own_unit.estimates.filter(title="Dự toán năm 2024").count() == 1
    assert estimate.groups.filter(title="Hội nghị tập huấn").count() == 1
    assert group.lines.filter(content="Hoa tươi").count() == 1
