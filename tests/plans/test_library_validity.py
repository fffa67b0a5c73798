"""The citations library keeps each document's validity and default use, editable by the
administrator (logged), shown on the library page."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from plans.models import CitedDocument

pytestmark = pytest.mark.django_db


def test_the_library_page_shows_validity_and_defaults(client_as, officer):
    ended = CitedDocument.objects.create(kind="state", doc_type="Quyết định", number="90/QĐ-TTg",
                                         title="phê duyệt", valid_to=datetime.date(2025, 12, 31))
    html = client_as(officer).get(reverse("plans:library-list") + "?q=90").content.decode()
    assert "Hiệu lực đến 31/12/2025" in html and str(ended.number) in html
    html = client_as(officer).get(reverse("plans:library-list") + "?q=417").content.decode()
    assert "Căn cứ mặc định" in html and "Hiệu lực từ 31/01/2026 đến 31/12/2030" in html


def test_the_administrator_sets_a_documents_defaults_and_the_change_is_logged(client_as, administrator):
    administrator.is_staff = True
    administrator.save()
    document = CitedDocument.objects.get(number="25/2025/QĐ-TTg")
    client = client_as(administrator)
    page = client.get(f"/admin/plans/citeddocument/{document.pk}/change/")
    assert page.status_code == 200 and "Căn cứ mặc định của kế hoạch" in page.content.decode()
    data = {"kind": "legal", "doc_type": "Quyết định", "number": "25/2025/QĐ-TTg", "date": "2025-07-22",
            "issuer": "Thủ tướng Chính phủ", "title": document.title, "valid_from": "2025-09-15",
            "valid_to": "", "default_levels": ["province"], "default_kinds": ["yearly_implementation"],
            "default_order": 7}
    response = client.post(f"/admin/plans/citeddocument/{document.pk}/change/", data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.default_levels, document.default_kinds) == (["province"], ["yearly_implementation"])
    entry = AuditEntry.objects.filter(object_type="plans.CitedDocument", object_id=str(document.pk)).get()
    assert entry.changes["default_levels"][1] == "['province']"
    wrong = client.post(f"/admin/plans/citeddocument/{document.pk}/change/",
                        {**data, "valid_to": "2020-01-01"})
    assert "Ngày hết hiệu lực phải sau" in wrong.content.decode()
