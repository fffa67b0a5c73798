"""Allocation decisions and their amounts sent twice: recorded once, the second told why."""

import datetime

from django.urls import reverse

from budgets.services import create_decision
from tests.budgets.factories import source, sub_project

DECISION = {"number": "1096/QĐ-UBND", "date": "2023-05-12", "issuer": "UBND huyện Hạ Hòa",
            "title": "Giao vốn năm 2023"}


def test_a_decision_form_sent_twice_records_one_decision(client_as, finance, own_unit):
    client, url = client_as(finance), reverse("budgets:decision-create")
    form = {"unit": own_unit.pk, **DECISION}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 200 and "đã tồn tại" in again.content.decode()
    assert own_unit.allocation_decisions.count() == 1


def test_an_allocation_form_sent_twice_adds_one_amount(client_as, finance, own_unit):
    decision = create_decision(own_unit, by=finance, number=DECISION["number"], date=datetime.date(2023, 5, 12),
                               issuer=DECISION["issuer"])
    client, url = client_as(finance), reverse("budgets:decision-detail", args=[decision.pk])
    form = {"unit": own_unit.pk, "year": "2023", "sub_project": sub_project().pk, "funding_source": source().pk,
            "amount": "150.000.000"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert again.status_code == 200 and "Quyết định đã có khoản giao" in again.content.decode()
    assert decision.allocations.count() == 1


def test_an_estimate_form_sent_twice_creates_one_estimate(client_as, finance, own_unit):
    client, url = client_as(finance), reverse("budgets:estimate-create")
    form = {"unit": own_unit.pk, "year": "2024", "title": "Dự toán kinh phí  hội nghị đối thoại năm 2024",
            "sub_project": sub_project().pk, "display_unit": "1"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form | {"title": "dự toán kinh phí hội nghị đối thoại năm 2024"})
    assert again.status_code == 200
    assert "Đơn vị đã có dự toán «dự toán kinh phí hội nghị đối thoại năm 2024» năm 2024" in again.content.decode()
    assert own_unit.estimates.count() == 1


def test_a_group_sent_twice_is_added_once(client_as, finance, estimate):
    client, url = client_as(finance), reverse("budgets:group-add", args=[estimate.pk])
    for title in ("Hội nghị tập huấn", "  hội nghị tập huấn"):
        client.post(url, {"title": title, "sub_project": ""})
    page = client.get(reverse("budgets:estimate-detail", args=[estimate.pk])).content.decode()
    assert "Dự toán đã có nhóm «Hội nghị tập huấn»; không thêm lại." in page
    assert estimate.groups.filter(title="Hội nghị tập huấn").count() == 1


def test_a_line_sent_twice_is_added_once_and_a_different_one_still_goes_in(client_as, finance, estimate):
    group = estimate.groups.first()
    client, url = client_as(finance), reverse("budgets:line-add", args=[group.pk])
    line = {"content": "Hoa tươi", "unit_of_measure": "lẵng", "quantity": "2", "days": "", "unit_price": "300.000",
            "funding_source": source().pk, "note": ""}
    assert client.post(url, line).status_code == 302
    again = client.post(url, line | {"content": "hoa tươi "})
    assert again.status_code == 200 and "Nhóm đã có dòng «Hoa tươi»" in again.content.decode()
    assert client.post(url, line | {"quantity": "3"}).status_code == 302
    assert group.lines.filter(content="Hoa tươi").count() == 2
