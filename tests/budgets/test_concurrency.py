"""Forms of the finance office sent several times at the same moment: written once, the rest told why.

Needs real concurrent transactions, so it runs on PostgreSQL only (CI sets DATABASE_URL).
"""

import pytest
from django.db import connection
from django.urls import reverse

from audit.models import AuditEntry
from tests.threads import post_at_once

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
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
